import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Redis } from 'ioredis';
import type { Env } from '../../config/env.js';

/**
 * Watches the queue's Redis. The service runs without it (the database is the source of truth),
 * so a missing Redis is logged once per outage and reported by /health, never fatal.
 */
@Injectable()
export class RedisProbe implements OnModuleDestroy {
  private readonly logger = new Logger('Redis');
  private readonly client: Redis;
  private wasUp: boolean | null = null;

  constructor(config: ConfigService<Env, true>) {
    const url = config.get('REDIS_URL', { infer: true });
    this.client = new Redis(url, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 2000,
      retryStrategy: (times) => Math.min(times * 500, 5000),
    });
    this.client.on('ready', () => this.report(true));
    this.client.on('error', (e: Error) => this.report(false, e.message));
    this.client.connect().catch(() => undefined);
  }

  private report(up: boolean, why?: string): void {
    if (this.wasUp === up) return;
    this.wasUp = up;
    if (up) this.logger.log('Redis is up');
    else this.logger.warn(`Redis is unavailable (${why ?? 'no connection'}); the service keeps running, queued work waits for it`);
  }

  async isUp(): Promise<boolean> {
    if (this.client.status !== 'ready') return false;
    try {
      const pong = await Promise.race([
        this.client.ping(),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), 1000).unref()),
      ]);
      return pong === 'PONG';
    } catch {
      return false;
    }
  }

  async onModuleDestroy(): Promise<void> {
    this.client.disconnect();
  }
}
