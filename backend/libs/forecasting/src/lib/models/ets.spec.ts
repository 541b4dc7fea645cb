import { mulberry32 } from '../core/random';
import { normalQuantile } from '../core/stats';
import { fitEts } from './ets';

describe('ETS (additive Holt-Winters, damped or linear trend)', () => {
  it('recovers a known level and trend', () => {
    const rand = mulberry32(1);
    const n = 200;
    const y = Float64Array.from(
      { length: n },
      (_, t) => 100 + 2 * t + normalQuantile(0.001 + 0.998 * rand()),
    );
    const fit = fitEts(y, 1, 10, [0.1, 0.5, 0.9]);
    expect(fit.params.level).toBeGreaterThan(100 + 2 * (n - 1) - 2);
    expect(fit.params.level).toBeLessThan(100 + 2 * (n - 1) + 2);
    expect(fit.params.trend).toBeGreaterThan(1.8);
    expect(fit.params.trend).toBeLessThan(2.2);
    expect(fit.params.sigma).toBeGreaterThan(0.7);
    expect(fit.params.sigma).toBeLessThan(1.3);
    // An undamped linear trend wins the AICc comparison, so forecasts rise ~2 per step.
    expect(fit.params.phi).toBe(1);
    expect(fit.forecast.point[9] - fit.forecast.point[0]).toBeCloseTo(
      9 * fit.params.trend,
      6,
    );
  });

  it('captures a weekly seasonal pattern on level + season data', () => {
    const pattern = [-10, -5, 0, 5, 10, 20, -20];
    const y = Float64Array.from({ length: 140 }, (_, t) => 50 + pattern[t % 7]);
    const fit = fitEts(y, 7, 14, [0.1, 0.5, 0.9]);
    for (let h = 0; h < 14; h++)
      expect(fit.forecast.point[h]).toBeCloseTo(50 + pattern[(140 + h) % 7], 1);
    expect(fit.params.season).toHaveLength(7);
  });

  it('skips missing periods instead of fitting to imputed values', () => {
    const y = Float64Array.from({ length: 60 }, (_, t) =>
      t === 30 ? 1000 : 10,
    );
    const valid = Uint8Array.from({ length: 60 }, (_, t) => (t === 30 ? 0 : 1));
    const fit = fitEts(y, 1, 3, [0.5], valid);
    expect(fit.forecast.point[0]).toBeCloseTo(10, 6);
  });

  it('widens intervals with the horizon', () => {
    const rand = mulberry32(7);
    const y = Float64Array.from(
      { length: 120 },
      () => 100 + 10 * normalQuantile(0.001 + 0.998 * rand()),
    );
    const fc = fitEts(y, 1, 12, [0.1, 0.9]).forecast;
    expect(fc.values[1][11] - fc.values[0][11]).toBeGreaterThanOrEqual(
      fc.values[1][0] - fc.values[0][0],
    );
  });
});
