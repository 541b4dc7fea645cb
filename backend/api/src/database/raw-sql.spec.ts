import type { DataSource } from 'typeorm';
import {
  forDialect,
  isoDay,
  isoDayOrNull,
  toPg,
  utcTimestamp,
} from './raw-sql';

const ds = (type: string) => ({ options: { type } }) as unknown as DataSource;

describe('raw SQL placeholders', () => {
  it('numbers the placeholders for PostgreSQL in order', () => {
    expect(toPg('SELECT * FROM t WHERE a = ? AND b IN (?, ?)')).toBe(
      'SELECT * FROM t WHERE a = $1 AND b IN ($2, $3)',
    );
  });

  it('leaves SQLite SQL as written', () => {
    const sql = 'SELECT ? AS x';
    expect(forDialect(ds('better-sqlite3'), sql)).toBe(sql);
    expect(forDialect(ds('postgres'), sql)).toBe('SELECT $1 AS x');
  });
});

describe('DATE columns', () => {
  it('reads Date objects and text as yyyy-mm-dd', () => {
    expect(isoDay(new Date('2026-11-28T00:00:00Z'))).toBe('2026-11-28');
    expect(isoDay('2026-11-28')).toBe('2026-11-28');
    expect(isoDay('2026-11-28 00:00:00')).toBe('2026-11-28');
    expect(isoDayOrNull(null)).toBeNull();
    expect(isoDayOrNull(undefined)).toBeNull();
    expect(isoDayOrNull('2026-01-02')).toBe('2026-01-02');
  });
});

describe('timestamp columns', () => {
  it('reads SQLite text as UTC and keeps explicit zones and Dates', () => {
    expect(utcTimestamp('2026-11-28 23:30:00.250')?.toISOString()).toBe(
      '2026-11-28T23:30:00.250Z',
    );
    expect(utcTimestamp('2026-11-28T23:30:00+02:00')?.toISOString()).toBe(
      '2026-11-28T21:30:00.000Z',
    );
    const d = new Date('2026-01-02T03:04:05Z');
    expect(utcTimestamp(d)).toBe(d);
    expect(utcTimestamp(null)).toBeNull();
    expect(utcTimestamp('not a time')).toBeNull();
  });
});
