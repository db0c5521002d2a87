import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Env } from '../../config/env.js';
import { instant } from '../../database/sql.js';
import { JobQueues } from '../../queue/job-queues.service.js';
import { JobName, deliveryJobId, reminderJobId } from '../../queue/queue.constants.js';
import { RedisConnections } from '../../queue/redis-connections.js';
import { NotificationDelivery } from '../notifications/notification.entities.js';
import { Reminder } from '../reminders/reminder.entity.js';

const BATCH = 500;
/** Longest a reconcile may hold the lock; a crashed holder frees it after this. */
const LOCK_MS = 120_000;

export interface ReconcileResult {
  /** False when another instance was reconciling: this run did nothing. */
  ran: boolean;
  reminders: number;
  deliveries: number;
}

/**
 * Makes Redis agree with the database, which is the source of truth: every SCHEDULED reminder gets
 * its delayed job and every unsent delivery its job, when missing (Redis was down or restarted
 * without persistence, or the process died between commit and enqueue). Runs at start-up, whenever
 * Redis comes back, and every RECONCILE_INTERVAL_MS; single-flight across instances by a Redis lock.
 * Enqueueing what already exists is a no-op (deterministic job ids).
 */
@Injectable()
export class Reconciler {
  private readonly logger = new Logger('Reconciler');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobQueues,
    private readonly redis: RedisConnections,
    private readonly config: ConfigService<Env, true>,
  ) {}

  async reconcile(now: Date = new Date()): Promise<ReconcileResult> {
    const lockKey = `${this.config.get('REDIS_PREFIX', { infer: true })}:reconcile-lock`;
    const token = randomUUID();
    const acquired = await this.redis.producer.set(lockKey, token, 'PX', LOCK_MS, 'NX');
    if (acquired !== 'OK') return { ran: false, reminders: 0, deliveries: 0 };
    try {
      const result = { ran: true, reminders: await this.reminders(), deliveries: await this.deliveries(now) };
      if (result.reminders || result.deliveries) {
        this.logger.log(`Re-enqueued ${result.reminders} reminder and ${result.deliveries} delivery job(s) that were missing`);
      }
      return result;
    } finally {
      // Release only our own lock (compare and delete).
      await this.redis.producer
        .eval("if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end", 1, lockKey, token)
        .catch(() => undefined);
    }
  }

  private async reminders(): Promise<number> {
    const repo = this.dataSource.getRepository(Reminder);
    let enqueued = 0;
    let after = '';
    for (;;) {
      const batch = await repo
        .createQueryBuilder('r')
        .select(['r.id', 'r.dueAt'])
        .where("r.status = 'SCHEDULED' AND r.id > :after", { after })
        .orderBy('r.id', 'ASC')
        .take(BATCH)
        .getMany();
      const added = await Promise.all(
        batch.map((r) =>
          this.jobs.ensureJob(
            this.jobs.reminders,
            reminderJobId(r.id),
            () => this.jobs.reminders.add(JobName.FIRE_REMINDER, { reminderId: r.id }, this.jobs.reminderJobOptions(r.id, r.dueAt)),
            r.dueAt,
          ),
        ),
      );
      enqueued += added.filter(Boolean).length;
      if (batch.length < BATCH) return enqueued;
      after = batch[batch.length - 1].id;
    }
  }

  /** PENDING deliveries, and SENDING ones whose claim ran out (the sender died). */
  private async deliveries(now: Date): Promise<number> {
    const repo = this.dataSource.getRepository(NotificationDelivery);
    let enqueued = 0;
    let after = '';
    for (;;) {
      const batch = await repo
        .createQueryBuilder('d')
        .select(['d.id'])
        .where("(d.status = 'PENDING' OR (d.status = 'SENDING' AND d.claimedUntil < :now)) AND d.id > :after", {
          now: instant(repo.manager, now),
          after,
        })
        .orderBy('d.id', 'ASC')
        .take(BATCH)
        .getMany();
      const added = await Promise.all(
        batch.map((d) =>
          this.jobs.ensureJob(this.jobs.deliveries, deliveryJobId(d.id), () =>
            this.jobs.deliveries.add(JobName.DELIVER, { deliveryId: d.id }, this.jobs.deliveryJobOptions(d.id)),
          ),
        ),
      );
      enqueued += added.filter(Boolean).length;
      if (batch.length < BATCH) return enqueued;
      after = batch[batch.length - 1].id;
    }
  }
}
