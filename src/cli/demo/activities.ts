import { Activity } from '../../modules/projects/project-records.entities.js';
import { afterActivity } from '../../modules/projects/follow-up.js';
import { FORWARD, OPEN_STAGES } from '../../modules/projects/stage-machine.js';
import type { ActivityType } from '../../modules/reference/enums.js';
import { DemoContext, sortedOrder, toWorkday, workSeconds } from './context.js';
import type { EntityRow } from './entity-rows.js';
import type { ProjectModel } from './projects.js';
import { Rng, Weighted, spread, uuidV7 } from './random.js';
import type { DemoTables } from './tables.js';
import * as V from './vocabulary.js';

/**
 * Activity logs (跟进记录): more for longer-running and open projects, dated between creation and the
 * end of the work; each project's last-activity and next-follow-up times follow from its log by the
 * projects module's rule (afterActivity), as if the officers had logged them one by one.
 */
const ACTIVITY_TYPES: ActivityType[] = ['CALL', 'VISIT', 'MEETING', 'SITE_TOUR', 'EMAIL', 'EVENT', 'OTHER'];
/** Activity type mix by the project's phase at the time (0 negotiating, 1 site visit, 2 signed, 3 landed). */
const ACTIVITY_MIX_BY_PHASE = [
  new Weighted<number>([[0, 35], [1, 20], [2, 20], [4, 12], [5, 8], [6, 5]]),
  new Weighted<number>([[3, 35], [2, 20], [0, 20], [1, 10], [4, 10], [6, 5]]),
  new Weighted<number>([[0, 30], [2, 20], [1, 15], [4, 15], [6, 15], [3, 5]]),
  new Weighted<number>([[1, 35], [0, 30], [6, 20], [2, 10], [5, 5]]),
];
const INDUSTRY_LABELS: Record<string, string> = {
  FINANCE: '创新金融',
  TRADE: '全球商贸',
  BUSINESS_SERVICES: '现代商服',
  SMART_TECH: '智能科技',
  CULTURE_TOURISM: '国际文旅',
  HEALTH: '全民健康',
};

/** The planned log, column by column (typed arrays: millions of entries). */
export interface ActivityPlan {
  count: number;
  project: Int32Array;
  at: Float64Array;
  /** NaN: no next follow-up. */
  next: Float64Array;
  type: Uint8Array;
  phase: Uint8Array;
}

/** Plans the log and sets each project's lastActivityMs and nextFollowUpMs from it. */
export function planActivities(ctx: DemoContext, projects: ProjectModel[], total: number): ActivityPlan {
  const rng = ctx.stream('activities');
  const weights = new Float64Array(projects.length);
  for (const p of projects) {
    const stage = p.path[p.path.length - 1];
    const end = stage === 'LOST' ? p.days[p.days.length - 1] : ctx.lastDay;
    const active = end - p.days[0] + 7;
    const factor = stage === 'OPERATING' ? 0.5 : stage === 'LOST' ? 0.7 : 1;
    weights[p.index] = Math.pow(active, 0.7) * factor;
  }
  const counts = spread(rng, weights, projects.length > 0 ? total : 0);
  const n = projects.length > 0 ? total : 0;
  const plan: ActivityPlan = {
    count: n,
    project: new Int32Array(n),
    at: new Float64Array(n),
    next: new Float64Array(n),
    type: new Uint8Array(n),
    phase: new Uint8Array(n),
  };
  let k = 0;
  for (const p of projects) {
    if (counts[p.index] > 0) k = planProjectLog(ctx, rng, p, counts[p.index], plan, k);
  }
  return plan;
}

/** One project's `n` activities into the plan from slot `k`; returns the next free slot. */
function planProjectLog(ctx: DemoContext, rng: Rng, p: ProjectModel, n: number, plan: ActivityPlan, k: number): number {
  const { cal, todayDay } = ctx;
  const stage = p.path[p.path.length - 1];
  const open = OPEN_STAGES.includes(stage);
  const times = activityTimes(ctx, rng, p, n, open);
  let phaseIndex = 0;
  let followUp = { lastActivityAt: null as number | null, nextFollowUpAt: null as number | null };
  for (let j = 0; j < n; j++) {
    const t = times[j];
    while (phaseIndex + 1 < p.instants.length && p.instants[phaseIndex + 1] <= t) phaseIndex++;
    const phaseStage = p.path[phaseIndex];
    const phase = phaseStage === 'LOST' ? 0 : Math.min(3, FORWARD.indexOf(phaseStage));
    const last = j === n - 1;
    const followP = last ? (open ? 0.75 : 0.05) : 0.25;
    let next = NaN;
    if (rng.chance(followP)) {
      // An open project's latest contact mostly plans the next one after today; some are overdue.
      const d = last && open && rng.chance(0.8) ? todayDay + rng.int(0, 20) : cal.dayOf(t) + rng.int(2, 30);
      next = Math.max(t + 3_600_000, Math.floor(cal.instant(toWorkday(rng, d, d - 2, d + 2), workSeconds(rng))));
    }
    followUp = afterActivity(followUp, t, Number.isNaN(next) ? null : next);
    plan.project[k] = p.index;
    plan.at[k] = t;
    plan.next[k] = next;
    plan.type[k] = ACTIVITY_MIX_BY_PHASE[phase].pick(rng);
    plan.phase[k] = phase;
    k++;
  }
  p.lastActivityMs = followUp.lastActivityAt;
  p.nextFollowUpMs = followUp.nextFollowUpAt;
  return k;
}

