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

/** Longest cursor accepted: a key of a few hundred characters, base64url-encoded. */
const MAX_CURSOR_CHARS = 2048;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/;

/** A key as toPage writes it: text (no NUL, bounded) or a finite number, or none. */
function keyIsValid(k: unknown): boolean {
  if (k === undefined || k === null) return true;
  if (typeof k === 'number') return Number.isFinite(k);
  return typeof k === 'string' && k.length <= 1000 && !k.includes('\u0000');
}

/**
 * The position a cursor encodes, checked in shape and type before any of it reaches a query or a
 * comparison (a cursor comes back from clients: `{"k":{"toString":1}}` made a 500 on both databases):
 * an object of `k`, `id` (a UUID) and `s` (this list's sort) only. Anything else: 400 `invalidCursor`.
 */
export function decodeCursor(cursor: string, sort: string): CursorPosition {
  let parsed: unknown;
  if (typeof cursor === 'string' && cursor.length <= MAX_CURSOR_CHARS && BASE64URL.test(cursor)) {
    try {
      parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    } catch {
      parsed = undefined;
    }
  }
  if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
    const p = parsed as Record<string, unknown>;
    const shapeOk = Object.keys(p).every((name) => name === 'k' || name === 'id' || name === 's');
    if (shapeOk && p.s === sort && typeof p.id === 'string' && UUID.test(p.id) && keyIsValid(p.k)) {
      return { id: p.id, s: sort, ...(p.k !== undefined && { k: p.k as string | number | null }) };
    }
  }
  throw DomainError.invalid('cursor', 'cursor is not valid for this list and sort order', 'invalidCursor');
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
