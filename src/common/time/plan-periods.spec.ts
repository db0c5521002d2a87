import { fiveYearPlanZh, runningPlan } from './plan-periods.js';

describe('the plan that runs now', () => {
  const fyp14 = { code: 'FYP14', startDate: '2021-01-01', endDate: '2025-12-31' };
  const fyp15 = { code: 'FYP15', startDate: '2026-01-01', endDate: '2030-12-31' };

  it('is the plan whose period contains the date, never one that ended', () => {
    expect(runningPlan([fyp14, fyp15], '2026-01-01')?.code).toBe('FYP15');
    expect(runningPlan([fyp14, fyp15], '2025-12-31')?.code).toBe('FYP14');
    expect(runningPlan([fyp14], '2026-12-02')).toBeNull();
    expect(runningPlan([fyp15], '2020-06-30')).toBeNull();
  });

  it('prefers the later-starting plan when two overlap', () => {
    const special = { code: 'SPECIAL', startDate: '2026-07-01', endDate: '2027-06-30' };
    expect(runningPlan([fyp15, special], '2026-08-01')?.code).toBe('SPECIAL');
  });

  it('names the five-year period of a date', () => {
    expect(fiveYearPlanZh('2026-12-02')).toEqual({ nameZh: '十五五', startYear: 2026, endYear: 2030 });
    expect(fiveYearPlanZh('2025-12-31')).toEqual({ nameZh: '十四五', startYear: 2021, endYear: 2025 });
    expect(fiveYearPlanZh('2031-01-01').nameZh).toBe('十六五');
    expect(fiveYearPlanZh('2046-01-01').nameZh).toBe('十九五');
    expect(fiveYearPlanZh('2051-01-01').nameZh).toBe('二十五');
  });
});
