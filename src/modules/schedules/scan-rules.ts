/** The pure rules of the scans: which time window a threshold selects, and how a digest reads. */
import { displayScale, figureZh, statusZh } from '../progress/figures-zh.js';

const DAY_MS = 86_400_000;

export interface Window {
  /** Exclusive lower bound. */
  after: Date;
  /** Inclusive upper bound. */
  upTo: Date;
}

/**
 * The records whose clock (last activity, last vacancy update…) lies in this window crossed a
 * threshold of `days` within the last `lookbackDays`: they are due a notification now. Older ones
 * were notified before (or predate the lookback, so an old backlog is not replayed at once), and
 * each notification is keyed by the clock's value, so a record crossing again after a new activity
 * is notified again.
 */
export function crossedWindow(now: Date, days: number, lookbackDays: number): Window {
  const upTo = new Date(now.getTime() - days * DAY_MS);
  return { after: new Date(upTo.getTime() - lookbackDays * DAY_MS), upTo };
}

/** Whole days between two instants. */
export function wholeDays(from: Date, to: Date): number {
  return Math.floor((to.getTime() - from.getTime()) / DAY_MS);
}

/** The month before the one of `date` ("2026-03-01" → "2026-02"). */
export function previousMonth(date: string): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

export interface DigestIndicator {
  nameZh: string;
  unit: string;
  actual: string | number | null;
  target: string | number;
  percent: number | null;
  status: string;
  verified?: string | number;
  percentVerified?: number;
}

/**
 * One line per indicator, in the units people read: "- 吸引京冀投资：204.46 亿元 / 200.00 亿元（102.2%，
 * 已完成；已核实 150.00 亿元，75.0%）", "- 引进京冀项目：12 个 / 1,000 个（1.2%，滞后）",
 * "- 市场主体数量：未填报 / 54,000 户（未填报）".
 */
export function digestLines(indicators: DigestIndicator[]): string[] {
  return indicators.map((i) => {
    const scale = displayScale(i.unit, i.target);
    const verified = i.verified !== undefined ? `；已核实 ${figureZh(i.verified, scale)}，${i.percentVerified ?? 0}%` : '';
    const progress = i.percent === null ? statusZh(i.status) : `${i.percent}%，${statusZh(i.status)}${verified}`;
    return `- ${i.nameZh}：${figureZh(i.actual, scale)} / ${figureZh(i.target, scale)}（${progress}）`;
  });
}

/** The full link to a page of the service, from the configured public base URL. */
export function publicLink(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${path}`;
}
