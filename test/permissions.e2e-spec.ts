import request from 'supertest';
import { districtDate } from '../src/common/time/district-clock.js';
import { DataSource } from 'typeorm';
import { Transactions } from '../src/database/transactions.js';
import { NotificationDelivery } from '../src/modules/notifications/notification.entities.js';
import { NotificationsService } from '../src/modules/notifications/notifications.service.js';
import { RemindersService } from '../src/modules/reminders/reminders.service.js';
import { createBuilding, createUnit } from './factories/buildings.factory.js';
import { createDepartment, createProblem } from './factories/problems.factory.js';
import { createCompany, createLead, createProject, moveProject } from './factories/records.factory.js';
import { type OpenApiDocument, ResponseChecker } from './support/openapi-responses.js';
import { createTestApp, TestApp, TestUser } from './support/test-app.js';

/**
 * The permission matrix, written out by hand: for every route, what each role may do.
 * `yes`: allowed on any record; `own`: allowed on records the user owns, 403 on others'; `no`: 403.
 * Routes come from the OpenAPI spec, so a new route without a row here fails this suite. Every
 * response seen is checked against the spec too: the status must be documented, a JSON body must
 * match the documented schema exactly (no undocumented field), a file its documented media type.
 */
type Grant = 'yes' | 'own' | 'no';
type Role = 'ADMIN' | 'OFFICER' | 'LEADER' | 'BUILDING_MANAGER' | 'DEPARTMENT';
interface Row {
  /** DEPARTMENT (责任单位) users may do nothing but what a row grants them: 'no' when left out. */
  grants: Record<Exclude<Role, 'DEPARTMENT'>, Grant> & { DEPARTMENT?: Grant };
  /** Builds a fresh target owned by `owner`: the path with ids filled in, and a valid body. */
  arrange?: (owner: TestUser) => Promise<{ path: string; body?: object }>;
  /** Who owns the target for an `own` grant: an OFFICER (default), or a BUILDING_MANAGER assigned to the building (a DEPARTMENT user's own: a problem of their department). */
  owner?: 'OFFICER' | 'BUILDING_MANAGER';
  /** A POST that changes nothing (a suggestion): no audit row expected. */
  readOnly?: boolean;
}

/** A body sent as a multipart file upload (field `file`) instead of JSON. */
class SheetUpload {
  constructor(
    readonly name: string,
    readonly content: string,
  ) {}
}
const unique = (): string => Math.random().toString(36).slice(2, 10);

const STAFF_READ: Row['grants'] = { ADMIN: 'yes', OFFICER: 'yes', LEADER: 'yes', BUILDING_MANAGER: 'no' };
const ALL_READ: Row['grants'] = { ADMIN: 'yes', OFFICER: 'yes', LEADER: 'yes', BUILDING_MANAGER: 'yes' };
/** Department users too: their own account, reference data, their inbox and reminders. */
const EVERYONE: Row['grants'] = { ...ALL_READ, DEPARTMENT: 'yes' };
/** Problems (问题清单): staff read all; department users their departments' (the list is scoped, a record of another department 403). */
const PROBLEM_READ: Row['grants'] = { ADMIN: 'yes', OFFICER: 'yes', LEADER: 'yes', BUILDING_MANAGER: 'no', DEPARTMENT: 'yes' };
const PROBLEM_RECORD_READ: Row['grants'] = { ...PROBLEM_READ, DEPARTMENT: 'own' };
const ADMIN_ONLY: Row['grants'] = { ADMIN: 'yes', OFFICER: 'no', LEADER: 'no', BUILDING_MANAGER: 'no' };
const CREATE: Row['grants'] = { ADMIN: 'yes', OFFICER: 'yes', LEADER: 'no', BUILDING_MANAGER: 'no' };
const OWNED: Row['grants'] = { ADMIN: 'yes', OFFICER: 'own', LEADER: 'no', BUILDING_MANAGER: 'no' };
/** Units: the admin, or the building manager of that building. */
const MANAGED: Row['grants'] = { ADMIN: 'yes', OFFICER: 'no', LEADER: 'no', BUILDING_MANAGER: 'own' };
/** Reminders: the author or assignee (and admins; leaders read all). */
const REMINDER_READ: Row['grants'] = { ADMIN: 'yes', OFFICER: 'own', LEADER: 'yes', BUILDING_MANAGER: 'no' };
const REMINDER_CHANGE: Row['grants'] = { ADMIN: 'yes', OFFICER: 'own', LEADER: 'no', BUILDING_MANAGER: 'no' };

