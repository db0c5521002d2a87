import type { EntityManager } from 'typeorm';
import { minorUnitsFromDb } from '../../common/money/money.js';
import { bool, sql } from '../../database/sql.js';
import type { BreakdownBy } from './indicators.js';

/**
 * The SQL behind plan progress, portable between SQLite and PostgreSQL. Values come back as bigint
 * in the indicator's smallest unit: fen (cents) for money, m² × 100 for areas, units for counts.
 * Dates are compared as 'YYYY-MM-DD' strings and read back through CAST(… AS VARCHAR(10)).
 */
export interface Window {
  start: string;
  /** min(asOf, plan end) */
  cut: string;
}

export interface Measured {
  actual: bigint;
  verified?: bigint;
  byYear: Map<number, bigint>;
}

const num = (v: unknown): bigint => minorUnitsFromDb(v);
const yearOf = (day: string): number => Number(day.slice(0, 4));

function addTo(map: Map<number, bigint>, year: number, v: bigint): void {
  map.set(year, (map.get(year) ?? 0n) + v);
}

/** Funds in place from the maintained daily totals: one currency, all projects or Beijing/Hebei ones. */
export interface MoneyFlows {
  get(currency: 'CNY' | 'USD', jingjiOnly: boolean): Measured;
}

/**
 * Every funds-in-place figure of a window in one pass over the maintained daily totals, summed per
 * year by the database (a few dozen rows back instead of thousands).
 */
export async function moneyFlows(em: EntityManager, w: Window): Promise<MoneyFlows> {
  const year = 'SUBSTR(CAST(day AS VARCHAR(10)), 1, 4)';
  const rows = await sql<{ currency: string; jingji: unknown; y: string; amount: unknown; verified: unknown }>(
    em,
    `SELECT currency, jingji, ${year} AS y, SUM(amount) AS amount,
            SUM(CASE WHEN status = 'VERIFIED' THEN amount ELSE 0 END) AS verified
       FROM funding_day_totals
      WHERE day >= ? AND day <= ?
      GROUP BY currency, jingji, ${year}`,
    [w.start, w.cut],
  );
  return {
    get(currency, jingjiOnly) {
      const byYear = new Map<number, bigint>();
      let actual = 0n;
      let verified = 0n;
      for (const r of rows) {
        if (r.currency !== currency || (jingjiOnly && !(r.jingji === true || Number(r.jingji) === 1))) continue;
        const a = num(r.amount);
        actual += a;
        verified += num(r.verified);
        addTo(byYear, Number(r.y), a);
      }
      return { actual, verified, byYear };
    },
  };
}

/** Beijing/Hebei projects by the date they first signed. */
export async function jingjiProjects(em: EntityManager, w: Window): Promise<Measured> {
  const rows = await sql<{ day: string; n: unknown }>(
    em,
    `SELECT CAST(signed_at AS VARCHAR(10)) AS day, COUNT(*) AS n FROM projects
      WHERE jingji = ? AND signed_at >= ? AND signed_at <= ? AND archived_at IS NULL
      GROUP BY signed_at`,
    [bool(em, true), w.start, w.cut],
  );
  const byYear = new Map<number, bigint>();
  let actual = 0n;
  for (const r of rows) {
    const n = num(r.n);
    actual += n;
    addTo(byYear, yearOf(r.day), n);
  }
  return { actual, byYear };
}

/** Area (m² × 100) of units occupied at `cut` by Beijing/Hebei projects; by the year the placement began. */
export async function jingjiFloorArea(em: EntityManager, w: Window): Promise<Measured> {
  const rows = await sql<{ day: string; area: unknown }>(
    em,
    // Driven from placements (thousands of rows), with the project checked per row: a plain join
    // let SQLite start from the 40k jingji projects instead (400 ms at 100k projects, 20 ms this way).
    `SELECT CAST(pl.start_date AS VARCHAR(10)) AS day, SUM(ROUND(pl.area * 100)) AS area
       FROM placements pl
      WHERE pl.start_date <= ? AND (pl.end_date IS NULL OR pl.end_date > ?)
        AND EXISTS (SELECT 1 FROM projects p WHERE p.id = pl.project_id AND p.jingji = ? AND p.archived_at IS NULL)
      GROUP BY pl.start_date`,
    [w.cut, w.cut, bool(em, true)],
  );
  const byYear = new Map<number, bigint>();
  let actual = 0n;
  for (const r of rows) {
    const a = num(r.area);
    actual += a;
    addTo(byYear, Math.max(yearOf(r.day), yearOf(w.start)), a);
  }
  return { actual, byYear };
}

/** Companies holding the national high-tech qualification (qualifications carry no dates yet). */
export async function highTechCompanies(em: EntityManager, w: Window): Promise<Measured> {
  const [row] = await sql<{ n: unknown }>(
    em,
    `SELECT COUNT(*) AS n FROM companies WHERE qualifications LIKE ? AND archived_at IS NULL`,
    ['%"HIGH_TECH"%'],
  );
  const actual = num(row?.n);
  return { actual, byYear: new Map([[yearOf(w.cut), actual]]) };
}

