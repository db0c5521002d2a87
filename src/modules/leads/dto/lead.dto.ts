import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsEmail, IsIn, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { SORTS, type Sort } from '../../../common/pagination/keyset.js';
import {
  IsChinesePhone,
  IsDateOnly,
  IsIntVersion,
  IsText,
  Nullable,
  PageQuery,
  QueryBoolean,
  SearchText,
} from '../../../common/validation/decorators.js';
import { CompanyResponse } from '../../companies/dto/company.dto.js';
import { MoneyInput, RelocationInput } from '../../projects/dto/project.dto.js';
import { ProjectResponse } from '../../projects/dto/project.response.js';
import {
  apiEnum,
  LEAD_SOURCES,
  LEAD_STATUSES,
  PROVINCES,
  keysOf,
  type ActivityType,
  type LeadSource,
  type LeadStatus,
  type Province,
} from '../../reference/enums.js';
import { LEAD_POOL_EVENTS, type LeadActivity, type LeadPoolEvent } from '../lead-activity.entity.js';
import type { Lead } from '../lead.entity.js';

/** Statuses an officer sets by hand; CONVERTED and DISQUALIFIED come from their own actions. */
export const EDITABLE_LEAD_STATUSES = ['NEW', 'CONTACTED', 'QUALIFIED'] as const;

export class CreateLeadDto {
  @ApiProperty({ example: '北京某某科技有限公司' })
  @IsText(200)
  companyName: string;

  @ApiProperty(apiEnum('LeadSource'))
  @IsIn(keysOf(LEAD_SOURCES))
  source: LeadSource;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @Nullable()
  @IsText(100)
  contactName?: string | null;

  @ApiPropertyOptional({ type: String, example: '138 1234 5678', description: 'normalised to 13812345678', nullable: true })
  @IsOptional()
  @Nullable()
  @IsChinesePhone()
  contactPhone?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @Nullable()
  @IsEmail()
  @MaxLength(200)
  contactEmail?: string | null;

  @ApiPropertyOptional({ type: String, example: 'SMART_TECH', nullable: true })
  @IsOptional()
  @Nullable()
  @IsString()
  @MaxLength(32)
  industry?: string | null;

  @ApiPropertyOptional({ ...apiEnum('Province'), nullable: true })
  @IsOptional()
  @Nullable()
  @IsIn(keysOf(PROVINCES))
  originProvince?: Province | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @Nullable()
  @IsText(5000, { multiline: true })
  notes?: string | null;
}

export class UpdateLeadDto extends PartialType(CreateLeadDto) {
  @ApiPropertyOptional({ enum: EDITABLE_LEAD_STATUSES })
  @IsOptional()
  @IsIn(EDITABLE_LEAD_STATUSES, { message: 'status must be NEW, CONTACTED or QUALIFIED (convert and disqualify have their own routes)' })
  status?: (typeof EDITABLE_LEAD_STATUSES)[number];

  @ApiProperty({ description: 'the version you read; a stale one answers 409' })
  @IsIntVersion()
  version: number;
}

export class ConvertLeadDto {
  @ApiPropertyOptional({ description: 'defaults to the company name + 项目' })
  @IsOptional()
  @IsText(200)
  projectName?: string;

  @ApiPropertyOptional({ description: "defaults to the lead's industry, then the company's" })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  industry?: string;

  @ApiPropertyOptional({ type: [String], description: "segment codes of the project's industry, checked as project creation checks them" })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsString({ each: true })
  segments?: string[];

  @ApiPropertyOptional({ format: 'uuid', description: 'link this existing company instead of creating one' })
  @IsOptional()
  @IsUUID('all')
  companyId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(32)
  zone?: string;

  @ApiPropertyOptional({ type: MoneyInput, description: 'the project’s planned investment (计划投资额)' })
  @IsOptional()
  @ValidateNested()
  @Type(() => MoneyInput)
  plannedInvestment?: MoneyInput;

  @ApiPropertyOptional({ type: RelocationInput })
  @IsOptional()
  @ValidateNested()
  @Type(() => RelocationInput)
  relocation?: RelocationInput;

