import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, IsNull, Repository } from 'typeorm';
import type { Actor } from '../../common/auth/actor.js';
import { AuditService } from '../audit/audit.service.js';
import { assertCan } from '../auth/permissions.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { newId } from '../../common/identity/ids.js';
import { parseMinorUnits } from '../../common/money/money.js';
import { Page, decodeCursor, encodeCursor } from '../../common/pagination/cursor.js';
import { keysetPage } from '../../common/pagination/keyset.js';
import { districtDate } from '../../common/time/district-clock.js';
import { Transactions } from '../../database/transactions.js';
import { updateVersioned } from '../../database/versioned-update.js';
import { CreateActivityDto, CreateFundingDto, ReverseFundingDto } from './dto/project-records.dto.js';
import {
  ActivityResponse,
  FundingResponse,
  ReversalLink,
  TimelineEntry,
  toActivityResponse,
  toFundingResponse,
  toTransitionResponse,
} from './dto/project.response.js';
import { Activity, Funding, FundingReversal, ProjectTransition } from './project-records.entities.js';
import { Project } from './project.entity.js';
import { assertNotArchived } from './project-rules.js';
import { afterActivity } from './follow-up.js';
import { SIGNED_OR_LATER } from './stage-machine.js';
import { addToTotals } from './funding-totals.js';
import { ProblemEvent } from '../supervision/problem.entity.js';
import { toProblemEventResponse } from '../supervision/dto/problem.dto.js';
import { ReminderJobChanges, RemindersService } from '../reminders/reminders.service.js';

/** Allowed clock skew for "now" when an activity is logged (ms). */
const CLOCK_SKEW_MS = 5 * 60 * 1000;
/** A project's timeline is read whole up to this many entries per kind before paging. */
const TIMELINE_CAP = 2000;

/** What happens on a project over time: funds in place, activities and the merged timeline. */
@Injectable()
export class ProjectRecordsService {
  constructor(
    @InjectRepository(Project) private readonly projects: Repository<Project>,
    @InjectRepository(Funding) private readonly fundings: Repository<Funding>,
    @InjectRepository(Activity) private readonly activities: Repository<Activity>,
    @InjectRepository(ProjectTransition) private readonly transitions: Repository<ProjectTransition>,
    private readonly tx: Transactions,
    private readonly audit: AuditService,
    private readonly reminders: RemindersService,
  ) {}

  /** Records funds in place (资金到位) for a signed project. */
  async addFunding(projectId: string, dto: CreateFundingDto, actor: Actor): Promise<FundingResponse> {
    const today = districtDate();
    if (dto.date > today) throw DomainError.invalid('date', `date must not lie in the future (today is ${today} in the district)`, 'notAfterToday');
    const amount = parseMinorUnits(dto.amount);
    if (amount === null || amount <= 0n) throw DomainError.invalid('amount', 'amount must be positive', 'isPositive');
    const id = newId();
    await this.tx.run(async (em) => {
      const project = await em.getRepository(Project).findOneBy({ id: projectId });
      if (!project) throw DomainError.notFound('Project', projectId);
      assertCan(actor, 'project.update', () => project.ownerId === actor.id);
      assertNotArchived(project);
      if (!SIGNED_OR_LATER.includes(project.stage)) {
        throw DomainError.conflict(
          'FUNDING_NEEDS_SIGNED',
          `Funds in place can be recorded only for a project that has signed (stage SIGNED, REGISTERED or OPERATING); this one is ${project.stage}`,
        );
      }
      // The same rule applied to the entry's own date: funds cannot arrive for a contract not yet signed.
      if (project.signedAt && dto.date < project.signedAt) {
        throw DomainError.conflict('FUNDING_BEFORE_SIGNED', `Funds in place dated ${dto.date} lie before the project signed (${project.signedAt})`, [
          { field: 'date', code: 'beforeSigned', message: `must not be before the signing date ${project.signedAt}` },
        ]);
      }
      await em.getRepository(Funding).insert({
        id,
        projectId,
        date: dto.date,
        amount,
        currency: dto.currency,
        note: dto.note ?? null,
        status: 'REPORTED',
        verifiedById: null,
        verifiedAt: null,
        evidenceRef: null,
        createdById: actor.id,
      });
      await addToTotals(em, [{ day: dto.date, currency: dto.currency, jingji: project.jingji, status: 'REPORTED', amount, entries: 1 }]);
      const after = toFundingResponse(await em.getRepository(Funding).findOneByOrFail({ id }));
      await this.audit.record(em, { actor, action: 'funding.create', entity: 'Funding', entityId: id, before: null, after });
    });
    return toFundingResponse(await this.fundings.findOneByOrFail({ id }));
  }

