/**
 * What a spreadsheet cell holds, and how the typed values of an import are read from it. Excel
 * users type dates as text or get serial numbers, write 1,250,000 or 125万, use full-width digits
 * and Chinese labels instead of codes: each reader understands these or says why not.
 */

/** A formula whose value Excel never computed, or a cell showing an error such as #N/A. */
export interface CellProblem {
  problem: string;
}

export type CellValue = string | number | boolean | Date | CellProblem | null;

export function isCellProblem(v: CellValue): v is CellProblem {
  return typeof v === 'object' && v !== null && !(v instanceof Date);
}

/** The outcome of reading a typed value: the value, or the reason it could not be read. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(message: string): Parsed<T> => ({ ok: false, message });

/** Full-width digits, letters and brackets to their ASCII forms; trimmed. */
export function halfWidth(text: string): string {
  return text.normalize('NFKC').trim();
}

export function isBlank(v: CellValue): boolean {
  return v === null || (typeof v === 'string' && v.trim() === '');
}

/** A cell as text: numbers without exponent or float noise, dates as YYYY-MM-DD. */
export function cellText(v: CellValue): string {
  if (v === null || isCellProblem(v)) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return isoDateOf(v);
  if (Number.isInteger(v) && Math.abs(v) < 1e21) return v.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 0 });
  return String(Number(v.toPrecision(15)));
}

