import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import type { Actor } from '../../common/auth/actor.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { newId } from '../../common/identity/ids.js';
import { Page } from '../../common/pagination/cursor.js';
import { keysetPage } from '../../common/pagination/keyset.js';
import { districtDateTime } from '../../common/time/district-clock.js';
import { instant } from '../../database/sql.js';
import { Transactions } from '../../database/transactions.js';
import { updateVersioned } from '../../database/versioned-update.js';
import { JobQueues } from '../../queue/job-queues.service.js';
import { AuditService } from '../audit/audit.service.js';
import { Action, assertCan, roleMay } from '../auth/permissions.js';
import { Building } from '../buildings/building.entity.js';
import { Lead } from '../leads/lead.entity.js';
import { DeliveryResponse } from '../notifications/dto/notification.dto.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { Project } from '../projects/project.entity.js';
import { REMINDER_SUBJECT_TYPES, type ReminderKind, type ReminderSubjectType } from '../reference/enums.js';
import { User } from '../users/user.entity.js';
import { CreateReminderDto, ListRemindersQuery, ReminderResponse, UpdateReminderDto, toReminderResponse } from './dto/reminder.dto.js';
import { Reminder } from './reminder.entity.js';

/** A due time this far in the past is still accepted (clock skew between a browser and the server). */
const PAST_SKEW_MS = 5 * 60 * 1000;
/** A job that runs up to this early (clock skew between hosts) still fires the reminder. */
const DUE_TOLERANCE_MS = 1000;

/** What reading a subject takes: a building manager may remind about buildings, not projects or leads. */
const SUBJECT_READ: Record<ReminderSubjectType, Action> = { PROJECT: 'project.read', LEAD: 'lead.read', BUILDING: 'building.read' };

export type FireOutcome = { kind: 'SENT' | 'SKIPPED' } | { kind: 'NOT_YET'; dueAt: Date };

/** Changes to reminders that need a queue job put in place or removed once the transaction commits. */
export interface ReminderJobChanges {
  schedule: { id: string; dueAt: Date }[];
  unschedule: string[];
}

export interface NewReminder {
  kind: ReminderKind;
  /** For derived reminders: creating the same key twice creates one reminder. */
  sourceKey?: string;
  subjectType: ReminderSubjectType;
  subjectId: string;
  dueAt: Date;
  message: string;
  assigneeId: string;
  /** Who set it (audited), or null for the system. */
  actor: Actor | null;
}

export const followUpKey = (projectId: string, dueAt: Date): string => `follow-up:${projectId}:${dueAt.getTime()}`;
export const leadFollowUpKey = (leadId: string, dueAt: Date): string => `lead-follow-up:${leadId}:${dueAt.getTime()}`;

/**
 * Reminders (提醒): written in the same transaction as the act that sets them, their delayed jobs
 * enqueued after the commit (the reconciler re-creates any job that is missing), fired exactly once
 * into the assignee's inbox and the channels of REMINDER_DUE.
 */
@Injectable()
export class RemindersService {
  private readonly logger = new Logger('Reminders');

  constructor(
    @InjectRepository(Reminder) private readonly reminders: Repository<Reminder>,
    private readonly tx: Transactions,
    private readonly audit: AuditService,
    private readonly jobs: JobQueues,
    private readonly notifications: NotificationsService,
  ) {}

  async create(dto: CreateReminderDto, actor: Actor): Promise<ReminderResponse> {
    assertCan(actor, 'reminder.create');
    const dueAt = this.futureInstant(dto.dueAt, 'dueAt');
    const changes = await this.tx.run(async (em) => {
      assertCan(actor, SUBJECT_READ[dto.subjectType]);
      await this.subjectName(em, dto.subjectType, dto.subjectId);
      const assigneeId = dto.assigneeId ?? actor.id;
      await this.assertAssignee(em, assigneeId, dto.subjectType);
      return this.createInTx(em, { kind: 'MANUAL', subjectType: dto.subjectType, subjectId: dto.subjectId, dueAt, message: dto.message, assigneeId, actor });
    });
    await this.applyJobChanges(changes);
    return toReminderResponse(await this.reminders.findOneByOrFail({ id: changes.schedule[0].id }));
  }

