import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../auth/permissions.js';
import { RedisProbe } from './redis-probe.service.js';

export interface HealthResponse {
  status: 'ok' | 'degraded';
  db: 'up' | 'down';
  redis: 'up' | 'down';
}

@ApiTags('health')
@Controller('health')
@Public()
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly redis: RedisProbe,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Database and Redis status; 200 while the database is up, 503 when it is down' })
  async health(@Res({ passthrough: true }) res: Response): Promise<HealthResponse> {
    const [db, redis] = await Promise.all([this.dbUp(), this.redis.isUp()]);
    const body: HealthResponse = {
      status: db && redis ? 'ok' : 'degraded',
      db: db ? 'up' : 'down',
      redis: redis ? 'up' : 'down',
    };
    if (!db) res.status(HttpStatus.SERVICE_UNAVAILABLE);
    return body;
  }

  private async dbUp(): Promise<boolean> {
    try {
      await this.dataSource.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }
}
