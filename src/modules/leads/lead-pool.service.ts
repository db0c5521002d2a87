import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, EntityManager, Repository } from 'typeorm';
import type { Actor } from '../../common/auth/actor.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { newId } from '../../common/identity/ids.js';
import { likePattern, Page } from '../../common/pagination/cursor.js';
import { keysetPage } from '../../common/pagination/keyset.js';
import { districtDate, districtDateTime } from '../../common/time/district-clock.js';
import type { Env } from '../../config/env.js';
import { instant } from '../../database/sql.js';
import { Transactions } from '../../database/transactions.js';
import { AuditService } from '../audit/audit.service.js';
import { assertCan } from '../auth/permissions.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { User } from '../users/user.entity.js';
import { UsersService } from '../users/users.service.js';
import { idleSince, LeadPoolQuery, LeadResponse, ReleaseLeadDto, setLeadPoolDays, toLeadResponse } from './dto/lead.dto.js';
import { LeadActivity, type LeadPoolEvent } from './lead-activity.entity.js';
import { Lead } from './lead.entity.js';
import { assertOpen } from './leads.service.js';

const DAY_MS = 86_400_000;
const OPEN_STATUSES = ['NEW', 'CONTACTED', 'QUALIFIED'];
/** Leads a scan returns or warns about per run at most; the rest follow on the next run. */
const SCAN_CAP = 2000;
/** Who acts when the scan returns a lead (audit rows name the system, not a user). */
const SYSTEM: Actor = { id: null as unknown as string, username: 'system', role: 'ADMIN' };

/**
 * The shared lead pool (公海): an owned open lead nobody works for LEAD_POOL_DAYS returns to the pool
 * (its owner warned LEAD_POOL_WARN_DAYS before); officers claim leads from it (at most
 * LEAD_POOL_CLAIM_LIMIT open claims each), an admin assigns them. Every move is audited and written
 * into the lead's timeline. Projects never go to the pool.
 */
@Injectable()
export class LeadPoolService {
  private readonly logger = new Logger('LeadPool');

  constructor(
    @InjectRepository(Lead) private readonly leads: Repository<Lead>,
    private readonly config: ConfigService<Env, true>,
    private readonly tx: Transactions,
    private readonly audit: AuditService,
    private readonly users: UsersService,
    private readonly notifications: NotificationsService,
  ) {
    setLeadPoolDays(this.days);
  }

  private get days(): number {
    return this.config.get('LEAD_POOL_DAYS', { infer: true });
  }

  /** The pool: open leads without an owner, newest first (keyset on the owner index). */
  async pool(query: LeadPoolQuery): Promise<Page<LeadResponse>> {
    const qb = this.leads
      .createQueryBuilder('l')
      .where('l.ownerId IS NULL AND l.archivedAt IS NULL AND l.status IN (:...open)', { open: OPEN_STATUSES });
    if (query.source) qb.andWhere('l.source = :source', { source: query.source });
    if (query.q) qb.andWhere(`(l.companyName LIKE :q ESCAPE '\\' OR l.contactName LIKE :q ESCAPE '\\')`, { q: likePattern(query.q.trim()) });
    return keysetPage(qb, { alias: 'l', sort: '-createdAt', limit: query.limit, cursor: query.cursor, map: toLeadResponse });
  }

