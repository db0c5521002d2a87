import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import type Database from 'better-sqlite3';
import { ENTITIES } from './entities.js';
import { MIGRATIONS } from './migrations/index.js';
import { QueryLogger } from './query-logger.js';

export interface DatabaseSettings {
  sqlitePath: string;
  databaseUrl?: string;
  schema?: string;
  /** How long a statement waits for a lock another connection holds before it fails (503), ms (DB_LOCK_TIMEOUT_MS). */
  lockTimeoutMs?: number;
}

/** The default of DB_LOCK_TIMEOUT_MS: how long a statement waits for another connection's lock (ms). */
export const DEFAULT_LOCK_TIMEOUT_MS = 5000;

/**
 * The data source: PostgreSQL when DATABASE_URL is set, else the embedded SQLite file.
 * `synchronize` is always off; the schema comes only from migrations, run at start.
 */
export function dataSourceOptions(settings: DatabaseSettings): DataSourceOptions {
  const lockTimeoutMs = settings.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS;
  const common = {
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: false,
    synchronize: false,
    logging: ['error', 'warn'] as ('error' | 'warn')[],
    // Through the app's logger, without query parameters (they carried password hashes and phone numbers).
    logger: new QueryLogger(['error', 'warn']),
  };
  if (settings.databaseUrl) {
    return {
      ...common,
      type: 'postgres',
      url: settings.databaseUrl,
      schema: settings.schema,
      // search_path too, so hand-written SQL (reports, the demo generator) sees the same schema.
      // lock_timeout: a lock held elsewhere past DB_LOCK_TIMEOUT_MS fails the statement (55P03, answered 503).
      extra: { max: 10, options: [`-c lock_timeout=${lockTimeoutMs}`, ...(settings.schema ? [`-c search_path=${settings.schema}`] : [])].join(' ') },
    };
  }
  if (settings.sqlitePath !== ':memory:') mkdirSync(dirname(settings.sqlitePath), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: settings.sqlitePath,
    // busy_timeout: another process's write lock held past DB_LOCK_TIMEOUT_MS fails the statement (SQLITE_BUSY, answered 503).
    timeout: lockTimeoutMs,
    prepareDatabase: (db: Database.Database) => {
      db.pragma('journal_mode = WAL');
      // FULL: a committed write survives a power cut, which an office's record of funds in place needs.
      db.pragma('synchronous = FULL');
      db.pragma(`busy_timeout = ${lockTimeoutMs}`);
      db.pragma('foreign_keys = ON');
    },
  };
}
