import { JwtService } from '@nestjs/jwt';
import request from 'supertest';
import { createProject, moveProject } from './factories/records.factory.js';
import { ADMIN_TEST_PASSWORD, createTestApp, TEST_PASSWORD, TestApp } from './support/test-app.js';

describe('authentication, users and the audit trail', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('logs in with username and password and returns a bearer token and the user, never a hash', async () => {
    const res = await request(t.http).post('/api/v1/auth/login').send({ username: 'admin', password: ADMIN_TEST_PASSWORD }).expect(200);
    expect(res.body).toMatchObject({ tokenType: 'Bearer', user: { username: 'admin', role: 'ADMIN' } });
    expect(res.body.accessToken.split('.')).toHaveLength(3);
    expect(JSON.stringify(res.body)).not.toMatch(/scrypt|passwordHash/);
    const me = await request(t.http).get('/api/v1/auth/me').set('Authorization', `Bearer ${res.body.accessToken}`).expect(200);
    expect(me.body).toMatchObject({ username: 'admin', role: 'ADMIN', displayName: '系统管理员' });
  });

  it('answers a wrong password and an unknown user alike with 401', async () => {
    const wrong = await request(t.http).post('/api/v1/auth/login').send({ username: 'admin', password: 'nope-nope-nope' }).expect(401);
    const unknown = await request(t.http).post('/api/v1/auth/login').send({ username: 'ghost', password: 'nope-nope-nope' }).expect(401);
    expect(wrong.body.message).toBe(unknown.body.message);
    await request(t.http).post('/api/v1/auth/login').send({ username: 'admin' }).expect(400);
  });

  it('refuses further logins with 429 after five failures for one account, even with the right password', async () => {
    const user = await t.newUser('OFFICER');
    for (let i = 0; i < 5; i++) {
      await request(t.http).post('/api/v1/auth/login').send({ username: user.username, password: 'wrong-password-x' }).expect(401);
    }
    const blocked = await request(t.http).post('/api/v1/auth/login').send({ username: user.username, password: TEST_PASSWORD }).expect(429);
    expect(blocked.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests', code: 'RATE_LIMITED' });
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // Other accounts are not affected.
    await t.login('admin', ADMIN_TEST_PASSWORD);
  });

  it('rejects an expired token and the token of a disabled user with 401', async () => {
    const [{ value: secret }] = await t.dataSource.query("SELECT value FROM app_secrets WHERE name = 'jwt'");
    const expired = new JwtService().sign({ sub: t.admin.id, username: 'admin', role: 'ADMIN' }, { secret, expiresIn: -10 });
    const res = await request(t.http).get('/api/v1/auth/me').set('Authorization', `Bearer ${expired}`).expect(401);
    expect(res.body.message).toMatch(/expired/);

    const user = await t.newUser('OFFICER');
    await user.api.get('/api/v1/auth/me').expect(200);
    await t.admin.api.patch(`/api/v1/users/${user.id}`).send({ version: 1, active: false }).expect(200);
    await user.api.get('/api/v1/auth/me').expect(401);
    await request(t.http).post('/api/v1/auth/login').send({ username: user.username, password: TEST_PASSWORD }).expect(401);
  });

  it("tells a page what the user's role may do, all records or only its own", async () => {
    const officer = await t.newUser('OFFICER');
    const mine = await officer.api.get('/api/v1/auth/permissions').expect(200);
    expect(mine.body.role).toBe('OFFICER');
    expect(mine.body.actions).toMatchObject({ 'project.read': 'ALL', 'project.update': 'OWN', 'lead.create': 'ALL' });
    expect(mine.body.actions['user.manage']).toBeUndefined();
    expect(mine.body.known).toContain('user.manage');
    const leader = await t.newUser('LEADER');
    const theirs = await leader.api.get('/api/v1/auth/permissions').expect(200);
    expect(theirs.body.actions['project.update']).toBeUndefined();
    expect(theirs.body.actions['progress.read']).toBe('ALL');
  });

  it('applies a changed role at once: earlier tokens are revoked, a new login carries the new role', async () => {
    const user = await t.newUser('OFFICER');
    await user.api.post('/api/v1/leads').send({ companyName: '角色测试', source: 'FAIR' }).expect(201);
    await t.admin.api.patch(`/api/v1/users/${user.id}`).send({ version: 1, role: 'LEADER' }).expect(200);
    await user.api.post('/api/v1/leads').send({ companyName: '角色测试', source: 'FAIR' }).expect(401);
    const again = await t.login(user.username, TEST_PASSWORD);
    await again.api.post('/api/v1/leads').send({ companyName: '角色测试', source: 'FAIR' }).expect(403);
  });

  it('creates users with unique lower-case names and strong passwords, and keeps one admin', async () => {
    const res = await t.admin.api
      .post('/api/v1/users')
      .send({ username: 'Zhang.Wei', password: 'a-strong-password', displayName: '张伟', role: 'OFFICER' })
      .expect(201);
    expect(res.body).toMatchObject({ username: 'zhang.wei', role: 'OFFICER', active: true, buildingIds: [] });
    expect(JSON.stringify(res.body)).not.toMatch(/scrypt|password/i);
    await t.admin.api.post('/api/v1/users').send({ username: 'zhang.wei', password: 'a-strong-password', displayName: '张伟', role: 'OFFICER' }).expect(409);
    const weak = await t.admin.api.post('/api/v1/users').send({ username: 'li.na', password: 'short', displayName: '李娜', role: 'CEO' }).expect(400);
    expect(weak.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['password', 'role']);
    const list = await t.admin.api.get('/api/v1/users').expect(200);
    expect(JSON.stringify(list.body)).not.toMatch(/scrypt/);
    const last = await t.admin.api.patch(`/api/v1/users/${t.admin.id}`).send({ version: 1, role: 'LEADER' }).expect(409);
    expect(last.body.message).toMatch(/one active ADMIN/);
  });

  it('assigns buildings only to building managers, and only buildings that exist', async () => {
    const [{ id: buildingId }] = await t.dataSource.query('SELECT id FROM buildings ORDER BY id LIMIT 1');
    const manager = await t.newUser('BUILDING_MANAGER', { buildingIds: [buildingId] });
    const me = await manager.api.get('/api/v1/auth/me').expect(200);
    expect(me.body.buildingIds).toEqual([buildingId]);
    const wrongRole = await t.admin.api
      .post('/api/v1/users')
      .send({ username: 'officer.bld', password: 'a-strong-password', displayName: 'x', role: 'OFFICER', buildingIds: [buildingId] })
      .expect(400);
    expect(wrongRole.body.details[0].field).toBe('buildingIds');
    await t.admin.api
      .post('/api/v1/users')
      .send({ username: 'mgr.ghost', password: 'a-strong-password', displayName: 'x', role: 'BUILDING_MANAGER', buildingIds: ['01900000-0000-7000-8000-000000000000'] })
      .expect(400);
  });

  it('records who changed what, before and after, and shows it to leaders but not officers', async () => {
    const officer = await t.newUser('OFFICER');
    const leader = await t.newUser('LEADER');
    const p = await createProject(officer.api, { name: '审计项目' });
    await moveProject(officer.api, p.id, 'SIGNED', { note: '正式签约' });
    await officer.api.post(`/api/v1/projects/${p.id}/transitions`).send({ to: 'NEGOTIATING' }).expect(409);
    const res = await leader.api.get('/api/v1/audit').query({ entity: 'Project', entityId: p.id }).expect(200);
    expect(res.body.items.map((e: { action: string }) => e.action)).toEqual(['project.transition', 'project.create']);
    const transition = res.body.items[0];
    expect(transition).toMatchObject({ actorId: officer.id, actorUsername: officer.username });
    expect(transition.changes.stage).toEqual({ before: 'NEGOTIATING', after: 'SIGNED' });
    expect(transition.changes.note).toEqual({ before: null, after: '正式签约' });
    expect(res.body.items[1].changes.name).toEqual({ before: null, after: '审计项目' });
    await officer.api.get('/api/v1/audit').expect(403);
    const byActor = await t.admin.api.get('/api/v1/audit').query({ actorId: officer.id }).expect(200);
    expect(byActor.body.items.length).toBeGreaterThanOrEqual(3);
  });

  it('sends security headers', async () => {
    const res = await request(t.http).get('/health').expect(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });
});
