import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { DataSourceOptions } from 'typeorm';
import { AllExceptionsFilter } from './common/errors/all-exceptions.filter.js';
import { RequestLogMiddleware } from './common/logging/request-log.middleware.js';
import { createValidationPipe } from './common/validation/validation.pipe.js';
import { Env, validateEnv } from './config/env.js';
import { DatabaseModule } from './database/database.module.js';
import { dataSourceOptions } from './database/data-source-options.js';
import { migratedDataSource } from './database/migrate.js';
import { guardWrites } from './database/write-guard.js';
import { AppBootstrap } from './app.bootstrap.js';
import { AuditModule } from './modules/audit/audit.module.js';
import { AuthModule } from './modules/auth/auth.module.js';
import { BuildingsModule } from './modules/buildings/buildings.module.js';
import { DataExchangeModule } from './modules/data-exchange/data-exchange.module.js';
import { CompaniesModule } from './modules/companies/companies.module.js';
import { HealthModule } from './modules/health/health.module.js';
import { LeadsModule } from './modules/leads/leads.module.js';
import { NotificationsModule } from './modules/notifications/notifications.module.js';
import { ProgressModule } from './modules/progress/progress.module.js';
import { ProjectsModule } from './modules/projects/projects.module.js';
import { ReferenceModule } from './modules/reference/reference.module.js';
import { RemindersModule } from './modules/reminders/reminders.module.js';
import { SchedulesModule } from './modules/schedules/schedules.module.js';
import { SupervisionModule } from './modules/supervision/supervision.module.js';
import { TaggingModule } from './modules/tagging/tagging.module.js';
import { UsersModule } from './modules/users/users.module.js';
import { WorkbenchModule } from './modules/workbench/workbench.module.js';
import { QueueModule } from './queue/queue.module.js';

@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, validate: validateEnv }),
    TypeOrmModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<Env, true>) => ({
        ...dataSourceOptions({
          sqlitePath: config.get('SQLITE_PATH', { infer: true }),
          databaseUrl: config.get('DATABASE_URL', { infer: true }),
          schema: config.get('DATABASE_SCHEMA', { infer: true }),
          lockTimeoutMs: config.get('DB_LOCK_TIMEOUT_MS', { infer: true }),
        }),
        retryAttempts: 2,
        retryDelay: 1000,
        // A SQLite file that cannot be used will not become usable in a second (main.ts reports it in one line).
        toRetry: () => !!config.get('DATABASE_URL', { infer: true }),
      }),
      // Migrations run at every start, under a lock on PostgreSQL (several instances may start at once);
      // then writes are guarded (database/write-guard.ts): never acknowledged unless committed.
      dataSourceFactory: async (options) => {
        const dataSource = await migratedDataSource(options as DataSourceOptions);
        guardWrites(dataSource);
        return dataSource;
      },
    }),
    DatabaseModule,
    QueueModule,
    HealthModule,
    AuditModule,
    AuthModule,
    UsersModule,
    ReferenceModule,
    CompaniesModule,
    ProjectsModule,
    BuildingsModule,
    LeadsModule,
    DataExchangeModule,
    TaggingModule,
    ProgressModule,
    NotificationsModule,
    RemindersModule,
    SchedulesModule,
    WorkbenchModule,
    SupervisionModule,
  ],
  providers: [
    { provide: APP_PIPE, useFactory: createValidationPipe },
    { provide: APP_FILTER, useClass: AllExceptionsFilter },
    AppBootstrap,
  ],
})
export class AppModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestLogMiddleware).forRoutes('*path');
  }
}
