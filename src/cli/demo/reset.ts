import { DEMO_BUILDING_WHERE } from './buildings.js';
import { DemoDataError } from './options.js';
import type { BulkWriter } from './writer.js';

/** Children first: every row of these tables goes (units and what hangs on them included). */
export const DELETE_ORDER = [
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

/**
 * Deletes the district's records and the generated buildings. Other modules' rows that point at
 * them (a reminder about a project, a building's managers) are detached first: nullable references
 * cleared, rows that need their target deleted. Returns the seconds it took.
 */
export async function resetDistrict(writer: BulkWriter, log: (line: string) => void): Promise<number> {
  const t = performance.now();
  log(`Deleting existing ${DELETE_ORDER.join(', ')} and the generated buildings …`);
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
  const seconds = (performance.now() - t) / 1000;
  log(`  reset done in ${seconds.toFixed(1)} s`);
  return seconds;
}

/** Without --reset: refuses to mix demo data with existing projects, units or generated buildings. */
export async function refuseToMix(writer: BulkWriter): Promise<void> {
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
