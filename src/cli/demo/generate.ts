import type { DataSource } from 'typeorm';
import { USCC_ALPHABET, withUsccCheckChar } from '../../common/identity/uscc.js';
import { districtDate, getDistrictTimeZone } from '../../common/time/district-clock.js';
import type { ActivityType, LeadSource, LeadStatus, ProjectStage, Qualification, RelocationFunction } from '../../modules/reference/enums.js';
import { countChange } from '../../database/change-counter.js';
import { sql } from '../../database/sql.js';
import { qualificationExpiry } from '../../modules/companies/qualification-rules.js';
import { rebuildTotals } from '../../modules/projects/funding-totals.js';
import { FORWARD } from '../../modules/projects/stage-machine.js';
import { hashPassword } from '../../modules/users/password.js';
import type { UnitStatus } from '../../modules/reference/enums.js';
import { BuildingModel, DEMO_BUILDING_WHERE, ExistingBuilding, SpaceModel, planBuildings, planSpace } from './buildings.js';
import { Calendar, DAY_MS, dayNumber, timeZoneOffsetMs, weekday } from './calendar.js';
import { Rng, Weighted, spread, uuidV7 } from './random.js';
import * as V from './vocabulary.js';
import { BulkWriter, Cell, Row, createWriter } from './writer.js';

/**
 * The demo district: users, companies, leads, projects with their stage history, funds in place,
 * activity logs, and the office buildings' floors and units with their tenants and the placements
 * of landed projects, generated from a seed and written in bulk. Deterministic: the same seed, sizes
 * and day give the same rows, ids included.
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
const FIRST_DAY = '2021-01-01';
const PLAN_START = '2021-01-01';
const PLAN_END = '2025-12-31';
/**
 * Where the funds in place of the plan period should end up, at most: a little over the 14th
 * plan's targets (京冀投资 200 亿元, 内资 400 亿元, 外资 3 亿美元). Raw amounts (a fraction of each
 * project's planned investment) are scaled down, per currency, when a large district would exceed
 * them; never scaled up.
 */
const JINGJI_FUNDS_AIM_YUAN = 230e8;
const DOMESTIC_FUNDS_AIM_YUAN = 460e8;
const FOREIGN_FUNDS_AIM_USD = 3.45e8;
const USD_CNY = 7.1;
/** Mean delay (days) between signing and a funds-in-place entry. */
const FUNDING_DELAY_DAYS = 420;
/**
 * Where the floor space of landed Beijing–Hebei projects should end up, at the plan's end: a
 * little under the 14th plan's 40 万㎡. Only a share of the landed projects is placed, so a large
 * district stays near it; a small one places every landed project it has room for.
 */
const JINGJI_AREA_AIM_M2 = 38e4;
/** From this many projects on, the district has at least DEFAULT_BUILDINGS buildings (the benchmark's 200). */
const LARGE_DISTRICT_PROJECTS = 10_000;
const DEFAULT_BUILDINGS = 200;
const UNITS_PER_BUILDING = 100;

/** Children first: every row of these tables goes (units and what hangs on them included). */
const DELETE_ORDER = [
  'vacancy_snapshots',
  'placements',
  'unit_status_history',
  'units',
  'activities',
  'fundings',
  'project_transitions',
  'leads',
  'projects',
  'company_qualifications',
  'companies',
];

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

// ---------------------------------------------------------------------------------------------
// The in-memory model

interface CompanyModel {
  id: string;
  name: string;
  short: string;
  origin: V.Origin;
  industry: string;
  segments: string[];
  uscc: string | null;
  qualifications: Qualification[];
  createdMs: number;
  createdBy: string;
  needsUscc: boolean;
  projects: number;
  firstProjectMs: number;
  firstProjectOwner: string | null;
  /** Project names used so far, with how often (a second one becomes （二期）). */
  projectNames: Map<string, number>;
}

interface ProjectModel {
  index: number;
  id: string;
  name: string;
  company: CompanyModel;
  industry: string;
  segments: string[];
  zone: string | null;
  path: ProjectStage[];
  days: number[];
  instants: number[];
  plannedUnits: number | null;
  currency: 'CNY' | 'USD';
  areaMin: number | null;
  areaMax: number | null;
  jingji: boolean;
  relocationFunction: RelocationFunction | null;
  centralSoe: boolean | null;
  originDistrict: string | null;
  signedDay: number | null;
  lostReason: string | null;
  leadId: string | null;
  owner: string;
  createdMs: number;
  lastActivityMs: number | null;
  nextFollowUpMs: number | null;
}

interface Reference {
  industries: string[];
  segments: Map<string, string[]>;
  zones: { code: string; focus: string[] }[];
  buildings: Map<string, string[]>;
  allBuildings: string[];
}

interface DemoUsers {
  officers: string[];
  leaders: string[];
  managers: string[];
  created: number;
}

/** The share of projects at each stage; LOST is drawn first, the open ladder by maturity. */
const LOST_SHARE = 0.1;
const STAGE_LADDER: [ProjectStage, number][] = [
  ['NEGOTIATING', 25],
  ['SITE_VISIT', 15],
  ['SIGNED', 20],
  ['REGISTERED', 15],
  ['OPERATING', 15],
];
/** How loosely maturity follows age (standard deviation, in fractions of the whole period). */
const MATURITY_NOISE = 0.3;
const LOST_FROM = new Weighted<ProjectStage>([
  ['NEGOTIATING', 45],
  ['SITE_VISIT', 30],
  ['SIGNED', 17],
  ['REGISTERED', 8],
]);
const INDUSTRY_MIX: [string, number][] = [
  ['FINANCE', 22],
  ['TRADE', 20],
  ['BUSINESS_SERVICES', 20],
  ['SMART_TECH', 18],
  ['CULTURE_TOURISM', 10],
  ['HEALTH', 10],
];
const RELOCATION_MIX = new Weighted<RelocationFunction>([
  ['HQ', 12],
  ['REGIONAL_HQ', 15],
  ['SETTLEMENT_CENTER', 8],
  ['RND', 15],
  ['BRANCH', 25],
  ['SUBSIDIARY', 25],
]);
const SOURCE_MIX = new Weighted<LeadSource>([
  ['REFERRAL', 20],
  ['MATCHMAKING_EVENT', 15],
  ['INTERMEDIARY', 15],
  ['FAIR', 10],
  ['COLD_VISIT', 12],
  ['GOVERNMENT_PROMOTION', 12],
  ['WALK_IN', 10],
  ['OTHER', 6],
]);
const OPEN_LEAD_STATUS = new Weighted<LeadStatus>([
  ['NEW', 22],
  ['CONTACTED', 22],
  ['QUALIFIED', 16],
  ['DISQUALIFIED', 15],
]);
/** Share of leads that became projects. */
const CONVERTED_SHARE = 0.25;
const OFFICER_LOAD = [1.4, 1.3, 1.2, 1.1, 1, 1, 0.9, 0.8, 0.7, 0.6];

const ACTIVITY_TYPES: ActivityType[] = ['CALL', 'VISIT', 'MEETING', 'SITE_TOUR', 'EMAIL', 'EVENT', 'OTHER'];
/** Activity type mix by the project's phase at the time (0 negotiating, 1 site visit, 2 signed, 3 landed). */
const ACTIVITY_MIX_BY_PHASE = [
  new Weighted<number>([[0, 35], [1, 20], [2, 20], [4, 12], [5, 8], [6, 5]]),
  new Weighted<number>([[3, 35], [2, 20], [0, 20], [1, 10], [4, 10], [6, 5]]),
  new Weighted<number>([[0, 30], [2, 20], [1, 15], [4, 15], [6, 15], [3, 5]]),
  new Weighted<number>([[1, 35], [0, 30], [6, 20], [2, 10], [5, 5]]),
];

function gapDays(rng: Rng, from: ProjectStage, to: ProjectStage): number {
  switch (to) {
    case 'SITE_VISIT':
      return rng.int(7, 90);
    case 'SIGNED':
      return from === 'SITE_VISIT' ? rng.int(15, 150) : rng.int(30, 210);
    case 'REGISTERED':
      return rng.int(10, 90);
    case 'OPERATING':
      return rng.int(20, 180);
    default:
      return rng.int(15, 240);
  }
}

/**
 * Stages with the shares of the brief, but matched to age: LOST first (older projects more often),
 * then the open ladder assigned by a noisy maturity score, so old projects have mostly moved on and
 * young ones are mostly still negotiating, with exceptions both ways.
 */
