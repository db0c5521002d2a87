import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { DECIMAL_AMOUNT, MoneyDto } from '../../../common/money/money.dto.js';
import { apiEnum, JINGJI_PROVINCES, type FundingStatus, type ProjectStage } from '../../reference/enums.js';
import { BREAKDOWNS, INDICATOR_CODES, type BreakdownBy } from '../indicators.js';
import { PROGRESS_STATUSES, type ProgressStatus } from '../progress-math.js';
import { STATUS_BASES, type StatusBasis } from '../../plans/plan.entities.js';
import type { ExcludedKey } from '../progress.queries.js';

/** For @ApiProperty: an indicator's figure, a decimal string for money (two places) and a number for counts and areas. */
const FIGURE = {
  oneOf: [{ ...DECIMAL_AMOUNT, type: 'string' }, { type: 'number' }],
  description: 'money: a decimal string with two places; counts and areas (m²): a number',
};
const INDICATOR_CODE = { enum: INDICATOR_CODES, enumName: 'IndicatorCode' };

/** A figure as the API shows it: money as a decimal string, counts and areas as numbers. */
export type Figure = string | number;

export class PlanMilestone {
  @ApiProperty({ type: 'integer', example: 2027 }) year: number;
  @ApiProperty({ type: String, example: '200', description: 'cumulative value expected at the end of the year, a decimal string' }) value: string;
}

export class PlanIndicatorView {
  @ApiProperty(INDICATOR_CODE) code: string;
  @ApiProperty({ type: String }) nameZh: string;
  @ApiProperty({ type: String, example: 'PROJECTS' }) unit: string;
  @ApiProperty({ type: String, example: '1000', description: 'a decimal string (money in yuan/dollars)' }) target: string;
  @ApiProperty({ type: String, nullable: true, description: 'a decimal string' }) baseline: string | null;
  @ApiProperty({ type: () => PlanMilestone, isArray: true }) milestones: PlanMilestone[];
}

const STATUS_BASIS = { enum: STATUS_BASES, enumName: 'StatusBasis', description: 'the figure the statuses of money indicators follow: every entry (REPORTED) or the verified ones' };

/** 规划: a plan period with its targets. */
export class PlanResponse {
  @ApiProperty({ type: String, example: 'FYP14' }) code: string;
  @ApiProperty({ type: String }) name: string;
  @ApiProperty({ type: String, nullable: true }) nameEn: string | null;
  @ApiProperty({ type: String, format: 'date' }) startDate: string;
  @ApiProperty({ type: String, format: 'date' }) endDate: string;
  @ApiProperty(STATUS_BASIS) statusBasis: StatusBasis;
  @ApiProperty({ type: String, nullable: true, description: "why the period may overlap another plan's" }) overlapReason: string | null;
  @ApiProperty({ type: () => PlanIndicatorView, isArray: true }) indicators: PlanIndicatorView[];
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty({ type: Boolean, description: 'the period contains today in the district: the plan that runs now' }) current: boolean;
}

/** A hand-entered dated figure of an indicator. */
export class IndicatorValueResponse {
  @ApiProperty({ type: String, format: 'date' }) date: string;
  @ApiProperty({ type: String, example: '41250', description: 'a whole number as a string' }) value: string;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
}

export class ProgressPlan {
  @ApiProperty({ type: String, example: 'FYP14' }) code: string;
  @ApiProperty({ type: String }) name: string;
  @ApiProperty({ type: String, format: 'date' }) startDate: string;
  @ApiProperty({ type: String, format: 'date' }) endDate: string;
  @ApiProperty(STATUS_BASIS) statusBasis: StatusBasis;
}

/** Money an indicator's definition leaves out, shown beside it so that nothing disappears silently (吸引京冀投资). */
export class ExcludedFigure {
  @ApiProperty({
    enum: ['EARLIER_SIGNED', 'NOT_SIGNED_IN_PERIOD'],
    enumName: 'ExcludedKey',
    description: 'EARLIER_SIGNED: funds in the period of Beijing–Hebei projects signed before it; NOT_SIGNED_IN_PERIOD: of ones not signed in it',
  })
  key: ExcludedKey;
  @ApiProperty({ type: String }) labelZh: string;
  @ApiProperty(FIGURE) value: Figure;
  @ApiProperty({ ...FIGURE, description: 'the verified part' }) verified: Figure;
}

