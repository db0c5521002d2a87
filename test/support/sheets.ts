import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { Response } from 'supertest';

/** A CSV text from rows, quoting where needed, CRLF line ends (as Excel writes it). */
export function csv(rows: (string | number | null)[][]): string {
  return rows
    .map((r) => r.map((c) => (c === null ? '' : /[",\r\n]/.test(String(c)) ? `"${String(c).replace(/"/g, '""')}"` : String(c))).join(','))
    .join('\r\n');
}

export const utf8WithBom = (text: string): Buffer => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
/** What Chinese Excel saves as "CSV (逗号分隔)": GBK, no BOM. */
export const gbk = (text: string): Buffer => iconv.encode(text, 'gbk');

/** Builds an .xlsx in the test itself with exceljs; `build` fills the first worksheet. */
export async function xlsx(build: (ws: ExcelJS.Worksheet) => void, sheetName = '数据'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb.addWorksheet(sheetName));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Reads a downloaded workbook's first sheet as rows of plain values (1-based columns dropped). */
export async function readXlsx(body: Buffer): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  const rows: unknown[][] = [];
  ws.eachRow({ includeEmpty: false }, (row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

/** supertest parser that keeps a binary body as a Buffer. */
export function binary(res: Response, cb: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
}
