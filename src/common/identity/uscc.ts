/**
 * 统一社会信用代码 (unified social credit code), GB 32100-2015: 18 characters from a 31-symbol
 * alphabet (digits and capitals without I, O, Z, S, V); the last is a mod-31 check character.
 */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** Trims and upper-cases; the form in which codes are stored and compared. */
export function normalizeUscc(input: string): string {
  return input.trim().toUpperCase();
}

/** The check character for the first 17 characters, or null when one is outside the alphabet. */
export function usccCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_ALPHABET.indexOf(first17[i]);
    if (v < 0) return null;
    sum += v * WEIGHTS[i];
  }
  const check = (31 - (sum % 31)) % 31;
  return USCC_ALPHABET[check];
}

/** Why a (normalised) code is not valid, or null when it is. */
export function usccProblem(code: string): string | null {
  if (code.length !== 18) return 'must be 18 characters';
  for (const ch of code) {
    if (!USCC_ALPHABET.includes(ch)) return `contains '${ch}', which is not allowed (GB 32100-2015 excludes I, O, Z, S, V)`;
  }
  const expected = usccCheckChar(code.slice(0, 17));
  if (expected !== code[17]) return `check character is wrong (expected '${expected}')`;
  return null;
}

export function isValidUscc(code: string): boolean {
  return usccProblem(code) === null;
}

/** Completes 17 characters with their check character; used by the demo generator and tests. */
export function withUsccCheckChar(first17: string): string {
  const check = usccCheckChar(first17);
  if (check === null) throw new Error(`Not a valid USCC prefix: ${first17}`);
  return first17 + check;
}
