import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { MIGRATIONS } from './migrations/index.js';

/** Backup files are named `crm-<UTC time>.sqlite` in BACKUP_DIR; retention only ever removes such names. */
const BACKUP_NAME = /^crm-\d{8}T\d{6}Z\.sqlite$/;

/** BACKUP_DIR, or `backups/` beside the database file when it is unset. */
export function backupDirOf(env: { BACKUP_DIR?: string; SQLITE_PATH: string }): string {
  return env.BACKUP_DIR ? env.BACKUP_DIR : join(dirname(resolve(env.SQLITE_PATH)), 'backups');
}

function stamp(at: Date): string {
  return at.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/**
 * Copies the live SQLite database into `dir` with SQLite's online backup API, safe while the service
 * runs and writes: a connection of its own, read-only, copies every page in one step, i.e. inside one
 * read transaction, so the copy is the database as of one commit (writers go on meanwhile; WAL readers
 * never block them). The copy is checked (`PRAGMA integrity_check`) under a `.partial` name and only
 * then given its final name, so a backup file in BACKUP_DIR is always whole.
 */
export async function backupSqlite(sqlitePath: string, dir: string, at = new Date()): Promise<{ file: string; bytes: number }> {
  mkdirSync(dir, { recursive: true });
  const file = join(resolve(dir), `crm-${stamp(at)}.sqlite`);
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  const source = new Database(sqlitePath, { readonly: true, fileMustExist: true });
  try {
    await source.backup(partial, { progress: () => 0x7fffffff });
  } finally {
    source.close();
  }
  // One self-contained file (no -wal/-shm beside it): the service turns WAL on again when it opens a restored copy.
  const copy = new Database(partial);
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
  const problem = integrityProblem(partial);
  if (problem) {
    rmSync(partial, { force: true });
    throw new Error(`The backup copy failed its integrity check (${problem}); nothing was kept`);
  }
  renameSync(partial, file);
  return { file, bytes: statSync(file).size };
}

/** Removes backups in `dir` older than `keepDays` days (by the time in their name); returns the names removed. */
export function pruneBackups(dir: string, keepDays: number, now = new Date()): string[] {
  if (!existsSync(dir)) return [];
  const cutoff = stamp(new Date(now.getTime() - keepDays * 86_400_000));
  const removed: string[] = [];
  for (const name of readdirSync(dir)) {
    if (!BACKUP_NAME.test(name)) continue;
    if (name.slice(4, 20) < cutoff) {
      rmSync(join(dir, name), { force: true });
      removed.push(name);
    }
  }
  return removed;
}

/** Null when `PRAGMA integrity_check` says ok, else its first lines (or why the file is not a database). */
export function integrityProblem(path: string): string | null {
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    const lines = rows.map((r) => r.integrity_check);
    return lines.length === 1 && lines[0] === 'ok' ? null : lines.slice(0, 3).join('; ');
  } catch (e) {
    return `${(e as { code?: string }).code ?? 'error'}: ${(e as Error).message}`;
  } finally {
    db?.close();
  }
}

/** The migrations this build knows, by TypeORM's name for them (the class name), in order. */
export function knownMigrations(): string[] {
  return MIGRATIONS.map((m) => m.name);
}

/**
 * Checks a backup before a restore: a whole SQLite database (integrity_check ok) whose migrations are
 * all known to this build. Returns the problems (empty when it may be restored) and, for an older
 * file, the migrations the service will apply on its next start.
 */
export function checkRestorable(path: string): { problems: string[]; pending: string[] } {
  if (!existsSync(path)) return { problems: [`${path} does not exist`], pending: [] };
  const integrity = integrityProblem(path);
  if (integrity) return { problems: [`${path} is not a sound SQLite database: integrity_check says ${integrity}`], pending: [] };
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'migrations'").get();
    if (!hasTable) return { problems: [`${path} is not a database of this service (it has no migrations table)`], pending: [] };
    const applied = (db.prepare('SELECT name FROM migrations ORDER BY timestamp').all() as { name: string }[]).map((r) => r.name);
    const known = knownMigrations();
    const unknown = applied.filter((name) => !known.includes(name));
    if (unknown.length) {
      return {
        problems: [`${path} was written by a newer version of the service: its migrations ${unknown.join(', ')} are unknown to this build (latest known: ${known[known.length - 1]}); restore it with the version that made it`],
        pending: [],
      };
    }
    return { problems: [], pending: known.filter((name) => !applied.includes(name)) };
  } finally {
    db.close();
  }
}

/**
 * Replaces the database at `target` with the backup `file`, after checkRestorable. The file is first
 * copied beside the target and checked again there; the current database (with its -wal) is kept as
 * `<target>.before-restore-<time>`; then the copy is renamed over the target (one atomic step). The
 * service must be stopped meanwhile.
 */
export function restoreSqlite(file: string, target: string, at = new Date()): { kept: string | null; pending: string[] } {
  const { problems, pending } = checkRestorable(file);
  if (problems.length) throw new Error(problems.join('\n'));
  mkdirSync(dirname(resolve(target)), { recursive: true });
  const incoming = `${target}.restoring`;
  copyFileSync(file, incoming);
  const again = integrityProblem(incoming);
  if (again) {
    rmSync(incoming, { force: true });
    throw new Error(`The copy of ${basename(file)} failed its integrity check (${again}); nothing was replaced`);
  }
  let kept: string | null = null;
  if (existsSync(target)) {
    // Checkpoint the current database into its file first, so what is kept is one file.
    const current = new Database(target);
    try {
      current.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      current.close();
    }
    kept = `${target}.before-restore-${stamp(at)}`;
    copyFileSync(target, kept);
  }
  for (const suffix of ['-wal', '-shm']) rmSync(`${target}${suffix}`, { force: true });
  renameSync(incoming, target);
  return { kept, pending };
}
