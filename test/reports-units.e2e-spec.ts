import ExcelJS from 'exceljs';
import { ScansService } from '../src/modules/schedules/scans.service.js';
import { createProject, moveProject } from './factories/records.factory.js';
import { binary } from './support/sheets.js';
import { createTestApp, TestApp, TestUser } from './support/test-app.js';

/**
 * Reports and messages in the units people use (issue 14, items 13 and 14): the weekly digest and the
 * progress workbook say 亿元 / 万元 with two decimals, 个 / 家 / 户, and link to the page in full.
 */
describe('reports in the units people read', () => {
  let t: TestApp;
  let officer: TestUser;
  let leader: TestUser;

  beforeAll(async () => {
    t = await createTestApp({ PUBLIC_BASE_URL: 'https://zhaoshang.heping.example/' });
    officer = await t.newUser('OFFICER');
    leader = await t.newUser('LEADER');
    const p = await createProject(officer.api, { name: '报表测试项目', startedAt: '2023-01-02', relocation: { originProvince: 'BEIJING', function: 'HQ' } });
    await moveProject(officer.api, p.id, 'SIGNED', { at: '2023-02-01' });
    await officer.api.post(`/api/v1/projects/${p.id}/fundings`).send({ date: '2023-03-01', amount: '20445947000.30', currency: 'CNY' }).expect(201);
    await officer.api.post(`/api/v1/projects/${p.id}/fundings`).send({ date: '2023-04-01', amount: '1234567.89', currency: 'USD' }).expect(201);
  });
  afterAll(async () => {
    await t.close();
  });

  it('item 13: the weekly digest says 亿元 with two decimals, 个/家/户, and links to the page in full', async () => {
    // A Monday in the 14th plan: the digest reports the plan running on its day (none runs now until the 15th is entered).
    await t.app.get(ScansService).weeklyDigest(new Date('2025-12-29T09:00:00+08:00'));
    const [digest] = (await leader.api.get('/api/v1/notifications').expect(200)).body.items.filter((n: { event: string }) => n.event === 'WEEKLY_DIGEST');
    const text: string = digest.message;
    expect(text).toContain('- 吸引京冀投资：204.46 亿元 / 200.00 亿元（102.2%，正常；已核实 0.00 亿元，0%）');
    expect(text).toContain('- 引进京冀项目：1 个 / 1,000 个（0.1%，滞后）');
    expect(text).toContain('- 外资到位额：0.01 亿美元 / 3.00 亿美元（0.4%，滞后；已核实 0.00 亿美元，0%）');
    expect(text).toMatch(/- 国家高新技术企业数量：0 家 \/ 100 家/);
    expect(text).toContain('- 市场主体数量：未填报 / 54,000 户（未填报）');
    expect(text).toMatch(/- 承载京冀产业转移的商务楼宇和园区面积：0\.00 万㎡ \/ 40\.00 万㎡/);
    expect(text).toContain('详见 https://zhaoshang.heping.example/dashboard');
    expect(text).not.toMatch(/20445947000|20000000000/);
  });

  it('item 14: the workbook shows 亿元 with number formats, keeps the exact values, and heads every sheet in Chinese', async () => {
    const res = await leader.api.get('/api/v1/reports/progress.xlsx').query({ plan: 'FYP14', asOf: '2025-12-31' }).buffer(true).parse(binary).expect(200);
    const wb = new ExcelJS.Workbook();
    const bytes = res.body as Buffer;
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const sheet = wb.getWorksheet('指标进度')!;
    let found = false;
    sheet.eachRow((row) => {
      if (row.getCell(1).value !== '吸引京冀投资') return;
      found = true;
      expect(row.getCell(2).value).toBe('亿元');
      expect(row.getCell(3).value).toBe(200);
      expect(row.getCell(4).value).toBeCloseTo(204.459470003, 9);
      expect(row.getCell(4).numFmt).toBe('#,##0.00');
      expect(row.getCell(5).value).toBe(102.2);
      expect(row.getCell(10).value).toBe('已完成');
    });
    expect(found).toBe(true);
    // No format leaves a trailing dot on a whole number.
    for (const ws of wb.worksheets) ws.eachRow((row) => row.eachCell((cell) => expect(cell.numFmt ?? '').not.toContain('#.##')));
    const exact = wb.getWorksheet('精确值')!;
    const exactRow = (exact.getSheetValues().filter(Boolean) as unknown[][]).find((r) => r[1] === '吸引京冀投资')!;
    expect(exactRow.slice(2, 5)).toEqual(['元', 20000000000, 20445947000.3]);
    const foreign = (exact.getSheetValues().filter(Boolean) as unknown[][]).find((r) => r[1] === '外资到位额')!;
    expect(foreign.slice(2, 5)).toEqual(['美元', 300000000, 1234567.89]);
    const byIndustry = wb.getWorksheet('按产业')!;
    expect(byIndustry.getRow(1).values).toEqual(expect.arrayContaining(['类别', '吸引京冀投资（亿元）', '吸引京冀投资（元，精确值）']));
    // Drill-down rows have Chinese headers and the exact amounts.
    const detail = wb.getWorksheet('明细-吸引京冀投资')!;
    const header = (detail.getRow(1).values as unknown[]).filter(Boolean) as string[];
    expect(header).toEqual(expect.arrayContaining(['到位日期', '金额（元）', '项目名称', '企业名称', '状态']));
    for (const h of header) expect(h).toMatch(/[\u4e00-\u9fff]/);
    expect(detail.getRow(2).getCell(2).value).toBe(20445947000.3);
    expect(detail.getRow(2).getCell(4).value).toBe('已填报');
    const projects = wb.getWorksheet('明细-引进京冀项目')!;
    expect(projects.getRow(2).getCell(1).value).toBe('报表测试项目');
    expect(projects.getRow(2).getCell(4).value).toBe('签约');
  });
});