function assignStages(rng: Rng, creation: Float64Array, ageOf: (ms: number) => number): ProjectStage[] {
  const n = creation.length;
  const stages: ProjectStage[] = new Array(n);
  let meanAge = 0;
  for (let i = 0; i < n; i++) meanAge += ageOf(creation[i]) / n;
  const open: { i: number; score: number }[] = [];
  for (let i = 0; i < n; i++) {
    const age = ageOf(creation[i]);
    if (rng.chance((LOST_SHARE * (age + 0.2)) / (meanAge + 0.2))) stages[i] = 'LOST';
    else open.push({ i, score: age + MATURITY_NOISE * rng.normal() });
  }
  open.sort((a, b) => a.score - b.score || a.i - b.i);
  const total = STAGE_LADDER.reduce((sum, [, w]) => sum + w, 0);
  let rung = 0;
  let upTo = STAGE_LADDER[0][1] / total;
  open.forEach(({ i }, k) => {
    const q = (k + 0.5) / open.length;
    while (q > upTo && rung < STAGE_LADDER.length - 1) upTo += STAGE_LADDER[++rung][1] / total;
    stages[i] = STAGE_LADDER[rung][0];
  });
  return stages;
}

/** A company's second project of the same name is its second phase (二期), and so on. */
function phased(company: CompanyModel, name: string): string {
  const seen = company.projectNames.get(name) ?? 0;
  company.projectNames.set(name, seen + 1);
  if (seen === 0) return name;
  const phase = seen + 1;
  const numeral = phase <= 10 ? '一二三四五六七八九十'[phase - 1] : String(phase);
  return `${name.replace(/项目$/, '')}（${numeral}期）项目`;
}

function pathTo(stage: ProjectStage, rng: Rng): ProjectStage[] {
  const target = stage === 'LOST' ? LOST_FROM.pick(rng) : stage;
  const rank = FORWARD.indexOf(target);
  const path: ProjectStage[] = ['NEGOTIATING'];
  if (rank === 1 || (rank > 1 && rng.chance(0.7))) path.push('SITE_VISIT');
  for (let r = 2; r <= rank; r++) path.push(FORWARD[r]);
  if (stage === 'LOST') path.push('LOST');
  return path;
}

/** Seconds after local midnight during office hours (08:30–18:30). */
function workSeconds(rng: Rng): number {
  return 30_600 + rng.next() * 36_000;
}

/** Officers seldom record on weekends: moves a Saturday/Sunday to a weekday inside [lo, hi] (mostly). */
function toWorkday(rng: Rng, day: number, lo: number, hi: number): number {
  if (rng.chance(0.08)) return day;
  const wd = weekday(day);
  if (wd === 6) {
    if (day - 1 >= lo) return day - 1;
    if (day + 2 <= hi) return day + 2;
  } else if (wd === 0) {
    if (day + 1 <= hi) return day + 1;
    if (day - 2 >= lo) return day - 2;
  }
  return day;
}

function personName(rng: Rng): { name: string; handle: string } {
  const [surname, sp] = rng.pick(V.SURNAMES);
  const [g1, p1] = rng.pick(V.GIVEN);
  if (rng.chance(0.55)) {
    const [g2, p2] = rng.pick(V.GIVEN);
    return { name: surname + g1 + g2, handle: sp + p1 + p2 };
  }
  return { name: surname + g1, handle: sp + p1 };
}

function mobile(rng: Rng): string {
  return rng.pick(V.MOBILE_PREFIXES) + String(rng.int(0, 99_999_999)).padStart(8, '0');
}

// ---------------------------------------------------------------------------------------------

