import type { Frequency } from '../types';

const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 for an ISO `yyyy-mm-dd` date (UTC). */
export function parseIsoDay(iso: string): number {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7));
  const d = Number(iso.slice(8, 10));
  if (!Number.isFinite(y + m + d) || iso.length < 10) {
    throw new Error(`invalid ISO date: ${iso}`);
  }
  return Math.round(Date.UTC(y, m - 1, d) / MS_PER_DAY);
}

export function formatIsoDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Epoch day of period `i` of a series that starts on epoch day `startDay`. */
export function periodDay(
  freq: Frequency,
  startDay: number,
  i: number,
): number {
  if (freq === 'day') return startDay + i;
  if (freq === 'week') return startDay + 7 * i;
  const d = new Date(startDay * MS_PER_DAY);
  return Math.round(
    Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + i, 1) / MS_PER_DAY,
  );
}

/** Dominant seasonal period used by the seasonal models. */
export function seasonPeriod(freq: Frequency): number {
  return freq === 'day' ? 7 : freq === 'week' ? 52 : 12;
}

export function defaultHorizon(freq: Frequency): number {
  return freq === 'day' ? 28 : 12;
}

/** ISO dates of the H periods following the last observed value. */
export function horizonDates(
  freq: Frequency,
  start: string,
  n: number,
  h: number,
): string[] {
  const s = parseIsoDay(start);
  const out: string[] = [];
  for (let i = 0; i < h; i++) out.push(formatIsoDay(periodDay(freq, s, n + i)));
  return out;
}

export interface CalendarParts {
  /** 0 = Monday .. 6 = Sunday. */
  dayOfWeek: number;
  /** 0..11 */
  month: number;
  dayOfMonth: number;
  daysInMonth: number;
  /** Fraction of the year elapsed, 0..1. */
  yearFraction: number;
}

export function calendarParts(day: number): CalendarParts {
  const d = new Date(day * MS_PER_DAY);
  const y = d.getUTCFullYear();
  const jan1 = Date.UTC(y, 0, 1) / MS_PER_DAY;
  const yearLen = Date.UTC(y + 1, 0, 1) / MS_PER_DAY - jan1;
  return {
    dayOfWeek: (d.getUTCDay() + 6) % 7,
    month: d.getUTCMonth(),
    dayOfMonth: d.getUTCDate(),
    daysInMonth: new Date(Date.UTC(y, d.getUTCMonth() + 1, 0)).getUTCDate(),
    yearFraction: (day - jan1) / yearLen,
  };
}
