import {
  addPoint,
  emptySums,
  horizonBucket,
  metricsOf,
  weekOf,
} from './realized-math';

describe('realized math', () => {
  it('puts steps into the 1–7, 8–14, 15–28 and beyond buckets at their edges', () => {
    expect([1, 7, 8, 14, 15, 28, 29].map((s) => horizonBucket(s))).toEqual([
      '1-7',
      '1-7',
      '8-14',
      '8-14',
      '15-28',
      '15-28',
      '29+',
    ]);
  });

  it('counts a weekly series in weeks ahead: 1, 2, 3–4 and beyond', () => {
    // Week starts aligned with the origin (7, 14, …) and a week starting the day after it.
    expect(
      [1, 7, 8, 14, 15, 21, 28, 29, 35].map((s) => horizonBucket(s, 'week')),
    ).toEqual(['1w', '1w', '2w', '2w', '3-4w', '3-4w', '3-4w', '5w+', '5w+']);
    // Unknown or missing grains count in days.
    expect(horizonBucket(8, null)).toBe('8-14');
    expect(horizonBucket(8, 'month')).toBe('8-14');
  });

  it('keys a day by the Monday of its week, across month and year ends', () => {
    expect(weekOf('2026-11-02')).toBe('2026-11-02'); // a Monday
    expect(weekOf('2026-11-08')).toBe('2026-11-02'); // the Sunday after
    expect(weekOf('2027-01-01')).toBe('2026-12-28'); // a Friday
    expect(weekOf('2024-03-01')).toBe('2024-02-26'); // after a leap day
  });

  it('computes WAPE, bias, MASE and coverage from the sums', () => {
    const s = emptySums();
    addPoint(s, { p10: 2, p50: 4, p90: 6, actual: 5 }, 2);
    addPoint(s, { p10: 1, p50: 1, p90: 1, actual: 0 }, null);
    expect(s).toEqual({
      n: 2,
      absError: 2,
      error: 0,
      actual: 5,
      scaledError: 0.5,
      scaledN: 1,
      hits: 1,
    });
    expect(metricsOf(s)).toEqual({
      wape: 0.4,
      bias: 0,
      mase: 0.5,
      coverage: 0.5,
    });
  });

  it('has no ratios without volume or scaled points', () => {
    const s = emptySums();
    addPoint(s, { p10: 0, p50: 0, p90: 0, actual: 0 }, 0);
    expect(metricsOf(s)).toEqual({
      wape: null,
      bias: null,
      mase: null,
      coverage: 1,
    });
  });
});
