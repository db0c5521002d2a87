import type { UnitStatus } from '../../modules/reference/enums.js';
import { Calendar, DAY_MS } from './calendar.js';
import { Rng, Weighted, uuidV7 } from './random.js';
import * as V from './vocabulary.js';

/**
 * The district's office space for the demo: the buildings (those already in the database, e.g. the
 * seeded ones the plan names, plus generated 大厦 / 中心 / 广场 with a DEMO_ code), their floors and
 * units with vacancy, asking rents and tenants, and the placements (入驻) of landed projects.
 * Pure and deterministic: the same streams and inputs give the same model, ids included.
 */

/** Generated buildings carry this code prefix; --reset deletes them (and only them). */
export const DEMO_BUILDING_PREFIX = 'DEMO_';
/** The SQL condition that selects generated buildings (LIKE would treat '_' as a wildcard). */
export const DEMO_BUILDING_WHERE = `substr(code, 1, ${DEMO_BUILDING_PREFIX.length}) = '${DEMO_BUILDING_PREFIX}'`;

/** A building already in the database (not archived, not generated). */
export interface ExistingBuilding {
  id: string;
  code: string | null;
  name: string;
  zone: string;
  grade: string | null;
  specialty: string[];
  totalArea: number | null;
  /** Users assigned to manage it. */
  managers: string[];
}

export interface ZoneInfo {
  code: string;
  focus: string[];
}

export interface BuildingModel {
  id: string;
  /** DEMO_0001… for generated buildings; the seed code (or null) for existing ones. */
  code: string | null;
  /** Generated here (inserted, and deleted by --reset); false for existing buildings (only updated). */
  demo: boolean;
  name: string;
  nameEn: string | null;
  zone: string;
  address: string | null;
  grade: string | null;
  specialty: string[];
  /** Gross floor area, m² (set for generated buildings once their floors are laid out). */
  totalArea: number | null;
  createdMs: number;
  /** The day its units were first recorded in the system. */
  onboardDay: number;
  /** The day its vacancy was last updated; stale buildings lie more than 30 days back. */
  vacancyDay: number;
  vacancyMs: number | null;
  stale: boolean;
  managers: string[];
}

const PRIME_ZONES = new Set(['JIEFANG_NORTH_ROAD', 'XIAOBAILOU', 'NANJING_ROAD_BELT', 'HAIHE_BELT']);
const ZONE_WEIGHT: Record<string, number> = {
  NANJING_ROAD_BELT: 20,
  XIAOBAILOU: 14,
  HAIHE_BELT: 14,
  JIEFANG_NORTH_ROAD: 12,
  GOLDEN_STREET: 12,
  ANSHAN_WEIJIN_BELT: 12,
  NANSHI_HR_PARK: 8,
  FIVE_AVENUES: 8,
};
/** Units are recorded in the system within this many days of the demo's first day. */
const ONBOARD_WINDOW_DAYS = 540;
const STALE_SHARE = 0.2;

/** Seconds after local midnight during office hours (08:30–18:30). */
function workSeconds(rng: Rng): number {
  return 30_600 + rng.next() * 36_000;
}

function pickWeighted<T>(rng: Rng, entries: readonly (readonly [T, number])[]): T {
  return new Weighted(entries).pick(rng);
}

/**
 * The buildings that get units: every existing one (kept as it is) and generated ones up to
 * `total`, each with the day its units were recorded and the day its vacancy was last updated.
 */
