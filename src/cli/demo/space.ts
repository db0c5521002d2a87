import type { UnitStatus } from '../../modules/reference/enums.js';
import { BuildingModel, PRIME_ZONES, ZoneInfo } from './buildings.js';
import { Calendar, DAY_MS } from './calendar.js';
import { workSeconds } from './context.js';
import { PlacementModel, placeProjects } from './placements.js';
import { Rng, uuidV7 } from './random.js';
import * as V from './vocabulary.js';

/**
 * The office space of the buildings: floors and units with vacancy, asking rents and tenants, the
 * placements (入驻) of landed projects (placements.ts), and when each unit and each building's
 * vacancy was last recorded. Pure and deterministic: the same streams and inputs give the same model.
 */
export interface UnitModel {
  id: string;
  building: BuildingModel;
  /** The building's place in the list (for ordering). */
  buildingIndex: number;
  code: string;
  floor: number;
  /** m² × 100, so sums stay exact. */
  area100: number;
  status: UnitStatus;
  /** Fen per m² per day. */
  askingRent: number | null;
  availableFrom: number | null;
  tenantId: string | null;
  leaseStart: number | null;
  leaseEnd: number | null;
  reservedFor: string | null;
  projectId: string | null;
  /** When the unit (and its one history row) was recorded. */
  recordMs: number;
  historyId: string;
  note: string | null;
  /** The project its history row places (入驻) or releases (迁出), as the placement service records it. */
  historyProjectId: string | null;
  actor: string | null;
}

/** A project as the space planner needs it. */
export interface SpaceProject {
  id: string;
  name: string;
  companyId: string;
  /** The day it registered (landed), for REGISTERED and OPERATING projects; null otherwise. */
  landedDay: number | null;
  /** SIGNED (not yet landed): may hold a reserved unit. */
  signedOpen: boolean;
  jingji: boolean;
  zone: string | null;
  industry: string;
  areaMin: number | null;
  owner: string;
}

export interface SpaceInput {
  stream: (name: string) => Rng;
  cal: Calendar;
  lastDay: number;
  todayDay: number;
  planEnd: number;
  buildings: BuildingModel[];
  zones: ZoneInfo[];
  units: number;
  /** Companies that may rent units, with a weight each (0: never a tenant). */
  tenants: { id: string; weight: number }[];
  projects: SpaceProject[];
  /** Demo building managers, assigned to buildings that have none. */
  managers: string[];
  /** Beijing–Hebei placed area (m²) to aim at, counting placements active at the plan's end. */
  jingjiAimM2: number;
}

export interface SpaceModel {
  units: UnitModel[];
  placements: PlacementModel[];
  /** New building_managers rows. */
  managerRows: { buildingId: string; userId: string }[];
  byStatus: Record<UnitStatus, number>;
  /** District vacancy rate: VACANT and RESERVED area over leasable area. */
  vacancyRate: number | null;
  activePlacements: number;
  releasedPlacements: number;
  /** m² of active placements of Beijing–Hebei projects, now and at the plan's end. */
  jingjiAreaM2: number;
  jingjiAreaInPlanM2: number;
}

/** The units as the steps share them: per building, and those still to be leased. */
export interface Layout {
  units: UnitModel[];
  unitsOf: UnitModel[][];
  vacancyOf: number[];
  /** Units still to be leased: to a placed project first, then to ordinary tenants. */
  free: Set<UnitModel>;
  poolSize: Int32Array;
}

/** Share of the leasable stock that is VACANT, on average (RESERVED and UNAVAILABLE come on top). */
const MEAN_VACANCY = 0.19;
const RESERVED_SHARE = 0.025;
const UNAVAILABLE_SHARE = 0.015;

export function addYears(day: number, years: number): number {
  const d = new Date(day * DAY_MS);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return Math.round(d.getTime() / DAY_MS);
}

/**
 * Lays out floors and units, draws their status, places landed projects into units, leases the rest
 * of the let stock to companies, and dates each unit's record and each building's vacancy update.
 * Fills in the generated buildings' total area and the buildings' managers and vacancy update.
 */
