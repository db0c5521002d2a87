import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, IsNull, Repository } from 'typeorm';
import type { Actor } from '../../common/auth/actor.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { newId } from '../../common/identity/ids.js';
import { Page } from '../../common/pagination/cursor.js';
import { keysetPage } from '../../common/pagination/keyset.js';
import { isPostgres } from '../../database/sql.js';
import { Transactions } from '../../database/transactions.js';
import { JobQueues } from '../../queue/job-queues.service.js';
import { AuditService } from '../audit/audit.service.js';
import { assertCan } from '../auth/permissions.js';
import type { NotificationEventType, ReminderSubjectType } from '../reference/enums.js';
import { User } from '../users/user.entity.js';
import {
  DeliveryResponse,
  ListNotificationsQuery,
  NotificationResponse,
  ReadAllResponse,
  UnreadCountResponse,
  inboxDeliveryResponse,
  toDeliveryResponse,
  toNotificationResponse,
} from './dto/notification.dto.js';
import { Notification, NotificationChannel, NotificationDelivery, NotificationEvent } from './notification.entities.js';

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export interface NotifyInput {
  /** What makes this occurrence unique (`reminder:<id>`, `project-stale:<id>:<since>`…): recorded once. */
  key: string;
  event: NotificationEventType;
  title: string;
  /** Plain text with light markdown; names the people concerned, since channels reach a whole group. */
  body: string;
  subject?: { type: ReminderSubjectType; id: string } | null;
  reminderId?: string | null;
  /** Users whose inbox receives it (inactive users are skipped). */
  recipientIds: string[];
  /** False: the inbox only; group channels get it in the run's digest instead (DigestsService). Default true. */
  channels?: boolean;
}

export interface Recorded {
  eventId: string;
  /** False when the key was recorded before: nothing was added this time. */
  created: boolean;
  /** The channel deliveries to enqueue after the transaction commits. */
  deliveryIds: string[];
}

/** The in-app inbox (站内消息) and the one place where an occurrence becomes inbox rows and channel deliveries. */
@Injectable()
export class NotificationsService {
  constructor(
    @InjectRepository(Notification) private readonly notifications: Repository<Notification>,
    @InjectRepository(NotificationEvent) private readonly events: Repository<NotificationEvent>,
    @InjectRepository(NotificationDelivery) private readonly deliveries: Repository<NotificationDelivery>,
    private readonly tx: Transactions,
    private readonly jobs: JobQueues,
    private readonly audit: AuditService,
  ) {}

  /**
   * Records an occurrence in the caller's transaction: the event (insert-or-ignore on its key), an
   * inbox row per active recipient and a PENDING delivery per active channel of the event. A second
   * call with the same key adds nothing, however the two calls interleave.
   */
  async record(em: EntityManager, input: NotifyInput): Promise<Recorded> {
    const id = newId();
    await em
      .createQueryBuilder()
      .insert()
      .into(NotificationEvent)
      .values({
        id,
        eventKey: input.key,
        event: input.event,
        title: input.title.slice(0, 200),
        body: input.body,
        subjectType: input.subject?.type ?? null,
        subjectId: input.subject?.id ?? null,
        reminderId: input.reminderId ?? null,
      })
      .orIgnore()
      .execute();
    const event = await em.getRepository(NotificationEvent).findOneByOrFail({ eventKey: input.key });
    if (event.id !== id) return { eventId: event.id, created: false, deliveryIds: [] };

    const wanted = [...new Set(input.recipientIds)];
    const recipients = wanted.length ? await em.getRepository(User).find({ where: { id: In(wanted), active: true }, select: { id: true } }) : [];
    if (recipients.length) {
      await em.getRepository(Notification).insert(recipients.map((u) => ({ id: newId(), eventId: id, recipientId: u.id, readAt: null })));
    }
    const channels =
      input.channels === false ? [] : (await em.getRepository(NotificationChannel).findBy({ active: true })).filter((c) => c.events.includes(input.event));
    const rows = channels.map((c) => ({ id: newId(), eventId: id, channelId: c.id, status: 'PENDING' as const, attempts: 0, lastError: null, claimedUntil: null, sentAt: null }));
    if (rows.length) await em.getRepository(NotificationDelivery).insert(rows);
    return { eventId: id, created: true, deliveryIds: rows.map((r) => r.id) };
  }

