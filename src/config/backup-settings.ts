import { defaultBackupDir } from '../database/backup.js';

/** BACKUP_DIR, or `backups/` beside the SQLite file when it is unset. */
export function backupDirOf(env: { BACKUP_DIR?: string; SQLITE_PATH: string }): string {
  return env.BACKUP_DIR ? env.BACKUP_DIR : defaultBackupDir(env.SQLITE_PATH);
}
