import { crossedWindow, digestLines, digestPlan, previousMonth, wholeDays } from './scan-rules.js';

describe('scan rules', () => {
  const now = new Date('2026-11-26T01:00:00Z');

  it('selects what crossed the threshold within the lookback', () => {
    const w = crossedWindow(now, 30, 7);
    expect(w.upTo.toISOString()).toBe('2026-10-27T01:00:00.000Z');
    expect(w.after.toISOString()).toBe('2026-10-20T01:00:00.000Z');
  });

  it('counts whole days', () => {
    expect(wholeDays(new Date('2026-10-27T01:00:00Z'), now)).toBe(30);
    expect(wholeDays(new Date('2026-10-27T01:00:01Z'), now)).toBe(29);
  });

  it('names the month before', () => {
    expect(previousMonth('2026-03-01')).toBe('2026-02');
    expect(previousMonth('2026-01-01')).toBe('2025-12');
  });

  it('reports on the running plan, else the one that ended last', () => {
    const fyp14 = { code: 'FYP14', startDate: '2021-01-01', endDate: '2025-12-31' };
    const fyp15 = { code: 'FYP15', startDate: '2026-01-01', endDate: '2030-12-31' };
    expect(digestPlan([fyp14, fyp15], '2026-11-30')?.code).toBe('FYP15');
    expect(digestPlan([fyp14], '2026-11-30')?.code).toBe('FYP14');
    expect(digestPlan([fyp15], '2025-06-30')).toBeNull();
  });

  it('writes one digest line per indicator with its status in Chinese', () => {
    expect(digestLines([{ nameZh: '引进京冀项目', actual: 120, target: 1000, percent: 12, status: 'BEHIND' }])).toEqual(['- 引进京冀项目：120 / 1000（12%，滞后）']);
  });
});
