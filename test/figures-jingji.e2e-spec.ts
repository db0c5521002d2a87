import { createCompany, createLead, createProject, moveProject } from './factories/records.factory.js';
import request from 'supertest';
import { type OpenApiDocument, ResponseChecker } from './support/openapi-responses.js';
import { createTestApp, TestApp, TestUser } from './support/test-app.js';

/**
 * 吸引京冀投资 and which projects are Beijing–Hebei ones (issue 14, items 3 and 4).
 */
describe('Beijing–Hebei investment and projects', () => {
  let t: TestApp;
  let officer: TestUser;
  let leader: TestUser;
  let documented: ResponseChecker;
  /** A response as the OpenAPI document describes it (closed schemas): the problems, none when right. */
  const asDocumented = (method: string, template: string, res: { status: number; body: unknown; headers: Record<string, string> }): string[] =>
    documented.problems(method, template, res);
  const beijing = { originProvince: 'BEIJING', function: 'HQ' };

  const progress = async (asOf: string) =>
    Object.fromEntries(
      (await leader.api.get('/api/v1/progress').query({ plan: 'FYP14', asOf }).expect(200)).body.indicators.map((i: { code: string }) => [i.code, i]),
    );

  beforeAll(async () => {
    t = await createTestApp();
    documented = new ResponseChecker((await request(t.http).get('/docs-json').expect(200)).body as OpenApiDocument);
    officer = await t.newUser('OFFICER');
    leader = await t.newUser('LEADER');
  });
  afterAll(async () => {
    await t.close();
  });

  describe('item 3: funds in place count only for projects signed in the period', () => {
    let early: string;
    let inPeriod: string;
    beforeAll(async () => {
      // Signed in 2020, before the 14th plan: its 2022 funds are not 14th-plan 吸引京冀投资.
      early = (await createProject(officer.api, { name: '十三五签约京冀项目', startedAt: '2019-05-01', relocation: beijing, industry: 'FINANCE' })).id;
      await moveProject(officer.api, early, 'SIGNED', { at: '2020-06-01' });
      await officer.api.post(`/api/v1/projects/${early}/fundings`).send({ date: '2022-03-01', amount: '100.00', currency: 'CNY' }).expect(201);
      inPeriod = (await createProject(officer.api, { name: '十四五签约京冀项目', startedAt: '2021-02-01', relocation: beijing, industry: 'TRADE' })).id;
      await moveProject(officer.api, inPeriod, 'SIGNED', { at: '2021-03-01' });
      await officer.api.post(`/api/v1/projects/${inPeriod}/fundings`).send({ date: '2022-04-01', amount: '7.50', currency: 'CNY' }).expect(201);
    });

    it('leaves out funds of a Beijing–Hebei project signed before the period, and shows them apart', async () => {
      const p = await progress('2025-12-31');
      expect(p.JINGJI_INVESTMENT).toMatchObject({ actual: '7.50' });
      expect(asDocumented('GET', '/api/v1/progress', await leader.api.get('/api/v1/progress').query({ asOf: '2025-12-31' }))).toEqual([]);
      expect(p.JINGJI_INVESTMENT.excluded).toEqual([
        { key: 'EARLIER_SIGNED', labelZh: '期前签约京冀项目的期内到位资金（不计入本指标）', value: '100.00', verified: '0.00' },
      ]);
      expect(p.JINGJI_INVESTMENT.byYear.find((y: { year: number }) => y.year === 2022).value).toBe('7.50');
      // Domestic capital counts every CNY entry of the period.
      expect(p.DOMESTIC_CAPITAL.actual).toBe('107.50');
    });

    it('keeps the breakdowns and the drill-down to the same definition, with the left-out funds noted', async () => {
      for (const by of ['industry', 'zone', 'origin', 'source', 'owner', 'year']) {
        const res = await leader.api.get('/api/v1/progress/breakdown').query({ indicator: 'JINGJI_INVESTMENT', by, asOf: '2025-12-31' }).expect(200);
        expect({ by, total: res.body.total }).toEqual({ by, total: '7.50' });
        expect(res.body.excluded).toEqual([expect.objectContaining({ key: 'EARLIER_SIGNED', value: '100.00' })]);
      }
      const records = await leader.api.get('/api/v1/progress/records').query({ indicator: 'JINGJI_INVESTMENT', asOf: '2025-12-31' }).expect(200);
      expect(records.body.items.map((r: { amount: string; projectId: string }) => [r.projectId, r.amount])).toEqual([[inPeriod, '7.50']]);
    });
  });

  describe('item 4: projects whose company or lead says Beijing/Hebei but that carry no relocation record', () => {
    it('lists them with a count for the dashboard, until a relocation is recorded', async () => {
      const company = await createCompany(officer.api, { name: '北京某科技有限公司', originProvince: 'BEIJING' });
      const unmarked = await createProject(officer.api, { name: '疑似京冀项目', companyId: company.id, startedAt: '2024-01-02' });
      await moveProject(officer.api, unmarked.id, 'SIGNED', { at: '2024-03-01' });
      const summaryRes = await leader.api.get('/api/v1/data-quality/summary').expect(200);
      expect(asDocumented('GET', '/api/v1/data-quality/summary', summaryRes)).toEqual([]);
      const summary = summaryRes.body;
      expect(summary.checks).toEqual([expect.objectContaining({ code: 'UNMARKED_JINGJI', labelZh: '疑似京冀项目未标注', count: 1, signedCount: 1 })]);
      const listRes = await leader.api.get('/api/v1/data-quality/unmarked-jingji').query({ signed: true }).expect(200);
      expect(asDocumented('GET', '/api/v1/data-quality/unmarked-jingji', listRes)).toEqual([]);
      const list = listRes.body;
      expect(list.items).toEqual([
        expect.objectContaining({ projectId: unmarked.id, companyOrigin: 'BEIJING', suggestedOriginProvince: 'BEIJING', stage: 'SIGNED', signedAt: '2024-03-01' }),
      ]);
      expect(list.nextCursor).toBeNull();
      expect((await progress('2025-12-31')).JINGJI_PROJECTS.actual).toBe(1);

      await officer.api.patch(`/api/v1/projects/${unmarked.id}`).send({ version: 2, relocation: { originProvince: 'BEIJING', function: 'BRANCH' } }).expect(200);
      expect((await leader.api.get('/api/v1/data-quality/summary').expect(200)).body.checks[0].count).toBe(0);
      expect((await progress('2025-12-31')).JINGJI_PROJECTS.actual).toBe(2);
      await t.newUser('BUILDING_MANAGER').then((m) => m.api.get('/api/v1/data-quality/summary').expect(403));
    });

    it('carries a lead’s origin into the company on conversion, and warns that the project has no relocation', async () => {
      const company = await createCompany(officer.api, { name: '某央企区域总部有限公司' });
      const lead = await createLead(officer.api, { companyName: '某央企区域总部有限公司', originProvince: 'HEBEI', industry: 'FINANCE' });
      const res = await officer.api.post(`/api/v1/leads/${lead.id}/convert`).send({ companyId: company.id }).expect(201);
      expect(asDocumented('POST', '/api/v1/leads/{id}/convert', res)).toEqual([]);
      expect(res.body.company.originProvince).toBe('HEBEI');
      expect(res.body.warnings).toEqual([expect.objectContaining({ code: 'UNMARKED_JINGJI', originProvince: 'HEBEI' })]);
      const list = (await leader.api.get('/api/v1/data-quality/unmarked-jingji').expect(200)).body.items;
      expect(list.map((i: { projectId: string }) => i.projectId)).toContain(res.body.project.id);
      const audit = (await t.admin.api.get('/api/v1/audit').query({ entity: 'Company', entityId: company.id }).expect(200)).body.items;
      expect(audit[0].changes.originProvince).toEqual({ before: null, after: 'HEBEI' });
      // With a relocation given at conversion there is nothing to warn about.
      const lead2 = await createLead(officer.api, { originProvince: 'BEIJING', industry: 'FINANCE' });
      const marked = await officer.api.post(`/api/v1/leads/${lead2.id}/convert`).send({ relocation: { originProvince: 'BEIJING', function: 'HQ' } }).expect(201);
      expect(marked.body.warnings).toEqual([]);
      expect(marked.body.project.jingji).toBe(true);
    });

    it('pages the list with a keyset cursor and refuses a bad one', async () => {
      const company = await createCompany(officer.api, { name: '河北某物流有限公司', originProvince: 'HEBEI' });
      for (let i = 0; i < 3; i++) await createProject(officer.api, { name: `河北项目${i}`, companyId: company.id });
      const first = (await leader.api.get('/api/v1/data-quality/unmarked-jingji').query({ limit: 2 }).expect(200)).body;
      expect(first.items).toHaveLength(2);
      const rest = (await leader.api.get('/api/v1/data-quality/unmarked-jingji').query({ limit: 200, cursor: first.nextCursor }).expect(200)).body;
      const all = [...first.items, ...rest.items].map((i: { projectId: string }) => i.projectId);
      expect(new Set(all).size).toBe(all.length);
      expect(all.length).toBe((await leader.api.get('/api/v1/data-quality/summary').expect(200)).body.checks[0].count);
      await leader.api.get('/api/v1/data-quality/unmarked-jingji').query({ cursor: 'nonsense' }).expect(400);
      await leader.api.get('/api/v1/data-quality/unmarked-jingji').query({ signed: 'maybe' }).expect(400);
      await leader.api.get('/api/v1/data-quality/unmarked-jingji').query({ colour: 'red' }).expect(400);
    });
  });
});
