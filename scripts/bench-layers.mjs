#!/usr/bin/env node
/**
 * node scripts/bench-layers.mjs --sqlite <path> [--iterations 2000] [--json <file>]
 *
 * What each layer costs on the hottest list read — the first page of projects with three filters
 * (stage, industry, jingji), company joined, newest first — in this process, without HTTP:
 *
 *   (a)  raw SQL (scripts/bench.mjs's LIST_SQL, LIMIT 21) through a better-sqlite3 prepared statement
 *   (a′) the SQL TypeORM generates for (b)/(c), through the same kind of prepared statement
 *        (it selects every company column and aliases every column; this isolates TypeORM's own cost)
 *   (b)  TypeORM query builder, getRawMany()
 *   (c)  the same query builder, getMany() (entity hydration)
 *   (c+) the service's exact path: keysetPage() from dist/common/pagination/keyset.js with
 *        toProjectResponse (ProjectsService.list() minus the HTTP, guard and validation layers)
 *   (d)  JSON.stringify of that page (what the HTTP layer does next; not a layer of the read)
 *
 * The DataSource is built from the BUILT code (dist/database/data-source-options.js: the app's own
 * entities, driver and pragmas; migrations are not run). Layers are timed in interleaved rounds so
 * that noise on a shared machine falls on all of them alike. Read-only: nothing is written.
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import { cliOptions } from './bench-support.mjs';

const { opt } = cliOptions();
const SQLITE = opt('sqlite');
if (!SQLITE) {
  console.error('usage: node scripts/bench-layers.mjs --sqlite <path> [--iterations 2000] [--json <file>]');
  process.exit(1);
}
const ITERATIONS = Number(opt('iterations', 2000));
const JSON_OUT = opt('json');
const ROUNDS = 5;
const PAGE = 20;

// The built app is CommonJS that require()s ESM-only packages; load it as dist/main.js does.
const require = createRequire(new URL('../dist/main.js', import.meta.url));
require('reflect-metadata');
const { DataSource } = require('typeorm');
const { dataSourceOptions } = require('./database/data-source-options.js');
const { Project } = require('./modules/projects/project.entity.js');
const { keysetPage } = require('./common/pagination/keyset.js');
const { toProjectResponse } = require('./modules/projects/dto/project.response.js');

// Copied from scripts/bench.mjs (importing it would run its main); the LIMIT is a parameter here.
const LIST_FILTERS = { stage: 'SIGNED', industry: 'FINANCE', jingji: 'true' };
const LIST_SQL = (pgStyle, limit = 51) => `SELECT p.*, c.id AS cid, c.name AS cname, c.uscc AS cuscc FROM projects p LEFT JOIN companies c ON c.id = p.company_id
  WHERE p.archived_at IS NULL AND p.stage = ${pgStyle ? '$1' : '?'} AND p.industry_code = ${pgStyle ? '$2' : '?'} AND p.jingji = ${pgStyle ? '$3' : '?'}
  ORDER BY p.id DESC LIMIT ${limit}`;

const log = (...m) => console.error('[bench-layers]', ...m);
const loud = (m) => console.error(`\n!!!!!!!! ${m} !!!!!!!!\n`);

/** The list's query builder, as ProjectsService.listQuery() builds it for these filters. */
function listQuery(ds) {
  return ds
    .getRepository(Project)
    .createQueryBuilder('p')
    .leftJoinAndSelect('p.company', 'company')
    .andWhere('p.archivedAt IS NULL')
    .andWhere('p.stage = :stage', { stage: LIST_FILTERS.stage })
    .andWhere('p.industryCode = :industry', { industry: LIST_FILTERS.industry })
    .andWhere('p.jingji = :jingji', { jingji: true });
}

/** keysetPage()'s order and limit for the default sort (-createdAt: by id, descending), first page. */
function firstPage(qb) {
  return qb.orderBy('p.id', 'DESC').take(undefined).limit(PAGE + 1);
}

function stats(samplesNs) {
  const us = samplesNs.map((n) => n / 1000).sort((a, b) => a - b);
  const at = (q) => us[Math.min(us.length - 1, Math.floor(us.length * q))];
  return { n: us.length, p50: at(0.5), mean: us.reduce((s, x) => s + x, 0) / us.length, p95: at(0.95), p99: at(0.99) };
}