  /** `record` in a transaction of its own, then the channel deliveries enqueued. */
  async notify(input: NotifyInput): Promise<Recorded> {
    const recorded = await this.tx.run((em) => this.record(em, input));
    await this.jobs.deliver(recorded.deliveryIds);
    return recorded;
  }

  /** The caller's own inbox, newest first. */
  async inbox(actor: Actor, query: ListNotificationsQuery): Promise<Page<NotificationResponse>> {
    const qb = this.notifications
      .createQueryBuilder('n')
      .innerJoinAndSelect('n.event', 'e')
      .where('n.recipientId = :me', { me: actor.id });
    if (query.unread === true) qb.andWhere('n.readAt IS NULL');
    if (query.unread === false) qb.andWhere('n.readAt IS NOT NULL');
    return keysetPage(qb, { alias: 'n', sort: '-createdAt', limit: query.limit, cursor: query.cursor, map: toNotificationResponse });
  }

  /** Marks one of the caller's notifications read; reading it again changes nothing. */
  async markRead(id: string, actor: Actor): Promise<NotificationResponse> {
    await this.tx.run(async (em) => {
      const n = await em.getRepository(Notification).findOneBy({ id });
      if (!n) throw DomainError.notFound('Notification', id);
      assertCan(actor, 'notification.read', () => n.recipientId === actor.id);
      if (n.readAt) return;
      await em.getRepository(Notification).update({ id }, { readAt: new Date() });
      await this.audit.record(em, {
        actor,
        action: 'notification.read',
        entity: 'Notification',
        entityId: id,
        before: { readAt: null },
        after: { readAt: (await em.getRepository(Notification).findOneByOrFail({ id })).readAt },
      });
    });
    return toNotificationResponse(await this.notifications.findOneOrFail({ where: { id }, relations: { event: true } }));
  }

  /** How many of the caller's notifications are unread (the bell's number), counted on idx_notifications_unread. */
  async unreadCount(actor: Actor): Promise<UnreadCountResponse> {
    return { count: await this.notifications.count({ where: { recipientId: actor.id, readAt: IsNull() } }) };
  }

  /**
   * Marks every unread notification of the caller read, in one transaction, with an audit row per
   * notification as marking one does. `updated` counts them; none left unread answers 0.
   */
  async markAllRead(actor: Actor): Promise<ReadAllResponse> {
    assertCan(actor, 'notification.read', () => true);
    const updated = await this.tx.run(async (em) => {
      const qb = em
        .getRepository(Notification)
        .createQueryBuilder('n')
        .select(['n.id'])
        .where('n.recipientId = :me AND n.readAt IS NULL', { me: actor.id });
      // Two tabs marking all at once: the second waits, then finds nothing unread (SQLite serialises writes anyway).
      if (isPostgres(em)) qb.setLock('pessimistic_write');
      const ids = (await qb.getMany()).map((n) => n.id);
      if (ids.length === 0) return 0;
      const readAt = new Date();
      for (const part of chunk(ids, 500)) await em.getRepository(Notification).update({ id: In(part) }, { readAt });
      const stored = (await em.getRepository(Notification).findOneByOrFail({ id: ids[0] })).readAt;
      await this.audit.recordMany(
        em,
        ids.map((id) => ({ actor, action: 'notification.read', entity: 'Notification', entityId: id, before: { readAt: null }, after: { readAt: stored } })),
      );
      return ids.length;
    });
    return { updated };
  }

  /** Where a reminder's notification went: one row per inbox and per channel, with status and attempts. */
  /** `showErrors`: include each delivery's lastError (for admins only). */
  async deliveriesOfReminder(reminderId: string, showErrors: boolean): Promise<DeliveryResponse[]> {
    const event = await this.events.findOneBy({ reminderId });
    if (!event) return [];
    const [inbox, channels] = await Promise.all([
      this.notifications.find({ where: { eventId: event.id }, order: { id: 'ASC' } }),
      this.deliveries.find({ where: { eventId: event.id }, relations: { channel: true }, order: { id: 'ASC' } }),
    ]);
    const opts = { showError: showErrors };
    return [...inbox.map((n) => inboxDeliveryResponse(n, opts)), ...channels.map((d) => toDeliveryResponse(d, opts))];
  }
}
