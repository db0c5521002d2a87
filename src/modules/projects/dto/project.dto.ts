import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { CURRENCIES, type Currency } from '../../../common/money/money.js';
import {
  IsDateOnly,
  IsIntVersion,
  IsMoneyAmount,
  IsText,
  Nullable,
  PageQuery,
  QueryBoolean,
  SearchText,
} from '../../../common/validation/decorators.js';
import {
  apiEnum,
  JINGJI_PROVINCES,
  PROJECT_STAGES,
  RELOCATION_FUNCTIONS,
  keysOf,
  type JingjiProvince,
  type ProjectStage,
  type RelocationFunction,
} from '../../reference/enums.js';
import { PROJECT_SORTS, type ProjectSort } from '../project-list.js';

const PROJECT_STAGE_CODES = keysOf(PROJECT_STAGES);
/** Ten years: longer idle spans are typing mistakes. */
const MAX_IDLE_DAYS = 3650;

/** A query parameter given once as "A,B" (or repeated): its values as a list; anything else as sent, for the validators. */
function commaList(value: unknown): unknown {
  const parts = Array.isArray(value) ? value : [value];
  if (!parts.every((p) => typeof p === 'string')) return value;
  return (parts as string[]).flatMap((p) => p.split(',')).map((p) => p.trim());
}

export class MoneyInput {
  @ApiProperty({ oneOf: [{ type: 'string' }, { type: 'number' }], example: '1250000.00', description: 'yuan (or dollars), at most two decimal places' })
  @IsMoneyAmount()
  amount: string | number;

  @ApiProperty({ enum: CURRENCIES, enumName: 'Currency' })
  @IsIn(CURRENCIES)
  currency: Currency;
}

export class AreaRange {
  @ApiProperty({ description: 'm²', minimum: 0 })
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @Min(0)
  @Max(10_000_000)
  min: number;

  @ApiProperty({ description: 'm², not below min', minimum: 0 })
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @Min(0)
  @Max(10_000_000)
  max: number;
}

/** 京冀项目: where a relocating company comes from and what moves. */
export class RelocationInput {
  @ApiProperty({ enum: JINGJI_PROVINCES, enumName: 'JingjiProvince' })
  @IsIn(JINGJI_PROVINCES)
  originProvince: JingjiProvince;

  @ApiPropertyOptional({ example: '北京市' })
  @IsOptional()
  @IsText(100)
  originCity?: string;

  @ApiPropertyOptional({ example: '海淀区' })
  @IsOptional()
  @IsText(100)
  originDistrict?: string;

  @ApiProperty(apiEnum('RelocationFunction'))
  @IsIn(keysOf(RELOCATION_FUNCTIONS))
  function: RelocationFunction;

  @ApiPropertyOptional({ description: 'parent is a central state-owned enterprise (央企)' })
  @IsOptional()
  @IsBoolean()
  centralSoe?: boolean;
}

export class CreateProjectDto {
  @ApiProperty({ example: '某某金融科技区域总部项目' })
  @IsText(200)
  name: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  companyId: string;

  @ApiProperty({ example: 'FINANCE', description: 'industry code, see GET /api/v1/industries' })
  @IsString()
  @MaxLength(32)
  industry: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsString({ each: true })
  segments?: string[];

  @ApiPropertyOptional({ type: String, example: 'JIEFANG_NORTH_ROAD', description: 'zone or belt code, see GET /api/v1/zones', nullable: true })
  @IsOptional()
  @Nullable()
  @IsString()
  @MaxLength(32)
  zone?: string | null;

  @ApiPropertyOptional({ type: MoneyInput, nullable: true })
  @IsOptional()
  @Nullable()
  @ValidateNested()
  @Type(() => MoneyInput)
  plannedInvestment?: MoneyInput | null;

  @ApiPropertyOptional({ type: AreaRange, nullable: true })
  @IsOptional()
  @Nullable()
  @ValidateNested()
  @Type(() => AreaRange)
  areaRequirement?: AreaRange | null;

  @ApiPropertyOptional({ type: RelocationInput, nullable: true })
  @IsOptional()
  @Nullable()
  @ValidateNested()
  @Type(() => RelocationInput)
  relocation?: RelocationInput | null;

  @ApiPropertyOptional({ format: 'uuid', description: 'defaults to the creator' })
  @IsOptional()
  @IsUUID('all')
  ownerId?: string;

  @ApiPropertyOptional({
    example: '2024-03-01',
    description: 'the date negotiations began, for projects recorded after the fact; defaults to today, not in the future',
  })
  @IsOptional()
  @IsDateOnly()
  startedAt?: string;
}

/** Stage, owner, version and creator are not editable here: stages move through transitions. */
export class UpdateProjectDto extends PartialType(OmitType(CreateProjectDto, ['ownerId', 'startedAt'] as const)) {
  @ApiProperty({ description: 'the version you read; a stale one answers 409' })
  @IsIntVersion()
  version: number;
}

export class TransitionDto {
  @ApiProperty(apiEnum('ProjectStage'))
  @IsIn(keysOf(PROJECT_STAGES))
  to: ProjectStage;

  @ApiPropertyOptional({ example: '2024-05-01', description: 'business date; defaults to today (Asia/Shanghai), not in the future' })
  @IsOptional()
  @IsDateOnly()
  at?: string;

