import type { EntityManager } from 'typeorm';
import { sql } from './sql.js';

/**
 * The database-wide count of committed changes (table `change_counter`, one row). `countChange` runs
 * in the writer's transaction, so the new value becomes visible exactly when the change does; readers
 * compare `changeCount` with the value a cached figure was computed at.
 *
 * On PostgreSQL the row is a point of contention: concurrent writers queue on its lock until commit.
 * Writes here are short and office-paced, so that costs less than recomputing progress per read.
 */
export async function countChange(em: EntityManager): Promise<void> {
  await sql(em, 'UPDATE change_counter SET value = value + 1 WHERE id = 1');
}

export async function changeCount(em: EntityManager): Promise<string> {
  const [row] = await sql<{ value: unknown }>(em, 'SELECT value FROM change_counter WHERE id = 1');
  return String(row?.value ?? '0');
}
