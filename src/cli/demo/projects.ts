import { parseMinorUnits } from '../../common/money/money.js';
import { Project } from '../../modules/projects/project.entity.js';
import { SIGNED_OR_LATER } from '../../modules/projects/stage-machine.js';
import type { ProjectStage, RelocationFunction } from '../../modules/reference/enums.js';
import type { CompanyDraft, CompanyModel } from './companies.js';
import { DemoContext, cumulative, toWorkday, workSeconds } from './context.js';
import type { EntityRow } from './entity-rows.js';
import { Rng, Weighted, uuidV7 } from './random.js';
import { assignStages, checkPath, gapDays, pathTo } from './stages.js';
import * as V from './vocabulary.js';

/**
 * Projects: created 2021 → yesterday (a slowly growing intake), each with a company, an officer, an
 * industry and zone, a path through the stages, a Beijing–Hebei relocation or not, money and space.
 */
export interface ProjectModel {
  index: number;
  id: string;
  name: string;
  company: CompanyModel;
  industry: string;
  segments: string[];
  zone: string | null;
  path: ProjectStage[];
  days: number[];
  instants: number[];
  /** Planned investment in yuan (or dollars), whole 万. */
  plannedUnits: number | null;
  currency: 'CNY' | 'USD';
  areaMin: number | null;
  areaMax: number | null;
  jingji: boolean;
  relocationFunction: RelocationFunction | null;
  centralSoe: boolean | null;
  originDistrict: string | null;
  signedDay: number | null;
  lostReason: string | null;
  leadId: string | null;
  owner: string;
  createdMs: number;
  lastActivityMs: number | null;
  nextFollowUpMs: number | null;
}

export const USD_CNY = 7.1;

const RELOCATION_MIX = new Weighted<RelocationFunction>([
  ['HQ', 12],
  ['REGIONAL_HQ', 15],
  ['SETTLEMENT_CENTER', 8],
  ['RND', 15],
  ['BRANCH', 25],
  ['SUBSIDIARY', 25],
]);

/** The projects, in creation order, with ids; counts each final stage into `stages`. */
export function planProjects(ctx: DemoContext, draft: CompanyDraft, count: number, stages: Record<ProjectStage, number>): ProjectModel[] {
  const rng = ctx.stream('projects');
  const creation = creationInstants(ctx, rng, count);
  const span = ctx.lastDay - ctx.firstDay + 1;
  const stageOf = assignStages(rng, creation, (ms) => (ctx.lastDay - ctx.cal.dayOf(ms)) / span);
  const companyPicker = cumulative(draft.weights);
  const zonesFor = new Map<string, string[]>();
  for (const industry of ctx.ref.industries) zonesFor.set(industry, ctx.ref.zones.filter((z) => z.focus.includes(industry)).map((z) => z.code));
  const allZones = ctx.ref.zones.map((z) => z.code);
  const projects: ProjectModel[] = [];
  for (let i = 0; i < count; i++) {
    const company = draft.companies[companyPicker(rng)];
    const p = planProject(ctx, rng, i, creation[i], stageOf[i], company, (industry) => {
      const focus = zonesFor.get(industry) ?? [];
      const zr = rng.next();
      return zr < 0.78 && focus.length > 0 ? rng.pick(focus) : zr < 0.92 && allZones.length > 0 ? rng.pick(allZones) : null;
    });
    stages[p.path[p.path.length - 1]]++;
    projects.push(p);
  }
  const ids = ctx.stream('ids:projects');
  for (const p of projects) p.id = uuidV7(p.createdMs, ids);
  return projects;
}

/** Creation instants on workdays in office hours, sorted; intake grows slowly over the years. */
function creationInstants(ctx: DemoContext, rng: Rng, count: number): Float64Array {
  const { cal, firstDay, lastDay } = ctx;
  const creation = new Float64Array(count);
  const span = lastDay - firstDay + 1;
  const growth = 0.6;
  for (let i = 0; i < count; i++) {
    const u = rng.next();
    const x = (-1 + Math.sqrt(1 + 2 * growth * u * (1 + growth / 2))) / growth;
    const day = toWorkday(rng, firstDay + Math.min(span - 1, Math.floor(x * span)), firstDay, lastDay);
    creation[i] = cal.instant(day, workSeconds(rng));
  }
  return creation.sort();
}

