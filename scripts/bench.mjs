#!/usr/bin/env node
/**
 * npm run bench -- [--projects 100000] [--companies N] [--fundings N] [--activities N]
 *                  [--duration 10] [--connections 20] [--skip-build] [--regenerate]
 *                  [--skip-import] [--import-rows N] [--skip-choices]
 *                  [--list-only] [--postgres-only] [--section NAME]
 *
 * Builds the service, generates (or reuses) a demo district of the given size with the demo
 * generator, starts the built service on it (SQLite; PostgreSQL too when DATABASE_URL is set),
 * drives it over loopback with autocannon, times the same reads as raw SQL through the driver, and
 * writes the results with the machine and the date into BENCHMARKS.md. Load goes to 127.0.0.1 only
 * and is bounded in time.
 *
 * For a size check of one read (e.g. the list on PostgreSQL at 1M projects): `--list-only` runs only
 * /health and the two list scenarios with their raw floor, `--postgres-only` skips SQLite, and
 * `--section NAME` writes between `<!-- bench:NAME -->` markers instead of replacing the latest run.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import pg from 'pg';
import { buildCompaniesCsv, cliOptions, drain, freePort, importFile } from './bench-support.mjs';

const { opt, flag } = cliOptions();
const projects = Number(opt('projects', 100000));
const sizes = {
  projects,
  companies: Number(opt('companies', Math.round(projects / 5))),
  fundings: Number(opt('fundings', projects * 10)),
  activities: Number(opt('activities', projects * 5)),
};
const DURATION = Number(opt('duration', 10));
const LIST_ONLY = flag('list-only');
const SECTION = opt('section', 'latest');
const CONNECTIONS = Number(opt('connections', 20));
const ADMIN_PASSWORD = 'bench-operator-secret-2026';
const ROOT = resolve('.');
const DIR = join(ROOT, '.bench');
mkdirSync(DIR, { recursive: true });

const log = (...m) => console.log('[bench]', ...m);
const sizeTag = `${sizes.projects}p-${sizes.companies}c-${sizes.fundings}f-${sizes.activities}a`;

function run(cmd, argv, env) {
  execFileSync(cmd, argv, { stdio: 'inherit', env: { ...process.env, ...env } });
}

function generate(env) {
  const started = Date.now();
  run(process.execPath, ['dist/cli/seed-demo.js', '--projects', String(sizes.projects), '--companies', String(sizes.companies),
    '--fundings', String(sizes.fundings), '--activities', String(sizes.activities), '--reset'], { ...env, ADMIN_PASSWORD, LOG_LEVEL: 'warn' });
  return (Date.now() - started) / 1000;
}

async function startService(env) {
  const port = await freePort();
  const child = spawn(process.execPath, ['dist/main.js'], {
    env: { ...process.env, ...env, PORT: String(port), LOG_LEVEL: 'warn', ADMIN_PASSWORD, LOGIN_RATE_LIMIT: '100000000', LOGIN_MAX_FAILURES: '100000000', REDIS_PREFIX: `bench-${process.pid}` },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 240; i++) {
    try {
      const r = await fetch(`${base}/health`);
      if (r.ok) return { child, base };
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill();
  throw new Error('service did not start');
}

function peakRssMb(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return Math.round(kb / 1024);
  } catch {
    return null;
  }
}

async function json(base, path, token, init = {}) {
  const r = await fetch(base + path, { ...init, headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }), ...init.headers } });
  if (!r.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${r.status} ${await r.text()}`);
  return r.json();
}

/** One autocannon run: a short warm-up, then the measured window. */
async function load(name, opts, { skipDrain = false } = {}) {
  const common = { connections: CONNECTIONS, pipelining: 1, timeout: 30, ...opts };
  if (!skipDrain) await drain(new URL(opts.url).origin);
  await autocannon({ ...common, duration: 2 });
  const result = await autocannon(opts.amount ? common : { ...common, duration: DURATION });
  const errors = result.errors + result.timeouts + (result.non2xx ?? 0);
  const row = {
    name,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    // autocannon's histogram reports p90 and p97.5, not p95: the stricter p97.5 stands in for it.
    p95: result.latency.p97_5,
    p99: result.latency.p99,
    errors,
    requests: result.requests.total,
  };
  log(`${name}: ${row.rps} req/s, p50 ${row.p50} ms, p97.5 ${row.p95} ms, p99 ${row.p99} ms, errors ${errors}`);
  return row;
}