/** The activities' instants, sorted: after creation, before today, most open projects followed up lately. */
function activityTimes(ctx: DemoContext, rng: Rng, p: ProjectModel, n: number, open: boolean): number[] {
  const { cal, lastDay, anchorMs } = ctx;
  const stage = p.path[p.path.length - 1];
  const endDay = stage === 'LOST' ? p.days[p.days.length - 1] : lastDay;
  const startDay = p.days[0];
  const times: number[] = [];
  for (let j = 0; j < n; j++) {
    const day = toWorkday(rng, rng.int(startDay, endDay), startDay, endDay);
    times.push(cal.instant(day, workSeconds(rng)));
  }
  // Most open projects were followed up lately; the rest are the stale ones reports should find.
  if (open && rng.chance(0.75)) {
    const day = toWorkday(rng, rng.int(Math.max(startDay, lastDay - 30), lastDay), startDay, lastDay);
    times[0] = cal.instant(day, workSeconds(rng));
  }
  for (let j = 0; j < n; j++) {
    let t = times[j];
    if (t <= p.createdMs) t = p.createdMs + 60_000 + Math.floor(rng.next() * 7_200_000);
    if (t >= anchorMs) t = anchorMs - 1000 - Math.floor(rng.next() * 600_000);
    times[j] = Math.floor(t);
  }
  return times.sort((a, b) => a - b);
}

export async function writeActivities(ctx: DemoContext, tables: DemoTables, projects: ProjectModel[], plan: ActivityPlan): Promise<void> {
  const t = performance.now();
  const { cal, anchorMs, users } = ctx;
  const order = sortedOrder(plan.at);
  const rng = ctx.stream('activities:rows');
  await tables.write(
    Activity,
    plan.count,
    (i): EntityRow<Activity> => {
      const k = order[i];
      const p = projects[plan.project[k]];
      const at = plan.at[k];
      const type = ACTIVITY_TYPES[plan.type[k]];
      const next = plan.next[k];
      let created = at + Math.floor(rng.next() * 7_200_000);
      if (created >= anchorMs) created = at;
      return {
        id: uuidV7(at, rng),
        projectId: p.id,
        type,
        at: cal.stamp(at),
        summary: activitySummary(ctx, rng, p, type, plan.phase[k]),
        nextFollowUpAt: Number.isNaN(next) ? null : cal.stamp(next),
        actorId: rng.chance(0.85) ? p.owner : rng.pick(users.officers),
        createdAt: cal.stamp(created),
      };
    },
    t,
  );
}

function activitySummary(ctx: DemoContext, rng: Rng, p: ProjectModel, type: ActivityType, phase: number): string {
  const templates = phase === 3 && (type === 'VISIT' || type === 'OTHER') ? V.AFTERCARE_TEMPLATES : V.ACTIVITY_TEMPLATES[type];
  const template = rng.pick(templates);
  if (!template.includes('{')) return template;
  return template.replace(/\{(\w+)\}/g, (_, key: string) => placeholder(ctx, rng, p, key));
}

function placeholder(ctx: DemoContext, rng: Rng, p: ProjectModel, key: string): string {
  switch (key) {
    case 'company':
      return p.company.short;
    case 'contact':
      return `${rng.pick(V.SURNAMES)[0]}${rng.chance(0.5) ? '总' : rng.chance(0.5) ? '经理' : '主任'}`;
    case 'building': {
      const inZone = p.zone ? ctx.ref.buildings.get(p.zone) : undefined;
      const list = inZone && inZone.length > 0 ? inZone : ctx.ref.allBuildings;
      return list.length > 0 ? rng.pick(list) : '区内重点楼宇';
    }
    case 'area':
      return String(p.areaMin ?? Math.round(rng.logUniform(200, 5000) / 10) * 10);
    case 'event':
      return rng.pick(V.EVENTS);
    case 'industry':
      return INDUSTRY_LABELS[p.industry] ?? '重点';
    default:
      return '';
  }
}
