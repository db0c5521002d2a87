import { createProject, moveProject } from './factories/records.factory.js';
import request from 'supertest';
import { type OpenApiDocument, ResponseChecker } from './support/openapi-responses.js';
import { createTestApp, TestApp, TestUser } from './support/test-app.js';

/**
 * Forecasts, statuses and plans (issue 14, items 5, 6, 8 and 15): a figure nobody entered says so, a
 * forecast is never negative, a finished period says achieved or missed, both percents are shown and a
 * plan chooses which one its status follows; plans take counts as numbers and do not overlap silently.
 */
describe('plan statuses and forecasts', () => {
  let t: TestApp;
  let officer: TestUser;
  let leader: TestUser;
  let documented: ResponseChecker;
  /** A response as the OpenAPI document describes it (closed schemas): the problems, none when right. */
  const asDocumented = (method: string, template: string, res: { status: number; body: unknown; headers: Record<string, string> }): string[] =>
    documented.problems(method, template, res);

  const indicator = async (plan: string, code: string, asOf: string) =>
    (await leader.api.get('/api/v1/progress').query({ plan, asOf }).expect(200)).body.indicators.find((i: { code: string }) => i.code === code);

  beforeAll(async () => {
    t = await createTestApp();
    documented = new ResponseChecker((await request(t.http).get('/docs-json').expect(200)).body as OpenApiDocument);
    officer = await t.newUser('OFFICER');
    leader = await t.newUser('LEADER');
  });
  afterAll(async () => {
    await t.close();
  });

  describe('item 5: no data, no negative forecast', () => {
    it('shows 未填报 (NOT_ENTERED) for a hand-entered indicator without a value, not 0 and BEHIND', async () => {
      expect(asDocumented('GET', '/api/v1/progress', await leader.api.get('/api/v1/progress').query({ plan: 'FYP14', asOf: '2025-06-30' }))).toEqual([]);
      for (const asOf of ['2025-06-30', '2021-01-01']) {
        const m = await indicator('FYP14', 'MARKET_ENTITIES', asOf);
        expect(m).toMatchObject({ status: 'NOT_ENTERED', actual: null, percent: null, forecast: null });
      }
    });

    it('never forecasts below zero, and never below the figure reached for a cumulative flow', async () => {
      await t.admin.api.post('/api/v1/plans/FYP14/indicators/MARKET_ENTITIES/values').send({ date: '2021-01-10', value: '1000' }).expect(201);
      const m = await indicator('FYP14', 'MARKET_ENTITIES', '2021-02-01');
      expect(m.status).toBe('BEHIND');
      expect(m.forecast).toBe(0);
      const p = await createProject(officer.api, { startedAt: '2021-01-02', relocation: { originProvince: 'HEBEI', function: 'RND' } });
      await moveProject(officer.api, p.id, 'SIGNED', { at: '2021-01-03' });
      for (const asOf of ['2021-01-03', '2021-06-30', '2023-12-31', '2025-12-31', '2026-12-01']) {
        const j = await indicator('FYP14', 'JINGJI_PROJECTS', asOf);
        expect(j.forecast).toBeGreaterThanOrEqual(j.actual);
      }
      for (const ind of (await leader.api.get('/api/v1/progress').query({ plan: 'FYP14', asOf: '2021-01-01' }).expect(200)).body.indicators) {
        if (ind.forecast !== null) expect(Number(ind.forecast)).toBeGreaterThanOrEqual(0);
      }
    });
  });

  describe('item 6: a finished period says achieved or missed', () => {
    it('answers ACHIEVED or MISSED with the final percent once the plan has ended', async () => {
      // The 14th plan read after its end: no 正常 / 滞后 any more.
      const statuses = (await leader.api.get('/api/v1/progress').query({ plan: 'FYP14', asOf: '2026-12-01' }).expect(200)).body.indicators.map(
        (i: { status: string }) => i.status,
      );
      for (const s of statuses) expect(['ACHIEVED', 'MISSED', 'NOT_ENTERED']).toContain(s);
      await t.admin.api
        .post('/api/v1/plans')
        .send({
          code: 'P2019',
          name: '2019年度招商计划',
          startDate: '2019-01-01',
          endDate: '2019-12-31',
          indicators: [
            { code: 'JINGJI_PROJECTS', target: 1, unit: 'PROJECTS' },
            { code: 'HIGH_TECH_ENTERPRISES', target: 5, unit: 'COMPANIES' },
          ],
        })
        .expect(201);
      const p = await createProject(officer.api, { startedAt: '2019-02-01', relocation: { originProvince: 'BEIJING', function: 'HQ' } });
      await moveProject(officer.api, p.id, 'SIGNED', { at: '2019-05-01' });
      const running = await indicator('P2019', 'JINGJI_PROJECTS', '2019-06-30');
      expect(running).toMatchObject({ periodEnded: false, status: 'AHEAD' });
      const done = await indicator('P2019', 'JINGJI_PROJECTS', '2020-06-30');
      expect(done).toMatchObject({ periodEnded: true, status: 'ACHIEVED', percent: 100, actual: 1, forecast: 1 });
      expect(await indicator('P2019', 'HIGH_TECH_ENTERPRISES', '2020-06-30')).toMatchObject({ periodEnded: true, status: 'MISSED', percent: 0 });
    });
  });

  describe('item 8: reported and verified percents, and the figure the status follows', () => {
    it('shows both percents and lets a plan follow the verified figure', async () => {
      await t.admin.api
        .post('/api/v1/plans')
        .send({ code: 'P2018', name: '2018年度内资计划', startDate: '2018-01-01', endDate: '2018-12-31', indicators: [{ code: 'DOMESTIC_CAPITAL', target: '100.00', unit: 'CNY' }] })
        .expect(201);
      const p = await createProject(officer.api, { startedAt: '2018-01-02' });
      await moveProject(officer.api, p.id, 'SIGNED', { at: '2018-02-01' });
      const a = await officer.api.post(`/api/v1/projects/${p.id}/fundings`).send({ date: '2018-03-01', amount: '40.00', currency: 'CNY' }).expect(201);
      await officer.api.post(`/api/v1/projects/${p.id}/fundings`).send({ date: '2018-04-01', amount: '60.00', currency: 'CNY' }).expect(201);
      await t.admin.api.post(`/api/v1/fundings/${a.body.id}/verify`).send({ evidenceRef: '和平商务〔2018〕1号' }).expect(200);

      const reported = await indicator('P2018', 'DOMESTIC_CAPITAL', '2019-01-31');
      expect(reported).toMatchObject({ actual: '100.00', verified: '40.00', percent: 100, percentVerified: 40, statusBasis: 'REPORTED', status: 'ACHIEVED' });

      const plans = (await t.admin.api.get('/api/v1/plans').expect(200)).body as { code: string; version: number; statusBasis: string }[];
      const plan = plans.find((x) => x.code === 'P2018')!;
      expect(plan.statusBasis).toBe('REPORTED');
      await officer.api.patch('/api/v1/plans/P2018').send({ version: plan.version, statusBasis: 'VERIFIED' }).expect(403);
      await t.admin.api.patch('/api/v1/plans/P2018').send({ version: plan.version, statusBasis: 'AUDITED' }).expect(400);
      await t.admin.api.patch('/api/v1/plans/P2018').send({ version: plan.version, statusBasis: 'VERIFIED', colour: 1 }).expect(400);
      await t.admin.api.patch('/api/v1/plans/P2018').send({ version: 'one', statusBasis: 'VERIFIED' }).expect(400);
      const changed = await t.admin.api.patch('/api/v1/plans/P2018').send({ version: plan.version, statusBasis: 'VERIFIED' }).expect(200);
      expect(asDocumented('PATCH', '/api/v1/plans/{code}', changed)).toEqual([]);
      expect(changed.body.statusBasis).toBe('VERIFIED');
      await t.admin.api.patch('/api/v1/plans/P2018').send({ version: plan.version, statusBasis: 'REPORTED' }).expect(409);
      await t.admin.api.patch('/api/v1/plans/NOPE').send({ version: 1, statusBasis: 'REPORTED' }).expect(404);

      const verified = await indicator('P2018', 'DOMESTIC_CAPITAL', '2019-01-31');
      expect(verified).toMatchObject({ actual: '100.00', percent: 100, percentVerified: 40, statusBasis: 'VERIFIED', status: 'MISSED' });
      const audit = (await t.admin.api.get('/api/v1/audit').query({ entity: 'Plan', entityId: 'P2018' }).expect(200)).body.items;
      expect(audit[0]).toMatchObject({ action: 'plan.update', changes: { statusBasis: { before: 'REPORTED', after: 'VERIFIED' } } });
    });
  });

  describe('item 15: plans take numbers for counts and do not overlap silently', () => {
    const body = (code: string, over: Record<string, unknown> = {}) => ({
      code,
      name: '和平区第十五个五年规划',
      startDate: '2026-01-01',
      endDate: '2030-12-31',
      indicators: [
        { code: 'JINGJI_PROJECTS', target: 1200, unit: 'PROJECTS', baseline: 1000, milestones: [{ year: 2026, value: 240 }] },
        { code: 'JINGJI_INVESTMENT', target: '25000000000.00', unit: 'CNY' },
        { code: 'JINGJI_FLOOR_AREA', target: 450000.5, unit: 'M2' },
      ],
      ...over,
    });

    it('accepts a count target as a number, as progress answers it, and money as a decimal string', async () => {
      const res = await t.admin.api.post('/api/v1/plans').send(body('FYP15')).expect(201);
      expect(asDocumented('POST', '/api/v1/plans', res)).toEqual([]);
      expect(res.body.indicators[0]).toMatchObject({ target: '1200', baseline: '1000', milestones: [{ year: 2026, value: '240' }] });
      const p = await indicator('FYP15', 'JINGJI_PROJECTS', '2026-06-30');
      expect(p).toMatchObject({ target: 1200, baseline: 1000 });
      expect((await indicator('FYP15', 'JINGJI_INVESTMENT', '2026-06-30')).target).toBe('25000000000.00');
      expect((await indicator('FYP15', 'JINGJI_FLOOR_AREA', '2026-06-30')).target).toBe(450000.5);
    });

    it('refuses a fractional count, a negative or textual figure, with field details', async () => {
      const res = await t.admin.api
        .post('/api/v1/plans')
        .send(
          body('FYPX', {
            startDate: '2040-01-01',
            endDate: '2044-12-31',
            indicators: [
              { code: 'JINGJI_PROJECTS', target: 12.5, unit: 'PROJECTS' },
              { code: 'DOMESTIC_CAPITAL', target: -1, unit: 'CNY' },
              { code: 'FOREIGN_CAPITAL', target: 'lots', unit: 'USD' },
            ],
          }),
        )
        .expect(400);
      expect(res.body.details.map((d: { field: string; code: string }) => [d.field, d.code]).sort()).toEqual([
        ['indicators.1.target', 'isPlanFigure'],
        ['indicators.2.target', 'isPlanFigure'],
      ]);
      const whole = await t.admin.api
        .post('/api/v1/plans')
        .send(body('FYPX', { startDate: '2040-01-01', endDate: '2044-12-31', indicators: [{ code: 'JINGJI_PROJECTS', target: 12.5, unit: 'PROJECTS' }] }))
        .expect(400);
      expect(whole.body.details).toEqual([expect.objectContaining({ field: 'indicators.0.target', code: 'isInt' })]);
    });

    it('refuses a period overlapping another plan’s, unless a reason is given', async () => {
      const res = await t.admin.api.post('/api/v1/plans').send(body('FYP15B', { startDate: '2028-01-01', endDate: '2032-12-31' })).expect(409);
      expect(res.body).toMatchObject({ code: 'STATE_CONFLICT', rule: 'PLAN_PERIOD_OVERLAP' });
      expect(res.body.message).toContain('FYP15');
      const ok = await t.admin.api
        .post('/api/v1/plans')
        .send(body('FYP15B', { startDate: '2028-01-01', endDate: '2032-12-31', overlapReason: '中期调整：2028年起执行修订后的目标' }))
        .expect(201);
      expect(ok.body.overlapReason).toBe('中期调整：2028年起执行修订后的目标');
    });
  });
});
