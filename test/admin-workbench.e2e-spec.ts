import { districtDate } from '../src/common/time/district-clock.js';
import { addDays } from '../src/modules/buildings/calendar.js';
import { NotificationDelivery } from '../src/modules/notifications/notification.entities.js';
import { NotificationsService } from '../src/modules/notifications/notifications.service.js';
import { createCompany } from './factories/records.factory.js';
import { Robots, eventually } from './support/robots.js';
import { createTestApp, TestApp } from './support/test-app.js';

/**
 * The routes the administrators' pages stand on: a test message with the robot's answer, a channel's
 * delivery log with a retry of a failure, the merge history, and the audit trail by date.
 */
describe('administrators’ workbench routes', () => {
  let t: TestApp;
  let robots: Robots;

  beforeAll(async () => {
    t = await createTestApp({ ALLOWED_WEBHOOK_HOSTS: '127.0.0.2', DELIVERY_ATTEMPTS: '1', DELIVERY_TIMEOUT_MS: '2000' });
    robots = await Robots.start('127.0.0.2');
  });
  afterAll(async () => {
    await t.close();
    await robots.close();
  });

  const channel = async (type: string, path: string, events = ['WEEKLY_DIGEST']): Promise<{ id: string; version: number }> =>
    (await t.admin.api.post('/api/v1/notification-channels').send({ type, url: `${robots.url}${path}`, events, name: `${type}${path}` }).expect(201)).body;

  it('sends a test message and answers with what the robot said, storing nothing', async () => {
    const wecom = await channel('WECOM', '/wecom');
    const refusing = await channel('DINGTALK', '/refuse');
    const failing = await channel('WEBHOOK', '/error');
    const deliveriesBefore = await t.dataSource.getRepository(NotificationDelivery).count();

    const ok = (await t.admin.api.post(`/api/v1/notification-channels/${wecom.id}/test`).expect(200)).body;
    expect(ok).toEqual({ ok: true, failure: null, httpStatus: 200, errcode: 0, errmsg: 'ok' });
    expect(robots.requests.filter((r) => r.path === '/wecom').at(-1)?.body).toMatchObject({ msgtype: 'markdown', markdown: { content: expect.stringContaining('测试消息') } });

    const refused = (await t.admin.api.post(`/api/v1/notification-channels/${refusing.id}/test`).expect(200)).body;
    expect(refused).toEqual({ ok: false, failure: 'ERRCODE', httpStatus: 200, errcode: 310000, errmsg: 'sign not match' });

    // An HTTP error: its status only, never the body the service answered with.
    const failed = (await t.admin.api.post(`/api/v1/notification-channels/${failing.id}/test`).expect(200)).body;
    expect(failed).toEqual({ ok: false, failure: 'HTTP_STATUS', httpStatus: 500, errcode: null, errmsg: null });

    expect(await t.dataSource.getRepository(NotificationDelivery).count()).toBe(deliveriesBefore);
    await t.admin.api.post(`/api/v1/notification-channels/00000000-0000-7000-8000-000000000000/test`).expect(404);
  });

  it('lists a channel’s failed deliveries with their error and sends one again after the address is fixed', async () => {
    const webhook = await channel('WEBHOOK', '/error', ['PROJECT_STALE']);
    await t.app.get(NotificationsService).notify({ key: `admin-workbench-${Date.now()}`, event: 'PROJECT_STALE', title: '项目久未跟进', body: '项目久未跟进', recipientIds: [] });
    const failed = await eventually(async () => {
      const page = (await t.admin.api.get(`/api/v1/notification-channels/${webhook.id}/deliveries`).query({ status: 'FAILED' }).expect(200)).body;
      return page.items.length ? page.items : undefined;
    });
    expect(failed).toEqual([expect.objectContaining({ status: 'FAILED', attempts: 1, lastError: 'WEBHOOK HTTP 500 Internal Server Error', notification: expect.objectContaining({ event: 'PROJECT_STALE', title: '项目久未跟进' }) })]);

    await t.admin.api.patch(`/api/v1/notification-channels/${webhook.id}`).send({ version: webhook.version, url: `${robots.url}/webhook` }).expect(200);
    const retried = (await t.admin.api.post(`/api/v1/notification-deliveries/${failed[0].id}/retry`).expect(200)).body;
    expect(retried).toMatchObject({ id: failed[0].id, status: 'PENDING', attempts: 0, lastError: null });
    const sent = await eventually(async () => {
      const page = (await t.admin.api.get(`/api/v1/notification-channels/${webhook.id}/deliveries`).expect(200)).body;
      return page.items[0]?.status === 'SENT' ? page.items[0] : undefined;
    });
    expect(sent).toMatchObject({ status: 'SENT', attempts: 1, lastError: null });
    const again = await t.admin.api.post(`/api/v1/notification-deliveries/${failed[0].id}/retry`).expect(409);
    expect(again.body).toMatchObject({ code: 'STATE_CONFLICT', rule: 'DELIVERY_NOT_FAILED' });
  });

  it('lists the merge history newest first with both companies, and shows an undone merge as undone', async () => {
    const [a, b] = [await createCompany(t.admin.api, { name: '合并历史甲科技有限公司' }), await createCompany(t.admin.api, { name: '合并历史乙科技有限公司', uscc: null })];
    const merge = (await t.admin.api.post(`/api/v1/companies/${b.id}/merge`).send({ intoId: a.id }).expect(201)).body;
    let history = (await t.admin.api.get('/api/v1/companies/merges').expect(200)).body;
    expect(history.items[0]).toMatchObject({ id: merge.id, undoneAt: null, source: { name: '合并历史乙科技有限公司', archived: true }, target: { name: '合并历史甲科技有限公司' } });
    await t.admin.api.post(`/api/v1/companies/merges/${merge.id}/undo`).expect(200);
    history = (await t.admin.api.get('/api/v1/companies/merges').expect(200)).body;
    expect(history.items[0]).toMatchObject({ id: merge.id, undoneAt: expect.any(String), source: { archived: false } });
  });

  it('filters the audit trail by the district dates of the changes', async () => {
    const today = districtDate();
    const count = async (query: Record<string, string>): Promise<number> => (await t.admin.api.get('/api/v1/audit').query({ entity: 'Company', limit: 200, ...query }).expect(200)).body.items.length;
    expect(await count({ from: today, to: today })).toBeGreaterThan(0);
    expect(await count({ from: addDays(today, 1) })).toBe(0);
    expect(await count({ to: addDays(today, -1) })).toBe(0);
    await t.admin.api.get('/api/v1/audit').query({ from: '2025-02-30' }).expect(400);
  });
});