export class YearFigure {
  @ApiProperty({ type: 'integer' }) year: number;
  @ApiProperty(FIGURE) value: Figure;
}

/** One indicator's progress toward its target. */
export class IndicatorProgress {
  @ApiProperty(INDICATOR_CODE) code: string;
  @ApiProperty({ type: String }) nameZh: string;
  @ApiProperty({ type: String, nullable: true }) nameEn: string | null;
  @ApiProperty({ type: String, example: 'PROJECTS' }) unit: string;
  @ApiProperty(FIGURE) target: Figure;
  @ApiProperty({ ...FIGURE, nullable: true }) baseline: Figure | null;
  @ApiProperty({ ...FIGURE, nullable: true, description: 'null while a hand-entered indicator has no value (NOT_ENTERED)' }) actual: Figure | null;
  @ApiPropertyOptional({ ...FIGURE, description: 'money indicators only: the part of `actual` whose entries are verified' }) verified?: Figure;
  @ApiProperty({ type: Number, nullable: true, description: 'actual / target, in percent with one decimal (null: NOT_ENTERED)' }) percent: number | null;
  @ApiPropertyOptional({ type: Number, description: 'money indicators only: verified / target, in percent with one decimal' }) percentVerified?: number;
  @ApiProperty(FIGURE) expectedByNow: Figure;
  @ApiProperty({ ...FIGURE, nullable: true, description: 'the period-end value at the run rate so far: never negative, for a flow never below actual; null: NOT_ENTERED' })
  forecast: Figure | null;
  @ApiProperty({
    enum: PROGRESS_STATUSES,
    enumName: 'ProgressStatus',
    description:
      'while the period runs: AHEAD (超前), ON_TRACK (正常, within ±5 % of expectedByNow), BEHIND (滞后); once it has ended: ACHIEVED (已完成) or ' +
      'MISSED (未完成) against the target; NOT_ENTERED (未填报): a hand-entered indicator without any value',
  })
  status: ProgressStatus;
  @ApiProperty(STATUS_BASIS) statusBasis: StatusBasis;
  @ApiProperty({ type: Boolean, description: 'asOf is on or after the plan end: the status is ACHIEVED or MISSED' }) periodEnded: boolean;
  @ApiProperty({ type: () => YearFigure, isArray: true }) byYear: YearFigure[];
  @ApiPropertyOptional({ type: () => ExcludedFigure, isArray: true, description: 'JINGJI_INVESTMENT only: funds in place of the period its definition leaves out' })
  excluded?: ExcludedFigure[];
}

export class ProgressResponse {
  @ApiProperty({ type: () => ProgressPlan }) plan: ProgressPlan;
  @ApiProperty({ type: String, format: 'date' }) asOf: string;
  @ApiProperty({ type: () => IndicatorProgress, isArray: true }) indicators: IndicatorProgress[];
}

export class BreakdownRow {
  @ApiProperty({ type: String, description: 'the industry, zone, province, source or owner code, or the year' }) key: string;
  @ApiProperty({ type: String }) labelZh: string;
  @ApiProperty(FIGURE) value: Figure;
}

/** An indicator's figure by one dimension; the rows sum to `total`. */
export class BreakdownResponse {
  @ApiProperty({ type: String, example: 'FYP14' }) plan: string;
  @ApiProperty(INDICATOR_CODE) indicator: string;
  @ApiProperty({ enum: BREAKDOWNS, enumName: 'BreakdownBy' }) by: BreakdownBy;
  @ApiProperty({ type: String, format: 'date' }) asOf: string;
  @ApiProperty(FIGURE) total: Figure;
  @ApiProperty({ type: () => BreakdownRow, isArray: true }) rows: BreakdownRow[];
  @ApiPropertyOptional({ type: () => ExcludedFigure, isArray: true, description: 'JINGJI_INVESTMENT only: money left out by the definition, not in the rows or the total' })
  excluded?: ExcludedFigure[];
}

