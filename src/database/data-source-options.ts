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
}

/** How long a writer waits for another process's write lock before SQLITE_BUSY (ms). */
export const SQLITE_BUSY_TIMEOUT_MS = 5000;

/**
 * The data source: PostgreSQL when DATABASE_URL is set, else the embedded SQLite file.
 * `synchronize` is always off; the schema comes only from migrations, run at start.
 */
export function dataSourceOptions(settings: DatabaseSettings): DataSourceOptions {
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
      extra: { max: 10, ...(settings.schema && { options: `-c search_path=${settings.schema}` }) },
    };
  }
  if (settings.sqlitePath !== ':memory:') mkdirSync(dirname(settings.sqlitePath), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: settings.sqlitePath,
    timeout: SQLITE_BUSY_TIMEOUT_MS,
    prepareDatabase: (db: Database.Database) => {
      db.pragma('journal_mode = WAL');
      // FULL: a committed write survives a power cut, which an office's record of funds in place needs.
      db.pragma('synchronous = FULL');
      db.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
      db.pragma('foreign_keys = ON');
    },
  };
}