function machine() {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model?.trim() ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, ${os.type()} ${os.release()}, Node ${process.version}`;
}

async function main() {
  const path = resolve(SQLITE);
  const ds = new DataSource({ ...dataSourceOptions({ sqlitePath: path }), migrationsRun: false, logging: ['error'] });
  await ds.initialize();
  const raw = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const listStmt = raw.prepare(LIST_SQL(false, PAGE + 1));
    const [typeormSql, typeormParams] = firstPage(listQuery(ds)).getQueryAndParameters();
    // better-sqlite3 binds no booleans; TypeORM's driver turns them into 1/0 the same way.
    const typeormStmt = raw.prepare(typeormSql);
    const typeormBind = typeormParams.map((p) => (typeof p === 'boolean' ? Number(p) : p));
    let lastPage;
    const layers = [
      { key: 'a', name: '(a) raw SQL (bench.mjs LIST_SQL), better-sqlite3 prepared', run: () => listStmt.all(LIST_FILTERS.stage, LIST_FILTERS.industry, 1) },
      { key: 'a2', name: "(a′) TypeORM's generated SQL, better-sqlite3 prepared", run: () => typeormStmt.all(...typeormBind) },
      { key: 'b', name: '(b) TypeORM query builder, getRawMany()', run: () => firstPage(listQuery(ds)).getRawMany() },
      { key: 'c', name: '(c) TypeORM query builder, getMany()', run: () => firstPage(listQuery(ds)).getMany() },
      {
        key: 'c2',
        name: '(c+) keysetPage() + toProjectResponse (ProjectsService.list path)',
        run: () => keysetPage(listQuery(ds), { alias: 'p', sort: '-createdAt', limit: PAGE, map: toProjectResponse }),
      },
      { key: 'd', name: '(d) JSON.stringify of the (c+) page', run: () => JSON.stringify(lastPage) },
    ];

    // Same page from every layer? (ids in order; an empty page would make the comparison meaningless.)
    const ids = {
      a: listStmt.all(LIST_FILTERS.stage, LIST_FILTERS.industry, 1).map((r) => r.id),
      a2: typeormStmt.all(...typeormBind).map((r) => r.p_id),
      b: (await layers[2].run()).map((r) => r.p_id),
      c: (await layers[3].run()).map((r) => r.id),
    };
    lastPage = await layers[4].run();
    ids.c2 = lastPage.items.map((r) => r.id);
    // keysetPage serves `limit` rows of the `limit + 1` it reads.
    const mismatched = Object.entries(ids).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(k === 'c2' ? ids.a.slice(0, PAGE) : ids.a));
    if (!ids.a.length) loud('the page is empty on this database: the layers are timed on an empty result');
    if (mismatched.length) loud(`layers returned different rows: ${mismatched.map(([k]) => k).join(', ')}`);
    log(`page: ${ids.a.length} rows (limit ${PAGE} + 1) from every layer${mismatched.length ? ' — MISMATCH' : ''}; ${ITERATIONS} timed calls per layer in ${ROUNDS} interleaved rounds`);

    // Warm-up, then interleaved rounds.
    const warm = Math.max(50, Math.round(ITERATIONS / 10));
    for (const l of layers) for (let i = 0; i < warm; i++) await l.run();
    const samples = Object.fromEntries(layers.map((l) => [l.key, []]));
    const perRound = Math.ceil(ITERATIONS / ROUNDS);
    for (let round = 0; round < ROUNDS; round++) {
      for (const l of layers) {
        const out = samples[l.key];
        const isAsync = l.key === 'b' || l.key === 'c' || l.key === 'c2';
        for (let i = 0; i < perRound && out.length < ITERATIONS; i++) {
          const t0 = process.hrtime.bigint();
          if (isAsync) await l.run();
          else l.run();
          out.push(Number(process.hrtime.bigint() - t0));
        }
      }
    }
    const results = layers.map((l) => ({ key: l.key, layer: l.name, ...stats(samples[l.key]) }));
    const by = Object.fromEntries(results.map((r) => [r.key, r]));
    const ratio = (x, y) => ({ p50: by[x].p50 / by[y].p50, mean: by[x].mean / by[y].mean });
    const ratios = {
      'b/a': ratio('b', 'a'),
      'c/a': ratio('c', 'a'),
      'c/b': ratio('c', 'b'),
      "b/a′": ratio('b', 'a2'),
      'c+/c': ratio('c2', 'c'),
    };

    const f = (x) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
    const lines = [
      `### Layers of the project list read (scripts/bench-layers.mjs)`,
      '',
      `Machine: ${machine()}. Database: ${SQLITE}. First page (${PAGE} + 1 rows) of projects with stage=${LIST_FILTERS.stage}, industry=${LIST_FILTERS.industry}, jingji=true, company joined, by id descending; in-process, no HTTP; ${ITERATIONS} calls per layer after ${warm} warm-up calls, ${ROUNDS} interleaved rounds.`,
      '',
      '| layer | p50 µs | mean µs | p95 µs | p99 µs |',
      '|---|---:|---:|---:|---:|',
      ...results.map((r) => `| ${r.layer} | ${f(r.p50)} | ${f(r.mean)} | ${f(r.p95)} | ${f(r.p99)} |`),
      '',
      '| ratio | p50 | mean |',
      '|---|---:|---:|',
      ...Object.entries(ratios).map(([k, v]) => `| ${k} | ${v.p50.toFixed(2)}× | ${v.mean.toFixed(2)}× |`),
      '',
      "(a) selects the project row and three company columns; TypeORM's SQL (a′) selects every column of both tables under aliases, so b/a′ is TypeORM's own overhead and a′/a the cost of the wider row.",
    ];
    const md = lines.join('\n');
    console.log(md);
    if (JSON_OUT) {
      writeFileSync(
        JSON_OUT,
        `${JSON.stringify({ date: new Date().toISOString(), machine: machine(), sqlite: SQLITE, iterations: ITERATIONS, warmup: warm, rounds: ROUNDS, pageRows: ids.a.length, rowsMatch: mismatched.length === 0, typeormSql, results, ratios, markdown: md }, null, 2)}\n`,
      );
      log(`wrote ${JSON_OUT}`);
    }
  } finally {
    raw.close();
    await ds.destroy();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
