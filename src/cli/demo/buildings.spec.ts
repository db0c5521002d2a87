import { BuildingModel, planBuildings } from './buildings.js';
import { SpaceProject, planSpace } from './space.js';
import { Calendar, dayNumber } from './calendar.js';
import { Rng } from './random.js';

describe('demo office space', () => {
  const cal = new Calendar(8 * 3_600_000, false);
  const firstDay = dayNumber('2021-01-01');
  const todayDay = dayNumber('2026-06-15');
  const zones = [
    { code: 'JIEFANG_NORTH_ROAD', focus: ['FINANCE'] },
    { code: 'ANSHAN_WEIJIN_BELT', focus: ['SMART_TECH', 'HEALTH'] },
  ];
  const existing = [{ id: 'seeded-1', code: 'SEEDED', name: '测试金融中心', zone: 'JIEFANG_NORTH_ROAD', grade: 'A', specialty: ['FINANCE'], totalArea: null, managers: [] }];
  const projects: SpaceProject[] = Array.from({ length: 40 }, (_, i) => ({
    id: `p${i}`,
    name: `项目${i}`,
    companyId: `c${i % 10}`,
    landedDay: i % 2 === 0 ? firstDay + 100 + i * 20 : null,
    signedOpen: i % 2 === 1,
    jingji: i % 4 === 0,
    zone: i % 3 === 0 ? 'ANSHAN_WEIJIN_BELT' : null,
    industry: 'SMART_TECH',
    areaMin: i % 5 === 0 ? null : 300,
    owner: 'officer',
  }));
  const make = (seed: number): { buildings: BuildingModel[]; space: ReturnType<typeof planSpace> } => {
    const stream = (name: string): Rng => Rng.stream(seed, name);
    const buildings = planBuildings(stream('buildings'), cal, { total: 6, existing, zones, firstDay, lastDay: todayDay - 1 });
    const space = planSpace({
      stream,
      cal,
      lastDay: todayDay - 1,
      todayDay,
      planEnd: dayNumber('2025-12-31'),
      buildings,
      zones,
      units: 450,
      tenants: Array.from({ length: 10 }, (_, i) => ({ id: `c${i}`, weight: 1 })),
      projects,
      managers: ['m1', 'm2'],
      jingjiAimM2: 1e6,
    });
    return { buildings, space };
  };

  it('keeps the existing buildings, adds DEMO_ ones and spreads exactly the units asked for', () => {
    const { buildings, space } = make(1);
    expect(buildings.map((b) => b.code)).toEqual(['SEEDED', 'DEMO_0001', 'DEMO_0002', 'DEMO_0003', 'DEMO_0004', 'DEMO_0005']);
    expect(buildings[0].id).toBe('seeded-1');
    expect(space.units).toHaveLength(450);
    const keys = space.units.map((u) => `${u.building.id} ${u.code}`);
    expect(new Set(keys).size).toBe(450);
    expect(space.managerRows).toHaveLength(6);
  });

  it('leases placed units to the project’s company and gives every leased unit a tenant', () => {
    const { space } = make(2);
    expect(space.units.filter((u) => u.status === 'LEASED' && u.tenantId === null)).toEqual([]);
    const byId = new Map(projects.map((p) => [p.id, p]));
    for (const pl of space.placements.filter((x) => x.endDay === null)) {
      const p = byId.get(pl.projectId);
      expect(p?.landedDay).not.toBeNull();
      expect(pl.unit).toMatchObject({ status: 'LEASED', tenantId: p?.companyId, projectId: pl.projectId, leaseStart: pl.startDay });
      expect(pl.startDay).toBeGreaterThanOrEqual(p?.landedDay as number);
    }
    expect(space.activePlacements).toBeGreaterThan(0);
  });

  it('gives the same model for the same seed', () => {
    const view = (m: ReturnType<typeof make>): string[] => m.space.units.map((u) => `${u.id} ${u.code} ${u.status} ${u.tenantId} ${u.area100}`);
    expect(view(make(3))).toEqual(view(make(3)));
    expect(view(make(3))).not.toEqual(view(make(4)));
  });
});
