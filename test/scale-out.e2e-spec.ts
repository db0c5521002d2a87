import { jest } from '@jest/globals';
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import request from 'supertest';
import { QueueName } from '../src/queue/queue.constants.js';
import { createProject } from './factories/records.factory.js';
import { Robots, eventually, sleep } from './support/robots.js';
import { Client, dropRedisKeys, ON_POSTGRES } from './support/test-app.js';

/**
 * Running at scale (docs/operations.md, "Running at scale"): two API processes (WORKERS=false) and one worker
 * process, the built service (`dist/`), started at the same moment against one PostgreSQL schema and
 * one Redis prefix. A bounded load is spread over both APIs; every write must be visible from both,
 * every reminder delivered exactly once, every job scheduler exist once and tick once per interval.
 * Runs in the PostgreSQL pass (`npm run test:pg`, which builds first); SQLite is one process's file.
 */
const describeOnPostgres = ON_POSTGRES ? describe : describe.skip;
const ROOT = process.cwd(); // npm scripts run from the repository root
const ADMIN_PASSWORD = 'scale-out-operator-secret';
const RECONCILE_MS = 1000;

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as { port: number };
  await new Promise((r) => s.close(r));
  return port;
}

interface Proc {
  name: string;
  child: ChildProcess;
  output: string[];
}

