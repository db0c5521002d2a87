import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { DatabaseStatus } from '../../database/write-guard.js';
import { Public } from '../auth/permissions.js';
import { RedisProbe } from './redis-probe.service.js';

export class HealthResponse {
  @ApiProperty({ enum: ['ok', 'degraded'], description: 'degraded: the database or Redis is down' }) status: 'ok' | 'degraded';
  @ApiProperty({ enum: ['up', 'down'] }) db: 'up' | 'down';
  @ApiProperty({ enum: ['up', 'down'] }) redis: 'up' | 'down';
}

@ApiTags('health')
@Controller('health')
@Public()
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly redis: RedisProbe,
    private readonly status: DatabaseStatus,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Database and Redis status; 200 while the database is up, 503 when it is down or cannot save (writes failing: disk full, read-only)' })
  @ApiOkResponse({ type: HealthResponse, description: 'the database is up (Redis may not be)' })
  @ApiServiceUnavailableResponse({ type: HealthResponse, description: 'the database is down, or writes fail (disk full, read-only)' })
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
    // A full disk still answers SELECT 1: writes that fail for lack of storage say more.
    if (this.status.failing()) return false;
    try {
      await this.dataSource.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }
}
