import { districtDate } from '../src/common/time/district-clock.js';
import { createBuilding, createUnit } from './factories/buildings.factory.js';
import { createCompany } from './factories/records.factory.js';
import { createTestApp, TestApp, TestUser } from './support/test-app.js';

const inDays = (n: number): string => districtDate(new Date(Date.now() + n * 86_400_000));
const fields = (body: { details?: { field: string }[] }): string[] => (body.details ?? []).map((d) => d.field).sort();

describe('buildings, units and vacancy', () => {
  let t: TestApp;
  let admin: TestUser;
  let manager: TestUser;
  let secondManager: TestUser;
  let otherManager: TestUser;
  let officer: TestUser;

  /** A fresh building managed by `manager` and `secondManager`. */
  const managedBuilding = async (overrides: Record<string, unknown> = {}): Promise<string> =>
    (await createBuilding(admin.api, { managerIds: [manager.id, secondManager.id], ...overrides })).id;
  const count = async (table: string): Promise<number> => Number((await t.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);

  beforeAll(async () => {
    t = await createTestApp();
    admin = t.admin;
    manager = await t.newUser('BUILDING_MANAGER');
    secondManager = await t.newUser('BUILDING_MANAGER');
    otherManager = await t.newUser('BUILDING_MANAGER');
    officer = await t.newUser('OFFICER');
  });
  afterAll(async () => {
    await t.close();
  });

  describe('buildings', () => {
    it('creates a building in a zone with its managers and specialty industries, with empty stats', async () => {
      const res = await admin.api
        .post('/api/v1/buildings')
        .send({
          name: '和平测试金融大厦',
          zone: 'JIEFANG_NORTH_ROAD',
          address: '天津市和平区解放北路100号',
          grade: 'A',
          totalArea: 52000.5,
          managerIds: [manager.id],
          specialtyIndustries: ['FINANCE'],
        })
        .expect(201);
      expect(res.body).toMatchObject({
        name: '和平测试金融大厦',
        zone: 'JIEFANG_NORTH_ROAD',
        totalArea: 52000.5,
        managerIds: [manager.id],
        specialtyIndustries: ['FINANCE'],
        vacancyUpdatedAt: null,
        version: 1,
        stats: { unitCount: 0, leasableArea: 0, vacantArea: 0, vacancyRate: null, tenantCount: 0 },
      });
      const got = await officer.api.get(`/api/v1/buildings/${res.body.id}`).expect(200);
      expect(got.body.name).toBe('和平测试金融大厦');
      const mine = await manager.api.get('/api/v1/buildings').query({ mine: 'true', limit: 200 }).expect(200);
      expect(mine.body.items.map((b: { id: string }) => b.id)).toContain(res.body.id);
      const notMine = await otherManager.api.get('/api/v1/buildings').query({ mine: 'true' }).expect(200);
      expect(notMine.body.items).toEqual([]);
    });

    it('labels the unit statuses in Chinese', async () => {
      const res = await manager.api.get('/api/v1/enums').expect(200);
      expect(res.body.UnitStatus).toMatchObject({ VACANT: { nameZh: '空置' }, RESERVED: { nameZh: '预留' }, LEASED: { nameZh: '已租' } });
    });

    it('lists the seeded buildings by zone and name, keyset-paginated', async () => {
      const page1 = await officer.api.get('/api/v1/buildings').query({ zone: 'XIAOBAILOU', limit: 2 }).expect(200);
      expect(page1.body.items).toHaveLength(2);
      expect(page1.body.items.every((b: { zone: string }) => b.zone === 'XIAOBAILOU')).toBe(true);
      const page2 = await officer.api.get('/api/v1/buildings').query({ zone: 'XIAOBAILOU', limit: 2, cursor: page1.body.nextCursor }).expect(200);
      const names = [...page1.body.items, ...page2.body.items].map((b: { name: string }) => b.name);
      expect(names).toEqual(expect.arrayContaining(['万通中心', '滨江写字楼', '信达广场']));
      expect(new Set(names).size).toBe(names.length);
      const found = await officer.api.get('/api/v1/buildings').query({ q: '环球金融' }).expect(200);
      expect(found.body.items.map((b: { name: string }) => b.name)).toEqual(['天津环球金融中心']);
    });

    it('rejects an unknown zone, unknown industries, non-managers and a non-positive area, creating nothing', async () => {
      const before = await count('buildings');
      const bad = await admin.api
        .post('/api/v1/buildings')
        .send({ name: '坏楼', zone: 'MOON_BASE', totalArea: 0, specialtyIndustries: ['FINANCE', 'MINING'] })
        .expect(400);
      expect(fields(bad.body)).toEqual(['totalArea']);
      const refs = await admin.api.post('/api/v1/buildings').send({ name: '坏楼', zone: 'MOON_BASE', specialtyIndustries: ['FINANCE', 'MINING'] }).expect(400);
      expect(fields(refs.body)).toEqual(['specialtyIndustries.1', 'zone']);
      const notManager = await admin.api.post('/api/v1/buildings').send({ name: '坏楼', zone: 'HAIHE_BELT', managerIds: [officer.id] }).expect(400);
      expect(fields(notManager.body)).toEqual(['managerIds.0']);
      await admin.api.post('/api/v1/buildings').send({ name: '坏楼', zone: 'HAIHE_BELT', totalArea: -10 }).expect(400);
      expect(await count('buildings')).toBe(before);
    });

    it('updates a building and its managers with the version; a stale version is 409', async () => {
      const b = await createBuilding(admin.api);
      const res = await admin.api
        .patch(`/api/v1/buildings/${b.id}`)
        .send({ version: 1, grade: 'A', managerIds: [otherManager.id], specialtyIndustries: ['SMART_TECH'] })
        .expect(200);
      expect(res.body).toMatchObject({ grade: 'A', managerIds: [otherManager.id], specialtyIndustries: ['SMART_TECH'], version: 2 });
      await admin.api.patch(`/api/v1/buildings/${b.id}`).send({ version: 1, grade: 'B' }).expect(409);
      await admin.api.patch(`/api/v1/buildings/${b.id}`).send({ version: 2, zone: 'NOWHERE' }).expect(400);
      await createUnit(otherManager.api, b.id);
    });
  });

  describe('units', () => {
    it('adds units; a code taken in the building is 409, the same code in another building is fine', async () => {
      const a = await managedBuilding();
      const b = await managedBuilding();
      const unit = await createUnit(manager.api, a, { code: '1205', floor: 12, area: 356.8, askingRent: 4.5, availableFrom: '2026-01-01' });
      expect(unit).toMatchObject({ code: '1205', floor: 12, area: 356.8, status: 'VACANT', askingRent: '4.50', availableFrom: '2026-01-01', version: 1 });
      const dup = await manager.api.post(`/api/v1/buildings/${a}/units`).send({ code: '1205', floor: 3, area: 50 }).expect(409);
      expect(fields(dup.body)).toEqual(['code']);
      await createUnit(manager.api, b, { code: '1205' });
      const building = await manager.api.get(`/api/v1/buildings/${a}`).expect(200);
      expect(building.body.vacancyUpdatedAt).not.toBeNull();
    });

    it('rejects bad units with a detail per field: zero or negative area, floor out of range, bad status, rent, tenant on a vacant unit', async () => {
      const a = await managedBuilding();
      const res = await manager.api
        .post(`/api/v1/buildings/${a}/units`)
        .send({ code: '', floor: 300, area: 0, status: 'EMPTY', askingRent: '4.555', availableFrom: '2025-02-30' })
        .expect(400);
      expect(fields(res.body)).toEqual(['area', 'askingRent', 'availableFrom', 'code', 'floor', 'status']);
      await manager.api.post(`/api/v1/buildings/${a}/units`).send({ code: 'B1', floor: -1, area: -20 }).expect(400);
      await manager.api.post(`/api/v1/buildings/${a}/units`).send({ code: 'B1', floor: -1, area: '20' }).expect(400);
      const monthly = await manager.api.post(`/api/v1/buildings/${a}/units`).send({ code: 'B1', floor: -1, area: 20, askingRent: 135 }).expect(400);
      expect(monthly.body.details[0].message).toMatch(/per day/);
      const company = await createCompany(officer.api);
      const tenantOnVacant = await manager.api
        .post(`/api/v1/buildings/${a}/units`)
        .send({ code: 'B1', floor: -1, area: 20, tenantCompanyId: company.id })
        .expect(400);
      expect(fields(tenantOnVacant.body)).toEqual(['tenantCompanyId']);
      const ghost = await manager.api
        .post(`/api/v1/buildings/${a}/units`)
        .send({ code: 'B1', floor: -1, area: 20, status: 'LEASED', tenantCompanyId: '01900000-0000-7000-8000-000000000000' })
        .expect(400);
      expect(ghost.body.details[0].message).toMatch(/no company/);
      await manager.api.post('/api/v1/buildings/01900000-0000-7000-8000-000000000000/units').send({ code: 'B1', floor: -1, area: 20 }).expect(404);
      const list = await manager.api.get(`/api/v1/buildings/${a}/units`).expect(200);
      expect(list.body.items).toEqual([]);
    });

    it('changes a unit with its version, records every status change with who and when, and clears the tenant when it falls vacant', async () => {
      const a = await managedBuilding();
      const company = await createCompany(officer.api, { industry: 'TRADE' });
      const unit = await createUnit(manager.api, a, { askingRent: '5' });
      const leased = await manager.api
        .patch(`/api/v1/units/${unit.id}`)
        .send({ version: 1, status: 'LEASED', tenantCompanyId: company.id, leaseStart: '2025-01-01', leaseEnd: '2027-12-31', note: '签约入驻' })
        .expect(200);
      expect(leased.body).toMatchObject({
        status: 'LEASED',
        tenantCompanyId: company.id,
        tenant: { id: company.id, name: company.name },
        leaseEnd: '2027-12-31',
        askingRent: '5.00',
        version: 2,
      });
      const rent = await secondManager.api.patch(`/api/v1/units/${unit.id}`).send({ version: 2, askingRent: null }).expect(200);
      expect(rent.body).toMatchObject({ status: 'LEASED', askingRent: null, version: 3 });
      const vacant = await manager.api.patch(`/api/v1/units/${unit.id}`).send({ version: 3, status: 'VACANT', availableFrom: inDays(30) }).expect(200);
      expect(vacant.body).toMatchObject({ status: 'VACANT', tenantCompanyId: null, tenant: null, leaseStart: null, leaseEnd: null, version: 4 });
      const history = await officer.api.get(`/api/v1/units/${unit.id}/history`).expect(200);
      expect(history.body.items.map((h: { from: string | null; to: string; actorId: string }) => [h.from, h.to, h.actorId])).toEqual([
        [null, 'VACANT', manager.id],
        ['VACANT', 'LEASED', manager.id],
        ['LEASED', 'VACANT', manager.id],
      ]);
      expect(history.body.items[1]).toMatchObject({ note: '签约入驻', tenantCompanyId: company.id, date: districtDate() });
      const bad = await manager.api.patch(`/api/v1/units/${unit.id}`).send({ version: 4, status: 'OCCUPIED', leaseEnd: '2025-01-01' }).expect(400);
      expect(fields(bad.body)).toEqual(['status']);
      const inconsistent = await manager.api.patch(`/api/v1/units/${unit.id}`).send({ version: 4, leaseEnd: '2025-01-01' }).expect(400);
      expect(fields(inconsistent.body)).toEqual(['leaseEnd']);
      await manager.api.patch(`/api/v1/units/${unit.id}`).send({ status: 'RESERVED' }).expect(400);
      await manager.api.patch('/api/v1/units/01900000-0000-7000-8000-000000000000').send({ version: 1, status: 'RESERVED' }).expect(404);
    });

    it('lets exactly one of two managers win when both update a unit with the same version', async () => {
      const a = await managedBuilding();
      const unit = await createUnit(manager.api, a);
      const results = await Promise.all([
        manager.api.patch(`/api/v1/units/${unit.id}`).send({ version: 1, status: 'RESERVED' }),
        secondManager.api.patch(`/api/v1/units/${unit.id}`).send({ version: 1, status: 'UNAVAILABLE' }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      const loser = results.find((r) => r.status === 409);
      expect(loser?.body.message).toMatch(/stale version/);
      const winner = results.find((r) => r.status === 200);
      const now = await manager.api.get(`/api/v1/units/${unit.id}`).expect(200);
      expect(now.body).toMatchObject({ status: winner?.body.status, version: 2 });
      const history = await manager.api.get(`/api/v1/units/${unit.id}/history`).expect(200);
      expect(history.body.items).toHaveLength(2);
    });

    it('refuses a manager of another building with 403 and changes nothing', async () => {
      const a = await managedBuilding();
      const unit = await createUnit(manager.api, a, { code: '701' });
      const patch = await otherManager.api.patch(`/api/v1/units/${unit.id}`).send({ version: 1, status: 'LEASED' }).expect(403);
      expect(patch.body).toMatchObject({ statusCode: 403, error: 'Forbidden' });
      await otherManager.api.put(`/api/v1/buildings/${a}/vacancy`).send({ units: [{ code: '701', status: 'LEASED' }] }).expect(403);
      await otherManager.api.post(`/api/v1/buildings/${a}/units`).send({ code: '702', floor: 7, area: 80 }).expect(403);
      await officer.api.patch(`/api/v1/units/${unit.id}`).send({ version: 1, status: 'LEASED' }).expect(403);
      const now = await manager.api.get(`/api/v1/units/${unit.id}`).expect(200);
      expect(now.body).toMatchObject({ status: 'VACANT', version: 1 });
      expect((await manager.api.get(`/api/v1/buildings/${a}/units`).expect(200)).body.items).toHaveLength(1);
    });

    it('lists a building’s units in code order, filtered by status', async () => {
      const a = await managedBuilding();
      for (const [code, status] of [['0902', 'VACANT'], ['0901', 'LEASED'], ['0903', 'VACANT']]) await createUnit(manager.api, a, { code, status });
      const all = await officer.api.get(`/api/v1/buildings/${a}/units`).query({ limit: 2 }).expect(200);
      expect(all.body.items.map((u: { code: string }) => u.code)).toEqual(['0901', '0902']);
      const rest = await officer.api.get(`/api/v1/buildings/${a}/units`).query({ limit: 2, cursor: all.body.nextCursor }).expect(200);
      expect(rest.body).toMatchObject({ items: [{ code: '0903' }], nextCursor: null });
      const vacant = await officer.api.get(`/api/v1/buildings/${a}/units`).query({ status: 'VACANT' }).expect(200);
      expect(vacant.body.items.map((u: { code: string }) => u.code)).toEqual(['0902', '0903']);
      await officer.api.get(`/api/v1/buildings/${a}/units`).query({ status: 'FREE' }).expect(400);
    });
  });

  describe('the monthly vacancy sheet', () => {
    const sheetBuilding = async (): Promise<{ id: string; units: Record<string, { id: string; version: number }> }> => {
      const id = await managedBuilding();
      const units: Record<string, { id: string; version: number }> = {};
      for (const code of ['1001', '1002', '1003']) units[code] = await createUnit(manager.api, id, { code, askingRent: '4.00' });
      return { id, units };
    };
    const snapshotOf = async (buildingId: string): Promise<unknown> => ({
      units: (await manager.api.get(`/api/v1/buildings/${buildingId}/units`).expect(200)).body.items.map(
        (u: { code: string; status: string; version: number; askingRent: string }) => [u.code, u.status, u.version, u.askingRent],
      ),
      building: (await manager.api.get(`/api/v1/buildings/${buildingId}`).expect(200)).body.vacancyUpdatedAt,
    });

    it('applies every row at once and confirms the building’s vacancy as current', async () => {
      const { id, units } = await sheetBuilding();
      const company = await createCompany(officer.api);
      const before = (await manager.api.get(`/api/v1/buildings/${id}`).expect(200)).body.vacancyUpdatedAt;
      const res = await manager.api
        .put(`/api/v1/buildings/${id}/vacancy`)
        .send({
          units: [
            { code: '1001', status: 'LEASED', tenantCompanyId: company.id, leaseEnd: inDays(400), version: 1 },
            { code: '1002', status: 'VACANT', askingRent: 3.8, availableFrom: inDays(20) },
            { code: '1003', status: 'VACANT' },
          ],
        })
        .expect(200);
      expect(res.body).toMatchObject({ buildingId: id, changed: 2, unchanged: 1 });
      expect(res.body.units.map((u: { code: string; status: string; version: number }) => [u.code, u.status, u.version])).toEqual([
        ['1001', 'LEASED', 2],
        ['1002', 'VACANT', 2],
        ['1003', 'VACANT', 1],
      ]);
      expect(res.body.units[1].askingRent).toBe('3.80');
      expect(new Date(res.body.vacancyUpdatedAt).getTime()).toBeGreaterThanOrEqual(new Date(before).getTime());
      const history = await manager.api.get(`/api/v1/units/${units['1001'].id}/history`).expect(200);
      expect(history.body.items.map((h: { to: string }) => h.to)).toEqual(['VACANT', 'LEASED']);
    });

    it('changes nothing when one row is bad, with one detail per bad row', async () => {
      const { id } = await sheetBuilding();
      const before = await snapshotOf(id);
      const historyBefore = await count('unit_status_history');
      const malformed = await manager.api
        .put(`/api/v1/buildings/${id}/vacancy`)
        .send({
          units: [
            { code: '1001', status: 'RESERVED' },
            { code: '1002', status: 'EMPTY' },
            { code: '1003', status: 'VACANT', askingRent: -2 },
          ],
        })
        .expect(400);
      expect(fields(malformed.body)).toEqual(['units.1.status', 'units.2.askingRent']);
      const company = await createCompany(officer.api);
      const wrong = await manager.api
        .put(`/api/v1/buildings/${id}/vacancy`)
        .send({
          units: [
            { code: '1001', status: 'RESERVED' },
            { code: '9999', status: 'VACANT' },
            { code: '1002', status: 'VACANT', tenantCompanyId: company.id },
            { code: '1001', status: 'LEASED' },
          ],
        })
        .expect(400);
      expect(wrong.body.details).toEqual([
        { field: 'units.1.code', code: 'unknownUnit', message: expect.stringMatching(/no unit 9999/) },
        { field: 'units.2.tenantCompanyId', code: 'onlyWhenLeased', message: expect.stringMatching(/only for a LEASED unit/) },
        { field: 'units.3.code', code: 'duplicate', message: expect.stringMatching(/already in row 0/) },
      ]);
      await manager.api.put(`/api/v1/buildings/${id}/vacancy`).send({ units: [] }).expect(400);
      await manager.api.put(`/api/v1/buildings/${id}/vacancy`).send({ units: [{ code: '1001', status: 'VACANT', area: 5 }] }).expect(400);
      expect(await snapshotOf(id)).toEqual(before);
      expect(await count('unit_status_history')).toBe(historyBefore);
    });

    it('refuses the whole sheet with 409 when a row’s version is stale', async () => {
      const { id, units } = await sheetBuilding();
      await secondManager.api.patch(`/api/v1/units/${units['1002'].id}`).send({ version: 1, askingRent: '4.20' }).expect(200);
      const before = await snapshotOf(id);
      const res = await manager.api
        .put(`/api/v1/buildings/${id}/vacancy`)
        .send({
          units: [
            { code: '1001', status: 'RESERVED', version: 1 },
            { code: '1002', status: 'LEASED', version: 1 },
          ],
        })
        .expect(409);
      expect(res.body.details).toEqual([{ field: 'units.1.version', message: 'unit 1002 is at version 2, not 1' }]);
      expect(await snapshotOf(id)).toEqual(before);
    });
  });

  describe('figures', () => {
    it('counts leasable, vacant and leased area, the vacancy rate and tenants by industry, per building, zone and district', async () => {
      const id = await managedBuilding({ zone: 'NANSHI_HR_PARK' });
      const finance = await createCompany(officer.api, { industry: 'FINANCE' });
      const trade = await createCompany(officer.api, { industry: 'TRADE' });
      const summaryBefore = (await officer.api.get('/api/v1/vacancy/summary').expect(200)).body;
      await createUnit(manager.api, id, { area: 100.1 });
      await createUnit(manager.api, id, { area: 200.5, status: 'LEASED', tenantCompanyId: finance.id });
      await createUnit(manager.api, id, { area: 50.2, status: 'RESERVED' });
      await createUnit(manager.api, id, { area: 80, status: 'UNAVAILABLE' });
      await createUnit(manager.api, id, { area: 300, status: 'LEASED', tenantCompanyId: trade.id });
      await createUnit(manager.api, id, { area: 49.2, status: 'LEASED', tenantCompanyId: trade.id });
      const expected = {
        unitCount: 6,
        leasableArea: 700,
        vacantArea: 150.3,
        reservedArea: 50.2,
        leasedArea: 549.7,
        vacancyRate: 0.2147,
        tenantCount: 2,
        jingjiArea: 0,
      };
      const building = await officer.api.get(`/api/v1/buildings/${id}`).expect(200);
      expect(building.body.stats).toMatchObject(expected);
      expect(building.body.stats.tenantsByIndustry).toEqual(
        expect.arrayContaining([
          { industry: 'FINANCE', count: 1 },
          { industry: 'TRADE', count: 1 },
        ]),
      );
      const summary = (await t.newUser('LEADER')).api;
      const after = (await summary.get('/api/v1/vacancy/summary').expect(200)).body;
      expect(after.buildings.find((b: { building: { id: string } }) => b.building.id === id)).toMatchObject(expected);
      const zoneOf = (s: { zones: { zone: { code: string }; leasableArea: number; unitCount: number }[] }) =>
        s.zones.find((z) => z.zone.code === 'NANSHI_HR_PARK') as { leasableArea: number; unitCount: number };
      expect(zoneOf(after).unitCount - zoneOf(summaryBefore).unitCount).toBe(6);
      expect(Math.round((zoneOf(after).leasableArea - zoneOf(summaryBefore).leasableArea) * 100) / 100).toBe(700);
      expect(after.district.unitCount - summaryBefore.district.unitCount).toBe(6);
      const zoned = (await summary.get('/api/v1/vacancy/summary').query({ zone: 'NANSHI_HR_PARK' }).expect(200)).body;
      expect(zoned.zones.map((z: { zone: { code: string } }) => z.zone.code)).toEqual(['NANSHI_HR_PARK']);
      expect(zoned.buildings.every((b: { building: { zone: string } }) => b.building.zone === 'NANSHI_HR_PARK')).toBe(true);
      expect(zoned.district).toEqual(after.district);
      await summary.get('/api/v1/vacancy/summary').query({ zone: 'ATLANTIS' }).expect(400);
    });

    it('draws the stacking plan: floors top down, units in code order with status and tenant', async () => {
      const id = await managedBuilding();
      const company = await createCompany(officer.api, { name: '天津房态图测试有限公司' });
      await createUnit(manager.api, id, { code: 'B1-01', floor: -1, area: 300 });
      await createUnit(manager.api, id, { code: '1010', floor: 10, area: 60 });
      await createUnit(manager.api, id, { code: '1002', floor: 10, area: 40, status: 'LEASED', tenantCompanyId: company.id });
      await createUnit(manager.api, id, { code: '2501', floor: 25, area: 500, status: 'RESERVED' });
      const plan = await officer.api.get(`/api/v1/buildings/${id}/stacking-plan`).expect(200);
      expect(plan.body.floors.map((f: { floor: number }) => f.floor)).toEqual([25, 10, -1]);
      expect(plan.body.floors[1]).toMatchObject({
        floor: 10,
        area: 100,
        vacantArea: 60,
        units: [
          { code: '1002', status: 'LEASED', tenantName: '天津房态图测试有限公司', area: 40 },
          { code: '1010', status: 'VACANT', tenantName: null, area: 60 },
        ],
      });
      await officer.api.get('/api/v1/buildings/01900000-0000-7000-8000-000000000000/stacking-plan').expect(404);
    });

    it('lists leases ending within the window, soonest first, to warn that a company may leave', async () => {
      const id = await managedBuilding();
      const company = await createCompany(officer.api);
      const leased = (code: string, leaseEnd: string): Promise<unknown> =>
        createUnit(manager.api, id, { code, status: 'LEASED', tenantCompanyId: company.id, leaseStart: '2024-01-01', leaseEnd });
      await leased('L60', inDays(60));
      await leased('L10', inDays(10));
      await leased('L200', inDays(200));
      await leased('PAST', inDays(-3));
      const soon = await officer.api.get('/api/v1/units/lease-expiring').query({ buildingId: id }).expect(200);
      expect(soon.body.items.map((i: { unit: { code: string }; daysLeft: number }) => [i.unit.code, i.daysLeft])).toEqual([
        ['L10', 10],
        ['L60', 60],
      ]);
      expect(soon.body.items[0]).toMatchObject({ building: { id }, unit: { tenant: { id: company.id } } });
      const year = await officer.api.get('/api/v1/units/lease-expiring').query({ buildingId: id, withinDays: 365, limit: 2 }).expect(200);
      expect(year.body.items.map((i: { unit: { code: string } }) => i.unit.code)).toEqual(['L10', 'L60']);
      const next = await officer.api.get('/api/v1/units/lease-expiring').query({ buildingId: id, withinDays: 365, limit: 2, cursor: year.body.nextCursor }).expect(200);
      expect(next.body.items.map((i: { unit: { code: string } }) => i.unit.code)).toEqual(['L200']);
      await officer.api.get('/api/v1/units/lease-expiring').query({ withinDays: 0 }).expect(400);
      await officer.api.get('/api/v1/units/lease-expiring').query({ withinDays: 'soon' }).expect(400);
    });

    it('takes month-end snapshots idempotently, back-fills them from the history and serves them newest first', async () => {
      const id = await managedBuilding();
      const company = await createCompany(officer.api, { industry: 'HEALTH' });
      const a = await createUnit(manager.api, id, { area: 100 });
      const b = await createUnit(manager.api, id, { area: 300 });
      // Back-date: both units recorded in January 2025; unit a was leased on 5 March 2025.
      await t.dataSource.query(`UPDATE unit_status_history SET on_date = '2025-01-10' WHERE building_id = '${id}'`);
      await manager.api.patch(`/api/v1/units/${a.id}`).send({ version: 1, status: 'LEASED', tenantCompanyId: company.id }).expect(200);
      await t.dataSource.query(`UPDATE unit_status_history SET on_date = '2025-03-05' WHERE unit_id = '${a.id}' AND to_status = 'LEASED'`);
      await manager.api.patch(`/api/v1/units/${b.id}`).send({ version: 1, status: 'UNAVAILABLE' }).expect(200);

      const taken = await admin.api.post('/api/v1/vacancy/snapshots').send({ from: '2024-12', month: '2025-04' }).expect(200);
      expect(taken.body.months.map((m: { month: string; asOf: string }) => [m.month, m.asOf])).toEqual([
        ['2024-12', '2024-12-31'],
        ['2025-01', '2025-01-31'],
        ['2025-02', '2025-02-28'],
        ['2025-03', '2025-03-31'],
        ['2025-04', '2025-04-30'],
      ]);
      const history = await officer.api.get(`/api/v1/buildings/${id}/vacancy-history`).expect(200);
      expect(history.body.items.map((s: { month: string; leasableArea: number; vacantArea: number; vacancyRate: number; tenantCount: number }) => [
        s.month,
        s.leasableArea,
        s.vacantArea,
        s.vacancyRate,
        s.tenantCount,
      ])).toEqual([
        ['2025-04', 400, 300, 0.75, 1],
        ['2025-03', 400, 300, 0.75, 1],
        ['2025-02', 400, 400, 1, 0],
        ['2025-01', 400, 400, 1, 0],
      ]);
      expect(history.body.items[0].tenantsByIndustry).toEqual([{ industry: 'HEALTH', count: 1 }]);

      // Today's month reflects today's state (b is no longer leasable); taking it twice keeps one row.
      const month = districtDate().slice(0, 7);
      await admin.api.post('/api/v1/vacancy/snapshots').send({ month }).expect(200);
      const rows = await count('vacancy_snapshots');
      await admin.api.post('/api/v1/vacancy/snapshots').send({ month }).expect(200);
      await admin.api.post('/api/v1/vacancy/snapshots').send({ from: '2025-03', month: '2025-04' }).expect(200);
      expect(await count('vacancy_snapshots')).toBe(rows);
      const latest = await officer.api.get(`/api/v1/buildings/${id}/vacancy-history`).query({ from: month }).expect(200);
      expect(latest.body.items).toMatchObject([{ month, asOf: districtDate(), leasableArea: 100, vacantArea: 0, vacancyRate: 0 }]);
      const paged = await officer.api.get(`/api/v1/buildings/${id}/vacancy-history`).query({ limit: 2, to: '2025-04' }).expect(200);
      const rest = await officer.api.get(`/api/v1/buildings/${id}/vacancy-history`).query({ limit: 2, to: '2025-04', cursor: paged.body.nextCursor }).expect(200);
      expect([...paged.body.items, ...rest.body.items].map((s: { month: string }) => s.month)).toEqual(['2025-04', '2025-03', '2025-02', '2025-01']);

      await admin.api.post('/api/v1/vacancy/snapshots').send({ month: inDays(62).slice(0, 7) }).expect(400);
      await admin.api.post('/api/v1/vacancy/snapshots').send({ month: '2025-13' }).expect(400);
      await admin.api.post('/api/v1/vacancy/snapshots').send({ from: '2025-05', month: '2025-04' }).expect(400);
      await manager.api.post('/api/v1/vacancy/snapshots').send({ month }).expect(403);
    });
  });
});
