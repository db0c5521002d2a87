import { Agent } from 'node:http';
import request from 'supertest';
import { OwnRedis } from './support/redis-server.js';
import { createTestApp, TEST_PASSWORD, TestApp } from './support/test-app.js';

/**
 * The login throttle (docs/users-and-security.md, "Login throttling"): guessing is stopped per address and per account,
 * but a stranger's failures never lock the owner out of a device or an address they signed in from
 * before. Counters live in Redis (shared by instances), in memory while Redis is away. Clients come
 * from different loopback addresses (127.0.0.x), as from different machines.
 */
describe('login throttling', () => {
  let redis: OwnRedis;
  let t: TestApp;
  const agents: Agent[] = [];

  /** An HTTP agent whose connections come from `address`. */
  const from = (address: string): Agent => {
    const agent = new Agent({ localAddress: address });
    agents.push(agent);
    return agent;
  };
  const login = (agent: Agent, username: string, password: string, cookie?: string): request.Test => {
    const req = request(t.http).post('/api/v1/auth/login').agent(agent).send({ username, password });
    return cookie ? req.set('Cookie', cookie) : req;
  };
  /** The device cookie a successful login set. */
  const deviceCookie = (res: request.Response): string => {
    const set = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
    const cookie = set.find((c) => c.startsWith('heping_device='));
    if (!cookie) throw new Error(`no device cookie in ${JSON.stringify(set)}`);
    return cookie.split(';')[0];
  };

  beforeAll(async () => {
    redis = await OwnRedis.start();
    t = await createTestApp({ REDIS_URL: redis.url, LOGIN_MAX_FAILURES: '5', LOGIN_ACCOUNT_MAX_FAILURES: '20', LOGIN_RATE_LIMIT: '30' });
  });
  afterAll(async () => {
    for (const a of agents) a.destroy();
    await t.close();
    await redis.stop();
  });

  it('sets an HttpOnly, SameSite device cookie scoped to the auth routes on a successful login', async () => {
    const user = await t.newUser('OFFICER');
    const res = await login(from('127.0.0.2'), user.username, TEST_PASSWORD).expect(200);
    const set = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('heping_device=')) ?? '';
    expect(set).toMatch(/HttpOnly/i);
    expect(set).toMatch(/SameSite=Strict/i);
    expect(set).toMatch(/Path=\/api\/v1\/auth/);
    expect(set).toMatch(/Max-Age=\d+/);
  });

  it('a stranger failing from several addresses cannot lock the owner out of a known address or device', async () => {
    const owner = await t.newUser('OFFICER');
    // The owner signed in before: from the office (127.0.0.10), and from a laptop that kept its cookie.
    await login(from('127.0.0.10'), owner.username, TEST_PASSWORD).expect(200);
    const laptop = deviceCookie(await login(from('127.0.0.11'), owner.username, TEST_PASSWORD).expect(200));
    // A stranger guesses from four addresses, five wrong passwords each: 20 failures in a minute.
    for (let a = 20; a < 24; a++) {
      const stranger = from(`127.0.0.${a}`);
      for (let i = 0; i < 5; i++) await login(stranger, owner.username, `wrong-guess-${a}-${i}`).expect(401);
      // The sixth try from the same address is refused, right password or not.
      const blocked = await login(stranger, owner.username, TEST_PASSWORD).expect(429);
      expect(blocked.body).toMatchObject({ code: 'RATE_LIMITED' });
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    }
    // New addresses without a cookie are held back for this account (the guessing stops)…
    const fresh = await login(from('127.0.0.30'), owner.username, TEST_PASSWORD).expect(429);
    expect(Number(fresh.headers['retry-after'])).toBeGreaterThan(0);
    // …but the owner gets in from the office address and from the laptop on a new network.
    await login(from('127.0.0.10'), owner.username, TEST_PASSWORD).expect(200);
    await login(from('127.0.0.31'), owner.username, TEST_PASSWORD, laptop).expect(200);
    // Other accounts are not affected.
    const other = await t.newUser('OFFICER');
    await login(from('127.0.0.32'), other.username, TEST_PASSWORD).expect(200);
  });

  it('the owner’s own device is limited by its own failures only, so a stranger at the same address cannot block it', async () => {
    const owner = await t.newUser('OFFICER');
    const office = from('127.0.0.40');
    const cookie = deviceCookie(await login(office, owner.username, TEST_PASSWORD).expect(200));
    // A colleague at the same office address (behind the same NAT) fails five times: that address is throttled…
    for (let i = 0; i < 5; i++) await login(office, owner.username, `nat-guess-${i}`).expect(401);
    await login(office, owner.username, TEST_PASSWORD).expect(429);
    // …but not the owner's browser, which carries the device cookie.
    await login(office, owner.username, TEST_PASSWORD, cookie).expect(200);
    // A device cookie does not open another account, and a forged one counts for nothing.
    const other = await t.newUser('OFFICER');
    for (let i = 0; i < 5; i++) await login(from('127.0.0.41'), other.username, `x-guess-${i}`).expect(401);
    await login(from('127.0.0.41'), other.username, TEST_PASSWORD, cookie).expect(429);
    await login(from('127.0.0.41'), other.username, TEST_PASSWORD, `${cookie.slice(0, -4)}AAAA`).expect(429);
    // The device's own failures still stop guessing from it.
    for (let i = 0; i < 5; i++) await login(from('127.0.0.42'), owner.username, `own-typo-${i}`, cookie).expect(401);
    await login(from('127.0.0.42'), owner.username, TEST_PASSWORD, cookie).expect(429);
  });

  it('limits every address to LOGIN_RATE_LIMIT attempts a minute, whichever accounts it tries', async () => {
    const spray = from('127.0.0.50');
    for (let i = 0; i < 30; i++) await login(spray, `nobody-${i}`, 'wrong-password-x').expect(401);
    const res = await login(spray, 'nobody-31', 'wrong-password-x').expect(429);
    expect(res.body).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED' });
  });

  it('keeps the counters in Redis, so another instance sees them', async () => {
    const user = await t.newUser('OFFICER');
    const address = from('127.0.0.60');
    for (let i = 0; i < 5; i++) await login(address, user.username, `guess-${i}`).expect(401);
    const second = await t.restart();
    try {
      await request(second.http).post('/api/v1/auth/login').agent(address).send({ username: user.username, password: TEST_PASSWORD }).expect(429);
    } finally {
      await second.stop();
    }
  });

  it('falls back to counting in memory while Redis is down', async () => {
    const user = await t.newUser('OFFICER');
    await redis.stop();
    try {
      const address = from('127.0.0.70');
      for (let i = 0; i < 5; i++) await login(address, user.username, `guess-${i}`).expect(401);
      await login(address, user.username, TEST_PASSWORD).expect(429);
      await login(from('127.0.0.71'), user.username, TEST_PASSWORD).expect(200);
    } finally {
      await redis.restart();
    }
  });
});
