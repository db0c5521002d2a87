import { type Calendar, weekday } from './calendar.js';
import { Rng, Weighted } from './random.js';
import * as V from './vocabulary.js';

/**
 * What every planner shares: the calendar and the demo's days, the seeded streams, the reference
 * data and users, and the small drawing helpers (office hours, workdays, names, phones).
 */
export interface Reference {
  industries: string[];
  segments: Map<string, string[]>;
  zones: { code: string; focus: string[] }[];
  /** Building names by zone, and all of them, for activity summaries. */
  buildings: Map<string, string[]>;
  allBuildings: string[];
}

export interface DemoUsers {
  officers: string[];
  leaders: string[];
  managers: string[];
  created: number;
}

export interface DemoContext {
  cal: Calendar;
  stream: (name: string) => Rng;
  firstDay: number;
  lastDay: number;
  todayDay: number;
  /** The start of today in the district: no generated instant reaches it. */
  anchorMs: number;
  ref: Reference;
  users: DemoUsers;
  /** Officers, weighted by their load. */
  officerPick: Weighted<string>;
  /** Where companies (and leads) come from. */
  originPick: Weighted<V.Origin>;
  /** An industry, by the district's mix. */
  anyIndustry: (rng: Rng) => string;
  /** Company names taken so far (companies, then leads). */
  usedNames: Set<string>;
}

const OFFICER_LOAD = [1.4, 1.3, 1.2, 1.1, 1, 1, 0.9, 0.8, 0.7, 0.6];
const INDUSTRY_MIX: [string, number][] = [
  ['FINANCE', 22],
  ['TRADE', 20],
  ['BUSINESS_SERVICES', 20],
  ['SMART_TECH', 18],
  ['CULTURE_TOURISM', 10],
  ['HEALTH', 10],
];

export function createContext(base: Omit<DemoContext, 'officerPick' | 'originPick' | 'anyIndustry' | 'usedNames'>): DemoContext {
  const knownMix = INDUSTRY_MIX.filter(([code]) => base.ref.segments.has(code));
  const industryPick = new Weighted(knownMix);
  return {
    ...base,
    officerPick: new Weighted(base.users.officers.map((id, i) => [id, OFFICER_LOAD[i % OFFICER_LOAD.length]] as const)),
    originPick: new Weighted<V.Origin>([
      ...V.BEIJING_ORIGINS.map((o) => [o, 35 / V.BEIJING_ORIGINS.length] as const),
      ...V.TIANJIN_ORIGINS.map((o) => [o, 25 / V.TIANJIN_ORIGINS.length] as const),
      ...V.HEBEI_ORIGINS.map((o) => [o, 15 / V.HEBEI_ORIGINS.length] as const),
      ...scaleWeights(V.OTHER_ORIGINS, 25),
    ]),
    anyIndustry: (rng) => (knownMix.length > 0 ? industryPick.pick(rng) : rng.pick(base.ref.industries)),
    usedNames: new Set(),
  };
}

function scaleWeights<T>(entries: [T, number][], total: number): (readonly [T, number])[] {
  const sum = entries.reduce((a, e) => a + e[1], 0);
  return entries.map(([v, w]) => [v, (w * total) / sum] as const);
}

/** Seconds after local midnight during office hours (08:30–18:30). */
export function workSeconds(rng: Rng): number {
  return 30_600 + rng.next() * 36_000;
}

/** Officers seldom record on weekends: moves a Saturday/Sunday to a weekday inside [lo, hi] (mostly). */
export function toWorkday(rng: Rng, day: number, lo: number, hi: number): number {
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

export function personName(rng: Rng): { name: string; handle: string } {
  const [surname, sp] = rng.pick(V.SURNAMES);
  const [g1, p1] = rng.pick(V.GIVEN);
  if (rng.chance(0.55)) {
    const [g2, p2] = rng.pick(V.GIVEN);
    return { name: surname + g1 + g2, handle: sp + p1 + p2 };
  }
  return { name: surname + g1, handle: sp + p1 };
}

export function mobile(rng: Rng): string {
  return rng.pick(V.MOBILE_PREFIXES) + String(rng.int(0, 99_999_999)).padStart(8, '0');
}

/** Indices ordered by key (ties by index), so rows go in in time order: the id index only appends. */
export function sortedOrder(keys: Float64Array): Int32Array {
  const order = new Int32Array(keys.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  order.sort((a, b) => keys[a] - keys[b] || a - b);
  return order;
}

/** Picks an index in proportion to its weight: binary search in the running sums. */
export function cumulative(weights: Float64Array): (rng: Rng) => number {
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
