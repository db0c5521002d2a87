import { districtDate } from '../src/common/time/district-clock.js';
import { createCompany, createProject, moveProject } from './factories/records.factory.js';
import { Client, createTestApp, TestApp } from './support/test-app.js';

const today = (): string => districtDate();
const tomorrow = (): string => districtDate(new Date(Date.now() + 86_400_000));

describe('projects and the pipeline', () => {
  let t: TestApp;
  let api: Client;
  beforeAll(async () => {
    t = await createTestApp();
    api = (await t.newUser('OFFICER')).api;
  });
  afterAll(async () => {
    await t.close();
  });

  describe('creating', () => {
    it('starts at NEGOTIATING, flags Beijing–Hebei relocations as jingji and keeps money exact', async () => {
      const p = await createProject(api, {
        industry: 'SMART_TECH',
        segments: ['SMART_TECH_AI'],
        zone: 'HAIHE_BELT',
        plannedInvestment: { amount: 12345678.9, currency: 'CNY' },
        areaRequirement: { min: 800, max: 1500.5 },
        relocation: { originProvince: 'HEBEI', originCity: '石家庄市', function: 'RND', centralSoe: true },
      });
      expect(p).toMatchObject({
        stage: 'NEGOTIATING',
        jingji: true,
        plannedInvestment: { amount: '12345678.90', currency: 'CNY' },
        areaRequirement: { min: 800, max: 1500.5 },
        relocation: { originProvince: 'HEBEI', originCity: '石家庄市', function: 'RND', centralSoe: true },
        signedAt: null,
        version: 1,
      });
      const plain = await createProject(api);
      expect(plain).toMatchObject({ jingji: false, relocation: null });
    });

    it('rejects bad input with a detail per field and writes nothing', async () => {
      const company = await createCompany(api);
      const before = Number((await t.dataSource.query('SELECT COUNT(*) AS n FROM projects'))[0].n);
      const res = await api
        .post('/api/v1/projects')
        .send({
          name: '',
          companyId: company.id,
          industry: 'FINANCE',
          stage: 'OPERATING',
          plannedInvestment: { amount: '1.234', currency: 'EUR' },
          areaRequirement: { min: -5, max: 'big' },
          relocation: { originProvince: 'SHANGHAI', function: 'HQ' },
        })
        .expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toEqual(
        expect.arrayContaining([
          'name',
          'stage',
          'plannedInvestment.amount',
          'plannedInvestment.currency',
          'areaRequirement.min',
          'areaRequirement.max',
          'relocation.originProvince',
        ]),
      );
      const after = Number((await t.dataSource.query('SELECT COUNT(*) AS n FROM projects'))[0].n);
      expect(after).toBe(before);
    });

    it('checks tags against the reference data', async () => {
      const company = await createCompany(api);
      const zone = await api.post('/api/v1/projects').send({ name: 'x', companyId: company.id, industry: 'FINANCE', zone: 'MOON' }).expect(400);
      expect(zone.body.details[0].field).toBe('zone');
      const seg = await api
        .post('/api/v1/projects')
        .send({ name: 'x', companyId: company.id, industry: 'FINANCE', segments: ['HEALTH_PRECISION_MEDICINE'] })
        .expect(400);
      expect(seg.body.details[0].field).toBe('segments.0');
      const area = await api
        .post('/api/v1/projects')
        .send({ name: 'x', companyId: company.id, industry: 'FINANCE', areaRequirement: { min: 500, max: 100 } })
        .expect(400);
      expect(area.body.details[0].field).toBe('areaRequirement.max');
      const missing = await api
        .post('/api/v1/projects')
        .send({ name: 'x', companyId: '01900000-0000-7000-8000-000000000000', industry: 'FINANCE' })
        .expect(400);
      expect(missing.body.details[0].field).toBe('companyId');
    });
  });

  describe('stage changes', () => {
    it('moves forward, may skip, sets signedAt on first reaching SIGNED and records history', async () => {
      const p = await createProject(api);
      const signed = await moveProject(api, p.id, 'SIGNED', { at: '2024-03-15', note: '签约仪式' }).catch(() => null);
      // A back-dated signing must not precede the creation-day stage change.
      expect(signed).toBeNull();
      const visited = await moveProject(api, p.id, 'SITE_VISIT');
      expect(visited).toMatchObject({ stage: 'SITE_VISIT', signedAt: null, version: 2 });
      const s = await moveProject(api, p.id, 'SIGNED', { note: '签约仪式' });
      expect(s).toMatchObject({ stage: 'SIGNED', signedAt: today(), version: 3 });
      const history = await api.get(`/api/v1/projects/${p.id}/transitions`).expect(200);
      expect(history.body.items.map((h: { from: string | null; to: string }) => [h.from, h.to])).toEqual([
        [null, 'NEGOTIATING'],
        ['NEGOTIATING', 'SITE_VISIT'],
        ['SITE_VISIT', 'SIGNED'],
      ]);
      expect(history.body.items[2].note).toBe('签约仪式');
    });

    it('refuses going back with 409 naming the rule', async () => {
      const p = await createProject(api);
      await moveProject(api, p.id, 'SIGNED');
      const res = await api.post(`/api/v1/projects/${p.id}/transitions`).send({ to: 'SITE_VISIT' }).expect(409);
      expect(res.body).toMatchObject({ code: 'ILLEGAL_TRANSITION', rule: 'BACKWARD', message: expect.stringMatching(/BACKWARD/) });
      const same = await api.post(`/api/v1/projects/${p.id}/transitions`).send({ to: 'SIGNED' }).expect(409);
      expect(same.body).toMatchObject({ code: 'ILLEGAL_TRANSITION', rule: 'SAME_STAGE' });
    });

    it('needs the company USCC to register', async () => {
      const company = await createCompany(api, { uscc: null });
      const p = await createProject(api, { companyId: company.id });
      await moveProject(api, p.id, 'SIGNED');
      const res = await api.post(`/api/v1/projects/${p.id}/transitions`).send({ to: 'REGISTERED' }).expect(409);
      expect(res.body.message).toMatch(/uscc/);
      const withCode = await createCompany(api);
      const q = await createProject(api, { companyId: withCode.id });
      await moveProject(api, q.id, 'REGISTERED');
      const op = await moveProject(api, q.id, 'OPERATING');
      expect(op).toMatchObject({ stage: 'OPERATING', signedAt: today() });
    });

    it('loses a project only with a reason, and a lost project stays lost', async () => {
      const p = await createProject(api);
      const noReason = await api.post(`/api/v1/projects/${p.id}/transitions`).send({ to: 'LOST' }).expect(400);
      expect(noReason.body.details[0].field).toBe('reason');
      const lost = await moveProject(api, p.id, 'LOST', { reason: '企业选择落户其他区' });
      expect(lost).toMatchObject({ stage: 'LOST', lostReason: '企业选择落户其他区' });
      const res = await api.post(`/api/v1/projects/${p.id}/transitions`).send({ to: 'SIGNED' }).expect(409);
      expect(res.body.message).toMatch(/FINAL_STAGE/);
    });

    it('refuses a date in the future and an unknown stage with 400', async () => {
      const p = await createProject(api);
      const future = await api.post(`/api/v1/projects/${p.id}/transitions`).send({ to: 'SIGNED', at: tomorrow() }).expect(400);
      expect(future.body.details[0].field).toBe('at');
      const badDate = await api.post(`/api/v1/projects/${p.id}/transitions`).send({ to: 'SIGNED', at: '2024-02-30' }).expect(400);
      expect(badDate.body.details[0].field).toBe('at');
      await api.post(`/api/v1/projects/${p.id}/transitions`).send({ to: 'DONE' }).expect(400);
    });

    it('catches a stale version and lets only one of two simultaneous moves win', async () => {
      const p = await createProject(api);
      await api.post(`/api/v1/projects/${p.id}/transitions`).send({ to: 'SITE_VISIT', version: 7 }).expect(409);
      const results = await Promise.all([
        api.post(`/api/v1/projects/${p.id}/transitions`).send({ to: 'SITE_VISIT', version: 1 }),
        api.post(`/api/v1/projects/${p.id}/transitions`).send({ to: 'SIGNED', version: 1 }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      const history = await api.get(`/api/v1/projects/${p.id}/transitions`).expect(200);
      expect(history.body.items).toHaveLength(2);
    });
  });

  describe('editing', () => {
    it('updates fields with the version, never the stage or owner', async () => {
      const p = await createProject(api);
      const res = await api
        .patch(`/api/v1/projects/${p.id}`)
        .send({ version: 1, name: '更名后的项目', relocation: { originProvince: 'BEIJING', function: 'HQ' } })
        .expect(200);
      expect(res.body).toMatchObject({ name: '更名后的项目', jingji: true, version: 2 });
      const cleared = await api.patch(`/api/v1/projects/${p.id}`).send({ version: 2, relocation: null }).expect(200);
      expect(cleared.body).toMatchObject({ jingji: false, relocation: null, version: 3 });
      const mass = await api.patch(`/api/v1/projects/${p.id}`).send({ version: 3, stage: 'OPERATING', ownerId: p.id }).expect(400);
      expect(mass.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['ownerId', 'stage']);
      await api.patch(`/api/v1/projects/${p.id}`).send({ version: 2, name: '冲突' }).expect(409);
    });
  });

  describe('funds in place', () => {
    it('records dated entries exactly, only for signed projects', async () => {
      const p = await createProject(api);
      const early = await api.post(`/api/v1/projects/${p.id}/fundings`).send({ date: today(), amount: '100.00', currency: 'CNY' }).expect(409);
      expect(early.body.message).toMatch(/signed/);
      await moveProject(api, p.id, 'SIGNED');
      for (const amount of ['0.10', 0.2, '1250000.00']) {
        await api.post(`/api/v1/projects/${p.id}/fundings`).send({ date: today(), amount, currency: 'CNY' }).expect(201);
      }
      const usd = await api.post(`/api/v1/projects/${p.id}/fundings`).send({ date: today(), amount: 99.99, currency: 'USD', note: '外资' }).expect(201);
      expect(usd.body).toMatchObject({ amount: '99.99', currency: 'USD', status: 'REPORTED' });
      const list = await api.get(`/api/v1/projects/${p.id}/fundings`).expect(200);
      expect(list.body.items.map((f: { amount: string }) => f.amount).sort()).toEqual(['0.10', '0.20', '1250000.00', '99.99'].sort());
      const [{ total }] = await t.dataSource.query(`SELECT SUM(amount) AS total FROM fundings WHERE project_id = '${p.id}' AND currency = 'CNY'`);
      expect(String(total)).toBe('125000030');
    });

    it('rejects zero, negative, over-precise and future amounts with 400', async () => {
      const p = await createProject(api);
      await moveProject(api, p.id, 'SIGNED');
      for (const body of [
        { date: today(), amount: 0, currency: 'CNY' },
        { date: today(), amount: '-5', currency: 'CNY' },
        { date: today(), amount: '1.001', currency: 'CNY' },
        { date: today(), amount: '1,000', currency: 'CNY' },
        { date: today(), amount: '10', currency: 'JPY' },
        { date: '2024-13-01', amount: '10', currency: 'CNY' },
      ]) {
        await api.post(`/api/v1/projects/${p.id}/fundings`).send(body).expect(400);
      }
      const future = await api.post(`/api/v1/projects/${p.id}/fundings`).send({ date: tomorrow(), amount: '10', currency: 'CNY' }).expect(400);
      expect(future.body.details[0].field).toBe('date');
      await api.post('/api/v1/projects/01900000-0000-7000-8000-000000000000/fundings').send({ date: today(), amount: '10', currency: 'CNY' }).expect(404);
    });
  });

  describe('activities and the timeline', () => {
    it('logs activities, tracks the last one and the next follow-up, and merges a timeline newest first', async () => {
      const p = await createProject(api);
      const a1 = await api
        .post(`/api/v1/projects/${p.id}/activities`)
        .send({ type: 'VISIT', at: '2025-03-01T10:00:00+08:00', summary: '上门拜访企业负责人', nextFollowUpAt: '2025-03-15T09:00:00+08:00' })
        .expect(201);
      expect(a1.body).toMatchObject({ type: 'VISIT', at: '2025-03-01T02:00:00.000Z' });
      await api.post(`/api/v1/projects/${p.id}/activities`).send({ type: 'CALL', at: '2025-02-01T10:00:00+08:00', summary: '电话沟通' }).expect(201);
      await moveProject(api, p.id, 'SIGNED');
      await api.post(`/api/v1/projects/${p.id}/fundings`).send({ date: today(), amount: '500', currency: 'CNY' }).expect(201);
      const project = await api.get(`/api/v1/projects/${p.id}`).expect(200);
      expect(project.body).toMatchObject({ lastActivityAt: '2025-03-01T02:00:00.000Z', nextFollowUpAt: '2025-03-15T01:00:00.000Z' });
      // Logging activities does not make an officer's open edit stale.
      expect(project.body.version).toBe(2);

      const page1 = await api.get(`/api/v1/projects/${p.id}/timeline`).query({ limit: 3 }).expect(200);
      const page2 = await api.get(`/api/v1/projects/${p.id}/timeline`).query({ limit: 3, cursor: page1.body.nextCursor }).expect(200);
      const kinds = [...page1.body.items, ...page2.body.items].map((e: { kind: string }) => e.kind);
      expect(kinds).toEqual(['FUNDING', 'TRANSITION', 'TRANSITION', 'ACTIVITY', 'ACTIVITY']);
      expect(page2.body.items[1].activity.summary).toBe('电话沟通');
      expect(page2.body.nextCursor).toBeNull();
    });

    it('rejects an activity without an offset, in the future, or following up before it happened', async () => {
      const p = await createProject(api);
      const base = { type: 'CALL', summary: '电话' };
      await api.post(`/api/v1/projects/${p.id}/activities`).send({ ...base, at: '2025-03-01 10:00' }).expect(400);
      await api.post(`/api/v1/projects/${p.id}/activities`).send({ ...base, at: new Date(Date.now() + 86_400_000).toISOString() }).expect(400);
      const res = await api
        .post(`/api/v1/projects/${p.id}/activities`)
        .send({ ...base, at: '2025-03-01T10:00:00+08:00', nextFollowUpAt: '2025-02-01T10:00:00+08:00' })
        .expect(400);
      expect(res.body.details[0].field).toBe('nextFollowUpAt');
      await api.post(`/api/v1/projects/${p.id}/activities`).send({ ...base, type: 'TELEGRAM', at: '2025-03-01T10:00:00+08:00' }).expect(400);
    });
  });

  describe('lists and archiving', () => {
    it('filters by stage, industry, zone, jingji, signed dates and name', async () => {
      const tag = `列表${Date.now()}`;
      const a = await createProject(api, { name: `${tag}甲`, industry: 'HEALTH', zone: 'ANSHAN_WEIJIN_BELT', relocation: { originProvince: 'BEIJING', function: 'BRANCH' } });
      const b = await createProject(api, { name: `${tag}乙`, industry: 'HEALTH' });
      await moveProject(api, a.id, 'SIGNED');
      const ids = async (query: Record<string, string>): Promise<string[]> =>
        (await api.get('/api/v1/projects').query({ q: tag, ...query }).expect(200)).body.items.map((p: { id: string }) => p.id);
      expect(await ids({})).toEqual([b.id, a.id]);
      expect(await ids({ stage: 'SIGNED' })).toEqual([a.id]);
      expect(await ids({ jingji: 'true' })).toEqual([a.id]);
      expect(await ids({ jingji: 'false' })).toEqual([b.id]);
      expect(await ids({ zone: 'ANSHAN_WEIJIN_BELT', industry: 'HEALTH' })).toEqual([a.id]);
      expect(await ids({ signedFrom: today(), signedTo: today() })).toEqual([a.id]);
      expect(await ids({ signedTo: '2020-12-31' })).toEqual([]);
      await api.get('/api/v1/projects').query({ jingji: 'yes' }).expect(400);
      await api.get('/api/v1/projects').query({ signedFrom: 'last year' }).expect(400);
    });

    it('archives instead of deleting: gone from lists unless archived=true, and frozen', async () => {
      const tag = `归档${Date.now()}`;
      const p = await createProject(api, { name: `${tag}项目` });
      const archived = await api.post(`/api/v1/projects/${p.id}/archive`).expect(200);
      expect(archived.body.archived).toBe(true);
      const list = await api.get('/api/v1/projects').query({ q: tag }).expect(200);
      expect(list.body.items).toEqual([]);
      const withArchived = await api.get('/api/v1/projects').query({ q: tag, archived: 'true' }).expect(200);
      expect(withArchived.body.items.map((x: { id: string }) => x.id)).toEqual([p.id]);
      await api.get(`/api/v1/projects/${p.id}`).expect(200);
      await api.post(`/api/v1/projects/${p.id}/transitions`).send({ to: 'SIGNED' }).expect(409);
      await api.post(`/api/v1/projects/${p.id}/archive`).expect(409);
      await api.post(`/api/v1/projects/${p.id}/unarchive`).expect(200);
      await moveProject(api, p.id, 'SIGNED');
    });
  });
});
