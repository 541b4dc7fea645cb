import { countQuantile, finalizeForecast, gaussianForecast } from './quantiles';

describe('quantiles', () => {
  it('gives Poisson quantiles when the variance equals the mean', () => {
    // Poisson(3): P(X<=1)=0.199, P(X<=2)=0.423, P(X<=3)=0.647, P(X<=5)=0.916.
    expect(countQuantile(3, 3, 0.1)).toBe(1);
    expect(countQuantile(3, 3, 0.5)).toBe(3);
    expect(countQuantile(3, 3, 0.9)).toBe(5);
  });

  it('widens with over-dispersion and never goes negative', () => {
    const p90Poisson = countQuantile(2, 2, 0.9);
    const p90Nb = countQuantile(2, 12, 0.9);
    expect(p90Nb).toBeGreaterThan(p90Poisson);
    expect(countQuantile(0.2, 1, 0.1)).toBe(0);
    expect(countQuantile(0, 0, 0.9)).toBe(0);
  });

  it('clips Gaussian intervals at zero and keeps quantiles ordered', () => {
    const fc = gaussianForecast(
      Float64Array.from([1, 5]),
      Float64Array.from([10, 1]),
      [0.1, 0.5, 0.9],
    );
    for (let h = 0; h < 2; h++) {
      expect(fc.values[0][h]).toBeGreaterThanOrEqual(0);
      expect(fc.values[0][h]).toBeLessThanOrEqual(fc.values[1][h]);
      expect(fc.values[1][h]).toBeLessThanOrEqual(fc.values[2][h]);
    }
    expect(fc.point[1]).toBe(5);
  });

  it('repairs crossing quantiles by sorting each step', () => {
    const fc = finalizeForecast({
      point: Float64Array.from([3]),
      levels: [0.1, 0.5, 0.9],
      values: [
        Float64Array.from([5]),
        Float64Array.from([-1]),
        Float64Array.from([2]),
      ],
    });
    expect(fc.values.map((v) => v[0])).toEqual([0, 2, 5]);
    expect(fc.point[0]).toBe(2);
  });
});
