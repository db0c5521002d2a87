import Database from 'better-sqlite3';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createTestApp, ON_POSTGRES, ADMIN_TEST_PASSWORD } from './support/test-app.js';

const ROOT = process.cwd(); // npm scripts run from the repository root
const sqliteOnly = ON_POSTGRES ? describe.skip : describe;

/**
 * A database that cannot save (issue 12, finding 1). On a nearly full disk the service answered 201
 * to thousands of writes that never reached the file: after a failed COMMIT the shared connection
 * kept a transaction open that nobody committed. The file is filled for real here (SQLite's
 * max_page_count on the service's own connection), freed again, and read back after a restart.
 */
sqliteOnly('a full database (SQLite)', () => {
  it('never acknowledges a write it did not save: 503 while full, /health down, 201s again once freed, and every 201 in the file after a restart', async () => {
    const t = await createTestApp({ WORKERS: 'false' });
    const acknowledged = new Set<string>();
    const statuses: number[] = [];
    const post = async (i: number): Promise<{ status: number; body: { code?: string; id?: string }; headers: Record<string, string> }> => {
      const res = await t.admin.api.post('/api/v1/companies').send({ name: `满盘测试企业${i}号${'有限公司'.repeat(20)}`, industry: 'FINANCE', originCity: '北京'.repeat(20) });
      statuses.push(res.status);
      if (res.status === 201) acknowledged.add(res.body.id);
      return res;
    };
    try {
      const [{ page_count: pages }] = (await t.dataSource.query('PRAGMA page_count')) as { page_count: number }[];
      await t.dataSource.query(`PRAGMA max_page_count = ${pages + 6}`);
      let i = 0;
      let refused: Awaited<ReturnType<typeof post>> | undefined;
      while (i < 600 && !refused) {
        const res = await post(i++);
        if (res.status !== 201) refused = res;
      }
      expect({ status: refused?.status, body: refused?.body }).toEqual({ status: 503, body: expect.objectContaining({ code: 'UNAVAILABLE' }) });
      expect(Number(refused?.headers['retry-after'])).toBeGreaterThan(0);

      // While full: /health says the database is down, and writes fail or are saved, never a 500.
      const health = await t.admin.api.get('/health');
      expect({ status: health.status, db: health.body.db }).toEqual({ status: 503, db: 'down' });
      for (let k = 0; k < 30; k++) await post(i++);
      expect(statuses.filter((s) => s !== 201 && s !== 503)).toEqual([]);

      // Room again: every write is saved, /health is up again.
      await t.dataSource.query('PRAGMA max_page_count = 1073741823');
      for (let k = 0; k < 40; k++) expect((await post(i++)).status).toBe(201);
      expect((await t.admin.api.get('/health')).body.db).toBe('up');

      // What the file holds after a restart is exactly what was acknowledged.
      await t.stop();
      const again = await t.restart();
      const rows = (await again.dataSource.query("SELECT id FROM companies WHERE name LIKE '满盘测试企业%'")) as { id: string }[];
      const saved = new Set(rows.map((r) => r.id));
      expect({ missing: [...acknowledged].filter((id) => !saved.has(id)), unacknowledged: [...saved].filter((id) => !acknowledged.has(id)) }).toEqual({
        missing: [],
        unacknowledged: [],
      });
      expect(acknowledged.size).toBeGreaterThan(40);
      await again.close();
    } catch (e) {
      await t.close().catch(() => undefined);
      throw e;
    }
  }, 120_000);
});

async function freePort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

