/**
 * Word lists for realistic demo records: places of origin with their administrative codes (for
 * USCCs), company-name parts, people, and the phrases officers write in activity logs.
 */
import type { ActivityType, LeadSource, Province, RelocationFunction } from '../../modules/reference/enums.js';

/** A place a company comes from: province, city (and district), the 6-digit code in its USCC. */
export interface Origin {
  province: Province;
  city: string;
  /** Short form used in company names (北京, 石家庄, 深圳). */
  cityShort: string;
  district: string | null;
  /** GB/T 2260 code of the registering district; foreign investors register in Heping (120101). */
  regionCode: string;
}

function places(province: Province, city: string, cityShort: string, districts: [string, string][]): Origin[] {
  return districts.map(([district, regionCode]) => ({ province, city, cityShort, district, regionCode }));
}

export const BEIJING_ORIGINS: Origin[] = places('BEIJING', '北京市', '北京', [
  ['东城区', '110101'],
  ['西城区', '110102'],
  ['朝阳区', '110105'],
  ['丰台区', '110106'],
  ['石景山区', '110107'],
  ['海淀区', '110108'],
  ['通州区', '110112'],
  ['顺义区', '110113'],
  ['昌平区', '110114'],
  ['大兴区', '110115'],
]);

export const HEBEI_ORIGINS: Origin[] = [
  ...places('HEBEI', '石家庄市', '石家庄', [
    ['长安区', '130102'],
    ['桥西区', '130104'],
    ['新华区', '130105'],
    ['裕华区', '130108'],
  ]),
  ...places('HEBEI', '唐山市', '唐山', [
    ['路南区', '130202'],
    ['路北区', '130203'],
    ['丰润区', '130208'],
  ]),
  ...places('HEBEI', '秦皇岛市', '秦皇岛', [
    ['海港区', '130302'],
    ['北戴河区', '130304'],
  ]),
  ...places('HEBEI', '邯郸市', '邯郸', [
    ['邯山区', '130402'],
    ['丛台区', '130403'],
  ]),
  ...places('HEBEI', '保定市', '保定', [
    ['竞秀区', '130602'],
    ['莲池区', '130606'],
  ]),
  ...places('HEBEI', '雄安新区', '雄安', [
    ['容城县', '130629'],
    ['安新县', '130632'],
    ['雄县', '130638'],
  ]),
  ...places('HEBEI', '沧州市', '沧州', [
    ['新华区', '130902'],
    ['运河区', '130903'],
  ]),
  ...places('HEBEI', '廊坊市', '廊坊', [
    ['安次区', '131002'],
    ['广阳区', '131003'],
    ['固安县', '131022'],
    ['三河市', '131082'],
  ]),
];

export const TIANJIN_ORIGINS: Origin[] = places('TIANJIN', '天津市', '天津', [
  ['和平区', '120101'],
  ['河东区', '120102'],
  ['河西区', '120103'],
  ['南开区', '120104'],
  ['河北区', '120105'],
  ['红桥区', '120106'],
  ['滨海新区', '120116'],
]);

