/**
 * Numbers, money, areas and dates as district staff read them: 元 / 万元 / 亿元 with two decimals,
 * 万㎡, 个 / 家 / 户, 2025年6月1日, times in Asia/Shanghai. One place for all of it; amounts are
 * decimal strings from the API and are scaled exactly (BigInt), never through floating point.
 */

import { formatMinorUnits, parseMinorUnits } from '@server/money/money';

export const DISTRICT_TZ = 'Asia/Shanghai';

export type Currency = 'CNY' | 'USD';

const CURRENCY_UNIT: Record<Currency, string> = { CNY: '元', USD: '美元' };

/** "1234.5" / "-0.10" / 1234.5 → amount in fen (hundredths), parsed as the service parses it. */
export function toFen(amount: string | number): bigint {
  return parseMinorUnits(typeof amount === 'number' ? amount.toFixed(2) : amount) ?? 0n;
}

/** value / divisor rounded half away from zero to `places` decimals, grouped by thousands. */
function scaled(value: bigint, divisor: bigint, places = 2): string {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const factor = 10n ** BigInt(places);
  const q = (abs * factor * 2n + divisor) / (divisor * 2n);
  const whole = (q / factor).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const frac = places ? `.${(q % factor).toString().padStart(places, '0')}` : '';
  return `${negative && q !== 0n ? '-' : ''}${whole}${frac}`;
}

/** Exact, to the fen: "1,234,567.89 元". */
export function moneyExact(amount: string | number | null | undefined, currency: Currency = 'CNY'): string {
  if (amount === null || amount === undefined || amount === '') return '—';
  return `${scaled(toFen(amount), 100n)} ${CURRENCY_UNIT[currency]}`;
}

/** As people say it: 亿元 from 1 亿, 万元 from 1 万, else 元; two decimals. */
export function money(amount: string | number | null | undefined, currency: Currency = 'CNY'): string {
  if (amount === null || amount === undefined || amount === '') return '—';
  const fen = toFen(amount);
  const abs = fen < 0n ? -fen : fen;
  const unit = CURRENCY_UNIT[currency];
  if (abs >= 10_000_000_000n) return `${scaled(fen, 10_000_000_000n)} 亿${unit}`;
  if (abs >= 1_000_000n) return `${scaled(fen, 1_000_000n)} 万${unit}`;
  return `${scaled(fen, 100n)} ${unit}`;
}

/** Always in 万元 (tables of amounts read best in one unit). */
export function moneyWan(amount: string | number | null | undefined, currency: Currency = 'CNY'): string {
  if (amount === null || amount === undefined || amount === '') return '—';
  return `${scaled(toFen(amount), 1_000_000n)} 万${CURRENCY_UNIT[currency]}`;
}

/** A yuan amount as 万元 for a form, exact (the inverse of wanToYuan): "30000000000.00" → "3000000", "12345.67" → "1.234567". */
export function yuanToWan(yuan: string | number): string {
  const fen = toFen(yuan);
  const whole = fen / 1_000_000n;
  const frac = (fen % 1_000_000n).toString().padStart(6, '0').replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : whole.toString();
}

/** A 万元 figure typed into a form → yuan as the API's decimal string ("12.5" 万元 → "125000.00"). */
export function wanToYuan(wan: string | number): string {
  const text = String(wan).trim();
  const m = /^(\d+)(?:\.(\d{0,6}))?$/.exec(text);
  if (!m) return '';
  const yuanHundredths = BigInt(m[1]) * 1_000_000n + BigInt((m[2] ?? '').padEnd(6, '0') || '0');
  return formatMinorUnits(yuanHundredths);
}

/** Square metres: "356.8 ㎡", from 1 万㎡ "1.23 万㎡". */
export function area(m2: number | string | null | undefined): string {
  if (m2 === null || m2 === undefined || m2 === '') return '—';
  const n = Number(m2);
  if (Math.abs(n) >= 10_000) return `${(n / 10_000).toFixed(2)} 万㎡`;
  return `${n.toLocaleString('zh-CN', { maximumFractionDigits: 2 })} ㎡`;
}

/** Counts with their measure word: 个 (projects), 家 (companies), 户 (market entities). */
export function count(n: number | null | undefined, measure: '个' | '家' | '户' | '条' | '人' | '套' = '个'): string {
  if (n === null || n === undefined) return '—';
  return `${n.toLocaleString('zh-CN')} ${measure}`;
}

export function percent(p: number | null | undefined, places = 1): string {
  if (p === null || p === undefined || Number.isNaN(p)) return '—';
  return `${p.toFixed(places)}%`;
}

/** "2025-06-01" → "2025年6月1日". */
export function dateZh(d: string | null | undefined): string {
  if (!d) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(d);
  if (!m) return d;
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

const instantFormat = new Intl.DateTimeFormat('zh-CN', {
  timeZone: DISTRICT_TZ,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** An instant in the district's clock: "2025-06-01 14:30". */
export function dateTime(iso: string | Date | null | undefined): string {
  if (!iso) return '—';
  const parts = Object.fromEntries(instantFormat.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/** Today in the district (Asia/Shanghai), as the API's date-only string. */
export function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: DISTRICT_TZ, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/** Whole days from a date-only or instant to today (district clock); negative in the future. */
export function daysSince(d: string | null | undefined): number | null {
  if (!d) return null;
  const day = d.length > 10 ? new Intl.DateTimeFormat('en-CA', { timeZone: DISTRICT_TZ }).format(new Date(d)) : d;
  return Math.round((Date.parse(today()) - Date.parse(day)) / 86_400_000);
}

/** A date-only and a time of day in the district → the instant the API takes ("2025-06-01", "09:30" → ISO with +08:00). */
export function districtInstant(date: string, time = '09:00'): string {
  return `${date}T${time}:00+08:00`;
}
