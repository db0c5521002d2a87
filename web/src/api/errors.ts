/**
 * Every error the API can answer, said in Chinese: the API keeps English messages for programmers and
 * carries a stable `code` (always), `rule` (409s) and per-field `code`s, which this file translates.
 * One place for these words; pages never show an API's English message to a user.
 */

/** The error body of the API (ErrorResponse in the OpenAPI document). */
export interface ErrorBody {
  statusCode: number;
  error?: string;
  code?: string;
  rule?: string;
  message?: string;
  details?: { field: string; code?: string; message: string }[];
}

/** What every status code means to a user, when no finer rule is known. */
export const CODE_ZH: Record<string, string> = {
  VALIDATION: '填写的内容有误，请按提示修改后再提交。',
  MALFORMED_BODY: '提交的内容格式有误，请刷新页面后重试。',
  NOT_FOUND: '找不到该记录，它可能已被删除或您无权查看。',
  STALE_VERSION: '该记录刚被其他人修改过。请刷新查看最新内容后再保存，您填写的内容已保留。',
  DUPLICATE: '已存在相同的记录，请检查后再提交。',
  ILLEGAL_TRANSITION: '不允许这样变更项目阶段。',
  STATE_CONFLICT: '记录当前的状态不允许这样操作。',
  UNAUTHENTICATED: '登录已过期，请重新登录。',
  FORBIDDEN: '您没有权限进行此操作。',
  PAYLOAD_TOO_LARGE: '文件或内容太大，请拆分后再上传。',
  UNSUPPORTED_MEDIA_TYPE: '不支持该文件格式，请上传 .xlsx 或 .csv 文件。',
  RATE_LIMITED: '操作过于频繁，请稍后再试。',
  UNAVAILABLE: '服务暂时不可用，请稍后再试。',
  INTERNAL: '系统出错了，请稍后重试；如果一直出现，请联系系统管理员。',
  NETWORK: '网络连接中断，请检查网络后重试。您填写的内容已保留。',
};

