import { districtDate } from '../src/common/time/district-clock.js';
import { createBuilding, createUnit } from './factories/buildings.factory.js';
import { createCompany, createLead, createProject, moveProject } from './factories/records.factory.js';
import { validUscc } from './factories/uscc.factory.js';
import { createTestApp, TestApp, TestUser } from './support/test-app.js';

describe('duplicate companies, merge and tagging', () => {
  let t: TestApp;
  let officer: TestUser;
  const tag = Date.now().toString(36).replace(/\d/g, (d) => '零一二三四五六七八九'[Number(d)]);

  beforeAll(async () => {
    t = await createTestApp();
    officer = await t.newUser('OFFICER');
  });
  afterAll(async () => {
    await t.close();
  });

  it('warns on create when a company of the same name without region and legal form exists, and still creates it', async () => {
    const first = await officer.api.post('/api/v1/companies').send({ name: `北京${tag}金融科技有限公司` }).expect(201);
    expect(first.body.warnings).toEqual([]);
    const second = await officer.api.post('/api/v1/companies').send({ name: `${tag}金融科技（北京）股份有限公司` }).expect(201);
    expect(second.body.warnings).toEqual([
      expect.objectContaining({ code: 'LIKELY_DUPLICATE', companyId: first.body.id, score: 1, name: `北京${tag}金融科技有限公司` }),
    ]);
    const similar = await officer.api.post('/api/v1/companies').send({ name: `天津${tag}金融科枝有限公司` }).expect(201);
    expect(similar.body.warnings.map((w: { companyId: string }) => w.companyId).sort()).toEqual([first.body.id, second.body.id].sort());
    const unrelated = await officer.api.post('/api/v1/companies').send({ name: `${tag}医疗器械贸易有限公司` }).expect(201);
    expect(unrelated.body.warnings).toEqual([]);
  });

  it('reports groups of likely duplicates with what hangs on each', async () => {
    const name = `${tag}报告测试`;
    const a = await createCompany(officer.api, { name: `${name}有限公司` });
    const b = await createCompany(officer.api, { name: `天津市${name}有限责任公司`, uscc: null });
    await createProject(officer.api, { companyId: a.id });
    const groups: { nameKey: string; reason: string; companies: { id: string; projectCount: number }[] }[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: typeof groups; nextCursor: string | null } = (
        await officer.api.get(`/api/v1/companies/duplicates?limit=200${cursor ? `&cursor=${cursor}` : ''}`).expect(200)
      ).body;
      groups.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    const group = groups.find((g) => g.companies.some((c) => c.id === a.id));
    expect(group).toMatchObject({ reason: 'SAME_NAME', nameKey: name.toLowerCase() });
    expect(group?.companies.map((c) => [c.id, c.projectCount]).sort()).toEqual([[a.id, 1], [b.id, 0]].sort());
  });

  describe('merge', () => {
    it('moves leads, projects (with placements and fundings) and tenancies, fills empty fields, archives the duplicate; undo restores all', async () => {
      const uscc = validUscc();
      const dup = await createCompany(officer.api, { name: `${tag}合并源有限公司`, uscc, originProvince: 'BEIJING', qualifications: ['GAZELLE'] });
      const keep = await createCompany(officer.api, { name: `${tag}合并目标有限公司`, uscc: null, industry: 'TRADE', qualifications: ['HIGH_TECH'] });
      const lead = await createLead(officer.api, { industry: 'FINANCE' });
      const converted = await officer.api.post(`/api/v1/leads/${lead.id}/convert`).send({ companyId: dup.id }).expect(201);
      const project = converted.body.project;
      await moveProject(officer.api, project.id, 'REGISTERED');
      await officer.api.post(`/api/v1/projects/${project.id}/fundings`).send({ date: districtDate(), amount: '500.00', currency: 'CNY' }).expect(201);
      const building = await createBuilding(t.admin.api);
      const unit = await createUnit(t.admin.api, building.id);
      await officer.api.post(`/api/v1/projects/${project.id}/placements`).send({ unitId: unit.id, startDate: districtDate() }).expect(201);
      const leasedUnit = await createUnit(t.admin.api, building.id);
      await t.admin.api.patch(`/api/v1/units/${leasedUnit.id}`).send({ version: leasedUnit.version, status: 'LEASED', tenantCompanyId: dup.id }).expect(200);

      await officer.api.post(`/api/v1/companies/${dup.id}/merge`).send({ intoId: keep.id }).expect(403);
      const merged = await t.admin.api.post(`/api/v1/companies/${dup.id}/merge`).send({ intoId: keep.id }).expect(201);
      expect(merged.body).toMatchObject({
        sourceCompanyId: dup.id,
        targetCompanyId: keep.id,
        moved: { leads: 1, projects: 1, units: 2 },
        source: { archived: true, uscc: null },
        target: { uscc, originProvince: 'BEIJING', industry: 'TRADE', qualifications: ['HIGH_TECH', 'GAZELLE'] },
      });
      expect((await officer.api.get(`/api/v1/leads/${lead.id}`).expect(200)).body.companyId).toBe(keep.id);
      const movedProject = (await officer.api.get(`/api/v1/projects/${project.id}`).expect(200)).body;
      expect(movedProject).toMatchObject({ companyId: keep.id, company: { id: keep.id, uscc }, stage: 'REGISTERED' });
      expect((await officer.api.get(`/api/v1/projects/${project.id}/fundings`).expect(200)).body.items).toHaveLength(1);
      expect((await officer.api.get(`/api/v1/units/${unit.id}`).expect(200)).body).toMatchObject({ tenantCompanyId: keep.id, projectId: project.id });
      expect((await officer.api.get(`/api/v1/units/${leasedUnit.id}`).expect(200)).body.tenantCompanyId).toBe(keep.id);
      expect((await officer.api.get(`/api/v1/companies?q=${encodeURIComponent(`${tag}合并源`)}`).expect(200)).body.items).toEqual([]);
      const audit = await t.admin.api.get(`/api/v1/audit?entity=Company&entityId=${dup.id}`).expect(200);
      expect(audit.body.items[0]).toMatchObject({ action: 'company.merge' });
      await t.admin.api.post(`/api/v1/companies/${dup.id}/merge`).send({ intoId: keep.id }).expect(409);

      const undone = await t.admin.api.post(`/api/v1/companies/merges/${merged.body.id}/undo`).expect(200);
      expect(undone.body).toMatchObject({
        undoneById: t.admin.id,
        source: { archived: false, uscc },
        target: { uscc: null, originProvince: null, qualifications: ['HIGH_TECH'] },
      });
      expect((await officer.api.get(`/api/v1/leads/${lead.id}`).expect(200)).body.companyId).toBe(dup.id);
      expect((await officer.api.get(`/api/v1/projects/${project.id}`).expect(200)).body.companyId).toBe(dup.id);
      expect((await officer.api.get(`/api/v1/units/${unit.id}`).expect(200)).body.tenantCompanyId).toBe(dup.id);
      await t.admin.api.post(`/api/v1/companies/merges/${merged.body.id}/undo`).expect(409);
    });

    it('refuses to merge companies with different USCCs, into itself, or into a missing company', async () => {
      const a = await createCompany(officer.api);
      const b = await createCompany(officer.api);
      const res = await t.admin.api.post(`/api/v1/companies/${a.id}/merge`).send({ intoId: b.id }).expect(409);
      expect(res.body.message).toContain('different legal entities');
      await t.admin.api.post(`/api/v1/companies/${a.id}/merge`).send({ intoId: a.id }).expect(400);
      await t.admin.api.post(`/api/v1/companies/${a.id}/merge`).send({ intoId: '00000000-0000-7000-8000-000000000000' }).expect(400);
      await t.admin.api.post('/api/v1/companies/merges/00000000-0000-7000-8000-000000000000/undo').expect(404);
    });
  });

  describe('tagging', () => {
    it('suggests industry and sub-sector from a business scope, best first, ignoring excluded clauses', async () => {
      const res = await officer.api
        .post('/api/v1/tagging/suggest')
        .send({ text: '一般项目：融资租赁业务；租赁交易咨询；兼营与主营业务有关的商业保理业务。（不得从事吸收存款、发放贷款；不含网络游戏）' })
        .expect(200);
      expect(res.body[0]).toMatchObject({ industry: 'FINANCE', segment: 'FINANCE_FINANCING_LEASE', matched: expect.arrayContaining(['融资租赁']) });
      expect(res.body.map((s: { score: number }) => s.score)).toEqual([...res.body.map((s: { score: number }) => s.score)].sort((a, b) => b - a));
      expect(res.body.some((s: { industry: string }) => s.industry === 'CULTURE_TOURISM')).toBe(false);
      await officer.api.post('/api/v1/tagging/suggest').send({ text: '   ' }).expect(400);
      const manager = await t.newUser('BUILDING_MANAGER');
      await manager.api.post('/api/v1/tagging/suggest').send({ text: '融资租赁' }).expect(403);
    });
  });
});
