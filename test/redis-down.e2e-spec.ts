import { createServer } from 'node:net';
import request from 'supertest';
import { createTestApp, TestApp } from './support/test-app.js';

/** A port on which nothing listens: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('without Redis', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ REDIS_URL: `redis://127.0.0.1:${await closedPort()}` });
  });
  afterAll(async () => {
    await t.close();
  });

  it('still starts, answers /health 200 as degraded, and serves the API', async () => {
    const health = await request(t.http).get('/health').expect(200);
    expect(health.body).toEqual({ status: 'degraded', db: 'up', redis: 'down' });
    await t.admin.api.get('/api/v1/industries').expect(200);
  });
});
