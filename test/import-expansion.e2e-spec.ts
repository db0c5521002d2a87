import JSZip from 'jszip';
import { performance } from 'node:perf_hooks';
import request from 'supertest';
import { xlsx } from './support/sheets.js';
import { createTestApp, TestApp } from './support/test-app.js';

/**
 * What one upload may expand to (issue 12, finding 3): a 0.3 MB workbook whose one shared string
 * unzipped to 300 MB took 1.1 GB and stalled the service 4 s; one-line CSVs of 49 MB were held
 * whole. Crafted files are refused with 413 naming the limit, imports at once are bounded (429), and
 * the service keeps answering meanwhile. Small limits here (own file: the app reads its environment once).
 */
const SHARED_STRINGS_MB = 4;

/** A workbook of 企业名称 and one company whose name, a shared string, unzips to `mb` megabytes. */
async function sharedStringBomb(mb: number, opts: { lieAboutSize?: boolean } = {}): Promise<Buffer> {
  const base = await xlsx((ws) => {
    ws.addRow(['企业名称']);
    ws.addRow(['占位企业']);
  });
  const zip = await JSZip.loadAsync(base);
  const huge = 'A'.repeat(mb * 1024 * 1024);
  zip.file(
    'xl/sharedStrings.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2" uniqueCount="2"><si><t>企业名称</t></si><si><t>${huge}</t></si></sst>`,
  );
  const out = Buffer.from(await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } }));
  if (opts.lieAboutSize) {
    // The central directory and the local header both claim the part unzips to 1,000 bytes.
    const eocd = out.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    let p = out.readUInt32LE(eocd + 16);
    for (let n = out.readUInt16LE(eocd + 10); n > 0; n--) {
      const nameLength = out.readUInt16LE(p + 28);
      const name = out.toString('utf8', p + 46, p + 46 + nameLength);
      if (name === 'xl/sharedStrings.xml') {
        out.writeUInt32LE(1000, p + 24);
        out.writeUInt32LE(1000, out.readUInt32LE(p + 42) + 22);
      }
      p += 46 + nameLength + out.readUInt16LE(p + 30) + out.readUInt16LE(p + 32);
    }
  }
  return out;
}

describe('what an import may expand to', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ WORKERS: 'false', IMPORT_MAX_SHARED_STRINGS_MB: String(SHARED_STRINGS_MB), IMPORT_MAX_ROW_CHARS: '100000', IMPORT_MAX_CELL_CHARS: '5000' });
  });
  afterAll(async () => {
    await t.close();
  });

  const refused = (res: request.Response, code: string, variable: string): void => {
    expect({ status: res.status, code: res.body.code, detail: res.body.details?.[0]?.code, namesLimit: String(res.body.message).includes(variable) }).toEqual({
      status: 413,
      code: 'PAYLOAD_TOO_LARGE',
      detail: code,
      namesLimit: true,
    });
  };

  it('refuses a small workbook whose shared strings unzip past IMPORT_MAX_SHARED_STRINGS_MB, before unzipping it', async () => {
    const file = await sharedStringBomb(64);
    expect(file.length).toBeLessThan(300_000);
    const started = performance.now();
    const res = await t.admin.api.post('/api/v1/imports/companies?dryRun=true').attach('file', file, 'bomb.xlsx');
    refused(res, 'maxSharedStrings', 'IMPORT_MAX_SHARED_STRINGS_MB');
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('stops unzipping a workbook that lies about its sizes once it passes the limit, and keeps answering meanwhile', async () => {
    const file = await sharedStringBomb(64, { lieAboutSize: true });
    const rssBefore = process.memoryUsage().rss;
    const importing = t.admin.api.post('/api/v1/imports/companies?dryRun=true').attach('file', file, 'liar.xlsx').then((r) => r);
    const health = await request(t.http).get('/health');
    expect(health.status).toBe(200);
    refused(await importing, 'maxSharedStrings', 'IMPORT_MAX_SHARED_STRINGS_MB');
    // 64 MB of text never held: the reader gave up after 4 MB.
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(200 * 1024 * 1024);
  });

  it('refuses a one-line CSV past IMPORT_MAX_ROW_CHARS and a cell past IMPORT_MAX_CELL_CHARS', async () => {
    const oneLine = Buffer.from(`企业名称,${'甲企业,'.repeat(2_000_000)}`);
    refused(await t.admin.api.post('/api/v1/imports/companies?dryRun=true').attach('file', oneLine, 'line.csv'), 'maxRowLength', 'IMPORT_MAX_ROW_CHARS');
    const oneCell = Buffer.from(`企业名称\n"${'很长的名字'.repeat(3000)}"\n`);
    refused(await t.admin.api.post('/api/v1/imports/companies?dryRun=true').attach('file', oneCell, 'cell.csv'), 'maxCellLength', 'IMPORT_MAX_CELL_CHARS');
    const cellInXlsx = await xlsx((ws) => {
      ws.addRow(['企业名称']);
      ws.addRow(['长'.repeat(6000)]);
    });
    refused(await t.admin.api.post('/api/v1/imports/companies?dryRun=true').attach('file', cellInXlsx, 'cell.xlsx'), 'maxCellLength', 'IMPORT_MAX_CELL_CHARS');
  });

  it('runs one import per user at a time: a second at once gets 429 with Retry-After, another user’s runs', async () => {
    const officer = await t.newUser('OFFICER');
    const other = await t.newUser('OFFICER');
    const rows = Array.from({ length: 20_000 }, (_, i) => `并发导入测试企业${i}号有限公司`).join('\n');
    const big = Buffer.from(`企业名称\n${rows}\n`);
    const first = officer.api.post('/api/v1/imports/companies?dryRun=true').attach('file', big, 'first.csv').then((r) => r);
    await new Promise((r) => setTimeout(r, 300));
    const [second, others] = await Promise.all([
      officer.api.post('/api/v1/imports/companies?dryRun=true').attach('file', Buffer.from('企业名称\n第二次导入企业\n'), 'second.csv'),
      other.api.post('/api/v1/imports/companies?dryRun=true').attach('file', Buffer.from('企业名称\n另一人导入企业\n'), 'other.csv'),
    ]);
    expect({ status: second.status, code: second.body.code, retryAfter: Number(second.headers['retry-after']) > 0 }).toEqual({ status: 429, code: 'RATE_LIMITED', retryAfter: true });
    expect(others.status).toBe(200);
    expect((await first).status).toBe(200);
    // Once the first is done, the next is accepted.
    await officer.api.post('/api/v1/imports/companies?dryRun=true').attach('file', Buffer.from('企业名称\n第三次导入企业\n'), 'third.csv').expect(200);
  }, 60_000);
});
