import { districtDate } from '../src/common/time/district-clock.js';
import { Building } from '../src/modules/buildings/building.entity.js';
import { addDays } from '../src/modules/buildings/calendar.js';
import { ScansService } from '../src/modules/schedules/scans.service.js';
import { SchedulesService } from '../src/modules/schedules/schedules.service.js';
import { JobQueues } from '../src/queue/job-queues.service.js';
import { createBuilding, createUnit } from './factories/buildings.factory.js';
import { createCompany, createProject, moveProject } from './factories/records.factory.js';
import { createTestApp, ON_POSTGRES, TestApp, TestUser } from './support/test-app.js';

/**
 * The scheduled scans on hand-made data, with the clock in the test's hands: each scan takes `now`,
 * so "31 days later" is a parameter, not a wait.
 */
describe('scheduled scans', () => {
  let t: TestApp;
  let scans: ScansService;
  let officer: TestUser;
  let leaders: TestUser[];
  const DAY = 86_400_000;
  const later = (days: number, from = Date.now()): Date => new Date(from + days * DAY);

  type Note = { id: string; event: string; title: string; message: string; subjectId: string | null };
  const inbox = async (u: TestUser, subjectId?: string): Promise<Note[]> => {
    const items = (await u.api.get('/api/v1/notifications?limit=200').expect(200)).body.items as Note[];
    return subjectId ? items.filter((n) => n.subjectId === subjectId) : items;
  };

  beforeAll(async () => {
    t = await createTestApp({ STALE_PROJECT_DAYS: '30', VACANCY_STALE_DAYS: '30', SCAN_LOOKBACK_DAYS: '7', LEASE_EXPIRY_WINDOW_DAYS: '60' });
    scans = t.app.get(ScansService);
    officer = await t.newUser('OFFICER');
    leaders = [await t.newUser('LEADER'), await t.newUser('LEADER')];
  });
  afterAll(async () => {
    await t.close();
  });

  it('flags a project without activity to its owner after N days, escalates to every leader after 2N, once each', async () => {
    const quiet = await createProject(officer.api, { name: '久未跟进的项目' });
    const lost = await createProject(officer.api, { name: '已流失的项目' });
    await moveProject(officer.api, lost.id, 'LOST', { reason: '选址外地' });
    const archived = await createProject(officer.api, { name: '已归档的项目' });
    await officer.api.post(`/api/v1/projects/${archived.id}/archive`).expect(200);
    const created = Date.now();

    expect(await scans.staleProjects(later(29, created))).toBe(0);
    expect(await inbox(officer, quiet.id)).toHaveLength(0);

    await scans.staleProjects(later(31, created));
    const [flag] = await inbox(officer, quiet.id);
    expect(flag).toMatchObject({ event: 'PROJECT_STALE' });
    expect(flag.message).toContain('已 31 天没有跟进记录');
    expect(flag.message).toContain('负责人：测试OFFICER');
    expect(await inbox(leaders[0], quiet.id)).toHaveLength(0);
    expect(await inbox(officer, lost.id)).toHaveLength(0);
    expect(await inbox(officer, archived.id)).toHaveLength(0);

    // Again the next day: nothing new.
    await scans.staleProjects(later(32, created));
    expect(await inbox(officer, quiet.id)).toHaveLength(1);

    await scans.staleProjects(later(61, created));
    for (const leader of leaders) {
      const [escalation] = await inbox(leader, quiet.id);
      expect(escalation.title).toContain('【升级】');
      expect(escalation.message).toContain('请督促负责人 测试OFFICER 跟进');
    }
    expect(await inbox(officer, quiet.id)).toHaveLength(1);
    await scans.staleProjects(later(62, created));
    expect(await inbox(leaders[1], quiet.id)).toHaveLength(1);
  });

  it('counts quiet days from the last activity, and a new activity starts a new count', async () => {
    const p = await createProject(officer.api);
    const lastCall = Date.now() - 10 * DAY;
    await officer.api.post(`/api/v1/projects/${p.id}/activities`).send({ type: 'CALL', at: new Date(lastCall).toISOString(), summary: '电话' }).expect(201);
    await scans.staleProjects(later(25, lastCall));
    expect(await inbox(officer, p.id)).toHaveLength(0);
    await scans.staleProjects(later(30.5, lastCall));
    expect(await inbox(officer, p.id)).toHaveLength(1);

    const visit = Date.now() - 5 * DAY;
    await officer.api.post(`/api/v1/projects/${p.id}/activities`).send({ type: 'VISIT', at: new Date(visit).toISOString(), summary: '拜访' }).expect(201);
    await scans.staleProjects(later(30.5, visit));
    expect(await inbox(officer, p.id)).toHaveLength(2);
  });

  it('reminds a building’s managers when its vacancy goes stale, then escalates to the admins', async () => {
    const manager = await t.newUser('BUILDING_MANAGER');
    const other = await t.newUser('BUILDING_MANAGER');
    const building = await createBuilding(t.admin.api, { name: '滨江道商务中心', managerIds: [manager.id] });
    const fresh = await createBuilding(t.admin.api, { managerIds: [other.id] });
    await createUnit(manager.api, building.id, { code: '1201' });
    const updated = Date.now();
    // The other building keeps its data current: its sheet is confirmed on day 20.
    await t.dataSource.getRepository(Building).update({ id: fresh.id }, { vacancyUpdatedAt: later(20, updated) });

    await scans.vacancyFreshness(later(31, updated));
    const [note] = await inbox(manager, building.id);
    expect(note).toMatchObject({ event: 'VACANCY_STALE', title: '楼宇空置数据未更新：滨江道商务中心' });
    expect(note.message).toContain('已 31 天未更新');
    expect(await inbox(other, fresh.id)).toHaveLength(0);
    expect(await inbox(t.admin, building.id)).toHaveLength(0);

    await scans.vacancyFreshness(later(33, updated));
    expect(await inbox(manager, building.id)).toHaveLength(1);

    // At 2N the admins hear of it: with the seeded buildings never updated either, as one summary of the backlog.
    await scans.vacancyFreshness(later(61, updated));
    const escalations = async (): Promise<Note[]> => (await inbox(t.admin)).filter((n) => n.event === 'VACANCY_STALE' && n.message.includes('滨江道商务中心'));
    const [escalation] = await escalations();
    expect(escalation.title).toMatch(/^【升级】(\d+ 栋楼宇的空置数据超过60天未更新|楼宇空置数据未更新：滨江道商务中心)$/);
    expect(escalation.message).toContain('楼宇管理员 测试BUILDING_MANAGER');
    await scans.vacancyFreshness(later(62, updated));
    expect(await escalations()).toHaveLength(1);
    expect(await inbox(manager, building.id)).toHaveLength(1);
  });

  it('tells the tenant’s officers once about a lease ending within the window, and every officer when the tenant has none', async () => {
    const today = districtDate();
    const company = await createCompany(officer.api, { name: '津门金融科技有限公司' });
    await createProject(officer.api, { companyId: company.id });
    const stranger = await createCompany(officer.api, { name: '无项目的租户有限公司' });
    const building = await createBuilding(t.admin.api, { name: '租约测试大厦' });
    await createUnit(t.admin.api, building.id, { code: '801', status: 'LEASED', tenantCompanyId: company.id, leaseEnd: addDays(today, 30) });
    await createUnit(t.admin.api, building.id, { code: '802', status: 'LEASED', tenantCompanyId: stranger.id, leaseEnd: addDays(today, 45) });
    await createUnit(t.admin.api, building.id, { code: '803', status: 'LEASED', tenantCompanyId: company.id, leaseEnd: addDays(today, 200) });
    const colleague = await t.newUser('OFFICER');

    await scans.leaseExpiry(new Date());
    const mine = (await inbox(officer, building.id)).filter((n) => n.event === 'LEASE_EXPIRING');
    expect(mine.map((n) => n.title).sort()).toEqual(['租约即将到期：租约测试大厦 801', '租约即将到期：租约测试大厦 802']);
    expect(mine.find((n) => n.title.endsWith('801'))?.message).toContain(`将于 ${addDays(today, 30)} 到期（还剩 30 天）`);
    const theirs = (await inbox(colleague, building.id)).map((n) => n.title);
    expect(theirs).toEqual(['租约即将到期：租约测试大厦 802']);

    await scans.leaseExpiry(new Date());
    expect((await inbox(officer, building.id)).filter((n) => n.event === 'LEASE_EXPIRING')).toHaveLength(2);
  });

  it('sends the leaders one weekly digest a day with the plan’s indicators', async () => {
    const monday = new Date('2026-11-30T09:00:00+08:00');
    expect(await scans.weeklyDigest(monday)).toBe(1);
    expect(await scans.weeklyDigest(monday)).toBe(0);
    for (const leader of leaders) {
      const digests = (await inbox(leader)).filter((n) => n.event === 'WEEKLY_DIGEST');
      expect(digests).toHaveLength(1);
      // The 14th plan ended before 2026-11-30 and no later plan is entered: the digest says so.
      expect(digests[0].message).toContain('十五五规划（2026—2030年）目标尚未录入');
    }
    expect((await inbox(officer)).filter((n) => n.event === 'WEEKLY_DIGEST')).toHaveLength(0);
  });

  it('takes the month-end vacancy snapshot of the month just ended', async () => {
    const building = await createBuilding(t.admin.api);
    await createUnit(t.admin.api, building.id, { code: 'S1' });
    const thisMonth = districtDate().slice(0, 7);
    const [y, m] = thisMonth.split('-').map(Number);
    const firstOfNext = new Date(`${m === 12 ? y + 1 : y}-${String(m === 12 ? 1 : m + 1).padStart(2, '0')}-01T00:30:00+08:00`);
    expect(await scans.monthEndSnapshot(firstOfNext)).toBe(thisMonth);
    const history = await t.admin.api.get(`/api/v1/buildings/${building.id}/vacancy-history`).expect(200);
    expect(JSON.stringify(history.body)).toContain(thisMonth);
  });

  it('keeps one job scheduler per recurring job, in the district’s time zone, however often they are upserted', async () => {
    const schedules = t.app.get(SchedulesService);
    await schedules.upsertAll();
    await schedules.upsertAll();
    const found = await t.app.get(JobQueues).maintenance.getJobSchedulers();
    expect(found.map((s) => s.key).sort()).toEqual(
      // The backup of the embedded database runs on SQLite only (PostgreSQL has its own tools).
      ['follow-ups', 'lead-pool', 'lease-expiry', 'overdue-problems', 'reconcile', 'stale-projects', 'vacancy-freshness', 'vacancy-snapshot', 'weekly-digest', ...(ON_POSTGRES ? [] : ['backup'])].sort(),
    );
    const digest = found.find((s) => s.key === 'weekly-digest');
    expect(digest).toMatchObject({ pattern: '0 9 * * 1', tz: 'Asia/Shanghai' });
    // Next Monday 09:00 in Tianjin is 01:00 UTC.
    expect(new Date(Number(digest?.next)).getUTCHours()).toBe(1);
    expect(new Date(Number(digest?.next)).getUTCDay()).toBe(1);
  });
});
