import { Placement } from '../../modules/buildings/placement.entity.js';
import type { BuildingModel } from './buildings.js';
import type { Calendar } from './calendar.js';
import { workSeconds } from './context.js';
import type { EntityRow } from './entity-rows.js';
import type { Rng } from './random.js';
import { Layout, SpaceInput, SpaceProject, UnitModel, addYears } from './space.js';
import type { DemoTables } from './tables.js';

/**
 * Placements (入驻): landed projects move into units from their registration on, in date order; the
 * share placed is set so the Beijing–Hebei area of the plan period comes out near the aim. A few have
 * moved out again (released). Each unit's history row names the project, as the placement service's does.
 */
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

/** Of the projects placed, this share has already moved out again (released placements). */
const RELEASED_SHARE = 0.05;
/** Most units a placement takes in one building. */
const MAX_UNITS_PER_PROJECT = 6;

interface Move {
  p: SpaceProject;
  startDay: number;
  /** m² wanted. */
  target: number;
}

export function placeProjects(input: SpaceInput, layout: Layout): PlacementModel[] {
  const { lastDay, planEnd } = input;
  const rng = input.stream('placements');
  const moves: (Move & { i: number })[] = input.projects
    .filter((p) => p.landedDay !== null)
    .map((p, i) => {
      const startDay = Math.min(lastDay, (p.landedDay as number) + Math.floor(rng.exponential(25)));
      const requirement = p.areaMin ?? rng.logUniform(150, 1500);
      return { p, i, startDay, target: Math.min(requirement, rng.logUniform(150, 2500)) };
    })
    .sort((a, b) => a.startDay - b.startDay || a.i - b.i);
  const jingjiWanted = moves.filter((x) => x.p.jingji && x.startDay <= planEnd).reduce((s, x) => s + x.target, 0);
  const share = jingjiWanted > 0 ? Math.min(1, input.jingjiAimM2 / jingjiWanted) : 1;
  const placements: PlacementModel[] = [];
  const inPlan = { area100: 0 };
  const chooser = buildingChooser(input, layout);
  for (const move of moves) {
    if (!rng.chance(share)) continue;
    if (move.p.jingji && move.startDay <= planEnd && inPlan.area100 >= input.jingjiAimM2 * 105) continue;
    const lag = rng.chance(0.6) ? 0 : rng.int(1, 10);
    const chosen = chooser(rng, move, lag);
    if (!chosen) continue;
    placeOne(input, layout, rng, move, chosen, placements, inPlan);
  }
  return placements;
}

/** The building a move goes to (weighted by zone and industry fit), with the day it was recorded. */
function buildingChooser(input: SpaceInput, layout: Layout): (rng: Rng, move: Move, lag: number) => { bi: number; createdDay: number } | null {
  const { buildings, lastDay } = input;
  const focusOf = new Map(input.zones.map((z) => [z.code, z.focus]));
  const weights = new Float64Array(buildings.length);
  const createdDays = new Int32Array(buildings.length);
  return (rng, { p, startDay }, lag) => {
    let sum = 0;
    buildings.forEach((b, bi) => {
      const createdDay = Math.min(lastDay, Math.max(startDay + lag, b.onboardDay));
      createdDays[bi] = createdDay;
      if (layout.poolSize[bi] === 0 || (b.stale && createdDay > b.vacancyDay)) {
        weights[bi] = 0;
        return;
      }
      let w = 1;
      if (p.zone === b.zone) w += 6;
      if (b.specialty.includes(p.industry)) w += 3;
      if (focusOf.get(b.zone)?.includes(p.industry)) w += 2;
      weights[bi] = w;
      sum += w;
    });
    if (sum === 0) return null;
    let x = rng.next() * sum;
    let bi = -1;
    for (let k = 0; k < buildings.length; k++) {
      if (weights[k] === 0) continue;
      bi = k;
      if (x < weights[k]) break;
      x -= weights[k];
    }
    return { bi, createdDay: createdDays[bi] };
  };
}