export function planSpace(input: SpaceInput): SpaceModel {
  const managerRows = assignManagers(input);
  const layout = layOut(input);
  drawStatuses(input, layout);
  const placements = placeProjects(input, layout);
  leaseTheRest(input, layout);
  dateRecords(input, layout);
  const ids = input.stream('ids:units');
  // Ids from the instants, so rows go in in time order.
  const units = layout.units;
  units.sort((a, c) => a.recordMs - c.recordMs || a.buildingIndex - c.buildingIndex || a.floor - c.floor || (a.code < c.code ? -1 : 1));
  for (const u of units) {
    u.id = uuidV7(u.recordMs, ids);
    u.historyId = uuidV7(u.recordMs, ids);
  }
  placements.sort((a, c) => a.createdMs - c.createdMs);
  for (const pl of placements) pl.id = uuidV7(pl.createdMs, ids);
  return { units, placements, managerRows, ...summarize(units, placements, input.planEnd) };
}

/** Managers for buildings without one: the demo managers share the zones between them. */
function assignManagers(input: SpaceInput): SpaceModel['managerRows'] {
  const rows: SpaceModel['managerRows'] = [];
  if (input.managers.length === 0) return rows;
  const zoneIndex = new Map(input.zones.map((z, i) => [z.code, i]));
  for (const b of input.buildings) {
    if (b.managers.length > 0) continue;
    const user = input.managers[(zoneIndex.get(b.zone) ?? 0) % input.managers.length];
    b.managers.push(user);
    rows.push({ buildingId: b.id, userId: user });
  }
  return rows;
}

/** Asking rent in fen per m² per day: 3.00–12.00 元, in steps of 0.05 元. */
function rentFen(yuan: number): number {
  return Math.round(Math.min(12, Math.max(3, yuan)) * 20) * 5;
}

/** Splits `total` into whole shares proportional to the weights (largest remainder; ties by index). */
function apportion(weights: number[], total: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (weights.length === 0 || sum <= 0) return weights.map(() => 0);
  const exact = weights.map((w) => (w * total) / sum);
  const out = exact.map(Math.floor);
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) out[order[k].i]++;
  return out;
}

/** Floors and units: bigger (grade A) buildings get more of them. */
function layOut(input: SpaceInput): Layout {
  const rng = input.stream('units:layout');
  const { buildings } = input;
  const sizeWeights = buildings.map((b) => (b.grade === 'A' ? 1.4 : 1) * Math.exp(0.3 * rng.normal()));
  const counts = apportion(sizeWeights, input.units);
  const layout: Layout = { units: [], unitsOf: [], vacancyOf: [], free: new Set(), poolSize: new Int32Array(buildings.length) };
  buildings.forEach((b, bi) => {
    const list = buildingUnits(rng, b, bi, counts[bi], layout);
    layout.unitsOf.push(list);
    for (const u of list) layout.units.push(u);
  });
  return layout;
}

function buildingUnits(rng: Rng, b: BuildingModel, bi: number, n: number, layout: Layout): UnitModel[] {
  const list: UnitModel[] = [];
  const gradeA = b.grade === 'A';
  const maxFloors = gradeA ? rng.int(20, 40) : rng.int(8, 28);
  const perFloor = Math.max(1, Math.ceil(n / maxFloors));
  const floorsUsed = Math.ceil(n / perFloor);
  const firstFloor = floorsUsed + 2 <= 40 && rng.chance(0.7) ? rng.int(2, Math.min(5, 41 - floorsUsed)) : 1;
  const plate = gradeA ? 1300 + rng.next() * 1100 : 700 + rng.next() * 800;
  const baseRent = (gradeA ? 6 + rng.next() * 5 : 3 + rng.next() * 3.5) * (PRIME_ZONES.has(b.zone) ? 1.08 : 1);
  const width = Math.max(2, String(perFloor).length);
  layout.vacancyOf.push(Math.min(0.45, Math.max(0.03, MEAN_VACANCY - (gradeA ? 0.03 : 0) + 0.08 * rng.normal())));
  if (b.demo && n > 0) {
    const floorsTotal = firstFloor - 1 + floorsUsed + rng.int(0, 3);
    b.totalArea = Math.round((plate / 0.78) * floorsTotal);
  } else if (b.demo) {
    b.totalArea = Math.round(((plate / 0.78) * maxFloors) / 10) * 10;
  }
  for (let f = 0, made = 0; made < n; f++) {
    const floor = firstFloor + f;
    const here = Math.min(perFloor, n - made);
    const weights = Array.from({ length: here }, () => 0.55 + rng.next());
    const sum = weights.reduce((a, c) => a + c, 0);
    const floorArea = (plate * here) / perFloor;
    for (let i = 0; i < here; i++) {
      const area100 = Math.max(2000, Math.round(((floorArea * weights[i]) / sum) * 100));
      const rent = rentFen(baseRent * (1 + 0.006 * f) * (0.95 + rng.next() * 0.1));
      list.push(newUnit(b, bi, `${floor}${String(i + 1).padStart(width, '0')}`, floor, area100, rent));
    }
    made += here;
  }
  return list;
}