/** Other provinces and abroad, with a weight each (the remaining quarter of origins). */
export const OTHER_ORIGINS: [Origin, number][] = [
  [{ province: 'SHANGHAI', city: '上海市', cityShort: '上海', district: '浦东新区', regionCode: '310115' }, 4],
  [{ province: 'SHANGHAI', city: '上海市', cityShort: '上海', district: '黄浦区', regionCode: '310101' }, 1.5],
  [{ province: 'GUANGDONG', city: '深圳市', cityShort: '深圳', district: '南山区', regionCode: '440305' }, 3],
  [{ province: 'GUANGDONG', city: '广州市', cityShort: '广州', district: '天河区', regionCode: '440106' }, 1.5],
  [{ province: 'JIANGSU', city: '南京市', cityShort: '南京', district: '建邺区', regionCode: '320105' }, 1.2],
  [{ province: 'JIANGSU', city: '苏州市', cityShort: '苏州', district: '姑苏区', regionCode: '320508' }, 1.3],
  [{ province: 'ZHEJIANG', city: '杭州市', cityShort: '杭州', district: '西湖区', regionCode: '330106' }, 2.5],
  [{ province: 'SHANDONG', city: '济南市', cityShort: '济南', district: '历下区', regionCode: '370102' }, 1.2],
  [{ province: 'SHANDONG', city: '青岛市', cityShort: '青岛', district: '市南区', regionCode: '370202' }, 1.2],
  [{ province: 'LIAONING', city: '大连市', cityShort: '大连', district: '中山区', regionCode: '210202' }, 0.8],
  [{ province: 'LIAONING', city: '沈阳市', cityShort: '沈阳', district: '和平区', regionCode: '210102' }, 0.6],
  [{ province: 'HUBEI', city: '武汉市', cityShort: '武汉', district: '武昌区', regionCode: '420106' }, 0.8],
  [{ province: 'SICHUAN', city: '成都市', cityShort: '成都', district: '武侯区', regionCode: '510107' }, 0.8],
  [{ province: 'HENAN', city: '郑州市', cityShort: '郑州', district: '金水区', regionCode: '410105' }, 0.6],
  [{ province: 'SHAANXI', city: '西安市', cityShort: '西安', district: '雁塔区', regionCode: '610113' }, 0.5],
  [{ province: 'FUJIAN', city: '厦门市', cityShort: '厦门', district: '思明区', regionCode: '350203' }, 0.5],
  [{ province: 'SHANXI', city: '太原市', cityShort: '太原', district: '小店区', regionCode: '140105' }, 0.3],
  [{ province: 'INNER_MONGOLIA', city: '呼和浩特市', cityShort: '呼和浩特', district: '赛罕区', regionCode: '150105' }, 0.2],
  [{ province: 'HEILONGJIANG', city: '哈尔滨市', cityShort: '哈尔滨', district: '南岗区', regionCode: '230103' }, 0.2],
  [{ province: 'HONG_KONG', city: '香港', cityShort: '香港', district: null, regionCode: '120101' }, 1.5],
  [{ province: 'OVERSEAS', city: '新加坡', cityShort: '新加坡', district: null, regionCode: '120101' }, 0.6],
  [{ province: 'OVERSEAS', city: '东京', cityShort: '日本', district: null, regionCode: '120101' }, 0.5],
  [{ province: 'OVERSEAS', city: '首尔', cityShort: '韩国', district: null, regionCode: '120101' }, 0.4],
  [{ province: 'OVERSEAS', city: '法兰克福', cityShort: '德国', district: null, regionCode: '120101' }, 0.4],
  [{ province: 'OVERSEAS', city: '伦敦', cityShort: '英国', district: null, regionCode: '120101' }, 0.3],
  [{ province: 'OVERSEAS', city: '纽约', cityShort: '美国', district: null, regionCode: '120101' }, 0.3],
];

/** First and second characters of a trade name (字号). */
export const BRAND_FIRST = [...'中华国新恒泰金鑫汇通融信诚德瑞丰盛昌宏远博海天正安嘉睿智联达宇鼎兴隆润银星元和晟航领创启卓越锦鸿凯京津冀渤蓝云数康'];
export const BRAND_SECOND = [...'泰通达信源诚瑞丰盛昌宏远博海安嘉睿智联宇鼎兴隆润星元和晟航创启越锦鸿凯辰泽峰川洋澜晖科岳桥铭衡谷'];

/** Business words per industry, as they appear in company names (经营范围关键词). */
export const INDUSTRY_WORDS: Record<string, string[]> = {
  FINANCE: ['融资租赁', '商业保理', '资产管理', '投资管理', '股权投资基金管理', '金融科技', '金融信息服务', '财富管理', '私募基金管理', '融资担保', '保险经纪', '期货', '证券投资咨询', '小额贷款', '支付科技', '金融服务'],
  TRADE: ['商贸', '国际贸易', '供应链管理', '电子商务', '跨境电子商务', '进出口', '商业管理', '餐饮管理', '酒店管理', '大宗商品交易', '物产', '百货', '品牌管理'],
  BUSINESS_SERVICES: ['企业管理咨询', '人力资源服务', '国际船舶代理', '航运经纪', '船舶管理', '广告传媒', '会展服务', '知识产权代理', '商务信息咨询', '职业培训', '财务咨询', '企业管理', '检验认证'],
  SMART_TECH: ['信息技术', '网络科技', '数据科技', '人工智能科技', '智能科技', '软件', '区块链技术', '云计算技术', '通信技术', '信息安全技术', '物联网科技', '数字科技', '智慧城市科技'],
  CULTURE_TOURISM: ['文化传媒', '文化创意', '影视传媒', '动漫', '网络游戏', '旅游发展', '国际旅行社', '演艺', '艺术品拍卖', '设计', '建筑设计', '数字艺术', '文化旅游发展'],
  HEALTH: ['医疗科技', '健康管理', '生物科技', '基因科技', '互联网医院', '医疗器械', '养老服务', '中医药科技', '体育文化发展', '医药', '康复医疗', '精准医学科技'],
};
export const GENERIC_WORDS = ['科技', '发展', '实业', '投资', '咨询'];

