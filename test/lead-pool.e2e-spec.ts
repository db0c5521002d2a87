import { LeadPoolService } from '../src/modules/leads/lead-pool.service.js';
import { createLead, moveProject } from './factories/records.factory.js';
import { createTestApp, TestApp, TestUser } from './support/test-app.js';

/**
 * 公海: leads nobody works return to the shared pool, their owners warned first; officers claim them
 * (one winner when two claim at once, at most LEAD_POOL_CLAIM_LIMIT open claims), admins assign them;
 * every move is audited and in the lead's timeline; the first-contact officer (首谈人) keeps the credit.
 * The scan takes `now`, so "31 days later" is a parameter.
 */
describe('the lead pool (公海)', () => {
  let t: TestApp;
  let pool: LeadPoolService;
  let first: TestUser;
  let second: TestUser;
  const DAY = 86_400_000;
  const later = (days: number, from = Date.now()): Date => new Date(from + days * DAY);

  type Lead = { id: string; ownerId: string | null; inPool: boolean; poolEnteredAt: string | null; claimedAt: string | null; poolReturnAt: string | null };
  const lead = async (id: string): Promise<Lead> => (await t.admin.api.get(`/api/v1/leads/${id}`).expect(200)).body;
  const timeline = async (id: string): Promise<{ poolEvent: string | null; summary: string; actorId: string | null }[]> =>
    (await t.admin.api.get(`/api/v1/leads/${id}/activities`).expect(200)).body.items;
  const poolIds = async (): Promise<string[]> => {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Lead[]; nextCursor: string | null } = (await first.api.get(`/api/v1/leads/pool`).query({ limit: 200, ...(cursor && { cursor }) }).expect(200)).body;
      ids.push(...page.items.map((l: Lead) => l.id));
      cursor = page.nextCursor;
    } while (cursor);
    return ids;
  };
  const pooled = async (): Promise<string> => {
    const id = (await createLead(t.admin.api)).id;
    await t.admin.api.post(`/api/v1/leads/${id}/release`).send({ reason: '测试' }).expect(200);
    return id;
  };

  beforeAll(async () => {
    t = await createTestApp({ LEAD_POOL_DAYS: '30', LEAD_POOL_WARN_DAYS: '5', LEAD_POOL_CLAIM_LIMIT: '2' });
    pool = t.app.get(LeadPoolService);
    first = await t.newUser('OFFICER');
    second = await t.newUser('OFFICER');
  });
  afterAll(async () => {
    await t.close();
  });

  it('warns the owner once before the return, then returns an idle lead to the pool, audited and in its timeline', async () => {
    const idle = await createLead(first.api, { companyName: '久未跟进线索有限公司' });
    const created = Date.now();
    const before = await lead(idle.id);
    expect(before.inPool).toBe(false);
    expect(Date.parse(before.poolReturnAt as string)).toBeGreaterThanOrEqual(created + 30 * DAY - 60_000);

    await pool.scan(later(20, created));
    await pool.scan(later(26, created));
    await pool.scan(later(27, created));
    const notes = (await first.api.get('/api/v1/notifications?limit=200').expect(200)).body.items.filter(
      (n: { event: string; subjectId: string }) => n.event === 'LEAD_POOL' && n.subjectId === idle.id,
    );
    expect(notes).toHaveLength(1);
    expect(notes[0].title).toBe('线索即将退回公海：久未跟进线索有限公司');
    expect(notes[0].message).toMatch(/已 26 天没有跟进记录，将于 \d{4}-\d{2}-\d{2} 退回公海/);
    expect((await lead(idle.id)).ownerId).toBe(first.id);

    const result = await pool.scan(later(31, created));
    expect(result.returned).toBeGreaterThanOrEqual(1);
    const returned = await lead(idle.id);
    expect(returned).toMatchObject({ ownerId: null, inPool: true, poolReturnAt: null, claimedAt: null });
    expect(returned.poolEnteredAt).not.toBeNull();
    expect(await poolIds()).toContain(idle.id);
    const [move] = await timeline(idle.id);
    expect(move).toMatchObject({ poolEvent: 'RETURNED', actorId: null });
    expect(move.summary).toContain('天无跟进，自动退回公海');
    const audit = (await t.admin.api.get('/api/v1/audit').query({ entity: 'Lead', entityId: idle.id }).expect(200)).body.items;
    expect(audit.map((a: { action: string }) => a.action)).toContain('lead.pool.returned');
    // Its former owner no longer works it.
    await first.api.patch(`/api/v1/leads/${idle.id}`).send({ version: 1, notes: '再试' }).expect(403);
  });

  it('keeps a lead whose owner logged an activity, and converted or disqualified leads, out of the pool', async () => {
    const worked = await createLead(first.api);
    const dropped = await createLead(first.api);
    await first.api.post(`/api/v1/leads/${dropped.id}/disqualify`).send({ reason: '无意向' }).expect(200);
    const created = Date.now();
    await first.api.post(`/api/v1/leads/${worked.id}/activities`).send({ type: 'CALL', at: new Date().toISOString(), summary: '电话沟通' }).expect(201);
    await pool.scan(later(29, created));
    expect((await lead(worked.id)).ownerId).toBe(first.id);
    await pool.scan(later(31, created));
    expect((await lead(dropped.id)).inPool).toBe(false);
    expect(await poolIds()).not.toContain(dropped.id);
  });

  it('gives a lead claimed by two officers at once to exactly one of them; the other gets 409 LEAD_TAKEN', async () => {
    for (let round = 0; round < 3; round++) {
      const id = await pooled();
      const [a, b] = await Promise.all([first.api.post(`/api/v1/leads/${id}/claim`), second.api.post(`/api/v1/leads/${id}/claim`)]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      const loser = a.status === 409 ? a : b;
      expect(loser.body).toMatchObject({ code: 'STATE_CONFLICT', rule: 'LEAD_TAKEN' });
      const winner = a.status === 200 ? first : second;
      expect(await lead(id)).toMatchObject({ ownerId: winner.id, inPool: false });
      expect((await timeline(id)).filter((e) => e.poolEvent === 'CLAIMED')).toHaveLength(1);
      // Hand it back for the next round's limit.
      await winner.api.post(`/api/v1/leads/${id}/release`).send({}).expect(200);
    }
  });

  it('holds an officer to LEAD_POOL_CLAIM_LIMIT open claims; converting one frees a place', async () => {
    const officer = await t.newUser('OFFICER');
    const [a, b, c] = [await pooled(), await pooled(), await pooled()];
    await officer.api.post(`/api/v1/leads/${a}/claim`).expect(200);
    await officer.api.post(`/api/v1/leads/${b}/claim`).expect(200);
    const refused = await officer.api.post(`/api/v1/leads/${c}/claim`).expect(409);
    expect(refused.body.rule).toBe('LEAD_CLAIM_LIMIT');
    await officer.api.post(`/api/v1/leads/${a}/convert`).send({ industry: 'FINANCE' }).expect(201);
    await officer.api.post(`/api/v1/leads/${c}/claim`).expect(200);
    // Claiming a lead somebody owns, or one that is closed, is refused too.
    await second.api.post(`/api/v1/leads/${b}/claim`).expect(409);
    await second.api.post(`/api/v1/leads/${a}/claim`).expect(409);
  });

  it('lets an admin assign a pool lead, outside the claim limit; only the owner or an admin releases', async () => {
    const id = await pooled();
    const assigned = (await t.admin.api.post(`/api/v1/leads/${id}/assign`).send({ ownerId: second.id }).expect(200)).body;
    expect(assigned).toMatchObject({ ownerId: second.id, inPool: false, claimedAt: null });
    expect((await timeline(id))[0]).toMatchObject({ poolEvent: 'ASSIGNED', actorId: t.admin.id });
    await first.api.post(`/api/v1/leads/${id}/release`).send({}).expect(403);
    await second.api.post(`/api/v1/leads/${id}/release`).send({ reason: '企业暂无计划' }).expect(200);
    await second.api.post(`/api/v1/leads/${id}/release`).send({}).expect(403);
    expect((await t.admin.api.post(`/api/v1/leads/${id}/release`).send({}).expect(409)).body.rule).toBe('LEAD_IN_POOL');
    const [released] = await timeline(id);
    expect(released).toMatchObject({ poolEvent: 'RELEASED', summary: '交回公海：企业暂无计划' });
    await t.admin.api.post(`/api/v1/leads/${id}/assign`).send({ ownerId: (await t.newUser('LEADER')).id }).expect(400);
  });

  it('keeps the first-contact officer (首谈人) on the project for credit when the lead changed hands through the pool', async () => {
    await t.admin.api
      .post('/api/v1/plans')
      .send({ code: 'FYP15', name: '和平区第十五个五年规划', startDate: '2026-01-01', endDate: '2030-12-31', indicators: [{ code: 'JINGJI_PROJECTS', target: '1200', unit: 'PROJECTS' }] })
      .expect(201);
    const tip = await createLead(first.api, { companyName: '首谈人测试企业有限公司' });
    await first.api.post(`/api/v1/leads/${tip.id}/release`).send({}).expect(200);
    await second.api.post(`/api/v1/leads/${tip.id}/claim`).expect(200);
    const converted = (
      await second.api
        .post(`/api/v1/leads/${tip.id}/convert`)
        .send({ industry: 'FINANCE', relocation: { originProvince: 'BEIJING', function: 'HQ' } })
        .expect(201)
    ).body;
    expect(converted.project.ownerId).toBe(second.id);
    await moveProject(second.api, converted.project.id, 'SIGNED');
    const byFirst = (await t.admin.api.get('/api/v1/progress/breakdown').query({ plan: 'FYP15', indicator: 'JINGJI_PROJECTS', by: 'firstContact' }).expect(200)).body;
    expect(byFirst.rows.find((r: { key: string }) => r.key === first.id)).toMatchObject({ value: 1, labelZh: '测试OFFICER' });
    const byOwner = (await t.admin.api.get('/api/v1/progress/breakdown').query({ plan: 'FYP15', indicator: 'JINGJI_PROJECTS', by: 'owner' }).expect(200)).body;
    expect(byOwner.rows.find((r: { key: string }) => r.key === second.id)).toMatchObject({ value: 1 });
  });
});
