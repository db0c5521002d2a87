import { Reminder } from '../src/modules/reminders/reminder.entity.js';
import { takeRobotSlot } from '../src/modules/notifications/robot-rate.js';
import { ScansService } from '../src/modules/schedules/scans.service.js';
import { RedisConnections } from '../src/queue/redis-connections.js';
import { createProject } from './factories/records.factory.js';
import { Robots, eventually, sleep } from './support/robots.js';
import { createTestApp, TestApp, TestUser } from './support/test-app.js';

/**
 * Notifications a group chat can bear, against local robot servers (the true external edge): a scan
 * over a backlog sends each owner one summary and each group channel one digest naming the people
 * concerned, later runs only what is new; deliveries to one robot stay under its per-minute limit and
 * wait rather than drop; a robot that keeps failing shows on the reminder and tells the admins once.
 */
describe('notifications a group chat can bear', () => {
  let t: TestApp;
  let robots: Robots;
  let scans: ScansService;
  const owners: TestUser[] = [];
  const DAY = 86_400_000;
  const MOBILES = ['13800000001', '13800000002', '13800000003'];

  type Note = { event: string; title: string; message: string; subjectId: string | null };
  const inbox = async (u: TestUser, event: string): Promise<Note[]> =>
    ((await u.api.get('/api/v1/notifications?limit=200').expect(200)).body.items as Note[]).filter((n) => n.event === event);
  const digestsAt = (path: string): typeof robots.requests => robots.requests.filter((r) => r.path === path && JSON.stringify(r.body).includes('项目久未跟进'));

  beforeAll(async () => {
    robots = await Robots.start();
    t = await createTestApp({
      ALLOWED_WEBHOOK_HOSTS: '127.0.0.1',
      STALE_PROJECT_DAYS: '30',
      ROBOT_RATE_PER_MINUTE: '4',
      DELIVERY_ATTEMPTS: '2',
      DELIVERY_BACKOFF_MS: '100',
      DELIVERY_TIMEOUT_MS: '2000',
      PUBLIC_BASE_URL: 'https://zs.example.gov.cn',
    });
    scans = t.app.get(ScansService);
    for (const mobile of MOBILES) owners.push(await t.newUser('OFFICER', { mobile }));
    await t.admin.api.post('/api/v1/notification-channels').send({ type: 'WECOM', url: `${robots.url}/wecom?key=digest-key-0001`, events: ['PROJECT_STALE'] }).expect(201);
    await t.admin.api.post('/api/v1/notification-channels').send({ type: 'DINGTALK', url: `${robots.url}/dingtalk?access_token=digest-0002`, events: ['PROJECT_STALE'] }).expect(201);
  }, 120_000);
  afterAll(async () => {
    await t.close();
    await robots.close();
  });

  it('reports a backlog of 300 stale projects as one summary per owner and one digest per group channel, then only what is new', async () => {
    const created = Date.now();
    for (const owner of owners) {
      for (let i = 0; i < 100; i += 10) {
        await Promise.all(Array.from({ length: 10 }, (_, k) => createProject(owner.api, { name: `积压项目${i + k}` })));
      }
    }
    const first = new Date(created + 31 * DAY);
    expect(await scans.staleProjects(first)).toBe(3);
    for (const owner of owners) {
      const notes = await inbox(owner, 'PROJECT_STALE');
      expect(notes).toHaveLength(1);
      expect(notes[0].title).toBe('100 个项目超过30天未跟进');
      expect(notes[0].message).toContain('……等共 100 个');
    }
    const wecom = await eventually(async () => (digestsAt('/wecom').length ? digestsAt('/wecom') : null), 10_000, 'the WeCom digest');
    const ding = await eventually(async () => (digestsAt('/dingtalk').length ? digestsAt('/dingtalk') : null), 10_000, 'the DingTalk digest');
    await sleep(500);
    expect(digestsAt('/wecom')).toHaveLength(1);
    expect(digestsAt('/dingtalk')).toHaveLength(1);
    const wecomBody = wecom[0].body as unknown as { msgtype: string; text: { content: string; mentioned_mobile_list: string[] } };
    expect(wecomBody.msgtype).toBe('text');
    expect(wecomBody.text.content).toContain('测试OFFICER：100 个项目超过30天未跟进 https://zs.example.gov.cn/projects?ownerId=');
    expect([...wecomBody.text.mentioned_mobile_list].sort()).toEqual(MOBILES);
    const dingBody = ding[0].body as unknown as { markdown: { text: string }; at: { atMobiles: string[]; isAtAll: boolean } };
    expect([...dingBody.at.atMobiles].sort()).toEqual(MOBILES);
    expect(dingBody.markdown.text).toContain('@13800000001');

    // The next run: nothing new, nothing sent. Then one more project goes stale: that one alone.
    expect(await scans.staleProjects(new Date(first.getTime() + 3_600_000))).toBe(0);
    const extra = await createProject(owners[0].api, { name: '新近久未跟进的项目' });
    expect(await scans.staleProjects(new Date(Date.now() + 31 * DAY))).toBe(1);
    const notes = await inbox(owners[0], 'PROJECT_STALE');
    expect(notes).toHaveLength(2);
    expect(notes[0]).toMatchObject({ title: '项目久未跟进：新近久未跟进的项目', subjectId: extra.id });
    expect(notes[0].message).toContain(`https://zs.example.gov.cn/projects/${extra.id}`);
    const second = await eventually(async () => (digestsAt('/wecom').length === 2 ? digestsAt('/wecom')[1] : null), 10_000, 'the second digest');
    const body = (second.body as unknown as { text: { content: string; mentioned_mobile_list: string[] } }).text;
    expect(body.content).toContain('「新近久未跟进的项目」已 31 天未跟进，负责人 测试OFFICER');
    expect(body.content).not.toContain('积压项目');
    expect(body.mentioned_mobile_list).toEqual([MOBILES[0]]);
  }, 180_000);

  it('keeps every robot under its per-minute limit across workers: the next slot waits, nothing is dropped', async () => {
    const redis = t.app.get(RedisConnections).worker;
    const channelId = `limit-${Math.random().toString(36).slice(2)}`;
    const start = 1_000_000;
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) waits.push(await takeRobotSlot(redis, { prefix: 'test-rate', channelId, max: 4, member: `m${i}`, nowMs: start + i * 1000 }));
    expect(waits.slice(0, 4)).toEqual([0, 0, 0, 0]);
    // The fifth waits until the first slot leaves the minute.
    expect(waits[4]).toBe(60_000 - 4000);
    expect(waits[5]).toBeGreaterThan(0);
    expect(await takeRobotSlot(redis, { prefix: 'test-rate', channelId, max: 4, member: 'late', nowMs: start + 60_001 })).toBe(0);
    await redis.del(`test-rate:robot-rate:${channelId}`);
  });

  it('holds reminders over the limit for a robot back (delayed, still PENDING), not failed', async () => {
    const officer = owners[1];
    const channel = await t.admin.api.post('/api/v1/notification-channels').send({ type: 'WECOM', url: `${robots.url}/wecom?key=burst-0003`, events: ['REMINDER_DUE'] }).expect(201);
    const project = await createProject(officer.api);
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      ids.push(
        (await officer.api.post('/api/v1/reminders').send({ subjectType: 'PROJECT', subjectId: project.id, dueAt: new Date().toISOString(), message: `突发提醒${i}` }).expect(201)).body.id,
      );
    }
    const burst = (): number => robots.requests.filter((r) => r.rawQuery.includes('burst-0003')).length;
    await eventually(async () => burst() >= 4, 10_000, 'the first four messages');
    await sleep(1500);
    expect(burst()).toBe(4);
    const statuses: string[] = [];
    for (const id of ids) {
      const rows = (await t.admin.api.get(`/api/v1/reminders/${id}/deliveries`).expect(200)).body.items as { channel?: { id: string } | null; status: string }[];
      statuses.push(...rows.filter((r) => r.channel?.id === channel.body.id).map((r) => r.status));
    }
    expect(statuses.filter((s) => s === 'SENT')).toHaveLength(4);
    expect(statuses.filter((s) => s === 'PENDING')).toHaveLength(2);
    await t.admin.api.patch(`/api/v1/notification-channels/${channel.body.id}`).send({ version: channel.body.version, active: false }).expect(200);
  });

  it('shows a delivery that ended FAILED on its reminder, and tells the admins once per channel and day', async () => {
    const officer = owners[2];
    const failing = await t.admin.api.post('/api/v1/notification-channels').send({ type: 'WECOM', name: '招商群', url: `${robots.url}/refuse?key=refuse-0004`, events: ['REMINDER_DUE'] }).expect(201);
    const project = await createProject(officer.api);
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      ids.push((await officer.api.post('/api/v1/reminders').send({ subjectType: 'PROJECT', subjectId: project.id, dueAt: new Date().toISOString(), message: `失败提醒${i}` }).expect(201)).body.id);
    }
    for (const id of ids) {
      const shown = await eventually(
        async () => {
          const r = (await officer.api.get(`/api/v1/reminders/${id}`).expect(200)).body as { deliveryFailedAt: string | null; lastError: string | null; status: string };
          return r.deliveryFailedAt ? r : null;
        },
        15_000,
        'the failure on the reminder',
      );
      expect(shown.status).toBe('SENT');
      expect(shown.lastError).toContain('推送失败：WECOM errcode 310000');
      const stored = await t.dataSource.getRepository(Reminder).findOneByOrFail({ id });
      expect(stored.deliveryFailedAt).not.toBeNull();
    }
    const notices = await inbox(t.admin, 'DELIVERY_FAILED');
    expect(notices).toHaveLength(1);
    expect(notices[0].title).toContain('群机器人推送失败');
    // Only the admins.
    expect(await inbox(officer, 'DELIVERY_FAILED')).toHaveLength(0);
    await t.admin.api.patch(`/api/v1/notification-channels/${failing.body.id}`).send({ version: failing.body.version, active: false }).expect(200);
  }, 60_000);
});
