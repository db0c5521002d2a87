import 'reflect-metadata';
import { resolve } from 'node:path';
import { envOrExit } from '../config/env.js';
import { restoreSqlite } from '../database/backup.js';

const USAGE = `Usage: npm run restore -- FILE

Replaces the SQLite database at SQLITE_PATH with the backup FILE. Stop the service (and any worker)
first. FILE must pass PRAGMA integrity_check and hold only migrations this build knows (an older
backup is migrated forward when the service next starts); otherwise nothing is replaced. The
current database is kept as <SQLITE_PATH>.before-restore-<time>.`;

function main(): void {
  const file = process.argv[2];
  if (!file || file === '--help' || file === '-h') {
    console.error(USAGE);
    process.exit(2);
  }
  const env = envOrExit();
  if (env.DATABASE_URL) {
    console.error('npm run restore restores the embedded SQLite database; with DATABASE_URL set, restore PostgreSQL with pg_restore (see README, Backups).');
    process.exit(2);
  }
  try {
    const { kept, pending } = restoreSqlite(resolve(file), env.SQLITE_PATH);
    console.log(
      `Restored ${resolve(file)} into SQLITE_PATH=${resolve(env.SQLITE_PATH)}.` +
        (kept ? ` The database it replaced is kept as ${kept}.` : '') +
        (pending.length ? ` The service will apply ${pending.length} newer migration(s) when it starts.` : ''),
    );
  } catch (e) {
    console.error(`Restore refused, nothing was replaced: ${(e as Error).message}`);
    process.exit(1);
  }
}

main();
