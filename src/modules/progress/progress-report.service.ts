import { Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import { drained } from '../data-exchange/sheet/table-writer.js';
import { FUNDING_STATUSES, PROJECT_STAGES, PROVINCES } from '../reference/enums.js';
import { ReferenceService } from '../reference/reference.service.js';
import type { BreakdownResponse, ExcludedFigure, Figure, IndicatorProgress, ProgressResponse } from './dto/progress.response.js';
import { baseUnitZh, displayScale, DisplayScale, scaledNumber, statusZh } from './figures-zh.js';
import { BreakdownBy, INDICATORS } from './indicators.js';
import { ProgressRecordsService } from './progress-records.service.js';
import { ProgressService } from './progress.service.js';

const BY_ZH: Record<Exclude<BreakdownBy, 'year'>, string> = {
  industry: '按产业',
  zone: '按功能区',
  origin: '按来源地',
  source: '按线索来源',
  owner: '按负责人',
  firstContact: '按首谈人',
};

/** What each indicator counts, as the workbook states it beside the figures (docs/figures.md, 统计口径). */
export const DEFINITIONS_ZH: Record<string, string> = {
  JINGJI_PROJECTS: '来源地为北京或河北（有京冀迁移记录）、首次签约日期在统计期内的项目个数（不含已归档项目）',
  JINGJI_INVESTMENT: '上述项目（统计期内首次签约的京冀项目）在统计期内的人民币到位资金，含冲销；期前签约京冀项目的期内到位资金另行列示，不计入',
  JINGJI_FLOOR_AREA: '截至统计日，京冀项目入驻中的单元面积之和（入驻日期不晚于统计日、且未在统计日及以前迁出；项目流失即于流失日迁出）',
  DOMESTIC_CAPITAL: '统计期内全部人民币到位资金（含冲销，不含已归档项目）',
  FOREIGN_CAPITAL: '统计期内全部美元到位资金（以美元计，含冲销，不含已归档项目）',
  HIGH_TECH_ENTERPRISES: '统计日持有有效国家高新技术企业资质（认定日期不晚于统计日、有效期至不早于统计日，默认三年）的企业家数（不含已归档企业）',
  MARKET_ENTITIES: '统计日及以前最近一次填报的市场主体数量；无填报为“未填报”',
};

const EXCEL_MAX_ROWS = 1_000_000;
/** Records read per page while the drill-down sheets stream. */
const RECORDS_PAGE = 1000;

type Cell = ExcelJS.CellValue;
interface DetailColumn {
  header: string;
  value: (r: Record<string, unknown>) => Cell;
  numFmt?: string;
  width?: number;
}

const numberFormat = (scale: DisplayScale): string => (scale.places ? '#,##0.00' : '#,##0');
const exactFormat = (unit: string): string => (unit === 'CNY' || unit === 'USD' || unit === 'M2' ? '#,##0.00' : '#,##0');
const exact = (f: Figure | null | undefined): number | null => (f === null || f === undefined ? null : Number(f));
const dateCell = (v: unknown): Cell => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? new Date(`${v}T00:00:00Z`) : null);

/**
 * The progress workbook for meetings, in the units the dashboard uses: money in 亿元/万元, areas in
 * 万㎡, counts in 个/家/户, with number formats; the exact figures (元 to the fen, ㎡, counts) on the
 * sheet 精确值 and beside each breakdown column; the 统计口径; and one drill-down sheet per indicator
 * (明细) with the records behind the figure, Chinese headers. Streamed: the records never sit in memory.
 */
@Injectable()
export class ProgressReportService {
  constructor(
    private readonly progress: ProgressService,
    private readonly records: ProgressRecordsService,
    private readonly reference: ReferenceService,
  ) {}

  /** Reads every figure first (so a bad plan answers 404 before the download starts), then streams. */
  async workbook(planCode: string, asOf?: string): Promise<PassThrough> {
    const report = await this.progress.progress(planCode, asOf);
    const breakdowns = new Map<string, BreakdownResponse[]>();
    const columns = new Map<string, IndicatorProgress[]>();
    for (const by of Object.keys(BY_ZH) as Exclude<BreakdownBy, 'year'>[]) {
      const list = report.indicators.filter((i) => INDICATORS[i.code] && !INDICATORS[i.code].manual && INDICATORS[i.code].breakdowns.includes(by));
      columns.set(by, list);
      breakdowns.set(by, await Promise.all(list.map((i) => this.progress.breakdown(planCode, i.code, by, report.asOf))));
    }
    const labels = await this.labels();
    const out = new PassThrough();
    this.write(out, planCode, report, columns, breakdowns, labels).catch((e: unknown) => out.destroy(e instanceof Error ? e : new Error(String(e))));
    return out;
  }

