import Database from 'better-sqlite3';
import { mkdirSync, statfsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { QueryFailedError } from 'typeorm';

/** Below this much free space on its disk the service does not start on a SQLite file. */
const MIN_FREE_BYTES = 1024 * 1024;

function codeOf(e: unknown): string {
  const inner = e instanceof QueryFailedError ? (e as QueryFailedError & { driverError?: unknown }).driverError : e;
  const code = (inner as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'unknown';
}

/** What a driver or file-system error code means for the database file, in words an operator acts on. */
function reasonOf(code: string): string | null {
  if (/^SQLITE_FULL|^ENOSPC|^EFBIG|^SQLITE_IOERR_WRITE/.test(code)) return 'is on a full disk (or over a file-size limit)';
  if (/^SQLITE_READONLY|^EROFS|^EACCES|^EPERM/.test(code)) return 'is read-only or not writable by this user';
  if (/^SQLITE_CANTOPEN|^ENOTDIR|^ENOENT|^EISDIR/.test(code)) return 'cannot be opened or created (check that the path names a file in a writable directory)';
  if (/^SQLITE_NOTADB|^SQLITE_CORRUPT/.test(code)) return 'is not a database or is damaged (restore a backup: npm run restore -- FILE)';
  if (/^SQLITE_IOERR/.test(code)) return 'cannot be written (an I/O error: a full or failing disk)';
  if (/^SQLITE_BUSY|^SQLITE_LOCKED/.test(code)) return 'is locked by another process';
  return null;
}

/** One line naming SQLITE_PATH when `e` is a problem of the SQLite file; null for anything else. */
export function sqliteStartFailure(path: string, e: unknown): string | null {
  const code = codeOf(e);
  const reason = reasonOf(code);
  return reason ? `Cannot start: the database file SQLITE_PATH=${resolve(path)} ${reason} (${code}).` : null;
}

/**
 * Checks, before anything else starts, that the SQLite file can be opened and written: its directory
 * exists or can be made, the file opens as a database, a write commits, and its disk has a megabyte
 * free. Returns one line naming SQLITE_PATH and the cause, or null when all is well, so a start on a
 * full disk, a read-only mount or a wrong path ends with that line instead of a stack.
 */
export function sqliteStartProblem(path: string): string | null {
  if (path === ':memory:') return null;
  let db: Database.Database | undefined;
  try {
    mkdirSync(dirname(path), { recursive: true });
    db = new Database(path);
    db.pragma('journal_mode = WAL');
    // A real write: the header's user_version written back as it is, committed.
    const version = db.pragma('user_version', { simple: true }) as number;
    db.exec(`BEGIN IMMEDIATE; PRAGMA user_version = ${Number(version)}; COMMIT`);
    const fs = statfsSync(dirname(path));
    if (fs.bavail * fs.bsize < MIN_FREE_BYTES) {
      return `Cannot start: the database file SQLITE_PATH=${resolve(path)} is on a full disk (${Math.floor((fs.bavail * fs.bsize) / 1024)} KB free; at least 1 MB needed).`;
    }
    return null;
  } catch (e) {
    return sqliteStartFailure(path, e) ?? `Cannot start: the database file SQLITE_PATH=${resolve(path)} cannot be used (${codeOf(e)}: ${(e as Error).message}).`;
  } finally {
    try {
      db?.close();
    } catch {
      // closing a file we could not use
    }
  }
}

/** For process entry points: exits with the one line of sqliteStartProblem when the SQLite file cannot be used. */
export function exitUnlessDatabaseUsable(env: { SQLITE_PATH: string; DATABASE_URL?: string }): void {
  if (env.DATABASE_URL) return;
  const problem = sqliteStartProblem(env.SQLITE_PATH);
  if (!problem) return;
  console.error(problem);
  process.exit(1);
}

/** For process entry points: a failed start reported in one line when it is the database's, else with its stack. */
export function exitOnStartFailure(env: { SQLITE_PATH: string; DATABASE_URL?: string }, e: unknown): never {
  const line = env.DATABASE_URL ? null : sqliteStartFailure(env.SQLITE_PATH, e);
  console.error(line ?? `Cannot start: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  process.exit(1);
}
