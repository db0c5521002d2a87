import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module.js';
import { configureApp } from './app.setup.js';
import { createLogger } from './common/logging/logger.js';
import { envOrExit } from './config/env.js';

async function bootstrap(): Promise<void> {
  const env = envOrExit();
  const logger = createLogger(env.LOG_LEVEL);
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { logger, bodyParser: false });
  configureApp(app, { bodyLimit: env.BODY_LIMIT, corsOrigins: env.CORS_ORIGINS });
  await app.listen(env.PORT);
  logger.log(`Listening on http://localhost:${env.PORT} — API /api/v1, docs /docs, health /health`, 'Main');
}

void bootstrap();
