import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Job, JobsOptions, Queue } from 'bullmq';
import type { Env } from '../config/env.js';
import {
  DeliveryJobData,
  JobName,
  QueueName,
  RECONCILE_NOW_JOB_ID,
  REMINDER_JOB_ATTEMPTS,
  REMINDER_JOB_BACKOFF_MS,
  ReminderJobData,
  deliveryJobId,
  reminderJobId,
} from './queue.constants.js';
import { RedisConnections } from './redis-connections.js';

/** The longest a request waits for Redis to take a job; past it the reconciler enqueues the job later. */
const ENQUEUE_TIMEOUT_MS = 1000;

/**
 * The producers. Called after the database transaction has committed (never inside it), and
 * guarded: while Redis is away a call returns false at once instead of waiting for a reconnect, and
 * no call waits longer than a second. The rows stay in the database, and the reconciler enqueues
 * whatever is missing once Redis is back, so a false here loses nothing.
 */
@Injectable()
export class JobQueues {
  private readonly logger = new Logger('Queues');

  constructor(
    @InjectQueue(QueueName.REMINDERS) readonly reminders: Queue<ReminderJobData>,
    @InjectQueue(QueueName.DELIVERIES) readonly deliveries: Queue<DeliveryJobData>,
    @InjectQueue(QueueName.MAINTENANCE) readonly maintenance: Queue,
    private readonly redis: RedisConnections,
    private readonly config: ConfigService<Env, true>,
  ) {
    // Outages are logged once by RedisProbe; without listeners BullMQ prints every failed retry.
    for (const queue of [reminders, deliveries, maintenance]) queue.on('error', () => undefined);
  }

  /**
   * Puts a reminder's delayed job in place for `dueAt`. With `replace`, an existing job is removed
   * first (rescheduling; a job that is running right now cannot be removed, and its processor re-reads
   * the row and sees the new time).
   */
  scheduleReminder(reminderId: string, dueAt: Date, opts: { replace?: boolean } = {}): Promise<boolean> {
    const jobId = reminderJobId(reminderId);
    return this.guard(`schedule reminder ${reminderId}`, async () => {
      if (opts.replace) await this.reminders.remove(jobId);
      await this.reminders.add(JobName.FIRE_REMINDER, { reminderId }, this.reminderJobOptions(reminderId, dueAt));
    });
  }

  reminderJobOptions(reminderId: string, dueAt: Date): JobsOptions {
    return {
      jobId: reminderJobId(reminderId),
      delay: Math.max(0, dueAt.getTime() - Date.now()),
      attempts: REMINDER_JOB_ATTEMPTS,
      backoff: { type: 'exponential', delay: REMINDER_JOB_BACKOFF_MS },
    };
  }

  /** Removes a cancelled reminder's job (its processor would skip it anyway). */
  unscheduleReminder(reminderId: string): Promise<boolean> {
    return this.guard(`unschedule reminder ${reminderId}`, async () => {
      await this.reminders.remove(reminderJobId(reminderId));
    });
  }

  /** One job per channel delivery, retried with exponential backoff up to DELIVERY_ATTEMPTS. */
  deliver(deliveryIds: string[]): Promise<boolean> {
    if (deliveryIds.length === 0) return Promise.resolve(true);
    return this.guard(`enqueue ${deliveryIds.length} deliveries`, async () => {
      await this.deliveries.addBulk(deliveryIds.map((deliveryId) => ({ name: JobName.DELIVER, data: { deliveryId }, opts: this.deliveryJobOptions(deliveryId) })));
    });
  }

  /** A delivery sent again (an admin's retry): the finished job of its earlier run is replaced. */
  redeliver(deliveryId: string): Promise<boolean> {
    return this.guard(`re-enqueue delivery ${deliveryId}`, async () => {
      await this.deliveries.remove(deliveryJobId(deliveryId));
      await this.deliveries.add(JobName.DELIVER, { deliveryId }, this.deliveryJobOptions(deliveryId));
    });
  }

  deliveryJobOptions(deliveryId: string): JobsOptions {
    return {
      jobId: deliveryJobId(deliveryId),
      attempts: this.config.get('DELIVERY_ATTEMPTS', { infer: true }),
      backoff: { type: 'exponential', delay: this.config.get('DELIVERY_BACKOFF_MS', { infer: true }) },
    };
  }

  /** Asks some worker (any instance) to reconcile now; while one such request is pending, another is a no-op. */
  requestReconcile(): Promise<boolean> {
    return this.guard('request a reconcile', async () => {
      await this.maintenance.add(JobName.RECONCILE, {}, { jobId: RECONCILE_NOW_JOB_ID, removeOnComplete: true, removeOnFail: true });
    });
  }

  /**
   * Makes sure a job is in place for a row that should have one: adds it when missing, and replaces
   * one that already finished (completed or failed) while the row still waits. Returns whether it
   * enqueued. Used by the reconciler, which runs only while Redis is up.
   */
  async ensureJob<T>(queue: Queue<T>, jobId: string, add: () => Promise<Job<T>>, expectedAt?: Date): Promise<boolean> {
    const job = await queue.getJob(jobId);
    if (job) {
      const finished = Boolean(job.finishedOn);
      // A waiting job due at another time than the row says (a reschedule whose remove failed): replace it.
      const runsAt = job.timestamp + (job.delay ?? 0);
      const misdated = expectedAt !== undefined && !job.processedOn && Math.abs(runsAt - Math.max(expectedAt.getTime(), job.timestamp)) > 1000;
      if (!finished && !misdated) return false;
      if ((await queue.remove(jobId)) === 0) return false; // running right now: it re-reads the row itself
    }
    await add();
    return true;
  }

  private async guard(what: string, work: () => Promise<void>): Promise<boolean> {
    if (!this.redis.ready) {
      this.logger.debug(`Redis is unavailable; did not ${what} (the reconciler will)`);
      return false;
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer from Redis within ${ENQUEUE_TIMEOUT_MS} ms`)), ENQUEUE_TIMEOUT_MS);
    });
    try {
      await Promise.race([work(), timeout]);
      return true;
    } catch (e) {
      this.logger.warn(`Could not ${what}: ${(e as Error).message}; the reconciler will`);
      return false;
    } finally {
      clearTimeout(timer);
    }
  }
}