describe('permission matrix', () => {
  let t: TestApp;
  const users = {} as Record<Role | 'OTHER_OFFICER' | 'OTHER_BUILDING_MANAGER' | 'OTHER_DEPARTMENT', TestUser>;
  /** Each department user's department. */
  const departmentOf = new Map<string, string>();
  /**
   * A problem `o` owns: a department user's, in their department (on an officer's project); an
   * officer's, on their own project (in the first department user's department).
   */
  const problemOf = async (o: TestUser): Promise<{ id: string; version: number }> => {
    if (o.role === 'DEPARTMENT') return createProblem(users.OFFICER.api, await project(users.OFFICER), departmentOf.get(o.id) as string);
    return createProblem(o.api, await project(o), departmentOf.get(users.DEPARTMENT.id) as string);
  };

  const project = async (owner: TestUser, stage?: string): Promise<string> => {
    const p = await createProject(owner.api);
    if (stage) await moveProject(owner.api, p.id, stage);
    return p.id;
  };
  /** A fresh webhook channel for weekly digests. */
  const channel = async (): Promise<string> =>
    (await t.admin.api.post('/api/v1/notification-channels').send({ type: 'WEBHOOK', url: 'https://hooks.heping.example/hook', events: ['WEEKLY_DIGEST'] }).expect(201)).body.id;
  /** A delivery to `channelId` that failed for good (recorded without a job, then marked FAILED). */
  const failedDelivery = async (channelId: string): Promise<string> => {
    const input = { key: `matrix-${unique()}`, event: 'WEEKLY_DIGEST' as const, title: '矩阵周报', body: '矩阵周报', recipientIds: [] };
    await t.app.get(Transactions).run((em) => t.app.get(NotificationsService).record(em, input));
    const deliveries = t.app.get(DataSource).getRepository(NotificationDelivery);
    const row = await deliveries.findOneByOrFail({ channelId, status: 'PENDING' });
    await deliveries.update({ id: row.id }, { status: 'FAILED', attempts: 5, lastError: 'WEBHOOK HTTP 500 Internal Server Error' });
    return row.id;
  };
  /** A fresh building, managed by `manager` when that is a building manager. */
  const building = async (manager?: TestUser): Promise<string> =>
    (await createBuilding(t.admin.api, manager?.role === 'BUILDING_MANAGER' ? { managerIds: [manager.id] } : {})).id;
  const unit = async (manager?: TestUser): Promise<string> => (await createUnit(t.admin.api, await building(manager))).id;
  const place = async (owner: TestUser): Promise<{ projectId: string; placementId: string }> => {
    const projectId = await project(owner, 'REGISTERED');
    const res = await owner.api.post(`/api/v1/projects/${projectId}/placements`).send({ unitId: await unit(), startDate: districtDate() }).expect(201);
    return { projectId, placementId: res.body.id };
  };

  const inADay = (): string => new Date(Date.now() + 86_400_000).toISOString();
  /** A business date `days` from today in the district. */
  const inDays = (days: number): string => {
    const d = new Date(`${districtDate()}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + days);
    return d.toISOString().slice(0, 10);
  };
  /** A reminder set by `owner` about one of its projects, due tomorrow. */
  const reminder = async (owner: TestUser): Promise<string> =>
    (await owner.api.post('/api/v1/reminders').send({ subjectType: 'PROJECT', subjectId: await project(owner), dueAt: inADay(), message: '矩阵提醒' }).expect(201)).body.id;
  /** A notification in `owner`'s inbox. */
  /** A lead in the pool (公海): captured by the admin, then released. */
  const pooledLead = async (): Promise<string> => {
    const id = (await createLead(t.admin.api)).id;
    await t.admin.api.post(`/api/v1/leads/${id}/release`).send({}).expect(200);
    return id;
  };
  const notification = async (owner: TestUser): Promise<string> => {
    const key = `matrix:${Math.random().toString(36).slice(2)}`;
    await t.app.get(NotificationsService).notify({ key, event: 'REMINDER_DUE', title: '矩阵', body: key, recipientIds: [owner.id] });
    const inbox = await owner.api.get('/api/v1/notifications?limit=200').expect(200);
    return inbox.body.items.find((n: { message: string }) => n.message === key).id;
  };

  const MATRIX: Record<string, Row> = {
    'GET /api/v1/auth/me': { grants: EVERYONE },
    'GET /api/v1/auth/permissions': { grants: EVERYONE },
    'GET /api/v1/industries': { grants: EVERYONE },
    'GET /api/v1/zones': { grants: EVERYONE },
    'GET /api/v1/enums': { grants: EVERYONE },
    'GET /api/v1/companies': { grants: ALL_READ },
    'GET /api/v1/companies/{id}': { grants: ALL_READ, arrange: async (o) => ({ path: `/api/v1/companies/${(await createCompany(o.api)).id}` }) },
    'POST /api/v1/companies': { grants: CREATE, arrange: async () => ({ path: '/api/v1/companies', body: { name: '矩阵测试企业' } }) },
    'PATCH /api/v1/companies/{id}': {
      grants: OWNED,
      arrange: async (o) => ({ path: `/api/v1/companies/${(await createCompany(o.api)).id}`, body: { version: 1, originCity: '北京市' } }),
    },
    'GET /api/v1/leads': { grants: STAFF_READ },
    'GET /api/v1/leads/{id}': { grants: STAFF_READ, arrange: async (o) => ({ path: `/api/v1/leads/${(await createLead(o.api)).id}` }) },
    'POST /api/v1/leads': { grants: CREATE, arrange: async () => ({ path: '/api/v1/leads', body: { companyName: '矩阵线索', source: 'FAIR' } }) },
    'PATCH /api/v1/leads/{id}': {
      grants: OWNED,
      arrange: async (o) => ({ path: `/api/v1/leads/${(await createLead(o.api)).id}`, body: { version: 1, status: 'CONTACTED' } }),
    },
    'POST /api/v1/leads/{id}/convert': {
      grants: OWNED,
      arrange: async (o) => ({ path: `/api/v1/leads/${(await createLead(o.api, { industry: 'TRADE' })).id}/convert`, body: {} }),
    },
    'POST /api/v1/leads/{id}/disqualify': {
      grants: OWNED,
      arrange: async (o) => ({ path: `/api/v1/leads/${(await createLead(o.api)).id}/disqualify`, body: { reason: '不符合条件' } }),
    },
    'GET /api/v1/leads/pool': { grants: STAFF_READ },
    'POST /api/v1/leads/{id}/claim': {
      grants: { ADMIN: 'no', OFFICER: 'yes', LEADER: 'no', BUILDING_MANAGER: 'no' },
      arrange: async () => ({ path: `/api/v1/leads/${await pooledLead()}/claim` }),
    },
    'POST /api/v1/leads/{id}/release': {
      grants: OWNED,
      arrange: async (o) => ({ path: `/api/v1/leads/${(await createLead(o.api)).id}/release`, body: { reason: '暂无意向' } }),
    },
    'POST /api/v1/leads/{id}/assign': {
      grants: ADMIN_ONLY,
      arrange: async () => ({ path: `/api/v1/leads/${await pooledLead()}/assign`, body: { ownerId: users.OTHER_OFFICER.id } }),
    },
    'POST /api/v1/leads/{id}/reassign': {
      grants: ADMIN_ONLY,
      arrange: async (o) => ({ path: `/api/v1/leads/${(await createLead(o.api)).id}/reassign`, body: { ownerId: users.OTHER_OFFICER.id } }),
    },
    'POST /api/v1/leads/{id}/activities': {
      grants: OWNED,
      arrange: async (o) => ({
        path: `/api/v1/leads/${(await createLead(o.api)).id}/activities`,
        body: { type: 'CALL', at: '2025-06-01T10:00:00+08:00', summary: '电话', nextFollowUpAt: inADay() },
      }),
    },
    'GET /api/v1/leads/{id}/activities': {
      grants: STAFF_READ,
      arrange: async (o) => {
        const id = (await createLead(o.api)).id;
        await o.api.post(`/api/v1/leads/${id}/activities`).send({ type: 'VISIT', at: '2025-06-01T10:00:00+08:00', summary: '拜访', nextFollowUpAt: inADay() }).expect(201);
        return { path: `/api/v1/leads/${id}/activities` };
      },
    },
    'GET /api/v1/projects': { grants: STAFF_READ },
    'GET /api/v1/projects/{id}': { grants: STAFF_READ, arrange: async (o) => ({ path: `/api/v1/projects/${await project(o)}` }) },
    'GET /api/v1/projects/{id}/transitions': { grants: STAFF_READ, arrange: async (o) => ({ path: `/api/v1/projects/${await project(o)}/transitions` }) },
    // Lists are arranged with an item, so the items are checked against the OpenAPI document too.
    'GET /api/v1/projects/{id}/fundings': {
      grants: STAFF_READ,
      arrange: async (o) => {
        const id = await project(o, 'SIGNED');
        await o.api.post(`/api/v1/projects/${id}/fundings`).send({ date: districtDate(), amount: '10.00', currency: 'CNY' }).expect(201);
        return { path: `/api/v1/projects/${id}/fundings` };
      },
    },
    'GET /api/v1/projects/{id}/activities': {
      grants: STAFF_READ,
      arrange: async (o) => {
        const id = await project(o);
        await o.api.post(`/api/v1/projects/${id}/activities`).send({ type: 'VISIT', at: '2025-06-01T10:00:00+08:00', summary: '拜访', nextFollowUpAt: inADay() }).expect(201);
        return { path: `/api/v1/projects/${id}/activities` };
      },
    },
    'GET /api/v1/projects/{id}/timeline': { grants: STAFF_READ, arrange: async (o) => ({ path: `/api/v1/projects/${await project(o)}/timeline` }) },
    'POST /api/v1/projects': {
      grants: CREATE,
      arrange: async (o) => ({ path: '/api/v1/projects', body: { name: '矩阵项目', industry: 'FINANCE', companyId: (await createCompany(o.api)).id } }),
    },
    'PATCH /api/v1/projects/{id}': { grants: OWNED, arrange: async (o) => ({ path: `/api/v1/projects/${await project(o)}`, body: { version: 1, name: '改名' } }) },
    'POST /api/v1/projects/{id}/reassign': {
      grants: ADMIN_ONLY,
      arrange: async (o) => ({ path: `/api/v1/projects/${await project(o)}/reassign`, body: { ownerId: users.OTHER_OFFICER.id } }),
    },
    'POST /api/v1/projects/{id}/transitions': {
      grants: OWNED,
      arrange: async (o) => ({ path: `/api/v1/projects/${await project(o)}/transitions`, body: { to: 'SITE_VISIT' } }),
    },
    'POST /api/v1/projects/{id}/fundings': {
      grants: OWNED,
      arrange: async (o) => ({
        path: `/api/v1/projects/${await project(o, 'SIGNED')}/fundings`,
        body: { date: districtDate(), amount: '1000.00', currency: 'CNY' },
      }),
    },
    'POST /api/v1/projects/{id}/activities': {
      grants: OWNED,
      arrange: async (o) => ({
        path: `/api/v1/projects/${await project(o)}/activities`,
        body: { type: 'CALL', at: '2025-06-01T10:00:00+08:00', summary: '电话' },
      }),
    },
    'POST /api/v1/projects/{id}/stage-corrections': {
      grants: ADMIN_ONLY,
      arrange: async (o) => ({
        path: `/api/v1/projects/${await project(o)}/stage-corrections`,
        body: { version: 1, reason: '矩阵更正', history: [{ stage: 'NEGOTIATING', at: districtDate() }, { stage: 'SITE_VISIT', at: districtDate() }] },
      }),
    },
    'POST /api/v1/projects/{id}/archive': { grants: OWNED, arrange: async (o) => ({ path: `/api/v1/projects/${await project(o)}/archive` }) },
    'POST /api/v1/projects/{id}/unarchive': {
      grants: OWNED,
      arrange: async (o) => {
        const id = await project(o);
        await o.api.post(`/api/v1/projects/${id}/archive`).expect(200);
        return { path: `/api/v1/projects/${id}/unarchive` };
      },
    },
    'GET /api/v1/users': { grants: ADMIN_ONLY },
    'GET /api/v1/users/directory': { grants: EVERYONE },
    'GET /api/v1/users/{id}': { grants: ADMIN_ONLY, arrange: async (o) => ({ path: `/api/v1/users/${o.id}` }) },
    'POST /api/v1/users': {
      grants: ADMIN_ONLY,
      arrange: async () => ({
        path: '/api/v1/users',
        body: { username: `u${Math.random().toString(36).slice(2, 10)}`, password: 'a-long-password-1', displayName: '新用户', role: 'LEADER' },
      }),
    },
    'PATCH /api/v1/users/{id}': {
      grants: ADMIN_ONLY,
      arrange: async () => {
        const u = await t.newUser('LEADER');
        return { path: `/api/v1/users/${u.id}`, body: { version: 1, displayName: '改名' } };
      },
    },
    'GET /api/v1/audit': { grants: { ADMIN: 'yes', OFFICER: 'no', LEADER: 'yes', BUILDING_MANAGER: 'no' } },
    'GET /api/v1/buildings': { grants: ALL_READ },
    'POST /api/v1/buildings': { grants: ADMIN_ONLY, arrange: async () => ({ path: '/api/v1/buildings', body: { name: '矩阵测试大厦', zone: 'HAIHE_BELT' } }) },
    'GET /api/v1/buildings/{id}': { grants: ALL_READ, arrange: async () => ({ path: `/api/v1/buildings/${await building()}` }) },
    'PATCH /api/v1/buildings/{id}': {
      grants: ADMIN_ONLY,
      arrange: async () => ({ path: `/api/v1/buildings/${await building()}`, body: { version: 1, address: '天津市和平区南京路' } }),
    },
    'POST /api/v1/buildings/{id}/units': {
      grants: MANAGED,
      owner: 'BUILDING_MANAGER',
      arrange: async (o) => ({ path: `/api/v1/buildings/${await building(o)}/units`, body: { code: '801', floor: 8, area: 120.5 } }),
    },
    'GET /api/v1/buildings/{id}/units': { grants: ALL_READ, arrange: async () => ({ path: `/api/v1/buildings/${(await createUnit(t.admin.api, await building())).buildingId}/units` }) },
    'PUT /api/v1/buildings/{id}/vacancy': {
      grants: MANAGED,
      owner: 'BUILDING_MANAGER',
      arrange: async (o) => {
        const id = await building(o);
        await createUnit(t.admin.api, id, { code: '901' });
        return { path: `/api/v1/buildings/${id}/vacancy`, body: { units: [{ code: '901', status: 'RESERVED' }] } };
      },
    },
    'GET /api/v1/buildings/{id}/stacking-plan': { grants: ALL_READ, arrange: async () => ({ path: `/api/v1/buildings/${await building()}/stacking-plan` }) },
    'GET /api/v1/buildings/{id}/vacancy-history': {
      grants: ALL_READ,
      arrange: async () => {
        const id = await building();
        await createUnit(t.admin.api, id);
        await t.admin.api.post('/api/v1/vacancy/snapshots').send({ month: districtDate().slice(0, 7) }).expect(200);
        return { path: `/api/v1/buildings/${id}/vacancy-history` };
      },
    },
    'GET /api/v1/units/lease-expiring': {
      grants: ALL_READ,
      arrange: async (o) => {
        const tenant = await createCompany(o.api);
        await createUnit(t.admin.api, await building(), { status: 'LEASED', tenantCompanyId: tenant.id, leaseStart: '2024-01-01', leaseEnd: inDays(30) });
        return { path: '/api/v1/units/lease-expiring' };
      },
    },
    'GET /api/v1/units/{id}': { grants: ALL_READ, arrange: async () => ({ path: `/api/v1/units/${await unit()}` }) },
    'PATCH /api/v1/units/{id}': {
      grants: MANAGED,
      owner: 'BUILDING_MANAGER',
      arrange: async (o) => ({ path: `/api/v1/units/${await unit(o)}`, body: { version: 1, status: 'RESERVED' } }),
    },
    'GET /api/v1/units/{id}/history': { grants: ALL_READ, arrange: async () => ({ path: `/api/v1/units/${await unit()}/history` }) },
    'GET /api/v1/vacancy/summary': { grants: ALL_READ },
    'POST /api/v1/vacancy/snapshots': { grants: ADMIN_ONLY, arrange: async () => ({ path: '/api/v1/vacancy/snapshots', body: { month: districtDate().slice(0, 7) } }) },
    'POST /api/v1/projects/{id}/placements': {
      grants: OWNED,
      arrange: async (o) => ({ path: `/api/v1/projects/${await project(o, 'REGISTERED')}/placements`, body: { unitId: await unit(), startDate: districtDate() } }),
    },
    'GET /api/v1/projects/{id}/placements': { grants: STAFF_READ, arrange: async (o) => ({ path: `/api/v1/projects/${(await place(o)).projectId}/placements` }) },
    'POST /api/v1/projects/{id}/placements/{placementId}/release': {
      grants: OWNED,
      arrange: async (o) => {
        const { projectId, placementId } = await place(o);
        return { path: `/api/v1/projects/${projectId}/placements/${placementId}/release`, body: {} };
      },
    },
    'GET /api/v1/projects/{id}/matches': { grants: STAFF_READ, arrange: async (o) => ({ path: `/api/v1/projects/${await project(o)}/matches` }) },
    'GET /api/v1/plans': { grants: STAFF_READ },
    'POST /api/v1/plans': {
      grants: ADMIN_ONLY,
      arrange: async () => ({
        path: '/api/v1/plans',
        body: {
          code: `P${Math.random().toString(36).slice(2, 8).toUpperCase()}`,
          name: '测试规划',
          startDate: '2026-01-01',
          endDate: '2030-12-31',
          indicators: [{ code: 'JINGJI_PROJECTS', target: '1', unit: 'PROJECTS' }],
        },
      }),
    },
    'PATCH /api/v1/plans/{code}': {
      grants: ADMIN_ONLY,
      arrange: async () => {
        const plans = (await t.admin.api.get('/api/v1/plans').expect(200)).body as { code: string; version: number }[];
        return { path: '/api/v1/plans/FYP14', body: { version: plans.find((p) => p.code === 'FYP14')?.version, statusBasis: 'REPORTED' } };
      },
    },
    'POST /api/v1/plans/{code}/indicators/{indicator}/values': {
      grants: ADMIN_ONLY,
      arrange: async () => ({ path: '/api/v1/plans/FYP14/indicators/MARKET_ENTITIES/values', body: { date: '2024-12-31', value: '40000' } }),
    },
    'GET /api/v1/progress': { grants: STAFF_READ, arrange: async () => ({ path: '/api/v1/progress?plan=FYP14' }) },
    'GET /api/v1/progress/breakdown': { grants: STAFF_READ, arrange: async () => ({ path: '/api/v1/progress/breakdown?plan=FYP14&indicator=DOMESTIC_CAPITAL&by=zone' }) },
    'GET /api/v1/progress/records': {
      grants: STAFF_READ,
      arrange: async () => {
        await t.admin.api.post('/api/v1/plans/FYP14/indicators/MARKET_ENTITIES/values').send({ date: '2024-06-30', value: '39000' }).expect(201);
        return { path: '/api/v1/progress/records?plan=FYP14&indicator=MARKET_ENTITIES' };
      },
    },
    'GET /api/v1/pipeline/funnel': { grants: STAFF_READ },
    'GET /api/v1/reports/progress.xlsx': { grants: STAFF_READ, arrange: async () => ({ path: '/api/v1/reports/progress.xlsx?plan=FYP14' }) },
    'GET /api/v1/reminders': { grants: EVERYONE },
    'POST /api/v1/reminders': {
      grants: { ADMIN: 'yes', OFFICER: 'yes', LEADER: 'no', BUILDING_MANAGER: 'yes' },
      arrange: async () => ({ path: '/api/v1/reminders', body: { subjectType: 'BUILDING', subjectId: await building(), dueAt: inADay(), message: '矩阵提醒' } }),
    },
    // Reminders are the author's and the assignee's; a building manager acting on an officer's one is refused as a non-owner.
    'GET /api/v1/reminders/{id}': { grants: REMINDER_READ, arrange: async (o) => ({ path: `/api/v1/reminders/${await reminder(o)}` }) },
    'GET /api/v1/reminders/{id}/deliveries': {
      grants: REMINDER_READ,
      arrange: async (o) => {
        const id = await reminder(o);
        // Fired ahead of its time (it is due tomorrow), so its inbox delivery is listed.
        await t.app.get(RemindersService).fire(id, new Date(Date.now() + 2 * 86_400_000));
        return { path: `/api/v1/reminders/${id}/deliveries` };
      },
    },
    'PATCH /api/v1/reminders/{id}': {
      grants: REMINDER_CHANGE,
      arrange: async (o) => ({ path: `/api/v1/reminders/${await reminder(o)}`, body: { version: 1, message: '改期' } }),
    },
    'DELETE /api/v1/reminders/{id}': { grants: REMINDER_CHANGE, arrange: async (o) => ({ path: `/api/v1/reminders/${await reminder(o)}` }) },
    'GET /api/v1/notifications': {
      grants: EVERYONE,
      arrange: async () => {
        const key = `matrix:${unique()}`;
        const recipientIds = [users.ADMIN.id, users.OFFICER.id, users.LEADER.id, users.BUILDING_MANAGER.id, users.DEPARTMENT.id];
        await t.app.get(NotificationsService).notify({ key, event: 'REMINDER_DUE', title: '矩阵', body: key, recipientIds });
        return { path: '/api/v1/notifications' };
      },
    },
    'GET /api/v1/notifications/unread-count': { grants: EVERYONE },
    // Everyone marks their own inbox read; arranged with an unread notification in each, so each call changes something.
    'POST /api/v1/notifications/read-all': {
      grants: EVERYONE,
      arrange: async () => {
        const key = `matrix:${unique()}`;
        const recipientIds = [users.ADMIN.id, users.OFFICER.id, users.LEADER.id, users.BUILDING_MANAGER.id, users.DEPARTMENT.id];
        await t.app.get(NotificationsService).notify({ key, event: 'REMINDER_DUE', title: '矩阵', body: key, recipientIds });
        return { path: '/api/v1/notifications/read-all' };
      },
    },
    'GET /api/v1/workbench/summary': { grants: CREATE },
    // Each inbox is its owner's alone, the admin's included.
    'POST /api/v1/notifications/{id}/read': {
      grants: { ADMIN: 'no', OFFICER: 'own', LEADER: 'no', BUILDING_MANAGER: 'no' },
      arrange: async (o) => ({ path: `/api/v1/notifications/${await notification(o)}/read` }),
    },
    'POST /api/v1/notification-channels': {
      grants: ADMIN_ONLY,
      arrange: async () => ({ path: '/api/v1/notification-channels', body: { type: 'WEBHOOK', url: 'https://hooks.heping.example/hook', events: ['WEEKLY_DIGEST'] } }),
    },
    'GET /api/v1/notification-channels': { grants: ADMIN_ONLY },
    'PATCH /api/v1/notification-channels/{id}': {
      grants: ADMIN_ONLY,
      arrange: async () => {
        const c = await t.admin.api.post('/api/v1/notification-channels').send({ type: 'WEBHOOK', url: 'https://hooks.heping.example/hook', events: ['WEEKLY_DIGEST'] }).expect(201);
        return { path: `/api/v1/notification-channels/${c.body.id}`, body: { version: 1, active: false } };
      },
    },
    'POST /api/v1/notification-channels/{id}/test': {
      grants: ADMIN_ONLY,
      // Sends to the robot and stores nothing.
      readOnly: true,
      arrange: async () => ({ path: `/api/v1/notification-channels/${await channel()}/test` }),
    },
    'GET /api/v1/notification-channels/{id}/deliveries': {
      grants: ADMIN_ONLY,
      arrange: async () => ({ path: `/api/v1/notification-channels/${await channel()}/deliveries` }),
    },
    'POST /api/v1/notification-deliveries/{id}/retry': {
      grants: ADMIN_ONLY,
      arrange: async () => ({ path: `/api/v1/notification-deliveries/${await failedDelivery(await channel())}/retry` }),
    },
    'POST /api/v1/fundings/{id}/verify': {
      grants: ADMIN_ONLY,
      arrange: async (o) => {
        const id = await project(o, 'SIGNED');
        const f = await o.api.post(`/api/v1/projects/${id}/fundings`).send({ date: districtDate(), amount: '10.00', currency: 'CNY' }).expect(201);
        return { path: `/api/v1/fundings/${f.body.id}/verify`, body: { evidenceRef: '和平商务〔2026〕1号' } };
      },
    },
    'POST /api/v1/fundings/{id}/reverse': {
      grants: OWNED,
      arrange: async (o) => {
        const id = await project(o, 'SIGNED');
        const f = await o.api.post(`/api/v1/projects/${id}/fundings`).send({ date: districtDate(), amount: '10.00', currency: 'CNY' }).expect(201);
        return { path: `/api/v1/fundings/${f.body.id}/reverse`, body: { reason: '录入错误' } };
      },
    },
    'GET /api/v1/data-quality/summary': { grants: STAFF_READ },
    'GET /api/v1/data-quality/unmarked-jingji': { grants: STAFF_READ },
    'GET /api/v1/companies/export.xlsx': { grants: ALL_READ },
    'GET /api/v1/companies/export.csv': { grants: ALL_READ },
    'GET /api/v1/leads/export.xlsx': { grants: STAFF_READ },
    'GET /api/v1/leads/export.csv': { grants: STAFF_READ },
    'GET /api/v1/projects/export.xlsx': { grants: STAFF_READ },
    'GET /api/v1/projects/export.csv': { grants: STAFF_READ },
    'GET /api/v1/units/export.xlsx': { grants: ALL_READ },
    'GET /api/v1/units/export.csv': { grants: ALL_READ },
    'GET /api/v1/companies/duplicates': {
      grants: ALL_READ,
      arrange: async (o) => {
        const name = `矩阵重复企业${unique()}有限公司`;
        await createCompany(o.api, { name, uscc: null });
        await createCompany(o.api, { name, uscc: null });
        return { path: '/api/v1/companies/duplicates' };
      },
    },
    'GET /api/v1/companies/similar': {
      grants: ALL_READ,
      arrange: async (o) => {
        const key = `矩阵相似${unique()}`;
        await createCompany(o.api, { name: `天津${key}科技有限公司`, uscc: null });
        return { path: `/api/v1/companies/similar?name=${encodeURIComponent(`${key}科技（天津）有限公司`)}` };
      },
    },
    'POST /api/v1/companies/{id}/merge': {
      grants: ADMIN_ONLY,
      arrange: async (o) => ({
        path: `/api/v1/companies/${(await createCompany(o.api)).id}/merge`,
        body: { intoId: (await createCompany(o.api, { uscc: null })).id },
      }),
    },
    'GET /api/v1/companies/merges': { grants: ADMIN_ONLY },
    'POST /api/v1/companies/merges/{mergeId}/undo': {
      grants: ADMIN_ONLY,
      arrange: async (o) => {
        const [from, into] = [await createCompany(o.api), await createCompany(o.api, { uscc: null })];
        const merge = await t.admin.api.post(`/api/v1/companies/${from.id}/merge`).send({ intoId: into.id }).expect(201);
        return { path: `/api/v1/companies/merges/${merge.body.id}/undo` };
      },
    },
    'POST /api/v1/imports/companies': {
      grants: CREATE,
      arrange: async () => ({ path: '/api/v1/imports/companies', body: new SheetUpload('c.csv', `企业名称\n矩阵导入企业${unique()}`) }),
    },
    'POST /api/v1/imports/leads': {
      grants: CREATE,
      arrange: async () => ({ path: '/api/v1/imports/leads', body: new SheetUpload('l.csv', `企业名称,线索来源\n矩阵导入线索${unique()},展会`) }),
    },
    'POST /api/v1/imports/projects': {
      grants: CREATE,
      arrange: async (o) => ({
        path: '/api/v1/imports/projects',
        body: new SheetUpload('p.csv', `项目名称,企业统一社会信用代码,所属产业\n矩阵导入项目,${(await createCompany(o.api)).uscc},FINANCE`),
      }),
    },
    'POST /api/v1/imports/units': {
      grants: MANAGED,
      owner: 'BUILDING_MANAGER',
      arrange: async (o) => ({ path: `/api/v1/imports/units?buildingId=${await building(o)}`, body: new SheetUpload('u.csv', '单元号,楼层,面积\n1001,10,120') }),
    },
    'GET /api/v1/imports/jobs/{id}': {
      grants: { ADMIN: 'yes', OFFICER: 'own', LEADER: 'no', BUILDING_MANAGER: 'no' },
      arrange: async (o) => {
        const job = await o.api.post('/api/v1/imports/companies?background=true&dryRun=true').attach('file', Buffer.from('企业名称\n矩阵后台导入'), 'c.csv').expect(202);
        return { path: `/api/v1/imports/jobs/${job.body.id}` };
      },
    },
    'GET /api/v1/imports/templates/{kind}.xlsx': { grants: EVERYONE, arrange: async () => ({ path: '/api/v1/imports/templates/companies.xlsx' }) },
    'GET /api/v1/departments': { grants: EVERYONE },
    'POST /api/v1/departments': { grants: ADMIN_ONLY, arrange: async () => ({ path: '/api/v1/departments', body: { code: `M_${unique().toUpperCase()}`, nameZh: '矩阵责任单位' } }) },
    'PATCH /api/v1/departments/{id}': {
      grants: ADMIN_ONLY,
      arrange: async () => ({ path: `/api/v1/departments/${(await createDepartment(t)).id}`, body: { version: 1, nameZh: '改名' } }),
    },
    'POST /api/v1/projects/{id}/problems': {
      grants: OWNED,
      arrange: async (o) => ({
        path: `/api/v1/projects/${await project(o)}/problems`,
        body: { title: '矩阵问题', category: 'APPROVAL', departmentId: departmentOf.get(users.DEPARTMENT.id), dueDate: districtDate() },
      }),
    },
    'GET /api/v1/problems': { grants: PROBLEM_READ, arrange: async (o) => (await problemOf(o), { path: '/api/v1/problems' }) },
    'GET /api/v1/problems/stats': { grants: PROBLEM_READ },
    'GET /api/v1/problems/export.xlsx': { grants: PROBLEM_READ },
    'GET /api/v1/problems/{id}': { grants: PROBLEM_RECORD_READ, arrange: async (o) => ({ path: `/api/v1/problems/${(await problemOf(o)).id}` }) },
    'GET /api/v1/problems/{id}/history': { grants: PROBLEM_RECORD_READ, arrange: async (o) => ({ path: `/api/v1/problems/${(await problemOf(o)).id}/history` }) },
    // The project's officer and the department's users work on a problem; leaders supervise it.
    'PATCH /api/v1/problems/{id}': {
      grants: { ADMIN: 'yes', OFFICER: 'own', LEADER: 'no', BUILDING_MANAGER: 'no', DEPARTMENT: 'own' },
      arrange: async (o) => ({ path: `/api/v1/problems/${(await problemOf(o)).id}`, body: { version: 1, status: 'IN_PROGRESS' } }),
    },
    'POST /api/v1/problems/{id}/supervise': {
      grants: { ADMIN: 'yes', OFFICER: 'no', LEADER: 'yes', BUILDING_MANAGER: 'no' },
      arrange: async (o) => ({ path: `/api/v1/problems/${(await problemOf(o)).id}/supervise`, body: { instruction: '请抓紧办理' } }),
    },
    'POST /api/v1/tagging/suggest': {
      grants: CREATE,
      readOnly: true,
      arrange: async () => ({ path: '/api/v1/tagging/suggest', body: { text: '融资租赁；商业保理' } }),
    },
  };

  let operations: { method: string; path: string; permission: string | undefined }[] = [];
  let responses: ResponseChecker;

  beforeAll(async () => {
    t = await createTestApp({ LOGIN_RATE_LIMIT: '1000' });
    users.ADMIN = t.admin;
    users.OFFICER = await t.newUser('OFFICER');
    users.OTHER_OFFICER = await t.newUser('OFFICER');
    users.LEADER = await t.newUser('LEADER');
    users.BUILDING_MANAGER = await t.newUser('BUILDING_MANAGER');
    users.OTHER_BUILDING_MANAGER = await t.newUser('BUILDING_MANAGER');
    users.DEPARTMENT = await t.newUser('DEPARTMENT');
    users.OTHER_DEPARTMENT = await t.newUser('DEPARTMENT');
    for (const u of [users.DEPARTMENT, users.OTHER_DEPARTMENT]) departmentOf.set(u.id, (await createDepartment(t, [u])).id);
    const spec = (await request(t.http).get('/docs-json').expect(200)).body as OpenApiDocument;
    responses = new ResponseChecker(spec);
    operations = Object.entries(spec.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ method: method.toUpperCase(), path, permission: op['x-permission'] })),
    );
  });
  afterAll(async () => {
    await t.close();
  });

  it('has decided a permission for every route, and a matrix row for every guarded one', () => {
    const undecided = operations.filter((o) => !o.permission).map((o) => `${o.method} ${o.path}`);
    expect(undecided).toEqual([]);
    const guarded = operations.filter((o) => o.permission !== 'public').map((o) => `${o.method} ${o.path}`);
    const missing = guarded.filter((key) => !MATRIX[key]);
    expect(missing).toEqual([]);
    expect(operations.filter((o) => o.permission === 'public').map((o) => `${o.method} ${o.path}`).sort()).toEqual([
      'GET /health',
      'POST /api/v1/auth/login',
    ]);
  });

  it('documents a success response for every route', () => {
    expect(responses.undocumentedSuccess()).toEqual([]);
  });

  const auditCount = async (): Promise<number> => Number((await t.dataSource.query('SELECT COUNT(*) AS n FROM audit_log'))[0].n);

  const call = (who: TestUser | null, method: string, path: string, body?: object): request.Test => {
    const client = who ? who.api : request(t.http);
    const m = method.toLowerCase() as 'get' | 'post' | 'patch' | 'put' | 'delete';
    const req = client[m](path);
    if (body instanceof SheetUpload) return req.attach('file', Buffer.from(body.content), body.name);
    return body ? req.send(body) : req;
  };

  it('answers every guarded route with 401 without a token or with a bad one', async () => {
    const problems: string[] = [];
    for (const [key, row] of Object.entries(MATRIX)) {
      const [method, template] = key.split(' ');
      const { path } = row.arrange ? await row.arrange(users.OFFICER) : { path: template };
      const before = await auditCount();
      const none = await call(null, method, path).expect(401);
      const bad = await request(t.http)[method.toLowerCase() as 'get'](path).set('Authorization', 'Bearer not.a.token').expect(401);
      problems.push(...responses.problems(method, template, none), ...responses.problems(method, template, bad));
      expect(await auditCount()).toBe(before);
    }
    expect(problems).toEqual([]);
  });

  for (const role of ['ADMIN', 'OFFICER', 'LEADER', 'BUILDING_MANAGER', 'DEPARTMENT'] as Role[]) {
    it(`gives ${role} exactly its grants, writes an audit row for every change and none for a refused one`, async () => {
      const failures: string[] = [];
      for (const [key, row] of Object.entries(MATRIX)) {
        const [method, template] = key.split(' ');
        const grant = row.grants[role] ?? 'no';
        // A department user's own record is one of their department's; everyone else's, the row's owner's.
        const ownerKey = grant === 'own' && role === 'DEPARTMENT' ? 'DEPARTMENT' : (row.owner ?? 'OFFICER');
        const mutating = method !== 'GET' && !row.readOnly;
        // Own record: created by OFFICER (or managed by BUILDING_MANAGER), acted on by `role` (for the owner's role, its own).
        const own = row.arrange ? await row.arrange(users[ownerKey]) : { path: template, body: undefined };
        const before = await auditCount();
        const res = await call(users[role], method, own.path, own.body);
        const ok = res.status >= 200 && res.status < 300;
        if (grant === 'no' ? res.status !== 403 : !ok) failures.push(`${key} as ${role}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
        failures.push(...responses.problems(method, template, res).map((p) => `${p} (as ${role})`));
        const after = await auditCount();
        if (mutating && ok && after <= before) failures.push(`${key} as ${role}: no audit row`);
        if (!ok && after !== before) failures.push(`${key} as ${role}: refused, yet wrote an audit row`);
        if (grant === 'own') {
          // Someone else's record: another officer's (or another manager's building).
          const theirs = await row.arrange!(users[role === 'DEPARTMENT' ? 'OTHER_DEPARTMENT' : row.owner === 'BUILDING_MANAGER' ? 'OTHER_BUILDING_MANAGER' : 'OTHER_OFFICER']);
          const b2 = await auditCount();
          const res2 = await call(users[role], method, theirs.path, theirs.body);
          if (res2.status !== 403) failures.push(`${key} as ${role} on another's record: ${res2.status}`);
          failures.push(...responses.problems(method, template, res2).map((p) => `${p} (as ${role}, on another's record)`));
          if ((await auditCount()) !== b2) failures.push(`${key} as ${role} on another's record: wrote an audit row`);
        }
      }
      expect(failures).toEqual([]);
    });
  }
});
