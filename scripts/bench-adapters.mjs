#!/usr/bin/env node
/**
 * node scripts/bench-adapters.mjs --sqlite <path> [--duration 5] [--connections 20] [--warmup 2] [--json <file>]
 *
 * Express vs Fastify adapter of NestJS on the same BUILT app (dist/, run `npm run build` first) and
 * the same SQLite file. Starts scripts/bench-serve.mjs once per adapter — one at a time, never both —
 * logs in as admin, checks that every scenario answers 2xx (and that both adapters send the same
 * JSON), then drives each scenario with autocannon over 127.0.0.1: a warm-up, then the measured
 * window. Prints a markdown table and, per adapter, what its setup leaves out; `--json` writes the
 * same results as JSON. Exits with 2 when any scenario got a non-2xx answer or an error.
 *
 * The database must have been generated with ADMIN_PASSWORD below (npm run bench does). The POST
 * scenario creates projects in it, as scripts/bench.mjs does.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { cliOptions, drain, freePort } from './bench-support.mjs';

const { opt } = cliOptions();
const SQLITE = opt('sqlite');
if (!SQLITE) {
  console.error('usage: node scripts/bench-adapters.mjs --sqlite <path> [--duration 5] [--connections 20] [--warmup 2] [--json <file>]');
  process.exit(1);
}
const DURATION = Number(opt('duration', 5));
const CONNECTIONS = Number(opt('connections', 20));
const WARMUP = Number(opt('warmup', 2));
const JSON_OUT = opt('json');
const ADAPTERS = ['express', 'fastify'];
const ADAPTER_LABEL = { express: 'Express', fastify: 'Fastify' };

// As scripts/bench.mjs.
const ADMIN_PASSWORD = 'bench-operator-secret-2026';
const LIST_FILTERS = { stage: 'SIGNED', industry: 'FINANCE', jingji: 'true' };
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const log = (...m) => console.error('[bench-adapters]', ...m);
const loud = (m) => console.error(`\n!!!!!!!! ${m} !!!!!!!!\n`);

/** Starts bench-serve under one adapter; resolves when /health answers, with its BENCH_SERVE line. */
async function startServe(adapter) {
  // `nest build` empties dist/ first: wait out a rebuild in progress rather than fail half-way.
  for (let i = 0; i < 120 && !existsSync(join(ROOT, 'dist/app.module.js')); i++) await new Promise((r) => setTimeout(r, 500));
  if (!existsSync(join(ROOT, 'dist/app.module.js'))) throw new Error('dist/app.module.js is missing: run `npm run build` first');
  const port = await freePort();
  const child = spawn(process.execPath, ['scripts/bench-serve.mjs'], {
    cwd: ROOT,
    env: {
      ...process.env,
      SQLITE_PATH: resolve(SQLITE),
      DATABASE_URL: '',
      HTTP_ADAPTER: adapter,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      ADMIN_PASSWORD,
      LOGIN_RATE_LIMIT: '100000000',
      LOGIN_MAX_FAILURES: '100000000',
      REDIS_PREFIX: `bench-${process.pid}`,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let info = null;
  createInterface({ input: child.stdout }).on('line', (line) => {
    if (line.startsWith('BENCH_SERVE ')) info = JSON.parse(line.slice('BENCH_SERVE '.length));
    else process.stderr.write(`[${adapter}] ${line}\n`);
  });
  const exited = new Promise((r) => child.once('exit', (code, signal) => r({ code, signal })));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error(`bench-serve (${adapter}) exited with ${child.exitCode}`);
    try {
      const r = await fetch(`${base}/health`);
      if (r.ok && info) return { child, base, info, exited };
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill();
  throw new Error(`bench-serve (${adapter}) did not start`);
}

async function stopServe(s) {
  s.child.kill('SIGTERM');
  const timer = setTimeout(() => s.child.kill('SIGKILL'), 15000);
  await s.exited;
  clearTimeout(timer);
}

function peakRssMb(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Math.round(Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
  } catch {
    return null;
  }
}
async function call(base, path, token, init = {}) {
  const r = await fetch(base + path, {
    ...init,
    headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }), ...init.headers },
  });
  const text = await r.text();
  if (r.status < 200 || r.status > 299) throw new Error(`${init.method ?? 'GET'} ${path}: ${r.status} ${text.slice(0, 500)}`);
  return { status: r.status, body: JSON.parse(text), contentType: r.headers.get('content-type') };
}

async function load(adapter, scenario, opts) {
  const common = { connections: CONNECTIONS, pipelining: 1, timeout: 30, ...opts };
  await drain(new URL(opts.url).origin);
  if (WARMUP > 0) await autocannon({ ...common, duration: WARMUP });
  const r = await autocannon({ ...common, duration: DURATION });
  const statusCodes = Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([code, v]) => [code, v.count]));
  const row = {
    scenario,
    rps: Math.round(r.requests.average),
    p50: r.latency.p50,
    p97_5: r.latency.p97_5,
    p99: r.latency.p99,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx ?? 0,
    ok2xx: r['2xx'],
    requests: r.requests.total,
    statusCodes,
  };
  log(`${adapter} ${scenario}: ${row.rps} req/s, p50 ${row.p50} ms, p97.5 ${row.p97_5} ms, p99 ${row.p99} ms, errors ${row.errors}, non-2xx ${row.non2xx} (status ${JSON.stringify(statusCodes)})`);
  if (row.non2xx > 0 || row.errors > 0 || !row.ok2xx) {
    loud(`${adapter} / ${scenario}: ${row.non2xx} non-2xx and ${row.errors} errors/timeouts of ${row.requests} requests (status ${JSON.stringify(statusCodes)}) — these numbers are NOT a benchmark of the route`);
  }
  return row;
}

