import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { Env } from '../../config/env.js';
import { instant } from '../../database/sql.js';
import { DeliveryError, sendToChannel } from './channel-senders.js';
import { NotificationDelivery } from './notification.entities.js';
import { WebhookTargets } from './webhook-targets.service.js';

/** Extra time a claim outlives the HTTP timeout, so a slow but live sender keeps its claim. */
const CLAIM_MARGIN_MS = 30_000;

/** Another run of the same job holds the delivery (a stalled job handed to a second worker): try later. */
export class DeliveryInProgressError extends Error {
  constructor(id: string) {
    super(`Delivery ${id} is being sent by another run; retrying later`);
    this.name = 'DeliveryInProgressError';
  }
}

/**
 * Sends one delivery to its channel, at most once however often its job runs: a run first claims
 * the row (PENDING → SENDING, with a deadline), and only the run holding the claim sends. A run that
 * finds the delivery SENT or FAILED does nothing; one that finds it claimed by a live run retries later.
 */
@Injectable()
export class DeliveriesService {
  constructor(
    @InjectRepository(NotificationDelivery) private readonly deliveries: Repository<NotificationDelivery>,
    private readonly config: ConfigService<Env, true>,
    private readonly targets: WebhookTargets,
  ) {}

  /** `finalAttempt`: a failure now is final (FAILED, with the error kept) rather than PENDING for a retry. */
  async deliver(id: string, finalAttempt: boolean): Promise<'SENT' | 'NOTHING_TO_DO' | 'FAILED'> {
    const timeoutMs = this.config.get('DELIVERY_TIMEOUT_MS', { infer: true });
    const now = new Date();
    const em = this.deliveries.manager;
    const claim = await this.deliveries
      .createQueryBuilder()
      .update(NotificationDelivery)
      .set({ status: 'SENDING', attempts: () => 'attempts + 1', claimedUntil: new Date(now.getTime() + timeoutMs + CLAIM_MARGIN_MS) })
      .where("id = :id AND (status = 'PENDING' OR (status = 'SENDING' AND claimed_until < :now))", { id, now: instant(em, now) })
      .execute();
    if (claim.affected !== 1) {
      const row = await this.deliveries.findOneBy({ id });
      if (!row || row.status === 'SENT' || row.status === 'FAILED') return 'NOTHING_TO_DO';
      throw new DeliveryInProgressError(id);
    }
    const d = await this.deliveries.findOneOrFail({ where: { id }, relations: { event: true, channel: true } });
    const channel = d.channel!;
    const event = d.event!;
    if (!channel.active) {
      await this.finish(id, { status: 'FAILED', lastError: 'the channel was switched off before sending' });
      return 'FAILED';
    }
    try {
      await sendToChannel(
        { type: channel.type, url: channel.url, secret: channel.secret },
        {
          eventId: event.id,
          event: event.event,
          title: event.title,
          text: event.body,
          subjectType: event.subjectType,
          subjectId: event.subjectId,
          reminderId: event.reminderId,
          occurredAt: event.createdAt,
        },
        { timeoutMs, policy: this.targets.policy },
      );
    } catch (e) {
      // DeliveryError messages are our own words (status, errcode, reason), never the answer's body.
      const lastError = (e instanceof DeliveryError ? e.message : 'unexpected failure while sending').slice(0, 300);
      await this.finish(id, { status: finalAttempt ? 'FAILED' : 'PENDING', lastError });
      throw e;
    }
    await this.finish(id, { status: 'SENT', lastError: null, sentAt: new Date() });
    return 'SENT';
  }

  private async finish(id: string, set: Pick<NotificationDelivery, 'status' | 'lastError'> & { sentAt?: Date }): Promise<void> {
    await this.deliveries
      .createQueryBuilder()
      .update(NotificationDelivery)
      .set({ ...set, claimedUntil: null })
      .where("id = :id AND status = 'SENDING'", { id })
      .execute();
  }
}