  private async labels(): Promise<Map<string, string>> {
    const map = new Map<string, string>();
    for (const i of await this.reference.listIndustries()) map.set(i.code, i.nameZh);
    for (const z of await this.reference.listZones()) map.set(z.code, z.nameZh);
    return map;
  }

  private async write(
    out: PassThrough,
    planCode: string,
    report: ProgressResponse,
    columns: Map<string, IndicatorProgress[]>,
    breakdowns: Map<string, BreakdownResponse[]>,
    labels: Map<string, string>,
  ): Promise<void> {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    wb.creator = '和平区招商引资管理系统';
    wb.created = new Date();
    const years = [...new Set(report.indicators.flatMap((i) => i.byYear.map((y) => y.year)))].sort();
    const title = `${report.plan.name}（${report.plan.startDate} 至 ${report.plan.endDate}）完成情况，截至 ${report.asOf}`;

    // 1. The indicators in the units people read.
    const sheet = wb.addWorksheet('指标进度', { views: [{ state: 'frozen', ySplit: 3 }] });
    sheet.columns = [{ width: 36 }, { width: 8 }, ...Array.from({ length: 9 + years.length }, () => ({ width: 14 }))];
    sheet.addRow([title]).commit();
    sheet.addRow([`进度依据：${report.plan.statusBasis === 'VERIFIED' ? '核实数' : '填报数'}；精确值见“精确值”工作表，统计口径见“统计口径”工作表`]).commit();
    const head = sheet.addRow(['指标', '单位', '目标值', '完成值', '完成率(%)', '其中已核实', '核实完成率(%)', '应完成值', '预计期末', '进度', ...years.map((y) => `${y}年`)]);
    head.font = { bold: true };
    head.commit();
    const notes: string[] = [];
    for (const ind of report.indicators) {
      const scale = displayScale(ind.unit, ind.target);
      const byYear = new Map(ind.byYear.map((y) => [y.year, y.value]));
      const row = sheet.addRow([
        ind.nameZh,
        scale.unitZh,
        scaledNumber(ind.target, scale),
        scaledNumber(ind.actual, scale),
        ind.percent,
        ind.verified === undefined ? null : scaledNumber(ind.verified, scale),
        ind.percentVerified ?? null,
        scaledNumber(ind.expectedByNow, scale),
        scaledNumber(ind.forecast, scale),
        statusZh(ind.status),
        ...years.map((y) => (byYear.has(y) ? scaledNumber(byYear.get(y) as Figure, scale) : null)),
      ]);
      row.eachCell((cell, col) => {
        if (col === 5 || col === 7) cell.numFmt = '0.0';
        else if (col >= 3 && col !== 10) cell.numFmt = numberFormat(scale);
      });
      row.commit();
      for (const e of ind.excluded ?? []) notes.push(`注：${ind.nameZh}——${e.labelZh}：${scaledNumber(e.value, scale)?.toFixed(scale.places)} ${scale.unitZh}（精确值 ${e.value} ${baseUnitZh(ind.unit)}）`);
    }
    if (notes.length) sheet.addRow([]).commit();
    for (const n of notes) sheet.addRow([n]).commit();
    sheet.commit();

    // 2. The exact figures: yuan (dollars) to the fen, m² to 0.01, counts.
    const exactSheet = wb.addWorksheet('精确值', { views: [{ state: 'frozen', ySplit: 1 }] });
    exactSheet.columns = [{ width: 36 }, { width: 8 }, ...Array.from({ length: 5 + years.length }, () => ({ width: 20 }))];
    const exactHead = exactSheet.addRow(['指标', '单位', '目标值', '完成值', '其中已核实', '应完成值', '预计期末', ...years.map((y) => `${y}年`)]);
    exactHead.font = { bold: true };
    exactHead.commit();
    for (const ind of report.indicators) {
      const byYear = new Map(ind.byYear.map((y) => [y.year, y.value]));
      const row = exactSheet.addRow([
        ind.nameZh,
        baseUnitZh(ind.unit),
        exact(ind.target),
        exact(ind.actual),
        exact(ind.verified),
        exact(ind.expectedByNow),
        exact(ind.forecast),
        ...years.map((y) => exact(byYear.get(y))),
      ]);
      row.eachCell((cell, col) => {
        if (col >= 3) cell.numFmt = exactFormat(ind.unit);
      });
      row.commit();
      for (const e of ind.excluded ?? []) {
        const r = exactSheet.addRow([`${ind.nameZh}：${e.labelZh}`, baseUnitZh(ind.unit), null, exact(e.value), exact(e.verified)]);
        r.eachCell((cell, col) => {
          if (col >= 3) cell.numFmt = exactFormat(ind.unit);
        });
        r.commit();
      }
    }
    exactSheet.commit();

    // 3. 统计口径.
    const defs = wb.addWorksheet('统计口径');
    defs.columns = [{ width: 36 }, { width: 120 }];
    const defsHead = defs.addRow(['指标', '统计口径']);
    defsHead.font = { bold: true };
    defsHead.commit();
    defs.addRow(['统计期', `${report.plan.startDate} 至 min(统计日, ${report.plan.endDate})；统计日 ${report.asOf}`]).commit();
    for (const ind of report.indicators) defs.addRow([ind.nameZh, DEFINITIONS_ZH[ind.code] ?? '']).commit();
    defs.commit();

    // 4. Breakdowns: display units, each with its exact column.
    for (const [by, titleZh] of Object.entries(BY_ZH) as [Exclude<BreakdownBy, 'year'>, string][]) {
      const inds = columns.get(by) ?? [];
      const results = breakdowns.get(by) ?? [];
      const ws = wb.addWorksheet(titleZh, { views: [{ state: 'frozen', ySplit: 1 }] });
      ws.columns = [{ width: 30 }, ...inds.flatMap(() => [{ width: 22 }, { width: 22 }])];
      const scales = inds.map((i) => displayScale(i.unit, i.target));
      const header = ws.addRow(['类别', ...inds.flatMap((i, n) => [`${i.nameZh}（${scales[n].unitZh}）`, `${i.nameZh}（${baseUnitZh(i.unit)}，精确值）`])]);
      header.font = { bold: true };
      header.commit();
      const keys = new Map<string, string>();
      for (const r of results) for (const row of r.rows) keys.set(row.key, row.labelZh);
      const line = (label: string, pick: (r: BreakdownResponse) => Figure | null, bold = false): void => {
        const row = ws.addRow([label, ...results.flatMap((r, n) => [scaledNumber(pick(r), scales[n]), exact(pick(r))])]);
        row.eachCell((cell, col) => {
          if (col === 1) return;
          const n = Math.floor((col - 2) / 2);
          cell.numFmt = (col - 2) % 2 === 0 ? numberFormat(scales[n]) : exactFormat(inds[n].unit);
        });
        if (bold) row.font = { bold: true };
        row.commit();
      };
      for (const [key, label] of keys) line(label, (r) => r.rows.find((row) => row.key === key)?.value ?? 0);
      line('合计', (r) => r.total, true);
      const excluded = new Map<string, ExcludedFigure>();
      for (const r of results) for (const e of r.excluded ?? []) excluded.set(e.key, e);
      for (const [key, e] of excluded) line(`注：${e.labelZh}`, (r) => r.excluded?.find((x) => x.key === key)?.value ?? null);
      ws.commit();
    }

    // 5. The records behind each figure (明细).
    for (const ind of report.indicators) {
      const cols = this.detailColumns(ind, labels);
      let ws = this.detailSheet(wb, `明细-${ind.nameZh}`.slice(0, 31), cols);
      let rows = 0;
      let part = 1;
      let cursor: string | undefined;
      do {
        const page = await this.records.records({ plan: planCode, indicator: ind.code, asOf: report.asOf, limit: RECORDS_PAGE, cursor });
        for (const r of page.items) {
          if (rows === EXCEL_MAX_ROWS) {
            ws.commit();
            ws = this.detailSheet(wb, `明细${++part}-${ind.nameZh}`.slice(0, 31), cols);
            rows = 0;
          }
          ws.addRow(cols.map((c) => c.value(r))).commit();
          rows++;
        }
        cursor = page.nextCursor ?? undefined;
        if (!(await drained(out))) return;
      } while (cursor);
      ws.commit();
    }
    await wb.commit();
  }

