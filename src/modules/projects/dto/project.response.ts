import { ApiProperty } from '@nestjs/swagger';
import { CURRENCIES, formatMinorUnits, toMoney, type Currency } from '../../../common/money/money.js';
import { DECIMAL_AMOUNT, MoneyDto } from '../../../common/money/money.dto.js';
import {
  apiEnum,
  JINGJI_PROVINCES,
  type ActivityType,
  type FundingStatus,
  type JingjiProvince,
  type ProjectStage,
  type RelocationFunction,
} from '../../reference/enums.js';
import type { Activity, Funding, ProjectTransition } from '../project-records.entities.js';
import { ProblemEventResponse } from '../../supervision/dto/problem.dto.js';
import type { Project } from '../project.entity.js';

/** 京冀项目: where a relocating company comes from and what moves. */
export class RelocationView {
  @ApiProperty({ enum: JINGJI_PROVINCES, enumName: 'JingjiProvince' }) originProvince: JingjiProvince;
  @ApiProperty({ type: String, nullable: true, example: '北京市' }) originCity: string | null;
  @ApiProperty({ type: String, nullable: true, example: '海淀区' }) originDistrict: string | null;
  @ApiProperty(apiEnum('RelocationFunction')) function: RelocationFunction;
  @ApiProperty({ type: Boolean, description: 'parent is a central state-owned enterprise (央企)' }) centralSoe: boolean;
}

/** The company of a project, as the project shows it. */
export class ProjectCompany {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String }) name: string;
  @ApiProperty({ type: String, nullable: true, description: '统一社会信用代码' }) uscc: string | null;
}

/** Area wanted, m². */
export class AreaRangeView {
  @ApiProperty({ type: Number, description: 'm²' }) min: number;
  @ApiProperty({ type: Number, description: 'm²' }) max: number;
}

/** 招商项目: a project as the API shows it. */
export class ProjectResponse {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String }) name: string;
  @ApiProperty({ type: String, format: 'uuid' }) companyId: string;
  @ApiProperty({ type: () => ProjectCompany, nullable: true }) company: ProjectCompany | null;
  @ApiProperty({ type: String, example: 'FINANCE', description: 'industry code, see GET /api/v1/industries' }) industry: string;
  @ApiProperty({ type: [String], description: 'segment codes of the industry' }) segments: string[];
  @ApiProperty({ type: String, nullable: true, description: 'zone or belt code, see GET /api/v1/zones' }) zone: string | null;
  @ApiProperty(apiEnum('ProjectStage')) stage: ProjectStage;
  @ApiProperty({ type: () => MoneyDto, nullable: true }) plannedInvestment: MoneyDto | null;
  @ApiProperty({ type: () => AreaRangeView, nullable: true }) areaRequirement: AreaRangeView | null;
  @ApiProperty({ type: () => RelocationView, nullable: true }) relocation: RelocationView | null;
  @ApiProperty({ type: Boolean, description: '京冀项目: the project relocates from Beijing or Hebei' }) jingji: boolean;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'the first arrival at SIGNED' }) signedAt: string | null;
  @ApiProperty({ type: String, format: 'date' }) stageChangedAt: string;
  @ApiProperty({ type: String, nullable: true }) lostReason: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'the lead it was converted from' }) leadId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) ownerId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) createdById: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastActivityAt: Date | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) nextFollowUpAt: Date | null;
  @ApiProperty({ type: Boolean }) archived: boolean;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: Date;
  @ApiProperty({ type: 'integer', description: 'send it back to change the record' }) version: number;
}

export function toProjectResponse(p: Project): ProjectResponse {
  return {
    id: p.id,
    name: p.name,
    companyId: p.companyId,
    company: p.company ? { id: p.company.id, name: p.company.name, uscc: p.company.uscc } : null,
    industry: p.industryCode,
    segments: p.segments,
    zone: p.zoneCode,
    stage: p.stage,
    plannedInvestment: toMoney(p.plannedInvestment, p.plannedCurrency),
    areaRequirement: p.areaMin !== null && p.areaMax !== null ? { min: p.areaMin, max: p.areaMax } : null,
    relocation:
      p.originProvince && p.relocationFunction
        ? {
            originProvince: p.originProvince,
            originCity: p.originCity,
            originDistrict: p.originDistrict,
            function: p.relocationFunction,
            centralSoe: p.centralSoe ?? false,
          }
        : null,
    jingji: p.jingji,
    signedAt: p.signedAt,
    stageChangedAt: p.stageChangedAt,
    lostReason: p.lostReason,
    leadId: p.leadId,
    ownerId: p.ownerId,
    createdById: p.createdById,
    lastActivityAt: p.lastActivityAt,
    nextFollowUpAt: p.nextFollowUpAt,
    archived: p.archivedAt !== null,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
    version: p.version,
  };
}

/** One stage change of a project. */
export class TransitionResponse {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String, format: 'uuid' }) projectId: string;
  @ApiProperty({ ...apiEnum('ProjectStage'), nullable: true, description: 'null for the project’s first stage' }) from: ProjectStage | null;
  @ApiProperty(apiEnum('ProjectStage')) to: ProjectStage;
  @ApiProperty({ type: String, format: 'date', description: 'the business date of the change' }) at: string;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) actorId: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
}

