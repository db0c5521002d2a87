/** The pure rules of the scans: which time window a threshold selects, and how a digest reads. */

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

export interface DigestPlan {
  code: string;
  startDate: string;
  endDate: string;
}

/** The plan a digest reports on: the one running on `today`, else the one that ended last, else none. */
export function digestPlan(plans: DigestPlan[], today: string): DigestPlan | null {
  const running = plans.filter((p) => p.startDate <= today && today <= p.endDate).sort((a, b) => (a.startDate < b.startDate ? 1 : -1));
  if (running.length) return running[0];
  const ended = plans.filter((p) => p.endDate < today).sort((a, b) => (a.endDate < b.endDate ? 1 : -1));
  return ended[0] ?? null;
}

const STATUS_ZH: Record<string, string> = { AHEAD: '超前', ON_TRACK: '正常', BEHIND: '滞后' };

export interface DigestIndicator {
  nameZh: string;
  actual: string | number;
  target: string | number;
  percent: number;
  status: string;
}

/** One line per indicator: "- 引进京冀项目：12 / 1000（1.2%，滞后）". */
export function digestLines(indicators: DigestIndicator[]): string[] {
  return indicators.map((i) => `- ${i.nameZh}：${i.actual} / ${i.target}（${Math.round(i.percent * 10) / 10}%，${STATUS_ZH[i.status] ?? i.status}）`);
}
