import { districtDate, districtDayStart } from '../src/common/time/district-clock.js';
import { instant } from '../src/database/sql.js';
import { addDays } from '../src/modules/buildings/calendar.js';
import { createCompany, createProject, moveProject } from './factories/records.factory.js';
import { binary } from './support/sheets.js';
import { createTestApp, ON_POSTGRES, TestApp, TestUser } from './support/test-app.js';

interface Item {
  id: string;
  name: string;
  stage: string;
  signedAt: string | null;
  lastActivityAt: string | null;
  nextFollowUpAt: string | null;
  plannedInvestment: { amount: string; currency: string } | null;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('the project list (项目库): filters, several stages, and sorts over nullable columns', () => {
  let t: TestApp;
  let officer: TestUser;
  let tagN = 0;
  /** A tag of its own per test: the list's q filter then shows that test's projects only. */
  const newTag = (): string => `列表${Date.now().toString(36)}${++tagN}`;

  beforeAll(async () => {
    t = await createTestApp();
    officer = await t.newUser('OFFICER');
  });
  afterAll(async () => {
    await t.close();
  });

  const list = async (query: Record<string, string | number | boolean | string[]>): Promise<{ items: Item[]; nextCursor: string | null }> =>
    (await officer.api.get('/api/v1/projects').query(query).expect(200)).body;
  const names = async (query: Record<string, string | number | boolean | string[]>): Promise<string[]> =>
    (await list({ limit: 200, ...query })).items.map((p) => p.name).sort();
  /** Every page of a list, following nextCursor. */
  const everyPage = async (query: Record<string, string | number>): Promise<Item[]> => {
    const out: Item[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Item[]; nextCursor: string | null } = await list({ ...query, ...(cursor && { cursor }) });
      out.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return out;
  };
  const project = async (tag: string, name: string, body: Record<string, unknown> = {}): Promise<Item> =>
    (await createProject(officer.api, { name: `${tag}${name}`, startedAt: '2024-01-01', ...body })) as unknown as Item;
  const activity = async (id: string, at: Date, next?: Date): Promise<void> => {
    await officer.api
      .post(`/api/v1/projects/${id}/activities`)
      .send({ type: 'CALL', at: at.toISOString(), summary: '电话沟通', ...(next && { nextFollowUpAt: next.toISOString() }) })
      .expect(201);
  };
  const setCreatedAt = async (id: string, at: Date): Promise<void> => {
    const em = t.dataSource.manager;
    await t.dataSource.query(`UPDATE projects SET created_at = ${ON_POSTGRES ? '$1' : '?'} WHERE id = ${ON_POSTGRES ? '$2' : '?'}`, [instant(em, at), id]);
  };

  describe('several stages at once', () => {
    it('returns exactly the projects at the stages asked for, in the list and in its export', async () => {
      const tag = newTag();
      const stages = ['NEGOTIATING', 'SITE_VISIT', 'SIGNED', 'REGISTERED', 'OPERATING', 'LOST'];
      for (const stage of stages) {
        const p = await project(tag, stage);
        if (stage === 'LOST') await moveProject(officer.api, p.id, 'LOST', { reason: '落户他区' });
        else if (stage === 'OPERATING') {
          await moveProject(officer.api, p.id, 'REGISTERED');
          await moveProject(officer.api, p.id, 'OPERATING');
        } else if (stage !== 'NEGOTIATING') await moveProject(officer.api, p.id, stage);
      }
      expect(await names({ q: tag, stage: 'SIGNED,REGISTERED' })).toEqual([`${tag}REGISTERED`, `${tag}SIGNED`]);
      expect(await names({ q: tag, stage: 'SIGNED' })).toEqual([`${tag}SIGNED`]);
      expect(await names({ q: tag, stage: ' LOST , NEGOTIATING,SITE_VISIT' })).toEqual([`${tag}LOST`, `${tag}NEGOTIATING`, `${tag}SITE_VISIT`]);
      // Repeated parameters mean the same as a comma-separated one.
      expect(await names({ q: tag, stage: ['OPERATING', 'LOST'] })).toEqual([`${tag}LOST`, `${tag}OPERATING`]);
      expect(await names({ q: tag })).toHaveLength(6);

      const csv = await officer.api.get('/api/v1/projects/export.csv').query({ q: tag, stage: 'SIGNED,REGISTERED' }).buffer(true).parse(binary).expect(200);
      const lines = (csv.body as Buffer).toString('utf8').slice(1).trim().split('\r\n');
      expect(lines).toHaveLength(3);
      expect(lines.slice(1).map((l) => l.split(',').find((c) => c.startsWith(tag))).sort()).toEqual([`${tag}REGISTERED`, `${tag}SIGNED`]);
    });

    it('refuses an unknown stage anywhere in the list, or an empty one, with 400 on stage', async () => {
      for (const stage of ['SIGNED,FLYING', '', 'SIGNED,,LOST', 'signed']) {
        const res = await officer.api.get('/api/v1/projects').query({ stage }).expect(400);
        expect(res.body.details).toEqual([expect.objectContaining({ field: 'stage' })]);
      }
      await officer.api.get('/api/v1/projects/export.xlsx').query({ stage: 'SIGNED,FLYING' }).expect(400);
    });
  });

  describe('filters', () => {
    it('filters by company, sub-sector, relocation function, central SOE and CNY planned investment (inclusive)', async () => {
      const tag = newTag();
      const c1 = await createCompany(officer.api);
      const c2 = await createCompany(officer.api);
      await project(tag, 'A', {
        companyId: c1.id,
        segments: ['FINANCE_FINANCING_LEASE'],
        relocation: { originProvince: 'BEIJING', function: 'HQ', centralSoe: true },
        plannedInvestment: { amount: '10000000.00', currency: 'CNY' },
      });
      await project(tag, 'B', {
        companyId: c2.id,
        segments: ['FINANCE_BANKING'],
        relocation: { originProvince: 'HEBEI', function: 'RND', centralSoe: false },
        plannedInvestment: { amount: '50000000', currency: 'CNY' },
      });
      await project(tag, 'C', { companyId: c1.id, plannedInvestment: { amount: '10000000.00', currency: 'USD' } });
      await project(tag, 'D', { companyId: c2.id });

      expect(await names({ q: tag, companyId: c1.id })).toEqual([`${tag}A`, `${tag}C`]);
      expect(await names({ q: tag, segment: 'FINANCE_FINANCING_LEASE' })).toEqual([`${tag}A`]);
      // A code is matched whole: neither a part of it nor LIKE's wildcards (the _ of codes) match another.
      expect(await names({ q: tag, segment: 'FINANCE_BANK' })).toEqual([]);
      expect(await names({ q: tag, segment: 'FINANCE%' })).toEqual([]);
      expect(await names({ q: tag, relocationFunction: 'HQ' })).toEqual([`${tag}A`]);
      expect(await names({ q: tag, centralSoe: true })).toEqual([`${tag}A`]);
      expect(await names({ q: tag, centralSoe: false })).toEqual([`${tag}B`]);
      expect(await names({ q: tag, plannedMin: '10000000' })).toEqual([`${tag}A`, `${tag}B`]);
      expect(await names({ q: tag, plannedMax: '10000000.00' })).toEqual([`${tag}A`]);
      expect(await names({ q: tag, plannedMin: '10000000.01' })).toEqual([`${tag}B`]);
      expect(await names({ q: tag, plannedMin: '10000000', plannedMax: '50000000' })).toEqual([`${tag}A`, `${tag}B`]);
    });

    it('answers wrong types, bad enums, unknown parameters and an upside-down range with 400 naming the field', async () => {
      const cases: [Record<string, string>, string, string?][] = [
        [{ companyId: 'not-a-uuid' }, 'companyId', 'isUuid'],
        [{ relocationFunction: 'CEO' }, 'relocationFunction', 'isIn'],
        [{ centralSoe: 'maybe' }, 'centralSoe', 'isBoolean'],
        [{ plannedMin: 'abc' }, 'plannedMin', 'isMoneyAmount'],
        [{ plannedMin: '-5' }, 'plannedMin', 'isMoneyAmount'],
        [{ plannedMax: '1.234' }, 'plannedMax', 'isMoneyAmount'],
        [{ plannedMin: '20', plannedMax: '10' }, 'plannedMax', 'notBelowMin'],
        [{ idleDays: '0' }, 'idleDays', 'min'],
        [{ idleDays: '1.5' }, 'idleDays', 'isInt'],
        [{ idleDays: 'abc' }, 'idleDays', 'isInt'],
        [{ followUpDue: 'yes' }, 'followUpDue', 'isBoolean'],
        [{ sort: 'stage' }, 'sort', 'isIn'],
        [{ sort: '--signedAt' }, 'sort', 'isIn'],
        [{ segment: 'X'.repeat(33) }, 'segment', 'maxLength'],
        [{ color: 'red' }, 'color', 'unknownField'],
      ];
      for (const [query, field, code] of cases) {
        const res = await officer.api.get('/api/v1/projects').query(query);
        expect([res.status, query]).toEqual([400, query]);
        expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field, code })]));
      }
    });

    it("counts idle days on the district's calendar: an activity late on a day is that district day's, not UTC's", async () => {
      const tag = newTag();
      const today = districtDate();
      // 23:59 in Tianjin three days ago, and 00:01 two days ago (still three days ago in UTC).
      const lateThreeDaysAgo = new Date(districtDayStart(addDays(today, -2)).getTime() - 60_000);
      const earlyTwoDaysAgo = new Date(districtDayStart(addDays(today, -2)).getTime() + 60_000);
      const late = await project(tag, '三天前深夜跟进');
      await activity(late.id, lateThreeDaysAgo);
      const early = await project(tag, '两天前凌晨跟进');
      await activity(early.id, earlyTwoDaysAgo);
      const never = await project(tag, '从未跟进十天前创建');
      await setCreatedAt(never.id, new Date(Date.now() - 10 * DAY));
      await project(tag, '今天新建');
      const lost = await project(tag, '已流失');
      await activity(lost.id, new Date(Date.now() - 20 * DAY));
      await moveProject(officer.api, lost.id, 'LOST', { reason: '落户他区' });
      const operating = await project(tag, '已投产');
      await setCreatedAt(operating.id, new Date(Date.now() - 20 * DAY));
      await moveProject(officer.api, operating.id, 'REGISTERED');
      await moveProject(officer.api, operating.id, 'OPERATING');

      expect(await names({ q: tag, idleDays: 3 })).toEqual([`${tag}三天前深夜跟进`, `${tag}从未跟进十天前创建`].sort());
      expect(await names({ q: tag, idleDays: 2 })).toEqual([`${tag}三天前深夜跟进`, `${tag}两天前凌晨跟进`, `${tag}从未跟进十天前创建`].sort());
      expect(await names({ q: tag, idleDays: 11 })).toEqual([]);
      expect(await names({ q: tag, idleDays: 10 })).toEqual([`${tag}从未跟进十天前创建`]);
    });

    it("finds follow-ups due before the end of the district's today, overdue ones included, open projects only", async () => {
      const tag = newTag();
      const today = districtDate();
      const yesterdayLate = new Date(districtDayStart(today).getTime() - 2 * HOUR);
      const endOfToday = districtDayStart(addDays(today, 1));
      const dueTonight = await project(tag, '今晚到期');
      await activity(dueTonight.id, yesterdayLate, new Date(endOfToday.getTime() - 1000));
      const tomorrow = await project(tag, '明天凌晨');
      await activity(tomorrow.id, yesterdayLate, new Date(endOfToday.getTime() + 1000));
      const overdue = await project(tag, '已逾期');
      await activity(overdue.id, yesterdayLate, new Date(districtDayStart(today).getTime() - HOUR));
      const lost = await project(tag, '流失逾期');
      await activity(lost.id, yesterdayLate, new Date(districtDayStart(today).getTime() - HOUR));
      await moveProject(officer.api, lost.id, 'LOST', { reason: '落户他区' });
      await project(tag, '未约跟进');

      expect(await names({ q: tag, followUpDue: true })).toEqual([`${tag}今晚到期`, `${tag}已逾期`].sort());
      expect(await names({ q: tag, followUpDue: false })).toEqual([`${tag}明天凌晨`, `${tag}流失逾期`, `${tag}未约跟进`].sort());
      expect(await names({ q: tag, followUpDue: true, sort: 'nextFollowUpAt' })).toHaveLength(2);
      const due = await list({ q: tag, followUpDue: true, sort: 'nextFollowUpAt' });
      expect(due.items.map((p) => p.name)).toEqual([`${tag}已逾期`, `${tag}今晚到期`]);
    });

    it('counts a follow-up as done once an activity is logged after it came due, and cancels its reminder', async () => {
      const tag = newTag();
      const today = districtDate();
      const twoDaysAgo = new Date(districtDayStart(addDays(today, -2)).getTime() + 10 * HOUR);
      const yesterday = new Date(districtDayStart(addDays(today, -1)).getTime() + 10 * HOUR);
      const called = await project(tag, '已回访');
      await activity(called.id, twoDaysAgo, yesterday);
      const waiting = await project(tag, '待回访');
      await activity(waiting.id, twoDaysAgo, yesterday);
      expect(await names({ q: tag, followUpDue: true })).toEqual([`${tag}已回访`, `${tag}待回访`].sort());
      const reminder = async (id: string): Promise<{ status: string }> =>
        (await officer.api.get('/api/v1/reminders').query({ subjectType: 'PROJECT', subjectId: id }).expect(200)).body.items[0];
      // The reminder was due yesterday; a Redis-less pass may not have sent it yet: either way it is not open after the call.
      const before = await reminder(called.id);
      await activity(called.id, new Date(Date.now() - 60_000));
      expect(await names({ q: tag, followUpDue: true })).toEqual([`${tag}待回访`]);
      expect(await names({ q: tag, followUpDue: false })).toEqual([`${tag}已回访`]);
      const detail = (await officer.api.get(`/api/v1/projects/${called.id}`).expect(200)).body;
      expect(detail.nextFollowUpAt).toBeNull();
      const after = await reminder(called.id);
      expect(after.status).toBe(before.status === 'SCHEDULED' ? 'CANCELLED' : before.status);
    });
  });

  describe('sorting by columns that may be empty', () => {
    const SORTS = ['signedAt', 'lastActivityAt', 'plannedInvestment', 'nextFollowUpAt'] as const;
    type Column = (typeof SORTS)[number];
    const valueOf = (p: Item, column: Column): string | bigint | null => {
      if (column === 'plannedInvestment') return p.plannedInvestment ? BigInt(p.plannedInvestment.amount.replace('.', '')) : null;
      return p[column];
    };
    /** The order the API promises: values in the direction asked, ties by id the same way, nulls last either way. */
    const expected = (items: Item[], column: Column, desc: boolean): string[] => {
      const cmp = <T>(a: T, b: T): number => (a < b ? -1 : a > b ? 1 : 0);
      const sign = desc ? -1 : 1;
      const valued = items.filter((p) => valueOf(p, column) !== null);
      const nulls = items.filter((p) => valueOf(p, column) === null);
      valued.sort((a, b) => sign * (cmp(valueOf(a, column), valueOf(b, column)) || cmp(a.id, b.id)));
      nulls.sort((a, b) => sign * cmp(a.id, b.id));
      return [...valued, ...nulls].map((p) => p.id);
    };

    let tag: string;
    let rows: Item[];
    const now = Date.now();
    const fiveDaysAgo = new Date(now - 5 * DAY);
    const twoDaysAgo = new Date(now - 2 * DAY);

    beforeAll(async () => {
      tag = newTag();
      const signed = async (name: string, at: string, body: Record<string, unknown> = {}): Promise<Item> => {
        const p = await project(tag, name, body);
        await moveProject(officer.api, p.id, 'SIGNED', { at });
        return p;
      };
      const a = await signed('a', '2025-01-10', { plannedInvestment: { amount: '100.00', currency: 'CNY' } });
      await activity(a.id, fiveDaysAgo, new Date(now + 3 * DAY));
      const b = await signed('b', '2025-01-10', { plannedInvestment: { amount: '100.00', currency: 'CNY' } });
      await activity(b.id, fiveDaysAgo);
      const c = await project(tag, 'c', { plannedInvestment: { amount: '300.00', currency: 'CNY' } });
      await activity(c.id, twoDaysAgo, new Date(now + DAY));
      await signed('d', '2025-03-01');
      const e = await project(tag, 'e', { plannedInvestment: { amount: '200.00', currency: 'CNY' } });
      await activity(e.id, new Date(now - DAY), new Date(now + 3 * DAY));
      const f = await signed('f', '2024-12-31');
      await activity(f.id, twoDaysAgo);
      await project(tag, 'g');
      await project(tag, 'h', { plannedInvestment: { amount: '100.00', currency: 'CNY' } });
      rows = (await list({ q: tag, limit: 200 })).items;
      expect(rows).toHaveLength(8);
    });

    for (const column of SORTS) {
      for (const desc of [false, true]) {
        const sort = `${desc ? '-' : ''}${column}`;
        it(`pages through sort=${sort} with every row once, in order, nulls last`, async () => {
          for (const limit of [1, 2, 3]) {
            const got = (await everyPage({ q: tag, sort, limit })).map((p) => p.id);
            expect(new Set(got).size).toBe(got.length);
            expect(got).toEqual(expected(rows, column, desc));
          }
        });
      }
    }

    it('stays stable under inserts: rows added behind the cursor are not seen, rows ahead are seen once', async () => {
      const first = await list({ q: tag, sort: '-lastActivityAt', limit: 3 });
      const seen = first.items.map((p) => p.id);
      // Newer than anything (sorts before the cursor), between the pages, and one without a value (last).
      const newest = await project(tag, 'i');
      await activity(newest.id, new Date());
      const between = await project(tag, 'j');
      await activity(between.id, new Date(now - 3 * DAY));
      const empty = await project(tag, 'k');
      let cursor = first.nextCursor;
      while (cursor) {
        const page = await list({ q: tag, sort: '-lastActivityAt', limit: 3, cursor });
        seen.push(...page.items.map((p) => p.id));
        cursor = page.nextCursor;
      }
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen).not.toContain(newest.id);
      expect(seen).toEqual(expect.arrayContaining([...rows.map((r) => r.id), between.id, empty.id]));
      expect(seen).toHaveLength(rows.length + 2);
      expect(seen[seen.length - 1]).toBe(expected([...rows, empty] as Item[], 'lastActivityAt', true).at(-1));
    });

    it('refuses a cursor of another sort, a made-up one and one whose key has the wrong type', async () => {
      const page = await list({ q: tag, sort: 'signedAt', limit: 2 });
      const bad = [
        page.nextCursor as string,
        'not-a-cursor',
        Buffer.from(JSON.stringify({ k: 12, id: rows[0].id, s: 'lastActivityAt' })).toString('base64url'),
        Buffer.from(JSON.stringify({ k: { toString: 1 }, id: rows[0].id, s: 'lastActivityAt' })).toString('base64url'),
        Buffer.from(JSON.stringify({ k: '2025-02-30T00:00:00.000Z', id: rows[0].id, s: 'lastActivityAt' })).toString('base64url'),
        Buffer.from(JSON.stringify({ k: null, id: "x' OR 1=1", s: 'lastActivityAt' })).toString('base64url'),
      ];
      for (const cursor of bad) {
        const res = await officer.api.get('/api/v1/projects').query({ q: tag, sort: 'lastActivityAt', cursor }).expect(400);
        expect(res.body.details).toEqual([expect.objectContaining({ field: 'cursor' })]);
      }
      await officer.api.get('/api/v1/projects').query({ sort: 'plannedInvestment', cursor: Buffer.from(JSON.stringify({ k: '1e5', id: rows[0].id, s: 'plannedInvestment' })).toString('base64url') }).expect(400);
    });

    it('exports in the sort asked for', async () => {
      const res = await officer.api.get('/api/v1/projects/export.csv').query({ q: tag, sort: '-plannedInvestment' }).buffer(true).parse(binary).expect(200);
      const lines = (res.body as Buffer).toString('utf8').slice(1).trim().split('\r\n');
      const header = lines[0].split(',');
      const ids = lines.slice(1).map((l) => l.split(',')[header.indexOf('ID')]);
      expect(ids.filter((id) => rows.some((r) => r.id === id))).toEqual(expected(rows, 'plannedInvestment', true));
    });
  });

  describe('indexes that serve the orders', () => {
    const plan = async (sql: string, params: unknown[]): Promise<string> => {
      const runner = t.dataSource.createQueryRunner();
      try {
        if (!ON_POSTGRES) return ((await runner.query(`EXPLAIN QUERY PLAN ${sql}`, params)) as { detail: string }[]).map((r) => r.detail).join('\n');
        // A handful of rows: make the planner show what it would do with a million.
        await runner.query('SET enable_seqscan = off');
        await runner.query('SET enable_sort = off');
        const n = { i: 0 };
        const text = sql.replace(/\?/g, () => `$${++n.i}`);
        const out = ((await runner.query(`EXPLAIN ${text}`, params)) as Record<string, string>[]).map((r) => Object.values(r)[0]).join('\n');
        await runner.query('RESET enable_seqscan');
        await runner.query('RESET enable_sort');
        return out;
      } finally {
        await runner.release();
      }
    };

    it.each([
      ['last_activity_at', 'idx_projects_last_activity', new Date()],
      ['next_follow_up_at', 'idx_projects_next_follow_up', new Date()],
      ['planned_investment', 'idx_projects_planned', '100'],
      ['signed_at', 'idx_projects_signed', '2025-01-01'],
    ])('reads a page of %s from %s, without sorting', async (column, index, key) => {
      const em = t.dataSource.manager;
      const k = key instanceof Date ? instant(em, key) : key;
      const id = '01900000-0000-7000-8000-000000000000';
      for (const dir of ['DESC', 'ASC']) {
        const cmp = dir === 'DESC' ? '<' : '>';
        const valued = await plan(
          `SELECT p.id FROM projects p WHERE p.archived_at IS NULL AND p.${column} IS NOT NULL AND (p.${column}, p.id) ${cmp} (?, ?) ORDER BY p.${column} ${dir}, p.id ${dir} LIMIT 51`,
          [k, id],
        );
        expect(valued).toContain(index);
        expect(valued).not.toMatch(/TEMP B-TREE|Sort/);
        // The rows without a value, by id: the NULL range of the same index, or the primary key, as the
        // statistics make cheaper; either way read in order, never sorted.
        const nulls = await plan(`SELECT p.id FROM projects p WHERE p.archived_at IS NULL AND p.${column} IS NULL AND p.id ${cmp} ? ORDER BY p.id ${dir} LIMIT 51`, [id]);
        expect(nulls).toMatch(/INDEX|Index/);
        expect(nulls).not.toMatch(/TEMP B-TREE|Sort/);
      }
    });
  });
});
