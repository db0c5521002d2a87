import { USCC_ALPHABET, withUsccCheckChar } from '../../common/identity/uscc.js';
import { companyNameKey } from '../../modules/companies/company-names.js';
import { Company } from '../../modules/companies/company.entity.js';
import type { Qualification } from '../../modules/reference/enums.js';
import { DAY_MS } from './calendar.js';
import { DemoContext, workSeconds } from './context.js';
import type { EntityRow } from './entity-rows.js';
import { Rng, uuidV7 } from './random.js';
import * as V from './vocabulary.js';

/**
 * Companies: drafted first (origin, industry, how likely to bring projects), completed once their
 * projects are known (when recorded, by whom, credit code and qualifications, id).
 */
export interface CompanyModel {
  id: string;
  name: string;
  short: string;
  origin: V.Origin;
  industry: string;
  segments: string[];
  uscc: string | null;
  qualifications: Qualification[];
  createdMs: number;
  createdBy: string;
  needsUscc: boolean;
  projects: number;
  firstProjectMs: number;
  firstProjectOwner: string | null;
  /** Project names used so far, with how often (a second one becomes （二期）). */
  projectNames: Map<string, number>;
}

export interface CompanyDraft {
  companies: CompanyModel[];
  /** How strongly each company attracts projects. */
  weights: Float64Array;
  /** The stream, continued by `completeCompanies`. */
  rng: Rng;
}

/** First pass: where from, which industry, how many projects they will bring. */
export function draftCompanies(ctx: DemoContext, count: number): CompanyDraft {
  const rng = ctx.stream('companies');
  const companies: CompanyModel[] = [];
  const weights = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const origin = ctx.originPick.pick(rng);
    const industry = ctx.anyIndustry(rng);
    const segs = ctx.ref.segments.get(industry) ?? [];
    const named = companyName(rng, origin, industry, ctx.usedNames);
    companies.push({
      id: '',
      name: named.name,
      short: named.short,
      origin,
      industry,
      segments: rng.sample(segs, rng.int(1, Math.min(3, segs.length))),
      uscc: null,
      qualifications: [],
      createdMs: 0,
      createdBy: '',
      needsUscc: false,
      projects: 0,
      firstProjectMs: Infinity,
      firstProjectOwner: null,
      projectNames: new Map(),
    });
    weights[i] = Math.exp(0.7 * rng.normal());
  }
  return { companies, weights, rng };
}

/** Share of companies with a credit code (every one with a landed project has one). */
const USCC_SHARE = 0.85;

/**
 * Second pass, once the projects are drawn: when recorded (before the first project), by whom, the
 * registration code (unique, also against `existingUscc`), qualifications, ids; sorted by creation.
 */
export function completeCompanies(ctx: DemoContext, draft: CompanyDraft, existingUscc: Set<string>): CompanyModel[] {
  const { cal, firstDay, lastDay } = ctx;
  const { companies, rng } = draft;
  const startMs = cal.instant(firstDay, 8 * 3600);
  const required = companies.filter((c) => c.needsUscc).length;
  const optionalShare = companies.length > required ? Math.max(0, (USCC_SHARE * companies.length - required) / (companies.length - required)) : 0;
  const usccOffset = Math.floor(rng.next() * USCC_SPACE);
  let usccCounter = 0;
  const ids = ctx.stream('ids:companies');
  for (const c of companies) {
    if (c.projects > 0) {
      const before = c.firstProjectMs - 3_600_000 - rng.exponential(30 * DAY_MS);
      const day = Math.max(firstDay, cal.dayOf(before));
      let ms = cal.instant(day, workSeconds(rng));
      if (ms >= c.firstProjectMs) ms = Math.max(startMs - 3_600_000, c.firstProjectMs - 60_000 - Math.floor(rng.next() * 3_600_000));
      c.createdMs = Math.floor(ms);
      c.createdBy = c.firstProjectOwner ?? ctx.officerPick.pick(rng);
    } else {
      c.createdMs = cal.instant(rng.int(firstDay, lastDay), workSeconds(rng));
      c.createdBy = ctx.officerPick.pick(rng);
    }
    if (c.needsUscc || rng.chance(optionalShare)) {
      let code: string;
      do {
        code = uscc(c.origin.regionCode, (usccCounter++ * 1_000_003 + usccOffset) % USCC_SPACE);
      } while (existingUscc.has(code));
      c.uscc = code;
      c.qualifications = qualifications(rng, c.industry);
    }
    c.id = uuidV7(c.createdMs, ids);
  }
  return companies.sort((a, b) => a.createdMs - b.createdMs);
}

