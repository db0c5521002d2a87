import { BullRegistrar, WorkerHost } from '@nestjs/bullmq';
import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DiscoveryService } from '@nestjs/core';
import type { Worker } from 'bullmq';
import type { Env } from '../config/env.js';
import { QueueName, WORKER_OPTIONS } from './queue.constants.js';
import { RedisConnections } from './redis-connections.js';

/**
 * Starts the workers of every @Processor in this process, unless WORKERS=false (an API-only
 * instance; `npm run worker` starts a process that runs only the workers). On shutdown the workers
 * finish their current jobs before the database closes; while Redis is away they close at once
 * (a graceful close would wait for a reconnect forever), and their jobs return to the queue when
 * their locks expire.
 */
@Injectable()
export class QueueWorkers implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Workers');
  private workers: Worker[] = [];

  constructor(
    private readonly config: ConfigService<Env, true>,
    private readonly redis: RedisConnections,
    private readonly registrar: BullRegistrar,
    private readonly discovery: DiscoveryService,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.get('WORKERS', { infer: true }) !== 'true') {
      this.logger.log('WORKERS=false: this process enqueues jobs but runs no workers');
      return;
    }
    const tuning = {
      connection: this.redis.worker,
      lockDuration: this.config.get('QUEUE_LOCK_MS', { infer: true }),
      stalledInterval: this.config.get('QUEUE_STALLED_MS', { infer: true }),
    };
    for (const queue of Object.values(QueueName)) Object.assign(WORKER_OPTIONS[queue], tuning);
    this.registrar.register();
    this.workers = this.discovery
      .getProviders()
      .map((wrapper) => wrapper.instance as unknown)
      .filter((instance): instance is WorkerHost => instance instanceof WorkerHost)
      .map((host) => host.worker);
    // Outages are logged once by RedisProbe; a worker reports each failed reconnect.
    for (const worker of this.workers) worker.on('error', () => undefined);
    this.logger.log(`Workers running for ${this.workers.map((w) => w.name).join(', ')}`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    const force = !this.redis.workerReady;
    await Promise.all(this.workers.map((w) => w.close(force)));
  }
}
