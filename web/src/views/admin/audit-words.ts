import { FIELD_LABELS } from '@/api/errors';

/** The audit trail in Chinese: record types, what was done, and the fields changed. */
export const ENTITY_ZH: Record<string, string> = {
  Project: '项目',
  Lead: '线索',
  Company: '企业',
  Funding: '资金到位',
  Activity: '跟进记录',
  LeadActivity: '线索跟进',
  Building: '楼宇',
  Unit: '房源',
  Placement: '入驻',
  User: '用户',
  Plan: '规划',
  IndicatorValue: '指标填报',
  Reminder: '提醒',
  Notification: '站内消息',
  NotificationChannel: '通知渠道',
  NotificationDelivery: '通知发送',
  ImportJob: '导入任务',
  CompanyQualification: '企业资质',
  VacancySnapshot: '空置快照',
  Department: '责任单位',
  Problem: '项目问题',
};

/** The record named by an action's first part (`project.update` → 项目). */
const SUBJECT_ZH: Record<string, string> = {
  project: '项目',
  lead: '线索',
  'lead-activity': '线索跟进',
  company: '企业',
  funding: '资金到位',
  activity: '跟进记录',
  building: '楼宇',
  unit: '房源',
  placement: '入驻',
  user: '用户',
  plan: '规划',
  reminder: '提醒',
  notification: '站内消息',
  channel: '通知渠道',
  delivery: '通知发送',
  import: '导入',
  qualification: '企业资质',
  vacancy: '空置',
  department: '责任单位',
  problem: '项目问题',
};

/** What was done, by the action's last part. */
const VERB_ZH: Record<string, string> = {
  create: '新建',
  update: '修改',
  archive: '归档',
  unarchive: '取消归档',
  transition: '推进阶段',
  'stage-correction': '更正阶段',
  'correct-stages': '更正阶段',
  reassign: '更换负责人',
  convert: '转为项目',
  disqualify: '标记无效',
  reverse: '冲销',
  reversed: '被冲销',
  verify: '核实',
  merge: '合并',
  'merge-into': '并入',
  'merge-undo': '撤销合并',
  'company-merge': '随企业合并转移',
  place: '安排入驻',
  release: '结束入驻',
  'vacancy-sheet': '月度空置确认',
  snapshot: '月末快照',
  value: '填报',
  cancel: '取消',
  read: '标为已读',
  retry: '重发',
  queue: '排队',
  supervise: '督办',
  claim: '认领',
  assign: '分配',
  return: '退回公海',
  warn: '退回提醒',
};

/** `project.transition` → 项目·推进阶段; `lead.pool.claim` → 线索·认领; unknown parts stay as they are. */
export function actionZh(action: string): string {
  const parts = action.split('.');
  const subject = SUBJECT_ZH[parts[0]] ?? parts[0];
  const verb = parts.length > 1 ? (VERB_ZH[parts[parts.length - 1]] ?? parts.slice(1).join('.')) : '';
  return verb ? `${subject}·${verb}` : subject;
}

const MORE_FIELDS: Record<string, string> = {
  stage: '阶段',
  ownerId: '负责人',
  firstContactId: '首谈人',
  companyId: '企业',
  projectId: '项目',
  leadId: '线索',
  buildingId: '楼宇',
  unitId: '房源',
  signedAt: '签约日期',
  registeredAt: '注册落地日期',
  operatingAt: '投产运营日期',
  lostAt: '流失日期',
  lostReason: '流失原因',
  startedAt: '洽谈开始日期',
  archived: '已归档',
  archivedAt: '归档时间',
  active: '启用',
  jingji: '京冀项目',
  centralSoe: '央企项目',
  verified: '已核实',
  verifiedAt: '核实时间',
  reversedBy: '冲销记录',
  floor: '楼层',
  number: '房号',
  area: '面积',
  address: '地址',
  url: '地址',
  events: '推送事件',
  targets: '目标值',
  indicators: '规划指标',
  baselines: '基期值',
  milestones: '年度节点',
  statusBasis: '统计口径',
  startDate: '开始日期',
  endDate: '结束日期',
  mobile: '手机号',
  supervised: '督办',
  deadline: '办理期限',
  qualifications: '企业资质',
  inPool: '在公海',
  poolEnteredAt: '进入公海时间',
  claimedAt: '认领时间',
  tokenVersion: '登录凭证版本',
};

/** A changed field's Chinese name, or the field itself when it has none. */
export function fieldZh(field: string): string {
  return MORE_FIELDS[field] ?? FIELD_LABELS[field] ?? field;
}
