import { jest } from '@jest/globals';
import { ScansService } from '../src/modules/schedules/scans.service.js';
import { createTestApp, TestApp, TestUser } from './support/test-app.js';

/**
 * The plan that runs now: the dashboard's figures and the leaders' digest follow the plan whose period
 * contains today (the district's clock), and say so when none is entered instead of showing the ended
 * 14th plan as current. The clock is set with Jest's fake Date only (timers stay real, so the service
 * and its queues keep running); the real today (2026-12) lies after the seeded 14th plan.
 */
describe('the plan that runs now', () => {
  let t: TestApp;
  let leader: TestUser;
  let scans: ScansService;

  type Note = { event: string; title: string; message: string };
  const digests = async (u: TestUser): Promise<Note[]> =>
    ((await u.api.get('/api/v1/notifications?limit=200').expect(200)).body.items as Note[]).filter((n) => n.event === 'WEEKLY_DIGEST');

  /** Runs `fn` with the district clock (Date) set to `at`; timers stay real. */
  const at = async <T>(iso: string, fn: () => Promise<T>): Promise<T> => {
    jest.useFakeTimers({
      now: new Date(iso),
      doNotFake: ['nextTick', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout', 'queueMicrotask', 'hrtime', 'performance'],
    });
    try {
      return await fn();
    } finally {
      jest.useRealTimers();
    }
  };

  beforeAll(async () => {
    t = await createTestApp({ PUBLIC_BASE_URL: 'https://zhaoshang.example.gov.cn' });
    leader = await t.newUser('LEADER');
    scans = t.app.get(ScansService);
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers 409 NO_CURRENT_PLAN, not the ended 14th plan, while no plan covers today', async () => {
    for (const path of ['/api/v1/progress', '/api/v1/progress/breakdown?indicator=JINGJI_PROJECTS&by=industry', '/api/v1/progress/records?indicator=JINGJI_PROJECTS']) {
      const res = await leader.api.get(path).expect(409);
      expect(res.body).toMatchObject({ code: 'STATE_CONFLICT', rule: 'NO_CURRENT_PLAN' });
    }
    await leader.api.get('/api/v1/reports/progress.xlsx').expect(409);
    const plans = (await leader.api.get('/api/v1/plans').expect(200)).body as { code: string; current: boolean }[];
    expect(plans).toEqual([expect.objectContaining({ code: 'FYP14', current: false })]);
    // The ended plan, when asked for by name or by a date inside it.
    expect((await leader.api.get('/api/v1/progress').query({ plan: 'FYP14' }).expect(200)).body.plan.code).toBe('FYP14');
    expect((await leader.api.get('/api/v1/progress').query({ asOf: '2024-06-30' }).expect(200)).body).toMatchObject({ plan: { code: 'FYP14' }, asOf: '2024-06-30' });
  });

  it('follows the district clock: on a day inside the 14th plan that plan is the current one', async () => {
    await at('2025-06-30T10:00:00+08:00', async () => {
      const res = await leader.api.get('/api/v1/progress').expect(200);
      expect(res.body).toMatchObject({ plan: { code: 'FYP14' }, asOf: '2025-06-30' });
      const plans = (await leader.api.get('/api/v1/plans').expect(200)).body as { code: string; current: boolean }[];
      expect(plans.find((p) => p.code === 'FYP14')?.current).toBe(true);
    });
    // 2025-12-31 16:30 UTC is already 2026-01-01 in Tianjin: no plan runs there.
    await at('2025-12-31T16:30:00Z', async () => {
      expect((await leader.api.get('/api/v1/progress').expect(409)).body.rule).toBe('NO_CURRENT_PLAN');
    });
    await at('2025-12-31T15:30:00Z', async () => {
      expect((await leader.api.get('/api/v1/progress').expect(200)).body.plan.code).toBe('FYP14');
    });
  });

  it('sends leaders and admins a digest saying the 15th plan’s targets are not entered, with where to enter them', async () => {
    expect(await scans.weeklyDigest(new Date('2026-11-30T09:00:00+08:00'))).toBe(1);
    for (const u of [leader, t.admin]) {
      const [digest] = await digests(u);
      expect(digest.title).toBe('每周进展简报：十五五规划目标尚未录入');
      expect(digest.message).toContain('十五五规划（2026—2030年）目标尚未录入');
      expect(digest.message).toContain('https://zhaoshang.example.gov.cn/admin/plans');
      expect(digest.message).not.toContain('引进京冀项目');
    }
  });

  it('takes the 15th plan once entered: progress, the plans list and the digest follow it', async () => {
    await t.admin.api
      .post('/api/v1/plans')
      .send({
        code: 'FYP15',
        name: '和平区第十五个五年规划',
        startDate: '2026-01-01',
        endDate: '2030-12-31',
        indicators: [{ code: 'JINGJI_PROJECTS', target: '1200', unit: 'PROJECTS' }],
      })
      .expect(201);
    const res = await leader.api.get('/api/v1/progress').expect(200);
    expect(res.body.plan.code).toBe('FYP15');
    expect(res.body.indicators.map((i: { code: string }) => i.code)).toEqual(['JINGJI_PROJECTS']);
    const plans = (await leader.api.get('/api/v1/plans').expect(200)).body as { code: string; current: boolean }[];
    expect(plans.map((p) => [p.code, p.current])).toEqual([
      ['FYP14', false],
      ['FYP15', true],
    ]);
    await at('2024-03-01T10:00:00+08:00', async () => {
      expect((await leader.api.get('/api/v1/progress').expect(200)).body.plan.code).toBe('FYP14');
    });

    expect(await scans.weeklyDigest(new Date('2026-12-07T09:00:00+08:00'))).toBe(1);
    const latest = (await digests(leader))[0];
    expect(latest.title).toBe('每周进展简报（和平区第十五个五年规划，截至 2026-12-07）');
    expect(latest.message).toMatch(/- 引进京冀项目：\d+ 个 \/ 1,200 个（[\d.]+%，(超前|正常|滞后)）/);
    expect(latest.message).toContain('https://zhaoshang.example.gov.cn/dashboard');
  });
});
