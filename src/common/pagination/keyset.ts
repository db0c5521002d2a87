import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { DomainError } from '../errors/domain-error.js';
import { isCalendarDate } from '../time/district-clock.js';
import { decodeCursor, Page, toPage } from './cursor.js';

/** Sort orders a list offers: by creation (the time-ordered id) or by a text column, with id as tie-breaker. */
export const SORTS = ['-createdAt', 'createdAt', 'name', '-name'] as const;
export type Sort = (typeof SORTS)[number];

interface KeysetRow {
  id: string;
}

/**
 * Applies keyset pagination to a query: the order, the "after the cursor" condition and `limit + 1`,
 * then builds the page. `nameColumn` is the column behind the `name` sorts (`nameIsDate` when it holds dates).
 */
export async function keysetPage<E extends ObjectLiteral & KeysetRow, Item>(
  qb: SelectQueryBuilder<E>,
  opts: { alias: string; sort: Sort; limit: number; cursor?: string; nameColumn?: string; nameIsDate?: boolean; map: (e: E) => Item },
): Promise<Page<Item>> {
  const { alias, sort, limit } = opts;
  const nameProp = opts.nameColumn ?? 'name';
  const byName = sort === 'name' || sort === '-name';
  const desc = sort.startsWith('-');
  const dir = desc ? 'DESC' : 'ASC';
  const cmp = desc ? '<' : '>';
  if (opts.cursor) {
    const pos = decodeCursor(opts.cursor, sort);
    // A date column's key must be a date: PostgreSQL refuses to compare a date with other text (a 500).
    if (byName && opts.nameIsDate && !(typeof pos.k === 'string' && isCalendarDate(pos.k))) {
      throw DomainError.invalid('cursor', 'cursor is not valid for this list and sort order', 'invalidCursor');
    }
    if (byName) {
      qb.andWhere(`(${alias}.${nameProp} ${cmp} :ck OR (${alias}.${nameProp} = :ck AND ${alias}.id ${cmp} :cid))`, {
        ck: String(pos.k ?? ''),
        cid: pos.id,
      });
    } else {
      qb.andWhere(`${alias}.id ${cmp} :cid`, { cid: pos.id });
    }
  }
  if (byName) qb.orderBy(`${alias}.${nameProp}`, dir).addOrderBy(`${alias}.id`, dir);
  else qb.orderBy(`${alias}.id`, dir);
  qb.take(undefined).limit(limit + 1);
  const rows = await qb.getMany();
  return toPage(
    rows,
    limit,
    sort,
    (r) => (byName ? { id: r.id, k: (r as Record<string, unknown>)[nameProp] as string } : { id: r.id }),
    opts.map,
  );
}
