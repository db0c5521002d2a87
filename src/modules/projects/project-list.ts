import type { SelectQueryBuilder } from 'typeorm';
import { DomainError } from '../../common/errors/domain-error.js';
import { likePattern, Page } from '../../common/pagination/cursor.js';
import { keysetPage, SORTS, type Sort } from '../../common/pagination/keyset.js';
import { NullableSort, nullableKeysetPage } from '../../database/nullable-keyset.js';
import { parseMinorUnits } from '../../common/money/money.js';
import { districtDate, districtDayStart } from '../../common/time/district-clock.js';
import { bool, instantBound } from '../../database/sql.js';
import { addDays } from '../buildings/calendar.js';
import type { ProjectStage, RelocationFunction } from '../reference/enums.js';
import type { Project } from './project.entity.js';
import { OPEN_STAGES } from './stage-machine.js';

/**
 * The orders the project list offers. Besides creation and name, the columns people sort by; each is
 * nullable (a project not yet signed, never visited, without a planned amount or next follow-up), so
 * they page with nullableKeysetPage: nulls last in both directions, the id as tie-breaker. Each is
 * served by an index on (column, id), read forwards or backwards, at a million rows as at ten:
 * signedAt by idx_projects_signed, lastActivityAt by idx_projects_last_activity, plannedInvestment by
 * idx_projects_planned, nextFollowUpAt by idx_projects_next_follow_up.
 */
export const PROJECT_SORTS = [
  ...SORTS,
  'signedAt',
  '-signedAt',
  'lastActivityAt',
  '-lastActivityAt',
  'plannedInvestment',
  '-plannedInvestment',
  'nextFollowUpAt',
  '-nextFollowUpAt',
] as const;
export type ProjectSort = (typeof PROJECT_SORTS)[number];

/**
 * The nullable sort columns. plannedInvestment orders by the amount as recorded: the few USD amounts
 * are not converted (the service keeps no exchange rate).
 */
const NULLABLE: Record<string, Omit<NullableSort, 'desc'>> = {
  signedAt: { property: 'signedAt', kind: 'date' },
  lastActivityAt: { property: 'lastActivityAt', kind: 'instant' },
  plannedInvestment: { property: 'plannedInvestment', kind: 'bigint' },
  nextFollowUpAt: { property: 'nextFollowUpAt', kind: 'instant' },
};

/** What the project list (and its exports, and the workbench's counts) can filter on. */
export interface ProjectFilters {
  stage?: ProjectStage[];
  industry?: string;
  segment?: string;
  zone?: string;
  jingji?: boolean;
  relocationFunction?: RelocationFunction;
  centralSoe?: boolean;
  ownerId?: string;
  companyId?: string;
  q?: string;
  signedFrom?: string;
  signedTo?: string;
  /** yuan, inclusive; CNY planned investment */
  plannedMin?: string | number;
  plannedMax?: string | number;
  idleDays?: number;
  followUpDue?: boolean;
  archived?: boolean;
}

/**
 * Applies the list's filters to a query of projects aliased `p`. `today` is the district's date the
 * day-based filters count from (idleDays, followUpDue).
 */
