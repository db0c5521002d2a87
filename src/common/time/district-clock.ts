/**
 * The district's clock (TZ_DISTRICT, Asia/Shanghai by default): "today" for date-only business
 * fields is the calendar date in Tianjin, not on the server.
 */
let districtTimeZone = process.env.TZ_DISTRICT || 'Asia/Shanghai';

export function setDistrictTimeZone(tz: string): void {
  districtTimeZone = tz;
}

export function getDistrictTimeZone(): string {
  return districtTimeZone;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function dateFormatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(tz, f);
  }
  return f;
}

/** The calendar date (YYYY-MM-DD) of an instant in the district. */
export function districtDate(instant: Date = new Date()): string {
  return dateFormatter(districtTimeZone).format(instant);
}

/** The district's wall-clock time of an instant, "2026-05-01 09:30", for messages people read. */
export function districtDateTime(instant: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: districtTimeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const part = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}

export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** A real calendar date in YYYY-MM-DD form (rejects 2024-02-30). */
export function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** The district's UTC offset at an instant, in milliseconds (east positive). */
function districtOffsetMs(instant: Date): number {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: districtTimeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const n = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return wall - Math.floor(instant.getTime() / 1000) * 1000;
}

/**
 * The instant a district date begins (its midnight in the district), for comparing timestamps with
 * date-only filters: "on 2025-06-01 or later" is `at >= districtDayStart('2025-06-01')`.
 */
export function districtDayStart(date: string): Date {
  const wall = Date.parse(`${date}T00:00:00Z`);
  // The offset at the guessed instant, then again at the corrected one (a DST change near midnight).
  let at = wall - districtOffsetMs(new Date(wall));
  at = wall - districtOffsetMs(new Date(at));
  return new Date(at);
}