describeOnPostgres('several instances sharing PostgreSQL and Redis', () => {
  jest.setTimeout(120_000);
  const tag = `scale_${process.pid}_${randomBytes(3).toString('hex')}`;
  const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const procs: Proc[] = [];
  const bases: string[] = [];
  let robots: Robots;
  let admins: Client[];
  let officerA: Client;
  let officerB: Client;
  let officerId: string;

  const start = (name: string, script: string, env: Record<string, string>): Proc => {
    const child = spawn(process.execPath, [join(ROOT, 'dist', script)], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: process.env.DATABASE_URL,
        DATABASE_SCHEMA: tag,
        REDIS_URL: redisUrl,
        REDIS_PREFIX: tag,
        ADMIN_PASSWORD,
        LOG_LEVEL: 'warn',
        RECONCILE_INTERVAL_MS: String(RECONCILE_MS),
        DELIVERY_BACKOFF_MS: '100',
        // The fake robots listen on loopback, which channels may only target when named here.
        ALLOWED_WEBHOOK_HOSTS: '127.0.0.1',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const proc = { name, child, output: [] as string[] };
    child.stdout?.on('data', (d: Buffer) => proc.output.push(d.toString()));
    child.stderr?.on('data', (d: Buffer) => proc.output.push(d.toString()));
    procs.push(proc);
    return proc;
  };

  const signIn = async (base: string, username: string, password: string): Promise<{ token: string; id: string }> => {
    const res = await request(base).post('/api/v1/auth/login').send({ username, password });
    if (res.status !== 200) throw new Error(`login on ${base}: ${res.status} ${JSON.stringify(res.body)}`);
    return { token: res.body.accessToken, id: res.body.user.id };
  };
  const client = (base: string, token: string): Client => request.agent(base).set('Authorization', `Bearer ${token}`);

  beforeAll(async () => {
    if (!existsSync(join(ROOT, 'dist', 'main.js'))) throw new Error('dist/main.js is missing: npm run build (npm run test:pg builds first)');
    robots = await Robots.start();
    // All three at once: migrations, reference data and the first admin must not race.
    const ports = [await freePort(), await freePort()];
    for (const [i, port] of ports.entries()) {
      start(`api-${i + 1}`, 'main.js', { PORT: String(port), WORKERS: 'false' });
      bases.push(`http://127.0.0.1:${port}`);
    }
    start('worker', 'worker.js', {});
    for (const base of bases) {
      await eventually(
        async () => {
          const res = await fetch(`${base}/health`).catch(() => null);
          return res?.status === 200 ? true : null;
        },
        60_000,
        `${base}/health`,
      ).catch((e: Error) => {
        throw new Error(`${e.message}\n${procs.map((p) => `--- ${p.name}\n${p.output.join('')}`).join('\n')}`);
      });
    }
    admins = await Promise.all(bases.map(async (b) => client(b, (await signIn(b, 'admin', ADMIN_PASSWORD)).token)));
    const username = `officer.${tag}`;
    const created = await admins[0].post('/api/v1/users').send({ username, password: 'officer-password-2026', displayName: '扩展测试专员', role: 'OFFICER' }).expect(201);
    officerId = created.body.id;
    // Signed in on the second API; the token is honoured by the first (one signing key for all).
    const { token } = await signIn(bases[1], username, 'officer-password-2026');
    officerA = client(bases[0], token);
    officerB = client(bases[1], token);
    await admins[1].post('/api/v1/notification-channels').send({ type: 'WEBHOOK', url: `${robots.url}/webhook`, events: ['REMINDER_DUE'] }).expect(201);
  });

  afterAll(async () => {
    await Promise.all(
      procs.map(
        (p) =>
          new Promise<void>((resolve) => {
            if (p.child.exitCode !== null) return resolve();
            const kill = setTimeout(() => p.child.kill('SIGKILL'), 10_000);
            p.child.once('exit', () => {
              clearTimeout(kill);
              resolve();
            });
            p.child.kill('SIGTERM');
          }),
      ),
    );
    await robots?.close();
    const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await c.connect();
    await c.query(`DROP SCHEMA IF EXISTS ${tag} CASCADE`);
    await c.end();
    await dropRedisKeys(redisUrl, tag);
  });

  it('migrated once and started every process', async () => {
    const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await c.connect();
    const { rows } = await c.query(`SELECT name, COUNT(*)::int AS n FROM ${tag}.migrations GROUP BY name HAVING COUNT(*) > 1`);
    const admins = await c.query(`SELECT COUNT(*)::int AS n FROM ${tag}.users WHERE username = 'admin'`);
    await c.end();
    expect(rows).toEqual([]);
    expect(admins.rows[0].n).toBe(1);
    for (const p of procs) expect({ name: p.name, exitCode: p.child.exitCode }).toEqual({ name: p.name, exitCode: null });
  });

  it('makes every write through either API visible through both', async () => {
    const apis = [officerA, officerB];
    const ids: string[] = [];
    // 60 projects, 10 at a time, alternating between the two APIs.
    for (let batch = 0; batch < 6; batch++) {
      const made = await Promise.all(
        Array.from({ length: 10 }, (_, i) => createProject(apis[(batch * 10 + i) % 2], { name: `扩展项目-${tag}-${batch}-${i}` })),
      );
      ids.push(...made.map((p) => p.id));
    }
    for (const [i, id] of ids.entries()) {
      await apis[(i + 1) % 2].get(`/api/v1/projects/${id}`).expect(200);
    }
    for (const api of apis) {
      const seen = new Set<string>();
      let cursor: string | null = null;
      do {
        const query: Record<string, string | number> = { q: tag, limit: 25 };
        if (cursor) query.cursor = cursor;
        const res: request.Response = await api.get('/api/v1/projects').query(query).expect(200);
        for (const p of res.body.items as { id: string }[]) seen.add(p.id);
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual(new Set(ids));
    }
    // The same version edited through both APIs at once: one wins, the other is told.
    const target = (await officerA.get(`/api/v1/projects/${ids[0]}`).expect(200)).body;
    const statuses = await Promise.all(
      apis.map(async (api, i) => (await api.patch(`/api/v1/projects/${target.id}`).send({ version: target.version, name: `改名-${i}-${tag}` })).status),
    );
    expect(statuses.sort()).toEqual([200, 409]);
    // Derived figures follow a write made through the other API.
    const funnel = async (api: Client) => (await api.get('/api/v1/pipeline/funnel').expect(200)).body.stages[0].count as number;
    const before = await funnel(admins[0]);
    await createProject(officerB, { name: `扩展项目-${tag}-late` });
    expect(await funnel(admins[0])).toBe(before + 1);
  });

  it('delivers every reminder created through either API exactly once', async () => {
    const project = await createProject(officerA, { name: `提醒项目-${tag}` });
    const markers = Array.from({ length: 20 }, (_, i) => `R${i}-${randomBytes(4).toString('hex')}`);
    const due = new Date(Date.now() + 2000).toISOString();
    await Promise.all(
      markers.map((m, i) =>
        (i % 2 ? officerA : officerB)
          .post('/api/v1/reminders')
          .send({ subjectType: 'PROJECT', subjectId: project.id, dueAt: due, message: `回访 ${m}`, assigneeId: officerId })
          .expect(201),
      ),
    );
    await eventually(async () => markers.every((m) => robots.received('/webhook', m).length > 0) || null, 30_000, 'every reminder at the webhook');
    await sleep(2 * RECONCILE_MS + 500); // reconcile passes run meanwhile; none may deliver again
    for (const m of markers) expect({ m, webhook: robots.received('/webhook', m).length }).toEqual({ m, webhook: 1 });
    const inbox = (await officerB.get('/api/v1/notifications').query({ limit: 200 }).expect(200)).body.items as { message: string }[];
    for (const m of markers) expect({ m, inbox: inbox.filter((n) => n.message.includes(m)).length }).toEqual({ m, inbox: 1 });
  });

  it('keeps one of each job scheduler, ticking once per interval however many instances upserted it', async () => {
    // A connection passed in is not closed by queue.close(): it is closed below, or Jest never exits.
    const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
    const queue = new Queue(QueueName.MAINTENANCE, { connection, prefix: tag });
    try {
      const schedulers = await queue.getJobSchedulers();
      const keys = schedulers.map((s) => s.key);
      expect(new Set(keys).size).toBe(keys.length);
      expect(keys).toEqual(expect.arrayContaining(['reconcile', 'follow-ups', 'stale-projects', 'weekly-digest']));
      const ticks = async () => (await queue.getJobs(['completed', 'failed', 'active', 'waiting', 'delayed'])).filter((j) => j.id?.startsWith('repeat:reconcile:'));
      const before = (await ticks()).length;
      const started = Date.now();
      await sleep(5000);
      const after = await ticks();
      const ran = after.length - before;
      const intervals = (Date.now() - started) / RECONCILE_MS;
      // Three processes upserted the scheduler; a duplicate would tick about twice as often.
      expect(ran).toBeGreaterThanOrEqual(Math.floor(intervals) - 1);
      expect(ran).toBeLessThanOrEqual(Math.ceil(intervals) + 1);
      expect(new Set(after.map((j) => j.id)).size).toBe(after.length);
    } finally {
      await queue.close();
      connection.disconnect();
    }
  });
});