sqliteOnly('a failed COMMIT (SQLite, the built service under a file-size limit)', () => {
  let child: ChildProcess | undefined;
  afterEach(() => {
    child?.kill('SIGKILL');
  });

  it('leaves no transaction open: writes fail while the log cannot grow, are saved once it can, and every 201 is in the file after a restart', async () => {
    if (!existsSync(join(ROOT, 'dist', 'main.js'))) throw new Error('dist/main.js is missing: npm run build');
    // A migrated database, checkpointed into its file.
    const t = await createTestApp({ WORKERS: 'false' });
    const path = (t.dataSource.options as { database: string }).database;
    await t.stop();
    const side = new Database(path);
    side.pragma('wal_checkpoint(TRUNCATE)');
    // The service may write files up to the database's size and 256 KB: its write-ahead log fills after a few dozen writes.
    const limitKb = Math.ceil(statSync(path).size / 1024) + 256;
    const port = await freePort();
    const env: Record<string, string> = { ...(process.env as Record<string, string>), SQLITE_PATH: path, PORT: String(port), WORKERS: 'false', ADMIN_PASSWORD: ADMIN_TEST_PASSWORD, LOG_LEVEL: 'silent', REDIS_PREFIX: `test-commit-${process.pid}` };
    delete env.DATABASE_URL;
    child = spawn('bash', ['-c', `ulimit -f ${limitKb}; exec "${process.execPath}" "${join(ROOT, 'dist', 'main.js')}"`], { env, stdio: 'ignore' });
    const base = `http://127.0.0.1:${port}`;
    for (let k = 0; k < 200; k++) {
      if ((await request(base).get('/health').catch(() => ({ status: 0 }))).status === 200) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const token = (await request(base).post('/api/v1/auth/login').send({ username: 'admin', password: ADMIN_TEST_PASSWORD }).expect(200)).body.accessToken as string;
    const acknowledged = new Set<string>();
    const statuses: number[] = [];
    let i = 0;
    const post = async (): Promise<number> => {
      const res = await request(base).post('/api/v1/companies').set('Authorization', `Bearer ${token}`).send({ name: `提交失败测试企业${i++}号有限公司`, industry: 'FINANCE' });
      statuses.push(res.status);
      if (res.status === 201) acknowledged.add(res.body.id);
      return res.status;
    };

    // Until the log is full, and well past it.
    let failed = 0;
    while (i < 2000 && failed < 20) if ((await post()) !== 201) failed++;
    expect(statuses).toContain(503);
    expect((await request(base).get('/health')).status).toBe(503);
    // Room again: the log is checkpointed into the file and emptied (this connection has no file-size limit).
    side.pragma('wal_checkpoint(TRUNCATE)');
    for (let k = 0; k < 10; k++) await post();
    expect(statuses.slice(-10)).toEqual(Array(10).fill(201));
    expect(statuses.filter((s) => s !== 201 && s !== 503)).toEqual([]);
    side.close();
    child.kill('SIGTERM');
    await new Promise((r) => child?.once('exit', r));

    const again = await t.restart();
    const rows = (await again.dataSource.query("SELECT id FROM companies WHERE name LIKE '提交失败测试企业%'")) as { id: string }[];
    const saved = new Set(rows.map((r) => r.id));
    expect({ missing: [...acknowledged].filter((id) => !saved.has(id)).length, unacknowledged: [...saved].filter((id) => !acknowledged.has(id)).length }).toEqual({ missing: 0, unacknowledged: 0 });
    await again.close();
  }, 180_000);
});

/** Runs the built service with `env` (and a shell prefix such as `ulimit -f 16;`) and collects what it prints until it exits. */
function runService(env: Record<string, string>, shellPrefix = ''): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((done) => {
    const childEnv: Record<string, string> = { ...(process.env as Record<string, string>), PORT: '0', WORKERS: 'false', ADMIN_PASSWORD: ADMIN_TEST_PASSWORD, LOG_LEVEL: 'error', REDIS_PREFIX: `test-start-${process.pid}`, ...env };
    delete childEnv.DATABASE_URL;
    const child = spawn('bash', ['-c', `${shellPrefix} exec "${process.execPath}" "${join(ROOT, 'dist', 'main.js')}"`], { env: childEnv });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      done({ code, stderr, stdout });
    });
  });
}

describe('starting where the database file cannot be written', () => {
  let dir: string;
  beforeAll(() => {
    if (!existsSync(join(ROOT, 'dist', 'main.js'))) throw new Error('dist/main.js is missing: npm run build');
    dir = mkdtempSync(join(tmpdir(), 'heping-start-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('exits with one line naming SQLITE_PATH when the path cannot hold a file', async () => {
    writeFileSync(join(dir, 'a-file'), 'not a directory');
    const path = join(dir, 'a-file', 'crm.sqlite');
    const run = await runService({ SQLITE_PATH: path });
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringContaining(`SQLITE_PATH=${path}`)]);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits with one line naming SQLITE_PATH and a full disk when the file cannot grow', async () => {
    const path = join(dir, 'full', 'crm.sqlite');
    // 16 KB: the file opens, the migrations cannot be written.
    const run = await runService({ SQLITE_PATH: path }, 'ulimit -f 16;');
    expect(run.code).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines[lines.length - 1]).toMatch(new RegExp(`SQLITE_PATH=${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} .*full`));
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
