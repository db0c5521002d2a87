import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { createLogger } from './common/logging/logger.js';
import { envOrExit } from './config/env.js';
import { exitOnStartFailure, exitUnlessDatabaseUsable } from './database/startup-check.js';

/**
 * `npm run worker`: a process that runs only the queue workers (reminders, deliveries, the
 * reconciler and the scans), no HTTP server. Pair it with API instances started with WORKERS=false;
 * any number of each may share one database and one Redis.
 */
async function bootstrap(): Promise<void> {
  // Before the app module is loaded: the configuration is read when it is.
  process.env.WORKERS = 'true';
  const env = envOrExit();
  exitUnlessDatabaseUsable(env);
  const logger = createLogger(env.LOG_LEVEL);
  const { AppModule } = await import('./app.module.js');
  try {
    const app = await NestFactory.createApplicationContext(AppModule, { logger, abortOnError: false });
    app.enableShutdownHooks();
  } catch (e) {
    exitOnStartFailure(env, e);
  }
  logger.log('Worker running (no HTTP server); stop it with SIGTERM to let running jobs finish', 'Worker');
}

void bootstrap();
