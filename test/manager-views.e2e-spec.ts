import { districtDate } from '../src/common/time/district-clock.js';
import { createBuilding, createUnit } from './factories/buildings.factory.js';
import { createProject, moveProject } from './factories/records.factory.js';
import { createTestApp, TestApp, TestUser } from './support/test-app.js';

const inDays = (n: number): string => districtDate(new Date(Date.now() + n * 86_400_000));

/**
 * Building managers may not read projects, so the unit and building routes they read never name a
 * project: no project id, no project name in a history note. Officers still see both.
 */
describe('what a building manager reads of the projects in units', () => {
  let t: TestApp;
  let officer: TestUser;
  let ownManager: TestUser;
  let otherManager: TestUser;
  const projectName = `保密项目${Math.random().toString(36).slice(2, 8)}`;
  let project: { id: string };
  let buildingId: string;
  let placedUnit: { id: string };
  let reservedUnit: { id: string; version: number };

  beforeAll(async () => {
    t = await createTestApp();
    officer = await t.newUser('OFFICER');
    ownManager = await t.newUser('BUILDING_MANAGER');
    otherManager = await t.newUser('BUILDING_MANAGER');
    const building = await createBuilding(t.admin.api, { managerIds: [ownManager.id] });
    buildingId = building.id;
    placedUnit = await createUnit(t.admin.api, buildingId);
    reservedUnit = await createUnit(t.admin.api, buildingId);
    project = await createProject(officer.api, { name: projectName });
    await moveProject(officer.api, project.id, 'REGISTERED');
    const placement = await officer.api
      .post(`/api/v1/projects/${project.id}/placements`)
      .send({ unitId: placedUnit.id, startDate: districtDate(), leaseEnd: inDays(30) })
      .expect(201);
    const reserved = await t.admin.api
      .patch(`/api/v1/units/${reservedUnit.id}`)
      .send({ version: reservedUnit.version, status: 'RESERVED', reservedForProjectId: project.id })
      .expect(200);
    reservedUnit = reserved.body;
    // A second placement, released with a note by the officer: the release row must not leak either.
    const second = await createUnit(t.admin.api, buildingId);
    const p2 = await officer.api.post(`/api/v1/projects/${project.id}/placements`).send({ unitId: second.id, startDate: districtDate() }).expect(201);
    await officer.api.post(`/api/v1/projects/${project.id}/placements/${p2.body.id}/release`).send({ note: `${projectName}提前退租` }).expect(200);
    void placement;
  });
  afterAll(async () => {
    await t.close();
  });

  /** Fails when `body` mentions the project by id or by name. */
  const expectNoProject = (what: string, body: unknown): void => {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    expect({ what, mentionsId: text.includes(project.id), mentionsName: text.includes(projectName) }).toEqual({ what, mentionsId: false, mentionsName: false });
  };

  it('a manager of another building reads the unit history without the project’s name or id', async () => {
    for (const manager of [otherManager, ownManager]) {
      const history = await manager.api.get(`/api/v1/units/${placedUnit.id}/history`).expect(200);
      expectNoProject('history', history.body);
      expect(history.body.items.map((h: { to: string; note: string | null }) => [h.to, h.note])).toEqual([
        ['VACANT', null],
        ['LEASED', '入驻'],
      ]);
    }
  });

  it('nor in the unit, the building’s units, the stacking plan, the lease-expiring list or the units export', async () => {
    for (const manager of [otherManager, ownManager]) {
      expectNoProject('unit', (await manager.api.get(`/api/v1/units/${placedUnit.id}`).expect(200)).body);
      expectNoProject('reserved unit', (await manager.api.get(`/api/v1/units/${reservedUnit.id}`).expect(200)).body);
      expectNoProject('units', (await manager.api.get(`/api/v1/buildings/${buildingId}/units`).expect(200)).body);
      expectNoProject('stacking plan', (await manager.api.get(`/api/v1/buildings/${buildingId}/stacking-plan`).expect(200)).body);
      expectNoProject('lease expiring', (await manager.api.get('/api/v1/units/lease-expiring').query({ buildingId }).expect(200)).body);
      expectNoProject('export', (await manager.api.get('/api/v1/units/export.csv').query({ buildingId }).expect(200)).text);
      const released = (await manager.api.get(`/api/v1/buildings/${buildingId}/units`).expect(200)).body.items as { id: string }[];
      for (const u of released) expectNoProject('history', (await manager.api.get(`/api/v1/units/${u.id}/history`).expect(200)).body);
    }
  });

  it('a manager’s own change of a placed unit is refused without naming the project', async () => {
    const unit = (await ownManager.api.get(`/api/v1/units/${placedUnit.id}`).expect(200)).body;
    const res = await ownManager.api.patch(`/api/v1/units/${placedUnit.id}`).send({ version: unit.version, status: 'VACANT' }).expect(409);
    expect(res.body.rule).toBe('UNIT_PLACED');
    expectNoProject('409', res.body);
  });

  it('officers, who may read projects, still see the project in the unit and its history', async () => {
    const unit = (await officer.api.get(`/api/v1/units/${placedUnit.id}`).expect(200)).body;
    expect(unit.projectId).toBe(project.id);
    expect((await officer.api.get(`/api/v1/units/${reservedUnit.id}`).expect(200)).body.reservedForProjectId).toBe(project.id);
    const history = await officer.api.get(`/api/v1/units/${placedUnit.id}/history`).expect(200);
    expect(history.body.items[1]).toMatchObject({ to: 'LEASED', note: `入驻: ${projectName}`, projectId: project.id });
    const csv = (await officer.api.get('/api/v1/units/export.csv').query({ buildingId }).expect(200)).text;
    expect(csv).toContain(project.id);
  });
});
