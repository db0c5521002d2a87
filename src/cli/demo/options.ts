import type { ProjectStage, UnitStatus } from '../../modules/reference/enums.js';

/**
 * What the demo generator is asked for (the CLI's options), the sizes it settles on, and what it
 * reports back.
 */
export interface DemoOptions {
  projects: number;
  /** Default projects / 5. */
  companies?: number;
  /** Default projects / 2. */
  leads?: number;
  /** Default projects × 10. */
  fundings?: number;
  /** Default projects × 5. */
  activities?: number;
  /**
   * Office buildings with units, the existing (seeded) ones included; generated buildings (code
   * DEMO_…) make up the rest. Default: the existing ones, and at least 200 from 10 000 projects.
   */
  buildings?: number;
  /** Units over all those buildings. Default buildings × 100. */
  units?: number;
  /** Default 42. */
  seed?: number;
  /**
   * Delete all companies, leads, projects and their records first, and all units, their history,
   * placements and vacancy snapshots, and the generated (DEMO_) buildings.
   */
  reset?: boolean;
  /** The district's "today" (YYYY-MM-DD); default the current district date. Data ends the day before. */
  today?: string;
  /** Progress lines. */
  log?: (line: string) => void;
}

export interface DemoSizes {
  projects: number;
  companies: number;
  leads: number;
  fundings: number;
  activities: number;
  buildings: number;
  units: number;
  seed: number;
}

export interface TableTiming {
  table: string;
  rows: number;
  seconds: number;
}

export interface DemoSummary {
  sizes: DemoSizes;
  today: string;
  /** Rows written per table, with the seconds each took (generation and insert). */
  tables: TableTiming[];
  /** Seconds the reset took, when asked for. */
  resetSeconds: number | null;
  usersCreated: number;
  /** Factors applied to the raw funds-in-place amounts, per currency, to keep district totals believable (≤ 1). */
  fundingScale: { CNY: number; USD: number };
  /** Beijing–Hebei CNY funds in place dated inside the 14th plan period, in yuan. */
  jingjiFundsInPlanYuan: number;
  stages: Record<ProjectStage, number>;
  /** Buildings with units: existing ones (kept) and generated ones (DEMO_ codes). */
  buildings: { existing: number; generated: number };
  units: Record<UnitStatus, number>;
  /** VACANT and RESERVED area over leasable area (every status but UNAVAILABLE). */
  vacancyRate: number | null;
  placements: { active: number; released: number };
  /** m² of the active placements of Beijing–Hebei projects: now, and active at the plan's end. */
  jingjiPlacedAreaM2: number;
  jingjiPlacedAreaInPlanM2: number;
  totalSeconds: number;
}

/** Refusals the CLI reports without a stack trace. */
export class DemoDataError extends Error {}

export const DEMO_PASSWORD = 'demo-password-2026';
/** The demo's start: the first day of the 14th plan. */
export const FIRST_DAY = '2021-01-01';
export const PLAN_START = '2021-01-01';
export const PLAN_END = '2025-12-31';

/** From this many projects on, the district has at least DEFAULT_BUILDINGS buildings (the benchmark's 200). */
const LARGE_DISTRICT_PROJECTS = 10_000;
const DEFAULT_BUILDINGS = 200;
const UNITS_PER_BUILDING = 100;

/** The sizes, given how many buildings are already in the database (they always get units). */
export function resolveSizes(o: DemoOptions, existingBuildings = 0): DemoSizes {
  const whole = (name: string, v: number | undefined, fallback: number): number => {
    const n = v ?? fallback;
    if (!Number.isSafeInteger(n) || n < 0) throw new DemoDataError(`--${name} must be a whole number ≥ 0 (got ${v})`);
    return n;
  };
  const projects = whole('projects', o.projects, 0);
  const companies = whole('companies', o.companies, Math.max(projects > 0 ? 1 : 0, Math.floor(projects / 5)));
  if (projects > 0 && companies === 0) throw new DemoDataError('Projects need at least one company (--companies ≥ 1)');
  const asked = whole('buildings', o.buildings, projects >= LARGE_DISTRICT_PROJECTS ? DEFAULT_BUILDINGS : 0);
  const buildings = Math.max(asked, existingBuildings);
  return {
    projects,
    companies,
    leads: whole('leads', o.leads, Math.floor(projects / 2)),
    fundings: whole('fundings', o.fundings, projects * 10),
    activities: whole('activities', o.activities, projects * 5),
    buildings,
    units: whole('units', o.units, buildings * UNITS_PER_BUILDING),
    seed: whole('seed', o.seed, 42),
  };
}
