import type { ClassConstructor } from 'class-transformer';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../../../common/auth/actor.js';
import type { FieldIssue } from '../../../common/errors/domain-error.js';
import { UUID_PATTERN } from '../../../common/identity/ids.js';
import { validateBody } from '../../../common/validation/validation.pipe.js';
import {
  CellValue,
  ChoiceMap,
  cellText,
  isBlank,
  isCellProblem,
  parseBoolean,
  parseDate,
  parseDecimal,
  Parsed,
  splitList,
} from '../sheet/cells.js';
import type { ImportColumn } from '../sheet/headers.js';

export const IMPORT_KINDS = ['companies', 'leads', 'projects', 'units'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** What an imported row did: a new record, a changed one, or one that already said the same. */
export type RowOutcome = 'created' | 'updated' | 'unchanged';

/** A row that cannot be imported, with every problem found in it. */
export class RowRejected extends Error {
  constructor(readonly issues: FieldIssue[]) {
    super(issues.map((i) => `${i.field}: ${i.message}`).join('; '));
    this.name = 'RowRejected';
  }
}

/**
 * One data row of a sheet, by column key, with readers that collect a problem per unreadable cell
 * (so a row reports all its problems at once). Readers return undefined for blank cells: in an
 * update, a blank cell leaves the field as it is.
 */
export class ImportRow {
  readonly issues: FieldIssue[] = [];

  constructor(
    readonly row: number,
    private readonly values: Map<string, CellValue>,
    private readonly multipliers: Map<string, bigint> = new Map(),
  ) {}

  /** The cell as text without reading it as a value (no problems recorded): for batch lookups. */
  peek(key: string): string | undefined {
    const v = this.values.get(key);
    if (v === undefined || isBlank(v) || isCellProblem(v)) return undefined;
    return cellText(v);
  }

  has(key: string): boolean {
    const v = this.values.get(key);
    return v !== undefined && !isBlank(v);
  }

  private cell(key: string, field: string): CellValue | undefined {
    const v = this.values.get(key);
    if (v === undefined || isBlank(v)) return undefined;
    if (isCellProblem(v)) {
      this.issues.push({ field, code: 'cellError', message: v.problem });
      return undefined;
    }
    return v;
  }

  /** The cell as its text (trimmed to 100 characters), as an import report shows it; null when blank. */
  textOf(key: string): string | null {
    const v = this.values.get(key);
    if (v === undefined || isBlank(v) || isCellProblem(v)) return null;
    const chars = [...cellText(v)];
    return chars.length > 100 ? chars.slice(0, 100).join('') : chars.join('');
  }

  private read<T>(key: string, field: string, code: string, parse: (v: CellValue) => Parsed<T>): T | undefined {
    const v = this.cell(key, field);
    if (v === undefined) return undefined;
    const r = parse(v);
    if (r.ok) return r.value;
    this.issues.push({ field, code, message: r.message });
    return undefined;
  }

  /** Text as typed; a leading apostrophe that kept a spreadsheet from running it as a formula is dropped. */
  text(key: string, field = key): string | undefined {
    const v = this.cell(key, field);
    if (v === undefined) return undefined;
    const t = cellText(v);
    return /^'[=+\-@]/.test(t) ? t.slice(1) : t;
  }

  date(key: string, field = key): string | undefined {
    return this.read(key, field, 'invalidDate', parseDate);
  }

  /** A decimal in the column's unit (a header such as 金额（万元） multiplies it), as a string. */
  decimal(key: string, field = key, opts: { places?: number; suffixes?: string[] } = {}): string | undefined {
    return this.read(key, field, 'invalidNumber', (v) => parseDecimal(v, { places: opts.places ?? 2, multiplier: this.multipliers.get(key), suffixes: opts.suffixes }));
  }

  number(key: string, field = key, opts: { places?: number; suffixes?: string[] } = {}): number | undefined {
    const d = this.decimal(key, field, opts);
    return d === undefined ? undefined : Number(d);
  }

  boolean(key: string, field = key): boolean | undefined {
    return this.read(key, field, 'invalidBoolean', parseBoolean);
  }

  uuid(key: string, field = key): string | undefined {
    const t = this.text(key, field)?.toLowerCase();
    if (t === undefined) return undefined;
    if (UUID_PATTERN.test(t)) return t;
    this.issues.push({ field, code: 'invalidId', message: `'${t}' is not an id (a UUID as exported)` });
    return undefined;
  }

  /** A code given as the code itself or its Chinese or English label. */
  choice(key: string, field: string, choices: ChoiceMap): string | undefined {
    const t = this.text(key, field);
    if (t === undefined) return undefined;
    const code = choices.resolve(t);
    if (code) return code;
    this.issues.push({ field, code: 'notInList', message: `'${t}' is not one of ${choices.describe()}` });
    return undefined;
  }

  /** Several codes in one cell, separated by 、 , ; or line breaks. */
  choices(key: string, field: string, choices: ChoiceMap): string[] | undefined {
    const v = this.cell(key, field);
    if (v === undefined) return undefined;
    const codes: string[] = [];
    for (const item of splitList(v)) {
      const code = choices.resolve(item);
      if (code) {
        if (!codes.includes(code)) codes.push(code);
      } else this.issues.push({ field, code: 'notInList', message: `'${item}' is not one of ${choices.describe()}` });
    }
    return codes;
  }
}

/**
 * Records looked up once per batch by key; a key absent from the batch's lookup is absent (null), a
 * key the lookup did not cover is looked up on its own.
 */
export class BatchLookup<T> {
  private found = new Map<string, T | null>();

  reset(entries: Map<string, T | null>): void {
    this.found = entries;
  }

  async get(key: string, query: () => Promise<T | null>): Promise<T | null> {
    return this.found.has(key) ? (this.found.get(key) ?? null) : query();
  }
}

/** Splits a list for IN (…) queries of bounded size. */
export function chunks<T>(items: T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Drops the keys of undefined values, so that a blank cell is an absent field. */
export function defined<T extends Record<string, unknown>>(body: T): Partial<T> {
  return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * Validates the body as the API validates a request body (same DTO, same pipe options), together
 * with the problems found reading the row's cells. Throws RowRejected with all of them.
 */
export async function validatedRow<T extends object>(cls: ClassConstructor<T>, body: object, row: ImportRow): Promise<T> {
  const { value, issues } = await validateBody(cls, body);
  const flagged = new Set(row.issues.map((i) => i.field));
  const fresh = issues.filter((i) => !flagged.has(i.field) && ![...flagged].some((f) => i.field.startsWith(`${f}.`)));
  const all = [...row.issues, ...sheetIssues(fresh, body)];
  if (all.length) throw new RowRejected(all);
  return value;
}

/**
 * The problems an import reports, by stable lowerCamel code, so the page can say each in Chinese beside
 * the cell's text ("第 3 行 统一社会信用代码：“91…” 校验位不正确"). Reading a cell: cellError (a formula
 * error such as #N/A), invalidDate, invalidNumber, invalidBoolean, invalidId, notInList. Validating the
 * row: required, tooLong, tooSmall, tooLarge, tooMany, notUnique, and the checks' own names (isUscc,
 * isChinesePhone, isEmail). Across rows and records: duplicateInFile, notFound, ambiguous, archived,
 * notInBuilding. The services' codes pass through (unknownIndustry, segmentNotInIndustry, areaRange,
 * notAfterToday, duplicate…); a refusal by a rule is the rule's name in lowerCamel (see imports.service).
 * Here: class-validator's constraint names as the report names them.
 */
const SHEET_CODES: Record<string, string> = {
  maxLength: 'tooLong',
  min: 'tooSmall',
  max: 'tooLarge',
  arrayMaxSize: 'tooMany',
  arrayUnique: 'notUnique',
  isIn: 'notInList',
  isDateOnly: 'invalidDate',
  isMoneyAmount: 'invalidNumber',
  isNumber: 'invalidNumber',
  isInt: 'invalidNumber',
  isBoolean: 'invalidBoolean',
  isUuid: 'invalidId',
};

function valueAt(body: object, path: string): unknown {
  let v: unknown = body;
  for (const part of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}

/**
 * A row's validation problems as the report lists them: a field the row left blank is `required`
 * (once, whatever constraints its absence broke), the others by SHEET_CODES or their own names.
 */
function sheetIssues(issues: FieldIssue[], body: object): FieldIssue[] {
  const out: FieldIssue[] = [];
  const required = new Set<string>();
  for (const i of issues) {
    if (valueAt(body, i.field) === undefined) {
      if (required.has(i.field)) continue;
      required.add(i.field);
      out.push({ field: i.field, code: 'required', message: `${i.field} is required` });
      continue;
    }
    out.push({ ...i, code: (i.code && SHEET_CODES[i.code]) ?? i.code ?? 'invalid' });
  }
  return out;
}

/** Each record once per file: a second row with the same natural key is refused, naming the first. */
export class KeyRegistry {
  private readonly seen = new Map<string, number>();

  claim(key: string, row: number, field: string, what: string): void {
    const first = this.seen.get(key);
    // The same row may be read twice (a batch run again row by row).
    if (first !== undefined && first !== row) {
      throw new RowRejected([{ field, code: 'duplicateInFile', message: `the same ${what} as row ${first}; a record appears once per file` }]);
    }
    this.seen.set(key, row);
  }
}

export interface ImportOptions {
  /** units: every row belongs to this building (checked once, before any row) */
  buildingId?: string;
}

/** One import of one file: reads and writes one row inside the caller's transaction. */
export interface ImportSession {
  /** Looks up, once per batch, the records the batch's rows may update (instead of one query per row). */
  prepare?(em: EntityManager, rows: ImportRow[]): Promise<void>;
  /**
   * Reads and writes one row. With `defer`, a session may queue its creates and write them together
   * in `flush`, at the end of the batch, in the same transaction.
   */
  importRow(em: EntityManager, row: ImportRow, opts: { defer: boolean }): Promise<RowOutcome>;
  flush?(em: EntityManager): Promise<void>;
}

/** An importable kind: its columns, and the rules that turn a row into a create or an update. */
export interface Importer {
  readonly kind: ImportKind;
  /** 企业, 线索… for templates and messages */
  readonly title: string;
  readonly columns: ImportColumn[];
  /** the field named by problems that concern the whole row (refused by a rule, not a cell) */
  readonly keyField: string;
  /** Checks the actor may import this kind at all (403 otherwise) and prepares reference data. */
  begin(actor: Actor, options: ImportOptions): Promise<ImportSession>;
}

/** JSON with object keys sorted and undefined members dropped, so that equal values compare equal. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object' && !(v instanceof Date)) {
    const entries = Object.entries(v as Record<string, unknown>)
      .filter(([, x]) => x !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`).join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}

/** The fields `next` sets (blank cells set nothing) whose values differ from `current`. */
export function changedKeys<T extends object>(next: T, current: object): (keyof T & string)[] {
  const a = next as Record<string, unknown>;
  const b = current as Record<string, unknown>;
  return (Object.keys(a) as (keyof T & string)[]).filter((k) => a[k] !== undefined && canonical(a[k]) !== canonical(b[k]));
}
