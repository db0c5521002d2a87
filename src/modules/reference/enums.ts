/**
 * Every enum of the contract with its Chinese and English labels, in one place: the values are the
 * API's UPPER_SNAKE_CASE codes, the labels are what users read (served by GET /api/v1/enums).
 */
export interface EnumLabel {
  nameZh: string;
  nameEn: string;
}

function labels<const T extends Record<string, EnumLabel>>(map: T): T {
  return map;
}

export const LEAD_SOURCES = labels({
  REFERRAL: { nameZh: '以商招商', nameEn: 'Referral by a company' },
  MATCHMAKING_EVENT: { nameZh: '京冀对接会', nameEn: 'Matchmaking event' },
  INTERMEDIARY: { nameZh: '中介机构', nameEn: 'Intermediary' },
  FAIR: { nameZh: '展会', nameEn: 'Trade fair' },
  COLD_VISIT: { nameZh: '上门拜访', nameEn: 'Cold visit' },
  GOVERNMENT_PROMOTION: { nameZh: '政府推介', nameEn: 'Government promotion' },
  WALK_IN: { nameZh: '自主来访', nameEn: 'Walk-in' },
  OTHER: { nameZh: '其他', nameEn: 'Other' },
});
export type LeadSource = keyof typeof LEAD_SOURCES;

export const LEAD_STATUSES = labels({
  NEW: { nameZh: '新线索', nameEn: 'New' },
  CONTACTED: { nameZh: '已联系', nameEn: 'Contacted' },
  QUALIFIED: { nameZh: '已确认', nameEn: 'Qualified' },
  CONVERTED: { nameZh: '已转项目', nameEn: 'Converted' },
  DISQUALIFIED: { nameZh: '已放弃', nameEn: 'Disqualified' },
});
export type LeadStatus = keyof typeof LEAD_STATUSES;

export const PROJECT_STAGES = labels({
  NEGOTIATING: { nameZh: '洽谈', nameEn: 'Negotiating' },
  SITE_VISIT: { nameZh: '考察', nameEn: 'Site visit' },
  SIGNED: { nameZh: '签约', nameEn: 'Signed' },
  REGISTERED: { nameZh: '注册落地', nameEn: 'Registered / landed' },
  OPERATING: { nameZh: '投产运营', nameEn: 'Operating' },
  LOST: { nameZh: '流失', nameEn: 'Lost' },
});
export type ProjectStage = keyof typeof PROJECT_STAGES;

export const ACTIVITY_TYPES = labels({
  CALL: { nameZh: '电话', nameEn: 'Call' },
  VISIT: { nameZh: '拜访', nameEn: 'Visit' },
  MEETING: { nameZh: '会谈', nameEn: 'Meeting' },
  SITE_TOUR: { nameZh: '实地考察', nameEn: 'Site tour' },
  EMAIL: { nameZh: '邮件', nameEn: 'Email' },
  EVENT: { nameZh: '活动', nameEn: 'Event' },
  OTHER: { nameZh: '其他', nameEn: 'Other' },
});
export type ActivityType = keyof typeof ACTIVITY_TYPES;

export const RELOCATION_FUNCTIONS = labels({
  HQ: { nameZh: '总部', nameEn: 'Headquarters' },
  REGIONAL_HQ: { nameZh: '区域总部', nameEn: 'Regional headquarters' },
  SETTLEMENT_CENTER: { nameZh: '结算中心', nameEn: 'Settlement centre' },
  RND: { nameZh: '研发中心', nameEn: 'R&D centre' },
  BRANCH: { nameZh: '分支机构', nameEn: 'Branch' },
  SUBSIDIARY: { nameZh: '新设子公司', nameEn: 'New subsidiary' },
});
export type RelocationFunction = keyof typeof RELOCATION_FUNCTIONS;

/** Origins of a Beijing–Hebei relocation (京冀). */
export const JINGJI_PROVINCES = ['BEIJING', 'HEBEI'] as const;
export type JingjiProvince = (typeof JINGJI_PROVINCES)[number];

