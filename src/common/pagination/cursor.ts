import { DomainError } from '../errors/domain-error.js';

/** A page of a list, as every list route returns it. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;

/**
 * The opaque cursor: the sort key of the last row served, base64url-encoded JSON.
 * Keyset pagination (`WHERE (key, id) < (:key, :id)`) stays stable under inserts and costs the same
 * on page 1 and page 10,000.
 */
export interface CursorPosition {
  /** the sort column's value of the last row (absent when sorting by id alone) */
  k?: string | number | null;
  /** the last row's id, the tie-breaker */
  id: string;
  /** which sort the cursor belongs to; a cursor from another sort is rejected */
  s: string;
}

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, sort: string): CursorPosition {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<CursorPosition>;
    if (typeof parsed.id === 'string' && parsed.s === sort) return parsed as CursorPosition;
  } catch {
    // fall through to the 400 below
  }
  throw DomainError.invalid('cursor', 'cursor is not valid for this list and sort order');
}

/** Builds the page from `limit + 1` fetched rows: the extra row only tells whether another page exists. */
export function toPage<Row, Item>(
  rows: Row[],
  limit: number,
  sort: string,
  keyOf: (row: Row) => Omit<CursorPosition, 's'>,
  map: (row: Row) => Item,
): Page<Item> {
  const hasMore = rows.length > limit;
  const slice = hasMore ? rows.slice(0, limit) : rows;
  const last = slice[slice.length - 1];
  return {
    items: slice.map(map),
    nextCursor: hasMore && last ? encodeCursor({ ...keyOf(last), s: sort }) : null,
  };
}

/** Escapes LIKE wildcards so a search for "100%" finds the text "100%". */
export function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
