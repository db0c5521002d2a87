import { parseMinorUnits } from '../../common/money/money.js';
import { PROGRESS_STATUS_LABELS } from '../reference/enums.js';
import type { Figure } from './dto/progress.response.js';

/**
 * Figures in the units people read them in (digest, workbook): money in 亿元 or 万元 (亿美元 / 万美元)
 * with two decimals, areas in 万㎡ or ㎡, counts with 个 / 家 / 户. An indicator keeps one scale for all
 * its figures, chosen by its target (200 亿元 → 亿元; a target under 1 亿 → 万元).
 */
export interface DisplayScale {
  /** The unit as the header or text says it: 亿元, 万元, 亿美元, 万㎡, 个… */
  unitZh: string;
  /** Powers of ten between the API figure (yuan, m², count) and the display unit. */
  exponent: number;
  /** Decimals shown. */
  places: number;
}

const COUNT_UNITS: Record<string, string> = { PROJECTS: '个', COMPANIES: '家', ENTITIES: '户' };

/** The base unit of the API's figures, for exact values: 元, 美元, ㎡, 个… */
export function baseUnitZh(unit: string): string {
  if (unit === 'CNY') return '元';
  if (unit === 'USD') return '美元';
  if (unit === 'M2') return '㎡';
  return COUNT_UNITS[unit] ?? unit;
}

export function displayScale(unit: string, target: Figure): DisplayScale {
  const t = Math.abs(Number(target));
  if (unit === 'CNY' || unit === 'USD') {
    const currency = unit === 'CNY' ? '元' : '美元';
    return t >= 1e8 ? { unitZh: `亿${currency}`, exponent: 8, places: 2 } : { unitZh: `万${currency}`, exponent: 4, places: 2 };
  }
  if (unit === 'M2') return t >= 1e4 ? { unitZh: '万㎡', exponent: 4, places: 2 } : { unitZh: '㎡', exponent: 0, places: 2 };
  return { unitZh: COUNT_UNITS[unit] ?? unit, exponent: 0, places: 0 };
}

/**
 * A figure scaled to the display unit, rounded half away from zero, as digits ("204.46"); exact:
 * the decimal string goes through integer hundredths, never a float sum.
 */
export function scaledDigits(value: Figure, scale: DisplayScale): string {
  const hundredths = parseMinorUnits(typeof value === 'number' ? value.toFixed(2) : value) ?? 0n;
  const negative = hundredths < 0n;
  const abs = negative ? -hundredths : hundredths;
  // value × 10^-exponent to `places` decimals = hundredths × 10^(places - 2 - exponent)
  const shift = scale.places - 2 - scale.exponent;
  let n: bigint;
  if (shift >= 0) n = abs * 10n ** BigInt(shift);
  else {
    const d = 10n ** BigInt(-shift);
    n = (abs + d / 2n) / d;
  }
  const text = n.toString().padStart(scale.places + 1, '0');
  const whole = scale.places ? text.slice(0, -scale.places) : text;
  const frac = scale.places ? text.slice(-scale.places) : '';
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative && n !== 0n ? '-' : ''}${grouped}${frac ? `.${frac}` : ''}`;
}

/** "204.46 亿元", "1,000 个", "38.52 万㎡"; "未填报" for a missing figure. */
export function figureZh(value: Figure | null, scale: DisplayScale): string {
  return value === null ? '未填报' : `${scaledDigits(value, scale)} ${scale.unitZh}`;
}

/** The figure as a number in the display unit, to the fen (or 0.01 ㎡), for a workbook cell; the exact value goes beside it. */
export function scaledNumber(value: Figure | null, scale: DisplayScale): number | null {
  return value === null ? null : Number(scaledDigits(value, { ...scale, places: scale.exponent + 2 }).replace(/,/g, ''));
}

export function statusZh(status: string): string {
  return (PROGRESS_STATUS_LABELS as Record<string, { nameZh: string }>)[status]?.nameZh ?? status;
}