/** Provincial-level divisions, for a company's or lead's origin; OVERSEAS for foreign investors. */
export const PROVINCES = labels({
  BEIJING: { nameZh: '北京市', nameEn: 'Beijing' },
  TIANJIN: { nameZh: '天津市', nameEn: 'Tianjin' },
  HEBEI: { nameZh: '河北省', nameEn: 'Hebei' },
  SHANXI: { nameZh: '山西省', nameEn: 'Shanxi' },
  INNER_MONGOLIA: { nameZh: '内蒙古自治区', nameEn: 'Inner Mongolia' },
  LIAONING: { nameZh: '辽宁省', nameEn: 'Liaoning' },
  JILIN: { nameZh: '吉林省', nameEn: 'Jilin' },
  HEILONGJIANG: { nameZh: '黑龙江省', nameEn: 'Heilongjiang' },
  SHANGHAI: { nameZh: '上海市', nameEn: 'Shanghai' },
  JIANGSU: { nameZh: '江苏省', nameEn: 'Jiangsu' },
  ZHEJIANG: { nameZh: '浙江省', nameEn: 'Zhejiang' },
  ANHUI: { nameZh: '安徽省', nameEn: 'Anhui' },
  FUJIAN: { nameZh: '福建省', nameEn: 'Fujian' },
  JIANGXI: { nameZh: '江西省', nameEn: 'Jiangxi' },
  SHANDONG: { nameZh: '山东省', nameEn: 'Shandong' },
  HENAN: { nameZh: '河南省', nameEn: 'Henan' },
  HUBEI: { nameZh: '湖北省', nameEn: 'Hubei' },
  HUNAN: { nameZh: '湖南省', nameEn: 'Hunan' },
  GUANGDONG: { nameZh: '广东省', nameEn: 'Guangdong' },
  GUANGXI: { nameZh: '广西壮族自治区', nameEn: 'Guangxi' },
  HAINAN: { nameZh: '海南省', nameEn: 'Hainan' },
  CHONGQING: { nameZh: '重庆市', nameEn: 'Chongqing' },
  SICHUAN: { nameZh: '四川省', nameEn: 'Sichuan' },
  GUIZHOU: { nameZh: '贵州省', nameEn: 'Guizhou' },
  YUNNAN: { nameZh: '云南省', nameEn: 'Yunnan' },
  TIBET: { nameZh: '西藏自治区', nameEn: 'Tibet' },
  SHAANXI: { nameZh: '陕西省', nameEn: 'Shaanxi' },
  GANSU: { nameZh: '甘肃省', nameEn: 'Gansu' },
  QINGHAI: { nameZh: '青海省', nameEn: 'Qinghai' },
  NINGXIA: { nameZh: '宁夏回族自治区', nameEn: 'Ningxia' },
  XINJIANG: { nameZh: '新疆维吾尔自治区', nameEn: 'Xinjiang' },
  HONG_KONG: { nameZh: '香港特别行政区', nameEn: 'Hong Kong' },
  MACAO: { nameZh: '澳门特别行政区', nameEn: 'Macao' },
  TAIWAN: { nameZh: '台湾省', nameEn: 'Taiwan' },
  OVERSEAS: { nameZh: '境外', nameEn: 'Overseas' },
});
export type Province = keyof typeof PROVINCES;

export const QUALIFICATIONS = labels({
  HIGH_TECH: { nameZh: '国家高新技术企业', nameEn: 'National high-tech enterprise' },
  TECH_SME: { nameZh: '国家科技型中小企业', nameEn: 'Tech-based SME' },
  FLEDGLING: { nameZh: '雏鹰企业', nameEn: 'Fledgling enterprise' },
  GAZELLE: { nameZh: '瞪羚企业', nameEn: 'Gazelle enterprise' },
  LEADER: { nameZh: '领军企业', nameEn: 'Leading enterprise' },
});
export type Qualification = keyof typeof QUALIFICATIONS;

export const CURRENCY_LABELS = labels({
  CNY: { nameZh: '人民币', nameEn: 'Chinese yuan' },
  USD: { nameZh: '美元', nameEn: 'US dollar' },
});

export const FUNDING_STATUSES = labels({
  REPORTED: { nameZh: '已填报', nameEn: 'Reported' },
  VERIFIED: { nameZh: '已核实', nameEn: 'Verified' },
});
export type FundingStatus = keyof typeof FUNDING_STATUSES;

/** 房态: the state of an office unit. */
export const UNIT_STATUSES = labels({
  VACANT: { nameZh: '空置', nameEn: 'Vacant' },
  RESERVED: { nameZh: '预留', nameEn: 'Reserved' },
  LEASED: { nameZh: '已租', nameEn: 'Leased' },
  UNAVAILABLE: { nameZh: '不可租', nameEn: 'Unavailable' },
});
export type UnitStatus = keyof typeof UNIT_STATUSES;

