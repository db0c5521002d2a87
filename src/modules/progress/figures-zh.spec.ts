import { displayScale, figureZh, scaledDigits, scaledNumber } from './figures-zh.js';

describe('figures in the units people read', () => {
  it('chooses 亿元 or 万元 by the target, 万㎡ for large areas, 个/家/户 for counts', () => {
    expect(displayScale('CNY', '20000000000.00').unitZh).toBe('亿元');
    expect(displayScale('CNY', '50000000.00').unitZh).toBe('万元');
    expect(displayScale('USD', '300000000.00').unitZh).toBe('亿美元');
    expect(displayScale('M2', 400000).unitZh).toBe('万㎡');
    expect(displayScale('M2', 5000).unitZh).toBe('㎡');
    expect(displayScale('PROJECTS', 1000).unitZh).toBe('个');
    expect(displayScale('COMPANIES', 100).unitZh).toBe('家');
    expect(displayScale('ENTITIES', 54000).unitZh).toBe('户');
  });

  it('rounds exactly, half away from zero, with thousands separators', () => {
    const yi = displayScale('CNY', '20000000000.00');
    expect(scaledDigits('20445947000.30', yi)).toBe('204.46');
    expect(scaledDigits('999999999999.99', yi)).toBe('10,000.00');
    expect(scaledDigits('-150000000.00', yi)).toBe('-1.50');
    expect(scaledDigits('499999.99', yi)).toBe('0.00');
    expect(scaledDigits('500000.00', yi)).toBe('0.01');
    expect(figureZh(54000, displayScale('ENTITIES', 54000))).toBe('54,000 户');
    expect(figureZh(385234.5, displayScale('M2', 400000))).toBe('38.52 万㎡');
    expect(figureZh(null, yi)).toBe('未填报');
  });

  it('gives the workbook the display-unit number to the fen', () => {
    expect(scaledNumber('20445947000.30', displayScale('CNY', '20000000000.00'))).toBe(204.459470003);
    expect(scaledNumber('1000.30', displayScale('CNY', '20000000000.00'))).toBe(0.000010003);
    expect(scaledNumber(1000, displayScale('PROJECTS', 1000))).toBe(1000);
  });
});