export function toTransitionResponse(t: ProjectTransition): TransitionResponse {
  return {
    id: t.id,
    projectId: t.projectId,
    from: t.fromStage,
    to: t.toStage,
    at: t.at,
    reason: t.reason,
    note: t.note,
    actorId: t.actorId,
    createdAt: t.createdAt,
  };
}

/** 阶段更正: the project after an admin's correction of its stage history, with the history now in force. */
export class StageCorrectionResult {
  @ApiProperty({ type: () => ProjectResponse }) project: ProjectResponse;
  @ApiProperty({ type: () => TransitionResponse, isArray: true, description: 'the corrected history, oldest first' }) transitions: TransitionResponse[];
}

/** 资金到位: one funds-in-place entry. */
export class FundingResponse {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String, format: 'uuid' }) projectId: string;
  @ApiProperty({ type: String, format: 'date' }) date: string;
  @ApiProperty({ ...DECIMAL_AMOUNT, description: 'yuan (or dollars), two decimal places' }) amount: string;
  @ApiProperty({ enum: CURRENCIES, enumName: 'Currency' }) currency: Currency;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty(apiEnum('FundingStatus')) status: FundingStatus;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) verifiedById: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) verifiedAt: Date | null;
  @ApiProperty({ type: String, nullable: true, description: 'the evidence a verification cites (文号)' }) evidenceRef: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'for a reversing entry (冲销, negative amount): the entry it reverses' })
  reversalOfId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'for a reversed entry: the reversing entry' }) reversedById: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'the reason given for the reversal (on both entries)' }) reversalReason: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) createdById: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: Date;
  @ApiProperty({ type: 'integer' }) version: number;
}

/** How an entry takes part in a reversal, if it does (see FundingReversal). */
export interface ReversalLink {
  reversalOfId: string | null;
  reversedById: string | null;
  reason: string | null;
}

export function toFundingResponse(f: Funding, link?: ReversalLink): FundingResponse {
  return {
    id: f.id,
    projectId: f.projectId,
    date: f.date,
    amount: formatMinorUnits(f.amount),
    currency: f.currency,
    note: f.note,
    status: f.status,
    verifiedById: f.verifiedById,
    verifiedAt: f.verifiedAt,
    evidenceRef: f.evidenceRef,
    reversalOfId: link?.reversalOfId ?? null,
    reversedById: link?.reversedById ?? null,
    reversalReason: link?.reason ?? null,
    createdById: f.createdById,
    createdAt: f.createdAt,
    updatedAt: f.updatedAt,
    version: f.version,
  };
}

/** A call, visit or meeting logged on a project. */
export class ActivityResponse {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String, format: 'uuid' }) projectId: string;
  @ApiProperty(apiEnum('ActivityType')) type: ActivityType;
  @ApiProperty({ type: String, format: 'date-time' }) at: Date;
  @ApiProperty({ type: String }) summary: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) nextFollowUpAt: Date | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) actorId: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
}

export function toActivityResponse(a: Activity): ActivityResponse {
  return {
    id: a.id,
    projectId: a.projectId,
    type: a.type,
    at: a.at,
    summary: a.summary,
    nextFollowUpAt: a.nextFollowUpAt,
    actorId: a.actorId,
    createdAt: a.createdAt,
  };
}

/** A timeline entry for an activity; `at` is its instant. */
export class TimelineActivityEntry {
  @ApiProperty({ enum: ['ACTIVITY'] }) kind: 'ACTIVITY';
  @ApiProperty({ type: String, format: 'date-time' }) at: string;
  @ApiProperty({ type: () => ActivityResponse }) activity: ActivityResponse;
}

/** A timeline entry for a stage change; `at` is its business date. */
export class TimelineTransitionEntry {
  @ApiProperty({ enum: ['TRANSITION'] }) kind: 'TRANSITION';
  @ApiProperty({ type: String, format: 'date' }) at: string;
  @ApiProperty({ type: () => TransitionResponse }) transition: TransitionResponse;
}

/** A timeline entry for funds in place; `at` is the funding's date. */
export class TimelineFundingEntry {
  @ApiProperty({ enum: ['FUNDING'] }) kind: 'FUNDING';
  @ApiProperty({ type: String, format: 'date' }) at: string;
  @ApiProperty({ type: () => FundingResponse }) funding: FundingResponse;
}

/** A timeline entry for a step of one of the project's problems (问题清单, 督办); `at` is its instant. */
export class TimelineProblemEntry {
  @ApiProperty({ enum: ['PROBLEM'] }) kind: 'PROBLEM';
  @ApiProperty({ type: String, format: 'date-time' }) at: string;
  @ApiProperty({ type: () => ProblemEventResponse }) problem: ProblemEventResponse;
}

/** One entry of the merged timeline, newest first; `kind` says which. */
export type TimelineEntry = TimelineActivityEntry | TimelineTransitionEntry | TimelineFundingEntry | TimelineProblemEntry;
export const TIMELINE_ENTRY_TYPES = [TimelineActivityEntry, TimelineTransitionEntry, TimelineFundingEntry, TimelineProblemEntry];
