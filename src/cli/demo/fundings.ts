import { Funding } from '../../modules/projects/project-records.entities.js';
import { rebuildTotals } from '../../modules/projects/funding-totals.js';
import { SIGNED_OR_LATER } from '../../modules/projects/stage-machine.js';
import { dayNumber } from './calendar.js';
import { DemoContext, sortedOrder, toWorkday, workSeconds } from './context.js';
import type { EntityRow } from './entity-rows.js';
import { PLAN_END, PLAN_START } from './options.js';
import { ProjectModel, minorUnits } from './projects.js';
import { Rng, spread, uuidV7 } from './random.js';
import type { DemoTables } from './tables.js';
import * as V from './vocabulary.js';

/**
 * Funds in place (资金到位): entries of signed, registered and operating projects, dated signing →
 * yesterday, a fraction of the planned investment; scaled down per currency so a large district stays
 * near the 14th plan's targets; then the daily totals the service keeps, rebuilt from the ledger.
 */

/**
 * Where the funds in place of the plan period should end up, at most: a little over the 14th
 * plan's targets (京冀投资 200 亿元, 内资 400 亿元, 外资 3 亿美元). Raw amounts (a fraction of each
 * project's planned investment) are scaled down, per currency, when a large district would exceed
 * them; never scaled up.
 */
const JINGJI_FUNDS_AIM_YUAN = 230e8;
const DOMESTIC_FUNDS_AIM_YUAN = 460e8;
const FOREIGN_FUNDS_AIM_USD = 3.45e8;
/** Mean delay (days) between signing and a funds-in-place entry. */
const FUNDING_DELAY_DAYS = 420;

export interface FundingPlan {
  count: number;
  project: Int32Array;
  day: Int32Array;
  created: Float64Array;
  /** NaN: not verified. */
  verified: Float64Array;
  /** Whole yuan (or dollars), scaled and rounded as officers type them. */
  amount: Float64Array;
  scale: { CNY: number; USD: number };
  /** Beijing–Hebei CNY funds dated in the plan period, in yuan. */
  jingjiInPlanYuan: number;
}

interface Raw {
  plan: FundingPlan;
  raw: Float64Array;
  jingji: number;
  domestic: number;
  foreign: number;
}

export function planFundings(ctx: DemoContext, projects: ProjectModel[], total: number, log: (line: string) => void): FundingPlan {
  const rng = ctx.stream('fundings');
  const funded = projects.filter((p) => p.signedDay !== null && SIGNED_OR_LATER.includes(p.path[p.path.length - 1]));
  const weights = new Float64Array(funded.length);
  funded.forEach((p, i) => {
    const stage = p.path[p.path.length - 1];
    const factor = stage === 'OPERATING' ? 1.6 : stage === 'REGISTERED' ? 1.2 : 0.8;
    weights[i] = Math.pow(ctx.lastDay - (p.signedDay as number) + 30, 0.7) * factor;
  });
  const n = funded.length > 0 ? total : 0;
  if (total > 0 && funded.length === 0) log('  no project has signed, so no funds in place are generated');
  const counts = spread(rng, weights, n);
  const raw = rawEntries(ctx, rng, funded, counts, n);
  scaleAmounts(projects, raw);
  return raw.plan;
}

function rawEntries(ctx: DemoContext, rng: Rng, funded: ProjectModel[], counts: Int32Array, n: number): Raw {
  const plan: FundingPlan = {
    count: n,
    project: new Int32Array(n),
    day: new Int32Array(n),
    created: new Float64Array(n),
    verified: new Float64Array(n),
    amount: new Float64Array(n),
    scale: { CNY: 1, USD: 1 },
    jingjiInPlanYuan: 0,
  };
  const out: Raw = { plan, raw: new Float64Array(n), jingji: 0, domestic: 0, foreign: 0 };
  let k = 0;
  funded.forEach((p, i) => {
    if (counts[i] > 0) k = projectEntries(ctx, rng, p, counts[i], out, k);
  });
  return out;
}

