import { createHmac } from 'node:crypto';
import request from 'supertest';
import { JobQueues } from '../src/queue/job-queues.service.js';
import { reminderJobId } from '../src/queue/queue.constants.js';
import { Reconciler } from '../src/modules/schedules/reconciler.service.js';
import { RemindersService } from '../src/modules/reminders/reminders.service.js';
import { createBuilding } from './factories/buildings.factory.js';
import { createLead, createProject } from './factories/records.factory.js';
import { Robots, eventually, sleep } from './support/robots.js';
import { createTestApp, TestApp, TestUser } from './support/test-app.js';

/**
 * Reminders end to end on a real Redis: the delayed job fires into the inbox and out to the robots
 * (a local HTTP server), cancelling and rescheduling replace the job, failures are retried and kept.
 */
describe('reminders and notifications', () => {
  let t: TestApp;
  let robots: Robots;
  let officer: TestUser;
  let colleague: TestUser;
  const DING_SECRET = 'SEC-test-dingtalk-secret-0001';

  const inSeconds = (s: number): string => new Date(Date.now() + s * 1000).toISOString();
  const marker = (): string => `M${Math.random().toString(36).slice(2, 10)}`;
  const inbox = async (u: TestUser, text: string): Promise<Array<Record<string, unknown>>> =>
    (await u.api.get('/api/v1/notifications?limit=200').expect(200)).body.items.filter((n: { message: string }) => n.message.includes(text));
  /** The notifications mentioning `text` once there are some. */
  const arrived = (u: TestUser, text: string): Promise<Array<Record<string, unknown>>> =>
    eventually(async () => {
      const found = await inbox(u, text);
      return found.length ? found : null;
    }, 5000, `a notification with ${text}`);

  beforeAll(async () => {
    t = await createTestApp({ ALLOWED_WEBHOOK_HOSTS: '127.0.0.1', DELIVERY_ATTEMPTS: '3', DELIVERY_BACKOFF_MS: '100', DELIVERY_TIMEOUT_MS: '2000', LOGIN_RATE_LIMIT: '1000' });
    robots = await Robots.start();
    officer = await t.newUser('OFFICER');
    colleague = await t.newUser('OFFICER');
    await t.admin.api
      .post('/api/v1/notification-channels')
      .send({ type: 'DINGTALK', url: `${robots.url}/dingtalk?access_token=ding-token-123456`, secret: DING_SECRET, events: ['REMINDER_DUE'], name: '招商钉钉群' })
      .expect(201);
    await t.admin.api.post('/api/v1/notification-channels').send({ type: 'WECOM', url: `${robots.url}/wecom?key=wecom-key-abcdef`, events: ['REMINDER_DUE', 'PROJECT_STALE'] }).expect(201);
    await t.admin.api.post('/api/v1/notification-channels').send({ type: 'WEBHOOK', url: `${robots.url}/webhook`, events: ['WEEKLY_DIGEST'] }).expect(201);
  });
  afterAll(async () => {
    await t.close();
    await robots.close();
  });

  it('delivers a due reminder to the inbox, to DingTalk with a valid signature and to WeCom as markdown, once each', async () => {
    const project = await createProject(officer.api, { name: '华夏基金京津总部项目' });
    const m = marker();
    const created = await officer.api
      .post('/api/v1/reminders')
      .send({ subjectType: 'PROJECT', subjectId: project.id, dueAt: inSeconds(0.3), message: `回访华夏基金 ${m}`, assigneeId: colleague.id })
      .expect(201);
    expect(created.body).toMatchObject({ status: 'SCHEDULED', kind: 'MANUAL', assigneeId: colleague.id, createdById: officer.id });

    const [note] = await arrived(colleague, m);
    expect(note).toMatchObject({ event: 'REMINDER_DUE', subjectType: 'PROJECT', subjectId: project.id, reminderId: created.body.id, read: false });
    expect(note.title).toContain('华夏基金京津总部项目');
    await eventually(async () => robots.received('/dingtalk', m).length && robots.received('/wecom', m).length, 5000, 'both robots');

    const [ding] = robots.received('/dingtalk', m);
    const params = new URLSearchParams(ding.rawQuery);
    const timestamp = params.get('timestamp') as string;
    expect(Math.abs(Number(timestamp) - Date.now())).toBeLessThan(60_000);
    const expected = createHmac('sha256', DING_SECRET).update(`${timestamp}\n${DING_SECRET}`).digest('base64');
    expect(ding.rawQuery).toContain(`sign=${encodeURIComponent(expected)}`);
    expect(params.get('access_token')).toBe('ding-token-123456');
    expect(ding.body.msgtype).toBe('markdown');
    expect(ding.body.markdown?.text).toContain('提醒对象：测试OFFICER');

    const [wecom] = robots.received('/wecom', m);
    expect(wecom.body.msgtype).toBe('markdown');
    expect(wecom.body.markdown?.content).toContain(`回访华夏基金 ${m}`);
    expect(wecom.body.markdown?.content).toContain('提醒对象：测试OFFICER');
    expect(robots.received('/webhook', m)).toHaveLength(0); // subscribed to WEEKLY_DIGEST only

    const reminder = await officer.api.get(`/api/v1/reminders/${created.body.id}`).expect(200);
    expect(reminder.body.status).toBe('SENT');
    const deliveries = await eventually(async () => {
      const rows = (await officer.api.get(`/api/v1/reminders/${created.body.id}/deliveries`).expect(200)).body.items as Array<Record<string, unknown>>;
      return rows.length === 3 && rows.every((r) => r.status === 'SENT') ? rows : null;
    }, 5000, 'three SENT deliveries');
    expect(deliveries.map((d) => (d.channel as { type: string }).type).sort()).toEqual(['DINGTALK', 'IN_APP', 'WECOM']);
    expect(deliveries.find((d) => (d.channel as { type: string }).type === 'DINGTALK')).toMatchObject({ attempts: 1 });
    // The last error is for admins only.
    expect(deliveries.every((d) => !('lastError' in d))).toBe(true);
    const asAdmin = (await t.admin.api.get(`/api/v1/reminders/${created.body.id}/deliveries`).expect(200)).body.items as Array<Record<string, unknown>>;
    expect(asAdmin.find((d) => (d.channel as { type: string }).type === 'DINGTALK')).toMatchObject({ attempts: 1, lastError: null });

    await sleep(300);
    expect(robots.received('/dingtalk', m)).toHaveLength(1);
    expect(robots.received('/wecom', m)).toHaveLength(1);
    expect(await inbox(colleague, m)).toHaveLength(1);
    expect(await inbox(officer, m)).toHaveLength(0);
    // A sent reminder cannot be changed or cancelled any more.
    await officer.api.patch(`/api/v1/reminders/${created.body.id}`).send({ version: reminder.body.version, message: '改' }).expect(409);
    await officer.api.delete(`/api/v1/reminders/${created.body.id}`).expect(409);
  });

  it('never delivers a cancelled reminder', async () => {
    const lead = await createLead(officer.api);
    const m = marker();
    const created = await officer.api.post('/api/v1/reminders').send({ subjectType: 'LEAD', subjectId: lead.id, dueAt: inSeconds(0.4), message: `取消的提醒 ${m}` }).expect(201);
    const cancelled = await officer.api.delete(`/api/v1/reminders/${created.body.id}`).expect(200);
    expect(cancelled.body).toMatchObject({ status: 'CANCELLED' });
    expect(cancelled.body.cancelledAt).toBeTruthy();
    await sleep(900);
    expect(await inbox(officer, m)).toHaveLength(0);
    expect(robots.requests.filter((r) => JSON.stringify(r.body).includes(m))).toHaveLength(0);
    expect((await officer.api.get(`/api/v1/reminders/${created.body.id}`).expect(200)).body.status).toBe('CANCELLED');
    await officer.api.delete(`/api/v1/reminders/${created.body.id}`).expect(409);
  });

  it('delivers a rescheduled reminder once, at the new time', async () => {
    const building = await createBuilding(t.admin.api);
    const m = marker();
    const created = await officer.api.post('/api/v1/reminders').send({ subjectType: 'BUILDING', subjectId: building.id, dueAt: inSeconds(0.3), message: `改期 ${m}` }).expect(201);
    const newDue = Date.now() + 1500;
    const moved = await officer.api
      .patch(`/api/v1/reminders/${created.body.id}`)
      .send({ version: created.body.version, dueAt: new Date(newDue).toISOString() })
      .expect(200);
    expect(moved.body).toMatchObject({ status: 'SCHEDULED', version: created.body.version + 1 });
    await officer.api.patch(`/api/v1/reminders/${created.body.id}`).send({ version: created.body.version, message: 'stale' }).expect(409);

    await sleep(700);
    expect(await inbox(officer, m)).toHaveLength(0);
    await eventually(async () => (await inbox(officer, m)).length, 5000, 'the rescheduled reminder');
    await eventually(async () => robots.received('/wecom', m).length, 5000, 'the robot');
    expect(robots.received('/wecom', m)[0].at).toBeGreaterThanOrEqual(newDue - 1000);
    await sleep(300);
    expect(await inbox(officer, m)).toHaveLength(1);
    expect(robots.received('/wecom', m)).toHaveLength(1);
    expect(robots.received('/dingtalk', m)).toHaveLength(1);
  });

  it('retries a refusing robot with backoff, then keeps the delivery FAILED with the last error', async () => {
    const refusing = await t.admin.api.post('/api/v1/notification-channels').send({ type: 'WECOM', url: `${robots.url}/refuse?key=k1234567`, events: ['REMINDER_DUE'] }).expect(201);
    try {
      const project = await createProject(officer.api);
      const m = marker();
      const created = await officer.api.post('/api/v1/reminders').send({ subjectType: 'PROJECT', subjectId: project.id, dueAt: inSeconds(0), message: `失败的渠道 ${m}` }).expect(201);
      const failed = await eventually(async () => {
        const rows = (await t.admin.api.get(`/api/v1/reminders/${created.body.id}/deliveries`).expect(200)).body.items as Array<{ channel: { id: string }; status: string }>;
        return rows.find((r) => r.channel.id === refusing.body.id && r.status === 'FAILED');
      }, 8000, 'the FAILED delivery');
      // The robot's errcode, not its errmsg (lastError never copies what answered).
      expect(failed).toMatchObject({ attempts: 3, lastError: 'WECOM errcode 310000' });
      expect(robots.received('/refuse', m)).toHaveLength(3);
      const times = robots.received('/refuse', m).map((r) => r.at);
      expect(times[2] - times[1]).toBeGreaterThanOrEqual(times[1] - times[0]); // exponential backoff
      // The other channels and the inbox are unaffected; the reminder itself reached its assignee.
      expect((await officer.api.get(`/api/v1/reminders/${created.body.id}`).expect(200)).body.status).toBe('SENT');
      expect(robots.received('/wecom', m)).toHaveLength(1);
    } finally {
      await t.admin.api.patch(`/api/v1/notification-channels/${refusing.body.id}`).send({ version: refusing.body.version, active: false }).expect(200);
    }
  });

  it('notifies once when the same reminder job runs twice, and re-creates a job lost from Redis', async () => {
    const reminders = t.app.get(RemindersService);
    const project = await createProject(officer.api);
    const m = marker();
    const due = await officer.api.post('/api/v1/reminders').send({ subjectType: 'PROJECT', subjectId: project.id, dueAt: inSeconds(60), message: `两次执行 ${m}` }).expect(201);
    // Two runs of one job at once (a stalled job redelivered while the first still runs).
    const later = new Date(Date.now() + 61_000);
    const outcomes = await Promise.all([reminders.fire(due.body.id, later), reminders.fire(due.body.id, later)]);
    expect(outcomes.map((o) => o.kind).sort()).toEqual(['SENT', 'SKIPPED']);
    await eventually(async () => robots.received('/wecom', m).length, 5000, 'the robot');
    await sleep(300);
    expect(await inbox(officer, m)).toHaveLength(1);
    expect(robots.received('/wecom', m)).toHaveLength(1);
    expect(robots.received('/dingtalk', m)).toHaveLength(1);

    // A scheduled reminder whose job vanished (Redis restarted without persistence) fires after a reconcile.
    const lost = await officer.api.post('/api/v1/reminders').send({ subjectType: 'PROJECT', subjectId: project.id, dueAt: inSeconds(0.5), message: `丢失的任务 ${m}` }).expect(201);
    const jobs = t.app.get(JobQueues);
    expect(await jobs.reminders.getJobState(reminderJobId(lost.body.id))).toBe('delayed');
    await jobs.reminders.remove(reminderJobId(lost.body.id));
    const result = await t.app.get(Reconciler).reconcile();
    expect(result).toMatchObject({ ran: true, reminders: 1 });
    expect((await t.app.get(Reconciler).reconcile()).reminders).toBe(0); // nothing missing any more
    await eventually(async () => (await inbox(officer, `丢失的任务 ${m}`)).length, 5000, 'the reconciled reminder');
  });

  it('turns an activity’s next follow-up into the owner’s reminder, in the same transaction, replacing the previous one', async () => {
    const project = await createProject(officer.api);
    const first = inSeconds(86_400);
    await t.admin.api
      .post(`/api/v1/projects/${project.id}/activities`)
      .send({ type: 'CALL', at: new Date().toISOString(), summary: '电话沟通选址', nextFollowUpAt: first })
      .expect(201);
    const list = async (): Promise<Array<Record<string, unknown>>> =>
      (await officer.api.get(`/api/v1/reminders?subjectType=PROJECT&subjectId=${project.id}`).expect(200)).body.items;
    const [followUp] = await list();
    expect(followUp).toMatchObject({ kind: 'FOLLOW_UP', status: 'SCHEDULED', assigneeId: officer.id, createdById: t.admin.id, dueAt: new Date(first).toISOString() });
    expect(followUp.message).toContain('电话沟通选址');
    expect(await t.app.get(JobQueues).reminders.getJobState(reminderJobId(followUp.id as string))).toBe('delayed');

    await officer.api
      .post(`/api/v1/projects/${project.id}/activities`)
      .send({ type: 'VISIT', at: new Date().toISOString(), summary: '上门拜访', nextFollowUpAt: inSeconds(2 * 86_400) })
      .expect(201);
    const after = await list();
    expect(after.map((r) => r.status).sort()).toEqual(['CANCELLED', 'SCHEDULED']);
    expect(after.find((r) => r.id === followUp.id)?.status).toBe('CANCELLED');
    expect(await t.app.get(JobQueues).reminders.getJobState(reminderJobId(followUp.id as string))).toBe('unknown');
    // A rejected activity writes no reminder.
    await officer.api.post(`/api/v1/projects/${project.id}/activities`).send({ type: 'VISIT', at: inSeconds(3600), summary: 'x', nextFollowUpAt: inSeconds(7200) }).expect(400);
    expect(await list()).toHaveLength(2);
  });

  it('refuses bad reminder input with 400, missing subjects with 404, others’ reminders with 403', async () => {
    const project = await createProject(officer.api);
    const ok = { subjectType: 'PROJECT', subjectId: project.id, dueAt: inSeconds(3600), message: '提醒' };
    const bad = async (body: object, field: string): Promise<void> => {
      const res = await officer.api.post('/api/v1/reminders').send(body).expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    };
    await bad({ ...ok, subjectType: 'COMPANY' }, 'subjectType');
    await bad({ ...ok, subjectId: 'not-a-uuid' }, 'subjectId');
    await bad({ ...ok, dueAt: '2026-13-01T09:00:00+08:00' }, 'dueAt');
    await bad({ ...ok, dueAt: '2020-01-01T09:00:00+08:00' }, 'dueAt');
    await bad({ ...ok, message: '   ' }, 'message');
    await bad({ ...ok, message: 5 }, 'message');
    const unknownField = await officer.api.post('/api/v1/reminders').send({ ...ok, priority: 'HIGH' }).expect(400);
    expect(JSON.stringify(unknownField.body)).toContain('priority');
    await officer.api.post('/api/v1/reminders').send({ ...ok, subjectId: '0190a0a0-0000-7000-8000-000000000000' }).expect(404);
    await bad({ ...ok, assigneeId: '0190a0a0-0000-7000-8000-000000000000' }, 'assigneeId');
    const manager = await t.newUser('BUILDING_MANAGER');
    await bad({ ...ok, assigneeId: manager.id }, 'assigneeId'); // a building manager cannot see projects
    await manager.api.post('/api/v1/reminders').send(ok).expect(403);
    const leader = await t.newUser('LEADER');
    await leader.api.post('/api/v1/reminders').send(ok).expect(403);

    const mine = await officer.api.post('/api/v1/reminders').send(ok).expect(201);
    const stranger = await t.newUser('OFFICER');
    await stranger.api.delete(`/api/v1/reminders/${mine.body.id}`).expect(403);
    await stranger.api.patch(`/api/v1/reminders/${mine.body.id}`).send({ version: 1, message: 'x' }).expect(403);
    await stranger.api.get(`/api/v1/reminders/${mine.body.id}/deliveries`).expect(403);
    expect((await stranger.api.get('/api/v1/reminders').expect(200)).body.items).toHaveLength(0);
    await leader.api.get(`/api/v1/reminders/${mine.body.id}/deliveries`).expect(200);
    expect((await officer.api.get('/api/v1/reminders?status=SCHEDULED').expect(200)).body.items.map((r: { id: string }) => r.id)).toContain(mine.body.id);
    await officer.api.get('/api/v1/reminders?status=LATE').expect(400);
    await officer.api.get('/api/v1/reminders/0190a0a0-0000-7000-8000-000000000000').expect(404);
    await officer.api.delete('/api/v1/reminders/nope').expect(400);
    await officer.api.patch(`/api/v1/reminders/${mine.body.id}`).send({ version: 1, dueAt: 'tomorrow' }).expect(400);
    await officer.api.patch(`/api/v1/reminders/${mine.body.id}`).send({ version: 1, status: 'SENT' }).expect(400);
    // The assignee (not only the author) may change it.
    const forColleague = await officer.api.post('/api/v1/reminders').send({ ...ok, assigneeId: colleague.id }).expect(201);
    await colleague.api.patch(`/api/v1/reminders/${forColleague.body.id}`).send({ version: 1, dueAt: inSeconds(7200) }).expect(200);
    // A building manager reminds about the buildings it can see.
    const building = await createBuilding(t.admin.api, { managerIds: [manager.id] });
    const own = await manager.api.post('/api/v1/reminders').send({ subjectType: 'BUILDING', subjectId: building.id, dueAt: inSeconds(3600), message: '月底更新房态' }).expect(201);
    await manager.api.delete(`/api/v1/reminders/${own.body.id}`).expect(200);
  });

  it('keeps each inbox private and marks notifications read', async () => {
    const project = await createProject(officer.api);
    const m = marker();
    await officer.api.post('/api/v1/reminders').send({ subjectType: 'PROJECT', subjectId: project.id, dueAt: inSeconds(0), message: `已读 ${m}` }).expect(201);
    const [note] = await arrived(officer, m);
    const unread = (await officer.api.get('/api/v1/notifications?unread=true&limit=200').expect(200)).body.items.map((n: { id: string }) => n.id);
    expect(unread).toContain(note.id);
    await colleague.api.post(`/api/v1/notifications/${note.id}/read`).expect(403);
    await t.admin.api.post(`/api/v1/notifications/${note.id}/read`).expect(403);
    const read = await officer.api.post(`/api/v1/notifications/${note.id}/read`).expect(200);
    expect(read.body).toMatchObject({ id: note.id, read: true });
    const again = await officer.api.post(`/api/v1/notifications/${note.id}/read`).expect(200);
    expect(again.body.readAt).toBe(read.body.readAt);
    expect((await officer.api.get('/api/v1/notifications?unread=true&limit=200').expect(200)).body.items.map((n: { id: string }) => n.id)).not.toContain(note.id);
    expect((await colleague.api.get('/api/v1/notifications?limit=200').expect(200)).body.items.map((n: { id: string }) => n.id)).not.toContain(note.id);
    await officer.api.post('/api/v1/notifications/0190a0a0-0000-7000-8000-000000000000/read').expect(404);
    await officer.api.get('/api/v1/notifications?unread=maybe').expect(400);
  });

  it('never shows a channel’s secret or robot token, and validates channels', async () => {
    const res = await t.admin.api
      .post('/api/v1/notification-channels')
      .send({ type: 'DINGTALK', url: 'https://oapi.dingtalk.com/robot/send?access_token=abcdef0123456789', secret: 'SECsupersecretvalue', events: ['LEASE_EXPIRING'] })
      .expect(201);
    expect(res.body).toMatchObject({ type: 'DINGTALK', hasSecret: true, active: true, name: '钉钉群机器人', events: ['LEASE_EXPIRING'] });
    expect(res.body.url).toBe('https://oapi.dingtalk.com/robot/send?access_token=****6789');
    const listed = await t.admin.api.get('/api/v1/notification-channels').expect(200);
    const text = JSON.stringify(listed.body);
    expect(text).not.toContain('SECsupersecretvalue');
    expect(text).not.toContain('abcdef0123456789');
    expect(text).not.toContain('ding-token-123456');
    expect(text).not.toContain(DING_SECRET);
    const audit = await t.admin.api.get(`/api/v1/audit?entityId=${res.body.id}`).expect(200);
    expect(JSON.stringify(audit.body)).not.toContain('SECsupersecretvalue');

    const bad = async (body: object, field: string): Promise<void> => {
      const r = await t.admin.api.post('/api/v1/notification-channels').send(body).expect(400);
      expect(r.body.details.map((d: { field: string }) => d.field)).toContain(field);
    };
    const okBody = { type: 'WECOM', url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x', events: ['REMINDER_DUE'] };
    await bad({ ...okBody, type: 'SMS' }, 'type');
    await bad({ ...okBody, url: 'ftp://example.com/x' }, 'url');
    await bad({ ...okBody, events: [] }, 'events');
    await bad({ ...okBody, events: ['SOMETHING'] }, 'events');
    await t.admin.api.post('/api/v1/notification-channels').send({ ...okBody, token: 'x' }).expect(400);
    await t.admin.api.patch(`/api/v1/notification-channels/${res.body.id}`).send({ version: 99, active: false }).expect(409);
    await t.admin.api.patch('/api/v1/notification-channels/0190a0a0-0000-7000-8000-000000000000').send({ version: 1, active: false }).expect(404);
    const off = await t.admin.api.patch(`/api/v1/notification-channels/${res.body.id}`).send({ version: res.body.version, active: false, secret: null }).expect(200);
    expect(off.body).toMatchObject({ active: false, hasSecret: false, version: res.body.version + 1 });
  });

  it('serves Bull Board under /admin/queues to admins only', async () => {
    await request(t.http).get('/admin/queues').expect(401);
    await request(t.http).get('/admin/queues').set('Authorization', 'Bearer not.a.token').expect(401);
    await request(t.http).get('/admin/queues').set('Authorization', `Bearer ${officer.token}`).expect(403);
    const page = await request(t.http).get('/admin/queues').set('Authorization', `Bearer ${t.admin.token}`).expect(200);
    expect(page.text).toContain('<div id="root">');
    // A browser opens it once with ?token=, then rides on the cookie.
    const entry = await request(t.http).get(`/admin/queues?token=${t.admin.token}`).expect(303);
    expect(entry.headers.location).toBe('/admin/queues');
    const cookie = entry.headers['set-cookie'] as unknown as string[];
    expect(cookie[0]).toMatch(/HttpOnly/);
    const api = await request(t.http).get('/admin/queues/api/queues').set('Cookie', cookie[0].split(';')[0]).expect(200);
    expect(api.body.queues.map((q: { name: string }) => q.name).sort()).toEqual(['deliveries', 'maintenance', 'reminders']);
  });
});
