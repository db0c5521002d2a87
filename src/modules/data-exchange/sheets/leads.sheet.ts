import { LEAD_SOURCES, LEAD_STATUSES, PROVINCES } from '../../reference/enums.js';
import type { LeadResponse } from '../../leads/dto/lead.dto.js';
import type { ImportColumn } from '../sheet/headers.js';
import type { TableColumn } from '../sheet/table-writer.js';
import type { ReferenceChoices } from './reference-choices.js';

const zh = (labels: Record<string, { nameZh: string }>, code: string | null): string | null => (code ? (labels[code]?.nameZh ?? code) : null);

/** The leads sheet (线索): import columns, in template order. */
export const LEAD_COLUMNS: ImportColumn[] = [
  { key: 'id', header: 'ID', aliases: ['编号', '线索ID'], hint: '留空：新增；填写导出文件中的ID：更新该线索', width: 38 },
  { key: 'companyName', header: '企业名称', aliases: ['公司名称', '线索企业', 'company name'], required: true, hint: '按企业名称识别已有线索（重复导入即更新）', width: 36 },
  { key: 'source', header: '线索来源', aliases: ['来源', 'source'], required: true, choices: Object.values(LEAD_SOURCES).map((s) => s.nameZh), width: 16 },
  { key: 'contactName', header: '联系人', aliases: ['联系人姓名', 'contact'], width: 12 },
  { key: 'contactPhone', header: '联系电话', aliases: ['电话', '手机', '手机号', 'phone'], width: 16 },
  { key: 'contactEmail', header: '电子邮箱', aliases: ['邮箱', 'email', 'e-mail'], width: 24 },
  { key: 'industry', header: '所属产业', aliases: ['产业', '行业', 'industry'], hint: '六大产业名称或代码', width: 14 },
  { key: 'originProvince', header: '来源地省份', aliases: ['来源地', '省份', 'origin province'], choices: Object.values(PROVINCES).map((p) => p.nameZh), width: 14 },
  { key: 'notes', header: '备注', aliases: ['说明', 'notes'], width: 40 },
];

export function leadExportColumns(ref: ReferenceChoices): TableColumn<LeadResponse>[] {
  return [
    { header: 'ID', value: (l) => l.id, width: 38 },
    { header: '企业名称', value: (l) => l.companyName, width: 36 },
    { header: '线索来源', value: (l) => zh(LEAD_SOURCES, l.source) },
    { header: '状态', value: (l) => zh(LEAD_STATUSES, l.status) },
    { header: '联系人', value: (l) => l.contactName },
    { header: '联系电话', value: (l) => l.contactPhone, width: 16 },
    { header: '电子邮箱', value: (l) => l.contactEmail, width: 24 },
    { header: '所属产业', value: (l) => ref.nameOf(l.industry) },
    { header: '来源地省份', value: (l) => zh(PROVINCES, l.originProvince) },
    { header: '备注', value: (l) => l.notes, width: 40 },
    { header: '负责人ID', value: (l) => l.ownerId, width: 38 },
    { header: '关联企业ID', value: (l) => l.companyId, width: 38 },
    { header: '关联项目ID', value: (l) => l.projectId, width: 38 },
    { header: '放弃原因', value: (l) => l.disqualifiedReason, width: 24 },
    { header: '创建时间', value: (l) => l.createdAt, type: 'instant', width: 20 },
  ];
}
