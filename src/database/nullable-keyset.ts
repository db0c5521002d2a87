import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { instant } from './sql.js';
import { DomainError } from '../common/errors/domain-error.js';
import { isCalendarDate } from '../common/time/district-clock.js';
import { Page, toPage } from '../common/pagination/cursor.js';

/** What a nullable sort column holds, which decides how its values travel in a cursor and back into SQL. */
export type SortKind = 'date' | 'instant' | 'bigint';

export interface NullableSort {
  /** The entity property sorted on (a nullable column). */
  property: string;
  kind: SortKind;
  desc: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const BIGINT = /^-?\d{1,19}$/;

function keyIsValid(k: unknown, kind: SortKind): boolean {
  if (k === null) return true;
  if (typeof k !== 'string') return false;
  if (kind === 'date') return isCalendarDate(k);
  // The instant must read back as itself (Date.parse rolls 2025-02-30 over into March).
  if (kind === 'instant') return INSTANT.test(k) && !Number.isNaN(Date.parse(k)) && new Date(k).toISOString() === k;
  return BIGINT.test(k);
}

/**
 * The position a cursor of a nullable sort encodes, checked in shape and type before any of it
 * reaches a query (a cursor comes back from clients): anything else is a 400 on `cursor`.
 */
function decodePosition(cursor: string, sortName: string, kind: SortKind): { k: string | null; id: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
    const p = parsed as Record<string, unknown>;
    const shapeOk = Object.keys(p).every((name) => name === 'k' || name === 'id' || name === 's');
    if (shapeOk && p.s === sortName && typeof p.id === 'string' && UUID.test(p.id) && 'k' in p && keyIsValid(p.k, kind)) {
      return { k: p.k as string | null, id: p.id };
    }
  }
  throw DomainError.invalid('cursor', 'cursor is not valid for this list and sort order', 'invalidCursor');
}

/** A row's sort value as the cursor carries it: text, so a cursor never holds a float or a Date. */
function keyOf(value: unknown, kind: SortKind): string | null {
  if (value === null || value === undefined) return null;
  if (kind === 'instant') return (value as Date).toISOString();
  return String(value);
}

/**
 * Keyset pagination over a nullable column, nulls last in both directions, the id as tie-breaker:
 * first the rows with a value, `(col, id) > (:k, :id)` in the column's order, then the rows without
 * one in id order. Each part is one range of an index on (col, id): the rows with a value are that
 * index read forwards (or backwards), the nulls its NULL range read by id, so a page costs the same on
 * page 1 and page 10,000 of a million rows. The row-value comparison is what both SQLite (≥ 3.15) and
 * PostgreSQL turn into an index range. Stable under inserts: a row inserted behind the cursor is not
 * seen, one ahead of it is seen once.
 */
export async function nullableKeysetPage<E extends ObjectLiteral & { id: string }, Item>(
  qb: SelectQueryBuilder<E>,
  opts: { alias: string; sortName: string; sort: NullableSort; limit: number; cursor?: string; map: (e: E) => Item },
): Promise<Page<Item>> {
  const { alias, sort, limit } = opts;
  const em = qb.connection.manager;
  const dir = sort.desc ? 'DESC' : 'ASC';
  const cmp = sort.desc ? '<' : '>';
  const col = `${alias}.${sort.property}`;
  const pos = opts.cursor ? decodePosition(opts.cursor, opts.sortName, sort.kind) : null;
  const param = (k: string): unknown => (sort.kind === 'instant' ? instant(em, new Date(k)) : k);

  const rows: E[] = [];
  if (!pos || pos.k !== null) {
    const valued = qb.clone().andWhere(`${col} IS NOT NULL`);
    if (pos && pos.k !== null) valued.andWhere(`(${col}, ${alias}.id) ${cmp} (:nkK, :nkId)`, { nkK: param(pos.k), nkId: pos.id });
    rows.push(...(await valued.orderBy(col, dir).addOrderBy(`${alias}.id`, dir).take(undefined).limit(limit + 1).getMany()));
  }
  if (rows.length <= limit) {
    const nulls = qb.clone().andWhere(`${col} IS NULL`);
    if (pos && pos.k === null) nulls.andWhere(`${alias}.id ${cmp} :nkId`, { nkId: pos.id });
    rows.push(...(await nulls.orderBy(`${alias}.id`, dir).take(undefined).limit(limit + 1 - rows.length).getMany()));
  }
  return toPage(rows, limit, opts.sortName, (r) => ({ id: r.id, k: keyOf((r as Record<string, unknown>)[sort.property], sort.kind) }), opts.map);
}