export const ROLE_LABELS = labels({
  ADMIN: { nameZh: '系统管理员', nameEn: 'Administrator' },
  OFFICER: { nameZh: '招商专员', nameEn: 'Investment officer' },
  BUILDING_MANAGER: { nameZh: '楼宇管理员', nameEn: 'Building manager' },
  LEADER: { nameZh: '区领导', nameEn: 'Leader' },
  DEPARTMENT: { nameZh: '责任单位', nameEn: 'Responsible department' },
});

export const REMINDER_SUBJECT_TYPES = labels({
  PROJECT: { nameZh: '项目', nameEn: 'Project' },
  LEAD: { nameZh: '线索', nameEn: 'Lead' },
  BUILDING: { nameZh: '楼宇', nameEn: 'Building' },
});
export type ReminderSubjectType = keyof typeof REMINDER_SUBJECT_TYPES;

export const REMINDER_STATUSES = labels({
  SCHEDULED: { nameZh: '待提醒', nameEn: 'Scheduled' },
  SENT: { nameZh: '已提醒', nameEn: 'Sent' },
  CANCELLED: { nameZh: '已取消', nameEn: 'Cancelled' },
  FAILED: { nameZh: '提醒失败', nameEn: 'Failed' },
});
export type ReminderStatus = keyof typeof REMINDER_STATUSES;

/** MANUAL: set by a user; FOLLOW_UP: derived from a project's or lead's next follow-up (下次跟进). */
export const REMINDER_KINDS = labels({
  MANUAL: { nameZh: '手动提醒', nameEn: 'Manual' },
  FOLLOW_UP: { nameZh: '跟进提醒', nameEn: 'Follow-up' },
});
export type ReminderKind = keyof typeof REMINDER_KINDS;

export const NOTIFICATION_EVENTS = labels({
  REMINDER_DUE: { nameZh: '提醒到期', nameEn: 'Reminder due' },
  PROJECT_STALE: { nameZh: '项目久未跟进', nameEn: 'Project without activity' },
  VACANCY_STALE: { nameZh: '楼宇空置数据未更新', nameEn: 'Vacancy data not updated' },
  LEASE_EXPIRING: { nameZh: '租约即将到期', nameEn: 'Lease expiring' },
  WEEKLY_DIGEST: { nameZh: '每周进展简报', nameEn: 'Weekly digest' },
  PROBLEM_OVERDUE: { nameZh: '项目问题逾期', nameEn: 'Project problem overdue' },
  PROBLEM_SUPERVISED: { nameZh: '项目问题督办', nameEn: 'Project problem supervised' },
  LEAD_POOL: { nameZh: '线索退回公海', nameEn: 'Lead returning to the pool' },
  DELIVERY_FAILED: { nameZh: '群机器人推送失败', nameEn: 'Robot delivery failed' },
});
export type NotificationEventType = keyof typeof NOTIFICATION_EVENTS;

export const CHANNEL_TYPES = labels({
  WECOM: { nameZh: '企业微信群机器人', nameEn: 'WeCom group robot' },
  DINGTALK: { nameZh: '钉钉群机器人', nameEn: 'DingTalk group robot' },
  WEBHOOK: { nameZh: '通用 Webhook', nameEn: 'Generic JSON webhook' },
});
export type ChannelType = keyof typeof CHANNEL_TYPES;

export const DELIVERY_STATUSES = labels({
  PENDING: { nameZh: '待发送', nameEn: 'Pending' },
  SENDING: { nameZh: '发送中', nameEn: 'Sending' },
  SENT: { nameZh: '已送达', nameEn: 'Sent' },
  FAILED: { nameZh: '发送失败', nameEn: 'Failed' },
});
export type DeliveryStatus = keyof typeof DELIVERY_STATUSES;

/** 项目问题: what blocks a project and which department must solve it (问题清单). */
export const PROBLEM_CATEGORIES = labels({
  APPROVAL: { nameZh: '审批/注册', nameEn: 'Approval / registration' },
  PREMISES: { nameZh: '场地', nameEn: 'Premises' },
  FUNDING: { nameZh: '资金', nameEn: 'Funding' },
  TALENT: { nameZh: '人才', nameEn: 'Talent' },
  POLICY: { nameZh: '政策兑现', nameEn: 'Policy fulfilment' },
  OTHER: { nameZh: '其他', nameEn: 'Other' },
});
export type ProblemCategory = keyof typeof PROBLEM_CATEGORIES;

