import { StreamableFile } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import ExcelJS from 'exceljs';
import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { setImmediate } from 'node:timers/promises';
import { districtDate, getDistrictTimeZone } from '../../../common/time/district-clock.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_TYPE = 'text/csv; charset=utf-8';

/** Documents a file download: 200 with the file, in its media type, as binary. */
export function ApiFileResponse(mediaType: string, description: string): MethodDecorator {
  return ApiOkResponse({ description, content: { [mediaType]: { schema: { type: 'string', format: 'binary' } } } });
}

export type TableFormat = 'xlsx' | 'csv';
export type TableCell = string | number | boolean | Date | null | undefined;

/**
 * A column of an export: its Chinese header and how to read the value from a row.
 * `money` values are decimal strings in yuan ("1250000.00"), `date` values business dates
 * ("2024-05-01"), `instant` values timestamps shown in the district's time.
 */
export interface TableColumn<T> {
  header: string;
  value: (row: T) => TableCell;
  type?: 'text' | 'number' | 'money' | 'date' | 'instant';
  width?: number;
}

export interface ExportTable<T> {
  /** the worksheet's name and the Chinese file name: 企业 → 企业-2025-06-30.xlsx */
  title: string;
  /** ASCII file name for clients without RFC 5987 support: companies → companies-2025-06-30.xlsx */
  filename: string;
  columns: TableColumn<T>[];
  rows: AsyncIterable<T>;
}

const instantFormat = new Map<string, Intl.DateTimeFormat>();
function formatInstant(d: Date): string {
  const tz = getDistrictTimeZone();
  let f = instantFormat.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('sv-SE', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    instantFormat.set(tz, f);
  }
  return f.format(d);
}

function xlsxValue<T>(c: TableColumn<T>, v: TableCell): ExcelJS.CellValue {
  if (v === null || v === undefined || v === '') return null;
  switch (c.type) {
    case 'money':
    case 'number':
      return typeof v === 'number' ? v : Number(v);
    case 'date':
      return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? new Date(`${v}T00:00:00Z`) : String(v);
    case 'instant':
      return v instanceof Date ? formatInstant(v) : String(v);
    default:
      return typeof v === 'boolean' ? (v ? '是' : '否') : v instanceof Date ? formatInstant(v) : v;
  }
}

/** CSV cells that a spreadsheet would run as a formula get a leading apostrophe (CSV injection). */
function csvCell<T>(c: TableColumn<T>, v: TableCell): string {
  if (v === null || v === undefined) return '';
  let text = typeof v === 'boolean' ? (v ? '是' : '否') : v instanceof Date ? formatInstant(v) : String(v);
  if ((c.type ?? 'text') === 'text' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Called after every chunk of a download: waits until the consumer took the buffered bytes (false
 * when the download was closed instead), and always lets the event loop turn once. Rows come from a
 * synchronous driver and a fast reader never needs a drain, so without that turn an export of
 * 100,000 rows ran to its end before any other request was answered (seconds, in the bench).
 */
export async function drained(out: PassThrough): Promise<boolean> {
  if (out.writableNeedDrain) {
    // Whichever comes first; the other wait is cancelled, or its listeners would pile up on the
    // stream, one pair per wait, for the whole download.
    const done = new AbortController();
    const wait = (event: string): Promise<unknown> => once(out, event, { signal: done.signal }).catch(() => undefined);
    await Promise.race([wait('drain'), wait('close')]);
    done.abort();
  }
  await setImmediate();
  return !out.destroyed;
}

async function writeXlsx<T>(out: PassThrough, table: ExportTable<T>, first: IteratorResult<T>, rest: AsyncIterator<T>): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = '和平区招商引资管理系统';
  const ws = wb.addWorksheet(table.title, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = table.columns.map((c, i) => ({
    header: c.header,
    key: String(i),
    width: c.width ?? Math.max(10, c.header.length * 2 + 2),
    style: c.type === 'money' ? { numFmt: '#,##0.00' } : c.type === 'date' ? { numFmt: 'yyyy-mm-dd' } : {},
  }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  let n = 0;
  for (let r = first; !r.done; r = await rest.next()) {
    ws.addRow(table.columns.map((c) => xlsxValue(c, c.value(r.value)))).commit();
    if (++n % 500 === 0 && !(await drained(out))) return;
  }
  ws.commit();
  await wb.commit();
}

async function writeCsv<T>(out: PassThrough, table: ExportTable<T>, first: IteratorResult<T>, rest: AsyncIterator<T>): Promise<void> {
  // The BOM makes Excel read the file as UTF-8 rather than the system code page (GBK).
  let buffer = `\ufeff${table.columns.map((c) => csvCell({ header: c.header, value: () => c.header }, c.header)).join(',')}\r\n`;
  for (let r = first; !r.done; r = await rest.next()) {
    const row = r.value;
    buffer += `${table.columns.map((c) => csvCell(c, c.value(row))).join(',')}\r\n`;
    if (buffer.length > 64 * 1024) {
      out.write(buffer);
      buffer = '';
      if (!(await drained(out))) return;
    }
  }
  out.end(buffer);
}

/**
 * Streams a table as an .xlsx workbook or a UTF-8 CSV file: rows are written as the source yields
 * them (keyset pages), so an export of 100,000 rows never sits in memory whole. The first row is
 * read before the response starts, so a failing query still answers with an error status.
 */
export async function sendTable<T>(res: Response, format: TableFormat, table: ExportTable<T>): Promise<StreamableFile> {
  const rows = table.rows[Symbol.asyncIterator]();
  const first = await rows.next();
  const day = districtDate();
  const ext = format === 'xlsx' ? 'xlsx' : 'csv';
  res.setHeader('Content-Type', format === 'xlsx' ? XLSX_TYPE : CSV_TYPE);
  res.setHeader(
    'Content-Disposition',
    `attachment; filename="${table.filename}-${day}.${ext}"; filename*=UTF-8''${encodeURIComponent(`${table.title}-${day}.${ext}`)}`,
  );
  const out = new PassThrough();
  // A client that goes away stops the export at its next page.
  res.on('close', () => out.destroy());
  const write = format === 'xlsx' ? writeXlsx(out, table, first, rows) : writeCsv(out, table, first, rows);
  write.catch((e: unknown) => {
    // Past the first byte there is no status to change: the download breaks instead of ending short.
    out.destroy(e instanceof Error ? e : new Error(String(e)));
  });
  return new StreamableFile(out);
}
