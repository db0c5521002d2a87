import type { IndicatorKind } from './indicators.js';

/**
 * The arithmetic of plan progress, on plain numbers in the indicator's smallest unit (fen for money,
 * m² × 100 for areas, units for counts) as bigint, so nothing drifts.
 */
export const PROGRESS_STATUSES = ['AHEAD', 'ON_TRACK', 'BEHIND', 'ACHIEVED', 'MISSED', 'NOT_ENTERED'] as const;
/**
 * While the period runs: AHEAD (超前), ON_TRACK (正常), BEHIND (滞后) against the value expected by
 * now. Once it has ended: ACHIEVED (已完成) or MISSED (未完成) against the target. NOT_ENTERED (未填报):
 * a hand-entered indicator without any value yet.
 */
export type ProgressStatus = (typeof PROGRESS_STATUSES)[number];

/** Within ±5 % of the expected value is on track; above is ahead, below is behind. */
export const ON_TRACK_TOLERANCE = 0.05;

export interface Milestone {
  year: number;
  value: bigint;
}

/** Whole days from a to b (dates YYYY-MM-DD), inclusive of both ends. */
export function daysInclusive(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000) + 1;
}

/** Share of the plan period elapsed at the end of day `asOf` (0 before it starts, 1 after it ends). */
export function elapsedShare(start: string, end: string, asOf: string): number {
  if (asOf < start) return 0;
  if (asOf >= end) return 1;
  return daysInclusive(start, asOf) / daysInclusive(start, end);
}

function scale(value: bigint, share: number): bigint {
  // Share to 1e-9 precision; rounding half up in bigint.
  const ppb = BigInt(Math.round(share * 1e9));
  return (value * ppb + 500_000_000n) / 1_000_000_000n;
}

/**
 * The value the plan expects at `asOf`: along the milestones (cumulative year-end values) when the
 * plan has them, else linearly in time from the start value (0 for flows, the baseline for stocks).
 */
export function expectedByNow(args: {
  kind: IndicatorKind;
  target: bigint;
  baseline: bigint;
  start: string;
  end: string;
  asOf: string;
  milestones: Milestone[];
}): bigint {
  const from = args.kind === 'stock' ? args.baseline : 0n;
  if (args.milestones.length) {
    const startYear = Number(args.start.slice(0, 4));
    const points = [{ year: startYear - 1, value: from }, ...[...args.milestones].sort((a, b) => a.year - b.year)];
    const year = Number(args.asOf.slice(0, 4));
    const prev = [...points].reverse().find((p) => p.year < year) ?? points[0];
    const next = points.find((p) => p.year >= year) ?? { year: Number(args.end.slice(0, 4)), value: args.target };
    if (args.asOf >= args.end) return args.target;
    const share = elapsedShare(`${year}-01-01`, `${year}-12-31`, args.asOf);
    return prev.value + scale(next.value - prev.value, next.year === year ? share : 0);
  }
  return from + scale(args.target - from, elapsedShare(args.start, args.end, args.asOf));
}

/**
 * The period-end value if the run rate so far continues. Never negative; for a cumulative flow never
 * below the figure already reached (what has arrived stays arrived).
 */
export function forecast(args: { kind: IndicatorKind; actual: bigint; baseline: bigint; start: string; end: string; asOf: string }): bigint {
  const share = elapsedShare(args.start, args.end, args.asOf);
  let value: bigint;
  if (share >= 1) value = args.actual;
  else if (share <= 0) value = args.kind === 'stock' ? args.actual : 0n;
  else {
    const from = args.kind === 'stock' ? args.baseline : 0n;
    value = from + scale(args.actual - from, 1 / share);
  }
  if (args.kind === 'flow' && value < args.actual) value = args.actual;
  return value < 0n ? 0n : value;
}

/** After the period: ACHIEVED when the figure reached the target, else MISSED. */
export function finalStatusOf(actual: bigint, target: bigint): ProgressStatus {
  return actual >= target ? 'ACHIEVED' : 'MISSED';
}

export function statusOf(actual: bigint, expected: bigint): ProgressStatus {
  if (expected <= 0n) return actual > 0n ? 'AHEAD' : 'ON_TRACK';
  const ratio = Number((actual * 1_000_000n) / expected) / 1_000_000;
  if (ratio > 1 + ON_TRACK_TOLERANCE) return 'AHEAD';
  if (ratio < 1 - ON_TRACK_TOLERANCE) return 'BEHIND';
  return 'ON_TRACK';
}

/** Percent of target, one decimal place. */
export function percentOf(actual: bigint, target: bigint): number {
  if (target <= 0n) return 0;
  return Number((actual * 1000n) / target) / 10;
}