  @ApiPropertyOptional({
    example: '2024-03-01',
    description: 'the date the project started (its first stage, 洽谈), for a lead converted after the fact; defaults to today, not in the future',
  })
  @IsOptional()
  @IsDateOnly()
  startedAt?: string;
}

export class DisqualifyLeadDto {
  @ApiProperty({ example: '企业已决定落户其他区' })
  @IsText(500, { multiline: true })
  reason: string;
}

export class ListLeadsQuery extends PageQuery {
  @ApiPropertyOptional(apiEnum('LeadStatus'))
  @IsOptional()
  @IsIn(keysOf(LEAD_STATUSES))
  status?: LeadStatus;

  @ApiPropertyOptional(apiEnum('LeadSource'))
  @IsOptional()
  @IsIn(keysOf(LEAD_SOURCES))
  source?: LeadSource;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  ownerId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'the leads converted into (or linked with) this company' })
  @IsOptional()
  @IsUUID('all')
  companyId?: string;

  @ApiPropertyOptional({ example: '2025-01-01', description: "created on this district date or later" })
  @IsOptional()
  @IsDateOnly()
  createdFrom?: string;

  @ApiPropertyOptional({ example: '2025-06-30', description: "created on this district date or earlier" })
  @IsOptional()
  @IsDateOnly()
  createdTo?: string;

  @ApiPropertyOptional({ description: 'substring of the company name or contact' })
  @SearchText(100)
  q?: string;

  @QueryBoolean()
  archived?: boolean;

  @ApiPropertyOptional({ enum: SORTS, default: '-createdAt' })
  @IsOptional()
  @IsIn(SORTS)
  sort: Sort = '-createdAt';
}

/** The list's filters and order, for an export of every matching lead. */
export class ExportLeadsQuery extends OmitType(ListLeadsQuery, ['limit', 'cursor'] as const) {}

/** A lead (线索) as the API shows it. */
export class LeadResponse {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String }) companyName: string;
  @ApiProperty(apiEnum('LeadSource')) source: LeadSource;
  @ApiProperty(apiEnum('LeadStatus')) status: LeadStatus;
  @ApiProperty({ type: String, nullable: true }) contactName: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'normalised: 13812345678' }) contactPhone: string | null;
  @ApiProperty({ type: String, nullable: true }) contactEmail: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'industry code' }) industry: string | null;
  @ApiProperty({ ...apiEnum('Province'), nullable: true }) originProvince: Province | null;
  @ApiProperty({ type: String, nullable: true }) notes: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) ownerId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) createdById: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'set by the conversion' }) companyId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'set by the conversion' }) projectId: string | null;
  @ApiProperty({ type: String, nullable: true }) disqualifiedReason: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'when it was converted or disqualified' }) closedAt: Date | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'the newest activity logged on the lead' }) lastActivityAt: Date | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'the next follow-up the latest activities set' }) nextFollowUpAt: Date | null;
  @ApiProperty({ type: Boolean }) archived: boolean;
  @ApiProperty({ type: Boolean, description: 'in the shared pool (公海): open and without an owner' }) inPool: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'when it last entered the pool' }) poolEnteredAt: Date | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'when its owner claimed it from the pool' }) claimedAt: Date | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'an owned open lead: when it returns to the pool unless an activity is logged before (LEAD_POOL_DAYS after the later of its last activity and since when its owner holds it)',
  })
  poolReturnAt: Date | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: Date;
  @ApiProperty({ type: 'integer' }) version: number;
}

/** Something the converting officer should check: the lead or company comes from Beijing/Hebei, the project has no relocation. */
export class ConversionWarning {
  @ApiProperty({ enum: ['UNMARKED_JINGJI'] }) code: 'UNMARKED_JINGJI';
  @ApiProperty({ enum: ['BEIJING', 'HEBEI'], enumName: 'JingjiProvince' }) originProvince: 'BEIJING' | 'HEBEI';
  @ApiProperty({ type: String }) message: string;
}

