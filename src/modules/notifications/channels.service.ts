import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { Actor } from '../../common/auth/actor.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { newId } from '../../common/identity/ids.js';
import { Page } from '../../common/pagination/cursor.js';
import { keysetPage } from '../../common/pagination/keyset.js';
import { PageQuery } from '../../common/validation/decorators.js';
import { Transactions } from '../../database/transactions.js';
import { updateVersioned } from '../../database/versioned-update.js';
import { AuditService } from '../audit/audit.service.js';
import { assertCan } from '../auth/permissions.js';
import { CHANNEL_TYPES } from '../reference/enums.js';
import { ChannelResponse, CreateChannelDto, UpdateChannelDto, toChannelResponse } from './dto/notification.dto.js';
import { NotificationChannel } from './notification.entities.js';
import { WebhookTargets } from './webhook-targets.service.js';

/** The office's group robots and webhooks (ADMIN). Secrets go in, never out. */
@Injectable()
export class ChannelsService {
  constructor(
    @InjectRepository(NotificationChannel) private readonly channels: Repository<NotificationChannel>,
    private readonly tx: Transactions,
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
}
