/**
 * Day arithmetic for the generator. Business dates are district calendar days, counted as whole
 * days since 1970-01-01 ("day numbers"); instants are UTC milliseconds. A district-local time of
 * day becomes an instant through the district's UTC offset (Asia/Shanghai: +08:00, no DST).
 */
export const DAY_MS = 86_400_000;

/** 'YYYY-MM-DD' → day number. */
export function dayNumber(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new Error(`Not a YYYY-MM-DD date: ${date}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS;
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** The UTC offset (ms) of a time zone at an instant, from Intl. */
export function timeZoneOffsetMs(timeZone: string, at: Date): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(at);
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((wall - Math.floor(at.getTime() / 1000) * 1000) / 60_000) * 60_000;
}

const P2 = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
const P3 = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));

/** Cached formatting of day numbers and instants, the hot path of row building. */
export class Calendar {
  private readonly dates = new Map<number, string>();

  constructor(
    /** District UTC offset in ms. */
    readonly offsetMs: number,
    /** Instants as the database takes them: SQLite text or PostgreSQL timestamptz literal. */
    private readonly postgres: boolean,
  ) {}

  date(day: number): string {
    let s = this.dates.get(day);
    if (s === undefined) {
      s = new Date(day * DAY_MS).toISOString().slice(0, 10);
      this.dates.set(day, s);
    }
    return s;
  }

  /** The instant of a district-local day and second of that day. */
  instant(day: number, secondOfDay: number): number {
    return day * DAY_MS + Math.round(secondOfDay * 1000) - this.offsetMs;
  }

  /** The district day an instant falls on. */
  dayOf(ms: number): number {
    return Math.floor((ms + this.offsetMs) / DAY_MS);
  }

  /** 'YYYY-MM-DD HH:MM:SS.SSS' in UTC (how TypeORM stores datetime on SQLite); with 'Z' on PostgreSQL. */
  stamp(ms: number): string {
    const day = Math.floor(ms / DAY_MS);
    let rest = ms - day * DAY_MS;
    const h = Math.floor(rest / 3_600_000);
    rest -= h * 3_600_000;
    const m = Math.floor(rest / 60_000);
    rest -= m * 60_000;
    const s = Math.floor(rest / 1000);
    const text = `${this.date(day)} ${P2[h]}:${P2[m]}:${P2[s]}.${P3[rest - s * 1000]}`;
    return this.postgres ? `${text}Z` : text;
  }
}
