import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { Env } from '../../config/env.js';
import type { Actor } from '../../common/auth/actor.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { newId } from '../../common/identity/ids.js';
import { Page } from '../../common/pagination/cursor.js';
import { keysetPage } from '../../common/pagination/keyset.js';
import { PageQuery } from '../../common/validation/decorators.js';
import { Transactions } from '../../database/transactions.js';
import { updateVersioned } from '../../database/versioned-update.js';
import { JobQueues } from '../../queue/job-queues.service.js';
import { AuditService } from '../audit/audit.service.js';
import { assertCan } from '../auth/permissions.js';
import { CHANNEL_TYPES } from '../reference/enums.js';
import { probeChannel } from './channel-senders.js';
import {
  ChannelDeliveryResponse,
  ChannelResponse,
  ChannelTestResult,
  CreateChannelDto,
  DeliveryResponse,
  ListChannelDeliveriesQuery,
  UpdateChannelDto,
  toChannelDeliveryResponse,
  toChannelResponse,
  toDeliveryResponse,
} from './dto/notification.dto.js';
import { NotificationChannel, NotificationDelivery } from './notification.entities.js';
import { WebhookTargets } from './webhook-targets.service.js';

/** The office's group robots and webhooks (ADMIN). Secrets go in, never out. */
@Injectable()
export class ChannelsService {
  constructor(
    @InjectRepository(NotificationChannel) private readonly channels: Repository<NotificationChannel>,
    @InjectRepository(NotificationDelivery) private readonly deliveries: Repository<NotificationDelivery>,
    private readonly tx: Transactions,
    private readonly jobs: JobQueues,
    private readonly config: ConfigService<Env, true>,
    private readonly audit: AuditService,
    private readonly targets: WebhookTargets,
  ) {}

  async create(dto: CreateChannelDto, actor: Actor): Promise<ChannelResponse> {
    assertCan(actor, 'channel.manage');
    // Resolves the host: outside the transaction (no network I/O inside one).
    await this.targets.assertAllowed(dto.url);
    const id = newId();
    await this.tx.run(async (em) => {
      await em.getRepository(NotificationChannel).insert({
        id,
        type: dto.type,
        name: dto.name ?? CHANNEL_TYPES[dto.type].nameZh,
        url: dto.url,
        secret: dto.secret ?? null,
        events: dto.events,
        active: true,
        createdById: actor.id,
      });
      const after = toChannelResponse(await em.getRepository(NotificationChannel).findOneByOrFail({ id }));
      await this.audit.record(em, { actor, action: 'channel.create', entity: 'NotificationChannel', entityId: id, before: null, after });
    });
    return toChannelResponse(await this.channels.findOneByOrFail({ id }));
  }

  async list(query: PageQuery): Promise<Page<ChannelResponse>> {
    const qb = this.channels.createQueryBuilder('c');
    return keysetPage(qb, { alias: 'c', sort: 'createdAt', limit: query.limit, cursor: query.cursor, map: toChannelResponse });
  }

  async update(id: string, dto: UpdateChannelDto, actor: Actor): Promise<ChannelResponse> {
    assertCan(actor, 'channel.manage');
    if (dto.url !== undefined) await this.targets.assertAllowed(dto.url);
    await this.tx.run(async (em) => {
      const before = await em.getRepository(NotificationChannel).findOneBy({ id });
      if (!before) throw DomainError.notFound('NotificationChannel', id);
      const { version, ...changes } = dto;
      await updateVersioned(em, NotificationChannel, { id, version, label: 'NotificationChannel', set: changes });
      const after = await em.getRepository(NotificationChannel).findOneByOrFail({ id });
      await this.audit.record(em, {
        actor,
        action: 'channel.update',
        entity: 'NotificationChannel',
        entityId: id,
        before: toChannelResponse(before),
        after: toChannelResponse(after),
        // The secret itself is never written to the audit trail, only that it changed.
        ...(dto.secret !== undefined && { extra: { secret: { before: '(hidden)', after: dto.secret === null ? null : '(changed)' } } }),
      });
    });
    return toChannelResponse(await this.channels.findOneByOrFail({ id }));
  }

  /**
   * Sends a test message to the channel now (not through the queue, nothing stored) and reports the
   * robot's answer, so that the admin setting it up sees at once whether the address and secret work.
   */
  async test(id: string, actor: Actor): Promise<ChannelTestResult> {
    assertCan(actor, 'channel.manage');
    const channel = await this.channels.findOneBy({ id });
    if (!channel) throw DomainError.notFound('NotificationChannel', id);
    const now = new Date();
    return probeChannel(
      { type: channel.type, url: channel.url, secret: channel.secret },
      {
        eventId: newId(),
        event: channel.events[0] ?? 'REMINDER_DUE',
        title: '测试消息',
        text: `这是和平区招商引资工作台发送的测试消息（${actor.username}），收到即表示“${channel.name}”配置正确。`,
        subjectType: null,
        subjectId: null,
        reminderId: null,
        occurredAt: now,
      },
      { timeoutMs: this.config.get('DELIVERY_TIMEOUT_MS', { infer: true }), policy: this.targets.policy },
    );
  }

  /** The channel's delivery log, newest first, with the error kept for each failure. */
  async deliveriesOf(id: string, query: ListChannelDeliveriesQuery): Promise<Page<ChannelDeliveryResponse>> {
    if (!(await this.channels.existsBy({ id }))) throw DomainError.notFound('NotificationChannel', id);
    const qb = this.deliveries
      .createQueryBuilder('d')
      .innerJoinAndSelect('d.channel', 'c')
      .innerJoinAndSelect('d.event', 'e')
      .where('d.channelId = :id', { id });
    if (query.status) qb.andWhere('d.status = :status', { status: query.status });
    return keysetPage(qb, { alias: 'd', sort: '-createdAt', limit: query.limit, cursor: query.cursor, map: toChannelDeliveryResponse });
  }

  /** Sends a failed delivery again: back to PENDING with its attempts reset, and a fresh job. */
  async retry(id: string, actor: Actor): Promise<DeliveryResponse> {
    assertCan(actor, 'channel.manage');
    await this.tx.run(async (em) => {
      const before = await em.getRepository(NotificationDelivery).findOneBy({ id });
      if (!before) throw DomainError.notFound('NotificationDelivery', id);
      if (before.status !== 'FAILED') throw DomainError.conflict('DELIVERY_NOT_FAILED', `Delivery ${id} is ${before.status}, only a FAILED one can be retried`);
      await em.getRepository(NotificationDelivery).update({ id, status: 'FAILED' }, { status: 'PENDING', attempts: 0, lastError: null });
      await this.audit.record(em, {
        actor,
        action: 'delivery.retry',
        entity: 'NotificationDelivery',
        entityId: id,
        before: { status: before.status, attempts: before.attempts, lastError: before.lastError },
        after: { status: 'PENDING', attempts: 0, lastError: null },
      });
    });
    // After the commit; while Redis is away the reconciler enqueues it later.
    await this.jobs.redeliver(id);
    return toDeliveryResponse(await this.deliveries.findOneOrFail({ where: { id }, relations: { channel: true } }), { showError: true });
  }
}
