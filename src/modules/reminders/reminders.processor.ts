import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { DelayedError, type Job } from 'bullmq';
import { QueueName, ReminderJobData, WORKER_OPTIONS } from '../../queue/queue.constants.js';
import { RemindersService } from './reminders.service.js';

/** Fires reminders when their delayed job comes due; a reminder rescheduled later sends its job back to wait. */
@Processor(QueueName.REMINDERS, WORKER_OPTIONS[QueueName.REMINDERS])
export class RemindersProcessor extends WorkerHost {
  private readonly logger = new Logger('Reminders');

  constructor(private readonly reminders: RemindersService) {
    super();
  }

  async process(job: Job<ReminderJobData>, token?: string): Promise<string> {
    const outcome = await this.reminders.fire(job.data.reminderId, new Date());
    if (outcome.kind === 'NOT_YET') {
      await job.moveToDelayed(outcome.dueAt.getTime(), token);
      throw new DelayedError();
    }
    return outcome.kind;
  }

  @OnWorkerEvent('failed')
  async onFailed(job: Job<ReminderJobData> | undefined, error: Error): Promise<void> {
    if (!job || job.attemptsMade < (job.opts.attempts ?? 1)) return;
    await this.reminders.markFailed(job.data.reminderId, error.message).catch((e: Error) => this.logger.error(`Could not mark reminder ${job.data.reminderId} FAILED: ${e.message}`));
  }
}