  /** Inserts a SCHEDULED reminder in the caller's transaction; enqueue its job after the commit (`applyJobChanges`). */
  async createInTx(em: EntityManager, r: NewReminder): Promise<ReminderJobChanges> {
    const id = newId();
    await em
      .createQueryBuilder()
      .insert()
      .into(Reminder)
      .values({
        id,
        kind: r.kind,
        sourceKey: r.sourceKey ?? null,
        subjectType: r.subjectType,
        subjectId: r.subjectId,
        dueAt: r.dueAt,
        message: r.message.slice(0, 1000),
        assigneeId: r.assigneeId,
        createdById: r.actor?.id ?? null,
        status: 'SCHEDULED',
        sentAt: null,
        cancelledAt: null,
        lastError: null,
      })
      .orIgnore()
      .execute();
    const created = await em.getRepository(Reminder).findOneBy({ id });
    if (!created) return { schedule: [], unschedule: [] }; // the source key exists already
    if (r.actor) {
      await this.audit.record(em, { actor: r.actor, action: 'reminder.create', entity: 'Reminder', entityId: id, before: null, after: toReminderResponse(created) });
    }
    return { schedule: [{ id, dueAt: r.dueAt }], unschedule: [] };
  }

  /**
   * A project's next follow-up (下次跟进), set by an activity: replaces the project's scheduled
   * follow-up reminder with one due then, for the project's owner. Runs in the activity's transaction.
   */
  async replaceFollowUpInTx(em: EntityManager, args: { project: Project; dueAt: Date; note: string; actor: Actor }): Promise<ReminderJobChanges> {
    const { project, dueAt, actor } = args;
    return this.replaceSubjectFollowUp(em, {
      subjectType: 'PROJECT',
      subjectId: project.id,
      sourceKey: followUpKey(project.id, dueAt),
      dueAt,
      message: `跟进项目「${project.name}」：${args.note}`,
      assigneeId: project.ownerId ?? actor.id,
      actor,
    });
  }

  /** A lead's next follow-up, set by an activity on the lead: as for projects, for the lead's owner. */
  async replaceLeadFollowUpInTx(em: EntityManager, args: { lead: Lead; dueAt: Date; note: string; actor: Actor }): Promise<ReminderJobChanges> {
    const { lead, dueAt, actor } = args;
    return this.replaceSubjectFollowUp(em, {
      subjectType: 'LEAD',
      subjectId: lead.id,
      sourceKey: leadFollowUpKey(lead.id, dueAt),
      dueAt,
      message: `跟进线索「${lead.companyName}」：${args.note}`,
      assigneeId: lead.ownerId ?? actor.id,
      actor,
    });
  }

  /**
   * The follow-up was done: an activity was logged at or after it came due without setting a new one.
   * Cancels the subject's scheduled follow-up reminders (their jobs are removed after the commit).
   */
  async completeFollowUpInTx(em: EntityManager, args: { subjectType: 'PROJECT' | 'LEAD'; subjectId: string; actor: Actor }): Promise<ReminderJobChanges> {
    const pending = await em.getRepository(Reminder).findBy({ subjectType: args.subjectType, subjectId: args.subjectId, kind: 'FOLLOW_UP', status: 'SCHEDULED' });
    for (const p of pending) await this.cancelInTx(em, p, args.actor);
    return { schedule: [], unschedule: pending.map((p) => p.id) };
  }

  /** Cancels the subject's other scheduled follow-up reminders and creates this one (once per key). */
  private async replaceSubjectFollowUp(
    em: EntityManager,
    r: Omit<NewReminder, 'kind' | 'actor'> & { sourceKey: string; actor: Actor },
  ): Promise<ReminderJobChanges> {
    const previous = await em.getRepository(Reminder).findBy({ subjectType: r.subjectType, subjectId: r.subjectId, kind: 'FOLLOW_UP', status: 'SCHEDULED' });
    const unschedule: string[] = [];
    for (const p of previous.filter((p) => p.sourceKey !== r.sourceKey)) {
      await this.cancelInTx(em, p, r.actor);
      unschedule.push(p.id);
    }
    const created = await this.createInTx(em, { ...r, kind: 'FOLLOW_UP' });
    return { schedule: created.schedule, unschedule };
  }

  /** After the commit: enqueue (or remove) the jobs. Never fails the request: the reconciler catches up. */
  async applyJobChanges(changes: ReminderJobChanges, opts: { replace?: boolean } = {}): Promise<void> {
    for (const id of changes.unschedule) await this.jobs.unscheduleReminder(id);
    for (const s of changes.schedule) await this.jobs.scheduleReminder(s.id, s.dueAt, opts);
  }