/** The physical floor: the same read, timed through the driver in this process. */
function timeRaw(fn, n = 200) {
  for (let i = 0; i < 10; i++) fn();
  const times = [];
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(n / 2)], p95: times[Math.floor(n * 0.95)] };
}

async function timeRawAsync(fn, n = 100) {
  for (let i = 0; i < 5; i++) await fn();
  const times = [];
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(n / 2)], p95: times[Math.floor(n * 0.95)] };
}

const LIST_FILTERS = { stage: 'SIGNED', industry: 'FINANCE', jingji: 'true' };
const LIST_SQL = (pgStyle) => `SELECT p.*, c.id AS cid, c.name AS cname, c.uscc AS cuscc FROM projects p LEFT JOIN companies c ON c.id = p.company_id
  WHERE p.archived_at IS NULL AND p.stage = ${pgStyle ? '$1' : '?'} AND p.industry_code = ${pgStyle ? '$2' : '?'} AND p.jingji = ${pgStyle ? '$3' : '?'}
  ORDER BY p.id DESC LIMIT 51`;
const PROGRESS_SQL = (pgStyle) => `SELECT day, SUM(amount) AS amount FROM funding_day_totals WHERE currency = 'CNY' AND day >= ${pgStyle ? '$1' : '?'} AND day <= ${pgStyle ? '$2' : '?'} GROUP BY day`;

/** Milliseconds of one authenticated GET, the body read. */
async function timeGet(base, path, token) {
  const t0 = process.hrtime.bigint();
  await json(base, path, token);
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Derived figures are kept until the next write (DerivedCache); this is what the first reader after
 * a write pays: one client, a funding added before each read.
 */
async function afterWrite(base, token, signed, today) {
  const paths = {
    progress: '/api/v1/progress?plan=FYP14&asOf=2025-12-31',
    breakdown: '/api/v1/progress/breakdown?plan=FYP14&indicator=DOMESTIC_CAPITAL&by=industry&asOf=2025-12-31',
    funnel: '/api/v1/pipeline/funnel',
  };
  const times = { progress: [], breakdown: [], funnel: [] };
  for (let i = 0; i < 5; i++) {
    for (const [k, path] of Object.entries(paths)) {
      await json(base, `/api/v1/projects/${signed[i]}/fundings`, token, { method: 'POST', body: JSON.stringify({ date: today, amount: '1.00', currency: 'CNY' }) });
      times[k].push(await timeGet(base, path, token));
    }
  }
  const out = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, { p50: median(v), max: Math.max(...v) }]));
  log(`after a write: progress ${out.progress.p50.toFixed(0)} ms, breakdown ${out.breakdown.p50.toFixed(0)} ms, funnel ${out.funnel.p50.toFixed(0)} ms (p50 of 5)`);
  return out;
}

/**
 * A cheap read (project detail, 5 connections) alone, then while a big job runs again and again in
 * the same service: the synchronous SQLite driver and CSV/XLSX work share the one event loop.
 */
async function stalls(base, token, detailId) {
  const headers = { authorization: `Bearer ${token}` };
  const cheap = { url: `${base}/api/v1/projects/${detailId}`, headers, connections: 5 };
  const csv = join(DIR, 'stall-companies-20000.csv');
  buildCompaniesCsv(csv, 9_000_000, 20000);
  const jobs = [
    ['alone', null],
    ['while exporting all projects as CSV', async () => (await fetch(`${base}/api/v1/projects/export.csv`, { headers })).arrayBuffer()],
    ['while importing 20,000 companies (CSV)', () => importFile(base, token, csv, 'companies.csv')],
  ];
  const rows = [];
  for (const [what, job] of jobs) {
    await drain(base); // before the job starts: it keeps the service busy on purpose
    let stop = false;
    let done = 0;
    const loop = (async () => {
      while (job && !stop) {
        await job();
        done++;
      }
    })();
    const row = await load(`project detail (5 connections), ${what}`, cheap, { skipDrain: true });
    stop = true;
    await loop;
    rows.push({ ...row, jobs: done });
  }
  return rows;
}

