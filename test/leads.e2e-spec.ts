import { createCompany, createLead } from './factories/records.factory.js';
import { Client, createTestApp, TestApp } from './support/test-app.js';

describe('leads', () => {
  let t: TestApp;
  let api: Client;
  beforeAll(async () => {
    t = await createTestApp();
    api = (await t.newUser('OFFICER')).api;
  });
  afterAll(async () => {
    await t.close();
  });

  it('captures a lead as NEW with the phone number normalised', async () => {
    const res = await api
      .post('/api/v1/leads')
      .send({ companyName: '北京智算科技有限公司', source: 'MATCHMAKING_EVENT', contactName: '王经理', contactPhone: '+86 138-1234-5678', industry: 'SMART_TECH', originProvince: 'BEIJING' })
      .expect(201);
    expect(res.body).toMatchObject({ status: 'NEW', contactPhone: '13812345678', source: 'MATCHMAKING_EVENT', version: 1 });
    expect(res.body).toHaveProperty('ownerId');
  });

  it('rejects a bad phone, a bad source and a bad email, field by field', async () => {
    const res = await api
      .post('/api/v1/leads')
      .send({ companyName: '坏数据公司', source: 'TELEPATHY', contactPhone: '12345', contactEmail: 'not-mail' })
      .expect(400);
    expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['contactEmail', 'contactPhone', 'source']);
  });

  it('moves through statuses by PATCH but never to CONVERTED by hand', async () => {
    const lead = await createLead(api);
    const contacted = await api.patch(`/api/v1/leads/${lead.id}`).send({ version: 1, status: 'CONTACTED' }).expect(200);
    expect(contacted.body).toMatchObject({ status: 'CONTACTED', version: 2 });
    const res = await api.patch(`/api/v1/leads/${lead.id}`).send({ version: 2, status: 'CONVERTED' }).expect(400);
    expect(res.body.details[0].field).toBe('status');
    await api.patch(`/api/v1/leads/${lead.id}`).send({ version: 2, ownerId: 'x' }).expect(400);
  });

  it('converts a lead into a new company and a project, once', async () => {
    const lead = await createLead(api, { companyName: '北京转化测试有限公司', industry: 'FINANCE', originProvince: 'BEIJING' });
    const res = await api
      .post(`/api/v1/leads/${lead.id}/convert`)
      .send({ projectName: '区域总部落户项目', relocation: { originProvince: 'BEIJING', function: 'REGIONAL_HQ' } })
      .expect(201);
    expect(res.body.lead).toMatchObject({ status: 'CONVERTED', projectId: res.body.project.id, companyId: res.body.company.id });
    expect(res.body.company).toMatchObject({ name: '北京转化测试有限公司', industry: 'FINANCE', originProvince: 'BEIJING' });
    expect(res.body.project).toMatchObject({ name: '区域总部落户项目', stage: 'NEGOTIATING', jingji: true, leadId: lead.id, industry: 'FINANCE' });

    const again = await api.post(`/api/v1/leads/${lead.id}/convert`).send({}).expect(409);
    expect(again.body.message).toMatch(/already converted/);
    const projects = await t.dataSource.query(`SELECT COUNT(*) AS n FROM projects WHERE lead_id = '${lead.id}'`);
    expect(Number(projects[0].n)).toBe(1);
  });

  it('converts two requests at once into exactly one project', async () => {
    const lead = await createLead(api, { industry: 'TRADE' });
    const results = await Promise.all([1, 2, 3].map(() => api.post(`/api/v1/leads/${lead.id}/convert`).send({})));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
  });

  it('links an existing company when given its id', async () => {
    const company = await createCompany(api, { industry: 'HEALTH' });
    const lead = await createLead(api);
    const res = await api.post(`/api/v1/leads/${lead.id}/convert`).send({ companyId: company.id }).expect(201);
    expect(res.body.company.id).toBe(company.id);
    expect(res.body.project.industry).toBe('HEALTH');
  });

  it('refuses to convert without any industry, and leaves nothing half-written', async () => {
    const lead = await createLead(api, { companyName: '无行业企业有限公司' });
    const res = await api.post(`/api/v1/leads/${lead.id}/convert`).send({}).expect(400);
    expect(res.body.details[0].field).toBe('industry');
    const companies = await t.dataSource.query("SELECT COUNT(*) AS n FROM companies WHERE name = '无行业企业有限公司'");
    expect(Number(companies[0].n)).toBe(0);
    const got = await api.get(`/api/v1/leads/${lead.id}`).expect(200);
    expect(got.body.status).toBe('NEW');
  });

  it('disqualifies with a reason; a disqualified lead cannot convert or change', async () => {
    const lead = await createLead(api, { industry: 'FINANCE' });
    await api.post(`/api/v1/leads/${lead.id}/disqualify`).send({}).expect(400);
    const res = await api.post(`/api/v1/leads/${lead.id}/disqualify`).send({ reason: '企业已选择其他城市' }).expect(200);
    expect(res.body).toMatchObject({ status: 'DISQUALIFIED', disqualifiedReason: '企业已选择其他城市' });
    await api.post(`/api/v1/leads/${lead.id}/convert`).send({}).expect(409);
    await api.patch(`/api/v1/leads/${lead.id}`).send({ version: res.body.version, notes: '再联系' }).expect(409);
    await api.post(`/api/v1/leads/${lead.id}/disqualify`).send({ reason: 'again' }).expect(409);
  });

  it('answers 404 for converting a lead that does not exist', async () => {
    await api.post('/api/v1/leads/01900000-0000-7000-8000-000000000000/convert').send({}).expect(404);
  });

  it('filters by status and source and searches the company name', async () => {
    const tag = `筛选${Date.now()}`;
    const a = await createLead(api, { companyName: `${tag}甲公司`, source: 'FAIR' });
    const b = await createLead(api, { companyName: `${tag}乙公司`, source: 'WALK_IN' });
    await api.post(`/api/v1/leads/${b.id}/disqualify`).send({ reason: '不符合产业方向' }).expect(200);
    const fair = await api.get('/api/v1/leads').query({ q: tag, source: 'FAIR' }).expect(200);
    expect(fair.body.items.map((l: { id: string }) => l.id)).toEqual([a.id]);
    const dq = await api.get('/api/v1/leads').query({ q: tag, status: 'DISQUALIFIED' }).expect(200);
    expect(dq.body.items.map((l: { id: string }) => l.id)).toEqual([b.id]);
    await api.get('/api/v1/leads').query({ status: 'MAYBE' }).expect(400);
  });
});