function isoDateOf(d: Date): string {
  // Spreadsheet dates carry no zone: exceljs gives them as midnight UTC.
  return d.toISOString().slice(0, 10);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function validDate(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** Excel's 1900 date system: serial 1 is 1900-01-01, with Lotus's phantom 1900-02-29 (serial 60). */
export function excelSerialToDate(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial >= 2958466) return null;
  const days = Math.floor(serial);
  const epoch = Date.UTC(1899, 11, 30);
  const adjusted = days < 61 ? days + 1 : days;
  return new Date(epoch + adjusted * 86_400_000).toISOString().slice(0, 10);
}

/** A business date: a date cell, an Excel serial number, or text such as 2024-05-01, 2024/5/1, 2024.5.1, 2024年5月1日, 20240501. */
export function parseDate(v: CellValue): Parsed<string> {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? fail('is not a valid date') : ok(isoDateOf(v));
  if (typeof v === 'number') {
    const d = excelSerialToDate(v);
    return d ? ok(d) : fail(`${v} is not a date`);
  }
  const text = halfWidth(cellText(v));
  let m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/.exec(text);
  if (!m) m = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (m) {
    const d = validDate(Number(m[1]), Number(m[2]), Number(m[3]));
    return d ? ok(d) : fail(`${text} is not a date in the calendar`);
  }
  if (/^\d{5}(\.\d+)?$/.test(text)) {
    const d = excelSerialToDate(Number(text));
    if (d) return ok(d);
  }
  return fail(`'${text}' is not a date; write it as 2024-05-01`);
}

const UNITS: Record<string, bigint> = { 万: 10_000n, 亿: 100_000_000n, 千: 1_000n, 百万: 1_000_000n, 千万: 10_000_000n };

/**
 * An exact decimal with at most `places` places after any 万/亿 multiplier, as a string:
 * "1,250,000", "125万", "1.5亿元", "１２３" and numeric cells. `multiplier` applies a header unit
 * such as （万元）. Returns the value as a decimal string with exactly `places` places.
 */
export function parseDecimal(v: CellValue, opts: { places: number; multiplier?: bigint; suffixes?: string[] }): Parsed<string> {
  let text: string;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return fail('is not a number');
    text = cellText(v);
  } else if (typeof v === 'string') {
    text = halfWidth(v);
  } else {
    return fail('is not a number');
  }
  const original = text;
  text = text.replace(/[\s,，']/g, '');
  // NFKC turns ㎡ into m2 in the text, so the suffixes are compared in the same form.
  for (const suffix of [...(opts.suffixes ?? []), '元', 'RMB', 'CNY', '¥', '￥'].map((x) => x.normalize('NFKC'))) {
    if (text.endsWith(suffix)) text = text.slice(0, -suffix.length);
    if (text.startsWith(suffix)) text = text.slice(suffix.length);
  }
  // A unit in the cell (125万) wins over the column's unit (金额（万元）), which applies to plain numbers.
  let multiplier = opts.multiplier ?? 1n;
  for (const [unit, factor] of Object.entries(UNITS).sort((a, b) => b[0].length - a[0].length)) {
    if (text.endsWith(unit)) {
      text = text.slice(0, -unit.length);
      multiplier = factor;
      break;
    }
  }
  const m = /^(-)?(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) return fail(`'${original}' is not a number`);
  const [, sign, whole, frac = ''] = m;
  // scaled = digits × multiplier, as an integer of (places) decimals when exact
  const digits = BigInt(whole + frac);
  const scale = 10n ** BigInt(frac.length);
  const wanted = 10n ** BigInt(opts.places);
  const numerator = digits * multiplier * wanted;
  if (numerator % scale !== 0n) return fail(`'${original}' has more than ${opts.places} decimal place(s)`);
  let units = numerator / scale;
  if (sign) units = -units;
  const abs = units < 0n ? -units : units;
  const intPart = (abs / wanted).toString();
  const fracPart = opts.places > 0 ? `.${(abs % wanted).toString().padStart(opts.places, '0')}` : '';
  return ok(`${units < 0n ? '-' : ''}${intPart}${fracPart}`);
}

/** A number (area, floor): numeric cells, or text with separators, 万 and unit suffixes. */
export function parseNumber(v: CellValue, opts: { places: number; suffixes?: string[] }): Parsed<number> {
  const r = parseDecimal(v, opts);
  return r.ok ? ok(Number(r.value)) : r;
}

const TRUE_WORDS = new Set(['是', 'Y', 'YES', 'TRUE', '1', '√', '对', 'T']);
const FALSE_WORDS = new Set(['否', 'N', 'NO', 'FALSE', '0', '×', 'X', '不是', 'F']);

export function parseBoolean(v: CellValue): Parsed<boolean> {
  if (typeof v === 'boolean') return ok(v);
  const text = halfWidth(cellText(v)).toUpperCase();
  if (TRUE_WORDS.has(text)) return ok(true);
  if (FALSE_WORDS.has(text)) return ok(false);
  return fail(`'${cellText(v)}' is not 是 or 否`);
}

/** A list typed in one cell, separated by 、，,；; or line breaks. */
export function splitList(v: CellValue): string[] {
  return halfWidth(cellText(v))
    .split(/[、,;；\n|/]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Words that name an enum value: its code, Chinese and English labels, and any aliases. */
export interface Choice {
  code: string;
  words: string[];
}

function choiceKey(text: string): string {
  return halfWidth(text).replace(/\s+/g, '').toUpperCase();
}

/** Resolves codes or labels ("展会", "fair", "FAIR") to codes. */
export class ChoiceMap {
  private readonly byWord = new Map<string, string>();

  constructor(
    readonly choices: Choice[],
    /** strips decorations before matching (e.g. the 省/市 of a province) */
    private readonly simplify: (key: string) => string = (k) => k,
  ) {
    for (const c of choices) {
      for (const w of [c.code, ...c.words]) {
        this.byWord.set(choiceKey(w), c.code);
        this.byWord.set(this.simplify(choiceKey(w)), c.code);
      }
    }
  }

  resolve(text: string): string | null {
    const key = choiceKey(text);
    return this.byWord.get(key) ?? this.byWord.get(this.simplify(key)) ?? null;
  }

  /** How the allowed values are listed in messages and templates: "展会 (FAIR)". */
  describe(limit = 12): string {
    const shown = this.choices.slice(0, limit).map((c) => (c.words[0] ? `${c.words[0]} (${c.code})` : c.code));
    return shown.join('、') + (this.choices.length > limit ? '…' : '');
  }
}
