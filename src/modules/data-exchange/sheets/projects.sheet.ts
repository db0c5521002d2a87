import { CURRENCY_LABELS, PROJECT_STAGES, RELOCATION_FUNCTIONS } from '../../reference/enums.js';
import type { ProjectResponse } from '../../projects/dto/project.response.js';
import type { ImportColumn } from '../sheet/headers.js';
import type { TableColumn } from '../sheet/table-writer.js';
import type { ReferenceChoices } from './reference-choices.js';

const zh = (labels: Record<string, { nameZh: string }>, code: string | null | undefined): string | null =>
  code ? (labels[code]?.nameZh ?? code) : null;
const ORIGINS: Record<string, { nameZh: string }> = { BEIJING: { nameZh: '北京' }, HEBEI: { nameZh: '河北' } };

/** The projects sheet (招商项目): import columns, in template order. */
export const PROJECT_COLUMNS: ImportColumn[] = [
  { key: 'id', header: 'ID', aliases: ['编号', '项目ID'], hint: '留空：新增；填写导出文件中的ID：更新该项目', width: 38 },
  { key: 'name', header: '项目名称', aliases: ['项目', 'project name'], required: true, hint: '同一企业的同名项目视为同一项目（重复导入即更新）', width: 32 },
  { key: 'companyUscc', field: 'companyId', header: '企业统一社会信用代码', aliases: ['统一社会信用代码', '信用代码', 'company uscc'], hint: '与企业名称至少填一项；企业须已存在', width: 22 },
  { key: 'companyName', field: 'companyId', header: '企业名称', aliases: ['公司名称', '项目企业', 'company name'], width: 32 },
  { key: 'industry', header: '所属产业', aliases: ['产业', '行业', 'industry'], required: true, hint: '六大产业名称或代码', width: 14 },
  { key: 'segments', header: '细分领域', aliases: ['细分产业', 'segments'], hint: '多个用、分隔', width: 24 },
  { key: 'zone', header: '所属区域', aliases: ['功能区', '区域', '落位区域', 'zone'], hint: '五区三带名称或代码', width: 20 },
  { key: 'plannedInvestment', field: 'plannedInvestment.amount', header: '计划投资额（元）', aliases: ['计划投资额', '投资额', '计划投资', 'planned investment'], hint: '可写 1,250,000 或 125万；表头写（万元）则按万元计', width: 18 },
  { key: 'currency', field: 'plannedInvestment.currency', header: '币种', aliases: ['货币', 'currency'], choices: Object.values(CURRENCY_LABELS).map((c) => c.nameZh), hint: '默认人民币', width: 10 },
  { key: 'areaMin', field: 'areaRequirement.min', header: '需求面积下限（㎡）', aliases: ['面积下限', '最小面积', 'area min'], width: 16 },
  { key: 'areaMax', field: 'areaRequirement.max', header: '需求面积上限（㎡）', aliases: ['面积上限', '最大面积', 'area max'], width: 16 },
  { key: 'originProvince', field: 'relocation.originProvince', header: '迁出地', aliases: ['京冀来源地', '迁出省份', 'relocation origin'], choices: ['北京', '河北'], hint: '京冀项目填写：北京或河北', width: 10 },
  { key: 'originCity', field: 'relocation.originCity', header: '迁出城市', aliases: ['来源城市'], width: 12 },
  { key: 'originDistrict', field: 'relocation.originDistrict', header: '迁出区县', aliases: ['来源区县'], width: 12 },
  { key: 'function', field: 'relocation.function', header: '迁移功能', aliases: ['功能类型', '迁入功能', 'relocation function'], choices: Object.values(RELOCATION_FUNCTIONS).map((f) => f.nameZh), width: 14 },
  { key: 'centralSoe', field: 'relocation.centralSoe', header: '是否央企', aliases: ['央企', 'central soe'], choices: ['是', '否'], width: 10 },
  { key: 'startedAt', header: '洽谈开始日期', aliases: ['开始日期', '洽谈日期', 'started at'], hint: '如 2024-05-01；默认今天', width: 14 },
];

export function projectExportColumns(ref: ReferenceChoices): TableColumn<ProjectResponse>[] {
  return [
    { header: 'ID', value: (p) => p.id, width: 38 },
    { header: '项目名称', value: (p) => p.name, width: 32 },
    { header: '企业统一社会信用代码', value: (p) => p.company?.uscc ?? null, width: 22 },
    { header: '企业名称', value: (p) => p.company?.name ?? null, width: 32 },
    { header: '阶段', value: (p) => zh(PROJECT_STAGES, p.stage) },
    { header: '所属产业', value: (p) => ref.nameOf(p.industry) },
    { header: '细分领域', value: (p) => p.segments.map((s) => ref.nameOf(s)).join('、'), width: 24 },
    { header: '所属区域', value: (p) => ref.nameOf(p.zone), width: 20 },
    { header: '计划投资额（元）', value: (p) => p.plannedInvestment?.amount ?? null, type: 'money', width: 18 },
    { header: '币种', value: (p) => zh(CURRENCY_LABELS, p.plannedInvestment?.currency) },
    { header: '需求面积下限（㎡）', value: (p) => p.areaRequirement?.min ?? null, type: 'number' },
    { header: '需求面积上限（㎡）', value: (p) => p.areaRequirement?.max ?? null, type: 'number' },
    { header: '京冀项目', value: (p) => p.jingji },
    { header: '迁出地', value: (p) => zh(ORIGINS, p.relocation?.originProvince) },
    { header: '迁出城市', value: (p) => p.relocation?.originCity ?? null },
    { header: '迁出区县', value: (p) => p.relocation?.originDistrict ?? null },
    { header: '迁移功能', value: (p) => zh(RELOCATION_FUNCTIONS, p.relocation?.function) },
    { header: '是否央企', value: (p) => (p.relocation ? p.relocation.centralSoe : null) },
    { header: '签约日期', value: (p) => p.signedAt, type: 'date' },
    { header: '阶段变更日期', value: (p) => p.stageChangedAt, type: 'date' },
    { header: '流失原因', value: (p) => p.lostReason, width: 24 },
    { header: '负责人ID', value: (p) => p.ownerId, width: 38 },
    { header: '已归档', value: (p) => p.archived },
    { header: '创建时间', value: (p) => p.createdAt, type: 'instant', width: 20 },
  ];
}
