/** UTC calendar helpers on integer day numbers (days since 1970-01-01). */

const MS_PER_DAY = 86_400_000;

export function parseIsoDate(iso: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) throw new Error(`Not an ISO date (yyyy-mm-dd): ${iso}`);
  const day = Date.UTC(
    Number(match[1]),
    Number(match[2]) - 1,
    Number(match[3]),
  );
  const back = new Date(day);
  if (back.getUTCDate() !== Number(match[3]))
    throw new Error(`Invalid date: ${iso}`);
  return Math.round(day / MS_PER_DAY);
}

export function dayFromYmd(year: number, month: number, day: number): number {
  return Math.round(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

export function formatDay(dayNumber: number): string {
  return new Date(dayNumber * MS_PER_DAY).toISOString().slice(0, 10);
}

/** 0 = Sunday .. 6 = Saturday. */
export function dayOfWeek(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

export function yearOf(dayNumber: number): number {
  return new Date(dayNumber * MS_PER_DAY).getUTCFullYear();
}

/** 0-based day of the year. */
export function dayOfYear(dayNumber: number): number {
  return dayNumber - dayFromYmd(yearOf(dayNumber), 1, 1);
}

/** Western (Gregorian) Easter Sunday, anonymous Gregorian algorithm. */
export function easterSunday(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return dayFromYmd(year, month, day);
}

/** The n-th (1-based) given weekday (0 = Sunday) of a month; n = -1 for the last one. */
export function nthWeekday(
  year: number,
  month: number,
  weekday: number,
  n: number,
): number {
  if (n > 0) {
    const first = dayFromYmd(year, month, 1);
    const offset = (weekday - dayOfWeek(first) + 7) % 7;
    return first + offset + (n - 1) * 7;
  }
  const last = dayFromYmd(year, month + 1, 1) - 1;
  return last - ((dayOfWeek(last) - weekday + 7) % 7);
}