/** What a project's name says it is. */
export const PROJECT_SUFFIX_BY_FUNCTION: Record<RelocationFunction, string[]> = {
  HQ: ['总部迁入项目', '总部落户项目'],
  REGIONAL_HQ: ['北方区域总部项目', '华北区域总部项目', '京津冀区域总部项目'],
  SETTLEMENT_CENTER: ['结算中心项目', '财务结算中心项目'],
  RND: ['研发中心项目', '创新研究院项目'],
  BRANCH: ['天津分公司项目', '天津分支机构项目'],
  SUBSIDIARY: ['天津子公司项目', '新设子公司项目'],
};
export const PROJECT_SUFFIXES = ['落户项目', '增资扩产项目', '天津运营中心项目', '新设机构项目', '二期扩容项目', '华北总部项目', '业务拓展项目', '天津公司设立项目'];
export const PROJECT_SUFFIX_BY_INDUSTRY: Record<string, string[]> = {
  TRADE: ['旗舰店项目', '首店项目', '区域采购中心项目'],
  SMART_TECH: ['数字化平台项目', '算力中心项目'],
  FINANCE: ['持牌机构落地项目', '基金设立项目'],
  CULTURE_TOURISM: ['文旅综合体项目', '沉浸式演艺项目'],
  HEALTH: ['健康服务中心项目', '专科诊所项目'],
  BUSINESS_SERVICES: ['服务中心项目', '分所设立项目'],
};

/** Surnames and given-name characters, with pinyin for e-mail handles. */
export const SURNAMES: [string, string][] = [
  ['王', 'wang'], ['李', 'li'], ['张', 'zhang'], ['刘', 'liu'], ['陈', 'chen'], ['杨', 'yang'], ['赵', 'zhao'], ['黄', 'huang'],
  ['周', 'zhou'], ['吴', 'wu'], ['徐', 'xu'], ['孙', 'sun'], ['胡', 'hu'], ['朱', 'zhu'], ['高', 'gao'], ['林', 'lin'],
  ['何', 'he'], ['郭', 'guo'], ['马', 'ma'], ['罗', 'luo'], ['梁', 'liang'], ['宋', 'song'], ['郑', 'zheng'], ['谢', 'xie'],
  ['韩', 'han'], ['唐', 'tang'], ['冯', 'feng'], ['于', 'yu'], ['董', 'dong'], ['萧', 'xiao'], ['程', 'cheng'], ['曹', 'cao'],
  ['袁', 'yuan'], ['邓', 'deng'], ['许', 'xu'], ['傅', 'fu'], ['沈', 'shen'], ['曾', 'zeng'], ['彭', 'peng'], ['吕', 'lv'],
];
export const GIVEN: [string, string][] = [
  ['伟', 'wei'], ['芳', 'fang'], ['娜', 'na'], ['敏', 'min'], ['静', 'jing'], ['丽', 'li'], ['强', 'qiang'], ['磊', 'lei'],
  ['军', 'jun'], ['洋', 'yang'], ['勇', 'yong'], ['艳', 'yan'], ['杰', 'jie'], ['涛', 'tao'], ['明', 'ming'], ['超', 'chao'],
  ['秀', 'xiu'], ['霞', 'xia'], ['平', 'ping'], ['刚', 'gang'], ['桂', 'gui'], ['华', 'hua'], ['建', 'jian'], ['国', 'guo'],
  ['志', 'zhi'], ['海', 'hai'], ['晨', 'chen'], ['宇', 'yu'], ['鹏', 'peng'], ['婷', 'ting'], ['欣', 'xin'], ['浩', 'hao'],
  ['博', 'bo'], ['雪', 'xue'], ['凯', 'kai'], ['琳', 'lin'], ['思', 'si'], ['文', 'wen'], ['晓', 'xiao'], ['佳', 'jia'],
];
export const MAIL_DOMAINS = ['163.com', '126.com', 'qq.com', 'sina.com', 'outlook.com', 'foxmail.com'];
export const TITLES = ['总经理', '副总经理', '董事长', '投资总监', '行政总监', '财务总监', '战略发展部经理', '办公室主任'];

