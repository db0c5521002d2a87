#!/usr/bin/env node
// The PostgreSQL pass: the same e2e suite, with DATABASE_URL pointing at TEST_DATABASE_URL.
// Each test file creates and drops a schema of its own, so runs never see each other's rows.
// It builds first: test/scale-out.e2e-spec.ts runs dist/main.js and dist/worker.js.
import { spawnSync } from 'node:child_process';

const url = process.env.TEST_DATABASE_URL;
if (!url) {
  console.error('test:pg needs TEST_DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/test');
  process.exit(2);
}
// The scale-out test starts the built service (two APIs and a worker) as separate processes.
const build = spawnSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const result = spawnSync(
  process.execPath,
  // Files first: after --selectProjects Jest would take them for project names and run every file.
  ['--experimental-vm-modules', 'node_modules/jest/bin/jest.js', ...process.argv.slice(2), '--selectProjects', 'e2e'],
  { stdio: 'inherit', env: { ...process.env, DATABASE_URL: url } },
);
process.exit(result.status ?? 1);
