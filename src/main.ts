import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module.js';
import { configureApp } from './app.setup.js';
import { createLogger } from './common/logging/logger.js';
import { envOrExit } from './config/env.js';
import { exitOnStartFailure, exitUnlessDatabaseUsable } from './database/startup-check.js';

async function bootstrap(): Promise<void> {
  const env = envOrExit();
  // A full disk, a read-only mount or a wrong SQLITE_PATH: one line naming it, not a stack.
  exitUnlessDatabaseUsable(env);
  const logger = createLogger(env.LOG_LEVEL);
  try {
    const app = await NestFactory.create<NestExpressApplication>(AppModule, { logger, bodyParser: false, abortOnError: false });
    configureApp(app, { bodyLimit: env.BODY_LIMIT, corsOrigins: env.CORS_ORIGINS });
    await app.listen(env.PORT);
  } catch (e) {
    exitOnStartFailure(env, e);
  }
  logger.log(`Listening on http://localhost:${env.PORT} — API /api/v1, docs /docs, health /health`, 'Main');
}

void bootstrap();
