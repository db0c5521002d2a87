import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Env } from '../../config/env.js';
import { backupDirOf, backupSqlite, pruneBackups } from '../../database/backup.js';

/**
 * The scheduled backup of the embedded database (BACKUP_SCHEDULE, daily 03:00 by default): the same
 * copy as `npm run backup`, then backups older than BACKUP_KEEP_DAYS are removed. PostgreSQL is backed
 * up by its own tools (pg_dump, continuous archiving), so nothing runs there.
 */
@Injectable()
export class BackupsService {
  private readonly logger = new Logger('Backups');

  constructor(private readonly config: ConfigService<Env, true>) {}

  /** Whether this deployment backs up on a schedule: SQLite, and BACKUP_SCHEDULE not `off`. */
  scheduled(): boolean {
    return !this.config.get('DATABASE_URL', { infer: true }) && this.config.get('BACKUP_SCHEDULE', { infer: true }) !== 'off';
  }

  async run(): Promise<{ file: string; bytes: number; removed: number } | null> {
    if (this.config.get('DATABASE_URL', { infer: true })) return null;
    const env = { SQLITE_PATH: this.config.get('SQLITE_PATH', { infer: true }), BACKUP_DIR: this.config.get('BACKUP_DIR', { infer: true }) };
    const dir = backupDirOf(env);
    const { file, bytes } = await backupSqlite(env.SQLITE_PATH, dir);
    const removed = pruneBackups(dir, this.config.get('BACKUP_KEEP_DAYS', { infer: true })).length;
    this.logger.log({ event: 'backup written', file, bytes, removed });
    return { file, bytes, removed };
  }
}
