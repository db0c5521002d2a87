import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { DataSource } from 'typeorm';

/**
 * Boots the real AppModule, as main.ts does, on a database of its own: a fresh SQLite file, or a
 * fresh schema of the PostgreSQL in DATABASE_URL (the PostgreSQL pass, `npm run test:pg`).
 * Redis keys get a prefix of their own, so parallel runs never see each other's jobs.
 */
export interface TestApp {
  app: INestApplication;
  http: ReturnType<INestApplication['getHttpServer']>;
  dataSource: DataSource;
  /** Close the app, keep the database (to boot again on it). */
  stop(): Promise<void>;
  /** Boot a second app on the same database. */
  restart(): Promise<TestApp>;
  /** Close the app and drop its database. */
  close(): Promise<void>;
}

export const ON_POSTGRES = Boolean(process.env.DATABASE_URL);

interface Place {
  env: Record<string, string>;
  drop(): Promise<void>;
}

async function newPlace(overrides: Record<string, string>): Promise<Place> {
  const tag = `t${process.pid}_${randomBytes(4).toString('hex')}`;
  const common = {
    REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
    REDIS_PREFIX: `test-${tag}`,
    ADMIN_PASSWORD: 'admin-password-for-tests',
    LOG_LEVEL: 'silent',
    ...overrides,
  };
  if (ON_POSTGRES) {
    const url = process.env.DATABASE_URL as string;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`CREATE SCHEMA ${tag}`);
    await client.end();
    return {
      env: { ...common, DATABASE_SCHEMA: tag },
      drop: async () => {
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        await c.query(`DROP SCHEMA IF EXISTS ${tag} CASCADE`);
        await c.end();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'heping-test-'));
  return {
    env: { ...common, SQLITE_PATH: join(dir, 'crm.sqlite') },
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

async function boot(place: Place): Promise<TestApp> {
  Object.assign(process.env, place.env);
  const { AppModule } = await import('../../src/app.module.js');
  const { configureApp } = await import('../../src/app.setup.js');
  const { DataSource: DS } = await import('typeorm');
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: false });
  configureApp(app, { bodyLimit: '1mb' });
  await app.init();
  const stop = async (): Promise<void> => {
    await app.close();
  };
  return {
    app,
    http: app.getHttpServer(),
    dataSource: app.get(DS),
    stop,
    restart: () => boot(place),
    close: async () => {
      await stop();
      await place.drop();
    },
  };
}

/** `env` overrides variables for this app only (e.g. a REDIS_URL where nothing listens). */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  return boot(await newPlace(env));
}
