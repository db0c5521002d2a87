import { ChoiceMap, excelSerialToDate, parseBoolean, parseDate, parseDecimal, splitList } from './cells.js';
import { headerKey, headerMultiplier } from './headers.js';

describe('cell readers', () => {
  it.each([
    ['2024-05-01', '2024-05-01'],
    ['2024/5/1', '2024-05-01'],
    ['2024.5.1', '2024-05-01'],
    ['2024年5月1日', '2024-05-01'],
    ['20240501', '2024-05-01'],
    ['２０２４－０５－０１', '2024-05-01'],
    ['2024-05-01 00:00:00', '2024-05-01'],
    ['45413', '2024-05-01'],
  ])('reads the date %s', (text, date) => {
    expect(parseDate(text)).toEqual({ ok: true, value: date });
  });

  it('reads date cells and Excel serial numbers, and refuses impossible dates', () => {
    expect(parseDate(new Date(Date.UTC(2024, 1, 29)))).toEqual({ ok: true, value: '2024-02-29' });
    expect(parseDate(45413)).toEqual({ ok: true, value: '2024-05-01' });
    expect(excelSerialToDate(1)).toBe('1900-01-01');
    expect(excelSerialToDate(61)).toBe('1900-03-01');
    expect(parseDate('2024-02-30').ok).toBe(false);
    expect(parseDate('下个月').ok).toBe(false);
  });

  it.each([
    ['1,250,000', undefined, '1250000.00'],
    ['1，250，000.5', undefined, '1250000.50'],
    ['125万', undefined, '1250000.00'],
    ['125万元', undefined, '1250000.00'],
    ['1.5亿', undefined, '150000000.00'],
    ['１２３', undefined, '123.00'],
    ['¥3,000元', undefined, '3000.00'],
    ['1250', 10_000n, '12500000.00'],
    ['1.5亿', 10_000n, '150000000.00'],
    [1250000.5, undefined, '1250000.50'],
    [0.1 + 0.2, undefined, '0.30'],
  ] as const)('reads the amount %s (column unit %s) exactly', (input, multiplier, out) => {
    expect(parseDecimal(input, { places: 2, multiplier })).toEqual({ ok: true, value: out });
  });

  it('refuses amounts with too many places or no number at all', () => {
    expect(parseDecimal('1.234', { places: 2 })).toMatchObject({ ok: false, message: expect.stringContaining('decimal') });
    expect(parseDecimal('abc', { places: 2 }).ok).toBe(false);
    expect(parseDecimal('12.5层', { places: 0, suffixes: ['层'] }).ok).toBe(false);
    expect(parseDecimal('88.5㎡', { places: 2, suffixes: ['㎡'] })).toEqual({ ok: true, value: '88.50' });
  });

  it('reads yes/no words and lists typed into one cell', () => {
    expect(parseBoolean('是')).toEqual({ ok: true, value: true });
    expect(parseBoolean('N')).toEqual({ ok: true, value: false });
    expect(parseBoolean('也许').ok).toBe(false);
    expect(splitList('金融科技、融资租赁;  商业保理，绿色金融')).toEqual(['金融科技', '融资租赁', '商业保理', '绿色金融']);
  });

  it('resolves codes and labels to codes', () => {
    const map = new ChoiceMap([{ code: 'FAIR', words: ['展会', 'Trade fair'] }]);
    expect(['FAIR', 'fair', '展会', 'trade fair', ' 展会 '].map((w) => map.resolve(w))).toEqual(['FAIR', 'FAIR', 'FAIR', 'FAIR', 'FAIR']);
    expect(map.resolve('会展')).toBeNull();
  });

  it('compares headers without spaces, required markers or bracketed hints, and reads a unit in the header', () => {
    expect(headerKey(' *企业名称 ')).toBe(headerKey('企业名称'));
    expect(headerKey('面积（㎡）')).toBe(headerKey('面积'));
    expect(headerKey('Company Name')).toBe('companyname');
    expect(headerMultiplier('计划投资额（万元）')).toBe(10_000n);
    expect(headerMultiplier('计划投资额（元）')).toBeUndefined();
  });
});
