import { newId } from '../src/common/identity/ids.js';
import { districtDate } from '../src/common/time/district-clock.js';
import { createProject } from './factories/records.factory.js';
import { createTestApp, TestApp, TestUser } from './support/test-app.js';

/** The district at scale: 20,000 units across the seeded buildings. */
const UNITS = 20_000;

describe('matching and vacancy figures at district scale', () => {
  let t: TestApp;
  let officer: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    officer = await t.newUser('OFFICER');
    const buildings: { id: string }[] = await t.dataSource.query('SELECT id FROM buildings ORDER BY id');
    const statuses = ['VACANT', 'LEASED', 'LEASED', 'VACANT', 'LEASED', 'RESERVED', 'LEASED', 'VACANT', 'UNAVAILABLE', 'LEASED'];
    const soon = districtDate(new Date(Date.now() + 45 * 86_400_000));
    const rows = Array.from({ length: UNITS }, (_, i) => ({
      id: newId(),
      buildingId: buildings[i % buildings.length].id,
      code: `S${String(i).padStart(5, '0')}`,
      floor: 1 + (i % 40),
      area: 50 + ((i * 37) % 1450) + (i % 4) * 0.25,
      status: statuses[i % statuses.length],
      askingRent: BigInt(250 + ((i * 13) % 600)),
      availableFrom: i % 7 === 0 ? soon : null,
      tenantCompanyId: null,
      leaseStart: null,
      leaseEnd: null,
      reservedForProjectId: null,
      projectId: null,
    }));
    const repo = t.dataSource.getRepository('Unit');
    for (let i = 0; i < rows.length; i += 500) await repo.insert(rows.slice(i, i + 500));
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  it('ranks 20,000 units for a project in well under a second, offering only vacant ones', async () => {
    const project = await createProject(officer.api, { industry: 'FINANCE', areaRequirement: { min: 300, max: 600 } });
    await officer.api.get(`/api/v1/projects/${project.id}/matches`).expect(200); // warm the statement cache
    const started = performance.now();
    const res = await officer.api.get(`/api/v1/projects/${project.id}/matches`).query({ limit: 20, maxRent: '5.00' }).expect(200);
    const elapsed = performance.now() - started;
    expect(res.body).toHaveLength(20);
    expect(res.body.every((m: { unit: { status: string } }) => m.unit.status === 'VACANT')).toBe(true);
    expect(res.body.every((m: { unit: { area: number } }) => m.unit.area >= 300 && m.unit.area <= 600)).toBe(true);
    const scores = res.body.map((m: { score: number }) => m.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    // The best matches sit in a FINANCE zone's FINANCE specialty building.
    expect(res.body[0].reasons[0]).toMatch(/^功能区“.+”重点发展创新金融$/);
    expect(res.body[0].building.specialtyIndustries).toContain('FINANCE');
    expect(elapsed).toBeLessThan(1000);
  });

  it('sums the district’s vacancy over 20,000 units quickly and exactly', async () => {
    const started = performance.now();
    const res = await officer.api.get('/api/v1/vacancy/summary').expect(200);
    const elapsed = performance.now() - started;
    expect(res.body.district.unitCount).toBe(UNITS);
    const byBuildings = res.body.buildings.reduce((n: number, b: { leasableArea: number }) => n + Math.round(b.leasableArea * 100), 0) / 100;
    expect(res.body.district.leasableArea).toBe(byBuildings);
    expect(elapsed).toBeLessThan(1000);
  });
});
