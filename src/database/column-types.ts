import type { ColumnType } from 'typeorm';

/**
 * The few column types that differ between the two databases. Entities are decorated once per
 * process, so the kind is read from DATABASE_URL when this module loads (as the data source is).
 */
export const IS_POSTGRES = Boolean(process.env.DATABASE_URL);

/** An instant: timestamptz on PostgreSQL, datetime (UTC text) on SQLite. */
export const TIMESTAMP: ColumnType = IS_POSTGRES ? 'timestamptz' : 'datetime';

/** JSON documents (small tag lists): jsonb would index, but simple text keeps one migration for both. */
export const JSON_TEXT: ColumnType = 'simple-json';