/** The latest hand-entered value at `cut`, and the last one of each year. */
export async function manualValues(em: EntityManager, planCode: string, indicator: string, w: Window): Promise<Measured> {
  const rows = await sql<{ day: string; value: string }>(
    em,
    `SELECT CAST(date AS VARCHAR(10)) AS day, value FROM indicator_values
      WHERE plan_code = ? AND indicator_code = ? AND date <= ? ORDER BY date`,
    [planCode, indicator, w.cut],
  );
  const byYear = new Map<number, bigint>();
  let actual = 0n;
  for (const r of rows) {
    actual = BigInt(r.value);
    if (r.day >= w.start) byYear.set(yearOf(r.day), actual);
  }
  return { actual, byYear };
}

/** The grouping expression of each breakdown, over projects p, companies c and leads l. */
const DIMENSION_SQL: Record<Exclude<BreakdownBy, 'year'>, string> = {
  industry: "COALESCE(p.industry_code, 'NONE')",
  zone: "COALESCE(p.zone_code, 'NONE')",
  origin: "COALESCE(p.origin_province, c.origin_province, 'UNKNOWN')",
  source: "COALESCE(l.source, 'DIRECT')",
  owner: "COALESCE(p.owner_id, 'NONE')",
};

const PROJECT_JOINS = 'JOIN companies c ON c.id = p.company_id LEFT JOIN leads l ON l.id = p.lead_id';

export type Grouped = Map<string, bigint>;

function toGrouped(rows: { k: string; v: unknown }[]): Grouped {
  return new Map(rows.map((r) => [String(r.k), num(r.v)]));
}

export async function moneyFlowBy(
  em: EntityManager,
  w: Window,
  currency: 'CNY' | 'USD',
  jingjiOnly: boolean,
  by: Exclude<BreakdownBy, 'year'>,
): Promise<Grouped> {
  const rows = await sql<{ k: string; v: unknown }>(
    em,
    // Summed per project first, then joined: a million-row join to projects, companies and leads
    // cost 5 s at the benchmark size on SQLite; this way ~1.3 s (see BENCHMARKS.md).
    `SELECT ${DIMENSION_SQL[by]} AS k, SUM(f.s) AS v
       FROM (SELECT project_id, SUM(amount) AS s FROM fundings
              WHERE currency = ? AND date >= ? AND date <= ? GROUP BY project_id) f
       JOIN projects p ON p.id = f.project_id ${PROJECT_JOINS}
      WHERE p.archived_at IS NULL ${jingjiOnly ? 'AND p.jingji = ?' : ''}
      GROUP BY ${DIMENSION_SQL[by]}`,
    [currency, w.start, w.cut, ...(jingjiOnly ? [bool(em, true)] : [])],
  );
  return toGrouped(rows);
}

export async function jingjiProjectsBy(em: EntityManager, w: Window, by: Exclude<BreakdownBy, 'year'>): Promise<Grouped> {
  const rows = await sql<{ k: string; v: unknown }>(
    em,
    `SELECT ${DIMENSION_SQL[by]} AS k, COUNT(*) AS v FROM projects p ${PROJECT_JOINS}
      WHERE p.jingji = ? AND p.signed_at >= ? AND p.signed_at <= ? AND p.archived_at IS NULL
      GROUP BY ${DIMENSION_SQL[by]}`,
    [bool(em, true), w.start, w.cut],
  );
  return toGrouped(rows);
}

export async function jingjiFloorAreaBy(em: EntityManager, w: Window, by: Exclude<BreakdownBy, 'year'>): Promise<Grouped> {
  const rows = await sql<{ k: string; v: unknown }>(
    em,
    `SELECT ${DIMENSION_SQL[by]} AS k, SUM(ROUND(pl.area * 100)) AS v
       FROM placements pl JOIN projects p ON p.id = pl.project_id ${PROJECT_JOINS}
      WHERE p.jingji = ? AND p.archived_at IS NULL AND pl.start_date <= ? AND (pl.end_date IS NULL OR pl.end_date > ?)
      GROUP BY ${DIMENSION_SQL[by]}`,
    [bool(em, true), w.cut, w.cut],
  );
  return toGrouped(rows);
}

export async function highTechBy(em: EntityManager, by: 'industry' | 'origin'): Promise<Grouped> {
  const expr = by === 'industry' ? "COALESCE(industry_code, 'NONE')" : "COALESCE(origin_province, 'UNKNOWN')";
  const rows = await sql<{ k: string; v: unknown }>(
    em,
    `SELECT ${expr} AS k, COUNT(*) AS v FROM companies WHERE qualifications LIKE ? AND archived_at IS NULL GROUP BY ${expr}`,
    ['%"HIGH_TECH"%'],
  );
  return toGrouped(rows);
}