function planProject(
  ctx: DemoContext,
  rng: Rng,
  index: number,
  createdMs: number,
  finalStage: ProjectStage,
  company: CompanyModel,
  zoneFor: (industry: string) => string | null,
): ProjectModel {
  const owner = company.firstProjectOwner && rng.chance(0.7) ? company.firstProjectOwner : ctx.officerPick.pick(rng);
  const industry = rng.chance(0.9) ? company.industry : ctx.anyIndustry(rng);
  const industrySegs = ctx.ref.segments.get(industry) ?? [];
  const segments =
    industry === company.industry && company.segments.length > 0
      ? rng.sample(company.segments, rng.int(1, Math.min(2, company.segments.length)))
      : rng.sample(industrySegs, rng.int(1, Math.min(2, industrySegs.length)));
  const zone = zoneFor(industry);
  const { path, days, instants } = planPath(ctx, rng, createdMs, finalStage);
  const relocation = planRelocation(rng, company);
  const money = planMoney(rng, company, path.some((s) => SIGNED_OR_LATER.includes(s)));
  const suffixes = relocation.relocationFunction
    ? V.PROJECT_SUFFIX_BY_FUNCTION[relocation.relocationFunction]
    : rng.chance(0.3) && V.PROJECT_SUFFIX_BY_INDUSTRY[industry]
      ? V.PROJECT_SUFFIX_BY_INDUSTRY[industry]
      : V.PROJECT_SUFFIXES;
  company.projects++;
  if (createdMs < company.firstProjectMs) {
    company.firstProjectMs = createdMs;
    company.firstProjectOwner = owner;
  }
  const name = phased(company, company.short + rng.pick(suffixes));
  const lostReason = path[path.length - 1] === 'LOST' ? rng.pick(V.LOST_REASONS) : null;
  const checked = checkPath(path, lostReason);
  if (checked.needsUscc) company.needsUscc = true;
  return {
    index,
    id: '',
    name,
    company,
    industry,
    segments,
    zone,
    path,
    days,
    instants,
    ...money,
    ...relocation,
    signedDay: checked.signedIndex >= 0 ? days[checked.signedIndex] : null,
    lostReason,
    leadId: null,
    owner,
    createdMs,
    lastActivityMs: null,
    nextFollowUpMs: null,
  };
}

/** A path to the final stage, with gaps that fit between creation and yesterday, on workdays. */
function planPath(ctx: DemoContext, rng: Rng, createdMs: number, finalStage: ProjectStage): Pick<ProjectModel, 'path' | 'days' | 'instants'> {
  const { cal, lastDay, anchorMs } = ctx;
  const createdDay = cal.dayOf(createdMs);
  const age = lastDay - createdDay;
  const path = pathTo(finalStage, rng);
  let gaps = path.map((to, k) => (k === 0 ? 0 : gapDays(rng, path[k - 1], to)));
  const total = gaps.reduce((a, b) => a + b, 0);
  if (total > age) gaps = gaps.map((g) => Math.floor((g * age) / total));
  const days: number[] = [createdDay];
  const instants: number[] = [createdMs];
  for (let k = 1; k < path.length; k++) {
    const prev = days[k - 1];
    const day = toWorkday(rng, Math.min(lastDay, prev + gaps[k]), prev, lastDay);
    days.push(day);
    let at = Math.max(instants[k - 1] + 60_000 + Math.floor(rng.next() * 600_000), cal.instant(day, workSeconds(rng)));
    if (at >= anchorMs) at = anchorMs - (path.length - k) * 1000;
    instants.push(Math.floor(at));
  }
  return { path, days, instants };
}

