import { DemoDataError, DemoSummary, generateDemoData } from '../src/cli/demo/generate.js';
import { isValidUscc } from '../src/common/identity/uscc.js';
import { companyNameKey } from '../src/modules/companies/company-names.js';
import { districtDate } from '../src/common/time/district-clock.js';
import { createTestApp, ON_POSTGRES, TestApp } from './support/test-app.js';

/** Instants come back as Date (PostgreSQL) or UTC text 'YYYY-MM-DD HH:MM:SS.SSS' (SQLite). */
function instant(v: unknown): Date {
  return v instanceof Date ? v : new Date(`${String(v).replace(' ', 'T')}Z`);
}
/** A date column as 'YYYY-MM-DD' text on both databases (node-postgres would make it a Date). */
function day(column: string, alias = column): string {
  return `CAST(${column} AS VARCHAR(10)) AS ${alias}`;
}
/** Booleans come back as true/false (PostgreSQL) or 1/0 (SQLite). */
function flag(v: unknown): boolean {
  return v === true || v === 1 || v === '1';
}

describe('the demo-data generator (npm run seed:demo)', () => {
  let t: TestApp;
  let summary: DemoSummary;
  const today = districtDate();
  const options = { projects: 300, seed: 7 };
  const rows = <T = Record<string, unknown>>(sql: string): Promise<T[]> => t.dataSource.query(sql);
  const count = async (sql: string): Promise<number> => Number((await rows<{ n: unknown }>(sql))[0].n);
  /** The buildings loaded from seeds/ (and any added by hand): they keep their rows and get units. */
  const KEPT = "(code IS NULL OR substr(code, 1, 5) <> 'DEMO_')";
  let kept: number;

  beforeAll(async () => {
    t = await createTestApp();
    kept = await count(`SELECT COUNT(*) AS n FROM buildings WHERE ${KEPT}`);
    summary = await generateDemoData(t.dataSource, { ...options, reset: true });
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  it('writes the requested sizes, with the defaults derived from --projects', async () => {
    expect(kept).toBeGreaterThanOrEqual(20);
    expect(summary.sizes).toEqual({ projects: 300, companies: 60, leads: 150, fundings: 3000, activities: 1500, buildings: kept, units: kept * 100, seed: 7 });
    expect(await count('SELECT COUNT(*) AS n FROM projects')).toBe(300);
    expect(await count('SELECT COUNT(*) AS n FROM companies')).toBe(60);
    expect(await count('SELECT COUNT(*) AS n FROM leads')).toBe(150);
    expect(await count('SELECT COUNT(*) AS n FROM fundings')).toBe(3000);
    expect(await count('SELECT COUNT(*) AS n FROM activities')).toBe(1500);
    expect(summary.tables.map((x) => x.table)).toEqual([
      'companies',
      'company_qualifications',
      'projects',
      'leads',
      'project_transitions',
      'fundings',
      'activities',
      'funding_day_totals',
      'buildings',
      'building_managers',
      'units',
      'unit_status_history',
      'placements',
    ]);
    expect(await count('SELECT COUNT(*) AS n FROM units')).toBe(kept * 100);
    // A small district keeps to the seeded buildings.
    expect(await count(`SELECT COUNT(*) AS n FROM buildings WHERE NOT ${KEPT}`)).toBe(0);
    expect(await count("SELECT COUNT(*) AS n FROM users WHERE username IN ('officer01', 'officer10', 'leader02', 'manager03')")).toBe(4);
  });

  it('leaves SQLite as the service runs it: WAL, synchronous FULL, foreign keys on', async () => {
    if (ON_POSTGRES) return;
    expect(await rows('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
    expect(await rows('PRAGMA synchronous')).toEqual([{ synchronous: 2 }]);
    expect(await rows('PRAGMA foreign_keys')).toEqual([{ foreign_keys: 1 }]);
    expect(await rows('PRAGMA foreign_key_check')).toEqual([]);
  });

  it('puts projects at every stage of the pipeline', async () => {
    const stages = (await rows<{ stage: string }>('SELECT DISTINCT stage FROM projects')).map((r) => r.stage).sort();
    expect(stages).toEqual(['LOST', 'NEGOTIATING', 'OPERATING', 'REGISTERED', 'SIGNED', 'SITE_VISIT']);
  });

  it('gives companies valid, unique credit codes, and one to every company with a landed project', async () => {
    const codes = (await rows<{ uscc: string }>('SELECT uscc FROM companies WHERE uscc IS NOT NULL')).map((r) => r.uscc);
    expect(codes.length).toBeGreaterThan(30);
    expect(codes.filter((c) => !isValidUscc(c))).toEqual([]);
    expect(new Set(codes).size).toBe(codes.length);
    expect(
      await count(
        "SELECT COUNT(*) AS n FROM projects p JOIN companies c ON c.id = p.company_id WHERE p.stage IN ('REGISTERED', 'OPERATING') AND c.uscc IS NULL",
      ),
    ).toBe(0);
  });

  it('dates signing and stage changes consistently: created ≤ signed ≤ last change ≤ today', async () => {
    const projects = await rows<{ stage: string; signed_at: string | null; stage_changed_at: string; created_at: unknown; lost_reason: string | null }>(
      `SELECT stage, ${day('signed_at')}, ${day('stage_changed_at')}, created_at, lost_reason FROM projects`,
    );
    for (const p of projects) {
      const created = districtDate(instant(p.created_at));
      if (['SIGNED', 'REGISTERED', 'OPERATING'].includes(p.stage)) expect(p.signed_at).not.toBeNull();
      if (['NEGOTIATING', 'SITE_VISIT'].includes(p.stage)) expect(p.signed_at).toBeNull();
      if (p.signed_at) {
        expect(created <= p.signed_at).toBe(true);
        expect(p.signed_at <= p.stage_changed_at).toBe(true);
      }
      expect(created <= p.stage_changed_at).toBe(true);
      expect(p.stage_changed_at <= today).toBe(true);
      expect(p.lost_reason !== null).toBe(p.stage === 'LOST');
    }
    expect(projects.some((p) => p.stage === 'LOST' && p.signed_at !== null)).toBe(true);
  });

  it('records each project’s stage history from NEGOTIATING, in date order, ending at its stage', async () => {
    const projects = new Map(
      (await rows<{ id: string; stage: string; stage_changed_at: string }>(`SELECT id, stage, ${day('stage_changed_at')} FROM projects`)).map((p) => [
        p.id,
        p,
      ]),
    );
    const history = await rows<{ project_id: string; from_stage: string | null; to_stage: string; at: string }>(
      `SELECT project_id, from_stage, to_stage, ${day('at')} FROM project_transitions ORDER BY project_id, created_at, id`,
    );
    const byProject = new Map<string, typeof history>();
    for (const h of history) byProject.set(h.project_id, [...(byProject.get(h.project_id) ?? []), h]);
    expect(byProject.size).toBe(projects.size);
    for (const [id, steps] of byProject) {
      const p = projects.get(id);
      expect(steps[0]).toMatchObject({ from_stage: null, to_stage: 'NEGOTIATING' });
      for (let i = 1; i < steps.length; i++) {
        expect(steps[i].from_stage).toBe(steps[i - 1].to_stage);
        expect(steps[i].at >= steps[i - 1].at).toBe(true);
      }
      expect(steps[steps.length - 1].to_stage).toBe(p?.stage);
      expect(steps[steps.length - 1].at).toBe(p?.stage_changed_at);
    }
  });

  it('records funds in place only for signed projects, dated from signing to today', async () => {
    expect(
      await count("SELECT COUNT(*) AS n FROM fundings f JOIN projects p ON p.id = f.project_id WHERE p.stage NOT IN ('SIGNED', 'REGISTERED', 'OPERATING')"),
    ).toBe(0);
    expect(await count('SELECT COUNT(*) AS n FROM fundings f JOIN projects p ON p.id = f.project_id WHERE f.date < p.signed_at OR p.signed_at IS NULL')).toBe(0);
    expect(await count(`SELECT COUNT(*) AS n FROM fundings WHERE date > '${today}'`)).toBe(0);
    expect(await count('SELECT COUNT(*) AS n FROM fundings WHERE amount <= 0')).toBe(0);
    const verified = await count("SELECT COUNT(*) AS n FROM fundings WHERE status = 'VERIFIED' AND verified_by_id IS NOT NULL AND evidence_ref IS NOT NULL");
    expect(verified).toBeGreaterThan(3000 * 0.4);
    expect(verified).toBeLessThan(3000 * 0.8);
    expect(await count("SELECT COUNT(*) AS n FROM fundings WHERE status = 'REPORTED' AND (verified_by_id IS NOT NULL OR verified_at IS NOT NULL)")).toBe(0);
  });

  it('brings the daily funds-in-place totals in step with the ledger', async () => {
    const ledger = await rows<{ currency: string; amount: unknown; entries: unknown }>(
      'SELECT currency, SUM(amount) AS amount, COUNT(*) AS entries FROM fundings GROUP BY currency ORDER BY currency',
    );
    const totals = await rows<{ currency: string; amount: unknown; entries: unknown }>(
      'SELECT currency, SUM(amount) AS amount, SUM(entries) AS entries FROM funding_day_totals GROUP BY currency ORDER BY currency',
    );
    const norm = (list: typeof ledger): string[] => list.map((r) => `${r.currency} ${String(r.amount)} ${Number(r.entries)}`);
    expect(norm(totals)).toEqual(norm(ledger));
    expect(ledger.map((r) => r.currency)).toContain('CNY');
  });

  it('marks a project jingji exactly when it has a Beijing or Hebei relocation', async () => {
    const projects = await rows<{ jingji: unknown; origin_province: string | null; relocation_function: string | null; central_soe: unknown }>(
      'SELECT jingji, origin_province, relocation_function, central_soe FROM projects',
    );
    for (const p of projects) {
      const relocation = p.origin_province !== null;
      expect(flag(p.jingji)).toBe(relocation);
      expect(p.relocation_function !== null).toBe(relocation);
      expect(p.central_soe !== null).toBe(relocation);
      if (relocation) expect(['BEIJING', 'HEBEI']).toContain(p.origin_province);
    }
    const share = projects.filter((p) => flag(p.jingji)).length / projects.length;
    expect(share).toBeGreaterThan(0.25);
    expect(share).toBeLessThan(0.55);
  });

  it('links converted leads one-to-one with their projects', async () => {
    expect(
      await count(
        "SELECT COUNT(*) AS n FROM leads l JOIN projects p ON p.id = l.project_id WHERE l.status = 'CONVERTED' AND p.lead_id = l.id AND p.company_id = l.company_id",
      ),
    ).toBe(await count("SELECT COUNT(*) AS n FROM leads WHERE status = 'CONVERTED'"));
    expect(await count("SELECT COUNT(*) AS n FROM leads WHERE status <> 'CONVERTED' AND (project_id IS NOT NULL OR company_id IS NOT NULL)")).toBe(0);
    expect(await count("SELECT COUNT(*) AS n FROM leads WHERE status = 'DISQUALIFIED' AND disqualified_reason IS NULL")).toBe(0);
    const phones = (await rows<{ contact_phone: string }>('SELECT contact_phone FROM leads WHERE contact_phone IS NOT NULL')).map((r) => r.contact_phone);
    expect(phones.filter((p) => !/^1[3-9]\d{9}$/.test(p))).toEqual([]);
  });

  it('keeps each project’s last activity and follow-up in step with its activity log', async () => {
    const projects = await rows<{ id: string; created_at: unknown; last_activity_at: unknown }>('SELECT id, created_at, last_activity_at FROM projects');
    const latest = new Map(
      (await rows<{ project_id: string; at: unknown }>('SELECT project_id, MAX(at) AS at FROM activities GROUP BY project_id')).map((r) => [r.project_id, r.at]),
    );
    const now = Date.now();
    for (const p of projects) {
      const last = latest.get(p.id);
      if (last === undefined) expect(p.last_activity_at).toBeNull();
      else expect(instant(p.last_activity_at).getTime()).toBe(instant(last).getTime());
    }
    const early = await rows<{ n: unknown }>('SELECT COUNT(*) AS n FROM activities a JOIN projects p ON p.id = a.project_id WHERE a.at < p.created_at');
    expect(Number(early[0].n)).toBe(0);
    const [{ at: newest }] = await rows<{ at: unknown }>('SELECT MAX(at) AS at FROM activities');
    expect(instant(newest).getTime()).toBeLessThanOrEqual(now);
    expect(await count('SELECT COUNT(*) AS n FROM activities WHERE next_follow_up_at IS NOT NULL AND next_follow_up_at <= at')).toBe(0);
  });

  it('writes complete rows, derived as the services derive them: nothing left to fill in at run time', async () => {
    const companies = await rows<{ name: string; name_key: string | null }>('SELECT name, name_key FROM companies');
    expect(companies.filter((c) => c.name_key !== companyNameKey(c.name))).toEqual([]);
    // A placement's history row names its project, as the placement service writes it.
    expect(await count("SELECT COUNT(*) AS n FROM unit_status_history WHERE (note LIKE '入驻: %' OR note LIKE '迁出: %') AND project_id IS NULL")).toBe(0);
    expect(await count('SELECT COUNT(*) AS n FROM unit_status_history WHERE project_id IS NOT NULL')).toBe(summary.placements.active + summary.placements.released);
    // An activity logged at or after a follow-up came due (without a new one) completed it.
    expect(await count('SELECT COUNT(*) AS n FROM projects WHERE next_follow_up_at IS NOT NULL AND last_activity_at >= next_follow_up_at')).toBe(0);
    expect(await count('SELECT COUNT(*) AS n FROM projects WHERE next_follow_up_at IS NOT NULL')).toBeGreaterThan(0);
  });

  it('gives every seeded building floors and units, with codes unique per building', async () => {
    expect(await count(`SELECT COUNT(*) AS n FROM buildings b WHERE ${KEPT} AND NOT EXISTS (SELECT 1 FROM units u WHERE u.building_id = b.id)`)).toBe(0);
    expect(await count('SELECT COUNT(*) AS n FROM (SELECT building_id, code FROM units GROUP BY building_id, code HAVING COUNT(*) > 1) d')).toBe(0);
    const units = await rows<{ code: string; floor: number; area: unknown; asking_rent: unknown; status: string }>(
      'SELECT code, floor, area, asking_rent, status FROM units',
    );
    const odd = units.filter(
      (u) =>
        u.floor < 1 ||
        u.floor > 40 ||
        // "1203": the floor, then the unit's number on it.
        !(u.code.startsWith(String(u.floor)) && /^\d{2,}$/.test(u.code.slice(String(u.floor).length))) ||
        Number(u.area) < 20 ||
        Number(u.area) >= 5000 ||
        // Fen per m² per day: 3–12 元/㎡·天.
        (u.asking_rent !== null && (Number(u.asking_rent) < 300 || Number(u.asking_rent) > 1200)),
    );
    expect(odd).toEqual([]);
    const byStatus = new Map<string, number>();
    for (const u of units) byStatus.set(u.status, (byStatus.get(u.status) ?? 0) + 1);
    expect([...byStatus.keys()].sort()).toEqual(['LEASED', 'RESERVED', 'UNAVAILABLE', 'VACANT']);
    const vacantShare = (byStatus.get('VACANT') ?? 0) / units.length;
    expect(vacantShare).toBeGreaterThan(0.12);
    expect(vacantShare).toBeLessThan(0.28);
    expect(summary.units).toEqual(Object.fromEntries(['VACANT', 'RESERVED', 'LEASED', 'UNAVAILABLE'].map((s) => [s, byStatus.get(s)])));
    expect(await count("SELECT COUNT(*) AS n FROM units WHERE status IN ('VACANT', 'RESERVED') AND asking_rent IS NULL")).toBe(0);
  });

  it('leases every LEASED unit to a company, with lease dates, some ending within 90 days', async () => {
    expect(await count("SELECT COUNT(*) AS n FROM units WHERE status = 'LEASED' AND (tenant_company_id IS NULL OR lease_start IS NULL)")).toBe(0);
    expect(
      await count("SELECT COUNT(*) AS n FROM units WHERE status <> 'LEASED' AND (tenant_company_id IS NOT NULL OR lease_start IS NOT NULL OR lease_end IS NOT NULL OR project_id IS NOT NULL)"),
    ).toBe(0);
    expect(await count("SELECT COUNT(*) AS n FROM units WHERE status <> 'RESERVED' AND reserved_for_project_id IS NOT NULL")).toBe(0);
    expect(await count('SELECT COUNT(*) AS n FROM units WHERE lease_end < lease_start')).toBe(0);
    expect(await count(`SELECT COUNT(*) AS n FROM units WHERE lease_start > '${today}'`)).toBe(0);
    const leases = await rows<{ lease_end: string | null }>(`SELECT ${day('lease_end')} FROM units WHERE status = 'LEASED'`);
    const in90 = new Date(Date.parse(`${today}T00:00:00Z`) + 90 * 86_400_000).toISOString().slice(0, 10);
    const soon = leases.filter((l) => l.lease_end !== null && l.lease_end >= today && l.lease_end <= in90).length;
    expect(soon).toBeGreaterThan(leases.length * 0.03);
    expect(soon).toBeLessThan(leases.length * 0.2);
    expect(await count("SELECT COUNT(DISTINCT tenant_company_id) AS n FROM units WHERE status = 'LEASED'")).toBeGreaterThan(20);
  });

  it('places landed projects: each active placement’s unit is LEASED to the project’s company from the placement’s start', async () => {
    const active = await rows<{
      stage: string;
      company_id: string;
      project_id: string;
      status: string;
      tenant_company_id: string;
      unit_project: string | null;
      active_unit_id: string;
      unit_id: string;
      area: unknown;
      unit_area: unknown;
      start_date: string;
      lease_start: string;
      signed_at: string;
    }>(
      `SELECT p.stage, p.company_id, pl.project_id, u.status, u.tenant_company_id, u.project_id AS unit_project, pl.active_unit_id, pl.unit_id,
              pl.area, u.area AS unit_area, ${day('pl.start_date', 'start_date')}, ${day('u.lease_start', 'lease_start')}, ${day('p.signed_at', 'signed_at')}
         FROM placements pl JOIN units u ON u.id = pl.unit_id JOIN projects p ON p.id = pl.project_id
        WHERE pl.end_date IS NULL`,
    );
    expect(active.length).toBeGreaterThan(20);
    for (const a of active) {
      expect(['REGISTERED', 'OPERATING']).toContain(a.stage);
      expect(a).toMatchObject({ status: 'LEASED', tenant_company_id: a.company_id, unit_project: a.project_id, active_unit_id: a.unit_id });
      expect(Number(a.area)).toBe(Number(a.unit_area));
      expect(a.lease_start).toBe(a.start_date);
      expect(a.start_date >= a.signed_at).toBe(true);
      expect(a.start_date <= today).toBe(true);
    }
    // A placed unit is exactly one with an active placement.
    expect(await count('SELECT COUNT(*) AS n FROM units WHERE project_id IS NOT NULL')).toBe(active.length);
    expect(summary.placements.active).toBe(active.length);
    // Released placements left their units.
    expect(
      await count('SELECT COUNT(*) AS n FROM placements pl JOIN units u ON u.id = pl.unit_id WHERE pl.end_date IS NOT NULL AND (pl.active_unit_id IS NOT NULL OR u.project_id = pl.project_id OR pl.end_date < pl.start_date)'),
    ).toBe(0);
  });

  it('records one history row per unit, with its status and tenant, and dates each building’s vacancy update after it', async () => {
    expect(await count('SELECT COUNT(*) AS n FROM unit_status_history')).toBe(kept * 100);
    expect(
      await count(
        `SELECT COUNT(*) AS n FROM units u JOIN unit_status_history h ON h.unit_id = u.id
          WHERE h.building_id = u.building_id AND h.from_status IS NULL AND h.to_status = u.status
            AND (h.tenant_company_id = u.tenant_company_id OR (h.tenant_company_id IS NULL AND u.tenant_company_id IS NULL))`,
      ),
    ).toBe(kept * 100);
    expect(await count(`SELECT COUNT(*) AS n FROM unit_status_history WHERE on_date >= '${today}'`)).toBe(0);
    const buildings = await rows<{ vacancy_updated_at: unknown; latest: unknown }>(
      'SELECT b.vacancy_updated_at, (SELECT MAX(u.created_at) FROM units u WHERE u.building_id = b.id) AS latest FROM buildings b',
    );
    const now = Date.now();
    for (const b of buildings) {
      expect(b.vacancy_updated_at).not.toBeNull();
      expect(instant(b.vacancy_updated_at).getTime()).toBeGreaterThanOrEqual(instant(b.latest).getTime());
      expect(instant(b.vacancy_updated_at).getTime()).toBeLessThanOrEqual(now);
    }
    const ages = buildings.map((b) => (now - instant(b.vacancy_updated_at).getTime()) / 86_400_000);
    expect(ages.filter((a) => a > 31).length).toBeGreaterThan(0);
    expect(ages.filter((a) => a < 29).length).toBeGreaterThan(buildings.length / 2);
    // The demo building managers look after the buildings.
    expect(await count('SELECT COUNT(*) AS n FROM buildings b WHERE NOT EXISTS (SELECT 1 FROM building_managers m WHERE m.building_id = b.id)')).toBe(0);
  });

  it('shows the placed Beijing–Hebei floor space in the progress and the vacancy figures', async () => {
    const [{ area }] = await rows<{ area: unknown }>(
      `SELECT SUM(pl.area) AS area FROM placements pl JOIN projects p ON p.id = pl.project_id
        WHERE p.jingji = ${ON_POSTGRES ? 'true' : '1'} AND pl.start_date <= '2025-12-31' AND (pl.end_date IS NULL OR pl.end_date > '2025-12-31')`,
    );
    expect(Number(area)).toBeGreaterThan(0);
    const progress = (await t.admin.api.get('/api/v1/progress').query({ plan: 'FYP14' }).expect(200)).body as { indicators: { code: string; actual: unknown }[] };
    const floor = progress.indicators.find((i) => i.code === 'JINGJI_FLOOR_AREA');
    expect(Number(floor?.actual)).toBeCloseTo(Number(area), 2);
    expect(summary.jingjiPlacedAreaInPlanM2).toBeCloseTo(Number(area), 2);

    const vacancy = (await t.admin.api.get('/api/v1/vacancy/summary').expect(200)).body;
    const d = vacancy.district;
    expect(d.unitCount).toBe(kept * 100);
    expect(d.vacancyRate).toBeGreaterThan(0.12);
    expect(d.vacancyRate).toBeLessThan(0.32);
    expect(d.leasableArea).toBeGreaterThan(d.vacantArea);
    expect(d.leasedArea + d.vacantArea).toBeCloseTo(d.leasableArea, 2);
    expect(d.reservedArea).toBeGreaterThan(0);
    expect(d.tenantCount).toBeGreaterThan(20);
    const [{ now }] = await rows<{ now: unknown }>(
      `SELECT SUM(pl.area) AS now FROM placements pl JOIN projects p ON p.id = pl.project_id WHERE p.jingji = ${ON_POSTGRES ? 'true' : '1'} AND pl.active_unit_id IS NOT NULL`,
    );
    expect(d.jingjiArea).toBeCloseTo(Number(now), 2);
    expect(vacancy.buildings).toHaveLength(kept);
    expect(vacancy.buildings.every((b: { vacancyUpdatedAt: unknown; unitCount: number }) => b.vacancyUpdatedAt !== null && b.unitCount > 0)).toBe(true);

    // The month's snapshot, rebuilt from the units' history, agrees with the live figures.
    const month = today.slice(0, 7);
    await t.admin.api.post('/api/v1/vacancy/snapshots').send({ month }).expect(200);
    const [snap] = await rows<{ units: unknown; leasable: unknown; vacant: unknown; leased: unknown; jingji: unknown }>(
      `SELECT SUM(unit_count) AS units, SUM(leasable_area) AS leasable, SUM(vacant_area) AS vacant, SUM(leased_area) AS leased, SUM(jingji_area) AS jingji
         FROM vacancy_snapshots WHERE month = '${month}'`,
    );
    expect(Number(snap.units)).toBe(d.unitCount);
    expect(Number(snap.leasable)).toBeCloseTo(d.leasableArea, 1);
    expect(Number(snap.vacant)).toBeCloseTo(d.vacantArea, 1);
    expect(Number(snap.leased)).toBeCloseTo(d.leasedArea, 1);
    expect(Number(snap.jingji)).toBeCloseTo(d.jingjiArea, 1);
  });

  it('refuses to add demo data to a database that has projects, unless told to reset', async () => {
    await expect(generateDemoData(t.dataSource, { projects: 10 })).rejects.toThrow(DemoDataError);
    expect(await count('SELECT COUNT(*) AS n FROM projects')).toBe(300);
  });

  it('generates the same district again from the same seed', async () => {
    const snapshot = async (): Promise<{ ids: string[]; funds: string; users: number; units: string[]; placements: string[] }> => ({
      ids: (await rows<{ id: string }>('SELECT id FROM projects ORDER BY id')).map((r) => r.id),
      funds: String((await rows<{ s: unknown }>('SELECT SUM(amount) AS s FROM fundings'))[0].s),
      users: await count('SELECT COUNT(*) AS n FROM users'),
      units: (
        await rows<{ id: string; code: string; status: string; tenant_company_id: string | null; area: unknown }>(
          'SELECT id, code, status, tenant_company_id, area FROM units ORDER BY id',
        )
      ).map((u) => `${u.id} ${u.code} ${u.status} ${u.tenant_company_id} ${Number(u.area)}`),
      placements: (await rows<{ id: string; unit_id: string; project_id: string }>('SELECT id, unit_id, project_id FROM placements ORDER BY id')).map(
        (p) => `${p.id} ${p.unit_id} ${p.project_id}`,
      ),
    });
    const before = await snapshot();
    const again = await generateDemoData(t.dataSource, { ...options, reset: true });
    expect(again.usersCreated).toBe(0);
    expect(await snapshot()).toEqual(before);
    expect(before.ids).toHaveLength(300);
    expect(before.units).toHaveLength(kept * 100);
  }, 60_000);

  it('adds generated buildings for --buildings, and --reset removes them again (the seeded ones stay)', async () => {
    await t.admin.api.post('/api/v1/vacancy/snapshots').send({ month: today.slice(0, 7) }).expect(200);
    expect(await count('SELECT COUNT(*) AS n FROM vacancy_snapshots')).toBe(kept);
    const zones = (await rows<{ code: string }>('SELECT code FROM zones')).map((z) => z.code);
    const bigger = await generateDemoData(t.dataSource, { ...options, buildings: kept + 8, units: 1500, reset: true });
    expect(bigger.sizes).toMatchObject({ buildings: kept + 8, units: 1500 });
    expect(bigger.buildings).toEqual({ existing: kept, generated: 8 });
    expect(await count('SELECT COUNT(*) AS n FROM vacancy_snapshots')).toBe(0);
    const demo = await rows<{ id: string; code: string; name: string; zone_code: string; grade: string; total_area: unknown; specialty_industries: string }>(
      `SELECT id, code, name, zone_code, grade, total_area, specialty_industries FROM buildings WHERE NOT ${KEPT} ORDER BY code`,
    );
    expect(demo.map((b) => b.code)).toEqual(['DEMO_0001', 'DEMO_0002', 'DEMO_0003', 'DEMO_0004', 'DEMO_0005', 'DEMO_0006', 'DEMO_0007', 'DEMO_0008']);
    for (const b of demo) {
      expect(b.name).toMatch(/(大厦|中心|广场)(\d+号楼)?$/);
      expect(zones).toContain(b.zone_code);
      expect(['A', 'B']).toContain(b.grade);
      expect(Number(b.total_area)).toBeGreaterThan(1000);
      expect(Array.isArray(JSON.parse(b.specialty_industries))).toBe(true);
    }
    expect(await count('SELECT COUNT(*) AS n FROM units')).toBe(1500);
    expect(await count('SELECT COUNT(*) AS n FROM buildings b WHERE NOT EXISTS (SELECT 1 FROM units u WHERE u.building_id = b.id)')).toBe(0);

    await generateDemoData(t.dataSource, { ...options, reset: true });
    expect(await count(`SELECT COUNT(*) AS n FROM buildings WHERE NOT ${KEPT}`)).toBe(0);
    expect(await count(`SELECT COUNT(*) AS n FROM buildings WHERE ${KEPT}`)).toBe(kept);
    expect(await count('SELECT COUNT(*) AS n FROM building_managers m WHERE NOT EXISTS (SELECT 1 FROM buildings b WHERE b.id = m.building_id)')).toBe(0);
    expect(await count('SELECT COUNT(*) AS n FROM units')).toBe(kept * 100);
    expect(await count(`SELECT COUNT(*) AS n FROM units WHERE building_id IN (${demo.map((b) => `'${b.id}'`).join(', ')})`)).toBe(0);
  }, 60_000);
});