  /**
   * 冲销: corrects a mistyped entry the ledger way. A reversing entry with the negated amount is
   * written, dated today (or `date`, never before the original), linked to the original with the
   * reason; the original stays. Figures as of a date before the reversal are unchanged. The project's
   * owner or an admin may reverse; a verified entry only an admin, and the reversal is then verified
   * too (same evidence), so verified figures drop with it. An entry is reversed at most once.
   */
  async reverseFunding(id: string, dto: ReverseFundingDto, actor: Actor): Promise<FundingResponse> {
    const today = districtDate();
    const date = dto.date ?? today;
    if (date > today) throw DomainError.invalid('date', `date must not lie in the future (today is ${today} in the district)`, 'notAfterToday');
    const reversalId = newId();
    await this.tx.run(async (em) => {
      const original = await em.getRepository(Funding).findOneBy({ id });
      if (!original) throw DomainError.notFound('Funding', id);
      const project = await em.getRepository(Project).findOneByOrFail({ id: original.projectId });
      assertCan(actor, 'funding.reverse', () => project.ownerId === actor.id);
      if (original.status === 'VERIFIED') assertCan(actor, 'funding.verify');
      assertNotArchived(project);
      const links = em.getRepository(FundingReversal);
      if (await links.existsBy({ reversalId: id })) {
        throw DomainError.conflict('FUNDING_IS_REVERSAL', `Funding ${id} is itself a reversing entry; record a new entry instead of reversing it`);
      }
      const already = await links.findOneBy({ originalId: id });
      if (already) throw DomainError.conflict('FUNDING_ALREADY_REVERSED', `Funding ${id} was already reversed by entry ${already.reversalId}`);
      if (date < original.date) {
        throw DomainError.invalid('date', `the reversal must not be dated before the entry it reverses (${original.date})`, 'beforeOriginal');
      }
      const verified = original.status === 'VERIFIED';
      await em.getRepository(Funding).insert({
        id: reversalId,
        projectId: original.projectId,
        date,
        amount: -original.amount,
        currency: original.currency,
        note: dto.reason,
        status: original.status,
        verifiedById: verified ? actor.id : null,
        verifiedAt: verified ? new Date() : null,
        evidenceRef: verified ? original.evidenceRef : null,
        createdById: actor.id,
      });
      try {
        await links.insert({ reversalId, originalId: id, reason: dto.reason, actorId: actor.id });
      } catch (e) {
        // Two reversals of one entry at the same moment (PostgreSQL): the unique index lets one through.
        if (/unique|duplicate/i.test(String((e as Error).message))) {
          throw DomainError.conflict('FUNDING_ALREADY_REVERSED', `Funding ${id} was already reversed`);
        }
        throw e;
      }
      if (!project.archivedAt) {
        await addToTotals(em, [{ day: date, currency: original.currency, jingji: project.jingji, status: original.status, amount: -original.amount, entries: 1 }]);
      }
      const link = { reversalOfId: id, reversedById: null, reason: dto.reason };
      const after = toFundingResponse(await em.getRepository(Funding).findOneByOrFail({ id: reversalId }), link);
      await this.audit.record(em, {
        actor,
        action: 'funding.reverse',
        entity: 'Funding',
        entityId: reversalId,
        before: null,
        after,
        extra: { reversalOf: { before: null, after: id } },
      });
      await this.audit.record(em, {
        actor,
        action: 'funding.reversed',
        entity: 'Funding',
        entityId: id,
        extra: { reversedBy: { before: null, after: reversalId }, reason: { before: null, after: dto.reason } },
      });
    });
    return (await this.withReversals(this.fundings.manager, [await this.fundings.findOneByOrFail({ id: reversalId })]))[0];
  }

  /** Funding responses with their reversal links (which entry reverses which, and why). */
  async withReversals(em: EntityManager, fundings: Funding[]): Promise<FundingResponse[]> {
    const ids = fundings.map((f) => f.id);
    const links = ids.length
      ? await em.getRepository(FundingReversal).find({ where: [{ reversalId: In(ids) }, { originalId: In(ids) }] })
      : [];
    const byId = new Map<string, ReversalLink>();
    for (const l of links) {
      byId.set(l.reversalId, { reversalOfId: l.originalId, reversedById: null, reason: l.reason });
      byId.set(l.originalId, { reversalOfId: null, reversedById: l.reversalId, reason: l.reason });
    }
    return fundings.map((f) => toFundingResponse(f, byId.get(f.id)));
  }