function newUnit(building: BuildingModel, buildingIndex: number, code: string, floor: number, area100: number, askingRent: number): UnitModel {
  return {
    id: '',
    building,
    buildingIndex,
    code,
    floor,
    area100,
    status: 'LEASED',
    askingRent,
    availableFrom: null,
    tenantId: null,
    leaseStart: null,
    leaseEnd: null,
    reservedFor: null,
    projectId: null,
    recordMs: 0,
    historyId: '',
    note: null,
    historyProjectId: null,
    actor: building.managers[0] ?? null,
  };
}

/** Status: VACANT, RESERVED, UNAVAILABLE by the building's vacancy; the rest will be leased. */
function drawStatuses(input: SpaceInput, layout: Layout): void {
  const rng = input.stream('units:status');
  const { todayDay } = input;
  const reservable = input.projects.filter((p) => p.signedOpen);
  input.buildings.forEach((b, bi) => {
    const vacancy = layout.vacancyOf[bi];
    for (const u of layout.unitsOf[bi]) {
      const x = rng.next();
      if (x < vacancy) {
        u.status = 'VACANT';
        if (rng.chance(0.22)) u.availableFrom = todayDay + rng.int(7, 150);
      } else if (x < vacancy + RESERVED_SHARE) {
        u.status = 'RESERVED';
        if (reservable.length > 0 && rng.chance(0.5)) u.reservedFor = rng.pick(reservable).id;
        if (rng.chance(0.5)) u.availableFrom = todayDay + rng.int(10, 120);
      } else if (x < vacancy + RESERVED_SHARE + UNAVAILABLE_SHARE) {
        u.status = 'UNAVAILABLE';
        u.askingRent = null;
        if (rng.chance(0.5)) u.availableFrom = todayDay + rng.int(30, 240);
        u.note = '装修改造中，暂不可租';
      } else {
        layout.free.add(u);
        layout.poolSize[bi]++;
      }
    }
  });
}

/** Picks an id in proportion to its weight: binary search in the running sums (thousands of companies). */
function weightedIds(entries: { id: string; weight: number }[]): { pick(rng: Rng): string } | null {
  const kept = entries.filter((e) => e.weight > 0);
  if (kept.length === 0) return null;
  const sums = new Float64Array(kept.length);
  let total = 0;
  kept.forEach((e, i) => (sums[i] = total += e.weight));
  return {
    pick(rng: Rng): string {
      const x = rng.next() * total;
      let lo = 0;
      let hi = sums.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (sums[mid] > x) hi = mid;
        else lo = mid + 1;
      }
      return kept[lo].id;
    },
  };
}

/**
 * The rest of the leased stock: companies of the district as ordinary tenants; neighbours on a
 * floor often share one (a company renting two or three units side by side).
 */
