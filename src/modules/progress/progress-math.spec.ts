import { elapsedShare, expectedByNow, finalStatusOf, forecast, percentOf, statusOf } from './progress-math.js';

const FYP14 = { start: '2021-01-01', end: '2025-12-31' };

describe('plan progress arithmetic', () => {
  it('measures the elapsed share of the period by whole days', () => {
    expect(elapsedShare(FYP14.start, FYP14.end, '2020-12-31')).toBe(0);
    expect(elapsedShare(FYP14.start, FYP14.end, '2025-12-31')).toBe(1);
    expect(elapsedShare(FYP14.start, FYP14.end, '2023-07-02')).toBeCloseTo(913 / 1826, 9);
  });

  it('expects flows linearly from zero and stocks linearly from the baseline', () => {
    const half = '2023-07-02';
    expect(expectedByNow({ kind: 'flow', target: 1000n, baseline: 600n, ...FYP14, asOf: half, milestones: [] })).toBe(500n);
    expect(expectedByNow({ kind: 'stock', target: 54000n, baseline: 36000n, ...FYP14, asOf: half, milestones: [] })).toBe(45000n);
    expect(expectedByNow({ kind: 'flow', target: 1000n, baseline: 0n, ...FYP14, asOf: '2030-01-01', milestones: [] })).toBe(1000n);
  });

  it('follows yearly milestones when the plan has them', () => {
    const milestones = [
      { year: 2021, value: 100n },
      { year: 2022, value: 300n },
      { year: 2023, value: 500n },
      { year: 2024, value: 800n },
      { year: 2025, value: 1000n },
    ];
    expect(expectedByNow({ kind: 'flow', target: 1000n, baseline: 0n, ...FYP14, asOf: '2022-12-31', milestones })).toBe(300n);
    expect(expectedByNow({ kind: 'flow', target: 1000n, baseline: 0n, ...FYP14, asOf: '2021-12-31', milestones })).toBe(100n);
    const midYear = expectedByNow({ kind: 'flow', target: 1000n, baseline: 0n, ...FYP14, asOf: '2023-07-02', milestones });
    expect(midYear).toBeGreaterThan(300n);
    expect(midYear).toBeLessThan(500n);
  });

  it('forecasts the period end from the run rate', () => {
    expect(forecast({ kind: 'flow', actual: 500n, baseline: 0n, ...FYP14, asOf: '2023-07-02' })).toBe(1000n);
    expect(forecast({ kind: 'flow', actual: 700n, baseline: 0n, ...FYP14, asOf: '2026-03-01' })).toBe(700n);
    expect(forecast({ kind: 'stock', actual: 45000n, baseline: 36000n, ...FYP14, asOf: '2023-07-02' })).toBe(54000n);
  });

  it('never forecasts below zero, nor below the figure reached for a cumulative flow', () => {
    // A stock far below its baseline early in the period would extrapolate to −65,699,999.
    expect(forecast({ kind: 'stock', actual: 0n, baseline: 36000n, ...FYP14, asOf: '2021-01-01' })).toBe(0n);
    expect(forecast({ kind: 'stock', actual: 30000n, baseline: 36000n, ...FYP14, asOf: '2025-06-30' })).toBeGreaterThanOrEqual(0n);
    expect(forecast({ kind: 'flow', actual: 5n, baseline: 0n, ...FYP14, asOf: '2020-06-30' })).toBe(5n);
    expect(forecast({ kind: 'flow', actual: -300n, baseline: 0n, ...FYP14, asOf: '2023-07-02' })).toBe(0n);
  });

  it('says achieved or missed against the target once the period has ended', () => {
    expect(finalStatusOf(1022n, 1000n)).toBe('ACHIEVED');
    expect(finalStatusOf(1000n, 1000n)).toBe('ACHIEVED');
    expect(finalStatusOf(606n, 1000n)).toBe('MISSED');
  });

  it('calls within 5 % of expected on track, above ahead, below behind', () => {
    expect(statusOf(500n, 500n)).toBe('ON_TRACK');
    expect(statusOf(524n, 500n)).toBe('ON_TRACK');
    expect(statusOf(530n, 500n)).toBe('AHEAD');
    expect(statusOf(470n, 500n)).toBe('BEHIND');
    expect(statusOf(0n, 0n)).toBe('ON_TRACK');
  });

  it('gives percent of target to one decimal', () => {
    expect(percentOf(123n, 1000n)).toBe(12.3);
    expect(percentOf(20_708_000_000_00n, 20_000_000_000_00n)).toBe(103.5);
  });
});