export function planBuildings(
  rng: Rng,
  cal: Calendar,
  input: { total: number; existing: ExistingBuilding[]; zones: ZoneInfo[]; firstDay: number; lastDay: number },
): BuildingModel[] {
  const { existing, zones, firstDay, lastDay } = input;
  const span = Math.max(0, Math.min(ONBOARD_WINDOW_DAYS, lastDay - firstDay));
  const timing = (): Pick<BuildingModel, 'onboardDay' | 'vacancyDay' | 'stale'> => {
    const onboardDay = firstDay + rng.int(0, span);
    const stale = rng.chance(STALE_SHARE);
    const vacancyDay = Math.max(onboardDay, stale ? lastDay - rng.int(31, 150) : lastDay - rng.int(0, 27));
    return { onboardDay, vacancyDay, stale: stale && vacancyDay < lastDay - 30 };
  };
  const out: BuildingModel[] = existing.map((b) => ({
    ...b,
    demo: false,
    nameEn: null,
    address: null,
    createdMs: 0,
    vacancyMs: null,
    ...timing(),
    managers: [...b.managers],
  }));
  const usedNames = new Set(existing.map((b) => b.name));
  const zoneEntries = zones.map((z) => [z, ZONE_WEIGHT[z.code] ?? 10] as const);
  const suffixes = V.BUILDING_SUFFIXES.map(([zh, en, w]) => [[zh, en] as const, w] as const);
  for (let n = 1; out.length < input.total; n++) {
    if (zoneEntries.length === 0) break;
    const zone = pickWeighted(rng, zoneEntries);
    const grade = rng.chance(zone.code !== 'FIVE_AVENUES' && PRIME_ZONES.has(zone.code) ? 0.5 : 0.3) ? 'A' : 'B';
    let name = '';
    let nameEn = '';
    for (let attempt = 0; ; attempt++) {
      const [pz, pe] = rng.pick(V.BUILDING_PREFIXES);
      const [mz, me] = zone.focus.includes('FINANCE') && rng.chance(0.3) ? ['金融', 'Financial'] : rng.pick(V.BUILDING_MIDDLES);
      const [sz, se] = pickWeighted(rng, suffixes);
      name = pz + mz + sz;
      nameEn = [pe, me, se].filter(Boolean).join(' ');
      if (attempt >= 20) {
        name += `${n}号楼`;
        nameEn += ` No. ${n}`;
      }
      if (!usedNames.has(name)) break;
    }
    usedNames.add(name);
    const streets = V.ZONE_STREETS[zone.code] ?? V.STREETS;
    const specialty = rng.chance(0.2) && zone.focus.length > 0 ? rng.sample(zone.focus, rng.int(1, Math.min(2, zone.focus.length))) : [];
    const t = timing();
    const createdMs = Math.floor(cal.instant(t.onboardDay - rng.int(0, 14), workSeconds(rng)));
    out.push({
      id: uuidV7(createdMs, rng),
      code: `${DEMO_BUILDING_PREFIX}${String(n).padStart(4, '0')}`,
      demo: true,
      name,
      nameEn,
      zone: zone.code,
      address: `天津市和平区${rng.pick(streets)}${rng.int(1, 320)}号`,
      grade,
      specialty,
      totalArea: null,
      createdMs,
      vacancyMs: null,
      ...t,
      managers: [],
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

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
  actor: string | null;
}

export interface PlacementModel {
  id: string;
  projectId: string;
  jingji: boolean;
  unit: UnitModel;
  startDay: number;
  endDay: number | null;
  area100: number;
  createdMs: number;
  updatedMs: number;
  note: string | null;
  createdBy: string;
  releasedBy: string | null;
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

/** Share of the leasable stock that is VACANT, on average (RESERVED and UNAVAILABLE come on top). */
const MEAN_VACANCY = 0.19;
const RESERVED_SHARE = 0.025;
const UNAVAILABLE_SHARE = 0.015;
/** Of the projects placed, this share has already moved out again (released placements). */
const RELEASED_SHARE = 0.05;
/** Most units a placement takes in one building. */
const MAX_UNITS_PER_PROJECT = 6;

function addYears(day: number, years: number): number {
  const d = new Date(day * DAY_MS);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return Math.round(d.getTime() / DAY_MS);
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

/** Asking rent in fen per m² per day: 3.00–12.00 元, in steps of 0.05 元. */
function rentFen(yuan: number): number {
  return Math.round(Math.min(12, Math.max(3, yuan)) * 20) * 5;
}

/**
 * Lays out floors and units, draws their status, places landed projects into units, leases the rest
 * of the let stock to companies, and dates each unit's record and each building's vacancy update.
 * Fills in the generated buildings' total area and the buildings' managers and vacancy update.
 */
export function planSpace(input: SpaceInput): SpaceModel {
  const { cal, lastDay, todayDay, planEnd, buildings } = input;
  const layout = input.stream('units:layout');
  const status = input.stream('units:status');
  const place = input.stream('placements');
  const lease = input.stream('units:leases');
  const ids = input.stream('ids:units');
  const focusOf = new Map(input.zones.map((z) => [z.code, z.focus]));

  // Managers for buildings without one: the demo managers share the zones between them.
  const managerRows: SpaceModel['managerRows'] = [];
  if (input.managers.length > 0) {
    const zoneIndex = new Map(input.zones.map((z, i) => [z.code, i]));
    for (const b of buildings) {
      if (b.managers.length > 0) continue;
      const user = input.managers[(zoneIndex.get(b.zone) ?? 0) % input.managers.length];
      b.managers.push(user);
      managerRows.push({ buildingId: b.id, userId: user });
    }
  }

  // 1. Floors and units: bigger (grade A) buildings get more of them.
  const sizeWeights = buildings.map((b) => (b.grade === 'A' ? 1.4 : 1) * Math.exp(0.3 * layout.normal()));
  const counts = apportion(sizeWeights, input.units);
  const units: UnitModel[] = [];
  const unitsOf: UnitModel[][] = [];
  const vacancyOf: number[] = [];
  buildings.forEach((b, bi) => {
    const list: UnitModel[] = [];
    unitsOf.push(list);
    const n = counts[bi];
    const gradeA = b.grade === 'A';
    const maxFloors = gradeA ? layout.int(20, 40) : layout.int(8, 28);
    const perFloor = Math.max(1, Math.ceil(n / maxFloors));
    const floorsUsed = Math.ceil(n / perFloor);
    const firstFloor = floorsUsed + 2 <= 40 && layout.chance(0.7) ? layout.int(2, Math.min(5, 41 - floorsUsed)) : 1;
    const plate = gradeA ? 1300 + layout.next() * 1100 : 700 + layout.next() * 800;
    const baseRent = (gradeA ? 6 + layout.next() * 5 : 3 + layout.next() * 3.5) * (PRIME_ZONES.has(b.zone) ? 1.08 : 1);
    const width = Math.max(2, String(perFloor).length);
    vacancyOf.push(Math.min(0.45, Math.max(0.03, MEAN_VACANCY - (gradeA ? 0.03 : 0) + 0.08 * layout.normal())));
    if (b.demo && n > 0) {
      const floorsTotal = firstFloor - 1 + floorsUsed + layout.int(0, 3);
      b.totalArea = Math.round((plate / 0.78) * floorsTotal);
    } else if (b.demo) {
      b.totalArea = Math.round(((plate / 0.78) * maxFloors) / 10) * 10;
    }
    for (let f = 0, made = 0; made < n; f++) {
      const floor = firstFloor + f;
      const here = Math.min(perFloor, n - made);
      const weights = Array.from({ length: here }, () => 0.55 + layout.next());
      const sum = weights.reduce((a, c) => a + c, 0);
      const floorArea = (plate * here) / perFloor;
      for (let i = 0; i < here; i++) {
        const area100 = Math.max(2000, Math.round(((floorArea * weights[i]) / sum) * 100));
        const rent = rentFen(baseRent * (1 + 0.006 * f) * (0.95 + layout.next() * 0.1));
        const unit: UnitModel = {
          id: '',
          building: b,
          buildingIndex: bi,
          code: `${floor}${String(i + 1).padStart(width, '0')}`,
          floor,
          area100,
          status: 'LEASED',
          askingRent: rent,
          availableFrom: null,
          tenantId: null,
          leaseStart: null,
          leaseEnd: null,
          reservedFor: null,
          projectId: null,
          recordMs: 0,
          historyId: '',
          note: null,
          actor: b.managers[0] ?? null,
        };
        list.push(unit);
        units.push(unit);
      }
      made += here;
    }
  });

  // 2. Status: VACANT, RESERVED, UNAVAILABLE by the building's vacancy; the rest will be leased.
  /** Units still to be leased: to a placed project first, then to ordinary tenants. */
  const free = new Set<UnitModel>();
  const poolSize = new Int32Array(buildings.length);
  const reservable = input.projects.filter((p) => p.signedOpen);
  buildings.forEach((b, bi) => {
    const vacancy = vacancyOf[bi];
    for (const u of unitsOf[bi]) {
      const x = status.next();
      if (x < vacancy) {
        u.status = 'VACANT';
        if (status.chance(0.22)) u.availableFrom = todayDay + status.int(7, 150);
      } else if (x < vacancy + RESERVED_SHARE) {
        u.status = 'RESERVED';
        if (reservable.length > 0 && status.chance(0.5)) u.reservedFor = status.pick(reservable).id;
        if (status.chance(0.5)) u.availableFrom = todayDay + status.int(10, 120);
      } else if (x < vacancy + RESERVED_SHARE + UNAVAILABLE_SHARE) {
        u.status = 'UNAVAILABLE';
        u.askingRent = null;
        if (status.chance(0.5)) u.availableFrom = todayDay + status.int(30, 240);
        u.note = '装修改造中，暂不可租';
      } else {
        free.add(u);
        poolSize[bi]++;
      }
    }
  });

  // 3. Placements: landed projects move in from their registration on, in date order; the share
  //    placed is set so the Beijing–Hebei area of the plan period comes out near the aim.
  const landed = input.projects
    .filter((p) => p.landedDay !== null)
    .map((p, i) => {
      const startDay = Math.min(lastDay, (p.landedDay as number) + Math.floor(place.exponential(25)));
      const requirement = p.areaMin ?? place.logUniform(150, 1500);
      return { p, i, startDay, target: Math.min(requirement, place.logUniform(150, 2500)) };
    })
    .sort((a, b) => a.startDay - b.startDay || a.i - b.i);
  const jingjiWanted = landed.filter((x) => x.p.jingji && x.startDay <= planEnd).reduce((s, x) => s + x.target, 0);
  const share = jingjiWanted > 0 ? Math.min(1, input.jingjiAimM2 / jingjiWanted) : 1;
  const placements: PlacementModel[] = [];
  let jingjiInPlan100 = 0;
  const buildingWeights = new Float64Array(buildings.length);
  const createdDays = new Int32Array(buildings.length);
  for (const { p, startDay, target } of landed) {
    if (!place.chance(share)) continue;
    if (p.jingji && startDay <= planEnd && jingjiInPlan100 >= input.jingjiAimM2 * 105) continue;
    const lag = place.chance(0.6) ? 0 : place.int(1, 10);
    let sum = 0;
    buildings.forEach((b, bi) => {
      const createdDay = Math.min(lastDay, Math.max(startDay + lag, b.onboardDay));
      createdDays[bi] = createdDay;
      if (poolSize[bi] === 0 || (b.stale && createdDay > b.vacancyDay)) {
        buildingWeights[bi] = 0;
        return;
      }
      let w = 1;
      if (p.zone === b.zone) w += 6;
      if (b.specialty.includes(p.industry)) w += 3;
      if (focusOf.get(b.zone)?.includes(p.industry)) w += 2;
      buildingWeights[bi] = w;
      sum += w;
    });
    if (sum === 0) continue;
    let x = place.next() * sum;
    let bi = -1;
    for (let k = 0; k < buildings.length; k++) {
      if (buildingWeights[k] === 0) continue;
      bi = k;
      if (x < buildingWeights[k]) break;
      x -= buildingWeights[k];
    }
    const b = buildings[bi];
    const list = unitsOf[bi];
    // A seed unit, then its neighbours along the floor and the floors next to it.
    let seed = -1;
    for (let tries = 0; tries < 64 && seed < 0; tries++) {
      const k = place.int(0, list.length - 1);
      if (free.has(list[k])) seed = k;
    }
    if (seed < 0) seed = list.findIndex((u) => free.has(u));
    const taken: UnitModel[] = [];
    let area100 = 0;
    for (let d = 0; d < list.length && taken.length < MAX_UNITS_PER_PROJECT && area100 < target * 85; d++) {
      for (const k of d === 0 ? [seed] : [seed + d, seed - d]) {
        const u = list[k];
        if (!u || !free.has(u) || taken.length >= MAX_UNITS_PER_PROJECT || area100 >= target * 85) continue;
        if (taken.length > 0 && Math.abs(u.floor - taken[0].floor) > 1) continue;
        taken.push(u);
        area100 += u.area100;
      }
      if (d > 2 * MAX_UNITS_PER_PROJECT + 8) break;
    }
    const createdDay = createdDays[bi];
    const createdMs = Math.floor(cal.instant(createdDay, workSeconds(place)));
    // Some have moved out again; the units are vacant since.
    const canRelease = startDay <= lastDay - 150 && createdDay + 90 < (b.stale ? b.vacancyDay : lastDay);
    const endDay = canRelease && place.chance(RELEASED_SHARE) ? place.int(Math.max(startDay, createdDay) + 90, b.stale ? b.vacancyDay : lastDay) : null;
    let leaseEnd: number | null = null;
    if (endDay === null && place.chance(0.85)) {
      const term = place.pick([3, 5, 5, 10]);
      leaseEnd = addYears(startDay, term) - 1;
      while (leaseEnd < todayDay) leaseEnd = addYears(leaseEnd + 1, term) - 1;
    }
    for (const u of taken) {
      free.delete(u);
      poolSize[bi]--;
      const placement: PlacementModel = {
        id: '',
        projectId: p.id,
        jingji: p.jingji,
        unit: u,
        startDay,
        endDay,
        area100: u.area100,
        createdMs,
        updatedMs: createdMs,
        note: null,
        createdBy: p.owner,
        releasedBy: null,
      };
      if (endDay === null) {
        u.status = 'LEASED';
        u.tenantId = p.companyId;
        u.projectId = p.id;
        u.leaseStart = startDay;
        u.leaseEnd = leaseEnd;
        if (!place.chance(0.6)) u.askingRent = null;
        u.recordMs = createdMs;
        u.note = `入驻: ${p.name}`;
        u.actor = p.owner;
        if (p.jingji && startDay <= planEnd) jingjiInPlan100 += u.area100;
      } else {
        const endMs = Math.max(createdMs + 60_000, Math.floor(cal.instant(endDay, workSeconds(place))));
        placement.updatedMs = endMs;
        placement.releasedBy = p.owner;
        placement.note = place.chance(0.5) ? '企业迁出，租约提前终止' : null;
        u.status = 'VACANT';
        u.recordMs = endMs;
        u.note = `迁出: ${p.name}`;
        u.actor = p.owner;
      }
      placements.push(placement);
    }
  }

  // 4. The rest of the leased stock: companies of the district as ordinary tenants; neighbours on a
  //    floor often share one (a company renting two or three units side by side).
  const tenantWeights = weightedIds(input.tenants);
  buildings.forEach((b, bi) => {
    let previous: UnitModel | null = null;
    for (const u of unitsOf[bi]) {
      if (!free.has(u)) {
        previous = null;
        continue;
      }
      free.delete(u);
      if (!tenantWeights) {
        u.status = 'VACANT';
        previous = null;
        continue;
      }
      u.status = 'LEASED';
      if (!lease.chance(0.6)) u.askingRent = null;
      if (previous && previous.floor === u.floor && lease.chance(0.3)) {
        u.tenantId = previous.tenantId;
        u.leaseStart = previous.leaseStart;
        u.leaseEnd = previous.leaseEnd;
      } else {
        const term = lease.pick([1, 2, 3, 3, 3, 5, 5]);
        let end = todayDay + Math.floor(lease.next() * 365 * term) - (lease.chance(0.03) ? lease.int(1, 45) : 0);
        let start = Math.min(lastDay, addYears(end + 1, -term));
        if (b.stale && start > b.vacancyDay) {
          // Not updated lately: the sheet still shows the lease it knew.
          start = b.vacancyDay - lease.int(0, 120);
          end = addYears(start, term) - 1;
        }
        u.tenantId = tenantWeights.pick(lease);
        u.leaseStart = start;
        u.leaseEnd = end;
      }
      previous = u;
    }
  });

  // 5. When each unit was recorded (its one history row): when its building was onboarded, or
  //    later, when its current lease began. The building's vacancy update follows its last record.
  const rec = input.stream('units:records');
  for (const u of units) {
    const b = u.building;
    if (u.recordMs === 0) {
      const day = u.status === 'LEASED' ? Math.max(b.onboardDay, u.leaseStart as number) : b.onboardDay;
      u.recordMs = Math.floor(cal.instant(Math.min(day, lastDay), workSeconds(rec)));
      if (u.note === null && rec.chance(0.5)) u.note = rec.pick(V.UNIT_RECORD_NOTES);
    }
  }
  const anchorMs = cal.instant(todayDay, 0);
  buildings.forEach((b, bi) => {
    if (unitsOf[bi].length === 0) return;
    let latest = 0;
    for (const u of unitsOf[bi]) latest = Math.max(latest, u.recordMs);
    const day = Math.max(b.vacancyDay, cal.dayOf(latest));
    b.vacancyDay = day;
    b.vacancyMs = Math.min(anchorMs - 1000, Math.max(latest + 60_000, Math.floor(cal.instant(day, workSeconds(rec)))));
  });

  // Ids from the instants, so rows go in in time order.
  units.sort((a, c) => a.recordMs - c.recordMs || a.buildingIndex - c.buildingIndex || a.floor - c.floor || (a.code < c.code ? -1 : 1));
  for (const u of units) {
    u.id = uuidV7(u.recordMs, ids);
    u.historyId = uuidV7(u.recordMs, ids);
  }
  placements.sort((a, c) => a.createdMs - c.createdMs);
  for (const pl of placements) pl.id = uuidV7(pl.createdMs, ids);

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
    units,
    placements,
    managerRows,
    byStatus,
    vacancyRate: leasable > 0 ? vacant / leasable : null,
    activePlacements: placements.length - released,
    releasedPlacements: released,
    jingjiAreaM2: jingjiNow / 100,
    jingjiAreaInPlanM2: jingjiInPlan / 100,
  };
}
