import { dayToIsoDate, FieldReader, isoDateToDay } from './field-reader';
import { ImportErrors } from './import-errors';

describe('isoDateToDay', () => {
  it('round-trips valid dates and refuses impossible or non-ISO ones', () => {
    expect(isoDateToDay('1970-01-02')).toBe(1);
    expect(dayToIsoDate(isoDateToDay('2024-02-29') ?? NaN)).toBe('2024-02-29');
    expect(isoDateToDay('2023-02-29')).toBeNull();
    expect(isoDateToDay('2026-13-01')).toBeNull();
    expect(isoDateToDay('01/02/2026')).toBeNull();
    expect(isoDateToDay('2026-1-2')).toBeNull();
  });
});

describe('FieldReader', () => {
  const header = new Map([
    ['a', 0],
    ['b', 1],
    ['c', 2],
  ]);

  it('reads typed values and reports each problem with row, column, value and reason', () => {
    const errors = new ImportErrors();
    const r = new FieldReader(header, errors);
    r.reset(['12.5', '-3', 'x'], 7);
    expect(r.number('a', { required: true, min: 0 })).toBe(12.5);
    expect(r.ok).toBe(true);
    expect(r.number('b', { required: true, min: 0 })).toBeNull();
    expect(r.number('c', { required: true })).toBeNull();
    expect(r.ok).toBe(false);
    expect(errors.kept).toEqual([
      expect.objectContaining({
        row: 7,
        column: 'b',
        value: '-3',
        reason: 'negative_value',
      }),
      expect.objectContaining({
        row: 7,
        column: 'c',
        value: 'x',
        reason: 'invalid_number',
      }),
    ]);
  });

  it('distinguishes missing from absent optional values, and parses booleans strictly', () => {
    const errors = new ImportErrors();
    const r = new FieldReader(header, errors);
    r.reset(['', 'true', 'maybe'], 3);
    expect(r.text('a', { required: false })).toBeNull();
    expect(r.text('missing', { required: false })).toBeNull();
    expect(r.bool('b')).toBe(true);
    expect(r.bool('c')).toBe(false);
    expect(r.text('a', { required: true })).toBeNull();
    expect(errors.byReason).toEqual({ invalid_value: 1, missing_value: 1 });
  });

  it('remembers the day number of the last date read', () => {
    const r = new FieldReader(header, new ImportErrors());
    r.reset(['2026-01-01', '2026-01-03', ''], 2);
    r.date('a', { required: true });
    const first = r.lastDay;
    r.date('b', { required: true });
    expect(r.lastDay - first).toBe(2);
  });
});

describe('ImportErrors', () => {
  it('keeps the first errors, counts all, and cuts long values', () => {
    const errors = new ImportErrors(2);
    for (let i = 0; i < 5; i++)
      errors.add(i + 2, 'x', 'v'.repeat(500), 'invalid_value', 'bad');
    expect(errors.count).toBe(5);
    expect(errors.kept.length).toBe(2);
    expect(errors.truncated).toBe(true);
    expect(errors.kept[0].value?.length).toBeLessThan(210);
  });
});
