import { Building } from '../../modules/buildings/building.entity.js';
import { BuildingManager } from '../../modules/users/building-manager.entity.js';
import { sql } from '../../database/sql.js';
import { Calendar } from './calendar.js';
import { workSeconds } from './context.js';
import type { EntityRow } from './entity-rows.js';
import { Rng, Weighted, uuidV7 } from './random.js';
import type { DemoTables } from './tables.js';
import type { BulkWriter } from './writer.js';
import * as V from './vocabulary.js';

/**
 * The district's office buildings for the demo: those already in the database (e.g. the seeded ones
 * the plan names), kept as they are, plus generated 大厦 / 中心 / 广场 with a DEMO_ code, each with
 * the day its units were recorded and the day its vacancy was last updated.
 * Pure and deterministic: the same stream and inputs give the same buildings, ids included.
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

export const PRIME_ZONES = new Set(['JIEFANG_NORTH_ROAD', 'XIAOBAILOU', 'NANJING_ROAD_BELT', 'HAIHE_BELT']);
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

function pickWeighted<T>(rng: Rng, entries: readonly (readonly [T, number])[]): T {
  return new Weighted(entries).pick(rng);
}

type Timing = Pick<BuildingModel, 'onboardDay' | 'vacancyDay' | 'stale'>;

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
  const timing = (): Timing => {
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
  for (let n = 1; out.length < input.total; n++) {
    if (zoneEntries.length === 0) break;
    out.push(generatedBuilding(rng, cal, n, pickWeighted(rng, zoneEntries), usedNames, timing));
  }
  return out;
}

function generatedBuilding(rng: Rng, cal: Calendar, n: number, zone: ZoneInfo, usedNames: Set<string>, timing: () => Timing): BuildingModel {
  const grade = rng.chance(zone.code !== 'FIVE_AVENUES' && PRIME_ZONES.has(zone.code) ? 0.5 : 0.3) ? 'A' : 'B';
  const { name, nameEn } = buildingName(rng, n, zone, usedNames);
  const streets = V.ZONE_STREETS[zone.code] ?? V.STREETS;
  const specialty = rng.chance(0.2) && zone.focus.length > 0 ? rng.sample(zone.focus, rng.int(1, Math.min(2, zone.focus.length))) : [];
  const t = timing();
  const createdMs = Math.floor(cal.instant(t.onboardDay - rng.int(0, 14), workSeconds(rng)));
  return {
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
  };
}

const SUFFIXES = V.BUILDING_SUFFIXES.map(([zh, en, w]) => [[zh, en] as const, w] as const);

/** A name not yet taken, in Chinese and English (after 20 tries, with the building's number). */
function buildingName(rng: Rng, n: number, zone: ZoneInfo, usedNames: Set<string>): { name: string; nameEn: string } {
  let name = '';
  let nameEn = '';
  for (let attempt = 0; ; attempt++) {
    const [pz, pe] = rng.pick(V.BUILDING_PREFIXES);
    const [mz, me] = zone.focus.includes('FINANCE') && rng.chance(0.3) ? ['金融', 'Financial'] : rng.pick(V.BUILDING_MIDDLES);
    const [sz, se] = pickWeighted(rng, SUFFIXES);
    name = pz + mz + sz;
    nameEn = [pe, me, se].filter(Boolean).join(' ');
    if (attempt >= 20) {
      name += `${n}号楼`;
      nameEn += ` No. ${n}`;
    }
    if (!usedNames.has(name)) break;
  }
  usedNames.add(name);
  return { name, nameEn };
}

/** The buildings already in the database that get units: seeded ones by code, then those added by hand. */
export async function loadBuildings(writer: BulkWriter): Promise<ExistingBuilding[]> {
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

export function safeJsonList(text: string | null): string[] {
  try {
    const v: unknown = JSON.parse(text ?? '[]');
    return Array.isArray(v) ? v.map(String) : [];
  } catch {
    return [];
  }
}

/**
 * The generated buildings (in creation order), the kept buildings' vacancy update, and the new
 * building managers.
 */
export async function writeBuildings(tables: DemoTables, cal: Calendar, buildings: BuildingModel[], managerRows: { buildingId: string; userId: string }[]): Promise<void> {
  let t = performance.now();
  const generated = buildings.filter((b) => b.demo).sort((a, b) => a.createdMs - b.createdMs);
  await tables.write(
    Building,
    generated.length,
    (i): EntityRow<Building> => {
      const b = generated[i];
      const stamp = cal.stamp(b.createdMs);
      return {
        id: b.id,
        code: b.code,
        name: b.name,
        nameEn: b.nameEn,
        zoneCode: b.zone,
        address: b.address,
        grade: b.grade,
        totalArea: b.totalArea,
        specialtyIndustries: b.specialty,
        createdAt: stamp,
        updatedAt: stamp,
        version: 1,
        archivedAt: null,
        vacancyUpdatedAt: b.vacancyMs === null ? null : cal.stamp(b.vacancyMs),
      };
    },
    t,
  );
  const kept = buildings.filter((b) => !b.demo && b.vacancyMs !== null);
  await tables.dataSource.transaction(async (em) => {
    for (const b of kept) await sql(em, 'UPDATE buildings SET vacancy_updated_at = ? WHERE id = ?', [cal.stamp(b.vacancyMs as number), b.id]);
  });
  t = performance.now();
  await tables.write(BuildingManager, managerRows.length, (i): EntityRow<BuildingManager> => managerRows[i], t);
}
