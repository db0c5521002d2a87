import 'reflect-metadata';
import { envOrExit } from '../config/env.js';
import { dataSourceOptions } from '../database/data-source-options.js';
import { migratedDataSource } from '../database/migrate.js';

/**
 * npm run migration:run — applies pending migrations to the configured database and exits, without
 * starting the service (the service also migrates at every start; this is for deploy pipelines).
 * SQLITE_PATH (default ./data/crm.sqlite), or DATABASE_URL (+ DATABASE_SCHEMA).
 */
async function main(): Promise<void> {
  const env = envOrExit();
  const options = dataSourceOptions({ sqlitePath: env.SQLITE_PATH, databaseUrl: env.DATABASE_URL, schema: env.DATABASE_SCHEMA });
  const dataSource = await migratedDataSource(options);
  const applied = (await dataSource.query('SELECT COUNT(*) AS n FROM migrations')) as { n: unknown }[];
  console.log(`Migrations up to date (${String(applied[0]?.n)} applied) on ${env.DATABASE_URL ? 'PostgreSQL' : env.SQLITE_PATH}.`);
  await dataSource.destroy();
}

main().catch((e: unknown) => {
  console.error((e as Error).message);
  process.exit(1);
});
