import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { Env } from '../../config/env.js';
import { instant } from '../../database/sql.js';
import { DeliveryError, sendToChannel } from './channel-senders.js';
import { districtDate } from '../../common/time/district-clock.js';
import { CHANNEL_TYPES } from '../reference/enums.js';
import { Reminder } from '../reminders/reminder.entity.js';
import { User } from '../users/user.entity.js';
import { NotificationChannel, NotificationDelivery } from './notification.entities.js';
import { NotificationsService } from './notifications.service.js';
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
    private readonly notifications: NotificationsService,
  ) {}

  private readonly logger = new Logger('Deliveries');

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
          mentionMobiles: event.mentionMobiles,
        },
        { timeoutMs, policy: this.targets.policy },
      );
    } catch (e) {
      // DeliveryError messages are our own words (status, errcode, reason), never the answer's body.
      const lastError = (e instanceof DeliveryError ? e.message : 'unexpected failure while sending').slice(0, 300);
      await this.finish(id, { status: finalAttempt ? 'FAILED' : 'PENDING', lastError });
      if (finalAttempt) await this.failed(d, lastError);
      throw e;
    }
    await this.finish(id, { status: 'SENT', lastError: null, sentAt: new Date() });
    return 'SENT';
  }

  /**
   * A delivery that ended FAILED after its attempts: logged as a warning, shown on its reminder (whose
   * inbox notification may well have arrived), and the admins told in the app, once per channel and
   * district day (however many deliveries fail). Never throws: the delivery's own failure stands.
   */
  private async failed(d: NotificationDelivery, lastError: string): Promise<void> {
    const channel = d.channel as NotificationChannel;
    this.logger.warn(`Delivery ${d.id} to channel ${channel.id} (${channel.type}) FAILED after ${d.attempts} attempts: ${lastError}`);
    try {
      const em = this.deliveries.manager;
      const reminderId = d.event?.reminderId;
      if (reminderId) {
        await em
          .createQueryBuilder()
          .update(Reminder)
          .set({ deliveryFailedAt: new Date(), lastError: `「${channel.name}」推送失败：${lastError}`.slice(0, 1000), version: () => 'version' })
          .where('id = :id', { id: reminderId })
          .execute();
      }
      const admins = await em.getRepository(User).find({ where: { role: 'ADMIN', active: true }, select: { id: true } });
      const today = districtDate();
      await this.notifications.notify({
        key: `delivery-failed:${channel.id}:${today}`,
        event: 'DELIVERY_FAILED',
        title: `群机器人推送失败：${channel.name}`,
        body: [
          `「${channel.name}」（${CHANNEL_TYPES[channel.type].nameZh}）的消息多次重试后仍发送失败，今天再有失败不再另行通知。`,
          '',
          `> 原因：${lastError}`,
          '> 请检查机器人地址、签名密钥或群机器人是否已被移除（系统管理 → 消息通道）。',
        ].join('\n'),
        recipientIds: admins.map((a) => a.id),
        channels: false,
      });
    } catch (e) {
      this.logger.warn(`Could not record the failure of delivery ${d.id}: ${(e as Error).message}`);
    }
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
