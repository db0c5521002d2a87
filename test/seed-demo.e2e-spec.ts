import { DemoDataError, DemoSummary, generateDemoData } from '../src/cli/demo/generate.js';
import { isValidUscc } from '../src/common/identity/uscc.js';
import { districtDate } from '../src/common/time/district-clock.js';
import { createTestApp, ON_POSTGRES, TestApp } from './support/test-app.js';

/** Instants come back as Date (PostgreSQL) or UTC text 'YYYY-MM-DD HH:MM:SS.SSS' (SQLite). */
function instant(v: unknown): Date {
  return v instanceof Date ? v : new Date(`${String(v).replace(' ', 'T')}Z`);
}
/** A date column as 'YYYY-MM-DD' text on both databases (node-postgres would make it a Date). */
function day(column: string): string {
  return `CAST(${column} AS VARCHAR(10)) AS ${column}`;
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

  beforeAll(async () => {
    t = await createTestApp();
    summary = await generateDemoData(t.dataSource, { ...options, reset: true });
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  it('writes the requested sizes, with the defaults derived from --projects', async () => {
    expect(summary.sizes).toEqual({ projects: 300, companies: 60, leads: 150, fundings: 3000, activities: 1500, seed: 7 });
    expect(await count('SELECT COUNT(*) AS n FROM projects')).toBe(300);
    expect(await count('SELECT COUNT(*) AS n FROM companies')).toBe(60);
    expect(await count('SELECT COUNT(*) AS n FROM leads')).toBe(150);
    expect(await count('SELECT COUNT(*) AS n FROM fundings')).toBe(3000);
    expect(await count('SELECT COUNT(*) AS n FROM activities')).toBe(1500);
    expect(summary.tables.map((x) => x.table)).toEqual([
      'companies',
      'projects',
      'leads',
      'project_transitions',
      'fundings',
      'activities',
      'funding_day_totals',
    ]);
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

  it('refuses to add demo data to a database that has projects, unless told to reset', async () => {
    await expect(generateDemoData(t.dataSource, { projects: 10 })).rejects.toThrow(DemoDataError);
    expect(await count('SELECT COUNT(*) AS n FROM projects')).toBe(300);
  });

  it('generates the same district again from the same seed', async () => {
    const snapshot = async (): Promise<{ ids: string[]; funds: string; users: number }> => ({
      ids: (await rows<{ id: string }>('SELECT id FROM projects ORDER BY id')).map((r) => r.id),
      funds: String((await rows<{ s: unknown }>('SELECT SUM(amount) AS s FROM fundings'))[0].s),
      users: await count('SELECT COUNT(*) AS n FROM users'),
    });
    const before = await snapshot();
    const again = await generateDemoData(t.dataSource, { ...options, reset: true });
    expect(again.usersCreated).toBe(0);
    expect(await snapshot()).toEqual(before);
    expect(before.ids).toHaveLength(300);
  }, 60_000);
});
