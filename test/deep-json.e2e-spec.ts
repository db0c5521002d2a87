import { performance } from 'node:perf_hooks';
import request from 'supertest';
import { createTestApp, TestApp } from './support/test-app.js';

const nested = (depth: number): string => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

/**
 * Deeply nested JSON (issue 12, finding 2): 2,500 levels on POST /auth/login overflowed
 * class-transformer's stack (500, a stack in the log); 100,000 levels held the event loop 0.3 s a
 * request. Bodies deeper than 32 levels are refused with 400 on their bytes, before anything walks them.
 */
describe('deeply nested JSON bodies', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ WORKERS: 'false' });
  });
  afterAll(async () => {
    await t.close();
  });

  for (const depth of [2500, 100_000]) {
    it(`refuses a body nested ${depth.toLocaleString('en')} levels with 400 maxDepth, on login and on a write`, async () => {
      for (const [path, body] of [
        ['/api/v1/auth/login', `{"username":${nested(depth)},"password":"x"}`],
        ['/api/v1/companies', `{"name":"深层嵌套企业","industry":${nested(depth)}}`],
        ['/api/v1/companies', `${'['.repeat(depth)}${']'.repeat(depth)}`],
      ]) {
        const started = performance.now();
        const res = await request(t.http).post(path).set('Authorization', `Bearer ${t.admin.token}`).set('Content-Type', 'application/json').send(body);
        expect({ path, status: res.status, code: res.body.code, details: res.body.details }).toEqual({
          path,
          status: 400,
          code: 'MALFORMED_BODY',
          details: [expect.objectContaining({ field: 'body', code: 'maxDepth' })],
        });
        expect(performance.now() - started).toBeLessThan(1000);
      }
    });
  }

  it('keeps a cheap route answering while ten 100,000-deep bodies arrive at once', async () => {
    const body = `{"username":${nested(100_000)}}`;
    const bad = Array.from({ length: 10 }, () => request(t.http).post('/api/v1/auth/login').set('Content-Type', 'application/json').send(body));
    const started = performance.now();
    const health = await request(t.http).get('/health');
    const statuses = (await Promise.all(bad)).map((r) => r.status);
    expect(health.status).toBe(200);
    expect(statuses).toEqual(Array(10).fill(400));
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('still reads a body nested 32 levels (and says what is wrong with it)', async () => {
    const res = await t.admin.api.post('/api/v1/companies').set('Content-Type', 'application/json').send(`{"name":"浅层嵌套企业","industry":${nested(31)}}`);
    expect(res.status).toBe(400);
    expect(res.body.details.map((d: { code: string }) => d.code)).not.toContain('maxDepth');
    expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'industry' })]));
  });
});
