/** Which plan runs on a date: plans are data, so "the current plan" is the one whose period contains it. */

export interface PlanPeriod {
  code: string;
  startDate: string;
  endDate: string;
}

/** The plan whose period contains `date` (the later-starting one when two overlap), else null. */
export function runningPlan<P extends PlanPeriod>(plans: P[], date: string): P | null {
  const running = plans.filter((p) => p.startDate <= date && date <= p.endDate).sort((a, b) => (a.startDate < b.startDate ? 1 : -1));
  return running[0] ?? null;
}

const DIGITS_ZH = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/**
 * The usual name of the five-year plan period a date falls in (十四五 for 2021–2025, 十五五 for
 * 2026–2030), for saying which plan is missing. The periods are fixed by the national cycle.
 */
export function fiveYearPlanZh(date: string): { nameZh: string; startYear: number; endYear: number } {
  const year = Number(date.slice(0, 4));
  const n = 14 + Math.floor((year - 2021) / 5);
  const startYear = 2021 + (n - 14) * 5;
  const tens = Math.floor(n / 10);
  const number = `${tens > 1 ? DIGITS_ZH[tens] : ''}${tens > 0 ? '十' : ''}${DIGITS_ZH[n % 10]}`;
  return { nameZh: `${number}五`, startYear, endYear: startYear + 4 };
}
