import type { ImportErrorReason } from '@shelfcast/contracts';
import { ImportErrors } from './import-errors';

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
    const value = this.raw(column).trim();
    if (value === '') {
      if (options.required)
        this.fail(column, '', 'missing_value', `${column} is required`);
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

  /** An ISO date; returns the text (as stored) and remembers its day number in `lastDay`. */
  lastDay = 0;
  date(column: string, options: { required: boolean }): string | null {
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
    this.lastDay = day;
    return value;
  }

  number(
    column: string,
    options: {
      required: boolean;
      min?: number;
      integer?: boolean;
      positive?: boolean;
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
