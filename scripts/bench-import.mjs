#!/usr/bin/env node
/**
 * node scripts/bench-import.mjs [--rows 100000] [--skip-build] [--json]
 *
 * The import benchmark: builds a companies sheet of --rows rows as CSV (UTF-8) and as .xlsx
 * (exceljs streaming writer), starts the built service on a fresh SQLite file (and on a fresh
 * PostgreSQL schema too when DATABASE_URL is set), imports the CSV, the .xlsx (other companies) and
 * the CSV again (every row unchanged) over HTTP as the admin, and prints rows per second and the
 * service's peak RSS (VmHWM) before and after. `npm run bench` can run it and copy its --json
 * output into BENCHMARKS.md.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { buildCompaniesCsv, cliOptions, COMPANY_HEADER, companyRow, freePort, importFile } from './bench-support.mjs';

const { opt, flag } = cliOptions();
const ROWS = Number(opt('rows', 100000));
const ADMIN_PASSWORD = 'bench-operator-secret-2026';
const DIR = join(resolve('.'), '.bench');
mkdirSync(DIR, { recursive: true });
const log = (...m) => console.error('[bench-import]', ...m);

async function buildXlsx(path, from) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false, useStyles: false });
  const ws = wb.addWorksheet('企业');
  ws.addRow(COMPANY_HEADER).commit();
  for (let i = 0; i < ROWS; i++) ws.addRow(companyRow(from + i)).commit();
  ws.commit();
  await wb.commit();
}

function status(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(text)?.[1] ?? 0);
    return { rss: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) };
  } catch {
    return { rss: null, peak: null };
  }
}

async function startService(env) {
  const port = await freePort();
  const child = spawn(process.execPath, ['dist/main.js'], {
    env: { ...process.env, ...env, PORT: String(port), LOG_LEVEL: 'warn', ADMIN_PASSWORD, REDIS_PREFIX: `bench-import-${process.pid}`, IMPORT_MAX_FILE_MB: '200' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`${base}/health`)).ok) return { child, base };
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill();
  throw new Error('service did not start');
}

async function scenarios(label, env) {
  const { child, base } = await startService(env);
  try {
    const login = await (await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }) })).json();
    const token = login.accessToken;
    const idle = status(child.pid);
    const results = [];
    for (const [name, path, file] of [
      ['CSV, new companies', csvPath, 'companies.csv'],
      ['XLSX, new companies', xlsxPath, 'companies.xlsx'],
      ['CSV again, every row unchanged', csvPath, 'companies.csv'],
    ]) {
      const { seconds, body } = await importFile(base, token, path, file);
      const mem = status(child.pid);
      const r = {
        database: label,
        scenario: name,
        rows: body.total,
        created: body.created,
        unchanged: body.unchanged,
        failed: body.failed,
        seconds: Number(seconds.toFixed(1)),
        rowsPerSecond: Math.round(body.total / seconds),
        fileMb: Number((statSync(path).size / 2 ** 20).toFixed(1)),
        rssMb: mem.rss,
        peakRssMb: mem.peak,
      };
      if (body.failed) log(`${label} ${name}: first problems`, JSON.stringify(body.errors.slice(0, 3)));
      log(`${label} ${name}: ${r.rows} rows in ${r.seconds} s = ${r.rowsPerSecond} rows/s (created ${r.created}, unchanged ${r.unchanged}, failed ${r.failed}); RSS ${r.rssMb} MB, peak ${r.peakRssMb} MB`);
      results.push(r);
    }
    return { idleRssMb: idle.rss, results };
  } finally {
    child.kill();
  }
}

const csvPath = join(DIR, `import-companies-${ROWS}.csv`);
const xlsxPath = join(DIR, `import-companies-${ROWS}.xlsx`);

async function main() {
  if (!flag('skip-build')) execFileSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
  log(`building ${ROWS} rows as CSV and XLSX in ${DIR}`);
  buildCompaniesCsv(csvPath, 1, ROWS);
  await buildXlsx(xlsxPath, ROWS + 1);
  const runs = [];
  const sqlite = join(DIR, `bench-import-${process.pid}.sqlite`);
  try {
    runs.push(await scenarios('SQLite', { SQLITE_PATH: sqlite, DATABASE_URL: '' }));
  } finally {
    for (const suffix of ['', '-wal', '-shm']) rmSync(sqlite + suffix, { force: true });
  }
  if (process.env.DATABASE_URL) {
    const schema = `bench_import_${process.pid}`;
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    await client.query(`CREATE SCHEMA ${schema}`);
    try {
      runs.push(await scenarios('PostgreSQL', { DATABASE_URL: process.env.DATABASE_URL, DATABASE_SCHEMA: schema }));
    } finally {
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    }
  }
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model?.trim() ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}`;
  const report = { date: new Date().toISOString().slice(0, 10), machine, rows: ROWS, runs };
  if (flag('json')) {
    console.log(JSON.stringify(report, null, 2));
    return;
  }
  const lines = ['| database | scenario | rows | seconds | rows/s | file MB | RSS after MB | peak RSS MB |', '|---|---|---:|---:|---:|---:|---:|---:|'];
  for (const run of runs) for (const r of run.results) lines.push(`| ${r.database} | ${r.scenario} | ${r.rows} | ${r.seconds} | ${r.rowsPerSecond} | ${r.fileMb} | ${r.rssMb} | ${r.peakRssMb} |`);
  console.log(`Import of ${ROWS} companies, ${report.date}, ${machine}; idle RSS ${runs.map((r) => r.idleRssMb).join(' / ')} MB\n\n${lines.join('\n')}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
