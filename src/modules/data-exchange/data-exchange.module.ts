import { getQueueToken } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { MulterModule } from '@nestjs/platform-express';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { tmpdir } from 'node:os';
import type { Env } from '../../config/env.js';
import { DEFAULT_JOB_OPTIONS } from '../../queue/queue.constants.js';
import { RedisConnections } from '../../queue/redis-connections.js';
import { BuildingsModule } from '../buildings/buildings.module.js';
import { CompaniesModule } from '../companies/companies.module.js';
import { LeadsModule } from '../leads/leads.module.js';
import { ProjectsModule } from '../projects/projects.module.js';
import { ImportJob } from './import-job.entity.js';
import { IMPORTS_QUEUE, ImportJobsService } from './import-jobs.service.js';
import { CompaniesImporter } from './importers/companies.importer.js';
import { LeadsImporter } from './importers/leads.importer.js';
import { ProjectsImporter } from './importers/projects.importer.js';
import { UnitsImporter } from './importers/units.importer.js';
import { ImportsController } from './imports.controller.js';
import { ImportsProcessor } from './imports.processor.js';
import { ImportsService } from './imports.service.js';
import { TemplatesService } from './templates.service.js';

/**
 * Imports from Excel and CSV (directly, or as background jobs on the imports queue) and their templates. (Exports live with each list's controller, as
 * GET /api/v1/<kind>/export.xlsx|.csv, written by sheet/table-writer.ts.) Uploads go to a temporary
 * file, read as a stream and removed when the import ends.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([ImportJob]),
    CompaniesModule,
    LeadsModule,
    ProjectsModule,
    BuildingsModule,
    MulterModule.registerAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<Env, true>) => ({
        dest: tmpdir(),
        limits: { fileSize: config.get('IMPORT_MAX_FILE_MB', { infer: true }) * 1024 * 1024, files: 1, fields: 10 },
        defParamCharset: 'utf8',
      }),
    }),
  ],
  controllers: [ImportsController],
  providers: [
    {
      // The imports queue on the process's producer connection, with its error listener attached at
      // once: while Redis is away the connection reports errors before any service could listen.
      provide: getQueueToken(IMPORTS_QUEUE),
      inject: [RedisConnections, ConfigService],
      useFactory: (redis: RedisConnections, config: ConfigService<Env, true>): Queue => {
        const queue = new Queue(IMPORTS_QUEUE, { connection: redis.producer, prefix: config.get('REDIS_PREFIX', { infer: true }), defaultJobOptions: DEFAULT_JOB_OPTIONS });
        queue.on('error', () => undefined);
        return queue;
      },
    },
    ImportsService,
    ImportJobsService, ImportsProcessor, TemplatesService, CompaniesImporter, LeadsImporter, ProjectsImporter, UnitsImporter],
})
export class DataExchangeModule {}
