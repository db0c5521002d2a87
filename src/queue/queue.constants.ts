import type { JobsOptions, WorkerOptions } from 'bullmq';

/**
 * Every queue and job name, in one place. Queue names and job ids never contain ':' (BullMQ uses it
 * in its own keys); job ids are deterministic, so adding the same work twice is a no-op.
 */
export enum QueueName {
  /** One delayed job per reminder, due at its `dueAt`. */
  REMINDERS = 'reminders',
  /** One job per (notification, channel) delivery to a WeCom or DingTalk robot or a webhook. */
  DELIVERIES = 'deliveries',
  /** The reconciler, the scans and the other recurring work (job schedulers). */
  MAINTENANCE = 'maintenance',
}

export enum JobName {
  FIRE_REMINDER = 'fire-reminder',
  DELIVER = 'deliver',
  RECONCILE = 'reconcile',
  SCAN_FOLLOW_UPS = 'scan-follow-ups',
  SCAN_STALE_PROJECTS = 'scan-stale-projects',
  SCAN_VACANCY_FRESHNESS = 'scan-vacancy-freshness',
  SCAN_LEASE_EXPIRY = 'scan-lease-expiry',
  WEEKLY_DIGEST = 'weekly-digest',
  VACANCY_SNAPSHOT = 'vacancy-snapshot',
  SCAN_OVERDUE_PROBLEMS = 'scan-overdue-problems',
  SCAN_LEAD_POOL = 'scan-lead-pool',
  BACKUP = 'backup',
}

/** Job payloads carry ids only, never names, phone numbers or message texts. */
export interface ReminderJobData {
  reminderId: string;
}
export interface DeliveryJobData {
  deliveryId: string;
}

export const reminderJobId = (reminderId: string): string => `reminder-${reminderId}`;
export const deliveryJobId = (deliveryId: string): string => `delivery-${deliveryId}`;
/** The on-demand reconcile: one pending at a time across every instance sharing the Redis. */
export const RECONCILE_NOW_JOB_ID = 'reconcile-now';

/** Kept long enough to look at in Bull Board, bounded so Redis does not grow without end. */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  removeOnComplete: { count: 1000, age: 7 * 24 * 3600 },
  removeOnFail: { count: 5000, age: 30 * 24 * 3600 },
};

/** A reminder job only touches the database: a few quick retries cover a restarting database. */
export const REMINDER_JOB_ATTEMPTS = 5;
export const REMINDER_JOB_BACKOFF_MS = 1000;

/**
 * Worker options per queue, handed to @Processor() by reference. QueueWorkers fills in the worker
 * connection and the lock timings from the configuration just before it registers the workers
 * (manual registration), so the decorators stay static while the values come from the environment.
 */
export const WORKER_OPTIONS: Record<QueueName, Partial<WorkerOptions>> = {
  [QueueName.REMINDERS]: { concurrency: 5 },
  [QueueName.DELIVERIES]: { concurrency: 5 },
  [QueueName.MAINTENANCE]: { concurrency: 1 },
};
