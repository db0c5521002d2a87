import { formatMinorUnits } from '../../../common/money/money.js';
import type { Building } from '../../buildings/building.entity.js';
import type { Unit } from '../../buildings/unit.entity.js';
import { UNIT_STATUSES } from '../../reference/enums.js';
import type { ImportColumn } from '../sheet/headers.js';
import type { TableColumn } from '../sheet/table-writer.js';

/** The units sheet (楼宇单元): import columns, in template order. */
export const UNIT_COLUMNS: ImportColumn[] = [
  { key: 'building', field: 'buildingId', header: '楼宇', aliases: ['楼宇名称', '大厦', '楼宇ID', 'building'], required: true, hint: '楼宇名称（或ID）；导入时指定了楼宇可省略此列', width: 24 },
  { key: 'code', header: '单元号', aliases: ['单元', '房号', '房间号', 'unit', 'code'], required: true, hint: '楼宇内唯一；同一楼宇的同一单元号即更新', width: 10 },
  { key: 'floor', header: '楼层', aliases: ['层', 'floor'], required: true, hint: '地下层为负数', width: 8 },
  { key: 'area', header: '面积（㎡）', aliases: ['面积', '建筑面积', 'area'], required: true, width: 12 },
  { key: 'status', header: '状态', aliases: ['房态', 'status'], choices: Object.values(UNIT_STATUSES).map((s) => s.nameZh), hint: '默认空置', width: 10 },
  { key: 'askingRent', header: '报价（元/㎡·天）', aliases: ['报价', '租金', '租金报价', 'asking rent'], hint: '每平方米每天的租金', width: 16 },
  { key: 'availableFrom', header: '可入驻日期', aliases: ['可租日期', 'available from'], width: 14 },
  { key: 'tenantUscc', field: 'tenantCompanyId', header: '租户统一社会信用代码', aliases: ['租户信用代码', 'tenant uscc'], hint: '已租单元填写；企业须已存在', width: 22 },
  { key: 'tenantName', field: 'tenantCompanyId', header: '租户', aliases: ['租户名称', '承租企业', 'tenant'], width: 28 },
  { key: 'leaseStart', header: '租期开始', aliases: ['起租日期', 'lease start'], width: 14 },
  { key: 'leaseEnd', header: '租期结束', aliases: ['到期日期', '租期到期', 'lease end'], width: 14 },
  { key: 'note', header: '备注', aliases: ['说明', 'note'], width: 30 },
];

export type ExportedUnit = Unit & { building: Building };

/** `projects`: include the placed project's id (not for readers who may not read projects). */
export function unitExportColumns(opts: { projects: boolean }): TableColumn<ExportedUnit>[] {
  const columns: TableColumn<ExportedUnit>[] = [
    { header: '楼宇', value: (u) => u.building.name, width: 24 },
    { header: '单元号', value: (u) => u.code },
    { header: '楼层', value: (u) => u.floor, type: 'number' },
    { header: '面积（㎡）', value: (u) => u.area, type: 'number' },
    { header: '状态', value: (u) => UNIT_STATUSES[u.status]?.nameZh ?? u.status },
    { header: '报价（元/㎡·天）', value: (u) => (u.askingRent === null ? null : formatMinorUnits(u.askingRent)), type: 'money', width: 16 },
    { header: '可入驻日期', value: (u) => u.availableFrom, type: 'date' },
    { header: '租户统一社会信用代码', value: (u) => u.tenant?.uscc ?? null, width: 22 },
    { header: '租户', value: (u) => u.tenant?.name ?? null, width: 28 },
    { header: '租期开始', value: (u) => u.leaseStart, type: 'date' },
    { header: '租期结束', value: (u) => u.leaseEnd, type: 'date' },
    { header: '入驻项目ID', value: (u) => u.projectId, width: 38 },
    { header: '楼宇ID', value: (u) => u.buildingId, width: 38 },
    { header: '单元ID', value: (u) => u.id, width: 38 },
    { header: '更新时间', value: (u) => u.updatedAt, type: 'instant', width: 20 },
  ];
  return opts.projects ? columns : columns.filter((c) => c.header !== '入驻项目ID');
}
