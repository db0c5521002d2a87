import { Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { ReferenceService } from '../reference/reference.service.js';
import { ImportKind } from './importers/importer.js';
import { ImportsService } from './imports.service.js';

/** Enough rows for any sheet a district team fills by hand; the drop-downs cover them. */
const TEMPLATE_ROWS = 5000;

function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/**
 * Import templates (导入模板): the data sheet with the Chinese headers (required ones in red, a note
 * on each), drop-downs for columns with allowed values, those values listed on a second sheet, and
 * the instructions on a third. The data sheet comes first: imports read the first worksheet.
 */
@Injectable()
export class TemplatesService {
  constructor(
    private readonly imports: ImportsService,
    private readonly reference: ReferenceService,
  ) {}

  async workbook(kind: ImportKind): Promise<Buffer> {
    const importer = this.imports.importer(kind);
    const industries = await this.reference.listIndustries();
    const zones = await this.reference.listZones();
    const dynamic: Record<string, string[]> = {
      industry: industries.map((i) => i.nameZh),
      segments: industries.flatMap((i) => i.segments.map((s) => s.nameZh)),
      zone: zones.map((z) => z.nameZh),
    };
    const wb = new ExcelJS.Workbook();
    wb.creator = '和平区招商引资管理系统';
    const data = wb.addWorksheet(importer.title, { views: [{ state: 'frozen', ySplit: 1 }] });
    const values = wb.addWorksheet('可选值');
    const help = wb.addWorksheet('填写说明');

    data.columns = importer.columns.map((c) => ({ header: c.header, key: c.key, width: c.width ?? Math.max(12, c.header.length * 2 + 2) }));
    const head = data.getRow(1);
    head.font = { bold: true };
    importer.columns.forEach((c, i) => {
      const cell = head.getCell(i + 1);
      if (c.required) cell.font = { bold: true, color: { argb: 'FFC00000' } };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFEFEF' } };
      if (c.hint) cell.note = c.hint;
      // Text cells, so that codes and phone numbers keep their leading zeros and digits.
      if (!['floor', 'area', 'areaMin', 'areaMax', 'plannedInvestment', 'askingRent'].includes(c.key)) data.getColumn(i + 1).numFmt = '@';
    });

    // exceljs writes range validations (worksheet.dataValidations) but leaves them out of its typings.
    const validations = (data as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations;
    let listColumn = 0;
    values.getRow(1).font = { bold: true };
    importer.columns.forEach((c, i) => {
      const allowed = c.choices ?? dynamic[c.key];
      if (!allowed?.length) return;
      listColumn++;
      const letter = columnLetter(listColumn);
      values.getCell(`${letter}1`).value = c.header;
      allowed.forEach((v, n) => (values.getCell(`${letter}${n + 2}`).value = v));
      values.getColumn(listColumn).width = Math.max(14, c.header.length * 2 + 2);
      // A list typed into one cell (segments, qualifications) cannot be a drop-down.
      if (c.key === 'segments' || c.key === 'qualifications') return;
      const target = columnLetter(i + 1);
      validations.add(`${target}2:${target}${TEMPLATE_ROWS}`, {
        type: 'list',
        allowBlank: true,
        showErrorMessage: false,
        formulae: [`'可选值'!$${letter}$2:$${letter}$${allowed.length + 1}`],
      });
    });

    help.columns = [{ width: 24 }, { width: 10 }, { width: 80 }];
    help.addRow([`${importer.title}导入说明`]).font = { bold: true, size: 14 };
    help.addRow(['在第一个工作表填写数据，第1行为表头，从第2行起每行一条记录。先用"试导入"（dryRun=true）检查，无误后再正式导入；同一文件重复导入会更新已有记录而不会重复创建。']);
    help.addRow([]);
    help.addRow(['列', '必填', '说明']).font = { bold: true };
    for (const c of importer.columns) {
      const allowed = c.choices ?? dynamic[c.key];
      help.addRow([c.header, c.required ? '是' : '', [c.hint, allowed?.length ? '可选值见"可选值"工作表' : null].filter(Boolean).join('；')]);
    }
    return Buffer.from(await wb.xlsx.writeBuffer());
  }
}
