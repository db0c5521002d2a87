import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateBy, ValidateNested, buildMessage } from 'class-validator';
import { parseMinorUnits } from '../../../common/money/money.js';
import { IsDateOnly, IsIntVersion, IsText, PageQuery } from '../../../common/validation/decorators.js';
import { STATUS_BASES, type StatusBasis } from '../../plans/plan.entities.js';
import { BREAKDOWNS, INDICATOR_CODES, type BreakdownBy } from '../indicators.js';

/**
 * A plan figure (target, baseline, milestone): a non-negative number or decimal string with at most
 * two places, as progress answers them (counts and areas as numbers, money as decimal strings). Whether
 * a count is whole is the service's check, since it depends on the indicator.
 */
function IsPlanFigure(): PropertyDecorator {
  return ValidateBy({
    name: 'isPlanFigure',
    validator: {
      validate: (v: unknown) => {
        if (typeof v !== 'string' && typeof v !== 'number') return false;
        const minor = parseMinorUnits(v);
        return minor !== null && minor >= 0n;
      },
      defaultMessage: buildMessage((each) => `${each}$property must be a non-negative number (or decimal string) with at most two decimal places`),
    },
  });
}
/** How a query without `plan` chooses one. */
const CURRENT_PLAN_NOTE =
  'defaults to the plan whose period contains asOf (today in the district when asOf is absent); with none, 409 NO_CURRENT_PLAN';
const FIGURE = { oneOf: [{ type: 'number' }, { type: 'string' }] };

export class ProgressQuery {
  @ApiPropertyOptional({ example: 'FYP15', description: CURRENT_PLAN_NOTE })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  plan?: string;

  @ApiPropertyOptional({ example: '2024-06-30', description: 'defaults to today in the district' })
  @IsOptional()
  @IsDateOnly()
  asOf?: string;
}

export class BreakdownQuery extends ProgressQuery {
  @ApiProperty({ enum: INDICATOR_CODES, enumName: 'IndicatorCode' })
  @IsIn(INDICATOR_CODES)
  indicator: string;

  @ApiProperty({ enum: BREAKDOWNS, enumName: 'BreakdownBy' })
  @IsIn(BREAKDOWNS)
  by: BreakdownBy;
}

export class RecordsQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'FYP15', description: CURRENT_PLAN_NOTE })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  plan?: string;

  @ApiProperty({ enum: INDICATOR_CODES, enumName: 'IndicatorCode' })
  @IsIn(INDICATOR_CODES)
  indicator: string;

  @ApiPropertyOptional({ example: '2024-06-30' })
  @IsOptional()
  @IsDateOnly()
  asOf?: string;
}

export class FunnelQuery {
  @ApiPropertyOptional({ example: '2021-01-01', description: 'projects created on or after' })
  @IsOptional()
  @IsDateOnly()
  from?: string;

  @ApiPropertyOptional({ example: '2025-12-31', description: 'projects created on or before' })
  @IsOptional()
  @IsDateOnly()
  to?: string;
}

