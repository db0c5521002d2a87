import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BackupsService } from '../src/modules/schedules/backups.service.js';
import { createTestApp, ON_POSTGRES, TestApp } from './support/test-app.js';

const ROOT = process.cwd(); // npm scripts run from the repository root
const sqliteOnly = ON_POSTGRES ? describe.skip : describe;

/** Runs a built CLI (`dist/cli/<name>.js`) with `env`; resolves with its exit code and output. */
function cli(name: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  return new Promise((done) => {
    const childEnv: Record<string, string> = { ...(process.env as Record<string, string>), LOG_LEVEL: 'silent', ...env };
    delete childEnv.DATABASE_URL;
    const child = spawn(process.execPath, [join(ROOT, 'dist', 'cli', `${name}.js`), ...args], { env: childEnv });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => done({ code, out }));
  });
}

/**
 * Backups of the embedded database (issue 12): `npm run backup` while the service runs and writes,
 * `npm run restore -- FILE` into a new file, every write acknowledged before the backup began found
 * there, integrity_check ok; restores of a damaged file or of a newer version's file refused.
 */
sqliteOnly('backups and restores (SQLite)', () => {
  let t: TestApp;
  let dir: string;
  let sqlitePath: string;
  beforeAll(async () => {
    if (!existsSync(join(ROOT, 'dist', 'cli', 'backup.js'))) throw new Error('dist/cli/backup.js is missing: npm run build');
    dir = mkdtempSync(join(tmpdir(), 'heping-backups-'));
    t = await createTestApp({ WORKERS: 'false', BACKUP_DIR: join(dir, 'backups'), BACKUP_KEEP_DAYS: '7' });
    sqlitePath = (t.dataSource.options as { database: string }).database;
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('backs up a running service under writes; the restored file holds every write acknowledged before the backup, integrity_check ok', async () => {
    const acknowledged: { id: string; at: number }[] = [];
    let writing = true;
    let n = 0;
    const writer = (async () => {
      while (writing) {
        const res = await t.admin.api.post('/api/v1/companies').send({ name: `备份测试企业${n++}号有限公司`, industry: 'FINANCE' });
        if (res.status !== 201) throw new Error(`write ${n}: ${res.status}`);
        acknowledged.push({ id: res.body.id, at: Date.now() });
      }
    })();
    while (acknowledged.length < 30) await new Promise((r) => setTimeout(r, 20));
    const started = Date.now();
    const backup = await cli('backup', [], { SQLITE_PATH: sqlitePath, BACKUP_DIR: join(dir, 'backups') });
    await new Promise((r) => setTimeout(r, 200));
    writing = false;
    await writer;
    expect(backup.code).toBe(0);
    const file = /Backup written: (\S+)/.exec(backup.out)?.[1] as string;
    expect(existsSync(file)).toBe(true);
    expect(acknowledged.some((w) => w.at > started)).toBe(true); // writes went on during the backup

    const target = join(dir, 'restored', 'crm.sqlite');
    const restore = await cli('restore', [file], { SQLITE_PATH: target });
    expect({ code: restore.code, out: restore.out }).toEqual({ code: 0, out: expect.stringContaining('Restored') });
    const db = new Database(target, { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const ids = new Set((db.prepare("SELECT id FROM companies WHERE name LIKE '备份测试企业%'").all() as { id: string }[]).map((r) => r.id));
      expect(acknowledged.filter((w) => w.at < started && !ids.has(w.id))).toEqual([]);
    } finally {
      db.close();
    }
  }, 60_000);

  it('refuses to restore a damaged file or one written by a newer version, and replaces nothing', async () => {
    const backup = await cli('backup', [], { SQLITE_PATH: sqlitePath, BACKUP_DIR: join(dir, 'backups') });
    const file = /Backup written: (\S+)/.exec(backup.out)?.[1] as string;
    const target = join(dir, 'kept', 'crm.sqlite');
    expect((await cli('restore', [file], { SQLITE_PATH: target })).code).toBe(0);
    const before = readFileSync(target);

    const damaged = join(dir, 'damaged.sqlite');
    copyFileSync(file, damaged);
    const fd = openSync(damaged, 'r+');
    writeSync(fd, Buffer.alloc(8192, 0x5a), 0, 8192, 4096 * 3);
    closeSync(fd);
    const refusedDamaged = await cli('restore', [damaged], { SQLITE_PATH: target });
    expect({ code: refusedDamaged.code, out: refusedDamaged.out }).toEqual({ code: 1, out: expect.stringMatching(/Restore refused.*(integrity_check|not a sound)/s) });

    const newer = join(dir, 'newer.sqlite');
    copyFileSync(file, newer);
    const db = new Database(newer);
    db.prepare('INSERT INTO migrations (timestamp, name) VALUES (?, ?)').run(1799999999999, 'FromTheFuture1799999999999');
    db.close();
    const refusedNewer = await cli('restore', [newer], { SQLITE_PATH: target });
    expect({ code: refusedNewer.code, out: refusedNewer.out }).toEqual({ code: 1, out: expect.stringContaining('newer version') });
    expect(readFileSync(target).equals(before)).toBe(true);
  }, 60_000);

  it('runs the scheduled backup into BACKUP_DIR and removes backups older than BACKUP_KEEP_DAYS', async () => {
    const backups = join(dir, 'backups');
    writeFileSync(join(backups, 'crm-20200101T000000Z.sqlite'), 'old');
    writeFileSync(join(backups, 'notes.txt'), 'not a backup');
    const result = await t.app.get(BackupsService).run();
    expect(result).toMatchObject({ removed: 1 });
    const names = readdirSync(backups);
    expect(names).toContain('notes.txt');
    expect(names).not.toContain('crm-20200101T000000Z.sqlite');
    expect(names.filter((f) => /^crm-\d{8}T\d{6}Z\.sqlite$/.test(f)).length).toBeGreaterThanOrEqual(1);
    // Whole files only: no partial copies, no -wal or -shm beside them.
    expect(names.filter((f) => !/^crm-\d{8}T\d{6}Z\.sqlite$/.test(f) && f !== 'notes.txt')).toEqual([]);
  });
});
