/**
 * Money is kept as integer fen (1/100 yuan, or cents for USD) in a bigint, end to end:
 * parsed from the decimal string or number a client sends, summed as bigint, printed with two places.
 */
export type Currency = 'CNY' | 'USD';
export const CURRENCIES: readonly Currency[] = ['CNY', 'USD'];

/**
 * The wire shape `{ amount: "1250000.00", currency }` (documented for OpenAPI by MoneyDto in
 * money.dto.ts). This file stays free of framework imports: the web workbench parses money with it.
 */
export interface MoneyDto {
  amount: string;
  currency: Currency;
}

/** Ten trillion yuan: far above any single amount a district records; guards against typos and overflow. */
export const MAX_MINOR_UNITS = 10n ** 15n;

const DECIMAL = /^(-)?(\d{1,16})(?:\.(\d{1,2}))?$/;

/** Parses "1250000.00", "1250000.5", 1250000 into minor units; null when not an exact 2-place decimal. */
export function parseMinorUnits(input: unknown): bigint | null {
  let text: string;
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return null;
    text = String(input);
  } else if (typeof input === 'string') {
    text = input.trim();
  } else {
    return null;
  }
  const m = DECIMAL.exec(text);
  if (!m) return null;
  const [, sign, whole, frac = ''] = m;
  const minor = BigInt(whole) * 100n + BigInt(frac.padEnd(2, '0'));
  const value = sign ? -minor : minor;
  if (value >= MAX_MINOR_UNITS || value <= -MAX_MINOR_UNITS) return null;
  return value;
}

/** 125000000n → "1250000.00" */
export function formatMinorUnits(minor: bigint): string {
  const negative = minor < 0n;
  const abs = negative ? -minor : minor;
  const whole = abs / 100n;
  const frac = (abs % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${whole.toString()}.${frac}`;
}

/** Sums exactly; never through floating point. */
export function sumMinorUnits(values: Iterable<bigint>): bigint {
  let total = 0n;
  for (const v of values) total += v;
  return total;
}

/** Reads a SUM()/bigint column as the driver returns it (number from SQLite, string from PostgreSQL). */
export function minorUnitsFromDb(value: unknown): bigint {
  if (value === null || value === undefined) return 0n;
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new Error(`Money column value ${value} is not an exact integer`);
    return BigInt(value);
  }
  return BigInt(String(value));
}

export function toMoney(minor: bigint | null | undefined, currency: Currency | null | undefined): MoneyDto | null {
  if (minor === null || minor === undefined || !currency) return null;
  return { amount: formatMinorUnits(minor), currency };
}
