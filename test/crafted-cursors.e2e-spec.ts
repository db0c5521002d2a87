import Database from 'better-sqlite3';
import pg from 'pg';
import { districtDate } from '../src/common/time/district-clock.js';
import { createBuilding, createUnit } from './factories/buildings.factory.js';
import { createCompany, createProject, moveProject } from './factories/records.factory.js';
import { createTestApp, ON_POSTGRES, TestApp } from './support/test-app.js';

const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
const SOME_ID = '01900000-0000-7000-8000-00000000beef';

/**
 * Bad input that answered 500 (issue 12, finding 8), on both databases: crafted cursors, a NUL in a
 * search, a lock held past the lock timeout.
 */
describe('crafted cursors, NUL searches and held locks', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ WORKERS: 'false', DB_LOCK_TIMEOUT_MS: '300' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers the issue’s timeline cursor, and a key that is an object, with 400 invalidCursor', async () => {
    const project = await createProject(t.admin.api);
    for (const cursor of ['eyJrIjp7InRvU3RyaW5nIjoxfSwiaWQiOiJ4IiwicyI6InRpbWVsaW5lIn0', b64({ k: { toString: 1 }, id: SOME_ID, s: 'timeline' })]) {
      const res = await t.admin.api.get(`/api/v1/projects/${project.id}/timeline?cursor=${cursor}`);
      expect({ status: res.status, details: res.body.details }).toEqual({ status: 400, details: [expect.objectContaining({ field: 'cursor', code: 'invalidCursor' })] });
    }
    const buildings = await t.admin.api.get(`/api/v1/buildings?sort=name&cursor=${b64({ k: { toString: 1 }, id: SOME_ID, s: 'name' })}`);
    expect(buildings.status).toBe(400);
  });

  it('answers a lease-expiring cursor whose key is not a date with 400 invalidCursor', async () => {
    const building = await createBuilding(t.admin.api);
    const company = await createCompany(t.admin.api);
    const project = await createProject(t.admin.api, { companyId: company.id });
    await moveProject(t.admin.api, project.id, 'REGISTERED');
    for (let i = 0; i < 2; i++) {
      const unit = await createUnit(t.admin.api, building.id);
      await t.admin.api.post(`/api/v1/projects/${project.id}/placements`).send({ unitId: unit.id, startDate: districtDate(), leaseEnd: districtDate(new Date(Date.now() + 10 * 86_400_000)) }).expect(201);
    }
    const first = await t.admin.api.get('/api/v1/units/lease-expiring?limit=1').expect(200);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    await t.admin.api.get(`/api/v1/units/lease-expiring?limit=1&cursor=${first.body.nextCursor}`).expect(200);
    for (const k of ['not-a-date', '2025-02-30', 20250101, null]) {
      const res = await t.admin.api.get(`/api/v1/units/lease-expiring?cursor=${b64({ k, id: SOME_ID, s: 'name' })}`);
      expect({ k, status: res.status, code: res.body.details?.[0]?.code }).toEqual({ k, status: 400, code: 'invalidCursor' });
    }
  });

  it('refuses a NUL in a search instead of matching every row', async () => {
    await createCompany(t.admin.api);
    const res = await t.admin.api.get('/api/v1/companies?q=%00');
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([expect.objectContaining({ field: 'q', code: 'noControlCharacters' })]);
  });

  it('answers 503 with Retry-After when another connection holds the lock past DB_LOCK_TIMEOUT_MS, and writes again once it is released', async () => {
    let release: () => Promise<void>;
    if (ON_POSTGRES) {
      const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await client.connect();
      const schema = (t.dataSource.options as { schema: string }).schema;
      await client.query('BEGIN');
      await client.query(`LOCK TABLE "${schema}".companies IN EXCLUSIVE MODE`);
      release = async () => {
        await client.query('ROLLBACK');
        await client.end();
      };
    } else {
      const side = new Database((t.dataSource.options as { database: string }).database);
      side.exec('BEGIN IMMEDIATE');
      release = async () => {
        side.exec('ROLLBACK');
        side.close();
      };
    }
    try {
      const res = await t.admin.api.post('/api/v1/companies').send({ name: '锁等待测试企业有限公司', industry: 'FINANCE' });
      expect({ status: res.status, code: res.body.code, retryAfter: Number(res.headers['retry-after']) > 0 }).toEqual({ status: 503, code: 'UNAVAILABLE', retryAfter: true });
    } finally {
      await release();
    }
    await t.admin.api.post('/api/v1/companies').send({ name: '锁等待测试企业有限公司', industry: 'FINANCE' }).expect(201);
  });
});
