#!/usr/bin/env node
/**
 * npm run soak -- [--minutes 5] [--writers 20] [--skip-build]
 *
 * A bounded soak of the embedded database (not part of npm test): the built service on a fresh
 * SQLite file, 20 concurrent writers (create project, stage change, add funding, log an activity,
 * in turn) for the given minutes over 127.0.0.1. Reports writes, failed requests by status (a
 * SQLITE_BUSY reaching a client would be a 5xx), latency, and the WAL file's size sampled every
 * second — it must stay bounded, i.e. checkpoints keep up with the writers.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliOptions, freePort } from './bench-support.mjs';

const { opt, flag } = cliOptions();
const MINUTES = Number(opt('minutes', 5));
const WRITERS = Number(opt('writers', 20));
const ADMIN_PASSWORD = 'soak-operator-secret-2026';
const log = (...m) => console.error('[soak]', ...m);

async function main() {
  if (!flag('skip-build')) execFileSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
  const dir = mkdtempSync(join(tmpdir(), 'heping-soak-'));
  const sqlite = join(dir, 'soak.sqlite');
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['dist/main.js'], {
    env: { ...process.env, DATABASE_URL: '', SQLITE_PATH: sqlite, PORT: String(port), LOG_LEVEL: 'warn', ADMIN_PASSWORD, REDIS_PREFIX: `soak-${process.pid}`, LOGIN_RATE_LIMIT: '100000' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  try {
    for (let i = 0; i < 240 && !(await fetch(`${base}/health`).then((r) => r.ok).catch(() => false)); i++) await new Promise((r) => setTimeout(r, 250));
    const call = async (method, path, body, token) => {
      const t0 = performance.now();
      const res = await fetch(base + path, {
        method,
        headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
        body: body && JSON.stringify(body),
      });
      const json = await res.json().catch(() => null);
      return { status: res.status, json, ms: performance.now() - t0 };
    };
    const { json: login } = await call('POST', '/api/v1/auth/login', { username: 'admin', password: ADMIN_PASSWORD });
    const token = login.accessToken;
    const company = (await call('POST', '/api/v1/companies', { name: '浸泡测试有限公司' }, token)).json;

    const statuses = new Map();
    const latencies = [];
    let writes = 0;
    let walMax = 0;
    const walSamples = [];
    const until = Date.now() + MINUTES * 60_000;
    const sampler = setInterval(() => {
      let size = 0;
      try {
        size = statSync(`${sqlite}-wal`).size;
      } catch {
        /* no WAL file right after a checkpoint truncates it */
      }
      walMax = Math.max(walMax, size);
      walSamples.push(size);
    }, 1000);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const record = (r) => {
      statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
      latencies.push(r.ms);
      if (r.status < 300) writes++;
      return r;
    };
    const writer = async (w) => {
      let n = 0;
      while (Date.now() < until) {
        const created = record(await call('POST', '/api/v1/projects', { name: `浸泡项目-${w}-${n++}`, companyId: company.id, industry: 'FINANCE' }, token));
        if (created.status !== 201) continue;
        const id = created.json.id;
        record(await call('POST', `/api/v1/projects/${id}/transitions`, { to: 'SIGNED' }, token));
        record(await call('POST', `/api/v1/projects/${id}/fundings`, { date: today, amount: '12.34', currency: 'CNY' }, token));
        record(await call('POST', `/api/v1/projects/${id}/activities`, { type: 'CALL', at: new Date().toISOString(), summary: '电话回访' }, token));
      }
    };
    log(`${WRITERS} writers for ${MINUTES} min on ${sqlite}`);
    await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
    clearInterval(sampler);
    latencies.sort((a, b) => a - b);
    const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))].toFixed(0);
    const failed = [...statuses].filter(([s]) => s >= 300).reduce((n, [, c]) => n + c, 0);
    const lastMinute = walSamples.slice(-60);
    const report = {
      minutes: MINUTES,
      writers: WRITERS,
      requests: latencies.length,
      writesPerSecond: Math.round(writes / (MINUTES * 60)),
      failed,
      statuses: Object.fromEntries(statuses),
      p50ms: Number(pct(0.5)),
      p99ms: Number(pct(0.99)),
      walMaxMb: Number((walMax / 2 ** 20).toFixed(1)),
      walLastMinuteMaxMb: Number((Math.max(0, ...lastMinute) / 2 ** 20).toFixed(1)),
      dbMb: Number((statSync(sqlite).size / 2 ** 20).toFixed(1)),
    };
    console.log(JSON.stringify(report, null, 2));
    if (failed) process.exitCode = 1;
  } finally {
    child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
