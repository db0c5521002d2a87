import { Global, Module } from '@nestjs/common';
import { RedisModule } from '../../queue/redis.module.js';
import { HealthController } from './health.controller.js';
import { RedisProbe } from './redis-probe.service.js';

@Global()
@Module({
  imports: [RedisModule],
  controllers: [HealthController],
  providers: [RedisProbe],
  exports: [RedisProbe],
})
export class HealthModule {}
