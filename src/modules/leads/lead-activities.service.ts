import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { Actor } from '../../common/auth/actor.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { newId } from '../../common/identity/ids.js';
import { Page } from '../../common/pagination/cursor.js';
import { keysetPage } from '../../common/pagination/keyset.js';
import { Transactions } from '../../database/transactions.js';
import { AuditService } from '../audit/audit.service.js';
import { assertCan } from '../auth/permissions.js';
import { CreateActivityDto } from '../projects/dto/project-records.dto.js';
import { ReminderJobChanges, RemindersService } from '../reminders/reminders.service.js';
import { LeadActivityResponse, toLeadActivityResponse } from './dto/lead.dto.js';
import { LeadActivity } from './lead-activity.entity.js';
import { Lead } from './lead.entity.js';
import { assertOpen } from './leads.service.js';

/** Allowed clock skew for "now" when an activity is logged (ms), as for project activities. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

/**
 * The follow-up log of leads (线索跟进): calls, visits and meetings before a lead becomes a project,
 * under the rules of project activities. Keeps the lead's last-activity and next-follow-up times
 * current; a next follow-up becomes the lead's follow-up reminder for its owner.
 */
@Injectable()
export class LeadActivitiesService {
  constructor(
    @InjectRepository(Lead) private readonly leads: Repository<Lead>,
    @InjectRepository(LeadActivity) private readonly activities: Repository<LeadActivity>,
    private readonly tx: Transactions,
    private readonly audit: AuditService,
    private readonly reminders: RemindersService,
  ) {}

  /**
   * Logs an activity on an open lead (its owner's or an admin's to log). A next follow-up replaces the
   * lead's follow-up reminder in the same transaction; its job is enqueued after the commit.
   */
  async add(leadId: string, dto: CreateActivityDto, actor: Actor): Promise<LeadActivityResponse> {
    const at = new Date(dto.at);
    if (at.getTime() > Date.now() + CLOCK_SKEW_MS) throw DomainError.invalid('at', 'at must not lie in the future', 'notInFuture');
    const next = dto.nextFollowUpAt ? new Date(dto.nextFollowUpAt) : null;
    if (next && next <= at) throw DomainError.invalid('nextFollowUpAt', 'nextFollowUpAt must be after at', 'afterActivity');
    const id = newId();
    const followUp = await this.tx.run(async (em): Promise<ReminderJobChanges | null> => {
      const lead = await em.getRepository(Lead).findOneBy({ id: leadId });
      if (!lead) throw DomainError.notFound('Lead', leadId);
      assertCan(actor, 'lead.update', () => lead.ownerId === actor.id);
      assertOpen(lead);
      await em.getRepository(LeadActivity).insert({ id, leadId, type: dto.type, at, summary: dto.summary, nextFollowUpAt: next, actorId: actor.id });
      const created = toLeadActivityResponse(await em.getRepository(LeadActivity).findOneByOrFail({ id }));
      await this.audit.record(em, { actor, action: 'lead-activity.create', entity: 'LeadActivity', entityId: id, before: null, after: created });
      const newer = !lead.lastActivityAt || at > lead.lastActivityAt;
      // Logged at or after the follow-up came due, without a new one: that follow-up is done.
      const done = !next && newer && lead.nextFollowUpAt !== null && lead.nextFollowUpAt <= at;
      if (newer || next) {
        // Derived fields only: `version` stays, so logging a call never makes an open edit of the lead stale.
        await em
          .createQueryBuilder()
          .update(Lead)
          .set({
            ...(newer && { lastActivityAt: at }),
            ...(next && { nextFollowUpAt: next }),
            ...(done && { nextFollowUpAt: null }),
            version: () => 'version',
            updatedAt: () => 'updated_at',
          })
          .where('id = :id', { id: leadId })
          .execute();
      }
      if (next) return this.reminders.replaceLeadFollowUpInTx(em, { lead, dueAt: next, note: dto.summary, actor });
      return done ? this.reminders.completeFollowUpInTx(em, { subjectType: 'LEAD', subjectId: leadId, actor }) : null;
    });
    if (followUp) await this.reminders.applyJobChanges(followUp);
    return toLeadActivityResponse(await this.activities.findOneByOrFail({ id }));
  }

  /** The lead's activities, newest first (by when they were logged). */
  async list(leadId: string, limit: number, cursor?: string): Promise<Page<LeadActivityResponse>> {
    if (!(await this.leads.existsBy({ id: leadId }))) throw DomainError.notFound('Lead', leadId);
    const qb = this.activities.createQueryBuilder('a').where('a.leadId = :leadId', { leadId });
    return keysetPage(qb, { alias: 'a', sort: '-createdAt', limit, cursor, map: toLeadActivityResponse });
  }
}
