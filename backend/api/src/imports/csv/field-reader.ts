import type { ImportErrorReason } from '@shelfcast/contracts';
import { clip, ImportErrors } from './import-errors';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 of a valid ISO date, or null. */
export function isoDateToDay(text: string): number | null {
  const m = ISO_DATE.exec(text);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const ms = Date.UTC(y, mo - 1, d);
  const check = new Date(ms);
  if (
    check.getUTCFullYear() !== y ||
    check.getUTCMonth() !== mo - 1 ||
    check.getUTCDate() !== d
  ) {
    return null;
  }
  return ms / MS_PER_DAY;
}

export function dayToIsoDate(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/**
 * Plausibility bounds of one import, as day numbers (days since 1970-01-01) fixed when it starts.
 * `today` bounds facts that cannot lie ahead (sales, stock counts, baskets); `horizon` bounds
 * future-known data (events, signals, purchase orders).
 */
export interface ImportRules {
  earliestDay: number;
  today: number;
  horizon: number;
  /** Largest units or quantity one row may carry. */
  maxUnits: number;
}

/** No bounds (unit tests of parsing alone). */
export const UNBOUNDED_RULES: ImportRules = {
  earliestDay: -Infinity,
  today: Infinity,
  horizon: Infinity,
  maxUnits: Infinity,
};

/** Text a spreadsheet would run as a formula when the value is later exported (CSV injection). */
const FORMULA_START = /^[=+@\t\r]/;

/**
 * Reads typed values out of one CSV record by column name and reports each problem with the row,
 * column, value and reason. One instance is reused for every row of a file (no per-row allocation).
 */
export class FieldReader {
  private fields: readonly string[] = [];
  row = 0;
  /** False once any field of the current row was refused. */
  ok = true;
  private readonly dateCache = new Map<string, number>();

  constructor(
    private readonly index: ReadonlyMap<string, number>,
    private readonly errors: ImportErrors,
    readonly rules: ImportRules = UNBOUNDED_RULES,
  ) {}

  reset(fields: readonly string[], row: number): void {
    this.fields = fields;
    this.row = row;
    this.ok = true;
  }

  fail(
    column: string | null,
    value: string | null,
    reason: ImportErrorReason,
    message: string,
  ): void {
    this.ok = false;
    this.errors.add(this.row, column, value, reason, message);
  }

  has(column: string): boolean {
    return this.index.has(column);
  }

  /** The raw text, '' when the column is absent or empty. */
  raw(column: string): string {
    const i = this.index.get(column);
    return i === undefined ? '' : (this.fields[i] ?? '');
  }

  text(
    column: string,
    options: { required: boolean; maxLength?: number },
  ): string | null {
    const raw = this.raw(column);
    const value = raw.trim();
    if (value === '') {
      if (options.required)
        this.fail(column, '', 'missing_value', `${column} is required`);
      return null;
    }
    if (FORMULA_START.test(raw) || FORMULA_START.test(value)) {
      const lead = /^[\t\r]/.test(raw) ? raw[0] : value[0];
      this.fail(
        column,
        value,
        'formula_text',
        `${column} starts with ${JSON.stringify(lead)}, which spreadsheets run as a formula; remove the leading character`,
      );
      return null;
    }
    if (options.maxLength !== undefined && value.length > options.maxLength) {
      this.fail(
        column,
        value,
        'invalid_value',
        `${column} is longer than ${options.maxLength} characters`,
      );
      return null;
    }
    return value;
  }

  /**
   * An ISO date no earlier than the earliest plausible day and no later than `until` (today for
   * facts, the horizon for future-known data); returns the text (as stored) and remembers its day
   * number in `lastDay`.
   */
  lastDay = 0;
  date(
    column: string,
    options: { required: boolean; until: 'today' | 'horizon' },
  ): string | null {
    const value = this.raw(column).trim();
    if (value === '') {
      if (options.required)
        this.fail(column, '', 'missing_value', `${column} is required`);
      return null;
    }
    let day = this.dateCache.get(value);
    if (day === undefined) {
      const parsed = isoDateToDay(value);
      if (parsed === null) {
        this.fail(
          column,
          value,
          'unparseable_date',
          `${column} must be a date as yyyy-mm-dd`,
        );
        return null;
      }
      day = parsed;
      if (this.dateCache.size < 100_000) this.dateCache.set(value, day);
    }
    if (!this.plausibleDay(column, value, day, options.until)) return null;
    this.lastDay = day;
    return value;
  }

  /** False (and an out_of_range error) when the day lies before 1990 or past today/the horizon. */
  plausibleDay(
    column: string,
    value: string,
    day: number,
    until: 'today' | 'horizon',
  ): boolean {
    const { earliestDay, today, horizon } = this.rules;
    if (day < earliestDay) {
      this.fail(
        column,
        value,
        'out_of_range',
        `${column} ${clip(value)} is before ${dayToIsoDate(earliestDay)}, the earliest date accepted`,
      );
      return false;
    }
    const latest = until === 'today' ? today : horizon;
    if (day > latest) {
      this.fail(
        column,
        value,
        'out_of_range',
        until === 'today'
          ? `${column} ${clip(value)} is in the future (after today, ${dayToIsoDate(today)})`
          : `${column} ${clip(value)} is after ${dayToIsoDate(horizon)}, further ahead than the forecast horizon allows`,
      );
      return false;
    }
    return true;
  }

  number(
    column: string,
    options: {
      required: boolean;
      min?: number;
      integer?: boolean;
      positive?: boolean;
      /** A count of units: at most the configured ceiling per row. */
      units?: boolean;
    },
  ): number | null {
    const value = this.raw(column).trim();
    if (value === '') {
      if (options.required)
        this.fail(column, '', 'missing_value', `${column} is required`);
      return null;
    }
    const n = Number(value);
    if (!Number.isFinite(n)) {
      this.fail(column, value, 'invalid_number', `${column} must be a number`);
      return null;
    }
    if (options.integer && !Number.isInteger(n)) {
      this.fail(
        column,
        value,
        'invalid_number',
        `${column} must be a whole number`,
      );
      return null;
    }
    if (options.positive && n <= 0) {
      this.fail(
        column,
        value,
        'negative_value',
        `${column} must be greater than 0`,
      );
      return null;
    }
    if (options.min !== undefined && n < options.min) {
      this.fail(
        column,
        value,
        'negative_value',
        `${column} must be at least ${options.min}`,
      );
      return null;
    }
    if (options.units && n > this.rules.maxUnits) {
      this.fail(
        column,
        value,
        'out_of_range',
        `${column} ${clip(value)} is above ${this.rules.maxUnits.toLocaleString('en')}, the most one row may carry`,
      );
      return null;
    }
    return n;
  }

  bool(column: string): boolean {
    const value = this.raw(column).trim().toLowerCase();
    if (value === '' || value === '0' || value === 'false' || value === 'no')
      return false;
    if (value === '1' || value === 'true' || value === 'yes') return true;
    this.fail(
      column,
      value,
      'invalid_value',
      `${column} must be 0/1 or true/false`,
    );
    return false;
  }

  oneOf<T extends string>(
    column: string,
    allowed: readonly T[],
    fallback: T,
  ): T {
    const value = this.raw(column).trim();
    if (value === '') return fallback;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    this.fail(
      column,
      value,
      'invalid_value',
      `${column} must be one of ${allowed.join(', ')}`,
    );
    return fallback;
  }
}
