import { districtDate } from '../src/common/time/district-clock.js';
import { addDays } from '../src/modules/buildings/calendar.js';
import { createBuilding, createUnit } from './factories/buildings.factory.js';
import { createCompany, createProject, moveProject } from './factories/records.factory.js';
import { Client, createTestApp, TestApp, TestUser } from './support/test-app.js';

/**
 * A 400's details name each field's problem with a code specific enough for the page to say it in
 * Chinese ("不能晚于今天", "细分领域不属于所选产业"), never the generic `invalid`.
 */
describe('field detail codes of refused input', () => {
  let t: TestApp;
  let officer: TestUser;
  beforeAll(async () => {
    t = await createTestApp();
    officer = await t.newUser('OFFICER');
  });
  afterAll(async () => {
    await t.close();
  });

  const tomorrow = (): string => addDays(districtDate(), 1);
  const refused = async (api: Client, method: 'post' | 'get', path: string, body: object | undefined, field: string, code: string): Promise<void> => {
    const req = method === 'post' ? api.post(path).send(body ?? {}) : api.get(path).query(body ?? {});
    const res = await req;
    expect([path, res.status]).toEqual([path, 400]);
    expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field, code })]));
    expect(res.body.details.map((d: { code: string }) => d.code)).not.toContain('invalid');
  };

  it('on projects: reference data, area range, dates and owners', async () => {
    const company = await createCompany(officer.api);
    const base = { name: '代码测试项目', companyId: company.id, industry: 'FINANCE' };
    await refused(officer.api, 'post', '/api/v1/projects', { ...base, industry: 'MINING' }, 'industry', 'unknownIndustry');
    await refused(officer.api, 'post', '/api/v1/projects', { ...base, zone: 'MOON' }, 'zone', 'unknownZone');
    await refused(officer.api, 'post', '/api/v1/projects', { ...base, segments: ['HEALTH_PRECISION_MEDICINE'] }, 'segments.0', 'segmentNotInIndustry');
    await refused(officer.api, 'post', '/api/v1/projects', { ...base, segments: ['NO_SUCH'] }, 'segments.0', 'unknownSegment');
    await refused(officer.api, 'post', '/api/v1/projects', { ...base, areaRequirement: { min: 500, max: 100 } }, 'areaRequirement.max', 'areaRange');
    await refused(officer.api, 'post', '/api/v1/projects', { ...base, companyId: '01900000-0000-7000-8000-000000000000' }, 'companyId', 'notFound');
    await refused(officer.api, 'post', '/api/v1/projects', { ...base, startedAt: tomorrow() }, 'startedAt', 'notAfterToday');
    const leader = await t.newUser('LEADER');
    await refused(t.admin.api, 'post', '/api/v1/projects', { ...base, ownerId: leader.id }, 'ownerId', 'cannotOwn');

    const project = await createProject(officer.api);
    await refused(officer.api, 'post', `/api/v1/projects/${project.id}/transitions`, { to: 'SIGNED', at: tomorrow() }, 'at', 'notAfterToday');
    await refused(officer.api, 'post', `/api/v1/projects/${project.id}/transitions`, { to: 'LOST' }, 'reason', 'required');
    const hour = 3_600_000;
    await refused(officer.api, 'post', `/api/v1/projects/${project.id}/activities`, { type: 'CALL', at: new Date(Date.now() + 24 * hour).toISOString(), summary: '电话' }, 'at', 'notInFuture');
    await refused(
      officer.api,
      'post',
      `/api/v1/projects/${project.id}/activities`,
      { type: 'CALL', at: new Date(Date.now() - hour).toISOString(), summary: '电话', nextFollowUpAt: new Date(Date.now() - 2 * hour).toISOString() },
      'nextFollowUpAt',
      'afterActivity',
    );
    await moveProject(officer.api, project.id, 'SIGNED');
    await refused(officer.api, 'post', `/api/v1/projects/${project.id}/fundings`, { date: tomorrow(), amount: '10.00', currency: 'CNY' }, 'date', 'notAfterToday');
  });

  it('on reminders, placements, buildings, the funnel and merges', async () => {
    const project = await createProject(officer.api);
    const manager = await t.newUser('BUILDING_MANAGER');
    await refused(officer.api, 'post', '/api/v1/reminders', { subjectType: 'PROJECT', subjectId: project.id, dueAt: '2020-01-01T09:00:00+08:00', message: '回访' }, 'dueAt', 'notInPast');
    await refused(
      officer.api,
      'post',
      '/api/v1/reminders',
      { subjectType: 'PROJECT', subjectId: project.id, dueAt: new Date(Date.now() + 3_600_000).toISOString(), message: '回访', assigneeId: manager.id },
      'assigneeId',
      'cannotSee',
    );

    const landed = await createProject(officer.api);
    await moveProject(officer.api, landed.id, 'REGISTERED');
    const building = await createBuilding(t.admin.api);
    const unit = await createUnit(t.admin.api, building.id);
    const today = districtDate();
    await refused(officer.api, 'post', `/api/v1/projects/${landed.id}/placements`, { unitId: unit.id, startDate: tomorrow() }, 'startDate', 'notAfterToday');
    await refused(officer.api, 'post', `/api/v1/projects/${landed.id}/placements`, { unitId: unit.id, startDate: today, leaseEnd: today }, 'leaseEnd', 'afterStart');
    await refused(officer.api, 'post', `/api/v1/projects/${landed.id}/placements`, { unitId: '01900000-0000-7000-8000-000000000000', startDate: today }, 'unitId', 'notFound');

    await refused(t.admin.api, 'post', '/api/v1/buildings', { name: '代码测试楼', zone: 'HAIHE_BELT', specialtyIndustries: ['MINING'] }, 'specialtyIndustries.0', 'unknownIndustry');
    await refused(officer.api, 'get', '/api/v1/pipeline/funnel', { from: '2025-06-02', to: '2025-06-01' }, 'to', 'notBeforeFrom');
    const company = await createCompany(officer.api);
    await refused(t.admin.api, 'post', `/api/v1/companies/${company.id}/merge`, { intoId: company.id }, 'intoId', 'sameCompany');
  });
});
