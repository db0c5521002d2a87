import request from 'supertest';
import { createTestApp, TEST_PASSWORD, TestApp } from './support/test-app.js';

describe('accounts: revoked tokens and the password policy', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const versionOf = async (id: string): Promise<number> => (await t.admin.api.get(`/api/v1/users/${id}`).expect(200)).body.version;

  describe('tokens issued before a password change, a disable or a role change stop working', () => {
    it('a password reset revokes the tokens issued before it; a new login works', async () => {
      const user = await t.newUser('OFFICER');
      await user.api.get('/api/v1/auth/me').expect(200);
      await t.admin.api.patch(`/api/v1/users/${user.id}`).send({ version: await versionOf(user.id), password: 'a-brand-new-secret-77' }).expect(200);
      const res = await user.api.get('/api/v1/auth/me').expect(401);
      expect(res.body).toMatchObject({ code: 'UNAUTHENTICATED' });
      const again = await t.login(user.username, 'a-brand-new-secret-77');
      await again.api.get('/api/v1/auth/me').expect(200);
    });

    it('a disabled user’s tokens stop at once and stay dead after re-enabling', async () => {
      const user = await t.newUser('OFFICER');
      await user.api.get('/api/v1/auth/me').expect(200);
      await t.admin.api.patch(`/api/v1/users/${user.id}`).send({ version: await versionOf(user.id), active: false }).expect(200);
      await user.api.get('/api/v1/auth/me').expect(401);
      await t.admin.api.patch(`/api/v1/users/${user.id}`).send({ version: await versionOf(user.id), active: true }).expect(200);
      await user.api.get('/api/v1/auth/me').expect(401);
      const again = await t.login(user.username, TEST_PASSWORD);
      await again.api.get('/api/v1/auth/me').expect(200);
    });

    it('a role change revokes the tokens issued before it', async () => {
      const user = await t.newUser('OFFICER');
      await t.admin.api.patch(`/api/v1/users/${user.id}`).send({ version: await versionOf(user.id), role: 'LEADER' }).expect(200);
      await user.api.get('/api/v1/auth/me').expect(401);
      const again = await t.login(user.username, TEST_PASSWORD);
      expect((await again.api.get('/api/v1/auth/me').expect(200)).body.role).toBe('LEADER');
    });

    it('a change of display name or buildings keeps the tokens', async () => {
      const user = await t.newUser('OFFICER');
      await t.admin.api.patch(`/api/v1/users/${user.id}`).send({ version: await versionOf(user.id), displayName: '新名字' }).expect(200);
      expect((await user.api.get('/api/v1/auth/me').expect(200)).body.displayName).toBe('新名字');
    });
  });

  describe('password policy', () => {
    const create = (username: string, password: string): request.Test =>
      t.admin.api.post('/api/v1/users').send({ username, password, displayName: '密码测试', role: 'OFFICER' });
    const codesOf = (body: { details?: { field: string; code?: string }[] }): (string | undefined)[] =>
      (body.details ?? []).filter((d) => d.field === 'password').map((d) => d.code);

    it('refuses a password that is one repeated character, twelve spaces included', async () => {
      expect(codesOf((await create('pw.repeat', 'aaaaaaaaaaaa').expect(400)).body)).toEqual(['passwordRepeatedCharacter']);
      expect(codesOf((await create('pw.spaces', ' '.repeat(12)).expect(400)).body)).toEqual(['passwordRepeatedCharacter']);
    });

    it('refuses a password from the list of common passwords, also with digits or symbols around it', async () => {
      expect(codesOf((await create('pw.common', 'password1234').expect(400)).body)).toEqual(['passwordCommon']);
      expect(codesOf((await create('pw.common2', 'Qwertyuiop2026!').expect(400)).body)).toEqual(['passwordCommon']);
      expect(codesOf((await create('pw.common3', '1qaz2wsx3edc').expect(400)).body)).toEqual(['passwordCommon']);
    });

    it('refuses a password that equals or contains the username', async () => {
      expect(codesOf((await create('wang.xiaoming', 'wang.xiaoming').expect(400)).body)).toEqual(['passwordContainsUsername']);
      expect(codesOf((await create('wang.xiaoming', 'my-Wang.Xiaoming-2026').expect(400)).body)).toEqual(['passwordContainsUsername']);
    });

    it('keeps the length rule, and accepts a good password', async () => {
      expect(codesOf((await create('pw.short', 'k7#pQ2').expect(400)).body)).toEqual(['minLength']);
      await create('pw.good', 'harbour-lantern-pine-47').expect(201);
    });

    it('applies to a password change too, against the user’s own name', async () => {
      const user = await t.newUser('OFFICER');
      const res = await t.admin.api.patch(`/api/v1/users/${user.id}`).send({ version: await versionOf(user.id), password: `${user.username}-2026` }).expect(400);
      expect(codesOf(res.body)).toEqual(['passwordContainsUsername']);
      const common = await t.admin.api.patch(`/api/v1/users/${user.id}`).send({ version: await versionOf(user.id), password: 'zzzzzzzzzzzzzzz' }).expect(400);
      expect(codesOf(common.body)).toEqual(['passwordRepeatedCharacter']);
      // Refused: the old password still works, nothing was written.
      await t.login(user.username, TEST_PASSWORD);
    });
  });
});
