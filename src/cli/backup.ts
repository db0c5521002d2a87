import 'reflect-metadata';
import { envOrExit } from '../config/env.js';
import { backupDirOf, backupSqlite, pruneBackups } from '../database/backup.js';

/**
 * npm run backup — copies the SQLite database (SQLITE_PATH) into BACKUP_DIR with SQLite's online
 * backup API, safe while the service runs, then removes backups older than BACKUP_KEEP_DAYS. Prints
 * the file written. On PostgreSQL (DATABASE_URL set) it refuses: use pg_dump (see README).
 */
async function main(): Promise<void> {
  const env = envOrExit();
  if (env.DATABASE_URL) {
    console.error('npm run backup copies the embedded SQLite database; with DATABASE_URL set, back up PostgreSQL with pg_dump or continuous archiving (see README, Backups).');
    process.exit(2);
  }
  const dir = backupDirOf(env);
  const started = Date.now();
  const { file, bytes } = await backupSqlite(env.SQLITE_PATH, dir);
  const removed = pruneBackups(dir, env.BACKUP_KEEP_DAYS);
  console.log(`Backup written: ${file} (${Math.round(bytes / 1024)} KB, ${Date.now() - started} ms, integrity_check ok)${removed.length ? `; removed ${removed.length} older than ${env.BACKUP_KEEP_DAYS} days` : ''}`);
}

main().catch((e: unknown) => {
  console.error(`Backup failed: ${(e as Error).message}`);
  process.exit(1);
});
