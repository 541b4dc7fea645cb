import type { Forecast } from '../types';
import { averageMetrics, naiveScale, scoreForecast } from './metrics';

const fc = (point: number[], lo: number[], hi: number[]): Forecast => ({
  point: Float64Array.from(point),
  levels: [0.1, 0.5, 0.9],
  values: [
    Float64Array.from(lo),
    Float64Array.from(point),
    Float64Array.from(hi),
  ],
});

describe('metrics', () => {
  const history = [1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 4];

  it('uses the in-sample seasonal-naive error as the MASE scale', () => {
    // Seasonal differences at lag 3 are all zero except the last (4 - 3 = 1): 1/9.
    expect(naiveScale(history, 3)).toBeCloseTo(1 / 9, 12);
    // A flat history falls back to a non-zero scale instead of dividing by zero.
    expect(naiveScale([5, 5, 5, 5], 2)).toBe(5);
  });

  it('scores a perfect forecast as zero error with full coverage', () => {
    const m = scoreForecast([2, 3], fc([2, 3], [1, 2], [3, 4]), history, 3);
    expect(m).toMatchObject({
      wape: 0,
      mase: 0,
      smape: 0,
      rmsse: 0,
      bias: 0,
      coverage: 1,
      count: 2,
    });
  });

  it('reports the P10-P90 coverage when more levels are forecast', () => {
    const nine: Forecast = {
      point: Float64Array.of(10, 10),
      levels: [0.02, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.98],
      values: [1, 2, 8, 9, 10, 11, 12, 20, 30].map((v) =>
        Float64Array.of(v, v),
      ),
    };
    // 15 is inside P2-P98 but above P90 = 12: one of the two actuals is covered.
    expect(scoreForecast([10, 15], nine, history, 3).coverage).toBe(0.5);
  });

  it('computes WAPE, bias, sMAPE, MASE and coverage on a known case', () => {
    const m = scoreForecast(
      [10, 20, NaN],
      fc([12, 16, 0], [11, 10, 0], [13, 18, 0]),
      history,
      3,
    );
    expect(m.count).toBe(2);
    expect(m.wape).toBeCloseTo(6 / 30, 12);
    expect(m.bias).toBeCloseTo(-2 / 30, 12);
    expect(m.smape).toBeCloseTo((4 / 22 + 8 / 36) / 2, 12);
    expect(m.mase).toBeCloseTo(3 / (1 / 9), 9);
    expect(m.coverage).toBe(0); // 10 is below P10 = 11, 20 is above P90 = 18
    // Pinball by hand, normalised by the mean |actual| = 15.
    const pin1 = 0.9 * 1 + 0.5 * 2 + 0.1 * 3; // actual 10 below all three quantiles
    const pin2 = 0.1 * 10 + 0.5 * 4 + 0.9 * 2; // actual 20 above all three
    expect(m.pinball).toBeCloseTo((pin1 + pin2) / 2 / 3 / 15, 12);
  });

  it('averages metrics weighted by the number of scored points', () => {
    const a = scoreForecast([2, 3], fc([2, 3], [1, 2], [3, 4]), history, 3);
    const b = scoreForecast([10], fc([12], [11], [13]), history, 3);
    const avg = averageMetrics([a, b]);
    expect(avg.count).toBe(3);
    expect(avg.coverage).toBeCloseTo(2 / 3, 12);
  });
});
