import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, SelectQueryBuilder } from 'typeorm';
import type { Actor } from '../../common/auth/actor.js';
import { DomainError, ErrorCode } from '../../common/errors/domain-error.js';
import { newId } from '../../common/identity/ids.js';
import { Page } from '../../common/pagination/cursor.js';
import { keysetPage } from '../../common/pagination/keyset.js';
import { districtDate } from '../../common/time/district-clock.js';
import { bool, sql } from '../../database/sql.js';
import { Transactions } from '../../database/transactions.js';
import { updateVersioned } from '../../database/versioned-update.js';
import { JobQueues } from '../../queue/job-queues.service.js';
import { AuditService } from '../audit/audit.service.js';
import { assertCan } from '../auth/permissions.js';
import { daysBetween } from '../buildings/calendar.js';
import type { ExportTable } from '../data-exchange/sheet/table-writer.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { Project } from '../projects/project.entity.js';
import { PROBLEM_STATUSES, type ProblemEventKind, type ProblemStatus } from '../reference/enums.js';
import { User } from '../users/user.entity.js';
import { Department, DepartmentContact } from './department.entity.js';
import {
  CreateProblemDto,
  DepartmentProblemStats,
  ExportProblemsQuery,
  ListProblemsQuery,
  ProblemEventResponse,
  ProblemResponse,
  ProblemStats,
  SuperviseProblemDto,
  toProblemEventResponse,
  toProblemResponse,
  UpdateProblemDto,
} from './dto/problem.dto.js';
import { problemExportColumns } from './problem-export.js';
import { Problem, ProblemEvent } from './problem.entity.js';
import { isOpen, OPEN_PROBLEM_STATUSES, statusChangeRefusal } from './problem-rules.js';

const EXPORT_BATCH = 500;

/** Appends a step to a problem's history (and so to its project's timeline), in the caller's transaction. */
export async function recordProblemEvent(
  em: EntityManager,
  e: { problem: Problem; kind: ProblemEventKind; fromStatus?: ProblemStatus | null; toStatus?: ProblemStatus | null; note?: string | null; actorId: string | null },
): Promise<void> {
  await em.getRepository(ProblemEvent).insert({
    id: newId(),
    problemId: e.problem.id,
    projectId: e.problem.projectId,
    kind: e.kind,
    fromStatus: e.fromStatus ?? null,
    toStatus: e.toStatus ?? null,
    note: e.note ? e.note.slice(0, 2000) : null,
    actorId: e.actorId,
  });
}

/**
 * 问题清单: the problems that block projects, each with a responsible department and a deadline.
 * Reported by the project's officer, worked on by the department's users (who see only their
 * departments' problems), supervised (督办, with 批示) by leaders.
 */
