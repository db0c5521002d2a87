import fc from 'fast-check';
import { USCC_ALPHABET, isValidUscc, normalizeUscc, usccProblem, withUsccCheckChar } from './uscc.js';

// Published codes of real companies, check characters as issued.
const REAL = ['91350100M000100Y43', '91110000802100433B', '911100001011212937'];

const prefix17 = fc
  .array(fc.integer({ min: 0, max: 30 }), { minLength: 17, maxLength: 17 })
  .map((xs) => xs.map((i) => USCC_ALPHABET[i]).join(''));

describe('USCC (GB 32100-2015)', () => {
  it('accepts codes issued to real companies', () => {
    for (const code of REAL) expect(usccProblem(code)).toBeNull();
  });

  it('normalises by trimming and upper-casing', () => {
    expect(normalizeUscc('  91350100m000100y43 ')).toBe('91350100M000100Y43');
  });

  it('rejects wrong length, forbidden letters and a wrong check character', () => {
    expect(usccProblem('91350100M000100Y4')).toMatch(/18 characters/);
    expect(usccProblem('91350100M000100I43')).toMatch(/not allowed/);
    expect(usccProblem('91350100M000100Y44')).toMatch(/check character/);
  });

  it('rejects every single-character change of a valid code', () => {
    fc.assert(
      fc.property(prefix17, fc.integer({ min: 0, max: 17 }), fc.integer({ min: 1, max: 30 }), (p, pos, shift) => {
        const valid = withUsccCheckChar(p);
        expect(isValidUscc(valid)).toBe(true);
        const changed =
          valid.slice(0, pos) + USCC_ALPHABET[(USCC_ALPHABET.indexOf(valid[pos]) + shift) % 31] + valid.slice(pos + 1);
        expect(isValidUscc(changed)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});
