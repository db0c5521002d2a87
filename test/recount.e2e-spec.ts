import ExcelJS from 'exceljs';
import { districtDate } from '../src/common/time/district-clock.js';
import { addDays } from '../src/modules/buildings/calendar.js';
import { createBuilding, createUnit } from './factories/buildings.factory.js';
import { createCompany } from './factories/records.factory.js';
import { validUscc } from './factories/uscc.factory.js';
import request from 'supertest';
import { type OpenApiDocument, ResponseChecker } from './support/openapi-responses.js';
import { binary } from './support/sheets.js';
import { Client, createTestApp, ON_POSTGRES, TestApp, TestUser } from './support/test-app.js';

/**
 * The recount (issue 14, "Done when"): a district generated through the API — projects from Beijing,
 * Hebei and elsewhere, in every stage, signed before, inside and after the plan, funds in place in CNY
 * and USD (verified, reversed), placements (released, ended by a loss), dated qualifications, archived
 * projects, a stage correction — and then all seven indicators recounted from the raw rows with plain
 * SQL reads and arithmetic here, independently of the service's queries, and compared with what
 * GET /progress, every breakdown, /progress/records and the Excel report say, at several dates.
 */

/** mulberry32: a small seeded generator, so a failure can be replayed. */
function rng(seed: number): { next(): number; int(lo: number, hi: number): number; pick<T>(xs: readonly T[]): T; chance(p: number): boolean } {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (xs) => xs[Math.floor(next() * xs.length)],
    chance: (p) => next() < p,
  };
}

const SEED = Number(process.env.RECOUNT_SEED ?? 20261201);
const TODAY = districtDate();
const daysBetween = (a: string, b: string): number => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);
const laterOf = (a: string, b: string): string => (a > b ? a : b);
const earlierOf = (a: string, b: string): string => (a < b ? a : b);
const cents = (v: string | number): bigint => {
  const s = typeof v === 'number' ? v.toFixed(2) : v;
  const [w, f = ''] = s.replace('-', '').split('.');
  const n = BigInt(w) * 100n + BigInt((f + '00').slice(0, 2));
  return s.startsWith('-') ? -n : n;
};
const money = (c: bigint): string => {
  const neg = c < 0n;
  const a = neg ? -c : c;
  return `${neg ? '-' : ''}${a / 100n}.${(a % 100n).toString().padStart(2, '0')}`;
};
const area = (c: bigint): number => Number(c) / 100;

