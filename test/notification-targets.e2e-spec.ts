import { newId } from '../src/common/identity/ids.js';
import { DeliveryErrorsScrubbed1764713000000 } from '../src/database/migrations/1764713000000-delivery-errors-scrubbed.js';
import { NotificationChannel, NotificationDelivery } from '../src/modules/notifications/notification.entities.js';
import { createProject } from './factories/records.factory.js';
import { Robots, eventually } from './support/robots.js';
import { createTestApp, TestApp, TestUser } from './support/test-app.js';

/**
 * Channels may only target public addresses, checked when a channel is set up and again at every
 * delivery; ALLOWED_WEBHOOK_HOSTS names an intranet's own robots (here: the fake robots on
 * 127.0.0.2, while 127.0.0.1 stays refused). A delivery keeps only the status and a short reason of
 * its own, shown to admins only.
 */
describe('notification channels: internal targets refused, answers never echoed', () => {
  let t: TestApp;
  let robots: Robots;
  /** On 127.0.0.1, which ALLOWED_WEBHOOK_HOSTS does not name: nothing may reach it. */
  let internal: Robots;
  let officer: TestUser;
  const marker = (): string => `M${Math.random().toString(36).slice(2, 10)}`;

  beforeAll(async () => {
    t = await createTestApp({ ALLOWED_WEBHOOK_HOSTS: '127.0.0.2', DELIVERY_ATTEMPTS: '1', DELIVERY_TIMEOUT_MS: '2000' });
    robots = await Robots.start('127.0.0.2');
    internal = await Robots.start('127.0.0.1');
    officer = await t.newUser('OFFICER');
  });
  afterAll(async () => {
    await t.close();
    await robots.close();
    await internal.close();
  });

  it('refuses loopback, private, link-local, unique-local, unspecified and metadata addresses when a channel is created or changed', async () => {
    const refused = [
      'http://127.0.0.1:6379/',
      `${internal.url}/webhook`,
      'http://localhost:6379/x',
      'http://[::1]/hook',
      'http://0.0.0.0/hook',
      'http://10.1.2.3/hook',
      'http://172.16.5.4/hook',
      'http://172.31.255.1/hook',
      'http://192.168.1.1/hook',
      'http://169.254.169.254/latest/meta-data/',
      'http://metadata.google.internal/computeMetadata/v1/',
      'http://[fd00::1]/hook',
      'http://[fe80::1]/hook',
      'http://[::ffff:127.0.0.1]/hook',
      'http://127.0.0.3:8080/hook',
      'http://100.64.0.1/hook',
      'http://robot.local/hook',
    ];
    for (const url of refused) {
      const res = await t.admin.api.post('/api/v1/notification-channels').send({ type: 'WEBHOOK', url, events: ['REMINDER_DUE'] });
      expect({ url, status: res.status }).toEqual({ url, status: 400 });
      expect(res.body.details).toEqual([expect.objectContaining({ field: 'url', code: 'blockedAddress' })]);
    }
    const ok = await t.admin.api
      .post('/api/v1/notification-channels')
      .send({ type: 'WECOM', url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abcdef123456', events: ['WEEKLY_DIGEST'] })
      .expect(201);
    const changed = await t.admin.api.patch(`/api/v1/notification-channels/${ok.body.id}`).send({ version: ok.body.version, url: 'http://169.254.169.254/latest/' }).expect(400);
    expect(changed.body.details).toEqual([expect.objectContaining({ field: 'url', code: 'blockedAddress' })]);
    // The allowed intranet robot.
    const allowed = await t.admin.api.post('/api/v1/notification-channels').send({ type: 'WEBHOOK', url: `${robots.url}/webhook`, events: ['WEEKLY_DIGEST'] }).expect(201);
    await t.admin.api.patch(`/api/v1/notification-channels/${allowed.body.id}`).send({ version: allowed.body.version, active: false }).expect(200);
    await t.admin.api.patch(`/api/v1/notification-channels/${ok.body.id}`).send({ version: ok.body.version, active: false }).expect(200);
  });

  it('checks again at delivery: a channel whose address is internal now is not called, and says why', async () => {
    // As a channel set up before the check existed, or whose name resolves elsewhere since.
    const ids = { ip: newId(), name: newId() };
    await t.dataSource.getRepository(NotificationChannel).insert([
      { id: ids.ip, type: 'WEBHOOK', name: '旧渠道', url: `${internal.url}/webhook`, secret: null, events: ['REMINDER_DUE'], active: true, createdById: t.admin.id },
      { id: ids.name, type: 'WECOM', name: '旧机器人', url: `${internal.url.replace('127.0.0.1', 'localhost')}/wecom?key=abc`, secret: null, events: ['REMINDER_DUE'], active: true, createdById: t.admin.id },
    ]);
    try {
      const project = await createProject(officer.api);
      const m = marker();
      const reminder = await officer.api
        .post('/api/v1/reminders')
        .send({ subjectType: 'PROJECT', subjectId: project.id, dueAt: new Date(Date.now() + 200).toISOString(), message: `内网 ${m}` })
        .expect(201);
      const rows = await eventually(async () => {
        const items = (await t.admin.api.get(`/api/v1/reminders/${reminder.body.id}/deliveries`).expect(200)).body.items as { channel: { id: string }; status: string; lastError?: string }[];
        const mine = items.filter((r) => r.channel.id === ids.ip || r.channel.id === ids.name);
        return mine.length === 2 && mine.every((r) => r.status === 'FAILED') ? mine : null;
      }, 8000, 'both deliveries FAILED');
      expect(rows.find((r) => r.channel.id === ids.ip)?.lastError).toMatch(/^WEBHOOK address refused: 127\.0\.0\.1 is a loopback address/);
      expect(rows.find((r) => r.channel.id === ids.name)?.lastError).toMatch(/^WECOM address refused: localhost is a name inside a network/);
      expect(internal.requests).toHaveLength(0);
    } finally {
      await t.dataSource.getRepository(NotificationChannel).update([ids.ip, ids.name], { active: false });
    }
  });

  it('keeps only the status and a reason of its own in lastError, never the body that answered, and shows it to admins only', async () => {
    const failing = await t.admin.api.post('/api/v1/notification-channels').send({ type: 'WEBHOOK', url: `${robots.url}/error`, events: ['REMINDER_DUE'] }).expect(201);
    const refusing = await t.admin.api.post('/api/v1/notification-channels').send({ type: 'WECOM', url: `${robots.url}/refuse?key=k1234567`, events: ['REMINDER_DUE'] }).expect(201);
    try {
      const project = await createProject(officer.api);
      const m = marker();
      const reminder = await officer.api
        .post('/api/v1/reminders')
        .send({ subjectType: 'PROJECT', subjectId: project.id, dueAt: new Date(Date.now() + 200).toISOString(), message: `回声 ${m}` })
        .expect(201);
      const rows = await eventually(async () => {
        const items = (await t.admin.api.get(`/api/v1/reminders/${reminder.body.id}/deliveries`).expect(200)).body.items as { channel: { id: string }; status: string; lastError?: string }[];
        const mine = items.filter((r) => r.channel.id === failing.body.id || r.channel.id === refusing.body.id);
        return mine.length === 2 && mine.every((r) => r.status === 'FAILED') ? mine : null;
      }, 8000, 'both deliveries FAILED');
      expect(robots.received('/error', m)).toHaveLength(1);
      expect(rows.find((r) => r.channel.id === failing.body.id)?.lastError).toBe('WEBHOOK HTTP 500 Internal Server Error');
      expect(rows.find((r) => r.channel.id === refusing.body.id)?.lastError).toBe('WECOM errcode 310000');
      expect(JSON.stringify(rows)).not.toContain(m);
      expect(JSON.stringify(rows)).not.toContain('upstream said');
      expect(JSON.stringify(rows)).not.toContain('sign not match');
      // The officer who set the reminder sees where it went and how it ended, not the error text.
      const seen = (await officer.api.get(`/api/v1/reminders/${reminder.body.id}/deliveries`).expect(200)).body.items as Record<string, unknown>[];
      const failed = seen.find((r) => (r.channel as { id: string }).id === failing.body.id);
      expect(failed).toMatchObject({ status: 'FAILED', attempts: 1 });
      for (const row of seen) expect(row).not.toHaveProperty('lastError');
    } finally {
      await t.admin.api.patch(`/api/v1/notification-channels/${failing.body.id}`).send({ version: failing.body.version, active: false }).expect(200);
      await t.admin.api.patch(`/api/v1/notification-channels/${refusing.body.id}`).send({ version: refusing.body.version, active: false }).expect(200);
    }
  });

  it('cuts the bodies that earlier versions copied into lastError back to the status or errcode', async () => {
    const rows = await t.dataSource.getRepository(NotificationDelivery).find({ take: 3, order: { id: 'ASC' } });
    expect(rows.length).toBeGreaterThanOrEqual(3);
    const old = ['WEBHOOK HTTP 500: upstream said: {"redis":"requirepass s3cret"}', 'WECOM errcode 310000: sign not match', 'WEBHOOK ECONNREFUSED'];
    for (const [i, row] of rows.entries()) await t.dataSource.getRepository(NotificationDelivery).update(row.id, { lastError: old[i] });
    const runner = t.dataSource.createQueryRunner();
    try {
      await new DeliveryErrorsScrubbed1764713000000().up(runner);
    } finally {
      await runner.release();
    }
    const after = await t.dataSource.getRepository(NotificationDelivery).findBy(rows.map((r) => ({ id: r.id })));
    expect(rows.map((r) => after.find((a) => a.id === r.id)?.lastError)).toEqual(['WEBHOOK HTTP 500', 'WECOM errcode 310000', 'WEBHOOK ECONNREFUSED']);
  });
});