  /** Marks an entry verified (统计口径: who verified it, when, against which evidence). ADMIN only. */
  async verifyFunding(id: string, evidenceRef: string, actor: Actor): Promise<FundingResponse> {
    assertCan(actor, 'funding.verify');
    await this.tx.run(async (em) => {
      const funding = await em.getRepository(Funding).findOneBy({ id });
      if (!funding) throw DomainError.notFound('Funding', id);
      if (funding.status === 'VERIFIED') throw DomainError.conflict('ALREADY_VERIFIED', `Funding ${id} is already verified`);
      // A reversed entry and its reversal net to zero; verifying one of them alone would not.
      if (await em.getRepository(FundingReversal).existsBy([{ reversalId: id }, { originalId: id }])) {
        throw DomainError.conflict('FUNDING_REVERSED', `Funding ${id} is part of a reversal; verify entries that stand`);
      }
      const project = await em.getRepository(Project).findOneByOrFail({ id: funding.projectId });
      await updateVersioned(em, Funding, {
        id,
        version: funding.version,
        label: 'Funding',
        set: { status: 'VERIFIED', verifiedById: actor.id, verifiedAt: new Date(), evidenceRef },
      });
      if (!project.archivedAt) {
        const base = { day: funding.date, currency: funding.currency, jingji: project.jingji };
        await addToTotals(em, [
          { ...base, status: 'REPORTED', amount: -funding.amount, entries: -1 },
          { ...base, status: 'VERIFIED', amount: funding.amount, entries: 1 },
        ]);
      }
      const after = toFundingResponse(await em.getRepository(Funding).findOneByOrFail({ id }));
      await this.audit.record(em, { actor, action: 'funding.verify', entity: 'Funding', entityId: id, before: toFundingResponse(funding), after });
    });
    return (await this.withReversals(this.fundings.manager, [await this.fundings.findOneByOrFail({ id })]))[0];
  }

  async listFundings(projectId: string, limit: number, cursor?: string): Promise<Page<FundingResponse>> {
    await this.assertProject(projectId);
    const qb = this.fundings.createQueryBuilder('f').where('f.projectId = :projectId', { projectId });
    const page = await keysetPage(qb, { alias: 'f', sort: '-createdAt', limit, cursor, map: (f: Funding) => f });
    return { items: await this.withReversals(this.fundings.manager, page.items), nextCursor: page.nextCursor };
  }

  /**
   * Logs a call, visit or meeting; keeps the project's last-activity and next-follow-up times current.
   * A next follow-up becomes the project's follow-up reminder (for its owner) in the same transaction,
   * replacing the previous one; its job is enqueued after the commit.
   */
  async addActivity(projectId: string, dto: CreateActivityDto, actor: Actor): Promise<ActivityResponse> {
    const at = new Date(dto.at);
    if (at.getTime() > Date.now() + CLOCK_SKEW_MS) throw DomainError.invalid('at', 'at must not lie in the future', 'notInFuture');
    const next = dto.nextFollowUpAt ? new Date(dto.nextFollowUpAt) : null;
    if (next && next <= at) throw DomainError.invalid('nextFollowUpAt', 'nextFollowUpAt must be after at', 'afterActivity');
    const id = newId();
    const followUp = await this.tx.run(async (em): Promise<ReminderJobChanges | null> => {
      const project = await em.getRepository(Project).findOneBy({ id: projectId });
      if (!project) throw DomainError.notFound('Project', projectId);
      assertCan(actor, 'project.update', () => project.ownerId === actor.id);
      assertNotArchived(project);
      await em.getRepository(Activity).insert({
        id,
        projectId,
        type: dto.type,
        at,
        summary: dto.summary,
        nextFollowUpAt: next,
        actorId: actor.id,
      });
      const created = toActivityResponse(await em.getRepository(Activity).findOneByOrFail({ id }));
      await this.audit.record(em, { actor, action: 'activity.create', entity: 'Activity', entityId: id, before: null, after: created });
      // Logged at or after the follow-up came due, without a new one: that follow-up is done.
      const { newer, done } = afterActivity(project, at, next);
      if (newer || next) {
        // Derived fields only: keep `version` as it is, so logging an activity never makes an
        // officer's open edit of the project stale.
        await em
          .createQueryBuilder()
          .update(Project)
          .set({
            ...(newer && { lastActivityAt: at }),
            ...(next && { nextFollowUpAt: next }),
            ...(done && { nextFollowUpAt: null }),
            version: () => 'version',
            updatedAt: () => 'updated_at',
          })
          .where('id = :id', { id: projectId })
          .execute();
      }
      if (next) return this.reminders.replaceFollowUpInTx(em, { project, dueAt: next, note: dto.summary, actor });
      return done ? this.reminders.completeFollowUpInTx(em, { subjectType: 'PROJECT', subjectId: projectId, actor }) : null;
    });
    if (followUp) await this.reminders.applyJobChanges(followUp);
    return toActivityResponse(await this.activities.findOneByOrFail({ id }));
  }

