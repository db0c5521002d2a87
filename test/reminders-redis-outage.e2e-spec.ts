import request from 'supertest';
import { createProject } from './factories/records.factory.js';
import { OwnRedis } from './support/redis-server.js';
import { Robots, eventually, sleep } from './support/robots.js';
import { createTestApp, TestApp, TestUser } from './support/test-app.js';

/**
 * Redis goes away while reminders are set: the requests neither fail nor hang, the rows are written
 * SCHEDULED, and once Redis is back (empty, as after a restart without persistence) the reconciler
 * enqueues them and each fires exactly once. Uses a redis-server of its own.
 */
describe('reminders through a Redis outage', () => {
  let redis: OwnRedis;
  let t: TestApp;
  let robots: Robots;
  let officer: TestUser;

  beforeAll(async () => {
    redis = await OwnRedis.start();
    robots = await Robots.start();
    t = await createTestApp({ REDIS_URL: redis.url, DELIVERY_BACKOFF_MS: '100', ALLOWED_WEBHOOK_HOSTS: '127.0.0.1' });
    officer = await t.newUser('OFFICER');
    await t.admin.api.post('/api/v1/notification-channels').send({ type: 'WECOM', url: `${robots.url}/wecom?key=outage`, events: ['REMINDER_DUE'] }).expect(201);
  });
  afterAll(async () => {
    await t.close();
    await redis.stop();
    await robots.close();
  });

  it('writes reminders while Redis is down without waiting for it, and fires each exactly once after it returns', async () => {
    const project = await createProject(officer.api, { name: '断线期间的项目' });
    await request(t.http).get('/health').expect(200, { status: 'ok', db: 'up', redis: 'up' });

    await redis.stop();
    await eventually(async () => (await request(t.http).get('/health')).body.redis === 'down', 5000, '/health to see Redis down');
    const health = await request(t.http).get('/health').expect(200);
    expect(health.body).toEqual({ status: 'degraded', db: 'up', redis: 'down' });

    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const started = Date.now();
      const res = await officer.api
        .post('/api/v1/reminders')
        .send({ subjectType: 'PROJECT', subjectId: project.id, dueAt: new Date(Date.now() + 200).toISOString(), message: `断线提醒 ${i}` })
        .expect(201);
      expect(Date.now() - started).toBeLessThan(1000);
      expect(res.body.status).toBe('SCHEDULED');
      ids.push(res.body.id);
    }
    // A follow-up set by an activity is written with it, Redis or not.
    const started = Date.now();
    await officer.api
      .post(`/api/v1/projects/${project.id}/activities`)
      .send({ type: 'CALL', at: new Date(Date.now() - 3600_000).toISOString(), summary: '断线期间的电话', nextFollowUpAt: new Date(Date.now() + 200).toISOString() })
      .expect(201);
    expect(Date.now() - started).toBeLessThan(1000);
    const followUp = (await officer.api.get(`/api/v1/reminders?subjectId=${project.id}&status=SCHEDULED`).expect(200)).body.items;
    expect(followUp).toHaveLength(4);
    // Cancelling and the rest of the API work as well.
    const doomed = await officer.api.post('/api/v1/reminders').send({ subjectType: 'PROJECT', subjectId: project.id, dueAt: new Date(Date.now() + 200).toISOString(), message: '断线后取消' }).expect(201);
    await officer.api.delete(`/api/v1/reminders/${doomed.body.id}`).expect(200);
    await request(t.http).get('/admin/queues/api/queues').set('Authorization', `Bearer ${t.admin.token}`).expect(503);

    await sleep(400); // all four are due now
    expect((await officer.api.get('/api/v1/notifications').expect(200)).body.items).toHaveLength(0);

    await redis.restart();
    const texts = (): Promise<string[]> =>
      officer.api.get('/api/v1/notifications?limit=200').then((r) => r.body.items.map((n: { message: string }) => n.message.split('\n')[0]));
    await eventually(async () => (await texts()).length >= 4, 10_000, 'the four reminders after Redis returned');
    await eventually(async () => robots.requests.length >= 4, 5000, 'the robot');
    await sleep(500);
    const arrived = (await texts()).sort();
    expect(arrived).toEqual(['断线提醒 0', '断线提醒 1', '断线提醒 2', '跟进项目「断线期间的项目」：断线期间的电话']);
    expect(robots.requests).toHaveLength(4);
    expect(robots.received('/wecom', '断线后取消')).toHaveLength(0);
    for (const id of ids) expect((await officer.api.get(`/api/v1/reminders/${id}`).expect(200)).body.status).toBe('SENT');
    await request(t.http).get('/health').expect(200, { status: 'ok', db: 'up', redis: 'up' });
  });
});
