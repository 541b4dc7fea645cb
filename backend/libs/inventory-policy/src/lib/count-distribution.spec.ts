import {
  countDistribution,
  countExpectedShortage,
  countQuantile,
} from './count-distribution';

describe('countDistribution', () => {
  it('is Poisson when variance ≤ mean', () => {
    const d = countDistribution(2, 2);
    expect(d.kind).toBe('poisson');
    expect(d.pmf[0]).toBeCloseTo(Math.exp(-2), 12);
    // P(D ≤ 4) = 0.9473, P(D ≤ 5) = 0.9834 → 95% quantile is 5.
    expect(countQuantile(d, 0.95)).toBe(5);
    expect(countQuantile(d, 0.9)).toBe(4);
  });

  it('is negative binomial when overdispersed', () => {
    // mean 4, variance 8 → size 4, p 0.5: P(D ≤ 8) = 0.9270, P(D ≤ 9) = 0.9539.
    const d = countDistribution(4, 8);
    expect(d.kind).toBe('negative-binomial');
    expect(d.pmf[0]).toBeCloseTo(0.0625, 12);
    expect(countQuantile(d, 0.95)).toBe(9);
  });

  it('gives expected shortage E[(D − s)⁺]', () => {
    const d = countDistribution(2, 2);
    expect(countExpectedShortage(d, 0)).toBeCloseTo(2, 12);
    // 2 − 2 + P(0) + P(≤1) = 0.13534 + 0.40601
    expect(countExpectedShortage(d, 2)).toBeCloseTo(0.541341, 6);
  });

  it('puts all mass on zero without demand', () => {
    const d = countDistribution(0, 0);
    expect(countQuantile(d, 0.99)).toBe(0);
    expect(countExpectedShortage(d, 0)).toBe(0);
  });
});