/** A seed unit, then its neighbours along the floor and the floors next to it, up to the area wanted. */
function takeUnits(rng: Rng, list: UnitModel[], free: Set<UnitModel>, target: number): UnitModel[] {
  let seed = -1;
  for (let tries = 0; tries < 64 && seed < 0; tries++) {
    const k = rng.int(0, list.length - 1);
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
  return taken;
}

/** The move's end (some have moved out again) and, while it lasts, its lease's end. */
function term(input: SpaceInput, rng: Rng, b: BuildingModel, startDay: number, createdDay: number): { endDay: number | null; leaseEnd: number | null } {
  const { lastDay, todayDay } = input;
  const canRelease = startDay <= lastDay - 150 && createdDay + 90 < (b.stale ? b.vacancyDay : lastDay);
  const endDay = canRelease && rng.chance(RELEASED_SHARE) ? rng.int(Math.max(startDay, createdDay) + 90, b.stale ? b.vacancyDay : lastDay) : null;
  let leaseEnd: number | null = null;
  if (endDay === null && rng.chance(0.85)) {
    const years = rng.pick([3, 5, 5, 10]);
    leaseEnd = addYears(startDay, years) - 1;
    while (leaseEnd < todayDay) leaseEnd = addYears(leaseEnd + 1, years) - 1;
  }
  return { endDay, leaseEnd };
}

function placeOne(
  input: SpaceInput,
  layout: Layout,
  rng: Rng,
  { p, startDay, target }: Move,
  { bi, createdDay }: { bi: number; createdDay: number },
  placements: PlacementModel[],
  inPlan: { area100: number },
): void {
  const { cal, planEnd } = input;
  const b = input.buildings[bi];
  const taken = takeUnits(rng, layout.unitsOf[bi], layout.free, target);
  const createdMs = Math.floor(cal.instant(createdDay, workSeconds(rng)));
  const { endDay, leaseEnd } = term(input, rng, b, startDay, createdDay);
  for (const u of taken) {
    layout.free.delete(u);
    layout.poolSize[bi]--;
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
    u.historyProjectId = p.id;
    u.actor = p.owner;
    if (endDay === null) {
      u.status = 'LEASED';
      u.tenantId = p.companyId;
      u.projectId = p.id;
      u.leaseStart = startDay;
      u.leaseEnd = leaseEnd;
      if (!rng.chance(0.6)) u.askingRent = null;
      u.recordMs = createdMs;
      u.note = `入驻: ${p.name}`;
      if (p.jingji && startDay <= planEnd) inPlan.area100 += u.area100;
    } else {
      release(cal, rng, p, u, placement, endDay);
    }
    placements.push(placement);
  }
}

/** Moved out on `endDay`: the placement ends, the unit is vacant since. */
function release(cal: Calendar, rng: Rng, p: SpaceProject, u: UnitModel, placement: PlacementModel, endDay: number): void {
  const endMs = Math.max(placement.createdMs + 60_000, Math.floor(cal.instant(endDay, workSeconds(rng))));
  placement.updatedMs = endMs;
  placement.releasedBy = p.owner;
  placement.note = rng.chance(0.5) ? '企业迁出，租约提前终止' : null;
  u.status = 'VACANT';
  u.recordMs = endMs;
  u.note = `迁出: ${p.name}`;
}

export async function writePlacements(tables: DemoTables, cal: Calendar, placements: PlacementModel[]): Promise<void> {
  await tables.write(Placement, placements.length, (i): EntityRow<Placement> => {
    const pl = placements[i];
    const active = pl.endDay === null;
    return {
      id: pl.id,
      projectId: pl.projectId,
      unitId: pl.unit.id,
      startDate: cal.date(pl.startDay),
      endDate: pl.endDay === null ? null : cal.date(pl.endDay),
      area: pl.area100 / 100,
      activeUnitId: active ? pl.unit.id : null,
      note: pl.note,
      createdById: pl.createdBy,
      releasedById: pl.releasedBy,
      createdAt: cal.stamp(pl.createdMs),
      updatedAt: cal.stamp(pl.updatedMs),
      version: active ? 1 : 2,
    };
  });
}
