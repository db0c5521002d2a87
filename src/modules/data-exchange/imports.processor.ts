import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { IMPORT_WORKER_OPTIONS, ImportJobData, IMPORTS_QUEUE, ImportJobsService } from './import-jobs.service.js';

/** Runs background imports, one at a time per worker process (an import is already batched). */
@Processor(IMPORTS_QUEUE, IMPORT_WORKER_OPTIONS)
export class ImportsProcessor extends WorkerHost {
  constructor(private readonly jobs: ImportJobsService) {
    super();
  }

  async process(job: Job<ImportJobData>): Promise<void> {
    await this.jobs.run(job.data.importJobId);
  }
}
