import { PROVINCES, QUALIFICATIONS } from '../../reference/enums.js';
import type { CompanyResponse } from '../../companies/dto/company.dto.js';
import type { ImportColumn } from '../sheet/headers.js';
import type { TableColumn } from '../sheet/table-writer.js';
import type { ReferenceChoices } from './reference-choices.js';

const zh = (labels: Record<string, { nameZh: string }>, code: string | null): string | null => (code ? (labels[code]?.nameZh ?? code) : null);

/** The companies sheet (企业): import columns, in template order. */
export const COMPANY_COLUMNS: ImportColumn[] = [
  { key: 'id', header: 'ID', aliases: ['编号', '企业ID'], hint: '留空：新增；填写导出文件中的ID：更新该企业', width: 38 },
  { key: 'name', header: '企业名称', aliases: ['公司名称', '名称', 'company name'], required: true, width: 36 },
  { key: 'uscc', header: '统一社会信用代码', aliases: ['信用代码', '社会信用代码', 'USCC'], hint: '18位；按此代码识别已有企业（重复导入即更新）', width: 22 },
  { key: 'originProvince', header: '来源地省份', aliases: ['来源地', '省份', '注册地省份', 'origin province'], choices: Object.values(PROVINCES).map((p) => p.nameZh), width: 14 },
  { key: 'originCity', header: '来源地城市', aliases: ['城市', '来源城市', 'origin city'], width: 14 },
  { key: 'industry', header: '所属产业', aliases: ['产业', '行业', 'industry'], hint: '六大产业名称或代码', width: 14 },
  { key: 'segments', header: '细分领域', aliases: ['细分产业', '产业细分', 'segments'], hint: '多个用、分隔', width: 24 },
  { key: 'qualifications', header: '企业资质', aliases: ['资质', 'qualifications'], hint: '多个用、分隔', choices: Object.values(QUALIFICATIONS).map((q) => q.nameZh), width: 24 },
  {
    key: 'qualifiedOn',
    header: '资质认定日期',
    aliases: ['认定日期', '资质取得日期', '取得日期', 'qualified on', 'obtained on'],
    hint: '“企业资质”所列资质的认定日期；留空：按导入当日取得记',
    width: 14,
  },
  {
    key: 'qualificationExpiresOn',
    header: '资质有效期至',
    aliases: ['有效期至', '资质到期日期', '到期日期', 'expires on'],
    hint: '留空：认定日期起三年',
    width: 14,
  },
];

/** "国家高新技术企业 2023-11-06 至 2026-11-05；…": every award with its dates, for the export. */
function awardsText(c: CompanyResponse): string {
  return c.qualificationRecords.map((r) => `${zh(QUALIFICATIONS, r.code)} ${r.obtainedOn} 至 ${r.expiresOn}`).join('；');
}

/** The companies export: the import columns (so an export re-imports as updates) and the record's facts. */
export function companyExportColumns(ref: ReferenceChoices): TableColumn<CompanyResponse>[] {
  return [
    { header: 'ID', value: (c) => c.id, width: 38 },
    { header: '企业名称', value: (c) => c.name, width: 36 },
    { header: '统一社会信用代码', value: (c) => c.uscc, width: 22 },
    { header: '来源地省份', value: (c) => zh(PROVINCES, c.originProvince) },
    { header: '来源地城市', value: (c) => c.originCity },
    { header: '所属产业', value: (c) => ref.nameOf(c.industry) },
    { header: '细分领域', value: (c) => c.segments.map((s) => ref.nameOf(s)).join('、'), width: 24 },
    { header: '企业资质', value: (c) => c.qualifications.map((q) => zh(QUALIFICATIONS, q)).join('、'), width: 24 },
    { header: '资质认定记录', value: (c) => awardsText(c), width: 48 },
    { header: '已归档', value: (c) => c.archived },
    { header: '创建时间', value: (c) => c.createdAt, type: 'instant', width: 20 },
    { header: '更新时间', value: (c) => c.updatedAt, type: 'instant', width: 20 },
  ];
}
