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
