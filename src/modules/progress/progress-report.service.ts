import { Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import type { Figure } from './dto/progress.response.js';
import { BreakdownBy, INDICATORS } from './indicators.js';
import { ProgressService } from './progress.service.js';

const STATUS_ZH = { AHEAD: '超前', ON_TRACK: '正常', BEHIND: '滞后' } as const;
const UNIT_ZH: Record<string, string> = { PROJECTS: '个', CNY: '元', USD: '美元', M2: '平方米', COMPANIES: '家', ENTITIES: '户' };
const BY_ZH: Record<Exclude<BreakdownBy, 'year'>, string> = {
  industry: '按产业',
  zone: '按功能区',
  origin: '按来源地',
  source: '按线索来源',
  owner: '按负责人',
};

const num = (f: Figure | null | undefined): number | null => (f === null || f === undefined ? null : Number(f));

/** The progress workbook for meetings: one sheet of indicators, one per breakdown, Chinese headers. */
@Injectable()
export class ProgressReportService {
  constructor(private readonly progress: ProgressService) {}

  async workbook(planCode: string, asOf?: string): Promise<Buffer> {
    const report = await this.progress.progress(planCode, asOf);
    const wb = new ExcelJS.Workbook();
    wb.creator = '和平区招商引资管理系统';
    wb.created = new Date();

    const years = [...new Set(report.indicators.flatMap((i) => i.byYear.map((y) => y.year)))].sort();
    const sheet = wb.addWorksheet('指标进度');
    sheet.addRow([`${report.plan.name}（${report.plan.startDate} 至 ${report.plan.endDate}）完成情况，截至 ${report.asOf}`]);
    sheet.addRow([]);
    const header = sheet.addRow(['指标', '单位', '目标值', '完成值', '其中已核实', '完成率(%)', '应完成值', '预计期末', '进度', ...years.map((y) => `${y}年`)]);
    header.font = { bold: true };
    for (const ind of report.indicators) {
      const byYear = new Map(ind.byYear.map((y) => [y.year, y.value]));
      sheet.addRow([
        ind.nameZh,
        UNIT_ZH[ind.unit] ?? ind.unit,
        num(ind.target),
        num(ind.actual),
        num(ind.verified ?? null),
        ind.percent,
        num(ind.expectedByNow),
        num(ind.forecast),
        STATUS_ZH[ind.status],
        ...years.map((y) => num(byYear.get(y) ?? null)),
      ]);
    }
    sheet.getColumn(1).width = 36;
    for (let c = 3; c <= 9 + years.length; c++) {
      sheet.getColumn(c).width = 18;
      if (c !== 6 && c !== 9) sheet.getColumn(c).numFmt = '#,##0.##';
    }

    const breakdownIndicators = report.indicators.filter((i) => INDICATORS[i.code]?.breakdowns.includes('industry') && INDICATORS[i.code].kind === 'flow' || i.code === 'JINGJI_FLOOR_AREA');
    for (const [by, title] of Object.entries(BY_ZH) as [Exclude<BreakdownBy, 'year'>, string][]) {
      const ws = wb.addWorksheet(title);
      const columns = breakdownIndicators.filter((i) => INDICATORS[i.code].breakdowns.includes(by));
      const results = await Promise.all(columns.map((i) => this.progress.breakdown(planCode, i.code, by, report.asOf)));
      const labels = new Map<string, string>();
      for (const r of results) for (const row of r.rows) labels.set(row.key, row.labelZh);
      const head = ws.addRow(['类别', ...columns.map((i) => `${i.nameZh}（${UNIT_ZH[i.unit] ?? i.unit}）`)]);
      head.font = { bold: true };
      for (const [key, label] of labels) {
        ws.addRow([label, ...results.map((r) => num(r.rows.find((row) => row.key === key)?.value ?? 0))]);
      }
      const total = ws.addRow(['合计', ...results.map((r) => num(r.total))]);
      total.font = { bold: true };
      ws.getColumn(1).width = 30;
      for (let c = 2; c <= columns.length + 1; c++) {
        ws.getColumn(c).width = 24;
        ws.getColumn(c).numFmt = '#,##0.##';
      }
    }
    return Buffer.from(await wb.xlsx.writeBuffer());
  }
}