  async list(query: ListRemindersQuery, actor: Actor): Promise<Page<ReminderResponse>> {
    const qb = this.reminders.createQueryBuilder('r');
    // Officers and building managers see the reminders they set or receive; admins and leaders all.
    if (!this.seesAll(actor)) qb.andWhere('(r.assigneeId = :me OR r.createdById = :me)', { me: actor.id });
    if (query.status) qb.andWhere('r.status = :status', { status: query.status });
    if (query.assigneeId) qb.andWhere('r.assigneeId = :assigneeId', { assigneeId: query.assigneeId });
    if (query.subjectType) qb.andWhere('r.subjectType = :subjectType', { subjectType: query.subjectType });
    if (query.subjectId) qb.andWhere('r.subjectId = :subjectId', { subjectId: query.subjectId });
    return keysetPage(qb, { alias: 'r', sort: '-createdAt', limit: query.limit, cursor: query.cursor, map: toReminderResponse });
  }

  async get(id: string, actor: Actor): Promise<ReminderResponse> {
    const r = await this.find(id);
    assertCan(actor, 'reminder.read', () => this.owns(r, actor));
    return toReminderResponse(r);
  }

  async deliveries(id: string, actor: Actor): Promise<Page<DeliveryResponse>> {
    const r = await this.find(id);
    assertCan(actor, 'reminder.read', () => this.owns(r, actor));
    return { items: await this.notifications.deliveriesOfReminder(id, actor.role === 'ADMIN'), nextCursor: null };
  }

  /** Reschedule, reword or reassign a SCHEDULED (or FAILED, to try again) reminder; its job is replaced. */
  async update(id: string, dto: UpdateReminderDto, actor: Actor): Promise<ReminderResponse> {
    const dueAt = dto.dueAt === undefined ? undefined : this.futureInstant(dto.dueAt, 'dueAt');
    const changes = await this.tx.run(async (em) => {
      const before = await em.getRepository(Reminder).findOneBy({ id });
      if (!before) throw DomainError.notFound('Reminder', id);
      assertCan(actor, 'reminder.update', () => this.owns(before, actor));
      if (before.status !== 'SCHEDULED' && before.status !== 'FAILED') {
        throw DomainError.conflict('REMINDER_CLOSED', `Reminder ${id} is ${before.status}; only a SCHEDULED or FAILED reminder can be changed`);
      }
      if (dto.assigneeId !== undefined) await this.assertAssignee(em, dto.assigneeId, before.subjectType);
      await updateVersioned(em, Reminder, {
        id,
        version: dto.version,
        label: 'Reminder',
        set: {
          ...(dueAt && { dueAt }),
          ...(dto.message !== undefined && { message: dto.message }),
          ...(dto.assigneeId !== undefined && { assigneeId: dto.assigneeId }),
          status: 'SCHEDULED',
          lastError: null,
        },
      });
      const after = await em.getRepository(Reminder).findOneByOrFail({ id });
      await this.audit.record(em, { actor, action: 'reminder.update', entity: 'Reminder', entityId: id, before: toReminderResponse(before), after: toReminderResponse(after) });
      return { schedule: [{ id, dueAt: after.dueAt }], unschedule: [] };
    });
    await this.applyJobChanges(changes, { replace: true });
    return toReminderResponse(await this.reminders.findOneByOrFail({ id }));
  }

  /** DELETE: cancels a SCHEDULED (or FAILED) reminder; it never fires. */
  async cancel(id: string, actor: Actor): Promise<ReminderResponse> {
    await this.tx.run(async (em) => {
      const r = await em.getRepository(Reminder).findOneBy({ id });
      if (!r) throw DomainError.notFound('Reminder', id);
      assertCan(actor, 'reminder.update', () => this.owns(r, actor));
      if (r.status !== 'SCHEDULED' && r.status !== 'FAILED') {
        throw DomainError.conflict('REMINDER_CLOSED', `Reminder ${id} is ${r.status}; only a SCHEDULED or FAILED reminder can be cancelled`);
      }
      await this.cancelInTx(em, r, actor);
    });
    await this.applyJobChanges({ schedule: [], unschedule: [id] });
    return toReminderResponse(await this.reminders.findOneByOrFail({ id }));
  }