async function scenarios(label, base, raw) {
  const login = await json(base, '/api/v1/auth/login', null, { method: 'POST', body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }) });
  const token = login.accessToken;
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const qs = new URLSearchParams({ ...LIST_FILTERS, limit: '50' }).toString();
  // Walk 20 pages down the cursor chain for the deep page.
  let cursor = null;
  let page = await json(base, `/api/v1/projects?${qs}`, token);
  for (let i = 0; i < 20 && page.nextCursor; i++) {
    cursor = page.nextCursor;
    page = await json(base, `/api/v1/projects?${qs}&cursor=${encodeURIComponent(cursor)}`, token);
  }
  if (LIST_ONLY) {
    const rows = [];
    const get = (path) => ({ url: base + path, headers });
    rows.push(await load('GET /health (framework floor)', { url: `${base}/health` }));
    rows.push(await load('project list, 3 filters, first page', get(`/api/v1/projects?${qs}`)));
    if (cursor) rows.push(await load('project list, 3 filters, page 21', get(`/api/v1/projects?${qs}&cursor=${encodeURIComponent(cursor)}`)));
    const rawList = await raw.list();
    log(`${label} raw list p50 ${rawList.p50.toFixed(2)} ms`);
    return { rows, rawList };
  }
  const detailId = page.items[0]?.id ?? (await json(base, '/api/v1/projects?limit=1', token)).items[0].id;
  const companyId = (await json(base, '/api/v1/companies?limit=1', token)).items[0].id;
  const collect = async (query, n) => {
    const ids = [];
    let c = null;
    while (ids.length < n) {
      const r = await json(base, `/api/v1/projects?${query}&limit=200${c ? `&cursor=${encodeURIComponent(c)}` : ''}`, token);
      ids.push(...r.items.map((p) => p.id));
      if (!r.nextCursor) break;
      c = r.nextCursor;
    }
    return ids;
  };
  const negotiating = await collect('stage=NEGOTIATING', 6000);
  const signed = await collect('stage=SIGNED', 2000);
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const rows = [];
  const get = (path) => ({ url: base + path, headers });
  rows.push(await load('GET /health (framework floor)', { url: `${base}/health` }));
  rows.push(await load('project list, 3 filters, first page', get(`/api/v1/projects?${qs}`)));
  if (cursor) rows.push(await load('project list, 3 filters, page 21', get(`/api/v1/projects?${qs}&cursor=${encodeURIComponent(cursor)}`)));
  rows.push(await load('project detail', get(`/api/v1/projects/${detailId}`)));
  rows.push(await load('project timeline', get(`/api/v1/projects/${detailId}/timeline`)));
  rows.push(await load('progress FYP14', get('/api/v1/progress?plan=FYP14&asOf=2025-12-31')));
  rows.push(await load('breakdown DOMESTIC_CAPITAL by industry', get('/api/v1/progress/breakdown?indicator=DOMESTIC_CAPITAL&by=industry&asOf=2025-12-31')));
  rows.push(await load('matches', get(`/api/v1/projects/${detailId}/matches?limit=10`)));
  rows.push(await load('login (scrypt)', { url: `${base}/api/v1/auth/login`, method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }) }));
  rows.push(
    await load('create project', {
      url: `${base}/api/v1/projects`,
      method: 'POST',
      headers,
      body: JSON.stringify({ name: '压测项目', companyId, industry: 'FINANCE' }),
    }),
  );
  let n = 0;
  rows.push(
    await load('stage change', {
      url: base,
      headers,
      requests: [
        {
          method: 'POST',
          setupRequest: (req) => {
            const id = negotiating[n++ % negotiating.length];
            return { ...req, path: `/api/v1/projects/${id}/transitions`, body: JSON.stringify({ to: n > negotiating.length ? 'SIGNED' : 'SITE_VISIT' }) };
          },
        },
      ],
      amount: Math.min(negotiating.length, 5000),
    }),
  );
  let m = 0;
  rows.push(
    await load('add funding', {
      url: base,
      headers,
      requests: [
        {
          method: 'POST',
          setupRequest: (req) => ({ ...req, path: `/api/v1/projects/${signed[m++ % signed.length]}/fundings`, body: JSON.stringify({ date: today, amount: '10000.00', currency: 'CNY' }) }),
        },
      ],
    }),
  );
  const cold = await afterWrite(base, token, signed, today);
  const stall = await stalls(base, token, detailId);
  // Raw floors.
  const rawList = await raw.list();
  const rawProgress = await raw.progress();
  log(`${label} raw list p50 ${rawList.p50.toFixed(2)} ms, raw progress p50 ${rawProgress.p50.toFixed(2)} ms`);
  return { rows, cold, stall, rawList, rawProgress };
}

