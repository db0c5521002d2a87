import type { EntityManager } from 'typeorm';
import { DateUtils } from 'typeorm/util/DateUtils.js';

/**
 * Hand-written SQL that runs on both databases: write `?` placeholders (numbered `$n` for
 * PostgreSQL here), pass booleans through `bool()` (SQLite stores 1/0 and cannot bind booleans).
 */
export function isPostgres(em: EntityManager): boolean {
  return em.connection.options.type === 'postgres';
}

export function bool(em: EntityManager, value: boolean): boolean | number {
  return isPostgres(em) ? value : value ? 1 : 0;
}

export async function sql<T = Record<string, unknown>>(em: EntityManager, text: string, params: unknown[] = []): Promise<T[]> {
  let query = text;
  if (isPostgres(em)) {
    let n = 0;
    query = text.replace(/\?/g, () => `$${++n}`);
  }
  return (await em.query(query, params)) as T[];
}

/**
 * An instant as a parameter of hand-written SQL: PostgreSQL binds a Date; SQLite compares the UTC
 * text TypeORM writes into `datetime` columns ("2026-05-01 08:30:00.000").
 */
export function instant(em: EntityManager, value: Date): Date | string {
  return isPostgres(em) ? value : (DateUtils.mixedDateToUtcDatetimeString(value) as string);
}

/**
 * A whole-second instant (a district day's start) as a bound for comparisons with hand-written or
 * query-builder SQL. On SQLite the text has no fraction: rows stamped by the database's own default
 * ("2026-05-01 16:00:00") and by TypeORM ("2026-05-01 16:00:00.000") both compare right against it.
 */
export function instantBound(em: EntityManager, value: Date): Date | string {
  return isPostgres(em) ? value : value.toISOString().slice(0, 19).replace('T', ' ');
}
