import { createBuilding, createUnit } from './factories/buildings.factory.js';
import { createProject, moveProject } from './factories/records.factory.js';
import { createTestApp, TestApp, TestUser } from './support/test-app.js';

/**
 * 承载京冀面积 (issue 14, items 1 and 2): the area of units occupied by landed Beijing–Hebei projects.
 * A unit is occupied by one placement at a time, a placement fits the project's landing and the unit's
 * history, and a lost project leaves its units as of the loss date.
 */
describe('floor space hosting Beijing–Hebei relocation', () => {
  let t: TestApp;
  let officer: TestUser;
  const beijing = { originProvince: 'BEIJING', function: 'REGIONAL_HQ' };

  /** A Beijing project that started on `started` and registered (注册落地) on `registered`. */
  const landedJingji = async (started: string, registered: string): Promise<string> => {
    const p = await createProject(officer.api, { startedAt: started, relocation: beijing });
    await moveProject(officer.api, p.id, 'REGISTERED', { at: registered });
    return p.id;
  };
  const floorArea = async (asOf: string): Promise<number> =>
    (await t.admin.api.get('/api/v1/progress').query({ plan: 'FYP14', asOf }).expect(200)).body.indicators.find(
      (i: { code: string }) => i.code === 'JINGJI_FLOOR_AREA',
    ).actual;
  const place = (projectId: string, body: Record<string, unknown>) => officer.api.post(`/api/v1/projects/${projectId}/placements`).send(body);

  beforeAll(async () => {
    t = await createTestApp();
    officer = await t.newUser('OFFICER');
  });
  afterAll(async () => {
    await t.close();
  });

  describe('item 1: one placement per unit at a time, consistent with landing and the unit history', () => {
    it('refuses a placement back-dated over another tenant’s past placement of the unit, so the area is not counted twice', async () => {
      const building = await createBuilding(t.admin.api);
      const unit = await createUnit(t.admin.api, building.id, { area: 100 });
      // Tenant A held the unit from 2022-01-10 to 2024-06-30.
      const a = await landedJingji('2021-06-01', '2022-01-05');
      const held = await place(a, { unitId: unit.id, startDate: '2022-01-10' }).expect(201);
      await officer.api.post(`/api/v1/projects/${a}/placements/${held.body.id}/release`).send({ endDate: '2024-06-30' }).expect(200);
      // Tenant B, registered in 2019, is placed back to 2019 into the same unit.
      const b = await landedJingji('2019-01-02', '2019-02-01');
      const res = await place(b, { unitId: unit.id, startDate: '2019-03-01' }).expect(409);
      expect(res.body).toMatchObject({ code: 'STATE_CONFLICT', rule: 'PLACEMENT_OVERLAP' });
      expect(res.body.details[0]).toMatchObject({ field: 'startDate', code: 'overlapsPlacement' });
      expect(await floorArea('2023-06-30')).toBe(100);
      // From the day A left, B may move in.
      await place(b, { unitId: unit.id, startDate: '2024-06-30' }).expect(201);
      expect(await floorArea('2023-06-30')).toBe(100);
      expect(await floorArea('2024-12-31')).toBe(100);
    });

    it('refuses a placement that starts before the project registered (注册落地)', async () => {
      const building = await createBuilding(t.admin.api);
      const unit = await createUnit(t.admin.api, building.id);
      const p = await landedJingji('2023-01-02', '2023-06-01');
      const res = await place(p, { unitId: unit.id, startDate: '2023-05-31' }).expect(409);
      expect(res.body).toMatchObject({ rule: 'PLACEMENT_BEFORE_REGISTERED' });
      expect(res.body.details[0]).toMatchObject({ field: 'startDate', code: 'beforeRegistered' });
      await place(p, { unitId: unit.id, startDate: '2023-06-01' }).expect(201);
    });

    it('writes the unit history as of the placement’s start, so a month-end snapshot shows the unit leased, not vacant', async () => {
      const building = await createBuilding(t.admin.api);
      const unit = await createUnit(t.admin.api, building.id, { area: 80 });
      const p = await landedJingji('2023-01-02', '2023-02-01');
      await place(p, { unitId: unit.id, startDate: '2023-03-01' }).expect(201);
      const history = (await t.admin.api.get(`/api/v1/units/${unit.id}/history`).expect(200)).body.items;
      expect(history.at(-1)).toMatchObject({ from: 'VACANT', to: 'LEASED', date: '2023-03-01' });
      await t.admin.api.post('/api/v1/vacancy/snapshots').send({ month: '2023-06' }).expect(200);
      const [snap] = (await t.admin.api.get(`/api/v1/buildings/${building.id}/vacancy-history`).query({ from: '2023-06', to: '2023-06' }).expect(200)).body.items;
      expect(snap).toMatchObject({ month: '2023-06', jingjiArea: 80, leasedArea: 80, vacantArea: 0 });
    });

    it('refuses a placement whose period the unit’s history gives to another tenant', async () => {
      const building = await createBuilding(t.admin.api);
      const unit = await createUnit(t.admin.api, building.id);
      const other = await createProject(officer.api);
      // Leased by hand to another company today, then vacant again.
      await t.admin.api.patch(`/api/v1/units/${unit.id}`).send({ version: 1, status: 'LEASED', tenantCompanyId: other.companyId }).expect(200);
      await t.admin.api.patch(`/api/v1/units/${unit.id}`).send({ version: 2, status: 'VACANT' }).expect(200);
      const p = await landedJingji('2023-01-02', '2023-02-01');
      const res = await place(p, { unitId: unit.id, startDate: '2024-01-01' }).expect(409);
      expect(res.body.rule).toBe('UNIT_HISTORY_CONFLICT');
    });
  });

  describe('item 2: a lost project leaves its units as of the loss date', () => {
    it('ends the placements on the loss date: the unit is vacant again and the figure drops from then on', async () => {
      const building = await createBuilding(t.admin.api);
      const unit = await createUnit(t.admin.api, building.id, { area: 150 });
      const p = await landedJingji('2024-01-02', '2024-01-05');
      const placed = await place(p, { unitId: unit.id, startDate: '2024-02-01' }).expect(201);
      const before = await floorArea('2025-02-28');
      await moveProject(officer.api, p, 'LOST', { at: '2025-03-01', reason: '迁往外地' });
      const placement = (await officer.api.get(`/api/v1/projects/${p}/placements`).expect(200)).body.items.find((x: { id: string }) => x.id === placed.body.id);
      expect(placement).toMatchObject({ active: false, endDate: '2025-03-01' });
      const u = (await t.admin.api.get(`/api/v1/units/${unit.id}`).expect(200)).body;
      expect(u).toMatchObject({ status: 'VACANT', tenantCompanyId: null, projectId: null });
      const history = (await t.admin.api.get(`/api/v1/units/${unit.id}/history`).expect(200)).body.items;
      expect(history.at(-1)).toMatchObject({ from: 'LEASED', to: 'VACANT', date: '2025-03-01' });
      expect(await floorArea('2025-02-28')).toBe(before);
      expect(await floorArea('2025-03-01')).toBe(before - 150);
      const audit = (await t.admin.api.get('/api/v1/audit').query({ entity: 'Placement', entityId: placed.body.id }).expect(200)).body.items;
      expect(audit.map((a: { action: string }) => a.action)).toEqual(['placement.release', 'placement.create']);
    });

    it('refuses a loss dated before a placement began (409), and changes nothing', async () => {
      const building = await createBuilding(t.admin.api);
      const unit = await createUnit(t.admin.api, building.id);
      const p = await landedJingji('2024-01-02', '2024-01-05');
      await place(p, { unitId: unit.id, startDate: '2024-03-01' }).expect(201);
      const res = await officer.api.post(`/api/v1/projects/${p}/transitions`).send({ to: 'LOST', at: '2024-02-01', reason: '迁往外地' }).expect(409);
      expect(res.body.rule).toBe('LOSS_BEFORE_PLACEMENT');
      expect((await officer.api.get(`/api/v1/projects/${p}`).expect(200)).body.stage).toBe('REGISTERED');
      expect((await t.admin.api.get(`/api/v1/units/${unit.id}`).expect(200)).body).toMatchObject({ status: 'LEASED', projectId: p });
    });
  });
});