/** Beijing–Hebei relocation: most projects of Beijing and Hebei companies. */
function planRelocation(rng: Rng, company: CompanyModel): Pick<ProjectModel, 'jingji' | 'relocationFunction' | 'centralSoe' | 'originDistrict'> {
  const fromJingji = company.origin.province === 'BEIJING' || company.origin.province === 'HEBEI';
  const jingji = fromJingji && rng.chance(0.85);
  return {
    jingji,
    relocationFunction: jingji ? RELOCATION_MIX.pick(rng) : null,
    centralSoe: jingji ? rng.chance(0.1) : null,
    originDistrict: jingji ? company.origin.district : null,
  };
}

/** Planned investment (every signed project has one) and the floor space asked for. */
function planMoney(rng: Rng, company: CompanyModel, signed: boolean): Pick<ProjectModel, 'currency' | 'plannedUnits' | 'areaMin' | 'areaMax'> {
  const foreign = company.origin.province === 'OVERSEAS' || company.origin.province === 'HONG_KONG';
  const currency: 'CNY' | 'USD' = (foreign && rng.chance(0.7)) || rng.chance(0.02) ? 'USD' : 'CNY';
  let plannedUnits: number | null = null;
  if (signed || rng.chance(0.88)) {
    const yuan = rng.logUniform(1e6, 5e9);
    const units = currency === 'USD' ? yuan / USD_CNY : yuan;
    plannedUnits = Math.max(1e4, Math.round(units / 1e4) * 1e4);
  }
  let areaMin: number | null = null;
  let areaMax: number | null = null;
  if (rng.chance(0.85)) {
    areaMin = Math.round(rng.logUniform(200, 15_000) / 10) * 10;
    areaMax = Math.min(20_000, Math.round((areaMin * (1.1 + rng.next() * 0.9)) / 10) * 10);
    if (areaMax < areaMin) areaMax = areaMin;
  }
  return { currency, plannedUnits, areaMin, areaMax };
}

/** A company's second project of the same name is its second phase (二期), and so on. */
function phased(company: CompanyModel, name: string): string {
  const seen = company.projectNames.get(name) ?? 0;
  company.projectNames.set(name, seen + 1);
  if (seen === 0) return name;
  const phase = seen + 1;
  const numeral = phase <= 10 ? '一二三四五六七八九十'[phase - 1] : String(phase);
  return `${name.replace(/项目$/, '')}（${numeral}期）项目`;
}

/** Whole yuan (or dollars) in minor units (fen, cents), read by the money parser the API uses. */
export function minorUnits(units: number): bigint {
  const minor = parseMinorUnits(units);
  if (minor === null) throw new Error(`Demo amount ${units} is not money`);
  return minor;
}

export function projectRow(ctx: DemoContext, p: ProjectModel): EntityRow<Project> {
  const { cal } = ctx;
  const last = p.path.length - 1;
  return {
    id: p.id,
    name: p.name,
    companyId: p.company.id,
    industryCode: p.industry,
    segments: p.segments,
    zoneCode: p.zone,
    stage: p.path[last],
    plannedInvestment: p.plannedUnits === null ? null : minorUnits(p.plannedUnits),
    plannedCurrency: p.plannedUnits === null ? null : p.currency,
    areaMin: p.areaMin,
    areaMax: p.areaMax,
    jingji: p.jingji,
    originProvince: p.jingji ? p.company.origin.province : null,
    originCity: p.jingji ? p.company.origin.city : null,
    originDistrict: p.originDistrict,
    relocationFunction: p.relocationFunction,
    centralSoe: p.centralSoe,
    signedAt: p.signedDay === null ? null : cal.date(p.signedDay),
    stageChangedAt: cal.date(p.days[last]),
    lostReason: p.lostReason,
    leadId: p.leadId,
    ownerId: p.owner,
    createdById: p.owner,
    // 首谈人, as ProjectsService.createIn sets it: the lead's creator, else the owner (the same officer here).
    firstContactId: p.owner,
    lastActivityAt: p.lastActivityMs === null ? null : cal.stamp(p.lastActivityMs),
    nextFollowUpAt: p.nextFollowUpMs === null ? null : cal.stamp(p.nextFollowUpMs),
    createdAt: cal.stamp(p.createdMs),
    updatedAt: cal.stamp(p.instants[last]),
    version: p.path.length,
    archivedAt: null,
  };
}
