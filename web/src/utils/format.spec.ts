import { dateTime, dateZh, money, moneyExact, moneyWan, wanToYuan, yuanToWan } from './format';

describe('money as people read it', () => {
  it('says 亿元 from one 亿, 万元 from one 万, else 元, with two decimals rounded half up', () => {
    expect(money('20445947000.30')).toBe('204.46 亿元');
    expect(money('123456789.12')).toBe('1.23 亿元');
    expect(money('12505000.00')).toBe('1,250.50 万元');
    expect(money('9999.99')).toBe('9,999.99 元');
    expect(money('10000')).toBe('1.00 万元');
    expect(money('300000000', 'USD')).toBe('3.00 亿美元');
    expect(money('-12505000.00')).toBe('-1,250.50 万元');
    expect(money(null)).toBe('—');
  });

  it('keeps the exact amount to the fen, however large (no floating point)', () => {
    expect(moneyExact('9999999999999.99')).toBe('9,999,999,999,999.99 元');
    expect(money('9999999999999.99')).toBe('100,000.00 亿元');
    expect(moneyWan('0.01')).toBe('0.00 万元');
    expect(moneyWan('50.00')).toBe('0.01 万元');
  });

  it('turns a 万元 figure typed in a form into the exact yuan string, or refuses it', () => {
    expect(wanToYuan('1250.5')).toBe('12505000.00');
    expect(wanToYuan('0.000001')).toBe('0.01');
    expect(wanToYuan('3')).toBe('30000.00');
    expect(wanToYuan('1,250')).toBe('');
    expect(wanToYuan('-1')).toBe('');
  });

  it('shows a stored yuan amount as the exact 万元 figure a form is filled with, the inverse of wanToYuan', () => {
    expect(yuanToWan('30000000000.00')).toBe('3000000');
    expect(yuanToWan('1234567.89')).toBe('123.456789');
    expect(yuanToWan('0.01')).toBe('0.000001');
    expect(yuanToWan('0')).toBe('0');
    for (const wan of ['1250.5', '0.000001', '3', '3200000.5']) expect(yuanToWan(wanToYuan(wan))).toBe(wan);
  });
});

describe('dates in the district', () => {
  it('writes business dates the Chinese way and instants on the Asia/Shanghai clock', () => {
    expect(dateZh('2025-06-01')).toBe('2025年6月1日');
    expect(dateTime('2025-06-01T16:30:00Z')).toBe('2025-06-02 00:30');
  });
});
