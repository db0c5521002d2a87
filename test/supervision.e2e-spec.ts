import { districtDate } from '../src/common/time/district-clock.js';
import { addDays } from '../src/modules/buildings/calendar.js';
import { ProblemEscalationService } from '../src/modules/supervision/problem-escalation.service.js';
import { JobQueues } from '../src/queue/job-queues.service.js';
import { JobName } from '../src/queue/queue.constants.js';
import { createProblem, departmentUser } from './factories/problems.factory.js';
import { createProject } from './factories/records.factory.js';
import { eventually, Robots } from './support/robots.js';
import { binary, readXlsx } from './support/sheets.js';
import { createTestApp, TestApp, TestUser } from './support/test-app.js';

/**
 * 督办: problems of projects with a responsible department and a deadline. The escalation scan takes
 * `now`, so "eight days past the deadline" is a parameter; notifications go through the real queue
 * (Redis) to a local robot playing the department's WeCom group.
 */
describe('督办: problems, departments and escalation', () => {
  let t: TestApp;
  let robots: Robots;
  let officer: TestUser;
  let otherOfficer: TestUser;
  let leaders: TestUser[];
  const DAY = 86_400_000;
  const later = (days: number): Date => new Date(Date.now() + days * DAY);

  type Note = { event: string; title: string; message: string; subjectId: string | null };
  const inbox = async (u: TestUser, marker: string): Promise<Note[]> =>
    ((await u.api.get('/api/v1/notifications?limit=200').expect(200)).body.items as Note[]).filter((n) => n.title.includes(marker) || n.message.includes(marker));

  beforeAll(async () => {
    t = await createTestApp({ PROBLEM_ESCALATION_DAYS: '7', ALLOWED_WEBHOOK_HOSTS: '127.0.0.1' });
    robots = await Robots.start();
    officer = await t.newUser('OFFICER');
    otherOfficer = await t.newUser('OFFICER');
    leaders = [await t.newUser('LEADER'), await t.newUser('LEADER')];
  });
  afterAll(async () => {
    await t.close();
    await robots.close();
  });

  it('seeds the usual district bodies as departments', async () => {
    const names = ((await officer.api.get('/api/v1/departments?limit=200').expect(200)).body.items as { nameZh: string }[]).map((d) => d.nameZh);
    expect(names).toEqual(expect.arrayContaining(['区商务局', '区发展改革委', '区市场监管局', '区住建委', '区金融局', '区人社局', '区科技局', '区税务局', '楼宇所在街道']));
  });

  it('notifies the department once the day after the deadline, and the leaders once after PROBLEM_ESCALATION_DAYS more', async () => {
    const { user: contact, department } = await departmentUser(t);
    await t.admin.api.post('/api/v1/notification-channels').send({ type: 'WECOM', url: `${robots.url}/wecom?key=dept1234`, events: ['PROBLEM_OVERDUE'] }).expect(201);
    const project = await createProject(officer.api, { name: '逾期问题测试项目' });
    const title = `写字楼装修审批${Math.random().toString(36).slice(2, 6)}`;
    const problem = await createProblem(officer.api, project.id, department.id, { title, category: 'PREMISES', assigneeId: contact.id });
    const scan = t.app.get(ProblemEscalationService);

    await scan.scan(new Date());
    expect(await inbox(contact, title)).toHaveLength(0);

    await scan.scan(later(1));
    const [notice] = await inbox(contact, title);
    expect(notice).toMatchObject({ event: 'PROBLEM_OVERDUE', subjectId: project.id });
    expect(notice.message).toContain('已超过办理期限 1 天');
    expect(await inbox(leaders[0], title)).toHaveLength(0);
    // Through the queue to the group robot.
    await eventually(async () => robots.received('/wecom', title).length === 1 || null, 10_000, 'the robot got the notice');

    // Every later run before the second threshold: nothing new.
    await scan.scan(later(2));
    await scan.scan(later(7));
    expect(await inbox(contact, title)).toHaveLength(1);
    expect(await inbox(leaders[0], title)).toHaveLength(0);

    await scan.scan(later(8));
    for (const leader of leaders) {
      const escalations = await inbox(leader, title);
      expect(escalations).toHaveLength(1);
      expect(escalations[0].title).toContain('【督办】');
    }
    await scan.scan(later(9));
    await Promise.all([scan.scan(later(10)), scan.scan(later(10))]);
    expect(await inbox(leaders[1], title)).toHaveLength(1);
    expect(await inbox(contact, title)).toHaveLength(1);
    await eventually(async () => robots.received('/wecom', title).length === 2 || null, 10_000, 'the robot got the escalation');

    // Both notices in the project's timeline.
    const timeline = (await officer.api.get(`/api/v1/projects/${project.id}/timeline`).expect(200)).body.items as { kind: string; problem?: { kind: string } }[];
    expect(timeline.filter((e) => e.kind === 'PROBLEM').map((e) => e.problem?.kind)).toEqual(['ESCALATED', 'OVERDUE_NOTIFIED', 'CREATED']);

    // A new deadline is a new episode; a closed problem is never notified.
    const current = (await officer.api.get(`/api/v1/problems/${problem.id}`).expect(200)).body;
    await officer.api.patch(`/api/v1/problems/${problem.id}`).send({ version: current.version, dueDate: addDays(districtDate(), 1) }).expect(200);
    await scan.scan(later(1));
    expect(await inbox(contact, title)).toHaveLength(1);
    await scan.scan(later(2));
    expect(await inbox(contact, title)).toHaveLength(2);
    const reopened = (await contact.api.get(`/api/v1/problems/${problem.id}`).expect(200)).body;
    await contact.api.patch(`/api/v1/problems/${problem.id}`).send({ version: reopened.version, status: 'RESOLVED', resolution: '已协调办理' }).expect(200);
    await scan.scan(later(30));
    expect(await inbox(leaders[0], title)).toHaveLength(1);
  });

  it('runs the overdue scan as a job of the maintenance queue (the daily scheduler’s job)', async () => {
    const { user: contact, department } = await departmentUser(t);
    const project = await createProject(officer.api);
    const title = `排队扫描${Math.random().toString(36).slice(2, 6)}`;
    const problem = await createProblem(officer.api, project.id, department.id, { title });
    await t.dataSource.query(`UPDATE problems SET due_date = '${addDays(districtDate(), -2)}' WHERE id = '${problem.id}'`);
    await t.app.get(JobQueues).maintenance.add(JobName.SCAN_OVERDUE_PROBLEMS, {});
    const [notice] = await eventually(async () => {
      const found = await inbox(contact, title);
      return found.length ? found : null;
    }, 15_000, 'the queued scan notified the department');
    expect(notice.message).toContain('已超过办理期限 2 天');
  });

  it('shows a department user only their departments’ problems, and refuses changes to others’', async () => {
    const a = await departmentUser(t);
    const b = await departmentUser(t);
    const project = await createProject(officer.api);
    const mine = await createProblem(officer.api, project.id, a.department.id, { title: '甲单位的问题' });
    const theirs = await createProblem(officer.api, project.id, b.department.id, { title: '乙单位的问题' });

    const listed = (await a.user.api.get('/api/v1/problems?limit=200').expect(200)).body.items as { id: string }[];
    expect(listed.map((p) => p.id)).toEqual([mine.id]);
    // Even when asking for the other department by name.
    expect((await a.user.api.get(`/api/v1/problems?departmentId=${b.department.id}`).expect(200)).body.items).toEqual([]);
    await a.user.api.get(`/api/v1/problems/${theirs.id}`).expect(403);
    await a.user.api.get(`/api/v1/problems/${theirs.id}/history`).expect(403);
    await a.user.api.patch(`/api/v1/problems/${theirs.id}`).send({ version: theirs.version, status: 'IN_PROGRESS' }).expect(403);
    expect((await b.user.api.get(`/api/v1/problems/${theirs.id}`).expect(200)).body.status).toBe('OPEN');
    // Nor the rest of the system.
    await a.user.api.get(`/api/v1/projects/${project.id}`).expect(403);
    await a.user.api.get('/api/v1/companies').expect(403);
    await a.user.api.post(`/api/v1/projects/${project.id}/problems`).send({ title: '越权', category: 'OTHER', departmentId: a.department.id, dueDate: districtDate() }).expect(403);
    // Their own: yes, but not the deadline.
    await a.user.api.patch(`/api/v1/problems/${mine.id}`).send({ version: mine.version, dueDate: addDays(districtDate(), 30) }).expect(403);
    const moved = await a.user.api.patch(`/api/v1/problems/${mine.id}`).send({ version: mine.version, status: 'IN_PROGRESS' }).expect(200);
    expect(moved.body).toMatchObject({ status: 'IN_PROGRESS', version: mine.version + 1 });
    // Another officer's project: no.
    await otherOfficer.api.patch(`/api/v1/problems/${mine.id}`).send({ version: moved.body.version, status: 'RESOLVED', resolution: 'x' }).expect(403);
    const stats = (await a.user.api.get('/api/v1/problems/stats').expect(200)).body;
    expect(stats.byDepartment.map((d: { departmentId: string }) => d.departmentId)).toEqual([a.department.id]);
  });

  it('moves 待办 → 办理中 → 已办结 with a resolution; refuses stale versions, going back and changing a closed problem', async () => {
    const { user, department } = await departmentUser(t);
    const project = await createProject(officer.api);
    const p = await createProblem(officer.api, project.id, department.id);
    expect(p).toMatchObject({ status: 'OPEN', version: 1, overdue: false, supervised: false });

    const working = await user.api.patch(`/api/v1/problems/${p.id}`).send({ version: 1, status: 'IN_PROGRESS' }).expect(200);
    const stale = await officer.api.patch(`/api/v1/problems/${p.id}`).send({ version: 1, status: 'RESOLVED', resolution: '已解决' }).expect(409);
    expect(stale.body.code).toBe('STALE_VERSION');
    const back = await user.api.patch(`/api/v1/problems/${p.id}`).send({ version: working.body.version, status: 'OPEN' }).expect(409);
    expect(back.body.rule).toBe('PROBLEM_BACKWARD');
    const noWords = await user.api.patch(`/api/v1/problems/${p.id}`).send({ version: working.body.version, status: 'RESOLVED' }).expect(400);
    expect(noWords.body.details[0]).toMatchObject({ field: 'resolution', code: 'requiredToClose' });
    const done = await user.api.patch(`/api/v1/problems/${p.id}`).send({ version: working.body.version, status: 'RESOLVED', resolution: '已协调市场监管局完成变更登记' }).expect(200);
    expect(done.body).toMatchObject({ status: 'RESOLVED', closedOn: districtDate(), daysToResolve: 0, resolution: '已协调市场监管局完成变更登记' });
    const closed = await officer.api.patch(`/api/v1/problems/${p.id}`).send({ version: done.body.version, status: 'IN_PROGRESS' }).expect(409);
    expect(closed.body.rule).toBe('PROBLEM_CLOSED');

    const u = await createProblem(officer.api, project.id, department.id, { category: 'POLICY' });
    const no = await user.api.patch(`/api/v1/problems/${u.id}`).send({ version: 1, status: 'UNRESOLVABLE', resolution: '不符合政策条件' }).expect(200);
    expect(no.body).toMatchObject({ status: 'UNRESOLVABLE', daysToResolve: null });

    const history = (await officer.api.get(`/api/v1/problems/${p.id}/history`).expect(200)).body.items as { kind: string; toStatus: string | null }[];
    expect(history.map((e) => [e.kind, e.toStatus])).toEqual([
      ['STATUS_CHANGED', 'RESOLVED'],
      ['STATUS_CHANGED', 'IN_PROGRESS'],
      ['CREATED', 'OPEN'],
    ]);
    const audit = (await t.admin.api.get(`/api/v1/audit?entity=Problem&entityId=${p.id}`).expect(200)).body.items as { action: string }[];
    expect(audit.map((a) => a.action).sort()).toEqual(['problem.create', 'problem.update', 'problem.update']);
  });

  it('lets a leader mark a problem 督办 with an instruction the department sees', async () => {
    const { user, department } = await departmentUser(t);
    const project = await createProject(officer.api, { name: '督办测试项目' });
    const p = await createProblem(officer.api, project.id, department.id, { title: '人才公寓申请未落实', category: 'TALENT' });
    await officer.api.post(`/api/v1/problems/${p.id}/supervise`).send({ instruction: '请尽快办理' }).expect(403);
    await user.api.post(`/api/v1/problems/${p.id}/supervise`).send({ instruction: '请尽快办理' }).expect(403);
    const marked = await leaders[0].api.post(`/api/v1/problems/${p.id}/supervise`).send({ instruction: '请区人社局本周内落实，周五前报送进展。' }).expect(200);
    expect(marked.body).toMatchObject({ supervised: true, instruction: '请区人社局本周内落实，周五前报送进展。', supervisedById: leaders[0].id });
    const seen = (await user.api.get(`/api/v1/problems?supervised=true`).expect(200)).body.items;
    expect(seen).toHaveLength(1);
    expect(seen[0].instruction).toBe('请区人社局本周内落实，周五前报送进展。');
    const [note] = await inbox(user, '人才公寓申请未落实');
    expect(note).toMatchObject({ event: 'PROBLEM_SUPERVISED' });
    expect(note.message).toContain('请区人社局本周内落实');
  });

  it('counts open, overdue, resolved this month and average days per department from the records, and exports them', async () => {
    const a = await departmentUser(t);
    const b = await departmentUser(t);
    const project = await createProject(officer.api);
    const today = districtDate();
    const p1 = await createProblem(officer.api, project.id, a.department.id);
    const p2 = await createProblem(officer.api, project.id, a.department.id, { dueDate: addDays(today, 10) });
    await createProblem(officer.api, project.id, b.department.id, { dueDate: addDays(today, 5) });
    await a.user.api.patch(`/api/v1/problems/${p2.id}`).send({ version: 1, status: 'RESOLVED', resolution: '已办结' }).expect(200);
    // Back-date: p1 reported 12 days ago with a deadline 3 days ago (as if entered then); p2 reported 4 days ago.
    await t.dataSource.query(`UPDATE problems SET due_date = '${addDays(today, -3)}', reported_on = '${addDays(today, -12)}' WHERE id = '${p1.id}'`);
    await t.dataSource.query(`UPDATE problems SET reported_on = '${addDays(today, -4)}', days_to_resolve = 4 WHERE id = '${p2.id}'`);

    const stats = (await leaders[0].api.get('/api/v1/problems/stats').expect(200)).body;
    const rowA = stats.byDepartment.find((d: { departmentId: string }) => d.departmentId === a.department.id);
    const rowB = stats.byDepartment.find((d: { departmentId: string }) => d.departmentId === b.department.id);
    expect(rowA).toMatchObject({ open: 1, overdue: 1, resolvedThisMonth: 1, resolved: 1, averageDaysToResolve: 4, oldestOverdueDueDate: addDays(today, -3) });
    expect(rowB).toMatchObject({ open: 1, overdue: 0, resolvedThisMonth: 0, averageDaysToResolve: null, oldestOverdueDueDate: null });

    // The totals agree with the records themselves.
    const all = (await leaders[0].api.get('/api/v1/problems?limit=200').expect(200)).body.items as { status: string; overdue: boolean; closedOn: string | null; daysToResolve: number | null }[];
    const open = all.filter((p) => p.status === 'OPEN' || p.status === 'IN_PROGRESS');
    expect(stats.open).toBe(open.length);
    expect(stats.overdue).toBe(all.filter((p) => p.overdue).length);
    expect(stats.resolvedThisMonth).toBe(all.filter((p) => p.status === 'RESOLVED' && (p.closedOn ?? '') >= `${today.slice(0, 7)}-01`).length);
    const overdueList = (await leaders[0].api.get('/api/v1/problems?overdue=true&limit=200').expect(200)).body.items as { id: string; daysOverdue: number }[];
    expect(overdueList.find((p) => p.id === p1.id)?.daysOverdue).toBe(3);
    expect(overdueList).toHaveLength(stats.overdue);

    const res = await leaders[0].api.get(`/api/v1/problems/export.xlsx?overdue=true&departmentId=${a.department.id}`).buffer(true).parse(binary).expect(200);
    const rows = await readXlsx(res.body as Buffer);
    expect(rows[0].slice(0, 3)).toEqual(['责任单位', '项目名称', '问题']);
    expect(rows).toHaveLength(2);
    expect(rows[1][7]).toBe('待办');
    expect(rows[1][8]).toBe(3);
  });
});