export class MilestoneInput {
  @ApiProperty({ example: 2027 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;

  @ApiProperty({ ...FIGURE, example: 200, description: 'cumulative value expected at the end of the year' })
  @IsPlanFigure()
  value: string | number;
}

export class PlanIndicatorInput {
  @ApiProperty({ enum: INDICATOR_CODES, enumName: 'IndicatorCode' })
  @IsIn(INDICATOR_CODES)
  code: string;

  @ApiProperty({ ...FIGURE, example: 1000, description: 'counts as whole numbers, areas in m², money in yuan/dollars (number or decimal string, two places at most)' })
  @IsPlanFigure()
  target: string | number;

  @ApiProperty({ example: 'PROJECTS', description: 'must be the unit of the indicator' })
  @IsString()
  @MaxLength(16)
  unit: string;

  @ApiPropertyOptional({ ...FIGURE, example: 36000 })
  @IsOptional()
  @IsPlanFigure()
  baseline?: string | number;

  @ApiPropertyOptional({ type: [MilestoneInput] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => MilestoneInput)
  milestones?: MilestoneInput[];
}

export class CreatePlanDto {
  @ApiProperty({ example: 'FYP15' })
  @IsString()
  @Matches(/^[A-Z0-9_]{2,32}$/, { message: 'code must be 2–32 of A-Z, 0-9, _' })
  code: string;

  @ApiProperty({ example: '和平区国民经济和社会发展第十五个五年规划' })
  @IsText(200)
  name: string;

  @ApiProperty({ example: '2026-01-01' })
  @IsDateOnly()
  startDate: string;

  @ApiProperty({ example: '2030-12-31' })
  @IsDateOnly()
  endDate: string;

  @ApiProperty({ type: [PlanIndicatorInput] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => PlanIndicatorInput)
  indicators: PlanIndicatorInput[];

  @ApiPropertyOptional({ enum: STATUS_BASES, default: 'REPORTED', description: 'which figure the statuses of money indicators follow' })
  @IsOptional()
  @IsIn(STATUS_BASES)
  statusBasis?: StatusBasis;

  @ApiPropertyOptional({
    maxLength: 500,
    description: "why the period may overlap another plan's (e.g. a mid-term revision); without it an overlapping plan is refused (409 PLAN_PERIOD_OVERLAP)",
  })
  @IsOptional()
  @IsText(500, { multiline: true })
  overlapReason?: string;
}

/** An existing indicator's new figures: what is given replaces what is stored; what is absent stays. */
export class PlanIndicatorUpdate {
  @ApiProperty({ enum: INDICATOR_CODES, enumName: 'IndicatorCode', description: 'an indicator the plan has' })
  @IsIn(INDICATOR_CODES)
  code: string;

  @ApiPropertyOptional({ ...FIGURE, example: 1200, description: 'counts as whole numbers, areas in m², money in yuan/dollars (number or decimal string, two places at most)' })
  @IsOptional()
  @IsPlanFigure()
  target?: string | number;

  @ApiPropertyOptional({ ...FIGURE, nullable: true, example: 36000, description: 'null clears it' })
  @IsOptional()
  @IsPlanFigure()
  baseline?: string | number | null;

  @ApiPropertyOptional({ type: [MilestoneInput], description: 'the whole list of yearly milestones (cumulative), replacing the stored one; [] clears them' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => MilestoneInput)
  milestones?: MilestoneInput[];
}

/**
 * What an admin may change of an entered plan: which figure its statuses follow, its name, and its
 * indicators' targets, baselines and milestones (validated as on entry), all at once or not at all.
 */
export class UpdatePlanDto {
  @ApiProperty({ description: 'the version you read; a stale one answers 409' })
  @IsIntVersion()
  version: number;

  @ApiPropertyOptional({ enum: STATUS_BASES })
  @IsOptional()
  @IsIn(STATUS_BASES)
  statusBasis?: StatusBasis;

  @ApiPropertyOptional({ example: '和平区国民经济和社会发展第十四个五年规划' })
  @IsOptional()
  @IsText(200)
  name?: string;

  @ApiPropertyOptional({ type: [PlanIndicatorUpdate], description: 'indicators to change, each named by code' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => PlanIndicatorUpdate)
  indicators?: PlanIndicatorUpdate[];
}

export class IndicatorValueDto {
  @ApiProperty({ example: '2024-12-31' })
  @IsDateOnly()
  date: string;

  @ApiProperty({ example: '41250' })
  @IsString()
  @Matches(/^\d{1,16}$/, { message: 'value must be a whole non-negative number as a string' })
  value: string;

  @ApiPropertyOptional({ example: '区市场监管局年报' })
  @IsOptional()
  @IsText(500, { multiline: true })
  note?: string;
}

export class VerifyFundingDto {
  @ApiProperty({ example: '和平商务〔2024〕123号', description: 'the document the figure is checked against' })
  @IsText(300)
  evidenceRef: string;
}
