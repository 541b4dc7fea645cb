import { chooseDistribution, stockLevels } from './stock-levels';
import { IntervalDemand } from './types';

const interval = (
  length: number,
  mean: number,
  sd: number,
): IntervalDemand => ({
  length,
  mean,
  sd,
  meanPerPeriod: mean / length,
});

describe('stockLevels, normal demand', () => {
  it('sets safety stock z·σ for a cycle service level (Chopra & Meindl)', () => {
    // σ over the lead time 17,550 at 90% → SS = 1.28155 · 17,549.93 = 22,491.
    const l = interval(7, 17500, 17549.93);
    const s = stockLevels({
      protection: l,
      leadTime: l,
      reviewDemand: 0,
      service: { kind: 'cycle-service', level: 0.9 },
      distribution: 'normal',
    });
    expect(s.safetyStock).toBeCloseTo(22491.1, 0);
    expect(s.reorderPoint).toBeCloseTo(39991.1, 0);
    expect(s.expectedCycleService).toBeCloseTo(0.9, 9);
  });

  it('solves the fill-rate target on shortage per review cycle', () => {
    // 100 ± 30 a week, L = R = 1 week, 98% fill rate: allowed shortage 2 a week.
    // 42.43·G((S−200)/42.43) − 30·G((S−100)/30) = 2 → S = 254.458.
    const s = stockLevels({
      protection: interval(2, 200, 30 * Math.SQRT2),
      leadTime: interval(1, 100, 30),
      reviewDemand: 100,
      service: { kind: 'fill-rate', level: 0.98 },
      distribution: 'normal',
    });
    expect(s.reorderPoint).toBeCloseTo(254.458, 2);
    expect(s.safetyStock).toBeCloseTo(54.458, 2);
    expect(s.expectedFillRate).toBeCloseTo(0.98, 6);
  });

  it('never lets safety stock go negative', () => {
    const s = stockLevels({
      protection: interval(2, 200, 10),
      leadTime: interval(1, 100, 7),
      reviewDemand: 100,
      service: { kind: 'cycle-service', level: 0.3 },
      distribution: 'normal',
    });
    expect(s.safetyStock).toBe(0);
    expect(s.reorderPoint).toBe(200);
  });

  it('needs no stock without demand', () => {
    const s = stockLevels({
      protection: interval(9, 0, 0),
      leadTime: interval(7, 0, 0),
      reviewDemand: 0,
      service: { kind: 'fill-rate', level: 0.99 },
      distribution: 'normal',
    });
    expect(s.reorderPoint).toBe(0);
    expect(s.safetyStock).toBe(0);
  });

  it('rejects service levels outside (0, 1)', () => {
    const l = interval(1, 5, 1);
    expect(() =>
      stockLevels({
        protection: l,
        leadTime: l,
        reviewDemand: 5,
        service: { kind: 'cycle-service', level: 95 },
        distribution: 'normal',
      }),
    ).toThrow(RangeError);
  });
});

describe('stockLevels, slow movers', () => {
  it('uses the Poisson quantile for a cycle service level', () => {
    // Poisson(2): P(D ≤ 4) = 0.947, P(D ≤ 5) = 0.983 → reorder point 5, SS 3.
    const s = stockLevels({
      protection: interval(2, 2, Math.SQRT2),
      leadTime: interval(1, 1, 1),
      reviewDemand: 1,
      service: { kind: 'cycle-service', level: 0.95 },
      distribution: 'poisson',
    });
    expect(s.reorderPoint).toBe(5);
    expect(s.safetyStock).toBe(3);
    expect(s.expectedCycleService).toBeCloseTo(0.983436, 6);
  });

  it('uses Poisson shortages for a fill rate', () => {
    // E[(D2 − s)⁺] − E[(D1 − s)⁺]: s = 3 → 0.1947, s = 4 → 0.0708 ≤ 0.1.
    const s = stockLevels({
      protection: interval(2, 2, Math.SQRT2),
      leadTime: interval(1, 1, 1),
      reviewDemand: 1,
      service: { kind: 'fill-rate', level: 0.9 },
      distribution: 'poisson',
    });
    expect(s.reorderPoint).toBe(4);
    expect(s.expectedFillRate).toBeCloseTo(1 - 0.0707922, 6);
  });

  it("'auto' picks a count distribution below the slow-mover mean", () => {
    expect(chooseDistribution('auto', interval(9, 4, 2))).toBe('poisson');
    expect(chooseDistribution('auto', interval(9, 4, 3))).toBe(
      'negative-binomial',
    );
    expect(chooseDistribution('auto', interval(9, 40, 3))).toBe('normal');
    expect(chooseDistribution('normal', interval(9, 4, 3))).toBe('normal');
  });
});