export async function generateDemoData(dataSource: DataSource, options: DemoOptions): Promise<DemoSummary> {
  const started = performance.now();
  const log = options.log ?? ((): void => undefined);
  // Checked before anything is deleted; the building count is settled once the existing ones are known.
  let sizes = resolveSizes(options);
  const today = options.today ?? districtDate();
  const todayDay = dayNumber(today);
  const firstDay = dayNumber(FIRST_DAY);
  const lastDay = todayDay - 1;
  if (lastDay < firstDay) throw new DemoDataError(`today (${today}) must be after ${FIRST_DAY}`);
  const writer = createWriter(dataSource);
  const offset = timeZoneOffsetMs(getDistrictTimeZone(), new Date(todayDay * DAY_MS + DAY_MS / 2));
  const cal = new Calendar(offset, writer.postgres);
  /** No generated instant reaches the start of today in the district. */
  const anchorMs = cal.instant(todayDay, 0);
  const seed = sizes.seed;
  const stream = (name: string): Rng => Rng.stream(seed, name);

  // 1. Reset, or refuse to mix with existing projects.
  let resetSeconds: number | null = null;
  if (options.reset) {
    const t = performance.now();
    log(`Deleting existing ${DELETE_ORDER.join(', ')} and the generated buildings …`);
    // Other modules' rows that point at the deleted rows (a reminder about a project, a building's
    // managers) are detached first: nullable references cleared, rows that need their target deleted.
    const fks = await writer.foreignKeys();
    const detach = fks.filter((fk) => DELETE_ORDER.includes(fk.references) && !DELETE_ORDER.includes(fk.table));
    const buildingRefs = fks.filter((fk) => fk.references === 'buildings' && !DELETE_ORDER.includes(fk.table));
    const counts = await writer.deleteAll(DELETE_ORDER, detach, [{ table: 'buildings', where: DEMO_BUILDING_WHERE, detach: buildingRefs }]);
    const report = (fk: (typeof fks)[number], n: number): void => {
      if (n > 0) log(`  ${fk.nullable ? 'cleared' : 'deleted'} ${n} ${fk.table} rows referring to ${fk.references} (${fk.column})`);
    };
    detach.forEach((fk, i) => report(fk, counts.detached[i]));
    buildingRefs.forEach((fk, i) => report(fk, counts.purged[0].detached[i]));
    if (counts.purged[0].deleted > 0) log(`  deleted ${counts.purged[0].deleted} generated buildings`);
    // The kept buildings have no units now, so no vacancy update either.
    await writer.query(`UPDATE ${writer.table('buildings')} SET vacancy_updated_at = NULL WHERE vacancy_updated_at IS NOT NULL`);
    resetSeconds = (performance.now() - t) / 1000;
    log(`  reset done in ${resetSeconds.toFixed(1)} s`);
  } else {
    const any = await writer.query(`SELECT id FROM ${writer.table('projects')} LIMIT 1`);
    if (any.length > 0) {
      throw new DemoDataError('The projects table is not empty: run with --reset to replace all companies, leads, projects and their records with demo data.');
    }
    const units = await writer.query(`SELECT id FROM ${writer.table('units')} LIMIT 1`);
    const demo = await writer.query(`SELECT id FROM ${writer.table('buildings')} WHERE ${DEMO_BUILDING_WHERE} LIMIT 1`);
    if (units.length > 0 || demo.length > 0) {
      throw new DemoDataError('The buildings already have units: run with --reset to replace all units and generated buildings with demo data.');
    }
  }

  // 2. Reference data (loaded by the app at start), the demo users and the buildings.
  const ref = await loadReference(writer);
  const users = await ensureUsers(writer, cal);
  if (users.created > 0) log(`Created ${users.created} demo users (password "${DEMO_PASSWORD}")`);
  const existingBuildings = await loadBuildings(writer);
  sizes = resolveSizes(options, existingBuildings.length);
  if (options.buildings !== undefined && options.buildings < existingBuildings.length) {
    log(`  --buildings ${options.buildings} is below the ${existingBuildings.length} buildings already in the database: all of them get units`);
  }
  const buildings = planBuildings(stream('buildings'), cal, {
    total: sizes.buildings,
    existing: existingBuildings,
    zones: ref.zones,
    firstDay,
    lastDay,
  });
  // Officers mention the generated buildings in their activity logs too.
  for (const b of buildings) {
    if (!b.demo) continue;
    ref.allBuildings.push(b.name);
    ref.buildings.set(b.zone, [...(ref.buildings.get(b.zone) ?? []), b.name]);
  }
  const officerPick = new Weighted(users.officers.map((id, i) => [id, OFFICER_LOAD[i % OFFICER_LOAD.length]] as const));
  const existingUscc = new Set(
    (await writer.query<{ uscc: string }>(`SELECT uscc FROM ${writer.table('companies')} WHERE uscc IS NOT NULL`)).map((r) => r.uscc),
  );
  const usedNames = new Set<string>();

  const timings: TableTiming[] = [];
  const stages = Object.fromEntries(['NEGOTIATING', 'SITE_VISIT', 'SIGNED', 'REGISTERED', 'OPERATING', 'LOST'].map((s) => [s, 0])) as Record<
    ProjectStage,
    number
  >;

  // 3. Companies, first pass: where from, which industry, how many projects they will bring.
  const genStart = performance.now();
  const crng = stream('companies');
  const originPick = new Weighted<V.Origin>([
    ...V.BEIJING_ORIGINS.map((o) => [o, 35 / V.BEIJING_ORIGINS.length] as const),
    ...V.TIANJIN_ORIGINS.map((o) => [o, 25 / V.TIANJIN_ORIGINS.length] as const),
    ...V.HEBEI_ORIGINS.map((o) => [o, 15 / V.HEBEI_ORIGINS.length] as const),
    ...scaleWeights(V.OTHER_ORIGINS, 25),
  ]);
  const knownMix = INDUSTRY_MIX.filter(([code]) => ref.segments.has(code));
  const industryPick = new Weighted(knownMix);
  const anyIndustry = (rng: Rng): string => (knownMix.length > 0 ? industryPick.pick(rng) : rng.pick(ref.industries));
  const companies: CompanyModel[] = [];
  const companyWeights = new Float64Array(sizes.companies);
  for (let i = 0; i < sizes.companies; i++) {
    const origin = originPick.pick(crng);
    const industry = anyIndustry(crng);
    const segs = ref.segments.get(industry) ?? [];
    const named = companyName(crng, origin, industry, usedNames);
    companies.push({
      id: '',
      name: named.name,
      short: named.short,
      origin,
      industry,
      segments: crng.sample(segs, crng.int(1, Math.min(3, segs.length))),
      uscc: null,
      qualifications: [],
      createdMs: 0,
      createdBy: '',
      needsUscc: false,
      projects: 0,
      firstProjectMs: Infinity,
      firstProjectOwner: null,
      projectNames: new Map(),
    });
    companyWeights[i] = Math.exp(0.7 * crng.normal());
  }

  // 4. Projects: created 2021 → yesterday (slowly growing intake), then a path through the stages.
  const prng = stream('projects');
  const creation = new Float64Array(sizes.projects);
  const span = lastDay - firstDay + 1;
  const growth = 0.6;
  for (let i = 0; i < sizes.projects; i++) {
    const u = prng.next();
    const x = (-1 + Math.sqrt(1 + 2 * growth * u * (1 + growth / 2))) / growth;
    const day = toWorkday(prng, firstDay + Math.min(span - 1, Math.floor(x * span)), firstDay, lastDay);
    creation[i] = cal.instant(day, workSeconds(prng));
  }
  creation.sort();
  const stageOf = assignStages(prng, creation, (ms) => (lastDay - cal.dayOf(ms)) / span);
  const companyPicker = cumulative(companyWeights);
  const zonesFor = new Map<string, string[]>();
  for (const industry of ref.industries) zonesFor.set(industry, ref.zones.filter((z) => z.focus.includes(industry)).map((z) => z.code));
  const allZones = ref.zones.map((z) => z.code);
  const projects: ProjectModel[] = [];
  for (let i = 0; i < sizes.projects; i++) {
    const createdMs = creation[i];
    const createdDay = cal.dayOf(createdMs);
    const company = companies[companyPicker(prng)];
    const owner = company.firstProjectOwner && prng.chance(0.7) ? company.firstProjectOwner : officerPick.pick(prng);
    const industry = prng.chance(0.9) ? company.industry : anyIndustry(prng);
    const industrySegs = ref.segments.get(industry) ?? [];
    const segments =
      industry === company.industry && company.segments.length > 0
        ? prng.sample(company.segments, prng.int(1, Math.min(2, company.segments.length)))
        : prng.sample(industrySegs, prng.int(1, Math.min(2, industrySegs.length)));
    const focus = zonesFor.get(industry) ?? [];
    const zr = prng.next();
    const zone = zr < 0.78 && focus.length > 0 ? prng.pick(focus) : zr < 0.92 && allZones.length > 0 ? prng.pick(allZones) : null;

    // Stage and dates: a path, with gaps that fit between creation and yesterday.
    const age = lastDay - createdDay;
    const path = pathTo(stageOf[i], prng);
    let gaps = path.map((to, k) => (k === 0 ? 0 : gapDays(prng, path[k - 1], to)));
    const total = gaps.reduce((a, b) => a + b, 0);
    if (total > age) gaps = gaps.map((g) => Math.floor((g * age) / total));
    const days: number[] = [createdDay];
    const instants: number[] = [createdMs];
    for (let k = 1; k < path.length; k++) {
      const prev = days[k - 1];
      const day = toWorkday(prng, Math.min(lastDay, prev + gaps[k]), prev, lastDay);
      days.push(day);
      let at = Math.max(instants[k - 1] + 60_000 + Math.floor(prng.next() * 600_000), cal.instant(day, workSeconds(prng)));
      if (at >= anchorMs) at = anchorMs - (path.length - k) * 1000;
      instants.push(Math.floor(at));
    }
    const stage = path[path.length - 1];
    stages[stage]++;
    const signedIndex = path.indexOf('SIGNED');
    if (path.includes('REGISTERED')) company.needsUscc = true;

    // Beijing–Hebei relocation: most projects of Beijing and Hebei companies.
    const fromJingji = company.origin.province === 'BEIJING' || company.origin.province === 'HEBEI';
    const jingji = fromJingji && prng.chance(0.85);
    const relocationFunction = jingji ? RELOCATION_MIX.pick(prng) : null;
    const centralSoe = jingji ? prng.chance(0.1) : null;
    const originDistrict = jingji ? company.origin.district : null;

    // Money and space.
    const foreign = company.origin.province === 'OVERSEAS' || company.origin.province === 'HONG_KONG';
    const currency: 'CNY' | 'USD' = (foreign && prng.chance(0.7)) || prng.chance(0.02) ? 'USD' : 'CNY';
    const signed = signedIndex >= 0;
    let plannedUnits: number | null = null;
    if (signed || prng.chance(0.88)) {
      const yuan = prng.logUniform(1e6, 5e9);
      const units = currency === 'USD' ? yuan / USD_CNY : yuan;
      plannedUnits = Math.max(1e4, Math.round(units / 1e4) * 1e4);
    }
    let areaMin: number | null = null;
    let areaMax: number | null = null;
    if (prng.chance(0.85)) {
      areaMin = Math.round(prng.logUniform(200, 15_000) / 10) * 10;
      areaMax = Math.min(20_000, Math.round((areaMin * (1.1 + prng.next() * 0.9)) / 10) * 10);
      if (areaMax < areaMin) areaMax = areaMin;
    }

    const suffixes = relocationFunction
      ? V.PROJECT_SUFFIX_BY_FUNCTION[relocationFunction]
      : prng.chance(0.3) && V.PROJECT_SUFFIX_BY_INDUSTRY[industry]
        ? V.PROJECT_SUFFIX_BY_INDUSTRY[industry]
        : V.PROJECT_SUFFIXES;
    company.projects++;
    if (createdMs < company.firstProjectMs) {
      company.firstProjectMs = createdMs;
      company.firstProjectOwner = owner;
    }
    projects.push({
      index: i,
      id: '',
      name: phased(company, company.short + prng.pick(suffixes)),
      company,
      industry,
      segments,
      zone,
      path,
      days,
      instants,
      plannedUnits,
      currency,
      areaMin,
      areaMax,
      jingji,
      relocationFunction,
      centralSoe,
      originDistrict,
      signedDay: signed ? days[signedIndex] : null,
      lostReason: stage === 'LOST' ? prng.pick(V.LOST_REASONS) : null,
      leadId: null,
      owner,
      createdMs,
      lastActivityMs: null,
      nextFollowUpMs: null,
    });
  }

  // Project ids, from their (final) creation instants.
  const idRngProjects = stream('ids:projects');
  for (const p of projects) p.id = uuidV7(p.createdMs, idRngProjects);

  // 5. Companies, second pass: when recorded, registration code, qualifications, ids.
  const startMs = cal.instant(firstDay, 8 * 3600);
  const usccShare = 0.85;
  const required = companies.filter((c) => c.needsUscc).length;
  const optionalShare = companies.length > required ? Math.max(0, (usccShare * companies.length - required) / (companies.length - required)) : 0;
  const usccOffset = Math.floor(crng.next() * USCC_SPACE);
  let usccCounter = 0;
  const idRngCompanies = stream('ids:companies');
  for (const c of companies) {
    if (c.projects > 0) {
      const before = c.firstProjectMs - 3_600_000 - crng.exponential(30 * DAY_MS);
      const day = Math.max(firstDay, cal.dayOf(before));
      let ms = cal.instant(day, workSeconds(crng));
      if (ms >= c.firstProjectMs) ms = Math.max(startMs - 3_600_000, c.firstProjectMs - 60_000 - Math.floor(crng.next() * 3_600_000));
      c.createdMs = Math.floor(ms);
      c.createdBy = c.firstProjectOwner ?? officerPick.pick(crng);
    } else {
      c.createdMs = cal.instant(crng.int(firstDay, lastDay), workSeconds(crng));
      c.createdBy = officerPick.pick(crng);
    }
    if (c.needsUscc || crng.chance(optionalShare)) {
      let code: string;
      do {
        code = uscc(c.origin.regionCode, (usccCounter++ * 1_000_003 + usccOffset) % USCC_SPACE);
      } while (existingUscc.has(code));
      c.uscc = code;
      c.qualifications = qualifications(crng, c.industry);
    }
    c.id = uuidV7(c.createdMs, idRngCompanies);
  }
  companies.sort((a, b) => a.createdMs - b.createdMs);

  // 6. Leads: a quarter became projects (each project from at most one lead); the rest are open or dropped.
  const lrng = stream('leads');
  const idRngLeads = stream('ids:leads');
  const converted = Math.min(sizes.projects, Math.round(sizes.leads * CONVERTED_SHARE));
  const convertedProjects = lrng.sample(projects, converted);
  const leadRows: { ms: number; row: Row }[] = [];
  for (const p of convertedProjects) {
    let ms = p.createdMs - 3_600_000 - lrng.exponential(35 * DAY_MS);
    ms = cal.instant(Math.max(firstDay, cal.dayOf(ms)), workSeconds(lrng));
    if (ms >= p.createdMs - 60_000) ms = p.createdMs - 60_000 - Math.floor(lrng.next() * 7_200_000);
    ms = Math.floor(ms);
    const id = uuidV7(ms, idRngLeads);
    p.leadId = id;
    const source = p.jingji && lrng.chance(0.3) ? 'MATCHMAKING_EVENT' : SOURCE_MIX.pick(lrng);
    leadRows.push({
      ms,
      row: leadRow(lrng, cal, {
        id,
        companyName: p.company.name,
        source,
        status: 'CONVERTED',
        industry: p.industry,
        province: p.company.origin.province,
        owner: p.owner,
        companyId: p.company.id,
        projectId: p.id,
        reason: null,
        createdMs: ms,
        closedMs: p.createdMs,
        updatedMs: p.createdMs,
        version: 3,
      }),
    });
  }
  for (let i = converted; i < sizes.leads; i++) {
    const status = OPEN_LEAD_STATUS.pick(lrng);
    const recency = status === 'NEW' ? 90 : status === 'CONTACTED' ? 200 : status === 'QUALIFIED' ? 260 : 0;
    const day = recency > 0 ? Math.max(firstDay, lastDay - Math.floor(lrng.exponential(recency))) : lrng.int(firstDay, lastDay);
    const createdDay = toWorkday(lrng, day, firstDay, lastDay);
    const createdMs = Math.floor(cal.instant(createdDay, workSeconds(lrng)));
    let closedMs: number | null = null;
    let updatedMs = createdMs;
    if (status === 'DISQUALIFIED') {
      const d = Math.min(lastDay, createdDay + lrng.int(3, 120));
      closedMs = Math.max(createdMs + 60_000, Math.floor(cal.instant(d, workSeconds(lrng))));
      if (closedMs >= anchorMs) closedMs = anchorMs - 1000;
      updatedMs = closedMs;
    } else if (status !== 'NEW') {
      const d = Math.min(lastDay, createdDay + lrng.int(1, 60));
      updatedMs = Math.max(createdMs + 60_000, Math.floor(cal.instant(d, workSeconds(lrng))));
      if (updatedMs >= anchorMs) updatedMs = anchorMs - 1000;
    }
    const origin = originPick.pick(lrng);
    const source = SOURCE_MIX.pick(lrng);
    const industry = lrng.chance(0.92) ? anyIndustry(lrng) : null;
    const name = companyName(lrng, origin, industry ?? anyIndustry(lrng), usedNames).name;
    const id = uuidV7(createdMs, idRngLeads);
    leadRows.push({
      ms: createdMs,
      row: leadRow(lrng, cal, {
        id,
        companyName: name,
        source,
        status,
        industry,
        province: lrng.chance(0.9) ? origin.province : null,
        owner: officerPick.pick(lrng),
        companyId: null,
        projectId: null,
        reason: status === 'DISQUALIFIED' ? lrng.pick(V.DISQUALIFIED_REASONS) : null,
        createdMs,
        closedMs,
        updatedMs,
        version: status === 'NEW' ? 1 : 2,
      }),
    });
  }
  leadRows.sort((a, b) => a.ms - b.ms);

  // 7. Activities: more for longer-running and open projects; times between creation and the end of the work.
  const arng = stream('activities');
  const actWeights = new Float64Array(projects.length);
  for (const p of projects) {
    const stage = p.path[p.path.length - 1];
    const end = stage === 'LOST' ? p.days[p.days.length - 1] : lastDay;
    const active = end - p.days[0] + 7;
    const factor = stage === 'OPERATING' ? 0.5 : stage === 'LOST' ? 0.7 : 1;
    actWeights[p.index] = Math.pow(active, 0.7) * factor;
  }
  const actCounts = spread(arng, actWeights, projects.length > 0 ? sizes.activities : 0);
  const nAct = projects.length > 0 ? sizes.activities : 0;
  const actProject = new Int32Array(nAct);
  const actAt = new Float64Array(nAct);
  const actNext = new Float64Array(nAct);
  const actType = new Uint8Array(nAct);
  const actPhase = new Uint8Array(nAct);
  {
    let k = 0;
    const times: number[] = [];
    for (const p of projects) {
      const n = actCounts[p.index];
      if (n === 0) continue;
      const stage = p.path[p.path.length - 1];
      const open = stage !== 'LOST' && stage !== 'OPERATING';
      const endDay = stage === 'LOST' ? p.days[p.days.length - 1] : lastDay;
      const startDay = p.days[0];
      times.length = 0;
      for (let j = 0; j < n; j++) {
        const day = toWorkday(arng, arng.int(startDay, endDay), startDay, endDay);
        times.push(cal.instant(day, workSeconds(arng)));
      }
      // Most open projects were followed up lately; the rest are the stale ones reports should find.
      if (open && arng.chance(0.75)) {
        const day = toWorkday(arng, arng.int(Math.max(startDay, lastDay - 30), lastDay), startDay, lastDay);
        times[0] = cal.instant(day, workSeconds(arng));
      }
      for (let j = 0; j < n; j++) {
        let t = times[j];
        if (t <= p.createdMs) t = p.createdMs + 60_000 + Math.floor(arng.next() * 7_200_000);
        if (t >= anchorMs) t = anchorMs - 1000 - Math.floor(arng.next() * 600_000);
        times[j] = Math.floor(t);
      }
      times.sort((a, b) => a - b);
      let phaseIndex = 0;
      for (let j = 0; j < n; j++) {
        const t = times[j];
        while (phaseIndex + 1 < p.instants.length && p.instants[phaseIndex + 1] <= t) phaseIndex++;
        const phaseStage = p.path[phaseIndex];
        const phase = phaseStage === 'LOST' ? 0 : Math.min(3, FORWARD.indexOf(phaseStage));
        const last = j === n - 1;
        const followP = last ? (open ? 0.75 : 0.05) : 0.25;
        let next = NaN;
        if (arng.chance(followP)) {
          // An open project's latest contact mostly plans the next one after today; some are overdue.
          const d = last && open && arng.chance(0.8) ? todayDay + arng.int(0, 20) : cal.dayOf(t) + arng.int(2, 30);
          next = Math.max(t + 3_600_000, Math.floor(cal.instant(toWorkday(arng, d, d - 2, d + 2), workSeconds(arng))));
          p.nextFollowUpMs = next;
        }
        actProject[k] = p.index;
        actAt[k] = t;
        actNext[k] = next;
        actType[k] = ACTIVITY_MIX_BY_PHASE[phase].pick(arng);
        actPhase[k] = phase;
        k++;
      }
      p.lastActivityMs = times[n - 1];
    }
  }

  // 8. Funds in place: signed, registered and operating projects, dated signing → yesterday.
  const frng = stream('fundings');
  const funded = projects.filter((p) => p.signedDay !== null && ['SIGNED', 'REGISTERED', 'OPERATING'].includes(p.path[p.path.length - 1]));
  const fundWeights = new Float64Array(funded.length);
  funded.forEach((p, i) => {
    const stage = p.path[p.path.length - 1];
    const factor = stage === 'OPERATING' ? 1.6 : stage === 'REGISTERED' ? 1.2 : 0.8;
    fundWeights[i] = Math.pow(lastDay - (p.signedDay as number) + 30, 0.7) * factor;
  });
  const nFund = funded.length > 0 ? sizes.fundings : 0;
  if (sizes.fundings > 0 && funded.length === 0) log('  no project has signed, so no funds in place are generated');
  const fundCounts = spread(frng, fundWeights, nFund);
  const fundProject = new Int32Array(nFund);
  const fundDay = new Int32Array(nFund);
  const fundRaw = new Float64Array(nFund);
  const fundCreated = new Float64Array(nFund);
  const fundVerified = new Float64Array(nFund);
  const planStart = dayNumber(PLAN_START);
  const planEnd = dayNumber(PLAN_END);
  let jingjiRaw = 0;
  let domesticRaw = 0;
  let foreignRaw = 0;
  {
    let k = 0;
    const shares: number[] = [];
    const fDays: number[] = [];
    funded.forEach((p, i) => {
      const n = fundCounts[i];
      if (n === 0) return;
      const stage = p.path[p.path.length - 1];
      const fraction = stage === 'OPERATING' ? 0.35 + frng.next() * 0.6 : stage === 'REGISTERED' ? 0.15 + frng.next() * 0.45 : 0.03 + frng.next() * 0.32;
      const total = (p.plannedUnits ?? 1e7) * fraction;
      shares.length = 0;
      fDays.length = 0;
      let sum = 0;
      for (let j = 0; j < n; j++) {
        const s = frng.exponential(1);
        shares.push(s);
        sum += s;
        const lo = p.signedDay as number;
        // Most money arrives in the first year or two after signing: a truncated exponential delay.
        const window = lastDay - lo;
        const delay = window <= 0 ? 0 : Math.floor(-FUNDING_DELAY_DAYS * Math.log(1 - frng.next() * (1 - Math.exp(-window / FUNDING_DELAY_DAYS))));
        fDays.push(toWorkday(frng, Math.min(lastDay, lo + delay), lo, lastDay));
      }
      fDays.sort((a, b) => a - b);
      for (let j = 0; j < n; j++) {
        const day = fDays[j];
        const raw = (total * shares[j]) / sum;
        const lag = frng.chance(0.7) ? 0 : frng.int(1, 5);
        const createdDay = Math.min(lastDay, day + lag);
        const created = Math.floor(cal.instant(createdDay, workSeconds(frng)));
        const age = lastDay - day;
        const pVerify = age > 60 ? 0.64 : age > 14 ? 0.35 : 0.1;
        let verified = NaN;
        if (frng.chance(pVerify)) {
          const vd = createdDay + frng.int(2, 40);
          if (vd <= lastDay) verified = Math.max(created + 60_000, Math.floor(cal.instant(toWorkday(frng, vd, createdDay, lastDay), workSeconds(frng))));
          if (verified >= anchorMs) verified = NaN;
        }
        fundProject[k] = p.index;
        fundDay[k] = day;
        fundRaw[k] = raw;
        fundCreated[k] = created;
        fundVerified[k] = verified;
        if (day >= planStart && day <= planEnd) {
          if (p.currency === 'USD') foreignRaw += raw;
          else {
            domesticRaw += raw;
            if (p.jingji) jingjiRaw += raw;
          }
        }
        k++;
      }
    });
  }
  const fundingScale = {
    CNY: Math.min(1, JINGJI_FUNDS_AIM_YUAN / (jingjiRaw || 1), DOMESTIC_FUNDS_AIM_YUAN / (domesticRaw || 1)),
    USD: Math.min(1, FOREIGN_FUNDS_AIM_USD / (foreignRaw || 1)),
  };
  const fundAmount = new Float64Array(nFund);
  let jingjiFundsInPlanYuan = 0;
  for (let k = 0; k < nFund; k++) {
    const p = projects[fundProject[k]];
    const units = fundRaw[k] * fundingScale[p.currency];
    // Entries as officers type them: whole 万 for large sums, whole hundreds below.
    const rounded = units >= 1e6 ? Math.round(units / 1e4) * 1e4 : Math.max(1000, Math.round(units / 100) * 100);
    fundAmount[k] = rounded * 100;
    if (p.jingji && p.currency === 'CNY' && fundDay[k] >= planStart && fundDay[k] <= planEnd) jingjiFundsInPlanYuan += rounded;
  }
  // 9. Floors and units of the buildings, their tenants, and the placements of landed projects.
  const landedCompanies = new Set<string>();
  const spaceProjects = projects.map((p) => {
    const stage = p.path[p.path.length - 1];
    const landed = stage === 'REGISTERED' || stage === 'OPERATING';
    if (landed) landedCompanies.add(p.company.id);
    return {
      id: p.id,
      name: p.name,
      companyId: p.company.id,
      landedDay: landed ? p.days[p.path.indexOf('REGISTERED')] : null,
      signedOpen: stage === 'SIGNED',
      jingji: p.jingji,
      zone: p.zone,
      industry: p.industry,
      areaMin: p.areaMin,
      owner: p.owner,
    };
  });
  const spaceStart = performance.now();
  const space: SpaceModel = planSpace({
    stream,
    cal,
    lastDay,
    todayDay,
    planEnd: dayNumber(PLAN_END),
    buildings,
    zones: ref.zones,
    units: sizes.units,
    // Registered companies rent; local ones and those with a landed project more often.
    tenants: companies.map((c) => ({
      id: c.id,
      weight: c.uscc === null ? 0 : 1 + (c.origin.province === 'TIANJIN' ? 2 : 0) + (landedCompanies.has(c.id) ? 2 : 0),
    })),
    projects: spaceProjects,
    managers: users.managers,
    jingjiAimM2: JINGJI_AREA_AIM_M2,
  });
  log(
    `Generated the model in ${((performance.now() - genStart) / 1000).toFixed(1)} s ` +
      `(funds scaled by ${fundingScale.CNY.toPrecision(3)} CNY / ${fundingScale.USD.toPrecision(3)} USD; Beijing–Hebei funds in place ${PLAN_START.slice(0, 4)}–${PLAN_END.slice(0, 4)}: ${(jingjiFundsInPlanYuan / 1e8).toFixed(1)} 亿元)`,
  );
  const spaceSeconds = (performance.now() - spaceStart) / 1000;
  log(
    `  ${space.units.length.toLocaleString('en-US')} units in ${buildings.length} buildings (${buildings.length - existingBuildings.length} generated, laid out in ${spaceSeconds.toFixed(1)} s), ` +
      `vacancy ${space.vacancyRate === null ? '–' : `${(space.vacancyRate * 100).toFixed(1)} %`}, ${space.activePlacements} active placements; ` +
      `Beijing–Hebei placed area ${(space.jingjiAreaInPlanM2 / 1e4).toFixed(1)} 万㎡ at the plan's end, ${(space.jingjiAreaM2 / 1e4).toFixed(1)} 万㎡ now`,
  );

  // 10. Write, parents first.
  const bool = (v: boolean | null): Cell => v;
  const json = (v: string[]): string => JSON.stringify(v);
  const insert = async (table: string, columns: string[], count: number, make: (i: number) => Row, t0: number): Promise<void> => {
    let lastPrint = performance.now();
    const rows = await writer.insert(table, columns, count, make, (done) => {
      if (performance.now() - lastPrint > 2000) {
        lastPrint = performance.now();
        log(`  ${table}: ${done.toLocaleString('en-US')} / ${count.toLocaleString('en-US')}`);
      }
    });
    const seconds = (performance.now() - t0) / 1000;
    timings.push({ table, rows, seconds });
    log(`  wrote ${table}: ${rows.toLocaleString('en-US')} rows in ${seconds.toFixed(1)} s`);
  };

  let totalsStale = Boolean(options.reset);
  writer.begin();
  try {
    let t = performance.now();
    await insert(
      'companies',
      ['id', 'name', 'uscc', 'origin_province', 'origin_city', 'industry_code', 'segments', 'created_by_id', 'created_at', 'updated_at', 'version', 'archived_at'],
      companies.length,
      (i) => {
        const c = companies[i];
        const stamp = cal.stamp(c.createdMs);
        return [c.id, c.name, c.uscc, c.origin.province, c.origin.city, c.industry, json(c.segments), c.createdBy, stamp, stamp, 1, null];
      },
      t,
    );

    // Qualification awards (资质认定): obtained within three years before the company was recorded or
    // since, valid three years; three in four renew when they expire.
    t = performance.now();
    const qrng = stream('qualifications');
    const awards: { c: CompanyModel; code: Qualification; obtained: number; expires: number; ms: number }[] = [];
    for (const c of companies) {
      const createdDay = cal.dayOf(c.createdMs);
      for (const code of c.qualifications) {
        let obtained = qrng.int(Math.max(firstDay - 3 * 365, createdDay - 3 * 365), Math.max(createdDay, lastDay));
        for (;;) {
          const expires = dayNumber(qualificationExpiry(cal.date(obtained)));
          awards.push({ c, code, obtained, expires, ms: Math.max(c.createdMs, cal.instant(Math.min(obtained, lastDay), 10 * 3600)) });
          if (expires >= lastDay || !qrng.chance(0.75)) break;
          obtained = expires + 1;
        }
      }
    }
    awards.sort((a, b) => a.ms - b.ms);
    await insert(
      'company_qualifications',
      ['id', 'company_id', 'code', 'obtained_on', 'expires_on', 'created_by_id', 'created_at'],
      awards.length,
      (i) => {
        const a = awards[i];
        return [uuidV7(a.ms, qrng), a.c.id, a.code, cal.date(a.obtained), cal.date(a.expires), a.c.createdBy, cal.stamp(a.ms)];
      },
      t,
    );

    t = performance.now();
    await insert(
      'projects',
      [
        'id', 'name', 'company_id', 'industry_code', 'segments', 'zone_code', 'stage', 'planned_investment', 'planned_currency',
        'area_min', 'area_max', 'jingji', 'origin_province', 'origin_city', 'origin_district', 'relocation_function', 'central_soe',
        'signed_at', 'stage_changed_at', 'lost_reason', 'lead_id', 'owner_id', 'created_by_id', 'last_activity_at', 'next_follow_up_at',
        'created_at', 'updated_at', 'version', 'archived_at',
      ],
      projects.length,
      (i) => {
        const p = projects[i];
        const last = p.path.length - 1;
        return [
          p.id,
          p.name,
          p.company.id,
          p.industry,
          json(p.segments),
          p.zone,
          p.path[last],
          p.plannedUnits === null ? null : p.plannedUnits * 100,
          p.plannedUnits === null ? null : p.currency,
          p.areaMin,
          p.areaMax,
          bool(p.jingji),
          p.jingji ? p.company.origin.province : null,
          p.jingji ? p.company.origin.city : null,
          p.originDistrict,
          p.relocationFunction,
          bool(p.centralSoe),
          p.signedDay === null ? null : cal.date(p.signedDay),
          cal.date(p.days[last]),
          p.lostReason,
          p.leadId,
          p.owner,
          p.owner,
          p.lastActivityMs === null ? null : cal.stamp(p.lastActivityMs),
          p.nextFollowUpMs === null ? null : cal.stamp(p.nextFollowUpMs),
          cal.stamp(p.createdMs),
          cal.stamp(p.instants[last]),
          p.path.length,
          null,
        ];
      },
      t,
    );

    t = performance.now();
    await insert('leads', LEAD_COLUMNS, leadRows.length, (i) => leadRows[i].row, t);

    t = performance.now();
    const trng = stream('transitions');
    const transitions: { ms: number; p: ProjectModel; k: number }[] = [];
    for (const p of projects) for (let k = 0; k < p.path.length; k++) transitions.push({ ms: p.instants[k], p, k });
    transitions.sort((a, b) => a.ms - b.ms || a.p.index - b.p.index || a.k - b.k);
    await insert(
      'project_transitions',
      ['id', 'project_id', 'from_stage', 'to_stage', 'at', 'reason', 'note', 'actor_id', 'created_at'],
      transitions.length,
      (i) => {
        const { ms, p, k } = transitions[i];
        const to = p.path[k];
        const notes = V.TRANSITION_NOTES[to];
        const note = k > 0 && notes && trng.chance(0.5) ? trng.pick(notes) : null;
        return [uuidV7(ms, trng), p.id, k === 0 ? null : p.path[k - 1], to, cal.date(p.days[k]), to === 'LOST' ? p.lostReason : null, note, p.owner, cal.stamp(ms)];
      },
      t,
    );

    t = performance.now();
    totalsStale = true;
    const fundOrder = sortedOrder(fundCreated);
    const frows = stream('fundings:rows');
    await insert(
      'fundings',
      ['id', 'project_id', 'date', 'amount', 'currency', 'note', 'status', 'verified_by_id', 'verified_at', 'evidence_ref', 'created_by_id', 'created_at', 'updated_at', 'version'],
      nFund,
      (i) => {
        const k = fundOrder[i];
        const p = projects[fundProject[k]];
        const created = fundCreated[k];
        const verified = fundVerified[k];
        const isVerified = !Number.isNaN(verified);
        const createdStamp = cal.stamp(created);
        const verifiedStamp = isVerified ? cal.stamp(verified) : null;
        return [
          uuidV7(created, frows),
          p.id,
          cal.date(fundDay[k]),
          fundAmount[k],
          p.currency,
          frows.chance(0.35) ? frows.pick(V.FUNDING_NOTES) : null,
          isVerified ? 'VERIFIED' : 'REPORTED',
          isVerified ? frows.pick(users.leaders) : null,
          verifiedStamp,
          isVerified ? `和平商务〔${cal.date(cal.dayOf(verified)).slice(0, 4)}〕${frows.int(1, 999)}号` : null,
          p.owner,
          createdStamp,
          verifiedStamp ?? createdStamp,
          isVerified ? 2 : 1,
        ];
      },
      t,
    );

    t = performance.now();
    const actOrder = sortedOrder(actAt);
    const arows = stream('activities:rows');
    await insert(
      'activities',
      ['id', 'project_id', 'type', 'at', 'summary', 'next_follow_up_at', 'actor_id', 'created_at'],
      nAct,
      (i) => {
        const k = actOrder[i];
        const p = projects[actProject[k]];
        const at = actAt[k];
        const type = ACTIVITY_TYPES[actType[k]];
        const next = actNext[k];
        let created = at + Math.floor(arows.next() * 7_200_000);
        if (created >= anchorMs) created = at;
        return [
          uuidV7(at, arows),
          p.id,
          type,
          cal.stamp(at),
          activitySummary(arows, p, type, actPhase[k], ref),
          Number.isNaN(next) ? null : cal.stamp(next),
          arows.chance(0.85) ? p.owner : arows.pick(users.officers),
          cal.stamp(created),
        ];
      },
      t,
    );

    // Daily funds-in-place totals, which the service keeps in step with each write, from the new ledger.
    t = performance.now();
    await dataSource.transaction((em) => rebuildTotals(em));
    totalsStale = false;
    timings.push({ table: 'funding_day_totals', rows: await countRows(writer, 'funding_day_totals'), seconds: (performance.now() - t) / 1000 });
    log(`  rebuilt funding_day_totals in ${((performance.now() - t) / 1000).toFixed(1)} s`);

    await writeSpace(writer, dataSource, cal, buildings, space, insert);

    // Planner statistics for the new rows on PostgreSQL. Without them it estimated 78 projects where
    // 24,000 matched a list filter and chose a plan five times slower (autovacuum catches up later).
    // Not on SQLite: there, statistics moved the list to a worse index (1.5 ms -> 3.6 ms).
    if (dataSource.options.type === 'postgres') {
      t = performance.now();
      await dataSource.query('ANALYZE');
      log(`  analyzed in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    }
  } finally {
    writer.end();
    // A service running on this database recomputes its cached figures on the next read.
    await dataSource.transaction((em) => countChange(em)).catch(() => undefined);
    if (totalsStale) {
      // A failure after the reset: keep the totals true to whatever the ledger now holds.
      await dataSource.transaction((em) => rebuildTotals(em)).catch(() => undefined);
    }
  }

  const totalSeconds = (performance.now() - started) / 1000;
  return {
    sizes,
    today,
    tables: timings,
    resetSeconds,
    usersCreated: users.created,
    fundingScale,
    jingjiFundsInPlanYuan,
    stages,
    buildings: { existing: existingBuildings.length, generated: buildings.length - existingBuildings.length },
    units: space.byStatus,
    vacancyRate: space.vacancyRate,
    placements: { active: space.activePlacements, released: space.releasedPlacements },
    jingjiPlacedAreaM2: space.jingjiAreaM2,
    jingjiPlacedAreaInPlanM2: space.jingjiAreaInPlanM2,
    totalSeconds,
  };
}

// ---------------------------------------------------------------------------------------------

type Insert = (table: string, columns: string[], count: number, make: (i: number) => Row, t0: number) => Promise<void>;

/**
 * The generated buildings, building managers, units with their first history row, placements, and
 * when each building's vacancy was last updated (the kept buildings are updated, not rewritten).
 */
async function writeSpace(writer: BulkWriter, dataSource: DataSource, cal: Calendar, buildings: BuildingModel[], space: SpaceModel, insert: Insert): Promise<void> {
  const stampOrNull = (ms: number | null): string | null => (ms === null ? null : cal.stamp(ms));
  const dateOrNull = (day: number | null): string | null => (day === null ? null : cal.date(day));

  let t = performance.now();
  const generated = buildings.filter((b) => b.demo).sort((a, b) => a.createdMs - b.createdMs);
  await insert(
    'buildings',
    ['id', 'code', 'name', 'name_en', 'zone_code', 'address', 'grade', 'total_area', 'specialty_industries', 'created_at', 'updated_at', 'version', 'archived_at', 'vacancy_updated_at'],
    generated.length,
    (i) => {
      const b = generated[i];
      const stamp = cal.stamp(b.createdMs);
      return [b.id, b.code, b.name, b.nameEn, b.zone, b.address, b.grade, b.totalArea, JSON.stringify(b.specialty), stamp, stamp, 1, null, stampOrNull(b.vacancyMs)];
    },
    t,
  );
  const kept = buildings.filter((b) => !b.demo && b.vacancyMs !== null);
  await dataSource.transaction(async (em) => {
    for (const b of kept) await sql(em, 'UPDATE buildings SET vacancy_updated_at = ? WHERE id = ?', [stampOrNull(b.vacancyMs), b.id]);
  });

  t = performance.now();
  await insert('building_managers', ['building_id', 'user_id'], space.managerRows.length, (i) => [space.managerRows[i].buildingId, space.managerRows[i].userId], t);

  t = performance.now();
  const units = space.units;
  await insert(
    'units',
    [
      'id', 'building_id', 'code', 'floor', 'area', 'status', 'asking_rent', 'available_from', 'tenant_company_id', 'lease_start', 'lease_end',
      'reserved_for_project_id', 'project_id', 'created_at', 'updated_at', 'version',
    ],
    units.length,
    (i) => {
      const u = units[i];
      const stamp = cal.stamp(u.recordMs);
      return [
        u.id,
        u.building.id,
        u.code,
        u.floor,
        u.area100 / 100,
        u.status,
        u.askingRent,
        dateOrNull(u.availableFrom),
        u.tenantId,
        dateOrNull(u.leaseStart),
        dateOrNull(u.leaseEnd),
        u.reservedFor,
        u.projectId,
        stamp,
        stamp,
        1,
      ];
    },
    t,
  );

  t = performance.now();
  // One row per unit: the status it was recorded with (what the month-end snapshots rebuild from).
  await insert(
    'unit_status_history',
    ['id', 'unit_id', 'building_id', 'from_status', 'to_status', 'tenant_company_id', 'on_date', 'note', 'actor_id', 'created_at'],
    units.length,
    (i) => {
      const u = units[i];
      return [u.historyId, u.id, u.building.id, null, u.status, u.tenantId, cal.date(cal.dayOf(u.recordMs)), u.note, u.actor, cal.stamp(u.recordMs)];
    },
    t,
  );

  t = performance.now();
  const placements = space.placements;
  await insert(
    'placements',
    ['id', 'project_id', 'unit_id', 'start_date', 'end_date', 'area', 'active_unit_id', 'note', 'created_by_id', 'released_by_id', 'created_at', 'updated_at', 'version'],
    placements.length,
    (i) => {
      const pl = placements[i];
      const active = pl.endDay === null;
      return [
        pl.id,
        pl.projectId,
        pl.unit.id,
        cal.date(pl.startDay),
        dateOrNull(pl.endDay),
        pl.area100 / 100,
        active ? pl.unit.id : null,
        pl.note,
        pl.createdBy,
        pl.releasedBy,
        cal.stamp(pl.createdMs),
        cal.stamp(pl.updatedMs),
        active ? 1 : 2,
      ];
    },
    t,
  );
}

async function loadBuildings(writer: BulkWriter): Promise<ExistingBuilding[]> {
  const rows = await writer.query<{ id: string; code: string | null; name: string; zone_code: string; grade: string | null; total_area: unknown; specialty_industries: string }>(
    `SELECT id, code, name, zone_code, grade, total_area, specialty_industries FROM ${writer.table('buildings')}
      WHERE archived_at IS NULL AND (code IS NULL OR NOT (${DEMO_BUILDING_WHERE}))`,
  );
  const managers = new Map<string, string[]>();
  for (const r of await writer.query<{ building_id: string; user_id: string }>(
    `SELECT building_id, user_id FROM ${writer.table('building_managers')} ORDER BY building_id, user_id`,
  )) {
    managers.set(r.building_id, [...(managers.get(r.building_id) ?? []), r.user_id]);
  }
  // Seeded buildings by code, then those added by hand (ids are time-ordered): the same order on every run.
  const key = (r: (typeof rows)[number]): string => (r.code === null ? `1${r.id}` : `0${r.code}`);
  rows.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    zone: r.zone_code,
    grade: r.grade,
    specialty: safeJsonList(r.specialty_industries),
    totalArea: r.total_area === null ? null : Number(r.total_area),
    managers: managers.get(r.id) ?? [],
  }));
}

const LEAD_COLUMNS = [
  'id', 'company_name', 'source', 'status', 'contact_name', 'contact_phone', 'contact_email', 'industry_code', 'origin_province', 'notes',
  'owner_id', 'created_by_id', 'company_id', 'project_id', 'disqualified_reason', 'closed_at', 'created_at', 'updated_at', 'version', 'archived_at',
];

interface LeadFacts {
  id: string;
  companyName: string;
  source: LeadSource;
  status: LeadStatus;
  industry: string | null;
  province: string | null;
  owner: string;
  companyId: string | null;
  projectId: string | null;
  reason: string | null;
  createdMs: number;
  closedMs: number | null;
  updatedMs: number;
  version: number;
}

function leadRow(rng: Rng, cal: Calendar, f: LeadFacts): Row {
  const person = personName(rng);
  const formal = rng.chance(0.85);
  const contactName = formal ? person.name : `${person.name[0]}${rng.chance(0.6) ? '先生' : '女士'}`;
  const phone = rng.chance(0.9) ? mobile(rng) : null;
  const email = rng.chance(0.45) ? `${person.handle}${rng.chance(0.5) ? rng.int(1, 99) : ''}@${rng.pick(V.MAIL_DOMAINS)}` : null;
  const notes = rng.chance(0.5) ? rng.pick(V.LEAD_NOTES[f.source]) + (rng.chance(0.3) ? `，对接人为${rng.pick(V.TITLES)}` : '') : null;
  return [
    f.id,
    f.companyName,
    f.source,
    f.status,
    contactName,
    phone,
    email,
    f.industry,
    f.province,
    notes,
    f.owner,
    f.owner,
    f.companyId,
    f.projectId,
    f.reason,
    f.closedMs === null ? null : cal.stamp(f.closedMs),
    cal.stamp(f.createdMs),
    cal.stamp(f.updatedMs),
    f.version,
    null,
  ];
}

function activitySummary(rng: Rng, p: ProjectModel, type: ActivityType, phase: number, ref: Reference): string {
  const templates = phase === 3 && (type === 'VISIT' || type === 'OTHER') ? V.AFTERCARE_TEMPLATES : V.ACTIVITY_TEMPLATES[type];
  const template = rng.pick(templates);
  if (!template.includes('{')) return template;
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    switch (key) {
      case 'company':
        return p.company.short;
      case 'contact':
        return `${rng.pick(V.SURNAMES)[0]}${rng.chance(0.5) ? '总' : rng.chance(0.5) ? '经理' : '主任'}`;
      case 'building': {
        const inZone = p.zone ? ref.buildings.get(p.zone) : undefined;
        const list = inZone && inZone.length > 0 ? inZone : ref.allBuildings;
        return list.length > 0 ? rng.pick(list) : '区内重点楼宇';
      }
      case 'area':
        return String(p.areaMin ?? Math.round(rng.logUniform(200, 5000) / 10) * 10);
      case 'event':
        return rng.pick(V.EVENTS);
      case 'industry':
        return INDUSTRY_LABELS[p.industry] ?? '重点';
      default:
        return '';
    }
  });
}

const INDUSTRY_LABELS: Record<string, string> = {
  FINANCE: '创新金融',
  TRADE: '全球商贸',
  BUSINESS_SERVICES: '现代商服',
  SMART_TECH: '智能科技',
  CULTURE_TOURISM: '国际文旅',
  HEALTH: '全民健康',
};

/** Indices ordered by key (ties by index), so rows go in in time order: the id index only appends. */
function sortedOrder(keys: Float64Array): Int32Array {
  const order = new Int32Array(keys.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  order.sort((a, b) => keys[a] - keys[b] || a - b);
  return order;
}

function cumulative(weights: Float64Array): (rng: Rng) => number {
  const c = new Float64Array(weights.length);
  let sum = 0;
  for (let i = 0; i < weights.length; i++) c[i] = sum += weights[i];
  return (rng: Rng) => {
    const x = rng.next() * sum;
    let lo = 0;
    let hi = c.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (c[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
}

function scaleWeights<T>(entries: [T, number][], total: number): (readonly [T, number])[] {
  const sum = entries.reduce((a, e) => a + e[1], 0);
  return entries.map(([v, w]) => [v, (w * total) / sum] as const);
}

/** 31^9: the space of the 9-character organisation part of a USCC. */
const USCC_SPACE = 31 ** 9;

/** '91' (enterprise) + region + 9 characters from the body number + check character. */
function uscc(regionCode: string, body: number): string {
  let n = body;
  let part = '';
  for (let i = 0; i < 9; i++) {
    part = USCC_ALPHABET[n % 31] + part;
    n = Math.floor(n / 31);
  }
  return withUsccCheckChar(`91${regionCode}${part}`);
}

const HIGH_TECH_SHARE: Record<string, number> = {
  FINANCE: 0.05,
  TRADE: 0.025,
  BUSINESS_SERVICES: 0.05,
  SMART_TECH: 0.24,
  CULTURE_TOURISM: 0.07,
  HEALTH: 0.18,
};

function qualifications(rng: Rng, industry: string): Qualification[] {
  const q: Qualification[] = [];
  const tech = industry === 'SMART_TECH' || industry === 'HEALTH';
  if (rng.chance(HIGH_TECH_SHARE[industry] ?? 0.05)) q.push('HIGH_TECH');
  if (rng.chance(tech ? 0.1 : 0.04)) q.push('TECH_SME');
  if (rng.chance(0.035)) q.push('FLEDGLING');
  else if (rng.chance(0.007)) q.push('GAZELLE');
  if (q.includes('HIGH_TECH') && rng.chance(0.04)) q.push('LEADER');
  return q;
}

function companyName(rng: Rng, origin: V.Origin, industry: string, used: Set<string>): { name: string; short: string } {
  const words = V.INDUSTRY_WORDS[industry] ?? V.GENERIC_WORDS;
  const foreign = origin.province === 'OVERSEAS' || origin.province === 'HONG_KONG';
  for (let attempt = 0; ; attempt++) {
    let brand = rng.pick(V.BRAND_FIRST) + rng.pick(V.BRAND_SECOND);
    if (brand[0] === brand[1]) continue;
    if (attempt >= 4) brand += rng.pick(V.BRAND_SECOND);
    if (attempt >= 12) brand += String(attempt);
    const word = rng.pick(words);
    const short = brand + word;
    let name: string;
    const r = rng.next();
    if (foreign) name = r < 0.6 ? `${short}（天津）有限公司` : `天津${short}有限公司`;
    else if (r < 0.55) name = `${origin.cityShort}${short}有限公司`;
    else if (r < 0.67) name = `${origin.cityShort}${short}股份有限公司`;
    else if (r < 0.77) name = `${origin.cityShort}${short}有限责任公司`;
    else if (r < 0.85) name = `${short}集团有限公司`;
    else if (r < 0.95) name = `${short}（天津）有限公司`;
    else name = `${short}（${origin.cityShort}）有限公司`;
    if (!used.has(name)) {
      used.add(name);
      return { name, short };
    }
  }
}

async function loadReference(writer: BulkWriter): Promise<Reference> {
  const industries = (await writer.query<{ code: string }>(`SELECT code FROM ${writer.table('industries')} ORDER BY sort_order, code`)).map((r) => r.code);
  if (industries.length === 0) throw new DemoDataError('No reference data (industries): start the app once, or keep SEED_REFERENCE_DATA=true');
  const segments = new Map<string, string[]>();
  for (const i of industries) segments.set(i, []);
  for (const r of await writer.query<{ code: string; industry_code: string }>(
    `SELECT code, industry_code FROM ${writer.table('industry_segments')} ORDER BY industry_code, sort_order, code`,
  )) {
    segments.get(r.industry_code)?.push(r.code);
  }
  const zones = (await writer.query<{ code: string; focus_industries: string }>(
    `SELECT code, focus_industries FROM ${writer.table('zones')} ORDER BY sort_order, code`,
  )).map((r) => ({ code: r.code, focus: safeJsonList(r.focus_industries) }));
  const buildings = new Map<string, string[]>();
  const allBuildings: string[] = [];
  for (const b of await writer.query<{ name: string; zone_code: string }>(
    `SELECT name, zone_code FROM ${writer.table('buildings')} WHERE archived_at IS NULL ORDER BY code, name`,
  )) {
    allBuildings.push(b.name);
    const list = buildings.get(b.zone_code) ?? [];
    list.push(b.name);
    buildings.set(b.zone_code, list);
  }
  return { industries, segments, zones, buildings, allBuildings };
}

async function countRows(writer: BulkWriter, table: string): Promise<number> {
  const [row] = await writer.query<{ n: unknown }>(`SELECT COUNT(*) AS n FROM ${writer.table(table)}`);
  return Number(row.n);
}

function safeJsonList(text: string | null): string[] {
  try {
    const v: unknown = JSON.parse(text ?? '[]');
    return Array.isArray(v) ? v.map(String) : [];
  } catch {
    return [];
  }
}

/** officer01…officer10, leader01…02, manager01…03; skips usernames that exist. Ids derive from the username. */
async function ensureUsers(writer: BulkWriter, cal: Calendar): Promise<DemoUsers> {
  const wanted: { username: string; displayName: string; role: string }[] = [
    ...V.OFFICER_NAMES.map((n, i) => ({ username: `officer${String(i + 1).padStart(2, '0')}`, displayName: n, role: 'OFFICER' })),
    ...V.LEADER_NAMES.map((n, i) => ({ username: `leader${String(i + 1).padStart(2, '0')}`, displayName: n, role: 'LEADER' })),
    ...V.MANAGER_NAMES.map((n, i) => ({ username: `manager${String(i + 1).padStart(2, '0')}`, displayName: n, role: 'BUILDING_MANAGER' })),
  ];
  const existing = new Map(
    (await writer.query<{ id: string; username: string }>(`SELECT id, username FROM ${writer.table('users')}`)).map((r) => [r.username, r.id]),
  );
  const missing = wanted.filter((u) => !existing.has(u.username));
  if (missing.length > 0) {
    const hash = await hashPassword(DEMO_PASSWORD);
    const base = Date.UTC(2020, 11, 1, 1, 0, 0);
    const rows: Row[] = [];
    for (const u of missing) {
      const ms = base + wanted.indexOf(u) * 60_000;
      const id = uuidV7(ms, Rng.stream(0, `user:${u.username}`));
      existing.set(u.username, id);
      rows.push([id, u.username, u.displayName, u.role, hash, true, cal.stamp(ms), cal.stamp(ms), 1]);
    }
    await writer.insert(
      'users',
      ['id', 'username', 'display_name', 'role', 'password_hash', 'active', 'created_at', 'updated_at', 'version'],
      rows.length,
      (i) => rows[i],
    );
  }
  const idsOf = (role: string): string[] => wanted.filter((u) => u.role === role).map((u) => existing.get(u.username) as string);
  return { officers: idsOf('OFFICER'), leaders: idsOf('LEADER'), managers: idsOf('BUILDING_MANAGER'), created: missing.length };
}
