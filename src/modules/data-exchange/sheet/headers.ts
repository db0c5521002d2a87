import { halfWidth } from './cells.js';
import type { CellValue } from './cells.js';
import { cellText } from './cells.js';

/** A column an import understands: its Chinese header (as templates and exports write it) and other names. */
export interface ImportColumn {
  /** The row key the importer reads (often the API field name). */
  key: string;
  /** The API field the column fills, for mapping validation errors back to it (defaults to key). */
  field?: string;
  header: string;
  /** Other accepted headers; the key and the English name always are. */
  aliases?: string[];
  required?: boolean;
  /** What the template says about the column: format, unit, allowed values. */
  hint?: string;
  /** Allowed values, listed in the template's second sheet and offered as a drop-down. */
  choices?: string[];
  /** Width of the template column, in characters. */
  width?: number;
}

/** Header text as compared: half-width, no spaces, no required marker, no bracketed hints, lower case. */
export function headerKey(text: string): string {
  return halfWidth(text)
    .replace(/\s+/g, '')
    .replace(/^\*+|\*+$/g, '')
    .replace(/\([^)]*\)/g, '')
    .replace(/[:：]$/, '')
    .toLowerCase();
}

/** A unit written in the header, e.g. 计划投资额（万元）: every value of the column is in 万元. */
export function headerMultiplier(text: string): bigint | undefined {
  const m = /\((万元|亿元|万美元|亿美元|万)\)/.exec(halfWidth(text).replace(/\s+/g, ''));
  if (!m) return undefined;
  return m[1].startsWith('亿') ? 100_000_000n : 10_000n;
}

export interface HeaderMatch {
  /** 0-based column index → the column it holds */
  byIndex: Map<number, ImportColumn>;
  /** column key → the header as the sheet writes it */
  texts: Map<string, string>;
  multipliers: Map<string, bigint>;
  /** headers of the sheet that name no known column */
  unknown: string[];
  /** known columns given twice: only the first is read */
  repeated: string[];
}

/** Maps a candidate header row to the known columns. */
export function matchHeader(cells: CellValue[], columns: ImportColumn[]): HeaderMatch {
  const lookup = new Map<string, ImportColumn>();
  for (const c of columns) {
    for (const name of [c.header, c.key, ...(c.aliases ?? [])]) lookup.set(headerKey(name), c);
  }
  const byIndex = new Map<number, ImportColumn>();
  const texts = new Map<string, string>();
  const multipliers = new Map<string, bigint>();
  const seen = new Set<string>();
  const unknown: string[] = [];
  const repeated: string[] = [];
  cells.forEach((cell, i) => {
    const text = cellText(cell);
    if (!text) return;
    const column = lookup.get(headerKey(text));
    if (!column) {
      unknown.push(text);
      return;
    }
    if (seen.has(column.key)) {
      repeated.push(text);
      return;
    }
    seen.add(column.key);
    byIndex.set(i, column);
    texts.set(column.key, text);
    const multiplier = headerMultiplier(text);
    if (multiplier) multipliers.set(column.key, multiplier);
  });
  return { byIndex, texts, multipliers, unknown, repeated };
}
