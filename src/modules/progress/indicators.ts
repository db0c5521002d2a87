/**
 * What each plan indicator counts (统计口径), as the brief defines it. Plans are data (their periods
 * and targets live in the database); what an indicator code means is fixed here.
 *
 * - flow: cumulative over the plan period, from zero (projects signed, money arrived);
 * - stock: a level at a date, moving from the plan's baseline toward the target.
 */
export type IndicatorKind = 'flow' | 'stock';
export type ValueType = 'count' | 'money' | 'area';

export interface IndicatorDefinition {
  code: string;
  unit: string;
  kind: IndicatorKind;
  valueType: ValueType;
  /** What a breakdown may group by. */
  breakdowns: readonly BreakdownBy[];
  /** Hand-entered dated values instead of records. */
  manual?: boolean;
}

export const BREAKDOWNS = ['industry', 'zone', 'origin', 'source', 'owner', 'firstContact', 'year'] as const;
export type BreakdownBy = (typeof BREAKDOWNS)[number];

const PROJECT_DIMENSIONS = BREAKDOWNS;

export const INDICATORS: Record<string, IndicatorDefinition> = {
  /** 引进京冀项目: Beijing/Hebei projects first signed inside the period. */
  JINGJI_PROJECTS: { code: 'JINGJI_PROJECTS', unit: 'PROJECTS', kind: 'flow', valueType: 'count', breakdowns: PROJECT_DIMENSIONS },
  /** 吸引京冀投资: CNY funds in place of Beijing/Hebei projects, dated inside the period. */
  JINGJI_INVESTMENT: { code: 'JINGJI_INVESTMENT', unit: 'CNY', kind: 'flow', valueType: 'money', breakdowns: PROJECT_DIMENSIONS },
  /** 承载京冀产业转移的楼宇面积: area of units occupied (placed) by Beijing/Hebei projects at the date. */
  JINGJI_FLOOR_AREA: { code: 'JINGJI_FLOOR_AREA', unit: 'M2', kind: 'stock', valueType: 'area', breakdowns: PROJECT_DIMENSIONS },
  /** 内资到位额: every CNY funds-in-place entry inside the period. */
  DOMESTIC_CAPITAL: { code: 'DOMESTIC_CAPITAL', unit: 'CNY', kind: 'flow', valueType: 'money', breakdowns: PROJECT_DIMENSIONS },
  /** 外资到位额: every USD funds-in-place entry inside the period. */
  FOREIGN_CAPITAL: { code: 'FOREIGN_CAPITAL', unit: 'USD', kind: 'flow', valueType: 'money', breakdowns: PROJECT_DIMENSIONS },
  /** 国家高新技术企业: companies holding the qualification (now: qualifications carry no dates). */
  HIGH_TECH_ENTERPRISES: { code: 'HIGH_TECH_ENTERPRISES', unit: 'COMPANIES', kind: 'stock', valueType: 'count', breakdowns: ['industry', 'origin'] },
  /** 市场主体数量: a figure entered by hand, dated. */
  MARKET_ENTITIES: { code: 'MARKET_ENTITIES', unit: 'ENTITIES', kind: 'stock', valueType: 'count', breakdowns: ['year'], manual: true },
};

export const INDICATOR_CODES = Object.keys(INDICATORS);
