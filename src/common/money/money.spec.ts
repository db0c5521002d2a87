import fc from 'fast-check';
import { formatMinorUnits, parseMinorUnits, sumMinorUnits } from './money.js';

describe('money', () => {
  it('parses decimal strings and numbers into exact minor units', () => {
    expect(parseMinorUnits('1250000.00')).toBe(125000000n);
    expect(parseMinorUnits('0.1')).toBe(10n);
    expect(parseMinorUnits(1250000)).toBe(125000000n);
    expect(parseMinorUnits(19.99)).toBe(1999n);
    expect(parseMinorUnits(' 7 ')).toBe(700n);
  });

  it('rejects more than two decimal places, exponents, separators and non-numbers', () => {
    for (const bad of ['1.005', '1e5', '1,000', '', 'abc', '12.', '.5', null, undefined, {}, NaN, Infinity, 0.30000000000000004]) {
      expect(parseMinorUnits(bad)).toBeNull();
    }
  });

  it('rejects amounts beyond ten trillion', () => {
    expect(parseMinorUnits('10000000000000.00')).toBeNull();
    expect(parseMinorUnits('9999999999999.99')).toBe(999999999999999n);
  });

  it('formats with two places and a sign', () => {
    expect(formatMinorUnits(125000000n)).toBe('1250000.00');
    expect(formatMinorUnits(5n)).toBe('0.05');
    expect(formatMinorUnits(-150n)).toBe('-1.50');
  });

  it('sums 0.10 ten times to exactly 1.00, where floating point would not', () => {
    const tenths = Array.from({ length: 10 }, () => parseMinorUnits('0.10') as bigint);
    expect(formatMinorUnits(sumMinorUnits(tenths))).toBe('1.00');
    expect(Array.from({ length: 10 }, () => 0.1).reduce((a, b) => a + b, 0)).not.toBe(1);
  });

  it('round-trips every two-place amount through format and parse', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 14n), max: 10n ** 14n }), (minor) => {
        expect(parseMinorUnits(formatMinorUnits(minor))).toBe(minor);
      }),
    );
  });
});