/** A converted lead, with the project it became and the company it was created or linked with. */
export class ConversionResult {
  @ApiProperty({ type: () => LeadResponse }) lead: LeadResponse;
  @ApiProperty({ type: () => ProjectResponse }) project: ProjectResponse;
  @ApiProperty({ type: () => CompanyResponse }) company: CompanyResponse;
  @ApiProperty({ type: () => ConversionWarning, isArray: true, description: 'UNMARKED_JINGJI: the origin says Beijing/Hebei but the project has no relocation' })
  warnings: ConversionWarning[];
}

let leadPoolDays = 30;
/** LEAD_POOL_DAYS, set once at boot, for the return date each lead shows. */
export function setLeadPoolDays(days: number): void {
  leadPoolDays = days;
}

const OPEN_LEAD = new Set(['NEW', 'CONTACTED', 'QUALIFIED']);

/** The instant an owned open lead's idle clock starts: the later of its last activity and since when its owner holds it. */
export function idleSince(l: Pick<Lead, 'lastActivityAt' | 'ownedSince' | 'createdAt'>): Date {
  const held = l.ownedSince ?? l.createdAt;
  return l.lastActivityAt && l.lastActivityAt > held ? l.lastActivityAt : held;
}

export function toLeadResponse(l: Lead): LeadResponse {
  const open = OPEN_LEAD.has(l.status) && l.archivedAt === null;
  return {
    id: l.id,
    companyName: l.companyName,
    source: l.source,
    status: l.status,
    contactName: l.contactName,
    contactPhone: l.contactPhone,
    contactEmail: l.contactEmail,
    industry: l.industryCode,
    originProvince: l.originProvince,
    notes: l.notes,
    ownerId: l.ownerId,
    createdById: l.createdById,
    companyId: l.companyId,
    projectId: l.projectId,
    disqualifiedReason: l.disqualifiedReason,
    closedAt: l.closedAt,
    lastActivityAt: l.lastActivityAt,
    nextFollowUpAt: l.nextFollowUpAt,
    archived: l.archivedAt !== null,
    inPool: open && l.ownerId === null,
    poolEnteredAt: l.poolEnteredAt ?? null,
    claimedAt: l.claimedAt ?? null,
    poolReturnAt: open && l.ownerId !== null ? new Date(idleSince(l).getTime() + leadPoolDays * 86_400_000) : null,
    createdAt: l.createdAt,
    updatedAt: l.updatedAt,
    version: l.version,
  };
}


/** 跟进记录: a call, visit or meeting logged on a lead. */
export class LeadActivityResponse {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String, format: 'uuid' }) leadId: string;
  @ApiProperty(apiEnum('ActivityType')) type: ActivityType;
  @ApiProperty({ type: String, format: 'date-time' }) at: Date;
  @ApiProperty({ type: String }) summary: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) nextFollowUpAt: Date | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) actorId: string | null;
  @ApiProperty({
    enum: LEAD_POOL_EVENTS,
    enumName: 'LeadPoolEvent',
    nullable: true,
    description: 'a move of the lead pool, not a contact: RETURNED (idle, back to the pool), RELEASED, CLAIMED, ASSIGNED',
  })
  poolEvent: LeadPoolEvent | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
}

export function toLeadActivityResponse(a: LeadActivity): LeadActivityResponse {
  return {
    id: a.id,
    leadId: a.leadId,
    type: a.type,
    at: a.at,
    summary: a.summary,
    nextFollowUpAt: a.nextFollowUpAt,
    actorId: a.actorId,
    poolEvent: a.poolEvent ?? null,
    createdAt: a.createdAt,
  };
}

export class ReleaseLeadDto {
  @ApiPropertyOptional({ example: '企业暂无投资计划，交回公海' })
  @IsOptional()
  @IsText(500, { multiline: true })
  reason?: string;
}

export class LeadPoolQuery extends PageQuery {
  @ApiPropertyOptional(apiEnum('LeadSource'))
  @IsOptional()
  @IsIn(keysOf(LEAD_SOURCES))
  source?: LeadSource;

  @ApiPropertyOptional({ description: 'substring of the company name or contact' })
  @SearchText(100)
  q?: string;
}
