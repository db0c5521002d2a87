import { Injectable, Logger } from '@nestjs/common';
import { RedisConnections } from '../../queue/redis-connections.js';

/**
 * Watches the queue's Redis. The service runs without it (the database is the source of truth),
 * so a missing Redis is logged once per outage and reported by /health, never fatal.
 */
@Injectable()
export class RedisProbe {
  private readonly logger = new Logger('Redis');
  private wasUp: boolean | null = null;

  constructor(private readonly redis: RedisConnections) {
    redis.producer.on('ready', () => this.report(true));
    redis.producer.on('error', (e: Error) => this.report(false, e.message));
  }

  private report(up: boolean, why?: string): void {
    if (this.wasUp === up) return;
    this.wasUp = up;
    if (up) this.logger.log('Redis is up');
    else this.logger.warn(`Redis is unavailable (${why ?? 'no connection'}); the service keeps running, queued work waits for it`);
  }

  async isUp(): Promise<boolean> {
    if (!this.redis.ready) return false;
    try {
      const pong = await Promise.race([
        this.redis.producer.ping(),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), 1000).unref()),
      ]);
      return pong === 'PONG';
    } catch {
      return false;
    }
  }
}
