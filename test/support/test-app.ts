import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { Redis } from 'ioredis';
import { join } from 'node:path';
import pg from 'pg';
import request from 'supertest';
import type { DataSource } from 'typeorm';

/**
 * Boots the real AppModule, as main.ts does, on a database of its own: a fresh SQLite file, or a
 * fresh schema of the PostgreSQL in DATABASE_URL (the PostgreSQL pass, `npm run test:pg`).
 * Redis keys get a prefix of their own, so parallel runs never see each other's jobs.
 */
/** An HTTP client that sends a user's bearer token with every request. */
export type Client = ReturnType<typeof request.agent>;

export interface TestUser {
  id: string;
  username: string;
  role: string;
  token: string;
  api: Client;
}

export const TEST_PASSWORD = 'test-password-2026';
/** The first admin's password (the password policy refuses one that contains "admin"). */
export const ADMIN_TEST_PASSWORD = 'first-operator-secret-2026';

export interface TestApp {
  app: INestApplication;
  /** The first admin, signed in. */
  admin: TestUser;
  /** Creates a user (as the admin) and signs them in. */
  newUser(role: 'ADMIN' | 'OFFICER' | 'BUILDING_MANAGER' | 'LEADER' | 'DEPARTMENT', extra?: Record<string, unknown>): Promise<TestUser>;
  /** Signs in and returns the token (throws unless 200). */
  login(username: string, password: string): Promise<TestUser>;
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

/** Removes the keys a test app left under its prefix (its jobs and job schedulers); best effort. */
export async function dropRedisKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, connectTimeout: 500, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } catch {
    // Redis is not there (a test stopped it): nothing to clean.
  } finally {
    redis.disconnect();
  }
}

async function newPlace(overrides: Record<string, string>): Promise<Place> {
  const tag = `t${process.pid}_${randomBytes(4).toString('hex')}`;
  const common = {
    REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
    REDIS_PREFIX: `test-${tag}`,
    ADMIN_PASSWORD: ADMIN_TEST_PASSWORD,
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
        await dropRedisKeys(common.REDIS_URL, common.REDIS_PREFIX);
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'heping-test-'));
  return {
    env: { ...common, SQLITE_PATH: join(dir, 'crm.sqlite') },
    drop: async () => {
      rmSync(dir, { recursive: true, force: true });
      await dropRedisKeys(common.REDIS_URL, common.REDIS_PREFIX);
    },
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
  const http = app.getHttpServer();
  const login = async (username: string, password: string): Promise<TestUser> => {
    const res = await request(http).post('/api/v1/auth/login').send({ username, password });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
    const token: string = res.body.accessToken;
    return { ...res.body.user, token, api: request.agent(http).set('Authorization', `Bearer ${token}`) };
  };
  const admin = await login('admin', place.env.ADMIN_PASSWORD);
  let counter = 0;
  const newUser: TestApp['newUser'] = async (role, extra = {}) => {
    const username = `${role.toLowerCase().replace('_', '-')}${++counter}.${randomBytes(2).toString('hex')}`;
    const res = await admin.api.post('/api/v1/users').send({ username, password: TEST_PASSWORD, displayName: `测试${role}`, role, ...extra });
    if (res.status !== 201) throw new Error(`newUser ${role}: ${res.status} ${JSON.stringify(res.body)}`);
    return login(username, TEST_PASSWORD);
  };
  return {
    app,
    admin,
    newUser,
    login,
    http,
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