/** The rules behind 409 answers (`rule`), by the names the API gives them. */
export const RULE_ZH: Record<string, string> = {
  // project stages
  SAME_STAGE: '项目已经处于该阶段。',
  FINAL_STAGE: '项目已投产运营或已流失，不能再变更阶段。',
  BACKWARD: '项目阶段不能回退。如确需更正，请联系系统管理员。',
  LOST_NEEDS_REASON: '标记为流失需要填写流失原因。',
  REGISTERED_NEEDS_USCC: '注册落地需要企业的统一社会信用代码，请先在企业信息中补充。',
  BEFORE_PREVIOUS_STAGE: '阶段变更日期不能早于上一次阶段变更的日期。',
  // records
  ARCHIVED: '该记录已归档，请先取消归档。',
  ALREADY_ARCHIVED: '该记录已经归档。',
  NOT_ARCHIVED: '该记录没有归档。',
  FUNDING_NEEDS_SIGNED: '项目签约后才能登记资金到位。',
  FUNDING_BEFORE_SIGNED: '资金到位日期不能早于项目的签约日期。',
  ALREADY_VERIFIED: '该笔资金已经核实过。',
  FUNDING_ALREADY_REVERSED: '该笔资金已经冲销过，不能重复冲销。',
  FUNDING_IS_REVERSAL: '这是一笔冲销记录，不能再冲销。',
  FUNDING_REVERSED: '该笔资金已被冲销，不能再修改。',
  STAGE_HISTORY_UNCHANGED: '更正后的阶段记录与原记录相同，无需更正。',
  CORRECTION_CONFLICTS_FUNDINGS: '更正后的签约日期晚于已登记的资金到位日期，请先处理这些资金记录。',
  CORRECTION_CONFLICTS_PLACEMENTS: '更正后的阶段与已有的楼宇入驻记录矛盾（入驻需在注册落地之后），请先处理入驻记录。',
  PLAN_PERIOD_OVERLAP: '规划期与已有规划重叠；如确需重叠，请填写原因。',
  NO_CURRENT_PLAN: '当前规划期的目标尚未录入（如“十五五”规划），请系统管理员录入，或选择一个已有的规划查看。',
  // leads
  LEAD_CONVERTED: '该线索已经转为项目，不能重复转换。',
  LEAD_TAKEN: '该线索已被其他专员认领，请刷新公海列表。',
  LEAD_CLAIM_LIMIT: '您从公海认领的未结线索已达上限，请先转化、放弃或交回部分线索。',
  LEAD_IN_POOL: '该线索已在公海中。',
  LEAD_CLOSED: '该线索已转项目或已放弃，不能再修改。',
  // companies
  COMPANY_ARCHIVED: '该企业已归档（可能已被合并）。',
  MERGE_DIFFERENT_USCC: '两家企业的统一社会信用代码不同，属于不同法人，不能合并。',
  MERGE_UNDONE: '该次合并已经撤销过。',
  MERGE_TARGET_ARCHIVED: '合并后的企业已被再次合并，请先撤销后一次合并。',
  // buildings and units
  UNIT_PLACED: '该房源已有项目入驻，请先办理迁出。',
  UNIT_NOT_AVAILABLE: '该房源不是空置状态（或不是为本项目预留），不能入驻。',
  PLACEMENT_NEEDS_LANDED: '项目注册落地后才能入驻楼宇。',
  PLACEMENT_RELEASED: '该入驻记录已经迁出。',
  PLACEMENT_BEFORE_REGISTERED: '入驻日期不能早于项目注册落地的日期。',
  PLACEMENT_OVERLAP: '该房源在这段时间已有其他项目入驻，入驻期间不能重叠。',
  UNIT_HISTORY_CONFLICT: '入驻日期与房源的状态记录矛盾（当时房源不是空置），请核对日期。',
  LOSS_BEFORE_PLACEMENT: '流失日期不能早于项目入驻楼宇的日期。',
  // reminders, users, plans, queue
  REMINDER_CLOSED: '该提醒已发送或已取消，不能再修改。',
  LAST_ADMIN: '系统至少要保留一名启用的系统管理员。',
  INDICATOR_COMPUTED: '该指标由业务数据自动统计，不能手工填报。',
  DELIVERY_NOT_FAILED: '只有发送失败的消息才能重新发送。',
  QUEUE_UNAVAILABLE: '后台任务服务暂时不可用，请改为直接导入或稍后再试。',
  // 督办: problems of projects
  PROBLEM_CLOSED: '该问题已办结或已标记无法解决，不能再修改。',
  PROBLEM_BACKWARD: '办理中的问题不能退回待办。',
};