/** Mobile prefixes (三位号段) in use. */
export const MOBILE_PREFIXES = ['130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '155', '156', '158', '159', '166', '176', '177', '178', '180', '181', '182', '185', '186', '187', '188', '189', '191', '198', '199'];

export const LOST_REASONS = [
  '企业最终选择在其他区落户',
  '企业战略调整，暂缓在津投资',
  '租金及配套政策未达企业预期',
  '受行业监管政策调整影响，项目终止',
  '总部决策变化，项目取消',
  '企业资金紧张，投资计划搁置',
  '周边区县给出更优惠的扶持政策',
  '区内暂无满足面积和层高要求的楼宇',
  '企业对接人离职，项目长期停滞',
  '母公司重组，新设机构计划取消',
];

export const DISQUALIFIED_REASONS = [
  '企业暂无在津投资计划',
  '需求面积过大，区内暂无匹配楼宇',
  '所属行业不符合区域产业定位',
  '企业已确定在其他区落户',
  '联系方式失效，多次联系未果',
  '企业经营状况欠佳，存在经营风险',
  '与已有线索重复',
  '仅为政策咨询，无实际落户需求',
];

export const LEAD_NOTES: Record<LeadSource, string[]> = {
  REFERRAL: ['经区内已落户企业介绍，企业有在津设立分支机构意向', '由合作企业推荐，拟在天津设立区域总部'],
  MATCHMAKING_EVENT: ['在京冀产业对接会上初步接洽，企业有疏解转移意向', '京津冀协同发展对接活动中获取，企业关注和平区楼宇资源'],
  INTERMEDIARY: ['经招商中介机构推荐，企业正在比选京津冀地区办公选址', '由律师事务所推介，企业拟设立结算中心'],
  FAIR: ['在中国（天津）国际金融博览会展台交流获取', '在服贸会期间对接，企业对和平区政策感兴趣'],
  COLD_VISIT: ['赴京上门拜访，企业表示可进一步洽谈', '走访企业总部，初步介绍区域营商环境'],
  GOVERNMENT_PROMOTION: ['区政府专场推介会后企业主动联系', '市商务局转介线索，企业有投资意向'],
  WALK_IN: ['企业负责人来访咨询落户政策', '企业主动来电咨询办公楼宇租赁事宜'],
  OTHER: ['通过网络渠道获取的线索，待核实', '朋友介绍，需进一步了解企业情况'],
};

export const TRANSITION_NOTES: Record<string, string[]> = {
  SITE_VISIT: ['企业来津实地考察，对楼宇配套较满意', '陪同企业考察意向楼宇及周边配套'],
  SIGNED: ['双方签署投资合作协议', '在区政府签署落户协议', '签署入驻意向协议'],
  REGISTERED: ['完成工商注册登记', '取得营业执照，完成税务登记'],
  OPERATING: ['正式入驻办公，开始运营', '完成装修，正式投入运营'],
  LOST: ['经多轮沟通未能达成一致'],
};

export const FUNDING_NOTES = ['首期注资到位', '第二期出资到位', '注册资本实缴', '增资款到位', '项目建设资金到位', '设备购置款到位', '运营资金注入', '股东借款转增资本'];

export const EVENTS = ['京津冀产业对接会', '和平区金融创新发展论坛', '中国（天津）国际金融博览会', '和平区重点项目推介会', '京津冀协同发展专场招商会', '数字经济产业沙龙', '五大道文化旅游推介活动', '人力资源服务产业园开放日'];

/** Activity summaries per type, with placeholders {company} {contact} {building} {area} {event} {industry}. */
export const ACTIVITY_TEMPLATES: Record<ActivityType, string[]> = {
  CALL: [
    '电话联系{contact}，了解{company}在津布局意向',
    '与{contact}电话沟通办公面积需求，初步需求约{area}平方米',
    '电话回访，企业反馈正在进行内部决策',
    '电话沟通注册落地所需材料清单',
    '与{contact}电话确认下次考察时间',
  ],
  VISIT: [
    '上门拜访{company}，与{contact}面谈落户事宜',
    '赴企业总部拜访，介绍和平区{industry}产业扶持政策',
    '走访企业，了解经营情况及发展诉求',
  ],
  MEETING: [
    '与企业高管会谈，介绍和平区营商环境和人才政策',
    '组织区相关部门与{company}召开协调会，研究注册落地事项',
    '与{contact}就入驻条件和扶持政策进行洽谈',
    '区领导会见企业负责人，就合作框架交换意见',
  ],
  SITE_TOUR: [
    '陪同企业实地考察{building}，查看约{area}平方米可租赁空间',
    '带领{contact}一行考察{building}及周边配套',
    '企业来津考察{building}，对交通和配套较为认可',
  ],
  EMAIL: [
    '向{contact}发送和平区产业扶持政策汇编',
    '邮件发送租赁意向书及楼宇资料',
    '邮件回复企业关于注册流程的咨询',
  ],
  EVENT: ['邀请{company}参加{event}', '企业代表出席{event}并作交流发言'],
  OTHER: ['协助企业办理人才落户手续', '协调解决企业员工子女入学问题', '协助企业申报高新技术企业认定', '为企业对接银行融资服务'],
};

/** After landing: service visits (服务企业). */
export const AFTERCARE_TEMPLATES = [
  '走访服务，了解{company}投产运营情况',
  '协助企业申请{industry}产业扶持资金',
  '回访企业，收集经营中遇到的困难和诉求',
  '协调物业解决办公区配套问题',
];

export const OFFICER_NAMES = ['王磊', '李娜', '张伟', '刘洋', '陈静', '杨帆', '赵敏', '黄涛', '周婷', '吴昊'];
export const LEADER_NAMES = ['孙建国', '马丽华'];
export const MANAGER_NAMES = ['郑凯', '冯雪', '何军'];

/**
 * Office-building names (…大厦 / …中心 / …广场) from a trade-name part, an optional middle word and
 * a suffix, each with its English; none repeats a building the plan names.
 */
export const BUILDING_PREFIXES: [string, string][] = [
  ['津汇', 'Jinhui'], ['海河', 'Haihe'], ['津门', 'Jinmen'], ['和平', 'Heping'], ['鼎盛', 'Dingsheng'], ['汇金', 'Huijin'],
  ['环宇', 'Huanyu'], ['嘉华', 'Jiahua'], ['宏泰', 'Hongtai'], ['瑞安', 'Rui’an'], ['国泰', 'Guotai'], ['华信', 'Huaxin'],
  ['盛世', 'Shengshi'], ['银河', 'Yinhe'], ['凯旋', 'Kaixuan'], ['百联', 'Bailian'], ['远航', 'Yuanhang'], ['东方', 'Dongfang'],
  ['新世纪', 'New Century'], ['君安', 'Jun’an'], ['中港', 'Zhonggang'], ['渤海', 'Bohai'], ['金湾', 'Jinwan'], ['泰和', 'Taihe'],
  ['融信', 'Rongxin'], ['恒瑞', 'Hengrui'], ['天成', 'Tiancheng'], ['冠华', 'Guanhua'], ['中建', 'Zhongjian'], ['滨海', 'Binhai'],
  ['劝业', 'Quanye'], ['曲阜', 'Qufu'], ['营口', 'Yingkou'], ['承德', 'Chengde'], ['睦南', 'Munan'], ['卫津', 'Weijin'],
  ['南市', 'Nanshi'], ['小白楼', 'Xiaobailou'], ['金街', 'Golden Street'], ['保利', 'Baoli'], ['荣泰', 'Rongtai'], ['鑫源', 'Xinyuan'],
];
export const BUILDING_MIDDLES: [string, string][] = [
  ['', ''], ['', ''], ['国际', 'International'], ['金融', 'Financial'], ['商务', 'Business'], ['科技', 'Technology'],
  ['时代', 'Times'], ['财富', 'Fortune'], ['置业', 'Properties'], ['发展', 'Development'],
];
export const BUILDING_SUFFIXES: [string, string, number][] = [
  ['大厦', 'Tower', 45],
  ['中心', 'Center', 35],
  ['广场', 'Plaza', 20],
];
/** Streets of Heping District by zone, for addresses (天津市和平区…路…号). */
export const ZONE_STREETS: Record<string, string[]> = {
  JIEFANG_NORTH_ROAD: ['解放北路', '大沽北路', '承德道', '营口道', '赤峰道'],
  XIAOBAILOU: ['曲阜道', '浙江路', '徐州道', '大沽北路', '开封道'],
  FIVE_AVENUES: ['睦南道', '马场道', '重庆道', '常德道', '大理道', '成都道'],
  GOLDEN_STREET: ['和平路', '滨江道', '哈密道', '多伦道', '山西路'],
  NANSHI_HR_PARK: ['南门外大街', '荣安大街', '清和大街', '福安大街'],
  HAIHE_BELT: ['张自忠路', '台儿庄路', '解放北路', '吉林路'],
  NANJING_ROAD_BELT: ['南京路', '南京路', '西康路', '贵州路'],
  ANSHAN_WEIJIN_BELT: ['鞍山道', '卫津路', '西康路', '气象台路', '长沙路'],
};
export const STREETS = ['南京路', '和平路', '西康路', '成都道', '贵州路', '新华路', '湖北路', '河北路'];
/** Notes of a unit's first history row, as building managers write them. */
export const UNIT_RECORD_NOTES = ['楼宇空置月报录入', '首次录入房源', '物业提供房源信息', '按租赁台账录入'];