export class FunnelStage {
  @ApiProperty(apiEnum('ProjectStage')) stage: ProjectStage;
  @ApiProperty({ type: String }) nameZh: string;
  @ApiProperty({ type: 'integer', description: 'projects that reached this stage or a later one (skipped stages count as passed)' }) count: number;
  @ApiProperty({ type: () => MoneyDto, description: 'sum of their planned investment in CNY' }) plannedAmount: MoneyDto;
  @ApiProperty({ type: () => MoneyDto, description: 'sum of their planned investment in USD' }) plannedAmountUsd: MoneyDto;
  @ApiProperty({ type: Number, nullable: true, description: 'share of this stage’s projects that reached the next one (null for the last stage)' })
  conversionToNext: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'median days from arriving here to arriving at the next stage, over those that did' })
  medianDays: number | null;
}

/** The pipeline funnel of projects created in a date range. */
export class Funnel {
  @ApiProperty({ type: String, format: 'date', nullable: true }) from: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) to: string | null;
  @ApiProperty({ type: 'integer', description: 'projects LOST' }) lost: number;
  @ApiProperty({ type: () => FunnelStage, isArray: true }) stages: FunnelStage[];
}

/** A record behind JINGJI_PROJECTS: a Beijing–Hebei project signed in the period. */
export class ProjectRecord {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String }) name: string;
  @ApiProperty({ type: String }) companyName: string;
  @ApiProperty({ type: String, format: 'date' }) signedAt: string;
  @ApiProperty(apiEnum('ProjectStage')) stage: ProjectStage;
  @ApiProperty({ type: String }) industry: string;
  @ApiProperty({ type: String, nullable: true }) zone: string | null;
  @ApiProperty({ enum: JINGJI_PROVINCES, enumName: 'JingjiProvince' }) originProvince: string;
}

/** A record behind JINGJI_INVESTMENT, DOMESTIC_CAPITAL and FOREIGN_CAPITAL: a funds-in-place entry. */
export class FundingRecord {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String, format: 'date' }) date: string;
  @ApiProperty({ ...DECIMAL_AMOUNT }) amount: string;
  @ApiProperty(apiEnum('Currency')) currency: string;
  @ApiProperty(apiEnum('FundingStatus')) status: FundingStatus;
  @ApiProperty({ type: String, nullable: true }) evidenceRef: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'a reversing entry (negative amount): the entry it reverses' }) reversalOfId: string | null;
  @ApiProperty({ type: String, format: 'uuid' }) projectId: string;
  @ApiProperty({ type: String }) projectName: string;
  @ApiProperty({ type: String }) companyName: string;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'the project’s signing date' }) signedAt: string | null;
}

/** A record behind JINGJI_FLOOR_AREA: a Beijing–Hebei project's active placement. */
export class PlacementRecord {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: Number, description: 'm²' }) area: number;
  @ApiProperty({ type: String, format: 'date' }) startDate: string;
  @ApiProperty({ type: String, format: 'uuid' }) unitId: string;
  @ApiProperty({ type: String }) unitCode: string;
  @ApiProperty({ type: String }) buildingName: string;
  @ApiProperty({ type: String, format: 'uuid' }) projectId: string;
  @ApiProperty({ type: String }) projectName: string;
}

/** A record behind HIGH_TECH_ENTERPRISES: a company holding the qualification. */
export class CompanyRecord {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String }) name: string;
  @ApiProperty({ type: String, nullable: true }) uscc: string | null;
  @ApiProperty({ type: String, nullable: true }) industry: string | null;
  @ApiProperty({ ...apiEnum('Province'), nullable: true }) originProvince: string | null;
  @ApiProperty({ type: String, format: 'date', description: 'the award held at the cut (the latest one)' }) obtainedOn: string;
  @ApiProperty({ type: String, format: 'date' }) expiresOn: string;
}

/** A record behind a hand-entered indicator (MARKET_ENTITIES): a dated value. */
export class IndicatorValueRecord {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String, format: 'date' }) date: string;
  @ApiProperty({ type: String, description: 'a whole number as a string' }) value: string;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
}

/** The kinds of record behind an indicator; which one depends on the indicator. */
export const PROGRESS_RECORD_TYPES = [ProjectRecord, FundingRecord, PlacementRecord, CompanyRecord, IndicatorValueRecord];
export const PROGRESS_RECORDS_EXTRA = { indicator: { $ref: getSchemaPath('IndicatorCode') } };
