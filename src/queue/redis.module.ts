import { Module } from '@nestjs/common';
import { RedisConnections } from './redis-connections.js';

/** The Redis connections of this process, shared by the queues, the workers and the health probe. */
@Module({ providers: [RedisConnections], exports: [RedisConnections] })
export class RedisModule {}