  private detailSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, name: string, cols: DetailColumn[]): ExcelJS.Worksheet {
    const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = cols.map((c, i) => ({ header: c.header, key: String(i), width: c.width ?? Math.max(12, c.header.length * 2 + 2), style: c.numFmt ? { numFmt: c.numFmt } : {} }));
    ws.getRow(1).font = { bold: true };
    ws.getRow(1).commit();
    return ws;
  }

  /** Chinese headers and values of the drill-down rows of an indicator. */
  private detailColumns(ind: IndicatorProgress, labels: Map<string, string>): DetailColumn[] {
    const zh = (v: unknown): Cell => (typeof v === 'string' ? (labels.get(v) ?? v) : null);
    const province = (v: unknown): Cell => (typeof v === 'string' ? ((PROVINCES as Record<string, { nameZh: string }>)[v]?.nameZh ?? v) : null);
    const text = (v: unknown): Cell => (v === null || v === undefined ? null : String(v));
    const num = (v: unknown): Cell => (v === null || v === undefined ? null : Number(v));
    switch (ind.code) {
      case 'JINGJI_PROJECTS':
        return [
          { header: '项目名称', value: (r) => text(r.name), width: 36 },
          { header: '企业名称', value: (r) => text(r.companyName), width: 36 },
          { header: '签约日期', value: (r) => dateCell(r.signedAt), numFmt: 'yyyy-mm-dd' },
          { header: '当前阶段', value: (r) => (PROJECT_STAGES as Record<string, { nameZh: string }>)[String(r.stage)]?.nameZh ?? text(r.stage) },
          { header: '所属产业', value: (r) => zh(r.industry) },
          { header: '功能区', value: (r) => zh(r.zone), width: 30 },
          { header: '来源地', value: (r) => province(r.originProvince) },
          { header: '项目ID', value: (r) => text(r.id), width: 38 },
        ];
      case 'JINGJI_INVESTMENT':
      case 'DOMESTIC_CAPITAL':
      case 'FOREIGN_CAPITAL':
        return [
          { header: '到位日期', value: (r) => dateCell(r.date), numFmt: 'yyyy-mm-dd' },
          { header: `金额（${baseUnitZh(ind.unit)}）`, value: (r) => num(r.amount), numFmt: '#,##0.00', width: 20 },
          { header: '币种', value: (r) => (r.currency === 'USD' ? '美元' : '人民币') },
          { header: '状态', value: (r) => (FUNDING_STATUSES as Record<string, { nameZh: string }>)[String(r.status)]?.nameZh ?? text(r.status) },
          { header: '核实依据', value: (r) => text(r.evidenceRef), width: 24 },
          { header: '冲销的原记录ID', value: (r) => text(r.reversalOfId), width: 38 },
          { header: '项目名称', value: (r) => text(r.projectName), width: 36 },
          { header: '企业名称', value: (r) => text(r.companyName), width: 36 },
          ...(ind.code === 'JINGJI_INVESTMENT' ? [{ header: '项目签约日期', value: (r: Record<string, unknown>) => dateCell(r.signedAt), numFmt: 'yyyy-mm-dd' }] : []),
          { header: '到位记录ID', value: (r) => text(r.id), width: 38 },
        ];
      case 'JINGJI_FLOOR_AREA':
        return [
          { header: '楼宇', value: (r) => text(r.buildingName), width: 30 },
          { header: '单元号', value: (r) => text(r.unitCode) },
          { header: '面积（㎡）', value: (r) => num(r.area), numFmt: '#,##0.00' },
          { header: '入驻日期', value: (r) => dateCell(r.startDate), numFmt: 'yyyy-mm-dd' },
          { header: '项目名称', value: (r) => text(r.projectName), width: 36 },
          { header: '入驻记录ID', value: (r) => text(r.id), width: 38 },
        ];
      case 'HIGH_TECH_ENTERPRISES':
        return [
          { header: '企业名称', value: (r) => text(r.name), width: 36 },
          { header: '统一社会信用代码', value: (r) => text(r.uscc), width: 22 },
          { header: '所属产业', value: (r) => zh(r.industry) },
          { header: '来源地', value: (r) => province(r.originProvince) },
          { header: '认定日期', value: (r) => dateCell(r.obtainedOn), numFmt: 'yyyy-mm-dd' },
          { header: '有效期至', value: (r) => dateCell(r.expiresOn), numFmt: 'yyyy-mm-dd' },
          { header: '企业ID', value: (r) => text(r.id), width: 38 },
        ];
      default:
        return [
          { header: '填报日期', value: (r) => dateCell(r.date), numFmt: 'yyyy-mm-dd' },
          { header: `数值（${baseUnitZh(ind.unit)}）`, value: (r) => num(r.value), numFmt: '#,##0' },
          { header: '说明', value: (r) => text(r.note), width: 30 },
        ];
    }
  }
}