async function ok(req: PromiseLike<{ status: number; body: unknown }>, status: number, what: string): Promise<Record<string, unknown>> {
  const res = (await req) as { status: number; body: Record<string, unknown> };
  if (res.status !== status) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

describe('recount of the seven indicators from the raw records', () => {
  let t: TestApp;
  let leader: TestUser;
  let documented: ResponseChecker;
  /** Every response read below must match the schema the OpenAPI document gives it (closed schemas). */
  const schemaProblems: string[] = [];
  const officers: TestUser[] = [];
  const r = rng(SEED);
  const STAGES = ['NEGOTIATING', 'SITE_VISIT', 'SIGNED', 'REGISTERED', 'OPERATING'] as const;
  const INDUSTRIES = ['FINANCE', 'TRADE', 'BUSINESS_SERVICES', 'SMART_TECH', 'CULTURE_TOURISM', 'HEALTH'] as const;
  const ZONES = ['HAIHE_BELT', 'JIEFANG_NORTH_ROAD', null] as const;
  const ORIGINS = ['BEIJING', 'HEBEI', 'TIANJIN', 'SHANGHAI', 'GUANGDONG', 'OVERSEAS', null] as const;
  const SOURCES = ['REFERRAL', 'MATCHMAKING_EVENT', 'FAIR', 'COLD_VISIT'] as const;

  /** A project through the API, its stage path, funds, placements and fate; returns nothing the recount uses. */
  const makeProject = async (n: number, units: { id: string; freeFrom: string | null }[]): Promise<void> => {
    const owner = r.pick(officers);
    const api: Client = owner.api;
    const jingji = r.chance(0.55);
    const origin = r.pick(ORIGINS);
    const company = await createCompany(api, { name: `核算企业${n}有限公司`, uscc: validUscc(), industry: r.pick(INDUSTRIES), ...(origin && { originProvince: origin }) });
    const started = addDays('2019-03-01', r.int(0, daysBetween('2019-03-01', addDays(TODAY, -400))));
    const relocation = jingji ? { originProvince: r.chance(0.6) ? 'BEIJING' : 'HEBEI', function: r.pick(['HQ', 'RND', 'BRANCH']) } : undefined;
    const body = { name: `核算项目${n}`, industry: r.pick(INDUSTRIES), zone: r.pick(ZONES) ?? undefined, startedAt: started, ...(relocation && { relocation }) };
    let id: string;
    if (r.chance(0.3)) {
      const lead = await ok(api.post('/api/v1/leads').send({ companyName: company.name, source: r.pick(SOURCES), industry: body.industry }), 201, 'lead');
      const conv = await ok(
        api.post(`/api/v1/leads/${lead.id}/convert`).send({ companyId: company.id, projectName: body.name, industry: body.industry, startedAt: started, ...(body.zone && { zone: body.zone }), ...(relocation && { relocation }) }),
        201,
        'convert',
      );
      id = (conv.project as { id: string }).id;
    } else {
      id = (await ok(api.post('/api/v1/projects').send({ ...body, companyId: company.id }), 201, 'project')).id as string;
    }
    // The furthest forward stage it reaches, each step some weeks after the last, never after today.
    const reach = r.int(0, 4);
    let day = started;
    let signedAt: string | null = null;
    let landedAt: string | null = null;
    for (let s = 1; s <= reach; s++) {
      if (r.chance(0.3) && s < reach) continue; // skipped stage
      const next = earlierOf(addDays(day, r.int(5, 300)), TODAY);
      day = next;
      await ok(api.post(`/api/v1/projects/${id}/transitions`).send({ to: STAGES[s], at: day }), 200, `move ${STAGES[s]}`);
      if (s >= 2 && !signedAt) signedAt = day;
      if (s >= 3 && !landedAt) landedAt = day;
    }
    if (signedAt) {
      for (let k = r.int(0, 4); k > 0; k--) {
        const date = addDays(signedAt, r.int(0, daysBetween(signedAt, TODAY)));
        const usd = r.chance(0.25);
        const amount = usd ? `${r.int(1, 900000)}.${String(r.int(0, 99)).padStart(2, '0')}` : `${r.int(1, 90_000_000)}.${String(r.int(0, 99)).padStart(2, '0')}`;
        const f = await ok(api.post(`/api/v1/projects/${id}/fundings`).send({ date, amount, currency: usd ? 'USD' : 'CNY' }), 201, 'funding');
        const verified = r.chance(0.35);
        if (verified) await ok(t.admin.api.post(`/api/v1/fundings/${f.id}/verify`).send({ evidenceRef: `核算〔${n}〕${k}号` }), 200, 'verify');
        if (r.chance(0.2)) {
          // Reversed as of a day between the entry and today; a verified entry by the admin only.
          const on = addDays(date, r.int(0, daysBetween(date, TODAY)));
          const who = verified || r.chance(0.5) ? t.admin.api : api;
          await ok(who.post(`/api/v1/fundings/${f.id}/reverse`).send({ reason: '核算冲销', date: on }), 201, 'reverse');
        }
      }
    }
    let lastPlacement = landedAt;
    if (landedAt && r.chance(0.8)) {
      for (let k = r.int(1, 2); k > 0; k--) {
        const unit = units.find((u) => u.freeFrom !== null && u.freeFrom <= TODAY && r.chance(0.5)) ?? units.find((u) => u.freeFrom !== null && u.freeFrom <= TODAY);
        if (!unit) break;
        const from = laterOf(landedAt, unit.freeFrom as string);
        const start = addDays(from, r.int(0, daysBetween(from, TODAY)));
        const pl = await ok(api.post(`/api/v1/projects/${id}/placements`).send({ unitId: unit.id, startDate: start }), 201, 'place');
        lastPlacement = laterOf(lastPlacement as string, start);
        unit.freeFrom = null;
        if (r.chance(0.3)) {
          const end = addDays(start, r.int(0, daysBetween(start, TODAY)));
          await ok(api.post(`/api/v1/projects/${id}/placements/${pl.id}/release`).send({ endDate: end }), 200, 'release');
          unit.freeFrom = end;
          (unit as { placementId?: string }).placementId = undefined;
        } else {
          (unit as { placementId?: string; projectId?: string }).placementId = pl.id as string;
          (unit as { projectId?: string }).projectId = id;
        }
      }
    }
    if (reach > 0 && reach < 4 && r.chance(0.2)) {
      const current = (await ok(api.get(`/api/v1/projects/${id}`), 200, 'get')).stageChangedAt as string;
      const at = earlierOf(addDays(laterOf(current, lastPlacement ?? current), r.int(0, 200)), TODAY);
      await ok(api.post(`/api/v1/projects/${id}/transitions`).send({ to: 'LOST', at, reason: '核算流失' }), 200, 'lose');
      for (const u of units) {
        if ((u as { projectId?: string }).projectId === id) {
          u.freeFrom = at;
          (u as { projectId?: string }).projectId = undefined;
        }
      }
    }
    if (r.chance(0.06)) await ok(api.post(`/api/v1/projects/${id}/archive`), 200, 'archive');
  };

  beforeAll(async () => {
    t = await createTestApp({ LOGIN_RATE_LIMIT: '1000' });
    documented = new ResponseChecker((await request(t.http).get('/docs-json').expect(200)).body as OpenApiDocument);
    leader = await t.newUser('LEADER');
    for (let i = 0; i < 3; i++) officers.push(await t.newUser('OFFICER'));
    const units: { id: string; freeFrom: string | null }[] = [];
    for (let b = 0; b < 2; b++) {
      const building = await createBuilding(t.admin.api, { zone: b ? 'JIEFANG_NORTH_ROAD' : 'HAIHE_BELT' });
      for (let u = 0; u < 8; u++) {
        const unit = await createUnit(t.admin.api, building.id, { code: `R${b}${u}`, area: r.int(3000, 90000) / 100 });
        units.push({ id: unit.id, freeFrom: '2000-01-01' });
      }
    }
    for (let n = 0; n < 40; n++) await makeProject(n, units);
    // A Beijing project signed in 2020: its funds of the plan years are left out of 吸引京冀投资, and shown apart.
    const early = await createCompany(officers[0].api, { name: '核算十三五企业', industry: 'FINANCE' });
    const earlyProject = await ok(
      officers[0].api.post('/api/v1/projects').send({ name: '核算十三五京冀项目', industry: 'FINANCE', companyId: early.id, startedAt: '2019-04-01', relocation: { originProvince: 'BEIJING', function: 'HQ' } }),
      201,
      'early',
    );
    await ok(officers[0].api.post(`/api/v1/projects/${earlyProject.id}/transitions`).send({ to: 'SIGNED', at: '2020-09-01' }), 200, 'sign early');
    await ok(officers[0].api.post(`/api/v1/projects/${earlyProject.id}/fundings`).send({ date: '2022-02-02', amount: '4321.09', currency: 'CNY' }), 201, 'fund early');
    // A stage corrected by an admin: signed earlier than first recorded.
    const corrected = await ok(
      officers[1].api.post('/api/v1/projects').send({ name: '核算更正项目', industry: 'HEALTH', companyId: (await createCompany(officers[1].api)).id, startedAt: '2021-03-01', relocation: { originProvince: 'HEBEI', function: 'RND' } }),
      201,
      'corrected',
    );
    await ok(officers[1].api.post(`/api/v1/projects/${corrected.id}/transitions`).send({ to: 'SIGNED', at: '2023-08-01' }), 200, 'sign');
    await ok(officers[1].api.post(`/api/v1/projects/${corrected.id}/fundings`).send({ date: '2023-09-01', amount: '100.00', currency: 'CNY' }), 201, 'fund');
    const version = (await ok(officers[1].api.get(`/api/v1/projects/${corrected.id}`), 200, 'get')).version;
    await ok(
      t.admin.api.post(`/api/v1/projects/${corrected.id}/stage-corrections`).send({
        version,
        reason: '签约日期应为2022年',
        history: [
          { stage: 'NEGOTIATING', at: '2021-03-01' },
          { stage: 'SIGNED', at: '2022-11-11' },
        ],
      }),
      201,
      'correct',
    );
    // Dated qualifications: held, expired, renewed, recorded without a date, taken away again.
    for (let c = 0; c < 12; c++) {
      const obtained = addDays('2018-01-01', r.int(0, daysBetween('2018-01-01', TODAY)));
      const records = [{ code: 'HIGH_TECH', obtainedOn: obtained, ...(r.chance(0.3) && { expiresOn: addDays(obtained, r.int(30, 900)) }) }];
      if (r.chance(0.3)) records.push({ code: 'GAZELLE', obtainedOn: obtained });
      const company = await createCompany(r.pick(officers).api, { name: `核算高企${c}`, industry: r.pick(INDUSTRIES), originProvince: r.pick(['BEIJING', 'TIANJIN', 'HEBEI']), qualificationRecords: records });
      if (r.chance(0.2)) await ok(t.admin.api.patch(`/api/v1/companies/${company.id}`).send({ version: company.version, qualificationRecords: [] }), 200, 'drop');
    }
    await createCompany(officers[2].api, { name: '核算今日高企', qualifications: ['HIGH_TECH'] });
    await ok(t.admin.api.post('/api/v1/plans/FYP14/indicators/MARKET_ENTITIES/values').send({ date: '2021-12-31', value: '38000' }), 201, 'me');
    await ok(t.admin.api.post('/api/v1/plans/FYP14/indicators/MARKET_ENTITIES/values').send({ date: '2023-12-31', value: '41250' }), 201, 'me');
  }, 300_000);
  afterAll(async () => {
    await t.close();
  });

  // ---------------------------------------------------------------------------------------------
  // The recount: raw rows read with plain SQL, every figure computed here.

  interface Raw {
    plan: { start: string; end: string };
    projects: Map<string, { id: string; jingji: boolean; signedAt: string | null; archived: boolean; industry: string; zone: string | null; origin: string | null; companyId: string; leadId: string | null; ownerId: string | null }>;
    companies: Map<string, { id: string; industry: string | null; origin: string | null; archived: boolean }>;
    leads: Map<string, { source: string }>;
    fundings: { id: string; projectId: string; date: string; amount: bigint; currency: string; verified: boolean }[];
    placements: { id: string; projectId: string; start: string; end: string | null; area: bigint }[];
    awards: { companyId: string; code: string; obtained: string; expires: string }[];
    market: { date: string; value: bigint }[];
  }

  const truthy = (v: unknown): boolean => v === true || v === 1 || v === '1' || v === 't';
  const readRaw = async (): Promise<Raw> => {
    const q = <T>(text: string): Promise<T[]> => t.dataSource.query(text) as Promise<T[]>;
    const d = (col: string, as: string): string => `CAST(${col} AS VARCHAR(10)) AS ${as}`;
    const [plan] = await q<{ s: string; e: string }>(`SELECT ${d('start_date', 's')}, ${d('end_date', 'e')} FROM plans WHERE code = 'FYP14'`);
    const projects = await q<Record<string, unknown>>(
      `SELECT id, jingji, ${d('signed_at', 'signed')}, archived_at, industry_code, zone_code, origin_province, company_id, lead_id, owner_id FROM projects`,
    );
    const companies = await q<Record<string, unknown>>('SELECT id, industry_code, origin_province, archived_at FROM companies');
    const leads = await q<Record<string, unknown>>('SELECT id, source FROM leads');
    const fundings = await q<Record<string, unknown>>(`SELECT id, project_id, ${d('date', 'day')}, CAST(amount AS VARCHAR(30)) AS amount, currency, status FROM fundings`);
    const placements = await q<Record<string, unknown>>(
      `SELECT id, project_id, ${d('start_date', 's')}, ${d('end_date', 'e')}, CAST(area AS VARCHAR(20)) AS area FROM placements`,
    );
    const awards = await q<Record<string, unknown>>(`SELECT company_id, code, ${d('obtained_on', 'o')}, ${d('expires_on', 'x')} FROM company_qualifications`);
    const market = await q<Record<string, unknown>>(
      `SELECT ${d('date', 'day')}, value FROM indicator_values WHERE plan_code = 'FYP14' AND indicator_code = 'MARKET_ENTITIES'`,
    );
    return {
      plan: { start: plan.s, end: plan.e },
      projects: new Map(
        projects.map((p) => [
          p.id as string,
          {
            id: p.id as string,
            jingji: truthy(p.jingji),
            signedAt: (p.signed as string | null) ?? null,
            archived: p.archived_at !== null,
            industry: p.industry_code as string,
            zone: (p.zone_code as string | null) ?? null,
            origin: (p.origin_province as string | null) ?? null,
            companyId: p.company_id as string,
            leadId: (p.lead_id as string | null) ?? null,
            ownerId: (p.owner_id as string | null) ?? null,
          },
        ]),
      ),
      companies: new Map(
        companies.map((c) => [
          c.id as string,
          { id: c.id as string, industry: (c.industry_code as string | null) ?? null, origin: (c.origin_province as string | null) ?? null, archived: c.archived_at !== null },
        ]),
      ),
      leads: new Map(leads.map((l) => [l.id as string, { source: l.source as string }])),
      fundings: fundings.map((f) => ({
        id: f.id as string,
        projectId: f.project_id as string,
        date: f.day as string,
        amount: BigInt(String(f.amount)),
        currency: f.currency as string,
        verified: f.status === 'VERIFIED',
      })),
      placements: placements.map((p) => ({ id: p.id as string, projectId: p.project_id as string, start: p.s as string, end: (p.e as string | null) ?? null, area: cents(String(p.area)) })),
      awards: awards.map((a) => ({ companyId: a.company_id as string, code: a.code as string, obtained: a.o as string, expires: a.x as string })),
      market: market.map((m) => ({ date: m.day as string, value: BigInt(String(m.value)) })).sort((a, b) => (a.date < b.date ? -1 : 1)),
    };
  };

  type Dim = 'industry' | 'zone' | 'origin' | 'source' | 'owner' | 'year';
  interface Recount {
    actual: bigint | null;
    verified?: bigint;
    /** record id → value, the drill-down */
    records: Map<string, bigint>;
    by: Partial<Record<Dim, Map<string, bigint>>>;
    excluded?: Map<string, bigint>;
  }

  const recount = (raw: Raw, asOf: string): Record<string, Recount> => {
    const start = raw.plan.start;
    const cut = earlierOf(asOf, raw.plan.end);
    const inWindow = (d: string | null): boolean => d !== null && d >= start && d <= cut;
    const live = [...raw.projects.values()].filter((p) => !p.archived);
    const dims = (p: (typeof live)[number]): Record<Exclude<Dim, 'year'>, string> => ({
      industry: p.industry ?? 'NONE',
      zone: p.zone ?? 'NONE',
      origin: p.origin ?? raw.companies.get(p.companyId)?.origin ?? 'UNKNOWN',
      source: p.leadId ? (raw.leads.get(p.leadId)?.source ?? 'DIRECT') : 'DIRECT',
      owner: p.ownerId ?? 'NONE',
    });
    const add = (m: Map<string, bigint>, k: string, v: bigint): void => {
      m.set(k, (m.get(k) ?? 0n) + v);
    };
    const group = (entries: { p: (typeof live)[number]; v: bigint; year: number }[]): Recount['by'] => {
      const by: Recount['by'] = {};
      for (const dim of ['industry', 'zone', 'origin', 'source', 'owner', 'year'] as Dim[]) {
        const m = new Map<string, bigint>();
        for (const e of entries) add(m, dim === 'year' ? String(e.year) : dims(e.p)[dim], e.v);
        by[dim] = m;
      }
      return by;
    };
    const out: Record<string, Recount> = {};

    const signed = live.filter((p) => p.jingji && inWindow(p.signedAt));
    out.JINGJI_PROJECTS = {
      actual: BigInt(signed.length),
      records: new Map(signed.map((p) => [p.id, 1n])),
      by: group(signed.map((p) => ({ p, v: 1n, year: Number((p.signedAt as string).slice(0, 4)) }))),
    };

    const moneyOf = (currency: string, jingjiSigned: boolean): Recount => {
      const rows = raw.fundings
        .map((f) => ({ f, p: raw.projects.get(f.projectId) as (typeof live)[number] }))
        .filter(({ f, p }) => !p.archived && f.currency === currency && inWindow(f.date) && (!jingjiSigned || (p.jingji && inWindow(p.signedAt))));
      const result: Recount = {
        actual: rows.reduce((s, { f }) => s + f.amount, 0n),
        verified: rows.filter(({ f }) => f.verified).reduce((s, { f }) => s + f.amount, 0n),
        records: new Map(rows.map(({ f }) => [f.id, f.amount])),
        by: group(rows.map(({ f, p }) => ({ p, v: f.amount, year: Number(f.date.slice(0, 4)) }))),
      };
      if (jingjiSigned) {
        const excluded = new Map<string, bigint>();
        for (const f of raw.fundings) {
          const p = raw.projects.get(f.projectId) as (typeof live)[number];
          if (p.archived || !p.jingji || f.currency !== 'CNY' || !inWindow(f.date) || inWindow(p.signedAt)) continue;
          add(excluded, p.signedAt !== null && p.signedAt < start ? 'EARLIER_SIGNED' : 'NOT_SIGNED_IN_PERIOD', f.amount);
        }
        result.excluded = excluded;
      }
      return result;
    };
    out.JINGJI_INVESTMENT = moneyOf('CNY', true);
    out.DOMESTIC_CAPITAL = moneyOf('CNY', false);
    out.FOREIGN_CAPITAL = moneyOf('USD', false);

    const placed = raw.placements
      .map((pl) => ({ pl, p: raw.projects.get(pl.projectId) as (typeof live)[number] }))
      .filter(({ pl, p }) => !p.archived && p.jingji && pl.start <= cut && (pl.end === null || pl.end > cut));
    out.JINGJI_FLOOR_AREA = {
      actual: placed.reduce((s, { pl }) => s + pl.area, 0n),
      records: new Map(placed.map(({ pl }) => [pl.id, pl.area])),
      by: group(placed.map(({ pl, p }) => ({ p, v: pl.area, year: Math.max(Number(pl.start.slice(0, 4)), Number(start.slice(0, 4))) }))),
    };

    const holders = [...raw.companies.values()].filter(
      (c) => !c.archived && raw.awards.some((a) => a.companyId === c.id && a.code === 'HIGH_TECH' && a.obtained <= cut && a.expires >= cut),
    );
    const byIndustry = new Map<string, bigint>();
    const byOrigin = new Map<string, bigint>();
    for (const c of holders) {
      add(byIndustry, c.industry ?? 'NONE', 1n);
      add(byOrigin, c.origin ?? 'UNKNOWN', 1n);
    }
    out.HIGH_TECH_ENTERPRISES = { actual: BigInt(holders.length), records: new Map(holders.map((c) => [c.id, 1n])), by: { industry: byIndustry, origin: byOrigin } };

    const entered = raw.market.filter((m) => m.date <= cut);
    out.MARKET_ENTITIES = { actual: entered.length ? entered[entered.length - 1].value : null, records: new Map(), by: {} };
    return out;
  };

  // ---------------------------------------------------------------------------------------------
  // What the service says, in the same units (fen, m² × 100, counts).

  const internal = (code: string, v: string | number | null): bigint | null => {
    if (v === null) return null;
    if (['JINGJI_INVESTMENT', 'DOMESTIC_CAPITAL', 'FOREIGN_CAPITAL', 'JINGJI_FLOOR_AREA'].includes(code)) return cents(v);
    return BigInt(v as number);
  };
  const asObject = (m: Map<string, bigint> | undefined): Record<string, string> => Object.fromEntries([...(m ?? new Map<string, bigint>())].filter(([, v]) => v !== 0n).map(([k, v]) => [k, String(v)]).sort());

  for (const asOf of ['2020-12-31', '2021-06-30', '2022-12-31', '2024-02-29', '2025-12-31', TODAY]) {
    it(`agrees with progress, every breakdown and the drill-down as of ${asOf}`, async () => {
      const raw = await readRaw();
      const expected = recount(raw, asOf);
      const progressRes = await leader.api.get('/api/v1/progress').query({ plan: 'FYP14', asOf }).expect(200);
      schemaProblems.push(...documented.problems('GET', '/api/v1/progress', progressRes));
      const progress = progressRes.body;
      const cut = earlierOf(asOf, raw.plan.end);
      for (const ind of progress.indicators as { code: string; actual: string | number | null; verified?: string; byYear: { year: number; value: string | number }[]; excluded?: { key: string; value: string }[] }[]) {
        const want = expected[ind.code];
        expect({ code: ind.code, actual: internal(ind.code, ind.actual) }).toEqual({ code: ind.code, actual: want.actual });
        if (want.verified !== undefined) expect({ code: ind.code, verified: cents(ind.verified as string) }).toEqual({ code: ind.code, verified: want.verified });
        if (ind.code === 'JINGJI_INVESTMENT') {
          const shown = (ind.excluded ?? []).map((e) => [e.key, String(cents(e.value))]).filter(([, v]) => v !== '0');
          expect(Object.fromEntries(shown)).toEqual(asObject(want.excluded));
        }
        // The flows' years sum to the figure (and match the recount by year).
        if (['JINGJI_PROJECTS', 'JINGJI_INVESTMENT', 'DOMESTIC_CAPITAL', 'FOREIGN_CAPITAL'].includes(ind.code) && cut >= raw.plan.start) {
          const years = Object.fromEntries(ind.byYear.map((y) => [String(y.year), String(internal(ind.code, y.value))]).filter(([, v]) => v !== '0'));
          expect({ code: ind.code, years }).toEqual({ code: ind.code, years: asObject(want.by.year) });
        }

        // Every breakdown the indicator allows.
        const dims: Dim[] =
          ind.code === 'HIGH_TECH_ENTERPRISES' ? ['industry', 'origin'] : ind.code === 'MARKET_ENTITIES' ? [] : ['industry', 'zone', 'origin', 'source', 'owner', 'year'];
        for (const by of dims) {
          const raw2 = await leader.api.get('/api/v1/progress/breakdown').query({ plan: 'FYP14', indicator: ind.code, by, asOf }).expect(200);
          schemaProblems.push(...documented.problems('GET', '/api/v1/progress/breakdown', raw2));
          const res = raw2.body;
          const got = Object.fromEntries(res.rows.map((row: { key: string; value: string | number }) => [row.key, String(internal(ind.code, row.value))]));
          expect({ code: ind.code, by, rows: got }).toEqual({ code: ind.code, by, rows: asObject(want.by[by]) });
          expect({ code: ind.code, by, total: internal(ind.code, res.total) }).toEqual({ code: ind.code, by, total: want.actual });
        }

        // The drill-down, page by page.
        if (ind.code !== 'MARKET_ENTITIES') {
          const seen = new Map<string, bigint>();
          let cursor: string | undefined;
          do {
            const pageRes = await leader.api.get('/api/v1/progress/records').query({ plan: 'FYP14', indicator: ind.code, asOf, limit: 7, ...(cursor && { cursor }) }).expect(200);
            schemaProblems.push(...documented.problems('GET', '/api/v1/progress/records', pageRes));
            const page = pageRes.body;
            for (const item of page.items as Record<string, unknown>[]) {
              const v = ind.code === 'JINGJI_FLOOR_AREA' ? cents(String(item.area)) : 'amount' in item ? cents(item.amount as string) : 1n;
              seen.set(item.id as string, v);
            }
            cursor = page.nextCursor ?? undefined;
          } while (cursor);
          expect({ code: ind.code, records: Object.fromEntries([...seen].map(([k, v]) => [k, String(v)]).sort()) }).toEqual({
            code: ind.code,
            records: Object.fromEntries([...want.records].map(([k, v]) => [k, String(v)]).sort()),
          });
        }
      }
      expect(schemaProblems).toEqual([]);
    }, 120_000);
  }

  it('agrees with the Excel report: exact figures, breakdown columns and drill-down sheets', async () => {
    const asOf = '2025-12-31';
    const raw = await readRaw();
    const expected = recount(raw, asOf);
    const res = await leader.api.get('/api/v1/reports/progress.xlsx').query({ plan: 'FYP14', asOf }).buffer(true).parse(binary).expect(200);
    const wb = new ExcelJS.Workbook();
    const bytes = res.body as Buffer;
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const progress = (await leader.api.get('/api/v1/progress').query({ plan: 'FYP14', asOf }).expect(200)).body;
    const nameOf = new Map<string, string>(progress.indicators.map((i: { code: string; nameZh: string }) => [i.code, i.nameZh]));
    const codeOf = new Map([...nameOf].map(([c, n]) => [n, c]));
    const toInternal = (code: string, v: unknown): bigint | null => (v === null || v === undefined ? null : internal(code, code.match(/CAPITAL|INVESTMENT|AREA/) ? Number(v).toFixed(2) : (v as number)));

    // 精确值: 完成值 and 其中已核实 per indicator.
    const exact = wb.getWorksheet('精确值')!;
    exact.eachRow((row, n) => {
      const code = codeOf.get(row.getCell(1).value as string);
      if (n === 1 || !code) return;
      expect({ code, actual: toInternal(code, row.getCell(4).value) }).toEqual({ code, actual: expected[code].actual });
      if (expected[code].verified !== undefined) expect({ code, verified: toInternal(code, row.getCell(5).value) }).toEqual({ code, verified: expected[code].verified });
    });

    // Breakdown sheets: the exact column of each indicator, summed by label (labels may repeat).
    const labelled = async (dim: Exclude<Dim, 'year'>, code: string): Promise<Record<string, string>> => {
      const res2 = (await leader.api.get('/api/v1/progress/breakdown').query({ plan: 'FYP14', indicator: code, by: dim, asOf }).expect(200)).body;
      const byLabel = new Map<string, bigint>();
      for (const row of res2.rows as { key: string; labelZh: string }[]) {
        const v = expected[code].by[dim]?.get(row.key) ?? 0n;
        byLabel.set(row.labelZh, (byLabel.get(row.labelZh) ?? 0n) + v);
      }
      return asObject(byLabel);
    };
    for (const [dim, title] of [
      ['industry', '按产业'],
      ['zone', '按功能区'],
      ['origin', '按来源地'],
      ['source', '按线索来源'],
      ['owner', '按负责人'],
    ] as const) {
      const ws = wb.getWorksheet(title)!;
      const header = ws.getRow(1).values as unknown[];
      for (let col = 2; col < header.length; col++) {
        const h = String(header[col] ?? '');
        if (!h.includes('精确值')) continue;
        const code = codeOf.get(h.slice(0, h.indexOf('（')));
        if (!code) continue;
        const byLabel = new Map<string, bigint>();
        let total: bigint | null = null;
        ws.eachRow((row, n) => {
          if (n === 1) return;
          const label = String(row.getCell(1).value);
          const v = toInternal(code, row.getCell(col).value);
          if (label === '合计') total = v;
          else if (!label.startsWith('注：') && v !== null) byLabel.set(label, (byLabel.get(label) ?? 0n) + v);
        });
        expect({ dim, code, total }).toEqual({ dim, code, total: expected[code].actual });
        expect({ dim, code, rows: asObject(byLabel) }).toEqual({ dim, code, rows: await labelled(dim, code) });
      }
    }

    // Drill-down sheets: one row per record, the amounts and areas summing to the figure.
    for (const [code, name] of nameOf) {
      if (code === 'MARKET_ENTITIES') continue;
      const ws = wb.getWorksheet(`明细-${name}`.slice(0, 31))!;
      const header = Array.from(ws.getRow(1).values as unknown[], (h) => String(h ?? ''));
      const valueCol = header.findIndex((h) => h.startsWith('金额') || h.startsWith('面积'));
      let rows = 0;
      let sum = 0n;
      ws.eachRow((row, n) => {
        if (n === 1) return;
        rows++;
        if (valueCol > 0) sum += cents(Number(row.getCell(valueCol).value).toFixed(2));
      });
      expect({ code, rows }).toEqual({ code, rows: expected[code].records.size });
      if (valueCol > 0) expect({ code, sum }).toEqual({ code, sum: [...expected[code].records.values()].reduce((s, v) => s + v, 0n) });
    }
  }, 120_000);

  it('generated the cases the recount is meant to cover', async () => {
    const raw = await readRaw();
    const { start } = raw.plan;
    const projects = [...raw.projects.values()];
    expect(projects.some((p) => p.jingji && p.signedAt && p.signedAt < start)).toBe(true);
    expect(projects.some((p) => p.jingji && p.signedAt && p.signedAt >= start)).toBe(true);
    expect(projects.some((p) => !p.jingji && p.signedAt)).toBe(true);
    expect(projects.some((p) => p.archived)).toBe(true);
    expect(raw.fundings.some((f) => f.amount < 0n)).toBe(true);
    expect(raw.fundings.some((f) => f.currency === 'USD')).toBe(true);
    expect(raw.fundings.some((f) => f.verified)).toBe(true);
    expect(raw.placements.some((p) => p.end !== null)).toBe(true);
    expect(raw.placements.some((p) => p.end === null)).toBe(true);
    expect(raw.awards.length).toBeGreaterThan(5);
    if (ON_POSTGRES) expect(t.dataSource.options.type).toBe('postgres');
    expect(area(1234n)).toBe(12.34);
    expect(money(-5n)).toBe('-0.05');
  });
});
