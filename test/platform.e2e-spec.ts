import request from 'supertest';
import { createTestApp, ON_POSTGRES, TestApp } from './support/test-app.js';

describe('the service platform', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('reports the database and Redis as up on /health', async () => {
    const res = await request(t.http).get('/health').expect(200);
    expect(res.body).toEqual({ status: 'ok', db: 'up', redis: 'up' });
  });

  it('serves the OpenAPI spec with every foundation route', async () => {
    const res = await request(t.http).get('/docs-json').expect(200);
    const paths = Object.keys(res.body.paths);
    for (const p of [
      '/health',
      '/api/v1/industries',
      '/api/v1/zones',
      '/api/v1/companies',
      '/api/v1/companies/{id}',
      '/api/v1/leads',
      '/api/v1/leads/{id}/convert',
      '/api/v1/leads/{id}/disqualify',
      '/api/v1/projects',
      '/api/v1/projects/{id}/transitions',
      '/api/v1/projects/{id}/fundings',
      '/api/v1/projects/{id}/activities',
      '/api/v1/projects/{id}/timeline',
      '/api/v1/projects/{id}/archive',
    ]) {
      expect(paths).toContain(p);
    }
    await request(t.http).get('/docs').expect(200);
  });

  it('answers malformed JSON with 400 and an oversized body with 413, in the error shape', async () => {
    const bad = await request(t.http)
      .post('/api/v1/companies')
      .set('content-type', 'application/json')
      .send('{"name": "半截')
      .expect(400);
    expect(bad.body).toMatchObject({ statusCode: 400, error: 'Bad Request', code: 'MALFORMED_BODY' });
    expect(typeof bad.body.message).toBe('string');

    const big = await request(t.http)
      .post('/api/v1/companies')
      .send({ name: 'x', notes: 'y'.repeat(1_100_000) })
      .expect(413);
    expect(big.body).toMatchObject({ statusCode: 413, error: 'Payload Too Large', code: 'PAYLOAD_TOO_LARGE' });
  });

  it('names the broken constraint of each bad field with a stable code, so a page can say it in Chinese', async () => {
    const res = await t.admin.api.post('/api/v1/companies').send({ name: '', qualifications: ['NOBEL'], color: 'red' }).expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION' });
    const byField = Object.fromEntries(res.body.details.map((d: { field: string; code: string }) => [d.field, d.code]));
    expect(byField).toMatchObject({ color: 'unknownField', qualifications: 'isIn' });
    expect(typeof byField.name).toBe('string');
    const id = await t.admin.api.get('/api/v1/companies/not-a-uuid').expect(400);
    expect(id.body.details).toEqual([{ field: 'id', code: 'isUuid', message: 'id must be a UUID' }]);
  });

  it('answers an unknown route with 404 in the error shape', async () => {
    const res = await request(t.http).get('/api/v1/nothing-here').expect(404);
    expect(res.body).toMatchObject({ statusCode: 404, error: 'Not Found', code: 'NOT_FOUND' });
  });

  it('builds the schema only from migrations, matching the entities exactly', async () => {
    const pending = await t.dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
    expect(t.dataSource.options.synchronize).toBe(false);
    expect(t.dataSource.options.type).toBe(ON_POSTGRES ? 'postgres' : 'better-sqlite3');
  });

  it('runs SQLite in WAL mode with synchronous=FULL and a busy timeout', async () => {
    if (ON_POSTGRES) return;
    const [{ journal_mode }] = await t.dataSource.query('PRAGMA journal_mode');
    const [{ synchronous }] = await t.dataSource.query('PRAGMA synchronous');
    const [{ timeout }] = await t.dataSource.query('PRAGMA busy_timeout');
    expect(journal_mode).toBe('wal');
    expect(synchronous).toBe(2);
    expect(timeout).toBeGreaterThanOrEqual(1000);
  });
});
