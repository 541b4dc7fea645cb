import { addPeriods, coverage, inboundByPeriod } from './projection';

describe('coverage', () => {
  it('finds the first period whose demand cannot be met', () => {
    // 10 on hand, 3 a day: closing 7, 4, 1, then −2 on day 3; lasts 3 + 1/3 days.
    const c = coverage(10, new Float64Array(6), Float64Array.of(3));
    expect(c.stockOutPeriod).toBe(3);
    expect(c.coverPeriods).toBeCloseTo(10 / 3, 12);
  });

  it('does not call exactly used-up stock a stock-out', () => {
    const c = coverage(9, new Float64Array(3), Float64Array.of(3));
    expect(c.stockOutPeriod).toBeNull();
    expect(c.coverPeriods).toBe(3);
  });

  it('extrapolates cover beyond the horizon at the mean rate', () => {
    const c = coverage(20, new Float64Array(4), Float64Array.of(1, 3, 1, 3));
    expect(c.stockOutPeriod).toBeNull();
    expect(c.coverPeriods).toBe(4 + 12 / 2);
  });

  it('adds inbound in the period it arrives', () => {
    const inbound = inboundByPeriod(
      [
        { quantity: 5, arrivesInPeriods: 2 },
        { quantity: 7, arrivesInPeriods: -1 }, // overdue: counted today
        { quantity: 99, arrivesInPeriods: 30 }, // beyond the horizon
      ],
      5,
    );
    expect(Array.from(inbound)).toEqual([7, 0, 5, 0, 0]);
    // day 0: 3 + 7 − 4 = 6; day 1: 2; day 2: 2 + 5 − 4 = 3; day 3: −1
    expect(coverage(3, inbound, Float64Array.of(4)).stockOutPeriod).toBe(3);
  });
});

describe('addPeriods', () => {
  it('adds days and weeks in UTC across month ends', () => {
    expect(addPeriods('2026-11-28', 3, 'day')).toBe('2026-12-01');
    expect(addPeriods('2026-11-28T15:00:00Z', 2, 'week')).toBe('2026-12-12');
    expect(() => addPeriods('not a date', 1, 'day')).toThrow(RangeError);
  });
});
