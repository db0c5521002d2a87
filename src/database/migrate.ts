import { DataSource, type DataSourceOptions } from 'typeorm';

/**
 * Runs the pending migrations, all in one transaction. On PostgreSQL several instances may start at
 * the same moment against one database: a session advisory lock, keyed by the schema, lets one of
 * them migrate while the others wait and then find nothing pending. A named schema (DATABASE_SCHEMA)
 * is created when missing. (SQLite is one process's file;
 * its write lock already serialises the transaction.)
 */
export async function runMigrations(dataSource: DataSource): Promise<void> {
  if (dataSource.options.type !== 'postgres') {
    await dataSource.runMigrations({ transaction: 'all' });
    return;
  }
  const schema = (dataSource.options as { schema?: string }).schema;
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  const key = "hashtext('heping-crm migrations ' || $1)";
  try {
    await runner.query(`SELECT pg_advisory_lock(${key})`, [schema ?? 'public']);
    try {
      if (schema) await runner.query(`CREATE SCHEMA IF NOT EXISTS "${schema.replace(/"/g, '""')}"`);
      await dataSource.runMigrations({ transaction: 'all' });
    } finally {
      await runner.query(`SELECT pg_advisory_unlock(${key})`, [schema ?? 'public']);
    }
  } finally {
    await runner.release();
  }
}

/** A data source that is initialised and migrated, or destroyed again if migrating fails. */
export async function migratedDataSource(options: DataSourceOptions): Promise<DataSource> {
  const dataSource = await new DataSource(options).initialize();
  try {
    await runMigrations(dataSource);
  } catch (e) {
    await dataSource.destroy().catch(() => undefined);
    throw e;
  }
  return dataSource;
}