  @ApiPropertyOptional({ description: 'required for LOST' })
  @IsOptional()
  @IsText(500, { multiline: true })
  reason?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsText(2000, { multiline: true })
  note?: string;

  @ApiPropertyOptional({ description: 'the version you read; when given and stale, 409' })
  @IsOptional()
  @IsIntVersion()
  version?: number;
}

/** One step of a corrected stage history: the stage reached and the business date it was reached. */
export class StageStepInput {
  @ApiProperty({ enum: keysOf(PROJECT_STAGES) })
  @IsIn(keysOf(PROJECT_STAGES))
  stage: ProjectStage;

  @ApiProperty({ example: '2024-05-01', description: 'business date; not in the future, not before the previous step' })
  @IsDateOnly()
  at: string;

  @ApiPropertyOptional({ description: 'required for LOST' })
  @IsOptional()
  @IsText(500, { multiline: true })
  reason?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsText(2000, { multiline: true })
  note?: string;
}

/**
 * 阶段更正 (ADMIN): the project's whole stage history as it should have been, from its first step
 * (NEGOTIATING, the day it started) on, with the reason for the correction.
 */
export class StageCorrectionDto {
  @ApiProperty({ description: 'the version of the project you read; a stale one answers 409' })
  @IsIntVersion()
  version: number;

  @ApiProperty({ example: '误将项目标记为签约，实际仍在考察', maxLength: 500 })
  @IsText(500, { multiline: true })
  reason: string;

  @ApiProperty({ type: [StageStepInput], description: 'the corrected history, oldest first, starting with NEGOTIATING' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => StageStepInput)
  history: StageStepInput[];
}

export class ListProjectsQuery extends PageQuery {
  @ApiPropertyOptional({
    type: String,
    example: 'SIGNED,REGISTERED',
    description: 'one stage, or several separated by commas (any of them); see the ProjectStage enum',
  })
  @IsOptional()
  @Transform(({ value }) => commaList(value))
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(PROJECT_STAGE_CODES.length)
  @IsIn(PROJECT_STAGE_CODES, { each: true, message: `stage must be one or more of ${PROJECT_STAGE_CODES.join(', ')}, separated by commas` })
  stage?: ProjectStage[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(32)
  industry?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(32)
  zone?: string;

  @QueryBoolean()
  jingji?: boolean;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  ownerId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'the projects of this company' })
  @IsOptional()
  @IsUUID('all')
  companyId?: string;

  @ApiPropertyOptional({ example: 'FINANCE_FINANCING_LEASE', description: 'projects tagged with this sub-sector (segment code, see GET /api/v1/industries)' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  segment?: string;

  @ApiPropertyOptional({ ...apiEnum('RelocationFunction'), description: 'Beijing–Hebei relocations moving this function' })
  @IsOptional()
  @IsIn(keysOf(RELOCATION_FUNCTIONS))
  relocationFunction?: RelocationFunction;

  @ApiPropertyOptional({ type: Boolean, description: 'relocations whose parent is (true) or is not (false) a central SOE (央企); projects without a relocation match neither' })
  @QueryBoolean()
  centralSoe?: boolean;

  @ApiPropertyOptional({ type: String, example: '10000000.00', description: 'planned investment in CNY at least this many yuan (inclusive); only CNY amounts match' })
  @IsOptional()
  @IsMoneyAmount()
  plannedMin?: string;

  @ApiPropertyOptional({ type: String, example: '50000000.00', description: 'planned investment in CNY at most this many yuan (inclusive); only CNY amounts match' })
  @IsOptional()
  @IsMoneyAmount()
  plannedMax?: string;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: MAX_IDLE_DAYS,
    description: "open projects (not OPERATING or LOST) whose last activity, or creation when none, lies at least this many days before today (the district's date)",
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_IDLE_DAYS)
  idleDays?: number;

  @ApiPropertyOptional({
    type: Boolean,
    description: "true: open projects whose next follow-up is before the end of today (the district's date), overdue ones included; false: all others",
  })
  @QueryBoolean()
  followUpDue?: boolean;

  @ApiPropertyOptional({ description: 'substring of the project name' })
  @SearchText(100)
  q?: string;

  @ApiPropertyOptional({ example: '2024-01-01' })
  @IsOptional()
  @IsDateOnly()
  signedFrom?: string;

  @ApiPropertyOptional({ example: '2024-12-31' })
  @IsOptional()
  @IsDateOnly()
  signedTo?: string;

  @QueryBoolean()
  archived?: boolean;

  @ApiPropertyOptional({
    enum: PROJECT_SORTS,
    enumName: 'ProjectSort',
    default: '-createdAt',
    description: 'a column, descending with a leading -; projects without a value (not signed, no activity…) come last either way',
  })
  @IsOptional()
  @IsIn(PROJECT_SORTS)
  sort: ProjectSort = '-createdAt';
}

/** The list's filters and order, for an export of every matching project. */
export class ExportProjectsQuery extends OmitType(ListProjectsQuery, ['limit', 'cursor'] as const) {}

export class ReassignDto {
  @ApiProperty({ format: 'uuid', description: 'an active OFFICER or ADMIN' })
  @IsUUID('all')
  ownerId: string;
}
