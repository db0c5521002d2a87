import { districtDate, districtDayStart } from '../src/common/time/district-clock.js';
import { instant, instantBound } from '../src/database/sql.js';
import { addDays } from '../src/modules/buildings/calendar.js';
import { createLead } from './factories/records.factory.js';
import { createTestApp, ON_POSTGRES, TestApp, TestUser } from './support/test-app.js';

const HOUR = 3_600_000;

describe('leads: date and company filters, the activity log, conversion with sub-sectors and planned investment', () => {
  let t: TestApp;
  let officer: TestUser;
  let other: TestUser;
  let leader: TestUser;
  let manager: TestUser;
  let tagN = 0;
  const newTag = (): string => `线索${Date.now().toString(36)}${++tagN}`;

  beforeAll(async () => {
    t = await createTestApp();
    officer = await t.newUser('OFFICER');
    other = await t.newUser('OFFICER');
    leader = await t.newUser('LEADER');
    manager = await t.newUser('BUILDING_MANAGER');
  });
  afterAll(async () => {
    await t.close();
  });

  const p = (n: number): string => (ON_POSTGRES ? `$${n}` : '?');
  const count = async (table: string): Promise<number> => Number((await t.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
  const names = async (query: Record<string, string>): Promise<string[]> =>
    ((await officer.api.get('/api/v1/leads').query({ limit: 200, ...query }).expect(200)).body.items as { companyName: string }[]).map((l) => l.companyName).sort();

  describe('filters', () => {
    it("selects leads by their creation date in the district, both ends included", async () => {
      const tag = newTag();
      const today = districtDate();
      const dayBefore = addDays(today, -2);
      const yesterday = addDays(today, -1);
      const start = districtDayStart(yesterday);
      const em = t.dataSource.manager;
      const created = async (name: string, at: Date | string): Promise<void> => {
        const lead = await createLead(officer.api, { companyName: `${tag}${name}` });
        await t.dataSource.query(`UPDATE leads SET created_at = ${p(1)} WHERE id = ${p(2)}`, [at, lead.id]);
      };
      await created('前天深夜', instant(em, new Date(start.getTime() - 60_000)));
      await created('昨天零点整', instantBound(em, start)); // as the database's own default writes it: no fraction
      await created('昨天凌晨', instant(em, new Date(start.getTime() + 60_000)));
      await created('昨天深夜', instant(em, new Date(districtDayStart(today).getTime() - 60_000)));
      await created('今天', instant(em, new Date()));

      expect(await names({ q: tag, createdFrom: yesterday, createdTo: yesterday })).toEqual([`${tag}昨天零点整`, `${tag}昨天凌晨`, `${tag}昨天深夜`].sort());
      expect(await names({ q: tag, createdFrom: dayBefore, createdTo: dayBefore })).toEqual([`${tag}前天深夜`]);
      expect(await names({ q: tag, createdTo: dayBefore })).toEqual([`${tag}前天深夜`]);
      expect(await names({ q: tag, createdFrom: today })).toEqual([`${tag}今天`]);
      expect(await names({ q: tag, createdFrom: dayBefore })).toHaveLength(5);
    });

    it('selects the leads of a company', async () => {
      const tag = newTag();
      const first = await createLead(officer.api, { companyName: `${tag}甲有限公司`, industry: 'FINANCE' });
      const converted = await officer.api.post(`/api/v1/leads/${first.id}/convert`).send({}).expect(201);
      const companyId = converted.body.company.id;
      const second = await createLead(officer.api, { companyName: `${tag}甲公司另一条线索`, industry: 'FINANCE' });
      await officer.api.post(`/api/v1/leads/${second.id}/convert`).send({ companyId }).expect(201);
      await createLead(officer.api, { companyName: `${tag}乙有限公司` });
      expect(await names({ companyId })).toEqual([`${tag}甲公司另一条线索`, `${tag}甲有限公司`].sort());
    });

    it('answers bad filter values with 400 naming the field', async () => {
      const cases: [Record<string, string>, string, string][] = [
        [{ createdFrom: '2025-02-30' }, 'createdFrom', 'isDateOnly'],
        [{ createdTo: 'yesterday' }, 'createdTo', 'isDateOnly'],
        [{ createdFrom: '2025-06-02', createdTo: '2025-06-01' }, 'createdTo', 'notBeforeFrom'],
        [{ companyId: '42' }, 'companyId', 'isUuid'],
        [{ status: 'WON' }, 'status', 'isIn'],
        [{ createdOn: '2025-06-01' }, 'createdOn', 'unknownField'],
      ];
      for (const [query, field, code] of cases) {
        const res = await officer.api.get('/api/v1/leads').query(query).expect(400);
        expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field, code })]));
      }
    });
  });

  describe('activities', () => {
    const visit = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
      type: 'VISIT',
      at: new Date(Date.now() - 2 * HOUR).toISOString(),
      summary: '上门拜访，了解落户意向',
      ...over,
    });

    it('logs an activity, keeps the lead’s last activity and next follow-up, and sets the owner’s follow-up reminder', async () => {
      const lead = await createLead(officer.api);
      const at = new Date(Date.now() - 2 * HOUR);
      const next = new Date(Date.now() + 3 * 24 * HOUR);
      const res = await officer.api.post(`/api/v1/leads/${lead.id}/activities`).send(visit({ at: at.toISOString(), nextFollowUpAt: next.toISOString() })).expect(201);
      expect(res.body).toEqual({
        id: expect.any(String),
        leadId: lead.id,
        type: 'VISIT',
        at: at.toISOString(),
        summary: '上门拜访，了解落户意向',
        nextFollowUpAt: next.toISOString(),
        actorId: officer.id,
        poolEvent: null,
        createdAt: expect.any(String),
      });
      const after = (await officer.api.get(`/api/v1/leads/${lead.id}`).expect(200)).body;
      // Derived times only: an open edit of the lead does not become stale.
      expect(after).toMatchObject({ lastActivityAt: at.toISOString(), nextFollowUpAt: next.toISOString(), version: 1 });

      const reminders = await officer.api.get('/api/v1/reminders').query({ subjectType: 'LEAD', subjectId: lead.id }).expect(200);
      expect(reminders.body.items).toEqual([
        expect.objectContaining({ kind: 'FOLLOW_UP', status: 'SCHEDULED', assigneeId: officer.id, dueAt: next.toISOString(), message: expect.stringContaining('跟进线索') }),
      ]);

      // An older activity logged late does not move the last activity back; a new next follow-up replaces the reminder.
      const later = new Date(Date.now() + 5 * 24 * HOUR);
      await officer.api
        .post(`/api/v1/leads/${lead.id}/activities`)
        .send(visit({ type: 'CALL', at: new Date(Date.now() - 30 * HOUR).toISOString(), nextFollowUpAt: later.toISOString() }))
        .expect(201);
      const again = (await officer.api.get(`/api/v1/leads/${lead.id}`).expect(200)).body;
      expect(again).toMatchObject({ lastActivityAt: at.toISOString(), nextFollowUpAt: later.toISOString() });
      const replaced = await officer.api.get('/api/v1/reminders').query({ subjectType: 'LEAD', subjectId: lead.id }).expect(200);
      const byStatus = Object.fromEntries(replaced.body.items.map((r: { status: string; dueAt: string }) => [r.status, r.dueAt]));
      expect(byStatus).toEqual({ SCHEDULED: later.toISOString(), CANCELLED: next.toISOString() });

      const audit = await t.admin.api.get('/api/v1/audit').query({ entity: 'LeadActivity', entityId: res.body.id }).expect(200);
      expect(audit.body.items).toEqual([expect.objectContaining({ action: 'lead-activity.create', actorId: officer.id })]);
    });

    it('lists a lead’s activities newest first, page by page', async () => {
      const lead = await createLead(officer.api);
      const ids: string[] = [];
      for (const summary of ['第一次电话', '第二次拜访', '第三次会谈']) {
        ids.push((await officer.api.post(`/api/v1/leads/${lead.id}/activities`).send(visit({ summary })).expect(201)).body.id);
      }
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { body: { items: { id: string; leadId: string }[]; nextCursor: string | null } } = await leader.api
          .get(`/api/v1/leads/${lead.id}/activities`)
          .query({ limit: 2, ...(cursor && { cursor }) })
          .expect(200);
        expect(page.body.items.every((a) => a.leadId === lead.id)).toBe(true);
        seen.push(...page.body.items.map((a) => a.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual([...ids].reverse());
    });

    it('lets the owner and admins log, not another officer, a leader or a building manager', async () => {
      const lead = await createLead(officer.api);
      await t.admin.api.post(`/api/v1/leads/${lead.id}/activities`).send(visit()).expect(201);
      const before = await count('lead_activities');
      for (const who of [other, leader, manager]) {
        const res = await who.api.post(`/api/v1/leads/${lead.id}/activities`).send(visit()).expect(403);
        expect(res.body.code).toBe('FORBIDDEN');
      }
      await manager.api.get(`/api/v1/leads/${lead.id}/activities`).expect(403);
      expect(await count('lead_activities')).toBe(before);
    });

    it('answers 404 for a lead that does not exist', async () => {
      const missing = '01900000-0000-7000-8000-000000000000';
      await officer.api.post(`/api/v1/leads/${missing}/activities`).send(visit()).expect(404);
      await officer.api.get(`/api/v1/leads/${missing}/activities`).expect(404);
      await officer.api.get('/api/v1/leads/not-a-uuid/activities').expect(400);
    });

    it('refuses wrong types, unknown fields, bad types of activity and impossible times with 400, writing nothing', async () => {
      const lead = await createLead(officer.api);
      const before = await count('lead_activities');
      const cases: [Record<string, unknown>, string, string][] = [
        [visit({ type: 'FAX' }), 'type', 'isIn'],
        [visit({ type: 5 }), 'type', 'isIn'],
        [visit({ at: 'yesterday' }), 'at', 'isInstant'],
        [visit({ at: '2025-06-01T10:00:00' }), 'at', 'isInstant'],
        [visit({ summary: '   ' }), 'summary', 'isNotBlank'],
        [visit({ summary: 42 }), 'summary', 'isString'],
        [visit({ mood: 'good' }), 'mood', 'unknownField'],
        [visit({ at: new Date(Date.now() + 24 * HOUR).toISOString() }), 'at', 'notInFuture'],
        [visit({ at: new Date(Date.now() - HOUR).toISOString(), nextFollowUpAt: new Date(Date.now() - 2 * HOUR).toISOString() }), 'nextFollowUpAt', 'afterActivity'],
      ];
      for (const [body, field, code] of cases) {
        const res = await officer.api.post(`/api/v1/leads/${lead.id}/activities`).send(body).expect(400);
        expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field, code })]));
      }
      expect(await count('lead_activities')).toBe(before);
      expect((await officer.api.get(`/api/v1/leads/${lead.id}`).expect(200)).body.lastActivityAt).toBeNull();
    });

    it('refuses an activity on a converted or disqualified lead with 409 LEAD_CLOSED', async () => {
      const converted = await createLead(officer.api, { industry: 'TRADE' });
      await officer.api.post(`/api/v1/leads/${converted.id}/convert`).send({}).expect(201);
      const dropped = await createLead(officer.api);
      await officer.api.post(`/api/v1/leads/${dropped.id}/disqualify`).send({ reason: '企业无投资意向' }).expect(200);
      const before = await count('lead_activities');
      for (const lead of [converted, dropped]) {
        const res = await officer.api.post(`/api/v1/leads/${lead.id}/activities`).send(visit()).expect(409);
        expect(res.body).toMatchObject({ code: 'STATE_CONFLICT', rule: 'LEAD_CLOSED' });
      }
      expect(await count('lead_activities')).toBe(before);
    });
  });

  describe('conversion', () => {
    it('creates the project with the sub-sectors and planned investment given', async () => {
      const lead = await createLead(officer.api, { industry: 'FINANCE' });
      const res = await officer.api
        .post(`/api/v1/leads/${lead.id}/convert`)
        .send({ segments: ['FINANCE_FINANCING_LEASE', 'FINANCE_FINTECH'], plannedInvestment: { amount: 12345678.9, currency: 'CNY' } })
        .expect(201);
      expect(res.body.project).toMatchObject({
        industry: 'FINANCE',
        segments: ['FINANCE_FINANCING_LEASE', 'FINANCE_FINTECH'],
        plannedInvestment: { amount: '12345678.90', currency: 'CNY' },
        leadId: lead.id,
      });
    });

    it('checks them as project creation does, and converts nothing when they are wrong', async () => {
      const lead = await createLead(officer.api, { industry: 'FINANCE' });
      const cases: [Record<string, unknown>, string, string][] = [
        [{ segments: ['HEALTH_PRECISION_MEDICINE'] }, 'segments.0', 'segmentNotInIndustry'],
        [{ segments: ['NO_SUCH_SEGMENT'] }, 'segments.0', 'unknownSegment'],
        [{ segments: 'FINANCE_FINTECH' }, 'segments', 'isArray'],
        [{ segments: ['FINANCE_FINTECH', 'FINANCE_FINTECH'] }, 'segments', 'arrayUnique'],
        [{ plannedInvestment: { amount: '1.234', currency: 'CNY' } }, 'plannedInvestment.amount', 'isMoneyAmount'],
        [{ plannedInvestment: { amount: '100', currency: 'EUR' } }, 'plannedInvestment.currency', 'isIn'],
        [{ plannedInvestment: { amount: '100', currency: 'CNY', rate: 7 } }, 'plannedInvestment.rate', 'unknownField'],
      ];
      const projects = await count('projects');
      for (const [body, field, code] of cases) {
        const res = await officer.api.post(`/api/v1/leads/${lead.id}/convert`).send(body).expect(400);
        expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field, code })]));
      }
      expect(await count('projects')).toBe(projects);
      expect((await officer.api.get(`/api/v1/leads/${lead.id}`).expect(200)).body.status).toBe('NEW');
    });
  });
});