export function applyProjectFilters(qb: SelectQueryBuilder<Project>, f: ProjectFilters, today = districtDate()): SelectQueryBuilder<Project> {
  const em = qb.connection.manager;
  if (!f.archived) qb.andWhere('p.archivedAt IS NULL');
  if (f.stage?.length) qb.andWhere('p.stage IN (:...stages)', { stages: f.stage });
  if (f.industry) qb.andWhere('p.industryCode = :industry', { industry: f.industry });
  // Segments are a JSON list of codes: match the quoted code, its LIKE wildcards (the _ of codes) escaped.
  if (f.segment) qb.andWhere(`p.segments LIKE :segment ESCAPE '\\'`, { segment: likePattern(`"${f.segment}"`) });
  if (f.zone) qb.andWhere('p.zoneCode = :zone', { zone: f.zone });
  if (f.jingji !== undefined) qb.andWhere('p.jingji = :jingji', { jingji: f.jingji });
  if (f.relocationFunction) qb.andWhere('p.relocationFunction = :relocationFunction', { relocationFunction: f.relocationFunction });
  // Only relocations have a parent to be a central SOE: false means "relocating, parent not a central SOE".
  if (f.centralSoe !== undefined) qb.andWhere('p.centralSoe = :centralSoe', { centralSoe: bool(em, f.centralSoe) });
  if (f.ownerId) qb.andWhere('p.ownerId = :ownerId', { ownerId: f.ownerId });
  if (f.companyId) qb.andWhere('p.companyId = :companyId', { companyId: f.companyId });
  if (f.signedFrom) qb.andWhere('p.signedAt >= :signedFrom', { signedFrom: f.signedFrom });
  if (f.signedTo) qb.andWhere('p.signedAt <= :signedTo', { signedTo: f.signedTo });
  if (f.plannedMin !== undefined || f.plannedMax !== undefined) {
    const min = f.plannedMin === undefined ? null : parseMinorUnits(f.plannedMin);
    const max = f.plannedMax === undefined ? null : parseMinorUnits(f.plannedMax);
    if (min !== null && max !== null && max < min) throw DomainError.invalid('plannedMax', 'plannedMax must not be below plannedMin', 'notBelowMin');
    qb.andWhere("p.plannedCurrency = 'CNY'");
    // Minor units as decimal text: exact for bigint on both databases (never a float).
    if (min !== null) qb.andWhere('p.plannedInvestment >= :plannedMin', { plannedMin: min.toString() });
    if (max !== null) qb.andWhere('p.plannedInvestment <= :plannedMax', { plannedMax: max.toString() });
  }
  if (f.idleDays !== undefined) {
    // Idle for N days: the last activity (or the creation) fell on a district day at least N days before today.
    const since = instantBound(em, districtDayStart(addDays(today, 1 - f.idleDays)));
    qb.andWhere('p.stage IN (:...openStages) AND COALESCE(p.lastActivityAt, p.createdAt) < :idleSince', { openStages: OPEN_STAGES, idleSince: since });
  }
  if (f.followUpDue !== undefined) {
    const endOfToday = instantBound(em, districtDayStart(addDays(today, 1)));
    // Due: it comes due by the end of today and no activity has been logged since it came due.
    // (Every term is true or false, never NULL, so NOT gives exactly the complement.)
    const due =
      'p.stage IN (:...openStages) AND p.nextFollowUpAt IS NOT NULL AND p.nextFollowUpAt < :endOfToday ' +
      'AND (p.lastActivityAt IS NULL OR p.lastActivityAt < p.nextFollowUpAt)';
    qb.andWhere(f.followUpDue ? due : `NOT (${due})`, {
      openStages: OPEN_STAGES,
      endOfToday,
    });
  }
  if (f.q) qb.andWhere(`p.name LIKE :q ESCAPE '\\'`, { q: likePattern(f.q.trim()) });
  return qb;
}

/** A page of a filtered project query in one of PROJECT_SORTS. */
export function projectPage<Item>(
  qb: SelectQueryBuilder<Project>,
  opts: { sort: ProjectSort; limit: number; cursor?: string; map: (p: Project) => Item },
): Promise<Page<Item>> {
  const name = opts.sort.replace(/^-/, '');
  const nullable = NULLABLE[name];
  if (nullable) {
    return nullableKeysetPage(qb, {
      alias: 'p',
      sortName: opts.sort,
      sort: { ...nullable, desc: opts.sort.startsWith('-') },
      limit: opts.limit,
      cursor: opts.cursor,
      map: opts.map,
    });
  }
  return keysetPage(qb, { alias: 'p', sort: opts.sort as Sort, limit: opts.limit, cursor: opts.cursor, map: opts.map });
}
