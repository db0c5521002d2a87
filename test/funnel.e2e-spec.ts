import { createProject, moveProject } from './factories/records.factory.js';
import { createTestApp, TestApp, TestUser } from './support/test-app.js';

/**
 * The pipeline funnel on hand-made stage histories (a database of its own): planned amounts per
 * currency, a skipped stage counting as passed, medians over odd and even counts, LOST projects
 * counting for the stages they reached, archived projects left out.
 */
describe('pipeline funnel', () => {
  let t: TestApp;
  let officer: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    officer = await t.newUser('OFFICER');
    const api = officer.api;
    const project = async (name: string, startedAt: string, plannedInvestment?: { amount: string; currency: string }) =>
      (await createProject(api, { name, startedAt, ...(plannedInvestment && { plannedInvestment }) })).id;
    // A: 10 days to the site visit, 20 more to signing.
    const a = await project('漏斗甲', '2022-01-01', { amount: '100.10', currency: 'CNY' });
    await moveProject(api, a, 'SITE_VISIT', { at: '2022-01-11' });
    await moveProject(api, a, 'SIGNED', { at: '2022-01-31' });
    // B: 4 days to the site visit, then lost.
    const b = await project('漏斗乙', '2022-02-01', { amount: '0.20', currency: 'CNY' });
    await moveProject(api, b, 'SITE_VISIT', { at: '2022-02-05' });
    await moveProject(api, b, 'LOST', { at: '2022-03-01', reason: '企业选址转向外省' });
    // C: signed without a site visit (the skipped stage counts as passed), planned in USD.
    const c = await project('漏斗丙', '2022-03-01', { amount: '50.00', currency: 'USD' });
    await moveProject(api, c, 'SIGNED', { at: '2022-03-21' });
    // D: still negotiating, no plan.
    await project('漏斗丁', '2022-04-01');
    // E: archived, left out of every figure.
    const e = await project('漏斗戊', '2022-05-01', { amount: '999.00', currency: 'CNY' });
    await moveProject(api, e, 'SITE_VISIT', { at: '2022-05-09' });
    await api.post(`/api/v1/projects/${e}/archive`).expect(200);
  });
  afterAll(async () => {
    await t.close();
  });

  it('counts, sums and times each stage from the stage histories', async () => {
    const res = await officer.api.get('/api/v1/pipeline/funnel').query({ from: '2022-01-01', to: '2022-12-31' }).expect(200);
    const [negotiating, siteVisit, signed, registered, operating] = res.body.stages;
    expect(res.body.lost).toBe(1);
    expect(negotiating).toMatchObject({
      stage: 'NEGOTIATING',
      nameZh: '洽谈',
      count: 4,
      plannedAmount: { amount: '100.30', currency: 'CNY' },
      plannedAmountUsd: { amount: '50.00', currency: 'USD' },
      conversionToNext: 0.75,
      medianDays: 7, // gaps 4 and 10: an even count averages the middle two
    });
    expect(siteVisit).toMatchObject({
      count: 3,
      plannedAmount: { amount: '100.30', currency: 'CNY' },
      conversionToNext: 0.667,
      medianDays: 20, // only A has both dates; C skipped the visit
    });
    expect(signed).toMatchObject({
      count: 2,
      plannedAmount: { amount: '100.10', currency: 'CNY' },
      plannedAmountUsd: { amount: '50.00', currency: 'USD' },
      conversionToNext: 0,
      medianDays: null,
    });
    expect(registered).toMatchObject({ count: 0, plannedAmount: { amount: '0.00', currency: 'CNY' } });
    expect(operating).toMatchObject({ count: 0, conversionToNext: null });
  });

  it('keeps only the projects created in the range', async () => {
    const res = await officer.api.get('/api/v1/pipeline/funnel').query({ from: '2022-02-01', to: '2022-03-31' }).expect(200);
    expect(res.body.stages.map((s: { count: number }) => s.count)).toEqual([2, 2, 1, 0, 0]);
    expect(res.body.lost).toBe(1);
    expect(res.body.stages[0].medianDays).toBe(4);
  });
});
