import { createCompany } from './factories/records.factory.js';
import { validUscc } from './factories/uscc.factory.js';
import { Client, createTestApp, TestApp } from './support/test-app.js';

describe('companies', () => {
  let t: TestApp;
  let api: Client;
  beforeAll(async () => {
    t = await createTestApp();
    api = (await t.newUser('OFFICER')).api;
  });
  afterAll(async () => {
    await t.close();
  });

  it('creates a company, storing the USCC trimmed and upper-cased', async () => {
    const uscc = validUscc();
    const res = await api
      .post('/api/v1/companies')
      .send({ name: '天津和平金融科技有限公司', uscc: `  ${uscc.toLowerCase()} `, industry: 'FINANCE', segments: ['FINANCE_FINTECH'], qualifications: ['HIGH_TECH'] })
      .expect(201);
    expect(res.body).toMatchObject({ name: '天津和平金融科技有限公司', uscc, industry: 'FINANCE', version: 1, qualifications: ['HIGH_TECH'] });
    expect(res.body.id).toMatch(/^[0-9a-f-]{36}$/);
    const got = await api.get(`/api/v1/companies/${res.body.id}`).expect(200);
    expect(got.body.uscc).toBe(uscc);
  });

  it('rejects a USCC with a wrong check character, naming the field', async () => {
    const uscc = validUscc();
    const wrong = uscc.slice(0, 17) + (uscc[17] === '0' ? '1' : '0');
    const res = await api.post('/api/v1/companies').send({ name: '错码公司', uscc: wrong }).expect(400);
    expect(res.body.details).toEqual([{ field: 'uscc', code: 'isUscc', message: expect.stringContaining('check character') }]);
  });

  it('refuses a second company with the same USCC with 409', async () => {
    const uscc = validUscc();
    await createCompany(api, { uscc });
    const res = await api.post('/api/v1/companies').send({ name: '重复公司', uscc: uscc.toLowerCase() }).expect(409);
    expect(res.body.message).toContain(uscc);
  });

  it('rejects unknown fields, bad enums, unknown industries and segments of another industry', async () => {
    const res = await api
      .post('/api/v1/companies')
      .send({ name: '校验公司', owner: 'me', qualifications: ['NOBEL'], originProvince: 'ATLANTIS' })
      .expect(400);
    const fields = res.body.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['owner', 'qualifications', 'originProvince']));

    const ind = await api.post('/api/v1/companies').send({ name: '校验公司', industry: 'MINING' }).expect(400);
    expect(ind.body.details[0].field).toBe('industry');

    const seg = await api
      .post('/api/v1/companies')
      .send({ name: '校验公司', industry: 'HEALTH', segments: ['FINANCE_FINTECH'] })
      .expect(400);
    expect(seg.body.details[0]).toMatchObject({ field: 'segments.0', message: expect.stringContaining('FINANCE') });
    const count = await t.dataSource.query("SELECT COUNT(*) AS n FROM companies WHERE name = '校验公司'");
    expect(Number(count[0].n)).toBe(0);
  });

  it('answers 404 for a missing company and 400 for a malformed id', async () => {
    await api.get('/api/v1/companies/01900000-0000-7000-8000-000000000000').expect(404);
    const bad = await api.get('/api/v1/companies/not-an-id').expect(400);
    expect(bad.body.details[0].field).toBe('id');
  });

  it('updates with the version read, and answers a stale version with 409 without losing the first edit', async () => {
    const c = await createCompany(api, { name: '版本公司' });
    const first = await api.patch(`/api/v1/companies/${c.id}`).send({ version: 1, originCity: '北京市' }).expect(200);
    expect(first.body.version).toBe(2);
    const stale = await api.patch(`/api/v1/companies/${c.id}`).send({ version: 1, originCity: '石家庄市' }).expect(409);
    expect(stale.body.message).toMatch(/stale version/);
    const now = await api.get(`/api/v1/companies/${c.id}`).expect(200);
    expect(now.body).toMatchObject({ originCity: '北京市', version: 2 });
    await api.patch(`/api/v1/companies/${c.id}`).send({ originCity: '天津' }).expect(400);
  });

  it('finds companies by a Chinese substring of the name, by USCC and by filters', async () => {
    const uscc = validUscc();
    const a = await createCompany(api, { name: '京津冀协同大数据有限公司', industry: 'SMART_TECH', originProvince: 'HEBEI', uscc });
    await createCompany(api, { name: '和平区某餐饮管理有限公司', industry: 'TRADE', originProvince: 'TIANJIN' });
    const byName = await api.get('/api/v1/companies').query({ q: '大数据' }).expect(200);
    expect(byName.body.items.map((c: { id: string }) => c.id)).toEqual([a.id]);
    const byUscc = await api.get('/api/v1/companies').query({ q: uscc }).expect(200);
    expect(byUscc.body.items.map((c: { id: string }) => c.id)).toEqual([a.id]);
    const filtered = await api.get('/api/v1/companies').query({ industry: 'SMART_TECH', originProvince: 'HEBEI' }).expect(200);
    expect(filtered.body.items.map((c: { id: string }) => c.id)).toContain(a.id);
    expect(filtered.body.items.every((c: { industry: string }) => c.industry === 'SMART_TECH')).toBe(true);
    const pct = await api.get('/api/v1/companies').query({ q: '%' }).expect(200);
    expect(pct.body.items).toEqual([]);
  });

  it('pages with a keyset cursor that stays stable when rows are added meanwhile', async () => {
    const tag = `翻页${Date.now()}`;
    const made: string[] = [];
    for (let i = 0; i < 5; i++) made.push((await createCompany(api, { name: `${tag}公司${i}` })).id);
    const page1 = await api.get('/api/v1/companies').query({ q: tag, limit: 2 }).expect(200);
    expect(page1.body.items).toHaveLength(2);
    await createCompany(api, { name: `${tag}公司新` });
    const seen = [...page1.body.items.map((c: { id: string }) => c.id)];
    let cursor = page1.body.nextCursor;
    while (cursor) {
      const page = await api.get('/api/v1/companies').query({ q: tag, limit: 2, cursor }).expect(200);
      seen.push(...page.body.items.map((c: { id: string }) => c.id));
      cursor = page.body.nextCursor;
    }
    expect(seen).toEqual([...made].reverse());
  });

  it('rejects a limit above 200 and a forged cursor', async () => {
    const res = await api.get('/api/v1/companies').query({ limit: 500 }).expect(400);
    expect(res.body.details[0].field).toBe('limit');
    const forged = await api.get('/api/v1/companies').query({ cursor: 'bm90LWEtY3Vyc29y' }).expect(400);
    expect(forged.body.details[0].field).toBe('cursor');
    await api.get('/api/v1/companies').query({ sort: 'salary' }).expect(400);
  });

  it('sorts by name with a cursor', async () => {
    const tag = `排序${Date.now()}`;
    for (const n of ['丙', '甲', '乙']) await createCompany(api, { name: `${tag}${n}` });
    const p1 = await api.get('/api/v1/companies').query({ q: tag, sort: 'name', limit: 2 }).expect(200);
    const p2 = await api.get('/api/v1/companies').query({ q: tag, sort: 'name', limit: 2, cursor: p1.body.nextCursor }).expect(200);
    const names = [...p1.body.items, ...p2.body.items].map((c: { name: string }) => c.name);
    expect(names).toEqual([...names].sort());
    expect(names).toHaveLength(3);
  });
});
