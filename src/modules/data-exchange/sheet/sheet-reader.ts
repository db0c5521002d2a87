import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { open } from 'node:fs/promises';
import { DomainError } from '../../../common/errors/domain-error.js';
import type { CellValue } from './cells.js';
import { parseCsv } from './csv.js';
import { checkDeclaredSizes, DEFAULT_EXPANSION_LIMITS, ExpansionLimits, tooLarge, UnzippedBudget } from './expansion-limits.js';

export type SheetFormat = 'xlsx' | 'csv';
export type TextEncoding = 'utf8' | 'gb18030' | 'utf16le' | 'utf16be';

/** One row of the first worksheet (or of the CSV file), numbered as Excel numbers it. */
export interface SheetRow {
  row: number;
  cells: CellValue[];
}

export interface OpenedSheet {
  format: SheetFormat;
  /** For CSV: how the bytes were decoded. */
  encoding?: TextEncoding;
  rows: AsyncIterable<SheetRow>;
}

/** Columns beyond this are ignored: no import has more than a few dozen. */
const MAX_COLUMNS = 200;

function badFile(message: string): DomainError {
  return DomainError.invalid('file', message, 'unreadableFile');
}

async function head(path: string, bytes: number): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await fh.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/**
 * Decides the file kind from its first bytes (not the name a browser sent), refusing what we cannot
 * read; what the file may expand to while read is bounded by `limits` (413 past them).
 */
export async function openSheet(path: string, originalName: string, limits: ExpansionLimits = DEFAULT_EXPANSION_LIMITS): Promise<OpenedSheet> {
  const start = await head(path, 4096);
  if (start.length === 0) throw badFile('the file is empty');
  if (start[0] === 0x50 && start[1] === 0x4b && start[2] === 0x03 && start[3] === 0x04) {
    await checkDeclaredSizes(path, limits);
    return { format: 'xlsx', rows: xlsxRows(path, limits) };
  }
  if (start.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) {
    throw badFile('Excel 97–2003 workbooks (.xls) are not supported: save the sheet as .xlsx (Excel 工作簿) or CSV');
  }
  const encoding = await detectEncoding(path, start);
  if (!encoding) {
    throw badFile(`'${originalName}' is neither an .xlsx workbook nor a CSV text file`);
  }
  return { format: 'csv', encoding, rows: csvRows(path, encoding, limits) };
}

/**
 * UTF-8 (with or without BOM), UTF-16 with a BOM, or else GB18030 (a superset of GBK, what Chinese
 * Excel writes for "CSV"). The whole file is checked as UTF-8, since an ASCII header may be followed
 * by GBK names far below. Null when the bytes are not text at all.
 */
export async function detectEncoding(path: string, start: Buffer): Promise<TextEncoding | null> {
  if (start[0] === 0xef && start[1] === 0xbb && start[2] === 0xbf) return 'utf8';
  if (start[0] === 0xff && start[1] === 0xfe) return 'utf16le';
  if (start[0] === 0xfe && start[1] === 0xff) return 'utf16be';
  if (start.includes(0)) return null;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of createReadStream(path)) decoder.decode(chunk as Buffer, { stream: true });
    decoder.decode();
    return 'utf8';
  } catch {
    return 'gb18030';
  }
}