export const PROBLEM_STATUSES = labels({
  OPEN: { nameZh: '待办', nameEn: 'Open' },
  IN_PROGRESS: { nameZh: '办理中', nameEn: 'In progress' },
  RESOLVED: { nameZh: '已办结', nameEn: 'Resolved' },
  UNRESOLVABLE: { nameZh: '无法解决', nameEn: 'Cannot be resolved' },
});
export type ProblemStatus = keyof typeof PROBLEM_STATUSES;

/** What happened to a problem, as its history and the project's timeline show it. */
export const PROBLEM_EVENT_KINDS = labels({
  CREATED: { nameZh: '提出问题', nameEn: 'Reported' },
  STATUS_CHANGED: { nameZh: '状态变更', nameEn: 'Status changed' },
  UPDATED: { nameZh: '修改', nameEn: 'Updated' },
  SUPERVISED: { nameZh: '督办', nameEn: 'Supervised by a leader' },
  OVERDUE_NOTIFIED: { nameZh: '逾期提醒责任单位', nameEn: 'Overdue: department notified' },
  ESCALATED: { nameZh: '逾期升级至区领导', nameEn: 'Overdue: escalated to leaders' },
});
export type ProblemEventKind = keyof typeof PROBLEM_EVENT_KINDS;

/** The status of a plan indicator (GET /api/v1/progress). */
export const PROGRESS_STATUS_LABELS = labels({
  AHEAD: { nameZh: '超前', nameEn: 'Ahead' },
  ON_TRACK: { nameZh: '正常', nameEn: 'On track' },
  BEHIND: { nameZh: '滞后', nameEn: 'Behind' },
  ACHIEVED: { nameZh: '已完成', nameEn: 'Achieved (period ended)' },
  MISSED: { nameZh: '未完成', nameEn: 'Missed (period ended)' },
  NOT_ENTERED: { nameZh: '未填报', nameEn: 'Not entered' },
});

/** Which figure a plan's statuses follow. */
export const STATUS_BASIS_LABELS = labels({
  REPORTED: { nameZh: '按填报数', nameEn: 'Reported figures' },
  VERIFIED: { nameZh: '按核实数', nameEn: 'Verified figures' },
});

export const ALL_ENUMS = {
  LeadSource: LEAD_SOURCES,
  LeadStatus: LEAD_STATUSES,
  ProjectStage: PROJECT_STAGES,
  ActivityType: ACTIVITY_TYPES,
  RelocationFunction: RELOCATION_FUNCTIONS,
  Province: PROVINCES,
  Qualification: QUALIFICATIONS,
  Currency: CURRENCY_LABELS,
  FundingStatus: FUNDING_STATUSES,
  UnitStatus: UNIT_STATUSES,
  Role: ROLE_LABELS,
  ReminderSubjectType: REMINDER_SUBJECT_TYPES,
  ReminderStatus: REMINDER_STATUSES,
  ReminderKind: REMINDER_KINDS,
  NotificationEvent: NOTIFICATION_EVENTS,
  ChannelType: CHANNEL_TYPES,
  DeliveryStatus: DELIVERY_STATUSES,
  ProgressStatus: PROGRESS_STATUS_LABELS,
  StatusBasis: STATUS_BASIS_LABELS,
  ProblemCategory: PROBLEM_CATEGORIES,
  ProblemStatus: PROBLEM_STATUSES,
  ProblemEventKind: PROBLEM_EVENT_KINDS,
} as const;

export function keysOf<T extends object>(map: T): (keyof T & string)[] {
  return Object.keys(map) as (keyof T & string)[];
}

export type ApiEnumName = keyof typeof ALL_ENUMS;

/**
 * For `@ApiProperty(apiEnum('ProjectStage'))`: the enum's values under its name in ALL_ENUMS,
 * so the OpenAPI document holds one shared, named schema per enum (one union type in generated clients).
 */
export function apiEnum(name: ApiEnumName): { enum: string[]; enumName: ApiEnumName } {
  return { enum: keysOf(ALL_ENUMS[name]), enumName: name };
}
