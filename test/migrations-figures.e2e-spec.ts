import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options.js';
import { FundingReversals1764720000000 } from '../src/database/migrations/1764720000000-funding-reversals.js';
import { MIGRATIONS } from '../src/database/migrations/index.js';
import { ON_POSTGRES } from './support/test-app.js';

/**
 * The issue-14 migrations on a database that already holds records written before them: undated
 * qualifications become awards dated the day the company was recorded (valid three years), and a lost
 * project's active placement ends on its loss date with the unit vacant again and its history saying
 * so. Both databases (the PostgreSQL pass gives this file a schema of its own).
 */
describe('issue-14 migrations over existing records', () => {
  let dir: string | null = null;
  let schema: string | null = null;
  let before: DataSource;

  const settings = (): Parameters<typeof dataSourceOptions>[0] =>
    ON_POSTGRES
      ? { sqlitePath: ':memory:', databaseUrl: process.env.DATABASE_URL as string, schema: schema as string }
      : { sqlitePath: join(dir as string, 'crm.sqlite') };
  const open = async (migrations: typeof MIGRATIONS): Promise<DataSource> => {
    const ds = await new DataSource({ ...dataSourceOptions(settings()), migrations }).initialize();
    await ds.runMigrations({ transaction: 'all' });
    return ds;
  };
  const p = (n: number): string => (ON_POSTGRES ? `$${n}` : '?');
  const run = (ds: DataSource, text: string, params: unknown[]): Promise<unknown> => {
    let n = 0;
    return ds.query(text.replace(/\?/g, () => p(++n)), params);
  };

  beforeAll(async () => {
    if (ON_POSTGRES) {
      schema = `mig_${randomBytes(4).toString('hex')}`;
      const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await c.connect();
      await c.query(`CREATE SCHEMA ${schema}`);
      await c.end();
    } else {
      dir = mkdtempSync(join(tmpdir(), 'heping-mig-'));
    }
    const upTo = MIGRATIONS.indexOf(FundingReversals1764720000000);
    before = await open(MIGRATIONS.slice(0, upTo));
    const t = ON_POSTGRES ? 'true' : '1';
    await run(before, `INSERT INTO industries (code, name_zh, name_en, industry_group, keywords, sort_order) VALUES ('FINANCE', '创新金融', 'Finance', 'ESTABLISHED', '[]', 1)`, []);
    await run(before, `INSERT INTO zones (code, name_zh, name_en, kind, focus_industries, description_zh, sort_order) VALUES ('HAIHE_BELT', '海河', 'Haihe', 'BELT', '[]', NULL, 1)`, []);
    await run(
      before,
      `INSERT INTO companies (id, name, uscc, origin_province, origin_city, industry_code, segments, qualifications, created_by_id, created_at, updated_at, version)
       VALUES ('c1', '老高企', NULL, 'BEIJING', NULL, 'FINANCE', '[]', '["HIGH_TECH","GAZELLE"]', NULL, ?, ?, 1),
              ('c2', '无资质', NULL, NULL, NULL, 'FINANCE', '[]', '[]', NULL, ?, ?, 1)`,
      ['2022-03-04 02:00:00', '2022-03-04 02:00:00', '2022-03-04 02:00:00', '2022-03-04 02:00:00'],
    );
    await run(
      before,
      `INSERT INTO projects (id, name, company_id, industry_code, segments, zone_code, stage, jingji, origin_province, relocation_function, central_soe,
                             signed_at, stage_changed_at, lost_reason, version)
       VALUES ('p1', '已流失的京冀项目', 'c1', 'FINANCE', '[]', NULL, 'LOST', ${t}, 'BEIJING', 'HQ', ${ON_POSTGRES ? 'false' : '0'},
               '2023-01-10', '2024-05-01', '迁出', 2)`,
      [],
    );
    await run(before, `INSERT INTO buildings (id, code, name, zone_code, specialty_industries, version) VALUES ('b1', NULL, '老楼', 'HAIHE_BELT', '[]', 1)`, []);
    await run(
      before,
      `INSERT INTO units (id, building_id, code, floor, area, status, tenant_company_id, lease_start, project_id, version)
       VALUES ('u1', 'b1', '101', 1, 120.5, 'LEASED', 'c1', '2023-06-01', 'p1', 2)`,
      [],
    );
    await run(before, `INSERT INTO unit_status_history (id, unit_id, building_id, from_status, to_status, tenant_company_id, on_date) VALUES ('h1', 'u1', 'b1', 'VACANT', 'LEASED', 'c1', '2023-06-01')`, []);
    await run(
      before,
      `INSERT INTO placements (id, project_id, unit_id, start_date, end_date, area, active_unit_id, version) VALUES ('pl1', 'p1', 'u1', '2023-06-01', NULL, 120.5, 'u1', 1)`,
      [],
    );
    await before.destroy();
  });

  afterAll(async () => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    if (schema) {
      const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await c.end();
    }
  });

  it('dates old qualifications, ends the lost project’s placement as of its loss date, and records the repair', async () => {
    const after = await open(MIGRATIONS);
    try {
      const d = (c: string): string => `CAST(${c} AS VARCHAR(10))`;
      const awards = await after.query(`SELECT company_id, code, ${d('obtained_on')} AS o, ${d('expires_on')} AS x FROM company_qualifications ORDER BY code`);
      expect(awards).toEqual([
        { company_id: 'c1', code: 'GAZELLE', o: '2022-03-04', x: '2025-03-03' },
        { company_id: 'c1', code: 'HIGH_TECH', o: '2022-03-04', x: '2025-03-03' },
      ]);
      const [placement] = await after.query(`SELECT ${d('end_date')} AS e, active_unit_id FROM placements WHERE id = 'pl1'`);
      expect(placement).toEqual({ e: '2024-05-01', active_unit_id: null });
      const [unit] = await after.query(`SELECT status, tenant_company_id, project_id FROM units WHERE id = 'u1'`);
      expect(unit).toEqual({ status: 'VACANT', tenant_company_id: null, project_id: null });
      const history = await after.query(`SELECT from_status, to_status, ${d('on_date')} AS day FROM unit_status_history WHERE unit_id = 'u1' ORDER BY on_date`);
      expect(history.at(-1)).toEqual({ from_status: 'LEASED', to_status: 'VACANT', day: '2024-05-01' });
      const [audit] = await after.query(`SELECT action, entity, actor_username FROM audit_log WHERE entity_id = 'pl1'`);
      expect(audit).toEqual({ action: 'placement.release', entity: 'Placement', actor_username: 'migration' });
      const columns = (await after.query(ON_POSTGRES ? `SELECT column_name AS name FROM information_schema.columns WHERE table_schema = '${schema}' AND table_name = 'companies'` : `PRAGMA table_info(companies)`)) as { name: string }[];
      expect(columns.map((c) => c.name)).not.toContain('qualifications');
      const [plan] = await after.query(`SELECT COUNT(*) AS n FROM plans`);
      expect(Number(plan.n)).toBe(0);
    } finally {
      await after.destroy();
    }
  });
});