  /**
   * The job's work. Claims the row (SCHEDULED and due → SENT), so it does nothing unless the reminder
   * is still scheduled and due, and reports NOT_YET (the job is moved to the new time) when it was
   * rescheduled later. Records the notification (inbox and channel deliveries, unique by
   * `reminder:<id>`) in the same transaction, so a job that runs twice notifies once.
   */
  async fire(id: string, now: Date): Promise<FireOutcome> {
    const result = await this.tx.run(async (em): Promise<FireOutcome & { deliveryIds?: string[] }> => {
      // Claim first: of two runs at once, only the one whose update matches goes on (the other waits
      // for the row lock on PostgreSQL, then matches nothing).
      const claim = await em
        .createQueryBuilder()
        .update(Reminder)
        .set({ status: 'SENT', sentAt: now })
        .where("id = :id AND status = 'SCHEDULED' AND due_at <= :due", { id, due: instant(em, new Date(now.getTime() + DUE_TOLERANCE_MS)) })
        .execute();
      const r = await em.getRepository(Reminder).findOneBy({ id });
      if (claim.affected !== 1) return r?.status === 'SCHEDULED' ? { kind: 'NOT_YET', dueAt: r.dueAt } : { kind: 'SKIPPED' };
      const reminder = r as Reminder;
      const [subject, assignee] = await Promise.all([
        this.subjectName(em, reminder.subjectType, reminder.subjectId).catch(() => '(已删除)'),
        em.getRepository(User).findOneBy({ id: reminder.assigneeId }),
      ]);
      const label = REMINDER_SUBJECT_TYPES[reminder.subjectType].nameZh;
      const recorded = await this.notifications.record(em, {
        key: `reminder:${reminder.id}`,
        event: 'REMINDER_DUE',
        title: `提醒：${subject}`,
        body: [
          reminder.message,
          '',
          `> ${label}：${subject}`,
          `> 提醒对象：${assignee?.displayName ?? reminder.assigneeId}`,
          `> 时间：${districtDateTime(reminder.dueAt)}`,
        ].join('\n'),
        subject: { type: reminder.subjectType, id: reminder.subjectId },
        reminderId: reminder.id,
        recipientIds: [reminder.assigneeId],
      });
      return { kind: 'SENT', deliveryIds: recorded.deliveryIds };
    });
    if (result.kind === 'SENT') await this.jobs.deliver(result.deliveryIds ?? []);
    return result.kind === 'NOT_YET' ? { kind: 'NOT_YET', dueAt: result.dueAt } : { kind: result.kind };
  }

  /** The job ran out of attempts: FAILED, with the reason kept. */
  async markFailed(id: string, error: string): Promise<void> {
    await this.reminders
      .createQueryBuilder()
      .update(Reminder)
      .set({ status: 'FAILED', lastError: error.slice(0, 1000) })
      .where("id = :id AND status = 'SCHEDULED'", { id })
      .execute();
    this.logger.warn(`Reminder ${id} FAILED: ${error}`);
  }

  private async cancelInTx(em: EntityManager, r: Reminder, actor: Actor): Promise<void> {
    await updateVersioned(em, Reminder, { id: r.id, version: r.version, label: 'Reminder', set: { status: 'CANCELLED', cancelledAt: new Date() } });
    const after = await em.getRepository(Reminder).findOneByOrFail({ id: r.id });
    await this.audit.record(em, { actor, action: 'reminder.cancel', entity: 'Reminder', entityId: r.id, before: toReminderResponse(r), after: toReminderResponse(after) });
  }

  private async find(id: string): Promise<Reminder> {
    const r = await this.reminders.findOneBy({ id });
    if (!r) throw DomainError.notFound('Reminder', id);
    return r;
  }

  private seesAll(actor: Actor): boolean {
    return actor.role === 'ADMIN' || actor.role === 'LEADER';
  }

  private owns(r: Reminder, actor: Actor): boolean {
    return r.assigneeId === actor.id || r.createdById === actor.id;
  }

  private futureInstant(value: string, field: string): Date {
    const at = new Date(value);
    if (at.getTime() < Date.now() - PAST_SKEW_MS) throw DomainError.invalid(field, `${field} must not lie in the past`, 'notInPast');
    return at;
  }

  /** The assignee must be an active user whose role may read the subject. */
  private async assertAssignee(em: EntityManager, assigneeId: string, subjectType: ReminderSubjectType): Promise<void> {
    const user = await em.getRepository(User).findOneBy({ id: assigneeId, active: true });
    if (!user) throw DomainError.invalid('assigneeId', 'no active user has this id', 'notFound');
    if (!roleMay(user.role, SUBJECT_READ[subjectType])) {
      throw DomainError.invalid('assigneeId', `a ${user.role} cannot see a ${subjectType}; choose someone who can`, 'cannotSee');
    }
  }

  /** The subject's name, or 404 when there is no such record. */
  private async subjectName(em: EntityManager, type: ReminderSubjectType, id: string): Promise<string> {
    const found =
      type === 'PROJECT'
        ? (await em.getRepository(Project).findOne({ where: { id }, select: { id: true, name: true } }))?.name
        : type === 'LEAD'
          ? (await em.getRepository(Lead).findOne({ where: { id }, select: { id: true, companyName: true } }))?.companyName
          : (await em.getRepository(Building).findOne({ where: { id }, select: { id: true, name: true } }))?.name;
    if (found === undefined) throw DomainError.notFound(REMINDER_SUBJECT_TYPES[type].nameEn, id);
    return found;
  }
}
