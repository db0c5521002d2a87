import { districtDate, districtDayStart } from '../src/common/time/district-clock.js';
import { instant } from '../src/database/sql.js';
import { addDays } from '../src/modules/buildings/calendar.js';
import { Notification } from '../src/modules/notifications/notification.entities.js';
import { NotificationsService } from '../src/modules/notifications/notifications.service.js';
import { Funding } from '../src/modules/projects/project-records.entities.js';
import { Project } from '../src/modules/projects/project.entity.js';
import { Reminder } from '../src/modules/reminders/reminder.entity.js';
import { createCompany, createProject, moveProject } from './factories/records.factory.js';
import { createTestApp, ON_POSTGRES, TestApp, TestUser } from './support/test-app.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('what the workbench reads: the summary, the bell, the directory, similar company names', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const notify = async (to: TestUser[], title = '提醒'): Promise<void> => {
    const key = `wb:${Math.random().toString(36).slice(2)}`;
    await t.app.get(NotificationsService).notify({ key, event: 'REMINDER_DUE', title, body: key, recipientIds: to.map((u) => u.id) });
  };

  describe('GET /workbench/summary', () => {
    it('gives an officer their own figures, each one recomputed here from the records', async () => {
      const me = await t.newUser('OFFICER');
      const someoneElse = await t.newUser('OFFICER');
      const today = districtDate();
      const year = Number(today.slice(0, 4));
      const started = { startedAt: `${year - 1}-01-01` };
      const fund = async (u: TestUser, id: string, date: string, amount: string, currency = 'CNY'): Promise<void> => {
        await u.api.post(`/api/v1/projects/${id}/fundings`).send({ date, amount, currency }).expect(201);
      };

      // Signed this year, with funds in place in two currencies.
      const signed = await createProject(me.api, { name: '今年签约', ...started });
      await moveProject(me.api, signed.id, 'SIGNED', { at: `${year}-01-01` });
      await fund(me, signed.id, today, '1000.50');
      await fund(me, signed.id, today, '2000.25');
      await fund(me, signed.id, today, '20.00', 'USD');
      // Signed and funded last year: still open, but not this year's figures.
      const lastYear = await createProject(me.api, { name: '去年签约', ...started });
      await moveProject(me.api, lastYear.id, 'SIGNED', { at: `${year - 1}-06-01` });
      await fund(me, lastYear.id, `${year - 1}-07-01`, '99999.00');
      // Signed and funded this year, then archived: out of every figure.
      const archived = await createProject(me.api, { name: '已归档', ...started });
      await moveProject(me.api, archived.id, 'SIGNED', { at: today });
      await fund(me, archived.id, today, '5555.55');
      await me.api.post(`/api/v1/projects/${archived.id}/archive`).expect(200);
      // Lost: not open.
      const lost = await createProject(me.api, { name: '已流失' });
      await moveProject(me.api, lost.id, 'LOST', { reason: '落户他区' });
      // A follow-up due tonight (its reminder is due tonight too).
      const due = await createProject(me.api, { name: '今晚跟进' });
      await me.api
        .post(`/api/v1/projects/${due.id}/activities`)
        .send({ type: 'CALL', at: new Date(Date.now() - 2 * HOUR).toISOString(), summary: '电话', nextFollowUpAt: new Date(districtDayStart(addDays(today, 1)).getTime() - 60_000).toISOString() })
        .expect(201);
      // Created forty days ago and never followed up: stale at STALE_PROJECT_DAYS (30).
      const quiet = await createProject(me.api, { name: '久未跟进' });
      await t.dataSource.query(`UPDATE projects SET created_at = ${ON_POSTGRES ? '$1' : '?'} WHERE id = ${ON_POSTGRES ? '$2' : '?'}`, [
        instant(t.dataSource.manager, new Date(Date.now() - 40 * DAY)),
        quiet.id,
      ]);
      // Reminders: due within the hour and late tomorrow count; the day after tomorrow and a cancelled one do not.
      const remind = async (dueAt: Date): Promise<string> =>
        (await me.api.post('/api/v1/reminders').send({ subjectType: 'PROJECT', subjectId: signed.id, dueAt: dueAt.toISOString(), message: '回访' }).expect(201)).body.id;
      await remind(new Date(Date.now() + HOUR));
      await remind(new Date(districtDayStart(addDays(today, 2)).getTime() - 60_000));
      await remind(new Date(districtDayStart(addDays(today, 2)).getTime() + 60_000));
      await me.api.delete(`/api/v1/reminders/${await remind(new Date(Date.now() + HOUR))}`).expect(200);
      // Three notifications, one of them read.
      await notify([me]);
      await notify([me]);
      await notify([me, someoneElse]);
      const first = (await me.api.get('/api/v1/notifications').expect(200)).body.items[0];
      await me.api.post(`/api/v1/notifications/${first.id}/read`).expect(200);
      // Someone else's records count for them only.
      const theirs = await createProject(someoneElse.api, { name: '别人的项目', ...started });
      await moveProject(someoneElse.api, theirs.id, 'SIGNED', { at: today });
      await fund(someoneElse, theirs.id, today, '777.00');

      const summary = (await me.api.get('/api/v1/workbench/summary').expect(200)).body;

      // The same figures, recomputed from the rows with the district's calendar.
      const projects = await t.dataSource.getRepository(Project).findBy({ ownerId: me.id });
      const live = projects.filter((p) => !p.archivedAt);
      const open = live.filter((p) => !['OPERATING', 'LOST'].includes(p.stage));
      const liveIds = new Set(live.map((p) => p.id));
      const fundings = (await t.dataSource.getRepository(Funding).find()).filter((f) => liveIds.has(f.projectId) && f.date.startsWith(String(year)));
      const sums = new Map<string, bigint>();
      for (const f of fundings) sums.set(f.currency, (sums.get(f.currency) ?? 0n) + f.amount);
      const money = (minor: bigint): string => `${minor / 100n}.${String(minor % 100n).padStart(2, '0')}`;
      const reminders = await t.dataSource.getRepository(Reminder).findBy({ assigneeId: me.id, status: 'SCHEDULED' });
      const unread = (await t.dataSource.getRepository(Notification).findBy({ recipientId: me.id })).filter((n) => n.readAt === null);
      const recomputed = {
        year,
        signedProjects: live.filter((p) => p.signedAt?.startsWith(String(year))).length,
        fundsInPlace: ['CNY', 'USD'].filter((c) => sums.has(c)).map((currency) => ({ currency, amount: money(sums.get(currency) as bigint) })),
        openProjects: open.length,
        followUpsDue: open.filter((p) => p.nextFollowUpAt && districtDate(p.nextFollowUpAt) <= today).length,
        staleProjects: open.filter((p) => districtDate(p.lastActivityAt ?? p.createdAt) <= addDays(today, -30)).length,
        staleDays: 30,
        remindersDue: reminders.filter((r) => districtDate(r.dueAt) <= addDays(today, 1)).length,
        unreadNotifications: unread.length,
      };
      expect(summary).toEqual(recomputed);
      // And what the arrangement above makes them, so each exclusion is exercised.
      expect(summary).toEqual({
        year,
        signedProjects: 1,
        fundsInPlace: [
          { currency: 'CNY', amount: '3000.75' },
          { currency: 'USD', amount: '20.00' },
        ],
        openProjects: 4,
        followUpsDue: 1,
        staleProjects: 1,
        staleDays: 30,
        remindersDue: 3,
        unreadNotifications: 2,
      });
      // The counts are the lists' counts with the same filters.
      const count = async (query: Record<string, string | number | boolean>): Promise<number> =>
        (await me.api.get('/api/v1/projects').query({ ownerId: me.id, limit: 200, ...query }).expect(200)).body.items.length;
      expect(await count({ followUpDue: true })).toBe(summary.followUpsDue);
      expect(await count({ idleDays: summary.staleDays })).toBe(summary.staleProjects);
      expect((await me.api.get('/api/v1/notifications/unread-count').expect(200)).body).toEqual({ count: summary.unreadNotifications });
    });

    it('leaves out a currency without entries, and answers a new officer with zeros', async () => {
      const fresh = await t.newUser('OFFICER');
      const res = await fresh.api.get('/api/v1/workbench/summary').expect(200);
      expect(res.body).toMatchObject({ signedProjects: 0, fundsInPlace: [], openProjects: 0, followUpsDue: 0, staleProjects: 0, remindersDue: 0, unreadNotifications: 0 });
      await t.admin.api.get('/api/v1/workbench/summary').expect(200);
    });

    it('is for the roles that run projects: leaders and building managers get 403', async () => {
      for (const role of ['LEADER', 'BUILDING_MANAGER'] as const) {
        const u = await t.newUser(role);
        const res = await u.api.get('/api/v1/workbench/summary').expect(403);
        expect(res.body.code).toBe('FORBIDDEN');
      }
    });
  });

  describe('the bell: unread count and mark all read', () => {
    it('counts my unread notifications and marks all of them read, leaving others’ inboxes alone', async () => {
      const me = await t.newUser('LEADER');
      const colleague = await t.newUser('OFFICER');
      await notify([me, colleague]);
      await notify([me]);
      await notify([me]);
      expect((await me.api.get('/api/v1/notifications/unread-count').expect(200)).body).toEqual({ count: 3 });
      const one = (await me.api.get('/api/v1/notifications').expect(200)).body.items[0];
      await me.api.post(`/api/v1/notifications/${one.id}/read`).expect(200);
      expect((await me.api.get('/api/v1/notifications/unread-count').expect(200)).body).toEqual({ count: 2 });

      const audited = async (): Promise<number> =>
        (await t.admin.api.get('/api/v1/audit').query({ actorId: me.id, action: 'notification.read', limit: 200 }).expect(200)).body.items.length;
      const before = await audited();
      expect((await me.api.post('/api/v1/notifications/read-all').expect(200)).body).toEqual({ updated: 2 });
      expect(await audited()).toBe(before + 2);
      expect((await me.api.get('/api/v1/notifications/unread-count').expect(200)).body).toEqual({ count: 0 });
      expect((await me.api.get('/api/v1/notifications').query({ unread: true }).expect(200)).body.items).toEqual([]);
      expect((await me.api.post('/api/v1/notifications/read-all').expect(200)).body).toEqual({ updated: 0 });
      expect(await audited()).toBe(before + 2);
      expect((await colleague.api.get('/api/v1/notifications/unread-count').expect(200)).body).toEqual({ count: 1 });
    });
  });

  describe('GET /users/directory', () => {
    it('names every user, inactive ones too, with role and active flag only: no username, never a hash', async () => {
      const gone = await t.newUser('OFFICER');
      const admin = (await t.admin.api.get(`/api/v1/users/${gone.id}`).expect(200)).body;
      await t.admin.api.patch(`/api/v1/users/${gone.id}`).send({ version: admin.version, active: false }).expect(200);
      const manager = await t.newUser('BUILDING_MANAGER');
      const res = await manager.api.get('/api/v1/users/directory').expect(200);
      const users = (await t.admin.api.get('/api/v1/users').query({ limit: 200 }).expect(200)).body.items as { id: string; displayName: string; role: string; active: boolean }[];
      expect(res.body).toHaveLength(users.length);
      expect(res.body).toEqual(expect.arrayContaining(users.map((u) => ({ id: u.id, displayName: u.displayName, role: u.role, active: u.active }))));
      for (const entry of res.body) expect(Object.keys(entry).sort()).toEqual(['active', 'displayName', 'id', 'role']);
      expect(res.body.find((u: { id: string }) => u.id === gone.id)).toMatchObject({ active: false, role: 'OFFICER' });
      const text = JSON.stringify(res.body);
      expect(text).not.toMatch(/scrypt|password|username/i);
      expect(text).not.toContain(gone.username);
    });
  });

  describe('GET /companies/similar', () => {
    it('finds 天津某某科技有限公司 for 某某科技（天津）有限公司, live companies only, at most five, best first', async () => {
      const officer = await t.newUser('OFFICER');
      const tag = `相似${Date.now().toString(36).replace(/[0-9]/g, (d) => '零一二三四五六七八九'[Number(d)])}`;
      const same = await createCompany(officer.api, { name: `天津${tag}科技有限公司`, uscc: null });
      await createCompany(officer.api, { name: `${tag}医疗器械有限公司`, uscc: null });
      const res = await officer.api.get('/api/v1/companies/similar').query({ name: `${tag}科技（天津）有限公司` }).expect(200);
      expect(res.body).toEqual([{ company: { id: same.id, name: `天津${tag}科技有限公司`, uscc: null }, score: 1 }]);

      // A merged (archived) company is not offered; the one it was merged into is.
      const merged = await createCompany(officer.api, { name: `北京${tag}科技有限公司`, uscc: null });
      await t.admin.api.post(`/api/v1/companies/${merged.id}/merge`).send({ intoId: same.id }).expect(201);
      const afterMerge = await officer.api.get('/api/v1/companies/similar').query({ name: `${tag}科技有限公司` }).expect(200);
      expect(afterMerge.body.map((s: { company: { id: string } }) => s.company.id)).toEqual([same.id]);

      // Many alike: five, the closest names first.
      for (const region of ['上海', '河北', '深圳', '广州', '杭州', '南京']) await createCompany(officer.api, { name: `${region}${tag}科技股份有限公司`, uscc: null });
      await createCompany(officer.api, { name: `${tag}科技发展有限公司`, uscc: null });
      const many = await officer.api.get('/api/v1/companies/similar').query({ name: `${tag}科技发展（天津）有限公司` }).expect(200);
      expect(many.body).toHaveLength(5);
      expect(many.body[0]).toMatchObject({ company: { name: `${tag}科技发展有限公司` }, score: 1 });
      const scores = many.body.map((s: { score: number }) => s.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      expect(scores[4]).toBeGreaterThanOrEqual(0.8);
    });

    it('answers 400 for an empty, blank or missing name and for unknown parameters', async () => {
      for (const query of [{ name: '' }, { name: '   ' }, {}, { name: 'x'.repeat(201) }, { name: '某公司', limit: '3' }]) {
        const res = await t.admin.api.get('/api/v1/companies/similar').query(query).expect(400);
        expect(res.body.code).toBe('VALIDATION');
      }
    });
  });
});