function leaseTheRest(input: SpaceInput, layout: Layout): void {
  const rng = input.stream('units:leases');
  const tenants = weightedIds(input.tenants);
  input.buildings.forEach((b, bi) => {
    let previous: UnitModel | null = null;
    for (const u of layout.unitsOf[bi]) {
      if (!layout.free.has(u)) {
        previous = null;
        continue;
      }
      layout.free.delete(u);
      if (!tenants) {
        u.status = 'VACANT';
        previous = null;
        continue;
      }
      u.status = 'LEASED';
      if (!rng.chance(0.6)) u.askingRent = null;
      if (previous && previous.floor === u.floor && rng.chance(0.3)) {
        u.tenantId = previous.tenantId;
        u.leaseStart = previous.leaseStart;
        u.leaseEnd = previous.leaseEnd;
      } else {
        lease(input, rng, b, u, tenants.pick.bind(tenants));
      }
      previous = u;
    }
  });
}

function lease(input: SpaceInput, rng: Rng, b: BuildingModel, u: UnitModel, tenant: (rng: Rng) => string): void {
  const { todayDay, lastDay } = input;
  const term = rng.pick([1, 2, 3, 3, 3, 5, 5]);
  let end = todayDay + Math.floor(rng.next() * 365 * term) - (rng.chance(0.03) ? rng.int(1, 45) : 0);
  let start = Math.min(lastDay, addYears(end + 1, -term));
  if (b.stale && start > b.vacancyDay) {
    // Not updated lately: the sheet still shows the lease it knew.
    start = b.vacancyDay - rng.int(0, 120);
    end = addYears(start, term) - 1;
  }
  u.tenantId = tenant(rng);
  u.leaseStart = start;
  u.leaseEnd = end;
}

/**
 * When each unit was recorded (its one history row): when its building was onboarded, or later,
 * when its current lease began. The building's vacancy update follows its last record.
 */
function dateRecords(input: SpaceInput, layout: Layout): void {
  const { cal, lastDay, todayDay } = input;
  const rng = input.stream('units:records');
  for (const u of layout.units) {
    const b = u.building;
    if (u.recordMs === 0) {
      const day = u.status === 'LEASED' ? Math.max(b.onboardDay, u.leaseStart as number) : b.onboardDay;
      u.recordMs = Math.floor(cal.instant(Math.min(day, lastDay), workSeconds(rng)));
      if (u.note === null && rng.chance(0.5)) u.note = rng.pick(V.UNIT_RECORD_NOTES);
    }
  }
  const anchorMs = cal.instant(todayDay, 0);
  input.buildings.forEach((b, bi) => {
    if (layout.unitsOf[bi].length === 0) return;
    let latest = 0;
    for (const u of layout.unitsOf[bi]) latest = Math.max(latest, u.recordMs);
    const day = Math.max(b.vacancyDay, cal.dayOf(latest));
    b.vacancyDay = day;
    b.vacancyMs = Math.min(anchorMs - 1000, Math.max(latest + 60_000, Math.floor(cal.instant(day, workSeconds(rng)))));
  });
}

function summarize(units: UnitModel[], placements: PlacementModel[], planEnd: number): Omit<SpaceModel, 'units' | 'placements' | 'managerRows'> {
  const byStatus: Record<UnitStatus, number> = { VACANT: 0, RESERVED: 0, LEASED: 0, UNAVAILABLE: 0 };
  let leasable = 0;
  let vacant = 0;
  for (const u of units) {
    byStatus[u.status]++;
    if (u.status !== 'UNAVAILABLE') leasable += u.area100;
    if (u.status === 'VACANT' || u.status === 'RESERVED') vacant += u.area100;
  }
  let jingjiNow = 0;
  let jingjiInPlan = 0;
  for (const pl of placements) {
    if (!pl.jingji) continue;
    if (pl.endDay === null) jingjiNow += pl.area100;
    if (pl.startDay <= planEnd && (pl.endDay === null || pl.endDay > planEnd)) jingjiInPlan += pl.area100;
  }
  const released = placements.filter((pl) => pl.endDay !== null).length;
  return {
    byStatus,
    vacancyRate: leasable > 0 ? vacant / leasable : null,
    activePlacements: placements.length - released,
    releasedPlacements: released,
    jingjiAreaM2: jingjiNow / 100,
    jingjiAreaInPlanM2: jingjiInPlan / 100,
  };
}
