import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { JobName, QueueName, WORKER_OPTIONS } from '../../queue/queue.constants.js';
import { ProblemEscalationService } from '../supervision/problem-escalation.service.js';
import { LeadPoolService } from '../leads/lead-pool.service.js';
import { BackupsService } from './backups.service.js';
import { Reconciler } from './reconciler.service.js';
import { ScansService } from './scans.service.js';

/** Runs the reconciler and the scheduled scans, one at a time per worker process. */
@Processor(QueueName.MAINTENANCE, WORKER_OPTIONS[QueueName.MAINTENANCE])
export class MaintenanceProcessor extends WorkerHost {
  constructor(
    private readonly reconciler: Reconciler,
    private readonly scans: ScansService,
    private readonly problems: ProblemEscalationService,
    private readonly leadPool: LeadPoolService,
    private readonly backups: BackupsService,
  ) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    const now = new Date();
    switch (job.name as JobName) {
      case JobName.RECONCILE:
        return this.reconciler.reconcile(now);
      case JobName.SCAN_FOLLOW_UPS:
        return this.scans.followUps(now);
      case JobName.SCAN_STALE_PROJECTS:
        return this.scans.staleProjects(now);
      case JobName.SCAN_VACANCY_FRESHNESS:
        return this.scans.vacancyFreshness(now);
      case JobName.SCAN_LEASE_EXPIRY:
        return this.scans.leaseExpiry(now);
      case JobName.WEEKLY_DIGEST:
        return this.scans.weeklyDigest(now);
      case JobName.SCAN_OVERDUE_PROBLEMS:
        return this.problems.scan(now);
      case JobName.SCAN_LEAD_POOL:
        return this.leadPool.scan(now);
      case JobName.VACANCY_SNAPSHOT:
        return this.scans.monthEndSnapshot(now);
      case JobName.BACKUP:
        return this.backups.run();
      default:
        throw new Error(`No handler for maintenance job ${job.name}`);
    }
  }
}