@Injectable()
export class ProblemsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly jobs: JobQueues,
  ) {}

  async create(projectId: string, dto: CreateProblemDto, actor: Actor): Promise<ProblemResponse> {
    const today = districtDate();
    if (dto.dueDate < today) throw DomainError.invalid('dueDate', `dueDate must not lie in the past (today is ${today} in the district)`, 'notBeforeToday');
    const id = newId();
    await this.tx.run(async (em) => {
      const project = await em.getRepository(Project).findOne({ where: { id: projectId }, select: { id: true, ownerId: true, archivedAt: true } });
      if (!project) throw DomainError.notFound('Project', projectId);
      assertCan(actor, 'problem.create', () => project.ownerId === actor.id);
      if (project.archivedAt) throw DomainError.conflict('ARCHIVED', `Project ${projectId} is archived; unarchive it first`);
      const department = await em.getRepository(Department).findOneBy({ id: dto.departmentId });
      if (!department || !department.active) throw DomainError.invalid('departmentId', 'no active department has this id', 'notFound');
      if (dto.assigneeId) await this.assertAssignee(em, dto.assigneeId, dto.departmentId);
      await em.getRepository(Problem).insert({
        id,
        projectId,
        title: dto.title,
        description: dto.description ?? null,
        category: dto.category,
        departmentId: dto.departmentId,
        assigneeId: dto.assigneeId ?? null,
        dueDate: dto.dueDate,
        status: 'OPEN',
        resolution: null,
        reportedOn: today,
        closedOn: null,
        daysToResolve: null,
        supervised: false,
        instruction: null,
        supervisedAt: null,
        supervisedById: null,
        overdueNotifiedFor: null,
        escalatedFor: null,
        createdById: actor.id,
      });
      const created = await this.load(em, id);
      await recordProblemEvent(em, { problem: created, kind: 'CREATED', toStatus: 'OPEN', note: `${department.nameZh}，期限 ${dto.dueDate}`, actorId: actor.id });
      await this.audit.record(em, { actor, action: 'problem.create', entity: 'Problem', entityId: id, before: null, after: toProblemResponse(created, today) });
    });
    return this.get(id, actor);
  }

  async list(query: ListProblemsQuery, actor: Actor): Promise<Page<ProblemResponse>> {
    assertCan(actor, 'problem.read', () => true);
    const today = districtDate();
    const qb = await this.filtered(query, actor, today);
    return keysetPage(qb, { alias: 'p', sort: '-createdAt', limit: query.limit, cursor: query.cursor, map: (p) => toProblemResponse(p, today) });
  }

  async get(id: string, actor: Actor): Promise<ProblemResponse> {
    const p = await this.load(this.dataSource.manager, id);
    const mine = actor.role === 'DEPARTMENT' ? await this.departmentsOf(this.dataSource.manager, actor.id) : [];
    assertCan(actor, 'problem.read', () => mine.includes(p.departmentId));
    return toProblemResponse(p, districtDate());
  }

  /** A problem's history, newest first. */
  async history(id: string, actor: Actor, limit: number, cursor?: string): Promise<Page<ProblemEventResponse>> {
    await this.get(id, actor);
    const qb = this.dataSource.getRepository(ProblemEvent).createQueryBuilder('e').leftJoin('e.problem', 'problem').addSelect(['problem.id', 'problem.title']).where('e.problemId = :id', { id });
    return keysetPage(qb, { alias: 'e', sort: '-createdAt', limit, cursor, map: toProblemEventResponse });
  }

  /**
   * Status, resolution, deadline or person in charge, with the version read (409 when stale). The
   * department's users and the project's officer change the status; the deadline moves only by the
   * officer or an admin. Closing needs a resolution (how, or why not).
   */
  async update(id: string, dto: UpdateProblemDto, actor: Actor): Promise<ProblemResponse> {
    const today = districtDate();
    await this.tx.run(async (em) => {
      const before = await this.load(em, id);
      const mine = actor.role === 'DEPARTMENT' ? await this.departmentsOf(em, actor.id) : [];
      assertCan(actor, 'problem.update', () => (actor.role === 'DEPARTMENT' ? mine.includes(before.departmentId) : before.project?.ownerId === actor.id));
      if (dto.dueDate !== undefined && actor.role === 'DEPARTMENT') {
        throw new DomainError(ErrorCode.FORBIDDEN, 'Only the project’s officer or an admin may move a problem’s deadline');
      }
      const to = dto.status ?? before.status;
      if (!isOpen(before.status)) {
        throw DomainError.conflict('PROBLEM_CLOSED', `Problem ${id} is ${before.status}; a closed problem cannot be changed`);
      }
      if (dto.status !== undefined && dto.status !== before.status) {
        const refusal = statusChangeRefusal(before.status, dto.status);
        if (refusal) throw DomainError.conflict(refusal, `Problem ${id} cannot go from ${before.status} to ${dto.status}`);
      }
      const closing = !isOpen(to);
      if (closing && !dto.resolution) {
        throw DomainError.invalid('resolution', `closing a problem (${to}) needs a resolution: how it was solved, or why it cannot be`, 'requiredToClose');
      }
      if (!closing && dto.resolution !== undefined) {
        throw DomainError.invalid('resolution', 'a resolution is given only when closing (RESOLVED or UNRESOLVABLE)', 'onlyWhenClosing');
      }
      if (dto.dueDate !== undefined && dto.dueDate !== before.dueDate && dto.dueDate < today) {
        throw DomainError.invalid('dueDate', `dueDate must not lie in the past (today is ${today} in the district)`, 'notBeforeToday');
      }
      if (dto.assigneeId) await this.assertAssignee(em, dto.assigneeId, before.departmentId);
      await updateVersioned(em, Problem, {
        id,
        version: dto.version,
        label: 'Problem',
        set: {
          status: to,
          ...(dto.dueDate !== undefined && { dueDate: dto.dueDate }),
          ...(dto.assigneeId !== undefined && { assigneeId: dto.assigneeId }),
          ...(closing && {
            resolution: dto.resolution,
            closedOn: today,
            daysToResolve: to === 'RESOLVED' ? Math.max(0, daysBetween(before.reportedOn, today)) : null,
          }),
        },
      });
      const after = await this.load(em, id);
      if (to !== before.status) {
        await recordProblemEvent(em, { problem: after, kind: 'STATUS_CHANGED', fromStatus: before.status, toStatus: to, note: closing ? (dto.resolution ?? null) : null, actorId: actor.id });
      }
      const changed: string[] = [];
      if (after.dueDate !== before.dueDate) changed.push(`期限 ${before.dueDate} → ${after.dueDate}`);
      if (after.assigneeId !== before.assigneeId) changed.push(`责任人 ${before.assignee?.displayName ?? '无'} → ${after.assignee?.displayName ?? '无'}`);
      if (changed.length) await recordProblemEvent(em, { problem: after, kind: 'UPDATED', note: changed.join('；'), actorId: actor.id });
      await this.audit.record(em, { actor, action: 'problem.update', entity: 'Problem', entityId: id, before: toProblemResponse(before, today), after: toProblemResponse(after, today) });
    });
    return this.get(id, actor);
  }

  /** 督办: a leader marks an open problem with an instruction (批示); the department's contacts are told. */
  async supervise(id: string, dto: SuperviseProblemDto, actor: Actor): Promise<ProblemResponse> {
    assertCan(actor, 'problem.supervise');
    const today = districtDate();
    const deliveryIds = await this.tx.run(async (em) => {
      const before = await this.load(em, id);
      if (!isOpen(before.status)) throw DomainError.conflict('PROBLEM_CLOSED', `Problem ${id} is ${before.status}; only an open problem is supervised`);
      await em
        .createQueryBuilder()
        .update(Problem)
        .set({ supervised: true, instruction: dto.instruction, supervisedAt: new Date(), supervisedById: actor.id })
        .where('id = :id', { id })
        .execute();
      const after = await this.load(em, id);
      await recordProblemEvent(em, { problem: after, kind: 'SUPERVISED', note: dto.instruction, actorId: actor.id });
      await this.audit.record(em, { actor, action: 'problem.supervise', entity: 'Problem', entityId: id, before: toProblemResponse(before, today), after: toProblemResponse(after, today) });
      const contacts = await em.getRepository(DepartmentContact).findBy({ departmentId: after.departmentId });
      const recorded = await this.notifications.record(em, {
        key: `problem-supervised:${id}:${after.version}`,
        event: 'PROBLEM_SUPERVISED',
        title: `【督办】${after.title}`,
        body: [
          `区领导 ${after.supervisedBy?.displayName ?? ''} 对项目「${after.project?.name ?? ''}」的问题「${after.title}」作出批示：`,
          '',
          `> ${dto.instruction}`,
          `> 责任单位：${after.department?.nameZh ?? ''}`,
          `> 办理期限：${after.dueDate}`,
        ].join('\n'),
        subject: { type: 'PROJECT', id: after.projectId },
        recipientIds: contacts.map((c) => c.userId),
      });
      return recorded.deliveryIds;
    });
    await this.jobs.deliver(deliveryIds);
    return this.get(id, actor);
  }

  /**
   * The dashboard's figures, from the records: open, overdue, supervised, resolved this district
   * month, average days to resolve; and the same per department (the weekly meeting's table).
   * A department user's figures cover their departments only.
   */
  async stats(actor: Actor, now: Date = new Date()): Promise<ProblemStats> {
    assertCan(actor, 'problem.read', () => true);
    const em = this.dataSource.manager;
    const today = districtDate(now);
    const monthStart = `${today.slice(0, 7)}-01`;
    const scope = actor.role === 'DEPARTMENT' ? await this.departmentsOf(em, actor.id) : null;
    if (scope && scope.length === 0) return { asOf: today, open: 0, overdue: 0, supervised: 0, resolvedThisMonth: 0, averageDaysToResolve: null, byDepartment: [] };
    const open = "p.status IN ('OPEN', 'IN_PROGRESS')";
    const rows = await sql<Record<string, string | number | null>>(
      em,
      `SELECT p.department_id AS department_id,
        SUM(CASE WHEN ${open} THEN 1 ELSE 0 END) AS open_count,
        SUM(CASE WHEN ${open} AND p.due_date < ? THEN 1 ELSE 0 END) AS overdue_count,
        SUM(CASE WHEN ${open} AND p.due_date < ? AND p.supervised = ? THEN 1 ELSE 0 END) AS supervised_overdue,
        SUM(CASE WHEN ${open} AND p.supervised = ? THEN 1 ELSE 0 END) AS supervised_count,
        SUM(CASE WHEN p.status = 'RESOLVED' AND p.closed_on >= ? THEN 1 ELSE 0 END) AS resolved_month,
        SUM(CASE WHEN p.status = 'RESOLVED' THEN 1 ELSE 0 END) AS resolved_count,
        SUM(CASE WHEN p.status = 'RESOLVED' THEN p.days_to_resolve ELSE 0 END) AS resolved_days,
        CAST(MIN(CASE WHEN ${open} AND p.due_date < ? THEN p.due_date END) AS VARCHAR(10)) AS oldest_overdue
       FROM problems p
       ${scope ? `WHERE p.department_id IN (${scope.map(() => '?').join(', ')})` : ''}
       GROUP BY p.department_id`,
      [today, today, bool(em, true), bool(em, true), monthStart, today, ...(scope ?? [])],
    );
    const departments = rows.length ? await em.getRepository(Department).findBy({ id: In(rows.map((r) => String(r.department_id))) }) : [];
    const byId = new Map(departments.map((d) => [d.id, d]));
    const average = (days: number, count: number): number | null => (count ? Math.round((days / count) * 10) / 10 : null);
    const byDepartment: (DepartmentProblemStats & { supervised: number; resolvedDays: number })[] = rows.map((r) => {
      const d = byId.get(String(r.department_id));
      const resolved = Number(r.resolved_count ?? 0);
      const resolvedDays = Number(r.resolved_days ?? 0);
      return {
        departmentId: String(r.department_id),
        code: d?.code ?? '',
        nameZh: d?.nameZh ?? '',
        open: Number(r.open_count ?? 0),
        overdue: Number(r.overdue_count ?? 0),
        supervisedOverdue: Number(r.supervised_overdue ?? 0),
        resolvedThisMonth: Number(r.resolved_month ?? 0),
        resolved,
        averageDaysToResolve: average(resolvedDays, resolved),
        oldestOverdueDueDate: r.oldest_overdue ? String(r.oldest_overdue).slice(0, 10) : null,
        supervised: Number(r.supervised_count ?? 0),
        resolvedDays,
      };
    });
    byDepartment.sort((a, b) => b.overdue - a.overdue || b.open - a.open || a.code.localeCompare(b.code));
    const sum = (f: (r: (typeof byDepartment)[number]) => number): number => byDepartment.reduce((n, r) => n + f(r), 0);
    return {
      asOf: today,
      open: sum((r) => r.open),
      overdue: sum((r) => r.overdue),
      supervised: sum((r) => r.supervised),
      resolvedThisMonth: sum((r) => r.resolvedThisMonth),
      averageDaysToResolve: average(sum((r) => r.resolvedDays), sum((r) => r.resolved)),
      byDepartment: byDepartment.map(({ supervised: _s, resolvedDays: _d, ...row }) => row),
    };
  }

  async exportTable(query: ExportProblemsQuery, actor: Actor): Promise<ExportTable<ProblemResponse>> {
    assertCan(actor, 'problem.read', () => true);
    const today = districtDate();
    const title = query.overdue ? '逾期问题清单' : '项目问题清单';
    return { title, filename: query.overdue ? 'overdue-problems' : 'problems', columns: problemExportColumns(PROBLEM_STATUSES), rows: this.exportRows(query, actor, today) };
  }

  private async *exportRows(query: ExportProblemsQuery, actor: Actor, today: string): AsyncIterable<ProblemResponse> {
    let after: string | null = null;
    for (;;) {
      const qb = await this.filtered(query, actor, today);
      if (after) qb.andWhere('p.id > :after', { after });
      const batch = await qb.orderBy('p.id', 'ASC').take(EXPORT_BATCH).getMany();
      for (const p of batch) yield toProblemResponse(p, today);
      if (batch.length < EXPORT_BATCH) return;
      after = batch[batch.length - 1].id;
    }
  }

  private async filtered(query: ExportProblemsQuery, actor: Actor, today: string): Promise<SelectQueryBuilder<Problem>> {
    const qb = this.withNames(this.dataSource.getRepository(Problem).createQueryBuilder('p'));
    if (actor.role === 'DEPARTMENT') {
      const mine = await this.departmentsOf(this.dataSource.manager, actor.id);
      // No department yet: nothing (an impossible id keeps the query plain).
      qb.andWhere('p.departmentId IN (:...mine)', { mine: mine.length ? mine : ['-'] });
    }
    if (query.departmentId) qb.andWhere('p.departmentId = :departmentId', { departmentId: query.departmentId });
    if (query.projectId) qb.andWhere('p.projectId = :projectId', { projectId: query.projectId });
    if (query.assigneeId) qb.andWhere('p.assigneeId = :assigneeId', { assigneeId: query.assigneeId });
    if (query.status) qb.andWhere('p.status IN (:...status)', { status: query.status });
    if (query.supervised !== undefined) qb.andWhere('p.supervised = :supervised', { supervised: query.supervised });
    if (query.overdue === true) qb.andWhere('p.status IN (:...openStatuses) AND p.dueDate < :today', { openStatuses: OPEN_PROBLEM_STATUSES, today });
    if (query.overdue === false) qb.andWhere('(p.status NOT IN (:...openStatuses) OR p.dueDate >= :today)', { openStatuses: OPEN_PROBLEM_STATUSES, today });
    return qb;
  }

  private withNames(qb: SelectQueryBuilder<Problem>): SelectQueryBuilder<Problem> {
    return qb
      .leftJoin('p.project', 'project')
      .addSelect(['project.id', 'project.name', 'project.ownerId'])
      .leftJoin('p.department', 'department')
      .addSelect(['department.id', 'department.nameZh', 'department.code'])
      .leftJoin('p.assignee', 'assignee')
      .addSelect(['assignee.id', 'assignee.displayName'])
      .leftJoin('p.supervisedBy', 'supervisor')
      .addSelect(['supervisor.id', 'supervisor.displayName']);
  }

  private async load(em: EntityManager, id: string): Promise<Problem> {
    const p = await this.withNames(em.getRepository(Problem).createQueryBuilder('p')).where('p.id = :id', { id }).getOne();
    if (!p) throw DomainError.notFound('Problem', id);
    return p;
  }

  /** The departments a user is a contact of. */
  async departmentsOf(em: EntityManager, userId: string): Promise<string[]> {
    return (await em.getRepository(DepartmentContact).findBy({ userId })).map((c) => c.departmentId);
  }

  /** The person in charge: an active user; a DEPARTMENT user must be a contact of the problem's department. */
  private async assertAssignee(em: EntityManager, assigneeId: string, departmentId: string): Promise<void> {
    const user = await em.getRepository(User).findOneBy({ id: assigneeId, active: true });
    if (!user) throw DomainError.invalid('assigneeId', 'no active user has this id', 'notFound');
    if (user.role === 'DEPARTMENT' && !(await em.getRepository(DepartmentContact).existsBy({ departmentId, userId: assigneeId }))) {
      throw DomainError.invalid('assigneeId', 'a department user in charge must be a contact of the responsible department', 'notInDepartment');
    }
  }
}