  async listActivities(projectId: string, limit: number, cursor?: string): Promise<Page<ActivityResponse>> {
    await this.assertProject(projectId);
    const qb = this.activities.createQueryBuilder('a').where('a.projectId = :projectId', { projectId });
    return keysetPage(qb, { alias: 'a', sort: '-createdAt', limit, cursor, map: toActivityResponse });
  }

  /**
   * Activities, stage changes and funds in place, newest first. Date-only entries (stage changes,
   * fundings) sort by their business date; within a day, by when they were recorded.
   */
  async timeline(projectId: string, limit: number, cursor?: string): Promise<Page<TimelineEntry>> {
    await this.assertProject(projectId);
    const [activities, transitions, fundings, problemEvents] = await Promise.all([
      this.activities.find({ where: { projectId }, order: { at: 'DESC' }, take: TIMELINE_CAP }),
      this.transitions.find({ where: { projectId, supersededAt: IsNull() }, order: { id: 'DESC' }, take: TIMELINE_CAP }),
      this.fundings.find({ where: { projectId }, order: { id: 'DESC' }, take: TIMELINE_CAP }),
      this.projects.manager.getRepository(ProblemEvent).find({ where: { projectId }, relations: { problem: true }, order: { id: 'DESC' }, take: TIMELINE_CAP }),
    ]);
    const fundingViews = new Map((await this.withReversals(this.fundings.manager, fundings)).map((f) => [f.id, f]));
    type Keyed = { key: string; id: string; entry: TimelineEntry };
    const entries: Keyed[] = [
      ...activities.map((a) => ({
        key: `${districtDate(a.at)}|${a.at.toISOString()}`,
        id: a.id,
        entry: { kind: 'ACTIVITY' as const, at: a.at.toISOString(), activity: toActivityResponse(a) },
      })),
      ...transitions.map((t) => ({
        key: `${t.at}|${t.createdAt.toISOString()}`,
        id: t.id,
        entry: { kind: 'TRANSITION' as const, at: t.at, transition: toTransitionResponse(t) },
      })),
      ...fundings.map((f) => ({
        key: `${f.date}|${f.createdAt.toISOString()}`,
        id: f.id,
        entry: { kind: 'FUNDING' as const, at: f.date, funding: fundingViews.get(f.id) ?? toFundingResponse(f) },
      })),
      ...problemEvents.map((e) => ({
        key: `${districtDate(e.createdAt)}|${e.createdAt.toISOString()}`,
        id: e.id,
        entry: { kind: 'PROBLEM' as const, at: e.createdAt.toISOString(), problem: toProblemEventResponse(e) },
      })),
    ];
    const newestFirst = (a: Keyed, b: Keyed): number =>
      a.key !== b.key ? (a.key < b.key ? 1 : -1) : a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
    entries.sort(newestFirst);
    let start = 0;
    if (cursor) {
      const pos = decodeCursor(cursor, 'timeline');
      const probe = { key: String(pos.k), id: pos.id } as Keyed;
      start = entries.findIndex((e) => newestFirst(e, probe) > 0);
      if (start < 0) start = entries.length;
    }
    const slice = entries.slice(start, start + limit);
    const more = start + limit < entries.length;
    const last = slice[slice.length - 1];
    return {
      items: slice.map((e) => e.entry),
      nextCursor: more && last ? encodeCursor({ k: last.key, id: last.id, s: 'timeline' }) : null,
    };
  }

  private async assertProject(id: string): Promise<void> {
    if (!(await this.projects.existsBy({ id }))) throw DomainError.notFound('Project', id);
  }
}