/** A companies row: the name key as the service computes it on create (for finding duplicates). */
export function companyRow(ctx: DemoContext, c: CompanyModel): EntityRow<Company> {
  const stamp = ctx.cal.stamp(c.createdMs);
  return {
    id: c.id,
    name: c.name,
    nameKey: companyNameKey(c.name),
    uscc: c.uscc,
    originProvince: c.origin.province,
    originCity: c.origin.city,
    industryCode: c.industry,
    segments: c.segments,
    createdById: c.createdBy,
    createdAt: stamp,
    updatedAt: stamp,
    version: 1,
    archivedAt: null,
  };
}

/** 31^9: the space of the 9-character organisation part of a USCC. */
const USCC_SPACE = 31 ** 9;

/** '91' (enterprise) + region + 9 characters from the body number + check character. */
function uscc(regionCode: string, body: number): string {
  let n = body;
  let part = '';
  for (let i = 0; i < 9; i++) {
    part = USCC_ALPHABET[n % 31] + part;
    n = Math.floor(n / 31);
  }
  return withUsccCheckChar(`91${regionCode}${part}`);
}

const HIGH_TECH_SHARE: Record<string, number> = {
  FINANCE: 0.05,
  TRADE: 0.025,
  BUSINESS_SERVICES: 0.05,
  SMART_TECH: 0.24,
  CULTURE_TOURISM: 0.07,
  HEALTH: 0.18,
};

function qualifications(rng: Rng, industry: string): Qualification[] {
  const q: Qualification[] = [];
  const tech = industry === 'SMART_TECH' || industry === 'HEALTH';
  if (rng.chance(HIGH_TECH_SHARE[industry] ?? 0.05)) q.push('HIGH_TECH');
  if (rng.chance(tech ? 0.1 : 0.04)) q.push('TECH_SME');
  if (rng.chance(0.035)) q.push('FLEDGLING');
  else if (rng.chance(0.007)) q.push('GAZELLE');
  if (q.includes('HIGH_TECH') && rng.chance(0.04)) q.push('LEADER');
  return q;
}

/** A registered-looking company name, unique in `used`, and its short form (brand + trade word). */
export function companyName(rng: Rng, origin: V.Origin, industry: string, used: Set<string>): { name: string; short: string } {
  const words = V.INDUSTRY_WORDS[industry] ?? V.GENERIC_WORDS;
  const foreign = origin.province === 'OVERSEAS' || origin.province === 'HONG_KONG';
  for (let attempt = 0; ; attempt++) {
    let brand = rng.pick(V.BRAND_FIRST) + rng.pick(V.BRAND_SECOND);
    if (brand[0] === brand[1]) continue;
    if (attempt >= 4) brand += rng.pick(V.BRAND_SECOND);
    if (attempt >= 12) brand += String(attempt);
    const word = rng.pick(words);
    const short = brand + word;
    const name = legalName(rng.next(), short, origin, foreign);
    if (!used.has(name)) {
      used.add(name);
      return { name, short };
    }
  }
}

function legalName(r: number, short: string, origin: V.Origin, foreign: boolean): string {
  if (foreign) return r < 0.6 ? `${short}（天津）有限公司` : `天津${short}有限公司`;
  if (r < 0.55) return `${origin.cityShort}${short}有限公司`;
  if (r < 0.67) return `${origin.cityShort}${short}股份有限公司`;
  if (r < 0.77) return `${origin.cityShort}${short}有限责任公司`;
  if (r < 0.85) return `${short}集团有限公司`;
  if (r < 0.95) return `${short}（天津）有限公司`;
  return `${short}（${origin.cityShort}）有限公司`;
}
