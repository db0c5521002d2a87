import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { DeliveryJobData, QueueName, WORKER_OPTIONS } from '../../queue/queue.constants.js';
import { DeliveriesService } from './deliveries.service.js';

/** Sends channel deliveries; a failure is retried with exponential backoff up to DELIVERY_ATTEMPTS. */
@Processor(QueueName.DELIVERIES, WORKER_OPTIONS[QueueName.DELIVERIES])
export class DeliveriesProcessor extends WorkerHost {
  constructor(private readonly deliveries: DeliveriesService) {
    super();
  }

  async process(job: Job<DeliveryJobData>): Promise<string> {
    const finalAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    return this.deliveries.deliver(job.data.deliveryId, finalAttempt);
  }
}