  /**
   * An officer takes a lead from the pool. The owner is set by one conditional UPDATE (… WHERE owner
   * IS NULL), so of two officers claiming at once exactly one wins; the other gets 409 LEAD_TAKEN.
   */
  async claim(id: string, actor: Actor): Promise<LeadResponse> {
    assertCan(actor, 'lead.claim');
    const limit = this.config.get('LEAD_POOL_CLAIM_LIMIT', { infer: true });
    await this.tx.run(async (em) => {
      const lead = await this.find(em, id);
      assertOpen(lead);
      if (lead.ownerId !== null) throw DomainError.conflict('LEAD_TAKEN', `Lead ${id} is not in the pool: it is owned by another officer`);
      if (em.connection.options.type === 'postgres') {
        // One claim at a time per officer, so two parallel claims cannot both pass the limit.
        await em.query('SELECT id FROM users WHERE id = $1 FOR UPDATE', [actor.id]);
      }
      const held = await em
        .getRepository(Lead)
        .createQueryBuilder('l')
        .where('l.ownerId = :me AND l.claimedAt IS NOT NULL AND l.archivedAt IS NULL AND l.status IN (:...open)', { me: actor.id, open: OPEN_STATUSES })
        .getCount();
      if (held >= limit) {
        throw DomainError.conflict('LEAD_CLAIM_LIMIT', `You hold ${held} leads claimed from the pool; the limit is ${limit}: convert or release some first`);
      }
      const now = new Date();
      const result = await em
        .createQueryBuilder()
        .update(Lead)
        .set({ ownerId: actor.id, ownedSince: now, claimedAt: now, version: () => 'version + 1' })
        .where('id = :id AND owner_id IS NULL', { id })
        .execute();
      if (result.affected !== 1) throw DomainError.conflict('LEAD_TAKEN', `Lead ${id} was just claimed by another officer`);
      await this.recordMove(em, { lead, event: 'CLAIMED', actor, summary: '从公海认领了该线索' });
    });
    return toLeadResponse(await this.leads.findOneByOrFail({ id }));
  }

  /** The owner (or an admin) hands an open lead back to the pool, with an optional reason. */
  async release(id: string, dto: ReleaseLeadDto, actor: Actor): Promise<LeadResponse> {
    await this.tx.run(async (em) => {
      const lead = await this.find(em, id);
      assertCan(actor, 'lead.release', () => lead.ownerId === actor.id);
      assertOpen(lead);
      if (lead.ownerId === null) throw DomainError.conflict('LEAD_IN_POOL', `Lead ${id} is already in the pool`);
      await this.toPool(em, lead, new Date());
      await this.recordMove(em, { lead, event: 'RELEASED', actor, summary: `交回公海${dto.reason ? `：${dto.reason}` : ''}` });
    });
    return toLeadResponse(await this.leads.findOneByOrFail({ id }));
  }

  /** An admin gives an open lead (from the pool or another officer) to an officer; not a claim, so outside the limit. */
  async assign(id: string, ownerId: string, actor: Actor): Promise<LeadResponse> {
    assertCan(actor, 'lead.assign');
    await this.users.assertCanOwn(ownerId, 'leads');
    await this.tx.run(async (em) => {
      const lead = await this.find(em, id);
      assertOpen(lead);
      const result = await em
        .createQueryBuilder()
        .update(Lead)
        .set({ ownerId, ownedSince: new Date(), claimedAt: null, version: () => 'version + 1' })
        .where('id = :id AND version = :version', { id, version: lead.version })
        .execute();
      if (result.affected !== 1) throw DomainError.staleVersion('Lead', id);
      const name = (await em.getRepository(User).findOne({ where: { id: ownerId }, select: { id: true, displayName: true } }))?.displayName ?? ownerId;
      await this.recordMove(em, { lead, event: 'ASSIGNED', actor, summary: `${lead.ownerId === null ? '从公海' : ''}分配给 ${name}` });
    });
    return toLeadResponse(await this.leads.findOneByOrFail({ id }));
  }

  /**
   * The daily scan: owners are warned about leads that return within LEAD_POOL_WARN_DAYS (once per
   * idle stretch), then leads idle for LEAD_POOL_DAYS return to the pool. Returns what it did.
   */
  async scan(now: Date): Promise<{ warned: number; returned: number }> {
    const warned = await this.warn(now);
    const returned = await this.returnIdle(now);
    if (returned) this.logger.log(`${returned} idle leads returned to the pool`);
    return { warned, returned };
  }

  private async returnIdle(now: Date): Promise<number> {
    const idle = await this.idleLeads(now, this.days);
    let returned = 0;
    for (const lead of idle) {
      await this.tx.run(async (em) => {
        // Re-read inside the transaction: an activity or a release since the read keeps it.
        const current = await em.getRepository(Lead).findOneBy({ id: lead.id });
        if (!current || current.ownerId === null || current.version !== lead.version) return;
        if (idleSince(current).getTime() > now.getTime() - this.days * DAY_MS) return;
        await this.toPool(em, current, now);
        const days = Math.floor((now.getTime() - idleSince(current).getTime()) / DAY_MS);
        await this.recordMove(em, { lead: current, event: 'RETURNED', actor: SYSTEM, summary: `${days} 天无跟进，自动退回公海`, at: now });
        returned++;
      });
    }
    return returned;
  }

