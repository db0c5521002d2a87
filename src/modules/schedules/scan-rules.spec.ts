import { crossedWindow, digestLines, previousMonth, wholeDays } from './scan-rules.js';

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

  it('writes one digest line per indicator with its status in Chinese', () => {
    expect(digestLines([{ nameZh: '引进京冀项目', unit: 'PROJECTS', actual: 120, target: 1000, percent: 12, status: 'BEHIND' }])).toEqual([
      '- 引进京冀项目：120 个 / 1,000 个（12%，滞后）',
    ]);
  });

  it('says money in 亿元 or 万元 with two decimals, areas in 万㎡, and 未填报 for a missing figure', () => {
    expect(
      digestLines([
        { nameZh: '吸引京冀投资', unit: 'CNY', actual: '20445947000.30', target: '20000000000.00', percent: 102.2, status: 'ACHIEVED', verified: '150000000.00', percentVerified: 0.7 },
        { nameZh: '外资到位额', unit: 'USD', actual: '1234.56', target: '300000000.00', percent: 0, status: 'BEHIND', verified: '0.00', percentVerified: 0 },
        { nameZh: '某区级指标', unit: 'CNY', actual: '123456.78', target: '50000000.00', percent: 0.2, status: 'BEHIND', verified: '0.00', percentVerified: 0 },
        { nameZh: '承载京冀面积', unit: 'M2', actual: 385234.5, target: 400000, percent: 96.3, status: 'MISSED' },
        { nameZh: '国家高新技术企业', unit: 'COMPANIES', actual: 58, target: 100, percent: 58, status: 'MISSED' },
        { nameZh: '市场主体数量', unit: 'ENTITIES', actual: null, target: 54000, percent: null, status: 'NOT_ENTERED' },
      ]),
    ).toEqual([
      '- 吸引京冀投资：204.46 亿元 / 200.00 亿元（102.2%，已完成；已核实 1.50 亿元，0.7%）',
      '- 外资到位额：0.00 亿美元 / 3.00 亿美元（0%，滞后；已核实 0.00 亿美元，0%）',
      '- 某区级指标：12.35 万元 / 5,000.00 万元（0.2%，滞后；已核实 0.00 万元，0%）',
      '- 承载京冀面积：38.52 万㎡ / 40.00 万㎡（96.3%，未完成）',
      '- 国家高新技术企业：58 家 / 100 家（58%，未完成）',
      '- 市场主体数量：未填报 / 54,000 户（未填报）',
    ]);
  });
});