/** Per-field problems (`details[].code`), said after the field's label. */
export const FIELD_CODE_ZH: Record<string, string> = {
  unknownField: '不是可填写的项目',
  isNotEmpty: '不能为空',
  isDefined: '必须填写',
  isString: '应为文字',
  isInt: '应为整数',
  isNumber: '应为数字',
  isBoolean: '应为“是”或“否”',
  isArray: '应为列表',
  isIn: '不是可选的值',
  isEnum: '不是可选的值',
  isUuid: '编号格式不正确',
  isUscc: '不正确（应为 18 位，且校验位正确）',
  isEmail: '邮箱格式不正确',
  isMobilePhone: '手机号码格式不正确',
  isPhone: '电话号码格式不正确',
  maxLength: '内容太长',
  minLength: '内容太短',
  min: '数值太小',
  max: '数值太大',
  arrayMaxSize: '选择的项目太多',
  arrayUnique: '有重复的选项',
  duplicate: '已被使用，请换一个',
  invalidCursor: '分页位置已失效，请刷新页面',
  maxDepth: '层级嵌套过深，无法处理',
  maxUnzippedSize: '文件解压后过大，请拆分后再导入',
  maxSharedStrings: '文件中的文字内容过多，请拆分后再导入',
  maxCellLength: '有单元格内容过长，请检查后再导入',
  maxRowLength: '有一行内容过长，请检查后再导入',
  beforePreviousStage: '不能早于上一次阶段变更',
  unitNotAvailable: '房源当前不可入驻',
  unitNotFree: '当时房源已被占用或不可租',
  unknownUnit: '楼宇中没有这个房号',
  beforeObtained: '不能早于资质认定日期',
  beforeOriginal: '不能早于被冲销的那笔资金的日期',
  beforePlacement: '不能早于入驻日期',
  beforePrevious: '不能早于上一步的日期',
  beforeSigned: '不能早于签约日期',
  beforeRegistered: '不能早于注册落地日期',
  overlapsPlacement: '与该房源的其他入驻期间重叠',
  overlapsPlan: '与已有规划的期间重叠',
  outsidePlanPeriod: '不在规划期内',
  duplicateYear: '年份重复',
  aboveTarget: '不能超过规划目标',
  belowMilestone: '不能低于已填的年度节点',
  firstStage: '阶段记录应从“洽谈”开始',
  fundingsBeforeSigned: '有资金到位记录早于更正后的签约日期',
  placementsOutsideLanded: '有入驻记录不在注册落地之后',
  illegalTransition: '不是允许的阶段变化',
  future: '不能晚于今天',
  isObject: '格式不正确',
  // dates and ranges
  notAfterToday: '不能晚于今天',
  notInFuture: '不能晚于现在',
  notInPast: '不能早于现在',
  afterActivity: '应晚于本次跟进的时间',
  afterStart: '应晚于开始日期',
  notBeforeFrom: '不能早于开始日期',
  notBeforeStart: '不能早于开始日期',
  notAfterThisMonth: '不能晚于本月',
  notAfterMonth: '不能晚于所选月份',
  tooManyMonths: '月份跨度太大',
  notBelowMin: '不能小于最小值',
  areaRange: '最小面积不能大于最大面积',
  isPositive: '应大于 0',
  // reference data and people
  unknownIndustry: '不是系统中的产业',
  unknownSegment: '不是系统中的细分领域',
  segmentNotInIndustry: '不属于所选产业',
  unknownZone: '不是系统中的功能区',
  notInPlan: '不是该规划的指标',
  notFound: '找不到对应的记录',
  cannotOwn: '该用户不能负责此类记录',
  cannotSee: '该用户无权查看此记录，请选择其他人',
  notBuildingManager: '只能指派给楼宇管理员',
  sameCompany: '不能与自己合并',
  notAvailable: '当前不可用',
  required: '必须填写',
  // imports (a sheet's cells and rows)
  requiredColumn: '缺少必需的列',
  noHeader: '找不到表头行，请使用下载的模板',
  noRows: '文件中没有数据行',
  unreadableFile: '无法读取文件，请确认是 .xlsx 或 .csv 格式',
  cellError: '单元格是公式错误（如 #N/A）',
  invalidDate: '不是有效的日期',
  invalidNumber: '不是有效的数字',
  invalidBoolean: '应填“是”或“否”',
  invalidId: '不是有效的编号',
  notInList: '不是可选的值',
  tooLong: '内容太长',
  noControlCharacters: '含有不可见的控制字符，请删除后重试',
  blockedAddress: '地址指向内网或本机，不能作为通知地址（如需使用内网机器人，请联系管理员配置允许的主机）',
  passwordContainsUsername: '不能包含用户名',
  passwordRepeatedCharacter: '不能是同一个字符重复',
  passwordCommon: '过于常见，请换一个不易猜到的密码',
  tooSmall: '数值太小',
  tooLarge: '数值太大',
  tooMany: '选项太多',
  notUnique: '有重复的选项',
  isChinesePhone: '不是有效的手机或电话号码',
  duplicateInFile: '与文件中前面的行重复',
  ambiguous: '对应多条记录，请改填统一社会信用代码或编号',
  archived: '对应的记录已归档',
  notInBuilding: '不属于该楼宇',
  onlyWhenLeased: '只有“已租”的房源才能填写（请先把状态改为已租，或清空此项）',
  onlyWhenReserved: '只有“预留”的房源才能填写',
  notBeforeLeaseStart: '不能早于租约开始日期',
  isAskingRent: '应为每平方米每天的租金（元/㎡·天，大于 0，最多两位小数，不超过 100；月租金请除以 30）',
  isDateOnly: '应为日期（如 2025-06-01）',
  isArea: '应为大于 0 的面积（平方米，最多两位小数）',
  forbidden: '无权修改该记录',
  staleVersion: '记录已被他人修改',
  invalid: '填写有误',
  notBeforeToday: '不能早于今天',
  requiredToClose: '办结或标记无法解决时必须填写（如何解决或无法解决的原因）',
  onlyWhenClosing: '只在办结或标记无法解决时填写',
  notInDepartment: '须是责任单位的联系人',
  notDepartmentUser: '须是角色为“责任单位”的用户',
};

