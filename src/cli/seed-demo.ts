import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AppModule } from '../app.module.js';
import { isCalendarDate } from '../common/time/district-clock.js';
import { DEMO_PASSWORD, DemoDataError, DemoOptions, generateDemoData } from './demo/generate.js';

/**
 * npm run seed:demo -- --projects N [--companies N] [--leads N] [--fundings N] [--activities N]
 *                      [--buildings N] [--units N] [--seed S] [--reset] [--today YYYY-MM-DD]
 *
 * Boots the application context (migrations, reference data, first admin), then fills the database
 * with a deterministic demo district. Refuses to run on a database that already has projects (or
 * units) unless --reset is given, which deletes all companies, leads, projects and their records,
 * all units with their history, placements and snapshots, and the generated buildings first.
 */
const USAGE = `Usage: npm run seed:demo -- --projects N [options]

  --projects N     projects to generate (required)
  --companies N    companies (default projects / 5)
  --leads N        leads (default projects / 2)
  --fundings N     funds-in-place entries (default projects × 10)
  --activities N   activity log entries (default projects × 5)
  --buildings N    office buildings with units, the seeded ones included (default the seeded ones;
                   at least 200 from 10000 projects); the rest are generated, with codes DEMO_…
  --units N        units over those buildings (default buildings × 100)
  --seed S         random seed, a whole number (default 42); the same seed gives the same data
  --reset          delete all companies, leads, projects, stage history, funds and activities, all
                   units, unit history, placements and vacancy snapshots, and the generated (DEMO_)
                   buildings first; the seeded buildings stay
  --today DATE     the district's today (YYYY-MM-DD, default the current date); data ends the day before

The database is the app's: SQLITE_PATH (default ./data/crm.sqlite), or DATABASE_URL (+ DATABASE_SCHEMA).`;

class UsageError extends Error {}

const PLAN_END_LABEL = 'the 14th plan’s end';

function parseArgs(argv: string[]): DemoOptions | 'help' {
  const numbers: Record<string, keyof DemoOptions> = {
    projects: 'projects',
    companies: 'companies',
    leads: 'leads',
    fundings: 'fundings',
    activities: 'activities',
    buildings: 'buildings',
    units: 'units',
    seed: 'seed',
  };
  const out: Partial<Record<keyof DemoOptions, unknown>> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') return 'help';
    const m = /^--([a-z]+)(?:=(.*))?$/.exec(arg);
    if (!m) throw new UsageError(`Unexpected argument: ${arg}`);
    const [, name, inline] = m;
    if (name === 'reset') {
      out.reset = true;
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined) throw new UsageError(`--${name} needs a value`);
    if (name === 'today') {
      if (!isCalendarDate(value)) throw new UsageError(`--today must be a date YYYY-MM-DD (got ${value})`);
      out.today = value;
    } else if (numbers[name]) {
      if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value))) throw new UsageError(`--${name} must be a whole number (got ${value})`);
      out[numbers[name]] = Number(value);
    } else {
      throw new UsageError(`Unknown option --${name}`);
    }
  }
  if (out.projects === undefined) throw new UsageError('--projects is required');
  return out as DemoOptions;
}

async function main(): Promise<number> {
  let options: DemoOptions | 'help';
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`${e.message}\n\n${USAGE}`);
      return 1;
    }
    throw e;
  }
  if (options === 'help') {
    console.log(USAGE);
    return 0;
  }
  const started = performance.now();
  const app = await NestFactory.createApplicationContext(AppModule, { logger: ['error', 'warn'] });
  try {
    const dataSource = app.get(DataSource);
    const where =
      dataSource.options.type === 'postgres'
        ? `PostgreSQL${(dataSource.options as { schema?: string }).schema ? ` (schema ${(dataSource.options as { schema?: string }).schema})` : ''}`
        : `SQLite ${String(dataSource.options.database)}`;
    console.log(`Demo data into ${where}; app ready in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const summary = await generateDemoData(dataSource, { ...options, log: (line) => console.log(line) });
    const s = summary.sizes;
    console.log('');
    console.log(`Done: seed ${s.seed}, today ${summary.today}, ${summary.totalSeconds.toFixed(1)} s in all`);
    if (summary.resetSeconds !== null) console.log(`  reset                ${summary.resetSeconds.toFixed(1).padStart(17)} s`);
    for (const t of summary.tables) {
      console.log(`  ${t.table.padEnd(20)} ${t.rows.toLocaleString('en-US').padStart(10)} rows ${t.seconds.toFixed(1).padStart(6)} s`);
    }
    console.log(`  stages: ${Object.entries(summary.stages).map(([k, v]) => `${k} ${v}`).join(', ')}`);
    console.log(
      `  Beijing–Hebei funds in place 2021–2025: ${(summary.jingjiFundsInPlanYuan / 1e8).toFixed(1)} 亿元 (raw amounts scaled by ${summary.fundingScale.CNY.toPrecision(3)} CNY, ${summary.fundingScale.USD.toPrecision(3)} USD)`,
    );
    const u = summary.units;
    console.log(
      `  units: ${Object.entries(u).map(([k, v]) => `${k} ${v}`).join(', ')} in ${summary.buildings.existing + summary.buildings.generated} buildings ` +
        `(${summary.buildings.generated} generated); vacancy ${summary.vacancyRate === null ? '–' : `${(summary.vacancyRate * 100).toFixed(1)} %`}`,
    );
    console.log(
      `  placements: ${summary.placements.active} active, ${summary.placements.released} released; Beijing–Hebei placed area ` +
        `${(summary.jingjiPlacedAreaInPlanM2 / 1e4).toFixed(1)} 万㎡ at ${PLAN_END_LABEL}, ${(summary.jingjiPlacedAreaM2 / 1e4).toFixed(1)} 万㎡ now`,
    );
    if (summary.usersCreated > 0) console.log(`  ${summary.usersCreated} demo users created; password "${DEMO_PASSWORD}"`);
    console.log(`  users: officer01…officer10, leader01…leader02, manager01…manager03`);
    return 0;
  } catch (e) {
    if (e instanceof DemoDataError) {
      console.error(e.message);
      return 1;
    }
    throw e;
  } finally {
    await app.close();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