/** One adapter: start, check every scenario answers 2xx, measure, stop. */
async function runAdapter(adapter) {
  log(`starting ${adapter} on ${SQLITE}`);
  const s = await startServe(adapter);
  try {
    const { base } = s;
    const login = await call(base, '/api/v1/auth/login', null, { method: 'POST', body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }) });
    const token = login.body.accessToken;
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const listPath = `/api/v1/projects?${new URLSearchParams({ ...LIST_FILTERS, limit: '20' })}`;
    const list = await call(base, listPath, token);
    if (!list.body.items.length) loud(`${adapter}: the list ${listPath} is empty on this database — the list scenario measures an empty page`);
    const detailId = list.body.items[0]?.id ?? (await call(base, '/api/v1/projects?limit=1', token)).body.items[0].id;
    const detailPath = `/api/v1/projects/${detailId}`;
    const detail = await call(base, detailPath, token);
    const companyId = (await call(base, '/api/v1/companies?limit=1', token)).body.items[0].id;
    const createBody = JSON.stringify({ name: '压测项目', companyId, industry: 'FINANCE' });
    const created = await call(base, '/api/v1/projects', token, { method: 'POST', body: createBody });
    const health = await call(base, '/health');
    // What the two adapters must agree on (compared after both ran).
    const probe = {
      health: health.body,
      list: list.body,
      detail: detail.body,
      createdKeys: Object.keys(created.body).sort(),
      createStatus: created.status,
      contentTypes: [health.contentType, list.contentType, detail.contentType, created.contentType],
    };
    log(`${adapter}: checks passed (list page ${list.body.items.length} items, detail ${detailId}, create ${created.status})`);
    const rows = [];
    rows.push(await load(adapter, 'GET /health', { url: `${base}/health` }));
    rows.push(await load(adapter, `GET /api/v1/projects (stage, industry, jingji; limit 20)`, { url: base + listPath, headers }));
    rows.push(await load(adapter, 'GET /api/v1/projects/:id', { url: base + detailPath, headers }));
    rows.push(await load(adapter, 'POST /api/v1/projects', { url: `${base}/api/v1/projects`, method: 'POST', headers, body: createBody }));
    return { adapter, setup: s.info.setup, leftOut: s.info.leftOut, peakRssMb: peakRssMb(s.child.pid), rows, probe, listItems: list.body.items.length, detailId };
  } finally {
    await stopServe(s);
    log(`${adapter} stopped`);
  }
}

