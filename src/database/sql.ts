import type { EntityManager } from 'typeorm';

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
