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
  /** Hand-entered indicators: false when no value is dated on or before the cut (未填报). */
  entered?: boolean;
  /** Money that is not in the figure by definition but must not disappear silently (see JINGJI_INVESTMENT). */
  excluded?: { key: ExcludedKey; value: bigint; verified: bigint }[];
}

/**
 * Funds in place of Beijing–Hebei projects dated in the period that 吸引京冀投资 leaves out, because
 * the project did not sign in the period: signed before it (EARLIER_SIGNED) or not (yet) signed in it.
 */
export type ExcludedKey = 'EARLIER_SIGNED' | 'NOT_SIGNED_IN_PERIOD';

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

/**
 * 吸引京冀投资: CNY funds in place dated in the window, of the projects 引进京冀项目 counts (Beijing/Hebei
 * relocation, first signed in the window). Read as the maintained Beijing–Hebei daily totals less the
 * entries of Beijing–Hebei projects that did not sign in the window (a few projects, found through
 * idx_projects_jingji_signed), which come back as `excluded` so they are shown, not lost.
 */
export async function jingjiInvestment(em: EntityManager, w: Window, totals: MoneyFlows): Promise<Measured> {
  const all = totals.get('CNY', true);
  const year = 'SUBSTR(CAST(f.date AS VARCHAR(10)), 1, 4)';
  const rows = await sql<{ bucket: ExcludedKey; y: string; amount: unknown; verified: unknown }>(
    em,
    `SELECT CASE WHEN p.signed_at < ? THEN 'EARLIER_SIGNED' ELSE 'NOT_SIGNED_IN_PERIOD' END AS bucket, ${year} AS y,
            SUM(f.amount) AS amount, SUM(CASE WHEN f.status = 'VERIFIED' THEN f.amount ELSE 0 END) AS verified
       FROM projects p JOIN fundings f ON f.project_id = p.id
      WHERE p.jingji = ? AND p.archived_at IS NULL AND (p.signed_at IS NULL OR p.signed_at < ? OR p.signed_at > ?)
        AND f.currency = 'CNY' AND f.date >= ? AND f.date <= ?
      GROUP BY 1, 2`,
    [w.start, bool(em, true), w.start, w.cut, w.start, w.cut],
  );
  const byYear = new Map(all.byYear);
  let actual = all.actual;
  let verified = all.verified ?? 0n;
  const excluded = new Map<ExcludedKey, { value: bigint; verified: bigint }>();
  for (const r of rows) {
    const a = num(r.amount);
    const v = num(r.verified);
    actual -= a;
    verified -= v;
    addTo(byYear, Number(r.y), -a);
    const e = excluded.get(r.bucket) ?? { value: 0n, verified: 0n };
    excluded.set(r.bucket, { value: e.value + a, verified: e.verified + v });
  }
  return {
    actual,
    verified,
    byYear,
    excluded: (['EARLIER_SIGNED', 'NOT_SIGNED_IN_PERIOD'] as const).filter((k) => excluded.has(k)).map((key) => ({ key, ...(excluded.get(key) as { value: bigint; verified: bigint }) })),
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

/**
 * 国家高新技术企业: live companies holding HIGH_TECH on the day (an award obtained on or before it and
 * expiring on or after it); by year, the level at each year's end (the cut for the last year).
 */
export async function highTechCompanies(em: EntityManager, w: Window): Promise<Measured> {
  const at = async (day: string): Promise<bigint> => {
    const [row] = await sql<{ n: unknown }>(
      em,
      `SELECT COUNT(DISTINCT q.company_id) AS n FROM company_qualifications q JOIN companies c ON c.id = q.company_id
        WHERE q.code = 'HIGH_TECH' AND q.obtained_on <= ? AND q.expires_on >= ? AND c.archived_at IS NULL`,
      [day, day],
    );
    return num(row?.n);
  };
  const actual = await at(w.cut);
  const byYear = new Map<number, bigint>();
  for (let y = yearOf(w.start); y < yearOf(w.cut); y++) byYear.set(y, await at(`${y}-12-31`));
  byYear.set(yearOf(w.cut), actual);
  return { actual, byYear };
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
  return { actual, byYear, entered: rows.length > 0 };
}

/** The grouping expression of each breakdown, over projects p, companies c and leads l. */
const DIMENSION_SQL: Record<Exclude<BreakdownBy, 'year'>, string> = {
  industry: "COALESCE(p.industry_code, 'NONE')",
  zone: "COALESCE(p.zone_code, 'NONE')",
  origin: "COALESCE(p.origin_province, c.origin_province, 'UNKNOWN')",
  source: "COALESCE(l.source, 'DIRECT')",
  owner: "COALESCE(p.owner_id, 'NONE')",
  // 首谈人: the officer who first talked to the company keeps the credit after the project changed hands.
  firstContact: "COALESCE(p.first_contact_id, p.owner_id, 'NONE')",
};

const PROJECT_JOINS = 'JOIN companies c ON c.id = p.company_id LEFT JOIN leads l ON l.id = p.lead_id';

export type Grouped = Map<string, bigint>;

function toGrouped(rows: { k: string; v: unknown }[]): Grouped {
  return new Map(rows.map((r) => [String(r.k), num(r.v)]));
}

/**
 * Funds in place of a window by a dimension. `jingjiSigned`: only Beijing–Hebei projects first signed
 * in the window (吸引京冀投资).
 */
export async function moneyFlowBy(
  em: EntityManager,
  w: Window,
  currency: 'CNY' | 'USD',
  jingjiSigned: boolean,
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
      WHERE p.archived_at IS NULL ${jingjiSigned ? 'AND p.jingji = ? AND p.signed_at >= ? AND p.signed_at <= ?' : ''}
      GROUP BY ${DIMENSION_SQL[by]}`,
    [currency, w.start, w.cut, ...(jingjiSigned ? [bool(em, true), w.start, w.cut] : [])],
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

/** Companies holding HIGH_TECH at the cut, by their industry or origin. */
export async function highTechBy(em: EntityManager, w: Window, by: 'industry' | 'origin'): Promise<Grouped> {
  const expr = by === 'industry' ? "COALESCE(c.industry_code, 'NONE')" : "COALESCE(c.origin_province, 'UNKNOWN')";
  const rows = await sql<{ k: string; v: unknown }>(
    em,
    `SELECT ${expr} AS k, COUNT(*) AS v FROM companies c
      WHERE c.archived_at IS NULL AND EXISTS (SELECT 1 FROM company_qualifications q
              WHERE q.company_id = c.id AND q.code = 'HIGH_TECH' AND q.obtained_on <= ? AND q.expires_on >= ?)
      GROUP BY ${expr}`,
    [w.cut, w.cut],
  );
  return toGrouped(rows);
}
