import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Redis, RedisOptions } from 'ioredis';
import type { Env } from '../config/env.js';

/** Reconnect every 0.5 s, 1 s, … up to 5 s while Redis is away, so queued work resumes soon after it returns. */
const retryStrategy = (times: number): number => Math.min(times * 500, 5000);
/** A socket still connecting at shutdown is destroyed after this (ioredis waits 2 s by default). */
const disconnectTimeout = 200;

/**
 * The process's Redis connections. `producer` serves the queues' producers, the health probe and Bull
 * Board: no offline queue, so a command fails at once while Redis is away instead of hanging a
 * request. `worker` is shared by the workers (BullMQ needs `maxRetriesPerRequest: null` there; each
 * worker adds a blocking duplicate of its own) and is only opened in a process that runs workers.
 */
@Injectable()
export class RedisConnections implements OnApplicationShutdown {
  readonly producer: Redis;
  private workerConnection?: Redis;
  private readonly url: string;

  constructor(config: ConfigService<Env, true>) {
    this.url = config.get('REDIS_URL', { infer: true });
    this.producer = new Redis(this.url, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 2000,
      retryStrategy,
      disconnectTimeout,
    });
    // Errors are reported once per outage by RedisProbe; without a listener ioredis prints each retry.
    this.producer.on('error', () => undefined);
    this.producer.connect().catch(() => undefined);
  }

  get worker(): Redis {
    if (!this.workerConnection) {
      const options: RedisOptions = { maxRetriesPerRequest: null, connectTimeout: 2000, retryStrategy, disconnectTimeout };
      this.workerConnection = new Redis(this.url, options);
      this.workerConnection.on('error', () => undefined);
    }
    return this.workerConnection;
  }

  /** Whether a command sent now would reach Redis (no waiting for a reconnect). */
  get ready(): boolean {
    return this.producer.status === 'ready';
  }

  get workerReady(): boolean {
    return this.workerConnection?.status === 'ready';
  }

  /** Calls `listener` whenever the producer connection becomes ready: at start and after every outage. */
  onReady(listener: () => void): () => void {
    this.producer.on('ready', listener);
    return () => this.producer.off('ready', listener);
  }

  /** Last: the workers and queues close in beforeApplicationShutdown / onApplicationShutdown first. */
  onApplicationShutdown(): void {
    this.producer.disconnect();
    this.workerConnection?.disconnect();
  }
}
