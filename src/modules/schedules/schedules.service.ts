import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Env } from '../../config/env.js';
import { JobQueues } from '../../queue/job-queues.service.js';
import { JobName } from '../../queue/queue.constants.js';
import { RedisConnections } from '../../queue/redis-connections.js';
import { BackupsService } from './backups.service.js';

export interface Schedule {
  /** The job scheduler's id (upserted, so restarts and several instances keep one of each). */
  id: string;
  job: JobName;
  /** Cron in the district's time zone, or a fixed interval. */
  pattern?: string;
  everyMs?: number;
  what: string;
}

/**
 * The recurring work, as BullMQ job schedulers on the maintenance queue (times in TZ_DISTRICT,
 * Asia/Shanghai). Upserted whenever Redis becomes ready — at start and after an outage, which may
 * have lost them — together with a reconcile request.
 */
@Injectable()
export class SchedulesService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Schedules');
  private unsubscribe?: () => void;

  constructor(
    private readonly jobs: JobQueues,
    private readonly redis: RedisConnections,
    private readonly config: ConfigService<Env, true>,
    private readonly backups: BackupsService,
  ) {}

  schedules(): Schedule[] {
    return [
      { id: 'reconcile', job: JobName.RECONCILE, everyMs: this.config.get('RECONCILE_INTERVAL_MS', { infer: true }), what: 're-enqueue missing reminder and delivery jobs' },
      { id: 'follow-ups', job: JobName.SCAN_FOLLOW_UPS, pattern: '*/15 * * * *', what: 'follow-ups due without a reminder, every 15 minutes' },
      { id: 'stale-projects', job: JobName.SCAN_STALE_PROJECTS, pattern: '0 9 * * *', what: 'projects without activity, daily 09:00' },
      { id: 'vacancy-freshness', job: JobName.SCAN_VACANCY_FRESHNESS, pattern: '0 9 * * *', what: 'buildings whose vacancy is not current, daily 09:00' },
      { id: 'lease-expiry', job: JobName.SCAN_LEASE_EXPIRY, pattern: '30 8 * * *', what: 'leases ending within the window, daily 08:30' },
      { id: 'weekly-digest', job: JobName.WEEKLY_DIGEST, pattern: '0 9 * * 1', what: 'leaders’ digest, Mondays 09:00' },
      { id: 'overdue-problems', job: JobName.SCAN_OVERDUE_PROBLEMS, pattern: '0 9 * * *', what: 'problems past their deadline (督办), daily 09:00' },
      { id: 'lead-pool', job: JobName.SCAN_LEAD_POOL, pattern: '0 8 * * *', what: 'idle leads back to the pool (公海), their owners warned before, daily 08:00' },
      { id: 'vacancy-snapshot', job: JobName.VACANCY_SNAPSHOT, pattern: '30 0 1 * *', what: 'last month’s vacancy snapshots, the 1st at 00:30' },
      ...(this.backups.scheduled()
        ? [{ id: 'backup', job: JobName.BACKUP, pattern: this.config.get('BACKUP_SCHEDULE', { infer: true }), what: 'backup of the SQLite database into BACKUP_DIR, daily 03:00 by default' }]
        : []),
    ];
  }

  onApplicationBootstrap(): void {
    this.unsubscribe = this.redis.onReady(() => void this.onRedisReady());
    if (this.redis.ready) void this.onRedisReady();
  }

  onApplicationShutdown(): void {
    this.unsubscribe?.();
  }

  /** Upserts every scheduler and asks for a reconcile. Never throws: a failure waits for the next ready. */
  async onRedisReady(): Promise<void> {
    try {
      await this.upsertAll();
      await this.jobs.requestReconcile();
    } catch (e) {
      this.logger.warn(`Could not put the job schedulers in place: ${(e as Error).message}`);
    }
  }

  async upsertAll(): Promise<void> {
    const tz = this.config.get('TZ_DISTRICT', { infer: true });
    // Backups switched off (or PostgreSQL): a scheduler an earlier start put in place goes.
    if (!this.backups.scheduled()) await this.jobs.maintenance.removeJobScheduler('backup');
    for (const s of this.schedules()) {
      await this.jobs.maintenance.upsertJobScheduler(s.id, s.pattern ? { pattern: s.pattern, tz } : { every: s.everyMs }, {
        name: s.job,
        data: {},
        opts: { attempts: 3, backoff: { type: 'exponential', delay: 60_000 } },
      });
    }
  }
}
