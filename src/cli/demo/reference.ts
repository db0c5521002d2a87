import { safeJsonList } from './buildings.js';
import type { Reference } from './context.js';
import { DemoDataError } from './options.js';
import type { BulkWriter } from './writer.js';

/** The reference data the app loads at start: industries and their segments, zones, building names. */
export async function loadReference(writer: BulkWriter): Promise<Reference> {
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