/** One project's `n` entries from slot `k`: shares of its total, dated by a delay after signing. */
function projectEntries(ctx: DemoContext, rng: Rng, p: ProjectModel, n: number, out: Raw, k: number): number {
  const { cal, lastDay, anchorMs } = ctx;
  const planStart = dayNumber(PLAN_START);
  const planEnd = dayNumber(PLAN_END);
  const stage = p.path[p.path.length - 1];
  const fraction = stage === 'OPERATING' ? 0.35 + rng.next() * 0.6 : stage === 'REGISTERED' ? 0.15 + rng.next() * 0.45 : 0.03 + rng.next() * 0.32;
  const total = (p.plannedUnits ?? 1e7) * fraction;
  const shares: number[] = [];
  const days: number[] = [];
  let sum = 0;
  for (let j = 0; j < n; j++) {
    const s = rng.exponential(1);
    shares.push(s);
    sum += s;
    const lo = p.signedDay as number;
    // Most money arrives in the first year or two after signing: a truncated exponential delay.
    const window = lastDay - lo;
    const delay = window <= 0 ? 0 : Math.floor(-FUNDING_DELAY_DAYS * Math.log(1 - rng.next() * (1 - Math.exp(-window / FUNDING_DELAY_DAYS))));
    days.push(toWorkday(rng, Math.min(lastDay, lo + delay), lo, lastDay));
  }
  days.sort((a, b) => a - b);
  const { plan } = out;
  for (let j = 0; j < n; j++, k++) {
    const day = days[j];
    const raw = (total * shares[j]) / sum;
    const lag = rng.chance(0.7) ? 0 : rng.int(1, 5);
    const createdDay = Math.min(lastDay, day + lag);
    const created = Math.floor(cal.instant(createdDay, workSeconds(rng)));
    const age = lastDay - day;
    const pVerify = age > 60 ? 0.64 : age > 14 ? 0.35 : 0.1;
    let verified = NaN;
    if (rng.chance(pVerify)) {
      const vd = createdDay + rng.int(2, 40);
      if (vd <= lastDay) verified = Math.max(created + 60_000, Math.floor(cal.instant(toWorkday(rng, vd, createdDay, lastDay), workSeconds(rng))));
      if (verified >= anchorMs) verified = NaN;
    }
    plan.project[k] = p.index;
    plan.day[k] = day;
    out.raw[k] = raw;
    plan.created[k] = created;
    plan.verified[k] = verified;
    if (day >= planStart && day <= planEnd) {
      if (p.currency === 'USD') out.foreign += raw;
      else {
        out.domestic += raw;
        if (p.jingji) out.jingji += raw;
      }
    }
  }
  return k;
}

/** Scales the raw amounts toward the aims and rounds them as officers type them. */
function scaleAmounts(projects: ProjectModel[], out: Raw): void {
  const { plan } = out;
  const planStart = dayNumber(PLAN_START);
  const planEnd = dayNumber(PLAN_END);
  plan.scale = {
    CNY: Math.min(1, JINGJI_FUNDS_AIM_YUAN / (out.jingji || 1), DOMESTIC_FUNDS_AIM_YUAN / (out.domestic || 1)),
    USD: Math.min(1, FOREIGN_FUNDS_AIM_USD / (out.foreign || 1)),
  };
  for (let k = 0; k < plan.count; k++) {
    const p = projects[plan.project[k]];
    const units = out.raw[k] * plan.scale[p.currency];
    // Entries as officers type them: whole 万 for large sums, whole hundreds below.
    const rounded = units >= 1e6 ? Math.round(units / 1e4) * 1e4 : Math.max(1000, Math.round(units / 100) * 100);
    plan.amount[k] = rounded;
    if (p.jingji && p.currency === 'CNY' && plan.day[k] >= planStart && plan.day[k] <= planEnd) plan.jingjiInPlanYuan += rounded;
  }
}

/** The ledger, in creation order. */
export async function writeFundings(ctx: DemoContext, tables: DemoTables, projects: ProjectModel[], plan: FundingPlan): Promise<void> {
  const t = performance.now();
  const { cal, users } = ctx;
  const order = sortedOrder(plan.created);
  const rng = ctx.stream('fundings:rows');
  // Officers type round sums: the same few thousand amounts recur, so each is parsed once.
  const parsed = new Map<number, bigint>();
  const money = (units: number): bigint => {
    let minor = parsed.get(units);
    if (minor === undefined) parsed.set(units, (minor = minorUnits(units)));
    return minor;
  };
  await tables.write(
    Funding,
    plan.count,
    (i): EntityRow<Funding> => {
      const k = order[i];
      const p = projects[plan.project[k]];
      const created = plan.created[k];
      const verified = plan.verified[k];
      const isVerified = !Number.isNaN(verified);
      const createdStamp = cal.stamp(created);
      const verifiedStamp = isVerified ? cal.stamp(verified) : null;
      return {
        id: uuidV7(created, rng),
        projectId: p.id,
        date: cal.date(plan.day[k]),
        amount: money(plan.amount[k]),
        currency: p.currency,
        note: rng.chance(0.35) ? rng.pick(V.FUNDING_NOTES) : null,
        status: isVerified ? 'VERIFIED' : 'REPORTED',
        verifiedById: isVerified ? rng.pick(users.leaders) : null,
        verifiedAt: verifiedStamp,
        evidenceRef: isVerified ? `和平商务〔${cal.date(cal.dayOf(verified)).slice(0, 4)}〕${rng.int(1, 999)}号` : null,
        createdById: p.owner,
        createdAt: createdStamp,
        updatedAt: verifiedStamp ?? createdStamp,
        version: isVerified ? 2 : 1,
      };
    },
    t,
  );
}

/** Daily funds-in-place totals, which the service keeps in step with each write, rebuilt from the ledger. */
export async function rebuildFundingTotals(tables: DemoTables): Promise<void> {
  const t = performance.now();
  await tables.dataSource.transaction((em) => rebuildTotals(em));
  const [row] = await tables.writer.query<{ n: unknown }>(`SELECT COUNT(*) AS n FROM ${tables.writer.table('funding_day_totals')}`);
  tables.record('funding_day_totals', Number(row.n), t, 'rebuilt');
}
