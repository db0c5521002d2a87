import { Processor, WorkerHost } from '@nestjs/bullmq';
import { ConfigService } from '@nestjs/config';
import { InjectRepository } from '@nestjs/typeorm';
import { DelayedError, type Job } from 'bullmq';
import { Repository } from 'typeorm';
import type { Env } from '../../config/env.js';
import { DeliveryJobData, QueueName, WORKER_OPTIONS } from '../../queue/queue.constants.js';
import { RedisConnections } from '../../queue/redis-connections.js';
import { DeliveriesService } from './deliveries.service.js';
import { NotificationDelivery } from './notification.entities.js';
import { takeRobotSlot } from './robot-rate.js';

/**
 * Sends channel deliveries; a failure is retried with exponential backoff up to DELIVERY_ATTEMPTS.
 * Each group robot (WeCom, DingTalk) receives at most ROBOT_RATE_PER_MINUTE messages in any minute (they
 * accept about 20): a delivery over the limit waits (the job is delayed, no attempt spent), never dropped.
 * A generic webhook is the receiver's own service and has no such limit.
 */
@Processor(QueueName.DELIVERIES, WORKER_OPTIONS[QueueName.DELIVERIES])
export class DeliveriesProcessor extends WorkerHost {
  constructor(
    private readonly deliveries: DeliveriesService,
    @InjectRepository(NotificationDelivery) private readonly rows: Repository<NotificationDelivery>,
    private readonly redis: RedisConnections,
    private readonly config: ConfigService<Env, true>,
  ) {
    super();
  }

  async process(job: Job<DeliveryJobData>, token?: string): Promise<string> {
    const row = await this.rows.findOne({
      where: { id: job.data.deliveryId },
      relations: { channel: true },
      select: { id: true, channelId: true, status: true, channel: { id: true, type: true } },
    });
    if (row && row.channel?.type !== 'WEBHOOK' && (row.status === 'PENDING' || row.status === 'SENDING')) {
      const wait = await takeRobotSlot(this.redis.worker, {
        prefix: this.config.get('REDIS_PREFIX', { infer: true }),
        channelId: row.channelId,
        max: this.config.get('ROBOT_RATE_PER_MINUTE', { infer: true }),
        member: `${row.id}:${job.attemptsMade}:${Date.now()}`,
      });
      if (wait > 0) {
        await job.moveToDelayed(Date.now() + wait + Math.floor(Math.random() * 500), token);
        throw new DelayedError();
      }
    }
    const finalAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    return this.deliveries.deliver(job.data.deliveryId, finalAttempt);
  }
}
