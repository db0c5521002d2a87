import { formatMinorUnits } from '../../common/money/money.js';
import type { UnitStatus } from '../reference/enums.js';
import { daysBetween } from './calendar.js';

/**
 * Ranking vacant space for a project: how well a unit fits, as a score out of 100 with the reasons
 * in words. The plan asks to steer companies into the zones and specialty buildings of their industry
 * (引导企业向专业楼宇和功能区集聚), so zone focus and building specialty weigh most, then the area
 * against the requirement, the rent against a budget and how soon the unit is free. The reasons are
 * Chinese sentences users read beside each match (功能区“…”重点发展…, 面积 356.8㎡，符合 300–500㎡ 的需求).
 */
export const WEIGHTS = {
  zoneFocus: 25,
  preferredZone: 10,
  specialty: 20,
  area: 25,
  rent: 10,
  availability: 10,
  reservedForProject: 10,
} as const;

/** A unit free later than this many days is not offered. */
export const SOON_AVAILABLE_DAYS = 180;
/** Area within this fraction outside the requirement still scores (and is fetched as a candidate). */
export const AREA_TOLERANCE = 0.5;
/** Rent this fraction over the budget still scores. */
export const RENT_TOLERANCE = 0.3;

export interface MatchProject {
  id: string;
  industry: string;
  /** The zone the project prefers, if any. */
  zone: string | null;
  areaMin: number | null;
  areaMax: number | null;
}

export interface MatchCandidate {
  unit: {
    id: string;
    area: number;
    status: UnitStatus;
    askingRent: bigint | null;
    availableFrom: string | null;
    reservedForProjectId: string | null;
  };
  building: { name: string; zoneCode: string; specialtyIndustries: string[] };
  zone: { code: string; nameZh: string; focusIndustries: string[] } | null;
}

export interface MatchOptions {
  /** Today in the district, "YYYY-MM-DD". */
  today: string;
  /** Budget in fen per m² per day. */
  maxRent?: bigint | null;
  /** Industry code → Chinese name (创新金融…), for the reasons users read; a code without a name is shown as is. */
  industryNames?: ReadonlyMap<string, string>;
}

export interface Scored<C> {
  candidate: C;
  score: number;
  reasons: string[];
}

/** 356.8㎡: areas as users write them, without trailing zeros. */
const m2 = (n: number): string => `${Number(n.toFixed(2))}㎡`;
const pct = (f: number): string => `${Math.round(f * 100)}%`;
const rent = (fen: bigint): string => `${formatMinorUnits(fen)} 元/㎡·天`;

/** Whether a unit may be offered at all: vacant (now or soon) or reserved for this very project. */
export function isOfferable(project: MatchProject, c: MatchCandidate, today: string): boolean {
  const u = c.unit;
  if (u.status === 'RESERVED') return u.reservedForProjectId === project.id;
  if (u.status !== 'VACANT') return false;
  return !u.availableFrom || daysBetween(today, u.availableFrom) <= SOON_AVAILABLE_DAYS;
}

