import { formatMinorUnits, toMoney, type Currency, type MoneyDto } from '../../../common/money/money.js';
import type { ActivityType, FundingStatus, JingjiProvince, ProjectStage, RelocationFunction } from '../../reference/enums.js';
import type { Activity, Funding, ProjectTransition } from '../project-records.entities.js';
import type { Project } from '../project.entity.js';

export interface RelocationView {
  originProvince: JingjiProvince;
  originCity: string | null;
  originDistrict: string | null;
  function: RelocationFunction;
  centralSoe: boolean;
}

export interface ProjectResponse {
  id: string;
  name: string;
  companyId: string;
  company: { id: string; name: string; uscc: string | null } | null;
  industry: string;
  segments: string[];
  zone: string | null;
  stage: ProjectStage;
  plannedInvestment: MoneyDto | null;
  areaRequirement: { min: number; max: number } | null;
  relocation: RelocationView | null;
  jingji: boolean;
  signedAt: string | null;
  stageChangedAt: string;
  lostReason: string | null;
  leadId: string | null;
  ownerId: string | null;
  createdById: string | null;
  lastActivityAt: Date | null;
  nextFollowUpAt: Date | null;
  archived: boolean;
  createdAt: Date;
  updatedAt: Date;
  version: number;
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

export interface TransitionResponse {
  id: string;
  projectId: string;
  from: ProjectStage | null;
  to: ProjectStage;
  at: string;
  reason: string | null;
  note: string | null;
  actorId: string | null;
  createdAt: Date;
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

export interface FundingResponse {
  id: string;
  projectId: string;
  date: string;
  amount: string;
  currency: Currency;
  note: string | null;
  status: FundingStatus;
  verifiedById: string | null;
  verifiedAt: Date | null;
  evidenceRef: string | null;
  createdById: string | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export function toFundingResponse(f: Funding): FundingResponse {
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
    createdById: f.createdById,
    createdAt: f.createdAt,
    updatedAt: f.updatedAt,
    version: f.version,
  };
}

export interface ActivityResponse {
  id: string;
  projectId: string;
  type: ActivityType;
  at: Date;
  summary: string;
  nextFollowUpAt: Date | null;
  actorId: string | null;
  createdAt: Date;
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

/** One entry of the merged timeline, newest first. */
export type TimelineEntry =
  | { kind: 'ACTIVITY'; at: string; activity: ActivityResponse }
  | { kind: 'TRANSITION'; at: string; transition: TransitionResponse }
  | { kind: 'FUNDING'; at: string; funding: FundingResponse };
