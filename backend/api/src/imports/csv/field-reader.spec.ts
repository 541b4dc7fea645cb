import {
  dayToIsoDate,
  FieldReader,
  ImportRules,
  isoDateToDay,
} from './field-reader';
import { clip, ImportErrors } from './import-errors';

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
    r.date('a', { required: true, until: 'today' });
    const first = r.lastDay;
    r.date('b', { required: true, until: 'today' });
    expect(r.lastDay - first).toBe(2);
  });
});

describe('FieldReader plausibility rules', () => {
  const header = new Map([
    ['d', 0],
    ['n', 1],
    ['t', 2],
  ]);
  // "Today" is fixed: 2026-06-15, with a 30-day horizon for future-known data.
  const today = isoDateToDay('2026-06-15') ?? NaN;
  const rules: ImportRules = {
    earliestDay: isoDateToDay('1990-01-01') ?? NaN,
    today,
    horizon: today + 30,
    maxUnits: 1000,
  };
  const read = (fields: string[], until: 'today' | 'horizon') => {
    const errors = new ImportErrors();
    const r = new FieldReader(header, errors, rules);
    r.reset(fields, 5);
    const date = r.date('d', { required: true, until });
    const units = r.number('n', { required: true, units: true });
    const text = r.text('t', { required: false });
    return { date, units, text, errors: errors.kept };
  };

  it('accepts today and the horizon, refuses the day after, with the row and column named', () => {
    expect(read(['2026-06-15', '1', ''], 'today').errors).toEqual([]);
    expect(read(['2026-07-15', '1', ''], 'horizon').errors).toEqual([]);
    const past = read(['2026-06-16', '1', ''], 'today');
    expect(past.date).toBeNull();
    expect(past.errors).toEqual([
      expect.objectContaining({
        row: 5,
        column: 'd',
        value: '2026-06-16',
        reason: 'out_of_range',
        message: expect.stringContaining('2026-06-15'),
      }),
    ]);
    expect(read(['2026-07-16', '1', ''], 'horizon').errors[0]).toMatchObject({
      column: 'd',
      reason: 'out_of_range',
    });
    expect(read(['9999-12-31', '1', ''], 'horizon').errors[0]).toMatchObject({
      value: '9999-12-31',
      reason: 'out_of_range',
    });
  });

  it('refuses dates before the earliest day and units above the ceiling', () => {
    expect(read(['1989-12-31', '1', ''], 'today').errors[0]).toMatchObject({
      column: 'd',
      reason: 'out_of_range',
      message: expect.stringContaining('1990-01-01'),
    });
    expect(read(['1990-01-01', '1000', ''], 'today').errors).toEqual([]);
    const many = read(['2026-01-01', '1001', ''], 'today');
    expect(many.units).toBeNull();
    expect(many.errors[0]).toMatchObject({
      column: 'n',
      value: '1001',
      reason: 'out_of_range',
    });
  });

  it.each([
    '=HYPERLINK("http://x","y")',
    '+cmd',
    '@SUM(A1)',
    '\t=1',
    '\r=1',
    ' =1',
  ])('refuses formula-looking text %j', (text) => {
    const result = read(['2026-01-01', '1', text], 'today');
    expect(result.text).toBeNull();
    expect(result.errors[0]).toMatchObject({
      column: 't',
      reason: 'formula_text',
    });
  });

  it('keeps text that merely contains those characters, or starts with a minus', () => {
    for (const text of ['a=b', 'Fish & Chips +2', '-20% promo', 'x@y.z'])
      expect(read(['2026-01-01', '1', text], 'today').text).toBe(text);
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
    expect(errors.kept[0].value).toBe(`${'v'.repeat(200)}…`);
  });

  it('cuts long columns and messages too', () => {
    const errors = new ImportErrors();
    const huge = 'x'.repeat(10_000_000);
    errors.add(2, huge, huge, 'invalid_value', `bad ${huge}`);
    const [kept] = errors.kept;
    expect(kept.column).toBe(clip(huge));
    expect(kept.message.length).toBeLessThanOrEqual(1001);
    expect(JSON.stringify(kept).length).toBeLessThan(2000);
  });
});