/** The score of a unit for a project, with the reasons in Chinese, as officers read them on the project page. */
export function scoreUnit(project: MatchProject, c: MatchCandidate, options: MatchOptions): { score: number; reasons: string[] } {
  const reasons: string[] = [];
  let score = 0;
  const industry = project.industry;
  const zh = (code: string): string => options.industryNames?.get(code) ?? code;

  if (c.zone) {
    const focus = c.zone.focusIndustries;
    if (focus.includes(industry)) {
      score += WEIGHTS.zoneFocus;
      reasons.push(`功能区“${c.zone.nameZh}”重点发展${zh(industry)}`);
    } else {
      const wants = focus.length ? `重点发展${focus.map(zh).join('、')}` : '未设重点产业';
      reasons.push(`功能区“${c.zone.nameZh}”${wants}，与项目产业（${zh(industry)}）不符`);
    }
  }
  if (project.zone && project.zone === c.building.zoneCode) {
    score += WEIGHTS.preferredZone;
    reasons.push(c.zone ? `位于项目意向功能区“${c.zone.nameZh}”` : '位于项目意向功能区');
  }
  if (c.building.specialtyIndustries.includes(industry)) {
    score += WEIGHTS.specialty;
    reasons.push(`专业特色楼宇（${zh(industry)}）`);
  }

  const area = c.unit.area;
  if (project.areaMin !== null && project.areaMax !== null) {
    const { areaMin: min, areaMax: max } = project;
    const range = `${Number(min.toFixed(2))}–${m2(max)}`;
    if (area >= min && area <= max) {
      score += WEIGHTS.area;
      reasons.push(`面积 ${m2(area)}，符合 ${range} 的需求`);
    } else {
      const below = area < min;
      const off = below ? (min - area) / (min || 1) : (area - max) / (max || 1);
      score += WEIGHTS.area * Math.max(0, 1 - off / AREA_TOLERANCE);
      reasons.push(`面积 ${m2(area)}，${below ? '比需求下限少' : '比需求上限多'} ${pct(off)}（需求 ${range}）`);
    }
  } else {
    score += WEIGHTS.area / 2;
    reasons.push(`面积 ${m2(area)}（项目未提面积需求）`);
  }

  const asking = c.unit.askingRent;
  if (options.maxRent !== undefined && options.maxRent !== null) {
    const budget = options.maxRent;
    if (asking === null) {
      score += WEIGHTS.rent / 2;
      reasons.push('未标明租金');
    } else if (asking <= budget) {
      score += WEIGHTS.rent;
      reasons.push(`租金 ${rent(asking)}，在 ${rent(budget)} 的预算内`);
    } else {
      const over = budget > 0n ? Number(asking - budget) / Number(budget) : Infinity;
      score += WEIGHTS.rent * Math.max(0, 1 - over / RENT_TOLERANCE);
      reasons.push(`租金 ${rent(asking)}，${Number.isFinite(over) ? `超出 ${rent(budget)} 的预算 ${pct(over)}` : `远超 ${rent(budget)} 的预算`}`);
    }
  } else {
    score += WEIGHTS.rent / 2;
    if (asking !== null) reasons.push(`租金 ${rent(asking)}`);
  }

  const from = c.unit.availableFrom;
  const wait = from ? daysBetween(options.today, from) : 0;
  if (wait <= 0) {
    score += WEIGHTS.availability;
    reasons.push('现可入驻');
  } else {
    score += WEIGHTS.availability * Math.max(0, 1 - wait / SOON_AVAILABLE_DAYS);
    reasons.push(`${from} 起可入驻（${wait} 天后）`);
  }

  if (c.unit.status === 'RESERVED' && c.unit.reservedForProjectId === project.id) {
    score += WEIGHTS.reservedForProject;
    reasons.unshift('已为本项目预留');
  }
  return { score: Math.min(100, Math.round(score)), reasons };
}

/**
 * Scores every offerable candidate and returns the best `limit`: highest score first, then the area
 * closest to the middle of the requirement, then the unit id (so equal inputs rank the same way).
 */
export function rankUnits<C extends MatchCandidate>(project: MatchProject, candidates: C[], options: MatchOptions, limit: number): Scored<C>[] {
  const target = project.areaMin !== null && project.areaMax !== null ? (project.areaMin + project.areaMax) / 2 : null;
  return candidates
    .filter((c) => isOfferable(project, c, options.today))
    .map((candidate) => ({ candidate, ...scoreUnit(project, candidate, options) }))
    .sort(
      (a, b) =>
        b.score - a.score ||
        (target === null ? 0 : Math.abs(a.candidate.unit.area - target) - Math.abs(b.candidate.unit.area - target)) ||
        (a.candidate.unit.id < b.candidate.unit.id ? -1 : a.candidate.unit.id > b.candidate.unit.id ? 1 : 0),
    )
    .slice(0, limit);
}