  private async warn(now: Date): Promise<number> {
    const warnDays = this.config.get('LEAD_POOL_WARN_DAYS', { infer: true });
    if (warnDays <= 0) return 0;
    const soon = (await this.idleLeads(now, Math.max(this.days - warnDays, 0))).filter(
      (l) => idleSince(l).getTime() > now.getTime() - this.days * DAY_MS, // not due today: the return itself says so
    );
    const base = this.config.get('PUBLIC_BASE_URL', { infer: true }).replace(/\/+$/, '');
    let count = 0;
    for (const lead of soon) {
      const since = idleSince(lead);
      const returnOn = districtDate(new Date(since.getTime() + this.days * DAY_MS));
      const recorded = await this.notifications.notify({
        key: `lead-pool-warning:${lead.id}:${since.getTime()}`,
        event: 'LEAD_POOL',
        title: `线索即将退回公海：${lead.companyName}`,
        body: [
          `线索「${lead.companyName}」已 ${Math.floor((now.getTime() - since.getTime()) / DAY_MS)} 天没有跟进记录，将于 ${returnOn} 退回公海，请尽快跟进。`,
          '',
          `> 上次跟进：${lead.lastActivityAt ? districtDateTime(lead.lastActivityAt) : '无'}`,
          `> 查看线索：${base}/leads/${lead.id}`,
        ].join('\n'),
        subject: { type: 'LEAD', id: lead.id },
        recipientIds: [lead.ownerId as string],
        // The owner's own business: the inbox, not the group chats.
        channels: false,
      });
      if (recorded.created) count++;
    }
    return count;
  }

  /** Owned open leads idle (no activity, not newly held) for at least `days`. */
  private async idleLeads(now: Date, days: number): Promise<Lead[]> {
    const em = this.leads.manager;
    const cut = instant(em, new Date(now.getTime() - days * DAY_MS));
    return this.leads
      .createQueryBuilder('l')
      .where('l.ownerId IS NOT NULL AND l.archivedAt IS NULL AND l.status IN (:...open)', { open: OPEN_STATUSES })
      .andWhere(new Brackets((b) => b.where('l.lastActivityAt IS NULL').orWhere('l.lastActivityAt <= :cut', { cut })))
      .andWhere('COALESCE(l.ownedSince, l.createdAt) <= :cut', { cut })
      .orderBy('l.id', 'ASC')
      .take(SCAN_CAP)
      .getMany();
  }

  private async toPool(em: EntityManager, lead: Lead, at: Date): Promise<void> {
    await em
      .createQueryBuilder()
      .update(Lead)
      .set({ ownerId: null, claimedAt: null, ownedSince: null, poolEnteredAt: at, version: () => 'version + 1' })
      .where('id = :id', { id: lead.id })
      .execute();
  }

  /** The move in the lead's timeline and the audit trail, in the caller's transaction. */
  private async recordMove(em: EntityManager, m: { lead: Lead; event: LeadPoolEvent; actor: Actor; summary: string; at?: Date }): Promise<void> {
    await em.getRepository(LeadActivity).insert({
      id: newId(),
      leadId: m.lead.id,
      type: 'OTHER',
      at: m.at ?? new Date(),
      summary: m.summary,
      nextFollowUpAt: null,
      actorId: m.actor.id ?? null,
      poolEvent: m.event,
    });
    const after = toLeadResponse(await em.getRepository(Lead).findOneByOrFail({ id: m.lead.id }));
    await this.audit.record(em, {
      actor: m.actor,
      action: `lead.pool.${m.event.toLowerCase()}`,
      entity: 'Lead',
      entityId: m.lead.id,
      before: toLeadResponse(m.lead),
      after,
    });
  }

  private async find(em: EntityManager, id: string): Promise<Lead> {
    const lead = await em.getRepository(Lead).findOneBy({ id });
    if (!lead) throw DomainError.notFound('Lead', id);
    return lead;
  }
}