async function* decodedChunks(path: string, encoding: TextEncoding): AsyncGenerator<string> {
  const decoder = iconv.getDecoder(encoding, { stripBOM: true });
  for await (const chunk of createReadStream(path, { highWaterMark: 256 * 1024 })) {
    const text = decoder.write(chunk as Buffer);
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

async function* csvRows(path: string, encoding: TextEncoding, limits: ExpansionLimits): AsyncGenerator<SheetRow> {
  const csvLimits = { ...limits, onTooLong: (what: 'cellChars' | 'rowChars', row: number) => tooLarge(what, limits, `row ${row}`) };
  for await (const record of parseCsv(decodedChunks(path, encoding), undefined, csvLimits)) {
    yield { row: record.row, cells: record.cells.slice(0, MAX_COLUMNS) };
  }
}

/** exceljs gives formulas, rich text and errors as objects; a cell becomes one plain value. */
export function plainCell(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if (typeof value === 'object') {
    const v = value as { formula?: string; sharedFormula?: string; result?: unknown; richText?: { text: string }[]; text?: unknown; error?: string };
    if (v.error) return { problem: `the cell shows the error ${v.error}` };
    if (v.formula !== undefined || v.sharedFormula !== undefined) {
      if (v.result === undefined || v.result === null) {
        return { problem: 'the cell holds a formula whose value was never computed; open the file in Excel and save it again' };
      }
      return plainCell(v.result);
    }
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if (v.text !== undefined) return plainCell(v.text);
  }
  return String(value);
}

/** The exceljs reader internals patched below (not in its typings). */
interface ReaderInternals {
  _parseSharedStrings(entry: NodeJS.ReadableStream): AsyncGenerator<unknown>;
  _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string): Generator<unknown>;
}

/** Decodes UTF-8 across chunk boundaries. */
async function* utf8(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (text) yield text;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

/**
 * exceljs 4.4's streaming reader decodes every chunk of the XML on its own (utils/parse-sax.js), so a
 * Chinese character that straddles two chunks turns into U+FFFD: a few cells of any sheet beyond
 * 64 KB come out garbled. Its parser passes text through untouched, so the reader is handed text
 * decoded across chunk boundaries: the shared strings and the worksheets.
 */
function utf8SafeReader(reader: ExcelJS.stream.xlsx.WorkbookReader, budget: UnzippedBudget): ExcelJS.stream.xlsx.WorkbookReader {
  const internals = reader as unknown as ReaderInternals;
  const sharedStrings = internals._parseSharedStrings.bind(reader);
  const worksheet = internals._parseWorksheet.bind(reader);
  // What is unzipped is counted as it streams (declared sizes can lie): 413 past the limits.
  internals._parseSharedStrings = (entry) => sharedStrings(Readable.from(utf8(budget.count(entry as AsyncIterable<Buffer | string>, 'sharedStringsBytes'))));
  internals._parseWorksheet = (iterator, sheetNo) => worksheet(utf8(budget.count(iterator)), sheetNo);
  return reader;
}

/** A cell's text length, and a row's, within the limits (413 past them). */
function checkRow(row: number, cells: CellValue[], limits: ExpansionLimits): void {
  let chars = 0;
  for (const cell of cells) {
    const length = typeof cell === 'string' ? cell.length : 0;
    if (length > limits.cellChars) throw tooLarge('cellChars', limits, `row ${row}`);
    chars += length + 1;
  }
  if (chars > limits.rowChars) throw tooLarge('rowChars', limits, `row ${row}`);
}

async function* xlsxRows(path: string, limits: ExpansionLimits): AsyncGenerator<SheetRow> {
  const budget = new UnzippedBudget(limits);
  const reader = utf8SafeReader(
    new ExcelJS.stream.xlsx.WorkbookReader(path, {
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      worksheets: 'emit',
      entries: 'emit',
    }),
    budget,
  );
  try {
    for await (const worksheet of reader) {
      // Only the first worksheet holds data (the template's second sheet lists the allowed values).
      for await (const row of worksheet) {
        const values = row.values as unknown[];
        const cells: CellValue[] = [];
        for (let c = 1; c < Math.min(values.length, MAX_COLUMNS + 1); c++) cells.push(plainCell(values[c]));
        checkRow(row.number, cells, limits);
        yield { row: row.number, cells };
      }
      return;
    }
  } catch (e) {
    if (e instanceof DomainError) throw e;
    throw badFile(`the workbook could not be read (${e instanceof Error ? e.message : String(e)}); save it again as .xlsx`);
  }
}