function machine() {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model?.trim() ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, ${os.type()} ${os.release()}, Node ${process.version}`;
}

function compareProbes(a, b) {
  const diffs = [];
  const same = (x, y) => JSON.stringify(x) === JSON.stringify(y);
  if (!same(a.health, b.health)) diffs.push(`/health body differs: ${JSON.stringify(a.health)} vs ${JSON.stringify(b.health)}`);
  if (!same(a.list, b.list)) diffs.push('list page body differs');
  // updatedAt/version of the detail row cannot change between the runs (nothing updates it).
  if (!same(a.detail, b.detail)) diffs.push('project detail body differs');
  if (!same(a.createdKeys, b.createdKeys) || a.createStatus !== b.createStatus) diffs.push(`create answer differs (${a.createStatus} vs ${b.createStatus})`);
  if (!same(a.contentTypes, b.contentTypes)) diffs.push(`content types differ: ${a.contentTypes} vs ${b.contentTypes}`);
  return diffs;
}

function markdown(results) {
  const [ex, fa] = ADAPTERS.map((a) => results.find((r) => r.adapter === a));
  const flag = (row) => (row.non2xx || row.errors ? ` ⚠ ${row.non2xx} non-2xx, ${row.errors} errors` : '');
  const lines = [
    `| scenario | ${ADAPTER_LABEL.express} req/s | ${ADAPTER_LABEL.fastify} req/s | ratio | ${ADAPTER_LABEL.express} p99 ms | ${ADAPTER_LABEL.fastify} p99 ms |`,
    '|---|---:|---:|---:|---:|---:|',
  ];
  ex.rows.forEach((e, i) => {
    const f = fa.rows[i];
    lines.push(`| ${e.scenario} | ${e.rps}${flag(e)} | ${f.rps}${flag(f)} | ${(f.rps / Math.max(e.rps, 1)).toFixed(2)}× | ${e.p99} | ${f.p99} |`);
  });
  lines.push('');
  lines.push('Ratio: Fastify req/s ÷ Express req/s. Detail (p50 / p97.5 / p99 ms, errors, non-2xx):');
  lines.push('');
  lines.push('| adapter | scenario | req/s | p50 | p97.5 | p99 | errors | non-2xx | requests |');
  lines.push('|---|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of results) for (const row of r.rows) lines.push(`| ${ADAPTER_LABEL[r.adapter]} | ${row.scenario} | ${row.rps} | ${row.p50} | ${row.p97_5} | ${row.p99} | ${row.errors} | ${row.non2xx} | ${row.requests} |`);
  lines.push('');
  for (const r of results) {
    lines.push(`- ${ADAPTER_LABEL[r.adapter]} left out: ${r.leftOut.length ? r.leftOut.join('; ') : 'nothing (production configureApp)'}. Peak RSS ${r.peakRssMb} MB.`);
  }
  lines.push(`- ${ADAPTER_LABEL.fastify} setup: ${fa.setup.join('; ')}.`);
  lines.push('- Express also sends a weak ETag (a hash of every response body, its default); Fastify sends none.');
  return lines.join('\n');
}

async function main() {
  const results = [];
  // One adapter at a time: the second starts only after the first has exited.
  for (const adapter of ADAPTERS) results.push(await runAdapter(adapter));
  const diffs = compareProbes(results[0].probe, results[1].probe);
  const bad = results.flatMap((r) => r.rows.filter((row) => row.non2xx || row.errors || !row.ok2xx).map((row) => `${r.adapter} / ${row.scenario}`));
  const header = `### NestJS adapters: Express vs Fastify (scripts/bench-adapters.mjs)\n\nMachine: ${machine()}. Database: ${SQLITE}. Load: autocannon, ${CONNECTIONS} connections, ${DURATION} s per scenario after a ${WARMUP} s warm-up, over 127.0.0.1, one adapter at a time.\n`;
  const md = `${header}\n${markdown(results)}\n${diffs.length ? `\n**The adapters did not answer alike:** ${diffs.join('; ')}.\n` : '\nBoth adapters returned identical JSON for /health, the list page and the project detail.\n'}`;
  console.log(md);
  if (diffs.length) loud(`adapters differ: ${diffs.join('; ')}`);
  if (bad.length) loud(`non-2xx answers or errors in: ${bad.join(', ')}`);
  if (JSON_OUT) {
    const out = {
      date: new Date().toISOString(),
      machine: machine(),
      sqlite: SQLITE,
      duration: DURATION,
      warmup: WARMUP,
      connections: CONNECTIONS,
      adapters: Object.fromEntries(results.map((r) => [r.adapter, { setup: r.setup, leftOut: r.leftOut, peakRssMb: r.peakRssMb, listItems: r.listItems, rows: r.rows }])),
      comparison: results[0].rows.map((e, i) => ({ scenario: e.scenario, expressRps: e.rps, fastifyRps: results[1].rows[i].rps, ratio: Number((results[1].rows[i].rps / Math.max(e.rps, 1)).toFixed(3)), expressP99: e.p99, fastifyP99: results[1].rows[i].p99 })),
      responsesIdentical: diffs.length === 0,
      differences: diffs,
      failedScenarios: bad,
      markdown: md,
    };
    writeFileSync(JSON_OUT, `${JSON.stringify(out, null, 2)}\n`);
    log(`wrote ${JSON_OUT}`);
  }
  if (bad.length) process.exitCode = 2;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
