import { districtDate } from '../src/common/time/district-clock.js';
import { createBuilding, createUnit } from './factories/buildings.factory.js';
import { createProject, moveProject } from './factories/records.factory.js';
import { createTestApp, TestApp, TestUser } from './support/test-app.js';

const inDays = (n: number): string => districtDate(new Date(Date.now() + n * 86_400_000));
const today = (): string => districtDate();

describe('placing projects into units, and matching units to projects', () => {
  let t: TestApp;
  let admin: TestUser;
  let officer: TestUser;
  let otherOfficer: TestUser;
  let manager: TestUser;

  /** A project of `officer` moved to `stage` (REGISTERED by default: landed). */
  const landed = async (overrides: Record<string, unknown> = {}, stage = 'REGISTERED'): Promise<{ id: string; companyId: string }> => {
    const p = await createProject(officer.api, overrides);
    await moveProject(officer.api, p.id, stage);
    return { id: p.id, companyId: p.companyId as string };
  };
  const vacantUnit = async (overrides: Record<string, unknown> = {}): Promise<{ id: string; buildingId: string }> => {
    const b = await createBuilding(admin.api, { managerIds: [manager.id] });
    const u = await createUnit(admin.api, b.id, overrides);
    return { id: u.id, buildingId: b.id };
  };
  const unitOf = async (id: string): Promise<Record<string, unknown>> => (await admin.api.get(`/api/v1/units/${id}`).expect(200)).body;
  const placementCount = async (): Promise<number> => Number((await t.dataSource.query('SELECT COUNT(*) AS n FROM placements'))[0].n);

  beforeAll(async () => {
    t = await createTestApp();
    admin = t.admin;
    officer = await t.newUser('OFFICER');
    otherOfficer = await t.newUser('OFFICER');
    manager = await t.newUser('BUILDING_MANAGER');
  });
  afterAll(async () => {
    await t.close();
  });

  describe('placements', () => {
    it('places a landed project: the unit becomes LEASED to the project’s company from the start date', async () => {
      const project = await landed();
      const unit = await vacantUnit({ area: 256.75 });
      const res = await officer.api
        .post(`/api/v1/projects/${project.id}/placements`)
        .send({ unitId: unit.id, startDate: today(), leaseEnd: inDays(1095) })
        .expect(201);
      expect(res.body).toMatchObject({ projectId: project.id, unitId: unit.id, startDate: today(), endDate: null, active: true, area: 256.75 });
      expect(await unitOf(unit.id)).toMatchObject({
        status: 'LEASED',
        tenantCompanyId: project.companyId,
        leaseStart: today(),
        leaseEnd: inDays(1095),
        projectId: project.id,
        version: 2,
      });
      const history = await admin.api.get(`/api/v1/units/${unit.id}/history`).expect(200);
      expect(history.body.items.map((h: { from: string | null; to: string }) => [h.from, h.to])).toEqual([
        [null, 'VACANT'],
        ['VACANT', 'LEASED'],
      ]);
      const list = await officer.api.get(`/api/v1/projects/${project.id}/placements`).expect(200);
      expect(list.body.items).toMatchObject([{ id: res.body.id, active: true, unit: { buildingId: unit.buildingId } }]);
      const audit = await admin.api.get('/api/v1/audit').query({ entity: 'Placement', entityId: res.body.id }).expect(200);
      expect(audit.body.items.map((a: { action: string }) => a.action)).toEqual(['placement.create']);
    });

    it('refuses a project that has not landed, and a unit that is leased or reserved for another project, with 409', async () => {
      const before = await placementCount();
      const signed = await landed({}, 'SIGNED');
      const unit = await vacantUnit();
      const early = await officer.api.post(`/api/v1/projects/${signed.id}/placements`).send({ unitId: unit.id, startDate: today() }).expect(409);
      expect(early.body.message).toMatch(/REGISTERED or OPERATING/);

      const project = await landed();
      const other = await landed();
      const leased = await vacantUnit({ status: 'LEASED' });
      const taken = await officer.api.post(`/api/v1/projects/${project.id}/placements`).send({ unitId: leased.id, startDate: today() }).expect(409);
      expect(taken.body.message).toMatch(/is LEASED/);
      const theirs = await vacantUnit({ status: 'RESERVED', reservedForProjectId: other.id });
      const reserved = await officer.api.post(`/api/v1/projects/${project.id}/placements`).send({ unitId: theirs.id, startDate: today() }).expect(409);
      expect(reserved.body.message).toMatch(/RESERVED for another project/);
      const unavailable = await vacantUnit({ status: 'UNAVAILABLE' });
      await officer.api.post(`/api/v1/projects/${project.id}/placements`).send({ unitId: unavailable.id, startDate: today() }).expect(409);
      expect(await placementCount()).toBe(before);
      expect(await unitOf(theirs.id)).toMatchObject({ status: 'RESERVED', reservedForProjectId: other.id, version: 1 });

      const ours = await vacantUnit({ status: 'RESERVED', reservedForProjectId: project.id });
      await officer.api.post(`/api/v1/projects/${project.id}/placements`).send({ unitId: ours.id, startDate: today() }).expect(201);
      expect(await unitOf(ours.id)).toMatchObject({ status: 'LEASED', reservedForProjectId: null, projectId: project.id });
    });

    it('refuses bad input with 400 and someone else’s project with 403', async () => {
      const project = await landed();
      const unit = await vacantUnit();
      const path = `/api/v1/projects/${project.id}/placements`;
      const ghost = await officer.api.post(path).send({ unitId: '01900000-0000-7000-8000-000000000000', startDate: today() }).expect(400);
      expect(ghost.body.details[0].field).toBe('unitId');
      const future = await officer.api.post(path).send({ unitId: unit.id, startDate: inDays(1) }).expect(400);
      expect(future.body.details[0].field).toBe('startDate');
      await officer.api.post(path).send({ unitId: unit.id, startDate: '2025-02-30' }).expect(400);
      await officer.api.post(path).send({ unitId: 'unit-12', startDate: today() }).expect(400);
      const backwards = await officer.api.post(path).send({ unitId: unit.id, startDate: today(), leaseEnd: '2020-01-01' }).expect(400);
      expect(backwards.body.details[0].field).toBe('leaseEnd');
      await otherOfficer.api.post(path).send({ unitId: unit.id, startDate: today() }).expect(403);
      await manager.api.post(path).send({ unitId: unit.id, startDate: today() }).expect(403);
      await officer.api.post('/api/v1/projects/01900000-0000-7000-8000-000000000000/placements').send({ unitId: unit.id, startDate: today() }).expect(404);
      expect(await unitOf(unit.id)).toMatchObject({ status: 'VACANT', version: 1 });
    });

    it('keeps a placed unit leased until the placement is released, which frees it for the next project', async () => {
      // Registered (注册落地) before the back-dated placement starts.
      const p = await createProject(officer.api, { startedAt: '2025-01-02' });
      await moveProject(officer.api, p.id, 'REGISTERED', { at: '2025-05-01' });
      const project = { id: p.id };
      const unit = await vacantUnit();
      const placed = await officer.api.post(`/api/v1/projects/${project.id}/placements`).send({ unitId: unit.id, startDate: '2025-06-01' }).expect(201);
      const freed = await manager.api.patch(`/api/v1/units/${unit.id}`).send({ version: 2, status: 'VACANT' }).expect(409);
      expect(freed.body.message).toMatch(/release its placement/);
      const sheet = await manager.api.put(`/api/v1/buildings/${unit.buildingId}/vacancy`).send({ units: [{ code: (await unitOf(unit.id)).code, status: 'VACANT' }] }).expect(409);
      expect(sheet.body.details[0].field).toBe('units.0.status');
      await manager.api.patch(`/api/v1/units/${unit.id}`).send({ version: 2, askingRent: '6.00' }).expect(200);

      const releasePath = `/api/v1/projects/${project.id}/placements/${placed.body.id}/release`;
      await officer.api.post(releasePath).send({ endDate: '2025-05-31' }).expect(400);
      await officer.api.post(releasePath).send({ endDate: inDays(1) }).expect(400);
      await otherOfficer.api.post(releasePath).send({}).expect(403);
      const released = await officer.api.post(releasePath).send({ note: '企业迁至新址' }).expect(200);
      expect(released.body).toMatchObject({ active: false, endDate: today(), startDate: '2025-06-01' });
      expect(await unitOf(unit.id)).toMatchObject({ status: 'VACANT', tenantCompanyId: null, leaseStart: null, projectId: null, askingRent: '6.00' });
      const history = await admin.api.get(`/api/v1/units/${unit.id}/history`).expect(200);
      expect(history.body.items.at(-1)).toMatchObject({ from: 'LEASED', to: 'VACANT', note: '企业迁至新址' });
      await officer.api.post(releasePath).send({}).expect(409);
      await officer.api.post(`/api/v1/projects/${project.id}/placements/01900000-0000-7000-8000-000000000000/release`).send({}).expect(404);

      const next = await landed();
      await officer.api.post(`/api/v1/projects/${next.id}/placements`).send({ unitId: unit.id, startDate: today() }).expect(201);
      const list = await officer.api.get(`/api/v1/projects/${project.id}/placements`).expect(200);
      expect(list.body.items).toMatchObject([{ active: false, endDate: today() }]);
    });

    it('lets exactly one of two projects take a unit when both try at once', async () => {
      const a = await landed();
      const b = await landed();
      const unit = await vacantUnit();
      const results = await Promise.all([
        officer.api.post(`/api/v1/projects/${a.id}/placements`).send({ unitId: unit.id, startDate: today() }),
        officer.api.post(`/api/v1/projects/${b.id}/placements`).send({ unitId: unit.id, startDate: today() }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
      const active = await t.dataSource.query(`SELECT COUNT(*) AS n FROM placements WHERE unit_id = '${unit.id}' AND active_unit_id IS NOT NULL`);
      expect(Number(active[0].n)).toBe(1);
    });

    it('shows the placed area of a Beijing–Hebei project in the building, zone and district figures until it leaves', async () => {
      const building = await createBuilding(admin.api, { zone: 'FIVE_AVENUES' });
      const big = await createUnit(admin.api, building.id, { area: 523.45 });
      const small = await createUnit(admin.api, building.id, { area: 80 });
      const jingjiOf = async (): Promise<{ building: number; zone: number; district: number }> => {
        const b = (await officer.api.get(`/api/v1/buildings/${building.id}`).expect(200)).body.stats.jingjiArea;
        const s = (await officer.api.get('/api/v1/vacancy/summary').expect(200)).body;
        const zone = s.zones.find((z: { zone: { code: string } }) => z.zone.code === 'FIVE_AVENUES').jingjiArea;
        return { building: b, zone, district: s.district.jingjiArea };
      };
      const before = await jingjiOf();
      const beijing = await landed({ relocation: { originProvince: 'BEIJING', originCity: '北京市', function: 'REGIONAL_HQ' } });
      const local = await landed();
      const placed = await officer.api.post(`/api/v1/projects/${beijing.id}/placements`).send({ unitId: big.id, startDate: today() }).expect(201);
      await officer.api.post(`/api/v1/projects/${local.id}/placements`).send({ unitId: small.id, startDate: today() }).expect(201);
      const during = await jingjiOf();
      expect(during.building).toBe(523.45);
      expect(Math.round((during.zone - before.zone) * 100) / 100).toBe(523.45);
      expect(Math.round((during.district - before.district) * 100) / 100).toBe(523.45);
      const stats = (await officer.api.get(`/api/v1/buildings/${building.id}`).expect(200)).body.stats;
      expect(stats).toMatchObject({ leasedArea: 603.45, vacantArea: 0, tenantCount: 2 });

      await officer.api.post(`/api/v1/projects/${beijing.id}/placements/${placed.body.id}/release`).send({}).expect(200);
      expect(await jingjiOf()).toEqual(before);
    });
  });

  describe('matching', () => {
    // Areas around 7,775 m²: no other unit of this suite comes near, so the ranking is this test's own.
    it('ranks vacant units in the industry’s zone and specialty buildings first, with reasons, never a leased one', async () => {
      const finance = await createBuilding(admin.api, { name: '匹配测试金融楼', zone: 'JIEFANG_NORTH_ROAD', specialtyIndustries: ['FINANCE'] });
      const mall = await createBuilding(admin.api, { name: '匹配测试商场', zone: 'GOLDEN_STREET', specialtyIndustries: ['TRADE'] });
      const best = await createUnit(admin.api, finance.id, { code: 'BEST', area: 7775, askingRent: '4.00' });
      const later = await createUnit(admin.api, finance.id, { code: 'LATER', area: 7775, askingRent: '4.00', availableFrom: inDays(60) });
      const elsewhere = await createUnit(admin.api, mall.id, { code: 'MALL', area: 7775, askingRent: '3.00' });
      await createUnit(admin.api, finance.id, { code: 'LEASED', area: 7775, status: 'LEASED' });
      await createUnit(admin.api, finance.id, { code: 'HUGE', area: 30000 });
      await createUnit(admin.api, finance.id, { code: 'FAR', area: 7775, availableFrom: inDays(400) });
      const project = await createProject(officer.api, { industry: 'FINANCE', areaRequirement: { min: 7700, max: 7800 } });

      const res = await officer.api.get(`/api/v1/projects/${project.id}/matches`).expect(200);
      expect(res.body.map((m: { unit: { id: string } }) => m.unit.id)).toEqual([best.id, later.id, elsewhere.id]);
      expect(res.body[0]).toMatchObject({
        building: { id: finance.id, name: '匹配测试金融楼', zone: 'JIEFANG_NORTH_ROAD' },
        zone: { code: 'JIEFANG_NORTH_ROAD', nameZh: '解放北路金融创新运营示范区' },
        unit: { status: 'VACANT', askingRent: '4.00' },
      });
      // Reasons are what officers read beside each match: Chinese, with the industry's Chinese name.
      expect(res.body[0].reasons).toEqual([
        '功能区“解放北路金融创新运营示范区”重点发展创新金融',
        '专业特色楼宇（创新金融）',
        '面积 7775㎡，符合 7700–7800㎡ 的需求',
        '租金 4.00 元/㎡·天',
        '现可入驻',
      ]);
      expect(res.body[2].reasons[0]).toBe('功能区“金街高品位商业步行街区”重点发展全球商贸、国际文旅，与项目产业（创新金融）不符');
      expect(res.body[0].score).toBeGreaterThan(res.body[1].score);
      expect(res.body[1].score).toBeGreaterThan(res.body[2].score);
      expect(res.body[1].reasons).toContain(`${inDays(60)} 起可入驻（60 天后）`);

      const budget = await officer.api.get(`/api/v1/projects/${project.id}/matches`).query({ maxRent: '3.50', limit: 3 }).expect(200);
      expect(budget.body.map((m: { unit: { id: string } }) => m.unit.id)).toContain(elsewhere.id);
      expect(budget.body.find((m: { unit: { id: string } }) => m.unit.id === best.id).reasons).toContain(
        '租金 4.00 元/㎡·天，超出 3.50 元/㎡·天 的预算 14%',
      );
      const one = await officer.api.get(`/api/v1/projects/${project.id}/matches`).query({ limit: 1 }).expect(200);
      expect(one.body.map((m: { unit: { id: string } }) => m.unit.id)).toEqual([best.id]);

      // A unit reserved for this project is offered (first); one reserved for another project is not.
      const mine = await createUnit(admin.api, mall.id, { code: 'MINE', area: 7790, status: 'RESERVED', reservedForProjectId: project.id });
      const otherProject = await createProject(officer.api);
      await createUnit(admin.api, finance.id, { code: 'THEIRS', area: 7775, status: 'RESERVED', reservedForProjectId: otherProject.id });
      const withReserved = await officer.api.get(`/api/v1/projects/${project.id}/matches`).expect(200);
      const ids = withReserved.body.map((m: { unit: { id: string } }) => m.unit.id);
      expect(ids).toContain(mine.id);
      expect(withReserved.body.find((m: { unit: { id: string } }) => m.unit.id === mine.id).reasons[0]).toBe('已为本项目预留');
      expect(ids).toHaveLength(4);
    });

    it('answers 404 for an unknown project and 400 for a bad limit or budget', async () => {
      const project = await createProject(officer.api);
      await officer.api.get('/api/v1/projects/01900000-0000-7000-8000-000000000000/matches').expect(404);
      await officer.api.get(`/api/v1/projects/${project.id}/matches`).query({ limit: 0 }).expect(400);
      await officer.api.get(`/api/v1/projects/${project.id}/matches`).query({ limit: 500 }).expect(400);
      await officer.api.get(`/api/v1/projects/${project.id}/matches`).query({ maxRent: 'cheap' }).expect(400);
      await manager.api.get(`/api/v1/projects/${project.id}/matches`).expect(403);
    });
  });
});
