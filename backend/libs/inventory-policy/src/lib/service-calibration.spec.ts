import { quantileDistribution } from './quantile-distribution';
import {
  SERVICE_GRID,
  ServiceCalibrator,
  singlePeriodLevel,
} from './service-calibration';
import { QuantileForecast } from './types';

// Uniform demand on [0, 2m] as nine quantiles: Q(u) = 2m·u below P98, exponential tail above.
const LEVELS = [0.02, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.98];
const uniformOf = (m: number): QuantileForecast => ({
  levels: LEVELS,
  values: LEVELS.map((l) => Float64Array.of(2 * m * l)),
});
let seed = 5;
const rand = (): number => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return (seed + 0.5) / 2147483648;
};

describe('singlePeriodLevel', () => {
  it('leaves (1 − β) of the expected demand short', () => {
    const f = uniformOf(50);
    const d = quantileDistribution(
      LEVELS,
      LEVELS.map((l) => 100 * l),
    );
    for (const beta of [0.5, 0.9, 0.98]) {
      const s = singlePeriodLevel(f, 0, beta);
      expect(d.shortage(s) / d.mean).toBeCloseTo(1 - beta, 6);
    }
    expect(singlePeriodLevel(f, 0, 0.9)).toBeGreaterThan(
      singlePeriodLevel(f, 0, 0.5),
    );
  });
});

describe('ServiceCalibrator', () => {
  const fill = (
    c: ServiceCalibrator,
    from: number,
    to: number,
    scale: number,
  ): void => {
    for (let week = from; week < to; week++)
      for (let i = 0; i < 60; i++) {
        const m = 10 + 40 * rand();
        // Outcomes drawn from the forecast's own distribution, times `scale`.
        const d = quantileDistribution(
          LEVELS,
          LEVELS.map((l) => 2 * m * l),
        );
        c.add(uniformOf(m), 0, scale * d.quantile(rand()), 0, week);
      }
  };

  it('hands the target on when the forecasts are right, more when demand runs above them', () => {
    const right = new ServiceCalibrator(26);
    fill(right, 0, 26, 1);
    expect(Math.abs(right.parameter(0.9, 0, 26) - 0.9)).toBeLessThan(0.01);
    const above = new ServiceCalibrator(26);
    fill(above, 0, 26, 1.3);
    expect(above.parameter(0.9, 0, 26)).toBeGreaterThan(0.95);
  });

  it('reads only the window before its week, and the target itself without outcomes', () => {
    const c = new ServiceCalibrator(10);
    expect(c.parameter(0.95, 0, 5)).toBe(0.95);
    fill(c, 0, 10, 0.6);
    fill(c, 10, 20, 1);
    // Weeks 0..9 ran below the forecasts: a lower parameter reached 95% there.
    expect(c.parameter(0.95, 0, 10)).toBeLessThan(0.9);
    expect(Math.abs(c.parameter(0.95, 0, 20) - 0.95)).toBeLessThan(0.01);
    // Stratum 1 has no outcomes: both strata's.
    expect(c.parameter(0.95, 1, 20)).toBe(c.parameter(0.95, 0, 20));
    expect(SERVICE_GRID[0]).toBe(0.5);
  });
});
