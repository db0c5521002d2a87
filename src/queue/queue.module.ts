import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DiscoveryModule } from '@nestjs/core';
import type { Env } from '../config/env.js';
import { JobQueues } from './job-queues.service.js';
import { DEFAULT_JOB_OPTIONS, QueueName } from './queue.constants.js';
import { QueueWorkers } from './queue-workers.service.js';
import { RedisConnections } from './redis-connections.js';
import { RedisModule } from './redis.module.js';

/**
 * BullMQ on the process's Redis connections, keys under REDIS_PREFIX. Workers are registered by
 * QueueWorkers (manual registration), so WORKERS=false gives an API-only process.
 */
@Global()
@Module({
  imports: [
    RedisModule,
    DiscoveryModule,
    BullModule.forRootAsync({
      imports: [RedisModule],
      inject: [ConfigService, RedisConnections],
      useFactory: (config: ConfigService<Env, true>, redis: RedisConnections) => ({
        connection: redis.producer,
        prefix: config.get('REDIS_PREFIX', { infer: true }),
        defaultJobOptions: DEFAULT_JOB_OPTIONS,
      }),
      extraOptions: { manualRegistration: true },
    }),
    BullModule.registerQueue({ name: QueueName.REMINDERS }, { name: QueueName.DELIVERIES }, { name: QueueName.MAINTENANCE }),
  ],
  providers: [JobQueues, QueueWorkers],
  exports: [JobQueues, RedisModule],
})
export class QueueModule {}
