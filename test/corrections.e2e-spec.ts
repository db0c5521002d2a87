import { districtDate } from '../src/common/time/district-clock.js';
import { createCompany, createLead, createProject, moveProject } from './factories/records.factory.js';
import request from 'supertest';
import { type OpenApiDocument, ResponseChecker } from './support/openapi-responses.js';
import { createTestApp, TestApp, TestUser } from './support/test-app.js';

/**
 * Records that can be corrected, with the trail kept (issue 14, items 9–12): reversing a funds entry,
 * funds not before signing, a converted lead back-dated, an admin's correction of a stage history.
 */
describe('corrections', () => {
  let t: TestApp;
  let officer: TestUser;
  let other: TestUser;
  let leader: TestUser;
  let documented: ResponseChecker;
  /** A response as the OpenAPI document describes it (closed schemas): the problems, none when right. */
  const asDocumented = (method: string, template: string, res: { status: number; body: unknown; headers: Record<string, string> }): string[] =>
    documented.problems(method, template, res);
  const today = (): string => districtDate();

  const figure = async (code: string, asOf: string, field = 'actual') =>
    (await leader.api.get('/api/v1/progress').query({ plan: 'FYP14', asOf }).expect(200)).body.indicators.find((i: { code: string }) => i.code === code)[field];
  const signedProject = async (signedAt: string, extra: Record<string, unknown> = {}): Promise<string> => {
    const p = await createProject(officer.api, { startedAt: '2021-01-04', ...extra });
    await moveProject(officer.api, p.id, 'SIGNED', { at: signedAt });
    return p.id;
  };
  const fund = async (projectId: string, date: string, amount: string, who = officer) =>
    (await who.api.post(`/api/v1/projects/${projectId}/fundings`).send({ date, amount, currency: 'CNY' }).expect(201)).body;

  beforeAll(async () => {
    t = await createTestApp();
    documented = new ResponseChecker((await request(t.http).get('/docs-json').expect(200)).body as OpenApiDocument);
    officer = await t.newUser('OFFICER');
    other = await t.newUser('OFFICER');
    leader = await t.newUser('LEADER');
  });
  afterAll(async () => {
    await t.close();
  });

  describe('item 9: a mistyped funds entry is reversed, the ledger way', () => {
    it('writes a reversing entry dated today; the original stays and figures as of earlier dates do not change', async () => {
      const p = await signedProject('2024-01-10');
      const before = await figure('DOMESTIC_CAPITAL', '2024-12-31');
      const wrong = await fund(p, '2024-03-01', '5000000.00');
      expect(await figure('DOMESTIC_CAPITAL', '2024-12-31')).toBe((Number(before) + 5000000).toFixed(2));

      const res = await officer.api.post(`/api/v1/fundings/${wrong.id}/reverse`).send({ reason: '金额多录了两个零' }).expect(201);
      expect(asDocumented('POST', '/api/v1/fundings/{id}/reverse', res)).toEqual([]);
      expect(asDocumented('GET', '/api/v1/projects/{id}/fundings', await officer.api.get(`/api/v1/projects/${p}/fundings`))).toEqual([]);
      expect(asDocumented('GET', '/api/v1/projects/{id}/timeline', await officer.api.get(`/api/v1/projects/${p}/timeline`))).toEqual([]);
      expect(res.body).toMatchObject({ projectId: p, date: today(), amount: '-5000000.00', currency: 'CNY', status: 'REPORTED', reversalOfId: wrong.id, reversalReason: '金额多录了两个零' });
      const list = (await officer.api.get(`/api/v1/projects/${p}/fundings`).expect(200)).body.items;
      expect(list.find((f: { id: string }) => f.id === wrong.id)).toMatchObject({ amount: '5000000.00', reversedById: res.body.id, reversalReason: '金额多录了两个零' });
      // As of 2024 the figure is what it was; from today the entry is undone.
      expect(await figure('DOMESTIC_CAPITAL', '2024-12-31')).toBe((Number(before) + 5000000).toFixed(2));
      const records = (await leader.api.get('/api/v1/progress/records').query({ plan: 'FYP14', indicator: 'DOMESTIC_CAPITAL', asOf: '2025-12-31', limit: 200 }).expect(200)).body.items;
      expect(records.some((r: { id: string }) => r.id === res.body.id)).toBe(false); // dated after the plan
      const audit = (await t.admin.api.get('/api/v1/audit').query({ entity: 'fundings', entityId: wrong.id }).expect(200)).body.items;
      expect(audit[0]).toMatchObject({ action: 'funding.reversed', changes: { reversedBy: { after: res.body.id }, reason: { after: '金额多录了两个零' } } });

      const twice = await officer.api.post(`/api/v1/fundings/${wrong.id}/reverse`).send({ reason: '再冲一次' }).expect(409);
      expect(asDocumented('POST', '/api/v1/fundings/{id}/reverse', twice)).toEqual([]);
      expect(twice.body.rule).toBe('FUNDING_ALREADY_REVERSED');
      const ofReversal = await officer.api.post(`/api/v1/fundings/${res.body.id}/reverse`).send({ reason: '冲销的冲销' }).expect(409);
      expect(ofReversal.body.rule).toBe('FUNDING_IS_REVERSAL');
      const verify = await t.admin.api.post(`/api/v1/fundings/${wrong.id}/verify`).send({ evidenceRef: '文号' }).expect(409);
      expect(verify.body.rule).toBe('FUNDING_REVERSED');
    });

    it('dates the reversal as asked, never before the original, and counts it in the period it is dated', async () => {
      const p = await signedProject('2022-01-10');
      const entry = await fund(p, '2022-05-01', '300.00');
      const early = await officer.api.post(`/api/v1/fundings/${entry.id}/reverse`).send({ reason: '重复录入', date: '2022-04-30' }).expect(400);
      expect(early.body.details[0]).toMatchObject({ field: 'date', code: 'beforeOriginal' });
      await officer.api.post(`/api/v1/fundings/${entry.id}/reverse`).send({ reason: '重复录入', date: districtDate(new Date(Date.now() + 2 * 86_400_000)) }).expect(400);
      const before2022 = await figure('DOMESTIC_CAPITAL', '2022-05-31');
      await officer.api.post(`/api/v1/fundings/${entry.id}/reverse`).send({ reason: '重复录入', date: '2022-06-15' }).expect(201);
      expect(await figure('DOMESTIC_CAPITAL', '2022-05-31')).toBe(before2022);
      expect(await figure('DOMESTIC_CAPITAL', '2022-06-30')).toBe((Number(before2022) - 300).toFixed(2));
    });

    it('lets only the owner or an admin reverse, and only an admin reverse a verified entry (verified figures drop with it)', async () => {
      const p = await signedProject('2023-01-10');
      const entry = await fund(p, '2023-02-01', '80.00');
      await other.api.post(`/api/v1/fundings/${entry.id}/reverse`).send({ reason: '不是我的' }).expect(403);
      await leader.api.post(`/api/v1/fundings/${entry.id}/reverse`).send({ reason: '领导不改数' }).expect(403);
      await t.admin.api.post(`/api/v1/fundings/${entry.id}/verify`).send({ evidenceRef: '和平商务〔2023〕9号' }).expect(200);
      const verifiedBefore = await figure('DOMESTIC_CAPITAL', '2025-12-31', 'verified');
      const verifiedEarly = await figure('DOMESTIC_CAPITAL', '2023-02-10', 'verified');
      const refused = await officer.api.post(`/api/v1/fundings/${entry.id}/reverse`).send({ reason: '录错' }).expect(403);
      expect(refused.body.code).toBe('FORBIDDEN');
      const res = await t.admin.api.post(`/api/v1/fundings/${entry.id}/reverse`).send({ reason: '核实后发现重复', date: '2023-02-15' }).expect(201);
      expect(res.body).toMatchObject({ status: 'VERIFIED', amount: '-80.00', date: '2023-02-15', evidenceRef: '和平商务〔2023〕9号' });
      expect(await figure('DOMESTIC_CAPITAL', '2025-12-31', 'verified')).toBe((Number(verifiedBefore) - 80).toFixed(2));
      expect(await figure('DOMESTIC_CAPITAL', '2023-02-10', 'verified')).toBe(verifiedEarly);
    });

    it('answers wrong input with 400 and a missing entry with 404', async () => {
      const p = await signedProject('2023-01-10');
      const entry = await fund(p, '2023-02-01', '10.00');
      await officer.api.post(`/api/v1/fundings/${entry.id}/reverse`).send({}).expect(400);
      await officer.api.post(`/api/v1/fundings/${entry.id}/reverse`).send({ reason: 42 }).expect(400);
      await officer.api.post(`/api/v1/fundings/${entry.id}/reverse`).send({ reason: '错', amount: '1.00' }).expect(400);
      await officer.api.post(`/api/v1/fundings/${entry.id}/reverse`).send({ reason: '错', date: '2023-02-30' }).expect(400);
      await officer.api.post('/api/v1/fundings/01900000-0000-7000-8000-000000000000/reverse').send({ reason: '错' }).expect(404);
      await officer.api.post('/api/v1/fundings/not-an-id/reverse').send({ reason: '错' }).expect(400);
      await officer.api.post(`/api/v1/projects/${p}/archive`).expect(200);
      expect((await officer.api.post(`/api/v1/fundings/${entry.id}/reverse`).send({ reason: '错' }).expect(409)).body.rule).toBe('ARCHIVED');
    });
  });

  describe('item 10: funds in place are not dated before the project signed', () => {
    it('refuses an entry dated before the signing date with 409, and takes one on the day', async () => {
      const p = await signedProject('2025-06-20');
      const res = await officer.api.post(`/api/v1/projects/${p}/fundings`).send({ date: '2025-01-10', amount: '1.00', currency: 'CNY' }).expect(409);
      expect(res.body).toMatchObject({ rule: 'FUNDING_BEFORE_SIGNED' });
      expect(res.body.details[0]).toMatchObject({ field: 'date', code: 'beforeSigned' });
      await fund(p, '2025-06-20', '1.00');
    });
  });

  describe('item 11: a converted lead starts on the date the project started', () => {
    it('takes startedAt on conversion, so later stage changes may be back-dated to it', async () => {
      const lead = await createLead(officer.api, { industry: 'TRADE' });
      const res = await officer.api.post(`/api/v1/leads/${lead.id}/convert`).send({ startedAt: '2024-02-01' }).expect(201);
      expect(asDocumented('POST', '/api/v1/leads/{id}/convert', res)).toEqual([]);
      const project = res.body.project;
      expect(project.stageChangedAt).toBe('2024-02-01');
      const history = (await officer.api.get(`/api/v1/projects/${project.id}/transitions`).expect(200)).body.items;
      expect(history).toEqual([expect.objectContaining({ from: null, to: 'NEGOTIATING', at: '2024-02-01' })]);
      await moveProject(officer.api, project.id, 'SIGNED', { at: '2024-03-01' });
      const lead2 = await createLead(officer.api, { industry: 'TRADE' });
      await officer.api.post(`/api/v1/leads/${lead2.id}/convert`).send({ startedAt: districtDate(new Date(Date.now() + 3 * 86_400_000)) }).expect(400);
      await officer.api.post(`/api/v1/leads/${lead2.id}/convert`).send({ startedAt: 'soon' }).expect(400);
    });
  });

  describe('item 12: an admin corrects a stage history, with a reason, and what depends on it follows', () => {
    it('replaces the history, recomputes signedAt and the figures, keeps the trail', async () => {
      const company = await createCompany(officer.api);
      const p = await createProject(officer.api, { companyId: company.id, startedAt: '2024-01-10', relocation: { originProvince: 'BEIJING', function: 'HQ' } });
      await moveProject(officer.api, p.id, 'SIGNED', { at: '2024-05-01' });
      const signedBefore = await figure('JINGJI_PROJECTS', '2025-12-31');
      const funnelBefore = (await leader.api.get('/api/v1/pipeline/funnel').query({ from: '2024-01-01', to: '2024-12-31' }).expect(200)).body.stages;
      const project = (await officer.api.get(`/api/v1/projects/${p.id}`).expect(200)).body;
      const body = {
        version: project.version,
        reason: '误将项目标记为签约，实际仍在考察',
        history: [
          { stage: 'NEGOTIATING', at: '2024-01-10' },
          { stage: 'SITE_VISIT', at: '2024-05-01', note: '实地考察' },
        ],
      };
      await officer.api.post(`/api/v1/projects/${p.id}/stage-corrections`).send(body).expect(403);
      await leader.api.post(`/api/v1/projects/${p.id}/stage-corrections`).send(body).expect(403);
      const res = await t.admin.api.post(`/api/v1/projects/${p.id}/stage-corrections`).send(body).expect(201);
      expect(asDocumented('POST', '/api/v1/projects/{id}/stage-corrections', res)).toEqual([]);
      expect(res.body.project).toMatchObject({ stage: 'SITE_VISIT', signedAt: null, stageChangedAt: '2024-05-01' });
      expect(res.body.transitions.map((x: { from: string | null; to: string; at: string }) => [x.from, x.to, x.at])).toEqual([
        [null, 'NEGOTIATING', '2024-01-10'],
        ['NEGOTIATING', 'SITE_VISIT', '2024-05-01'],
      ]);
      const history = (await officer.api.get(`/api/v1/projects/${p.id}/transitions`).expect(200)).body.items;
      expect(history.map((x: { to: string }) => x.to)).toEqual(['NEGOTIATING', 'SITE_VISIT']);
      expect(await figure('JINGJI_PROJECTS', '2025-12-31')).toBe(signedBefore - 1);
      const funnelAfter = (await leader.api.get('/api/v1/pipeline/funnel').query({ from: '2024-01-01', to: '2024-12-31' }).expect(200)).body.stages;
      expect(funnelAfter[0].count).toBe(funnelBefore[0].count);
      expect(funnelAfter[2].count).toBe(funnelBefore[2].count - 1);
      const audit = (await t.admin.api.get('/api/v1/audit').query({ entity: 'project', entityId: p.id }).expect(200)).body.items;
      expect(audit[0]).toMatchObject({
        action: 'project.stage-correction',
        changes: {
          reason: { after: '误将项目标记为签约，实际仍在考察' },
          historyBefore: { after: 'NEGOTIATING@2024-01-10 → SIGNED@2024-05-01' },
          historyAfter: { after: 'NEGOTIATING@2024-01-10 → SITE_VISIT@2024-05-01' },
          stage: { before: 'SIGNED', after: 'SITE_VISIT' },
        },
      });
      // The officer carries on from the corrected stage.
      await moveProject(officer.api, p.id, 'SIGNED', { at: '2024-07-01' });
      expect((await officer.api.get(`/api/v1/projects/${p.id}`).expect(200)).body.signedAt).toBe('2024-07-01');
      expect(await figure('JINGJI_PROJECTS', '2025-12-31')).toBe(signedBefore);
    });

    it('moves the signing date, and refuses one that funds in place already contradict', async () => {
      const p = await signedProject('2023-03-01', { relocation: { originProvince: 'HEBEI', function: 'RND' } });
      await fund(p, '2023-04-01', '10.00');
      const version = (await officer.api.get(`/api/v1/projects/${p}`).expect(200)).body.version;
      const later = {
        version,
        reason: '签约日期录错',
        history: [
          { stage: 'NEGOTIATING', at: '2021-01-04' },
          { stage: 'SIGNED', at: '2023-05-01' },
        ],
      };
      const res = await t.admin.api.post(`/api/v1/projects/${p}/stage-corrections`).send(later).expect(409);
      expect(res.body.rule).toBe('CORRECTION_CONFLICTS_FUNDINGS');
      const earlier = { ...later, history: [{ stage: 'NEGOTIATING', at: '2021-01-04' }, { stage: 'SIGNED', at: '2022-12-20' }] };
      const ok = await t.admin.api.post(`/api/v1/projects/${p}/stage-corrections`).send(earlier).expect(201);
      expect(ok.body.project.signedAt).toBe('2022-12-20');
      const byYear = await figure('JINGJI_PROJECTS', '2025-12-31', 'byYear');
      expect(byYear.find((y: { year: number }) => y.year === 2022).value).toBeGreaterThanOrEqual(1);
    });

    it('refuses an impossible history with 400, an unchanged one and a stale version with 409', async () => {
      const p = await signedProject('2023-03-01');
      const project = (await officer.api.get(`/api/v1/projects/${p}`).expect(200)).body;
      const path = `/api/v1/projects/${p}/stage-corrections`;
      const backward = await t.admin.api
        .post(path)
        .send({ version: project.version, reason: '更正', history: [{ stage: 'NEGOTIATING', at: '2021-01-04' }, { stage: 'SIGNED', at: '2023-03-01' }, { stage: 'SITE_VISIT', at: '2023-04-01' }] })
        .expect(400);
      expect(backward.body.details[0]).toMatchObject({ field: 'history.2.stage', code: 'illegalTransition' });
      const first = await t.admin.api.post(path).send({ version: project.version, reason: '更正', history: [{ stage: 'SIGNED', at: '2021-01-04' }] }).expect(400);
      expect(first.body.details[0].field).toBe('history.0.stage');
      await t.admin.api.post(path).send({ version: project.version, reason: '更正', history: [{ stage: 'NEGOTIATING', at: '2021-01-04' }, { stage: 'LOST', at: '2023-01-01' }] }).expect(400);
      await t.admin.api.post(path).send({ version: project.version, reason: '更正', history: [{ stage: 'NEGOTIATING', at: '2021-01-04' }, { stage: 'SIGNED', at: '2020-01-01' }] }).expect(400);
      await t.admin.api.post(path).send({ version: project.version, reason: '更正', history: [] }).expect(400);
      await t.admin.api.post(path).send({ version: project.version, history: [{ stage: 'NEGOTIATING', at: '2021-01-04' }] }).expect(400);
      await t.admin.api.post(path).send({ version: project.version, reason: '更正', history: [{ stage: 'PAUSED', at: '2021-01-04' }] }).expect(400);
      await t.admin.api.post(path).send({ version: 'one', reason: '更正', history: [{ stage: 'NEGOTIATING', at: '2021-01-04' }] }).expect(400);
      await t.admin.api.post(path).send({ version: project.version, reason: '更正', history: [{ stage: 'NEGOTIATING', at: '2021-01-04' }], colour: 'red' }).expect(400);
      await t.admin.api.post(path).send({ version: project.version, reason: '更正', history: 'NEGOTIATING' }).expect(400);
      const same = await t.admin.api
        .post(path)
        .send({ version: project.version, reason: '更正', history: [{ stage: 'NEGOTIATING', at: '2021-01-04' }, { stage: 'SIGNED', at: '2023-03-01' }] })
        .expect(409);
      expect(same.body.rule).toBe('STAGE_HISTORY_UNCHANGED');
      await t.admin.api
        .post(path)
        .send({ version: project.version + 5, reason: '更正', history: [{ stage: 'NEGOTIATING', at: '2021-01-04' }] })
        .expect(409);
      await t.admin.api.post('/api/v1/projects/01900000-0000-7000-8000-000000000000/stage-corrections').send({ version: 1, reason: '更正', history: [{ stage: 'NEGOTIATING', at: '2021-01-04' }] }).expect(404);
    });
  });
});