/** A failed API call, in Chinese, with the field problems a form can show beside its fields. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
    readonly rule?: string,
    readonly body?: ErrorBody,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get isConflict(): boolean {
    return this.code === 'STALE_VERSION';
  }
}

/**
 * Field labels for the messages of fields a form does not show itself: `label(field)` is asked first
 * (the form knows its own labels); these are the common ones.
 */
export const FIELD_LABELS: Record<string, string> = {
  name: '名称',
  companyName: '企业名称',
  uscc: '统一社会信用代码',
  contactName: '联系人',
  contactPhone: '联系电话',
  contactEmail: '邮箱',
  source: '线索来源',
  industry: '产业',
  segments: '细分领域',
  zone: '功能区',
  originProvince: '来源省份',
  originCity: '来源城市',
  notes: '备注',
  reason: '原因',
  at: '日期',
  date: '日期',
  amount: '金额',
  currency: '币种',
  summary: '内容',
  type: '类型',
  nextFollowUpAt: '下次跟进时间',
  dueAt: '提醒时间',
  message: '提醒内容',
  plannedInvestment: '计划投资额',
  'plannedInvestment.amount': '计划投资额',
  relocation: '京冀迁移信息',
  'relocation.originProvince': '迁出省份',
  'relocation.function': '迁移功能',
  areaRequirement: '面积需求',
  version: '版本',
  password: '密码',
  username: '用户名',
  displayName: '姓名',
  mobile: '手机号',
  role: '角色',
  file: '文件',
  id: '编号',
  cursor: '分页位置',
  title: '问题',
  description: '问题描述',
  category: '问题类别',
  departmentId: '责任单位',
  assigneeId: '责任人',
  dueDate: '办理期限',
  status: '状态',
  resolution: '办理结果',
  instruction: '领导批示',
  nameZh: '名称',
  code: '代码',
  contactUserIds: '联系人',
  askingRent: '租金',
  availableFrom: '可入驻日期',
  tenantCompanyId: '租户',
  leaseStart: '租约开始',
  leaseEnd: '租约到期',
  buildingIds: '负责楼宇',
};

function fieldMessage(d: { field: string; code?: string; message: string }, label: (field: string) => string): string {
  const words = (d.code && FIELD_CODE_ZH[d.code]) ?? '填写有误';
  return `${label(d.field)}${words}`;
}

/** Turns any failure of a call (an error body, a network failure) into an ApiError in Chinese. */
export function toApiError(status: number, body: unknown, label: (field: string) => string = defaultLabel): ApiError {
  const b = (typeof body === 'object' && body !== null ? body : { statusCode: status }) as ErrorBody;
  const code = b.code ?? codeForStatus(status);
  const fields: Record<string, string> = {};
  for (const d of b.details ?? []) {
    const key = d.field;
    if (!fields[key]) fields[key] = (d.code && FIELD_CODE_ZH[d.code]) ?? '填写有误';
  }
  let message = (b.rule && RULE_ZH[b.rule]) ?? CODE_ZH[code] ?? CODE_ZH.INTERNAL;
  if (b.details?.length && (code === 'VALIDATION' || code === 'DUPLICATE')) {
    message = b.details.map((d) => fieldMessage(d, label)).join('；') + '。';
  }
  return new ApiError(status, code, message, fields, b.rule, b);
}

export function networkError(): ApiError {
  return new ApiError(0, 'NETWORK', CODE_ZH.NETWORK);
}

function defaultLabel(field: string): string {
  const last = field.replace(/\.\d+(?=\.|$)/g, '');
  return FIELD_LABELS[field] ?? FIELD_LABELS[last] ?? `“${field}”`;
}

function codeForStatus(status: number): string {
  if (status === 400) return 'VALIDATION';
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 409) return 'STATE_CONFLICT';
  if (status === 413) return 'PAYLOAD_TOO_LARGE';
  if (status === 429) return 'RATE_LIMITED';
  if (status === 503 || status === 502 || status === 504) return 'UNAVAILABLE';
  return 'INTERNAL';
}
