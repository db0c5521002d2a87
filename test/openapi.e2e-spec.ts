import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { createOpenApiDocument } from '../src/openapi.js';
import { createTestApp, ON_POSTGRES, TestApp } from './support/test-app.js';

/**
 * The OpenAPI document that web clients generate their types from (`npm run openapi -- file.json`)
 * is the one the service serves at /docs-json. The built CLI runs in the PostgreSQL pass, which
 * builds first (`npm run test:pg`): the document must not depend on how the code was compiled.
 */
const ROOT = process.cwd(); // npm scripts run from the repository root
const itWithBuild = ON_POSTGRES ? it : it.skip;

describe('the OpenAPI document', () => {
  let t: TestApp;
  let served: unknown;
  const dir = mkdtempSync(join(tmpdir(), 'heping-openapi-'));

  beforeAll(async () => {
    t = await createTestApp();
    served = (await request(t.http).get('/docs-json').expect(200)).body;
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is built without a database the same as /docs-json serves it', async () => {
    expect(await createOpenApiDocument()).toEqual(served);
  });

  itWithBuild('is written by the built CLI exactly as /docs-json serves it', async () => {
    if (!existsSync(join(ROOT, 'dist', 'cli', 'openapi.js'))) throw new Error('dist/cli/openapi.js is missing: npm run build (npm run test:pg builds first)');
    const file = join(dir, 'openapi.json');
    // No DATABASE_URL, SQLITE_PATH or REDIS_URL that works: the CLI must need neither.
    const env = { PATH: process.env.PATH ?? '', REDIS_URL: 'redis://127.0.0.1:1', DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' };
    const { stdout } = await promisify(execFile)(process.execPath, [join(ROOT, 'dist', 'cli', 'openapi.js'), file], { env, timeout: 60_000 });
    expect(stdout).toContain(file);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(served);
  });
});
