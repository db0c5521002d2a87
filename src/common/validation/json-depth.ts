/** How deep a JSON body may nest objects and arrays; no request of the API needs more than a few levels. */
export const MAX_JSON_DEPTH = 32;

const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** What body-parser turns into the request's error (see all-exceptions.filter.ts): 400, type `entity.too.deep`. */
export class JsonTooDeepError extends Error {
  readonly status = 400;
  readonly type = 'entity.too.deep';

  constructor(readonly maxDepth: number) {
    super(`JSON body nests objects or arrays deeper than ${maxDepth} levels`);
  }
}

/**
 * The deepest nesting of objects and arrays in a JSON text, counted on its bytes in one pass without
 * recursion (brackets inside strings do not count; UTF-8 continuation bytes never look like ASCII).
 * Stops as soon as `limit` is passed, so a body nested 100,000 deep costs a few microseconds.
 */
export function jsonDepthExceeds(raw: Buffer, limit = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < raw.length; i++) {
    const b = raw[i];
    if (inString) {
      if (b === BACKSLASH) i++;
      else if (b === QUOTE) inString = false;
    } else if (b === QUOTE) inString = true;
    else if (b === OPEN_OBJECT || b === OPEN_ARRAY) {
      if (++depth > limit) return true;
    } else if (b === CLOSE_OBJECT || b === CLOSE_ARRAY) depth--;
  }
  return false;
}

/**
 * body-parser's `verify` hook for JSON bodies: runs on the raw bytes before they are parsed, so a body
 * nested deeper than MAX_JSON_DEPTH is refused (400 MALFORMED_BODY, detail `maxDepth`) before
 * JSON.parse, class-transformer or class-validator walk it (2,500 levels overflowed class-transformer's
 * stack; 100,000 held the event loop 0.3 s per request), on every route.
 */
export function refuseDeepJson(_req: unknown, _res: unknown, raw: Buffer): void {
  if (jsonDepthExceeds(raw)) throw new JsonTooDeepError(MAX_JSON_DEPTH);
}
