import { createTestApp, TestApp, TestUser } from './support/test-app.js';

/**
 * Editing an entered plan (规划目标): an admin changes an indicator's target, baseline and yearly
 * milestones through PATCH /api/v1/plans/:code, checked as on entry, all or nothing, audited, and the
 * dashboard's figures follow at once. A stale version or a bad milestone changes nothing.
 */
describe('editing a plan’s targets', () => {
  let t: TestApp;
  let leader: TestUser;
  let officer: TestUser;

  type Indicator = { code: string; target: string; baseline: string | null; milestones: { year: number; value: string }[] };
  type Plan = { code: string; name: string; version: number; statusBasis: string; indicators: Indicator[] };
  const fyp14 = async (): Promise<Plan> => ((await t.admin.api.get('/api/v1/plans').expect(200)).body as Plan[]).find((p) => p.code === 'FYP14') as Plan;
  const indicator = (p: Plan, code: string): Indicator => p.indicators.find((i) => i.code === code) as Indicator;

  beforeAll(async () => {
    t = await createTestApp();
    leader = await t.newUser('LEADER');
    officer = await t.newUser('OFFICER');
  });
  afterAll(async () => {
    await t.close();
  });

  it('changes FYP14’s targets and milestones in one audited write, and progress shows the new target at once', async () => {
    // The figures are read (and cached) before the change.
    const earlier = await leader.api.get('/api/v1/progress').query({ plan: 'FYP14', asOf: '2024-06-30' }).expect(200);
    const plan = await fyp14();
    expect(earlier.body.indicators.find((i: { code: string }) => i.code === 'JINGJI_PROJECTS').target).not.toBe(1234);

    const res = await t.admin.api
      .patch('/api/v1/plans/FYP14')
      .send({
        version: plan.version,
        name: '和平区第十四个五年规划（中期调整）',
        indicators: [
          { code: 'JINGJI_PROJECTS', target: 1234, baseline: 300, milestones: [{ year: 2021, value: 200 }, { year: 2023, value: 700 }] },
          { code: 'JINGJI_INVESTMENT', target: '25000000000.5' },
        ],
      })
      .expect(200);
    expect(res.body).toMatchObject({ code: 'FYP14', name: '和平区第十四个五年规划（中期调整）', version: plan.version + 1, statusBasis: plan.statusBasis });
    expect(indicator(res.body, 'JINGJI_PROJECTS')).toMatchObject({ target: '1234', baseline: '300', milestones: [{ year: 2021, value: '200' }, { year: 2023, value: '700' }] });
    // Money exact; an indicator not named keeps its figures; a named one keeps what it does not give.
    expect(indicator(res.body, 'JINGJI_INVESTMENT')).toMatchObject({ target: '25000000000.50', baseline: indicator(plan, 'JINGJI_INVESTMENT').baseline });
    expect(indicator(res.body, 'DOMESTIC_CAPITAL')).toEqual(indicator(plan, 'DOMESTIC_CAPITAL'));

    const progress = await leader.api.get('/api/v1/progress').query({ plan: 'FYP14', asOf: '2024-06-30' }).expect(200);
    const projects = progress.body.indicators.find((i: { code: string }) => i.code === 'JINGJI_PROJECTS');
    expect(projects.target).toBe(1234);
    expect(progress.body.indicators.find((i: { code: string }) => i.code === 'JINGJI_INVESTMENT').target).toBe('25000000000.50');
    expect(progress.body.plan.name).toBe('和平区第十四个五年规划（中期调整）');

    const audit = await t.admin.api.get('/api/v1/audit').query({ entity: 'Plan', entityId: 'FYP14' }).expect(200);
    const entry = audit.body.items[0];
    expect(entry).toMatchObject({ action: 'plan.update', actorId: t.admin.id });
    expect(JSON.stringify(entry.changes)).toContain('1234');

    // The status basis is still changed alone, as before.
    const basis = await t.admin.api.patch('/api/v1/plans/FYP14').send({ version: res.body.version, statusBasis: 'VERIFIED' }).expect(200);
    expect(basis.body).toMatchObject({ statusBasis: 'VERIFIED', version: res.body.version + 1 });
    expect(indicator(basis.body, 'JINGJI_PROJECTS').target).toBe('1234');
    await t.admin.api.patch('/api/v1/plans/FYP14').send({ version: basis.body.version, statusBasis: 'REPORTED' }).expect(200);
  });

  it('answers a stale version 409 STALE_VERSION and changes nothing', async () => {
    const plan = await fyp14();
    const res = await t.admin.api
      .patch('/api/v1/plans/FYP14')
      .send({ version: plan.version - 1, name: '过期的名称', indicators: [{ code: 'JINGJI_PROJECTS', target: 999 }] })
      .expect(409);
    expect(res.body.code).toBe('STALE_VERSION');
    expect(await fyp14()).toEqual(plan);
  });

  it('answers a bad milestone 400 with the field and changes nothing, not even the good parts', async () => {
    const plan = await fyp14();
    const send = (indicators: unknown[]) => t.admin.api.patch('/api/v1/plans/FYP14').send({ version: plan.version, name: '不应保存', indicators }).expect(400);

    let res = await send([{ code: 'JINGJI_INVESTMENT', target: 1 }, { code: 'JINGJI_PROJECTS', milestones: [{ year: 2030, value: 100 }] }]);
    expect(res.body).toMatchObject({ code: 'VALIDATION' });
    expect(res.body.details).toEqual([expect.objectContaining({ field: 'indicators.1.milestones.0.year', code: 'outsidePlanPeriod' })]);

    res = await send([{ code: 'JINGJI_PROJECTS', milestones: [{ year: 2022, value: 100.5 }, { year: 2023, value: 99999 }, { year: 2023, value: 10 }] }]);
    expect(res.body.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'indicators.0.milestones.0.value', code: 'isInt' }),
        expect.objectContaining({ field: 'indicators.0.milestones.1.value', code: 'aboveTarget' }),
        expect.objectContaining({ field: 'indicators.0.milestones.2.year', code: 'duplicateYear' }),
      ]),
    );

    // A target below the stored milestones, a money figure with three places, an indicator the plan lacks.
    res = await send([{ code: 'JINGJI_PROJECTS', target: 500 }]);
    expect(res.body.details).toEqual([expect.objectContaining({ field: 'indicators.0.target', code: 'belowMilestone' })]);
    res = await send([{ code: 'DOMESTIC_CAPITAL', target: '1.005' }]);
    expect(res.body.details).toEqual([expect.objectContaining({ field: 'indicators.0.target' })]);
    res = await send([{ code: 'JINGJI_PROJECTS', milestones: [{ year: 1999, value: 1 }] }]);
    expect(res.body.details).toEqual([expect.objectContaining({ field: 'indicators.0.milestones.0.year', code: 'min' })]);
    await t.admin.api.patch('/api/v1/plans/FYP14').send({ version: plan.version }).expect(400);
    await t.admin.api.patch('/api/v1/plans/NO_SUCH').send({ version: 1, name: '无' }).expect(404);

    expect(await fyp14()).toEqual(plan);
  });

  it('refuses leaders and officers (403) and changes nothing', async () => {
    const plan = await fyp14();
    for (const u of [leader, officer]) {
      const res = await u.api.patch('/api/v1/plans/FYP14').send({ version: plan.version, indicators: [{ code: 'JINGJI_PROJECTS', target: 1 }] }).expect(403);
      expect(res.body.code).toBe('FORBIDDEN');
    }
    expect(await fyp14()).toEqual(plan);
  });
});
