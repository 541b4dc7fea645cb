import { SeriesDayKeys, seriesKey, TextKeys } from './kind-importer';

describe('SeriesDayKeys', () => {
  it('detects a repeated (series, day) pair and nothing else', () => {
    const keys = new SeriesDayKeys();
    const a = seriesKey(1, 2);
    const b = seriesKey(2, 1);
    expect(a).not.toBe(b);
    expect(keys.add(a, 20000)).toBe(true);
    expect(keys.add(b, 20000)).toBe(true);
    expect(keys.add(a, 20001)).toBe(true);
    expect(keys.add(a, 20000)).toBe(false);
    expect(keys.add(b, 20001)).toBe(true);
  });

  it('grows in both directions without forgetting earlier days', () => {
    const keys = new SeriesDayKeys();
    const s = seriesKey(3, 4);
    const days = [10000, 15000, 5000, -2000, 30000, 10001];
    for (const d of days) expect(keys.add(s, d)).toBe(true);
    for (const d of days) expect(keys.add(s, d)).toBe(false);
    expect(keys.add(s, 9999)).toBe(true);
  });
});

describe('TextKeys', () => {
  it('returns the first row of a repeated key', () => {
    const keys = new TextKeys();
    expect(keys.add('S1', 2)).toBeNull();
    expect(keys.add('S2', 3)).toBeNull();
    expect(keys.add('S1', 7)).toBe(2);
  });
});