function machine() {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model?.trim() ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, ${os.type()} ${os.release()}, Node ${process.version}`;
}

const find = (result, prefix) => result.rows.find((r) => r.name.startsWith(prefix));
const listRatio = (result) => {
  const list = find(result, 'project list, 3 filters, first page');
  return list ? 1000 / Math.max(result.rawList.p50, 0.001) / Math.max(list.rps, 1) : null;
};

function table(result) {
  const lines = ['| scenario | req/s | p50 ms | p97.5 ms | p99 ms | errors |', '|---|---:|---:|---:|---:|---:|'];
  for (const r of result.rows) lines.push(`| ${r.name} | ${r.rps} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.errors} |`);
  lines.push('');
  const c = result.cold;
  if (c) lines.push(
    `First read after a write (derived figures recomputed; one client, p50 / max of 5): progress ${c.progress.p50.toFixed(0)} / ${c.progress.max.toFixed(0)} ms, ` +
      `breakdown ${c.breakdown.p50.toFixed(0)} / ${c.breakdown.max.toFixed(0)} ms, funnel ${c.funnel.p50.toFixed(0)} / ${c.funnel.max.toFixed(0)} ms.`,
  );
  if (result.stall) {
    lines.push('');
    lines.push('A cheap read while long jobs run in the same service:');
    lines.push('');
    lines.push('| scenario | req/s | p50 ms | p97.5 ms | p99 ms | errors | jobs finished |', '|---|---:|---:|---:|---:|---:|---:|');
    for (const r of result.stall) lines.push(`| ${r.name} | ${r.rps} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.errors} | ${r.jobs} |`);
  }
  lines.push('');
  lines.push(
    `Raw SQL through the driver (one connection, no HTTP): list p50 ${result.rawList.p50.toFixed(2)} ms` +
      (result.rawProgress ? `, progress p50 ${result.rawProgress.p50.toFixed(2)} ms.` : '.'),
  );
  const ratio = listRatio(result);
  if (ratio) lines.push(`Service/raw on the list by throughput: ${(1000 / result.rawList.p50).toFixed(0)} raw queries/s ÷ ${find(result, 'project list, 3 filters, first page').rps} req/s = ${ratio.toFixed(1)}×.`);
  lines.push(`Peak RSS of the service: ${result.rss} MB.`);
  return lines.join('\n');
}

/** Each goal of the benchmark issue with the measured figure next to it. */
function goals(sqlite, postgres, importReport) {
  const rows = [];
  const add = (goal, measured, met) => rows.push(`| ${goal} | ${measured} | ${met === null ? '—' : met ? 'met' : '**not met**'} |`);
  if (sqlite && sqlite.cold) {
    const first = find(sqlite, 'project list, 3 filters, first page');
    const deep = find(sqlite, 'project list, 3 filters, page 21');
    const detail = find(sqlite, 'project detail');
    const progress = find(sqlite, 'progress');
    const matches = find(sqlite, 'matches');
    const writes = ['create project', 'stage change', 'add funding'].map((n) => find(sqlite, n)).filter(Boolean);
    add('list p95 ≤ 50 ms', `${first.p95} ms (p97.5)`, first.p95 <= 50);
    add('list ≥ 300 req/s', `${first.rps} req/s`, first.rps >= 300);
    if (deep) add('deep page (21) within 1.5× the first page', `p97.5 ${deep.p95} vs ${first.p95} ms; ${deep.rps} vs ${first.rps} req/s`, deep.p95 <= 1.5 * first.p95);
    add('detail p95 ≤ 30 ms', `${detail.p95} ms`, detail.p95 <= 30);
    add('progress p95 ≤ 20 ms (maintained aggregates, kept until a write)', `${progress.p95} ms`, progress.p95 <= 20);
    add('progress ≤ 200 ms when recomputed (first read after a write)', `${sqlite.cold.progress.p50.toFixed(0)} ms p50, ${sqlite.cold.progress.max.toFixed(0)} ms max`, sqlite.cold.progress.max <= 200);
    add('matches p95 ≤ 50 ms', `${matches.p95} ms`, matches.p95 <= 50);
    add('writes ≥ 200/s, no SQLITE_BUSY to a client', writes.map((w) => `${w.name} ${w.rps}/s, ${w.errors} errors`).join('; '), writes.every((w) => w.rps >= 200 && w.errors === 0));
    const ratio = listRatio(sqlite);
    add('service/raw on the list ≤ 3× (throughput)', `${ratio.toFixed(1)}×`, ratio <= 3);
    add('peak RSS ≤ 300 MB', `${sqlite.rss} MB`, sqlite.rss <= 300);
    const alone = sqlite.stall[0];
    const worst = sqlite.stall.slice(1).reduce((a, b) => (b.p99 > a.p99 ? b : a), sqlite.stall[1]);
    add('a cheap route stays responsive during an import or export', `detail p99 ${alone.p99} ms alone, ${worst.p99} ms ${worst.name.split(', ').slice(1).join(', ')}`, null);
  }
  const csv = importReport?.runs?.[0]?.results?.find((r) => r.scenario.startsWith('CSV, new'));
  if (csv) add(`import of ${csv.rows.toLocaleString('en')} rows ≤ 60 s`, `${csv.seconds} s (CSV, SQLite)`, csv.seconds <= 60 * (csv.rows / 100000));
  if (postgres) {
    const first = find(postgres, 'project list, 3 filters, first page');
    add(`PostgreSQL list p95 ≤ 100 ms at 1M projects`, `${first.p95} ms at ${sizes.projects.toLocaleString('en')} projects`, sizes.projects >= 1_000_000 ? first.p95 <= 100 : null);
  }
  return ['| goal (2-core machine, default size) | measured | |', '|---|---|---|', ...rows].join('\n');
}

async function main() {
  if (!flag('skip-build')) run('npm', ['run', 'build', '--silent']);
  const sections = [];
  // SQLite
  const sqlitePath = join(DIR, `bench-${sizeTag}.sqlite`);
  let genSeconds = null;
  const onSqlite = !flag('postgres-only');
  if (onSqlite && (flag('regenerate') || !existsSync(sqlitePath))) {
    log(`generating ${sizeTag} into ${sqlitePath}`);
    genSeconds = generate({ SQLITE_PATH: sqlitePath, DATABASE_URL: '' });
  }
  if (onSqlite) {
    const { child, base } = await startService({ SQLITE_PATH: sqlitePath, DATABASE_URL: '' });
    const db = new Database(sqlitePath, { readonly: true });
    const listStmt = db.prepare(LIST_SQL(false));
    const progStmt = LIST_ONLY ? null : db.prepare(PROGRESS_SQL(false));
    try {
      const result = await scenarios('SQLite', base, {
        list: async () => timeRaw(() => listStmt.all(LIST_FILTERS.stage, LIST_FILTERS.industry, 1)),
        progress: async () => timeRaw(() => progStmt.all('2021-01-01', '2025-12-31')),
      });
      result.rss = peakRssMb(child.pid);
      sections.push({ label: 'SQLite (better-sqlite3, WAL)', result });
    } finally {
      db.close();
      child.kill();
    }
  }
  // PostgreSQL
  if (process.env.DATABASE_URL) {
    const schema = `bench_${sizeTag.replace(/[^a-z0-9]/gi, '_').toLowerCase()}`;
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    const exists = (await client.query('SELECT 1 FROM information_schema.schemata WHERE schema_name = $1', [schema])).rowCount > 0;
    if (flag('regenerate') || !exists) {
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.query(`CREATE SCHEMA ${schema}`);
      genSeconds = generate({ DATABASE_URL: process.env.DATABASE_URL, DATABASE_SCHEMA: schema });
    }
    await client.query(`SET search_path TO ${schema}`);
    const { child, base } = await startService({ DATABASE_URL: process.env.DATABASE_URL, DATABASE_SCHEMA: schema });
    try {
      const result = await scenarios('PostgreSQL', base, {
        list: () => timeRawAsync(() => client.query(LIST_SQL(true), [LIST_FILTERS.stage, LIST_FILTERS.industry, true])),
        progress: () => timeRawAsync(() => client.query(PROGRESS_SQL(true), ['2021-01-01', '2025-12-31'])),
      });
      result.rss = peakRssMb(child.pid);
      sections.push({ label: 'PostgreSQL 15 (pg pool of 10)', result });
    } finally {
      child.kill();
      await client.end();
    }
  }
  // Imports: scripts/bench-import.mjs on its own fresh database, its JSON folded in here.
  let importTable = '';
  let importReport = null;
  if (!flag('skip-import') && !LIST_ONLY) {
    const rows = opt('import-rows', '100000');
    const out = execFileSync(process.execPath, ['scripts/bench-import.mjs', '--skip-build', '--json', '--rows', rows], {
      env: process.env,
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 16 * 2 ** 20,
    }).toString();
    const report = JSON.parse(out.slice(out.indexOf('{')));
    importReport = report;
    const lines = ['| database | scenario | rows | seconds | rows/s | file MB | peak RSS MB |', '|---|---|---:|---:|---:|---:|---:|'];
    for (const run of report.runs) for (const r of run.results) lines.push(`| ${r.database} | ${r.scenario} | ${r.rows} | ${r.seconds} | ${r.rowsPerSecond} | ${r.fileMb} | ${r.peakRssMb} |`);
    importTable = `\n### Import of ${Number(rows).toLocaleString('en')} companies over HTTP (scripts/bench-import.mjs)\n\n${lines.join('\n')}\n`;
  }
  // Choices on numbers: the HTTP adapter, and the ORM layers of the hottest list read (SQLite).
  let choices = '';
  if (!flag('skip-choices') && !LIST_ONLY && onSqlite) {
    // Both on the SQLite file: without DATABASE_URL, or the entities would take PostgreSQL's column types.
    const sqliteEnv = { ...process.env, DATABASE_URL: '' };
    const adapters = execFileSync(process.execPath, ['scripts/bench-adapters.mjs', '--sqlite', sqlitePath, '--duration', String(Math.min(DURATION, 5)), '--connections', String(CONNECTIONS)], {
      env: sqliteEnv,
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 16 * 2 ** 20,
    }).toString();
    const layers = execFileSync(process.execPath, ['scripts/bench-layers.mjs', '--sqlite', sqlitePath], { env: sqliteEnv, stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 16 * 2 ** 20 }).toString();
    choices = `\n${adapters.trim()}\n\n${layers.trim()}\n`;
  }
  const date = new Date().toISOString().slice(0, 10);
  const bySection = (label) => sections.find((x) => x.label.startsWith(label))?.result;
  const goalTable = `### Goals\n\n${goals(bySection('SQLite'), bySection('PostgreSQL'), importReport)}\n\n`;
  const generated = goalTable + sections.map((s) => `### ${s.label}\n\n${table(s.result)}`).join('\n\n') + choices;
  const title = SECTION === 'latest' ? `Latest run (${date})` : `${SECTION} (${date})`;
  const header = `## ${title}\n\nMachine: ${machine()}.\nData: ${sizes.projects.toLocaleString('en')} projects, ${sizes.companies.toLocaleString('en')} companies, ${sizes.fundings.toLocaleString('en')} funding entries, ${sizes.activities.toLocaleString('en')} activities${genSeconds ? ` (generated in ${genSeconds.toFixed(1)} s)` : ''}.\nLoad: autocannon, ${CONNECTIONS} connections, ${DURATION} s per scenario after a 2 s warm-up, over 127.0.0.1.\n\n${generated}\n${importTable}`;
  const path = join(ROOT, 'BENCHMARKS.md');
  const previous = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const marker = `<!-- bench:${SECTION} -->`;
  const body = previous.includes(marker)
    ? previous.replace(new RegExp(`${marker}[\\s\\S]*?${marker}`), `${marker}\n${header}\n${marker}`)
    : previous
      ? `${previous.trimEnd()}\n\n${marker}\n${header}\n${marker}\n`
      : `# Benchmarks\n\nWritten by \`npm run bench\`; the section between the markers is replaced on every run.\n\n${marker}\n${header}\n${marker}\n`;
  writeFileSync(path, body);
  log('wrote BENCHMARKS.md');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
