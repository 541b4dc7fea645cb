import { periodMoments, quantileAt } from './quantile-moments';
import { QuantileForecast } from './types';

const forecast: QuantileForecast = {
  levels: [0.1, 0.5, 0.9],
  values: [
    Float64Array.of(8, 0),
    Float64Array.of(10, 0),
    Float64Array.of(14, 2),
  ],
};

describe('quantileAt', () => {
  it('interpolates between given levels', () => {
    expect(quantileAt(forecast, 0, 0.5)).toBe(10);
    expect(quantileAt(forecast, 0, 0.3)).toBeCloseTo(9, 12);
  });

  it('extrapolates on the normal scale of the outer pair', () => {
    // sd = 6 / (2·1.28155) = 2.34091, centre 11 → P05 = 11 − 1.644854·2.340909 = 7.14954
    expect(quantileAt(forecast, 0, 0.05)).toBeCloseTo(7.14954, 4);
  });
});

describe('periodMoments', () => {
  it('uses Swanson mean and the P10–P90 spread', () => {
    const m = periodMoments(forecast, 2);
    expect(m.mean[0]).toBeCloseTo(0.3 * 8 + 0.4 * 10 + 0.3 * 14, 12); // 10.6
    expect(m.sd[0]).toBeCloseTo(6 / 2.563103, 5);
    expect(m.mean[1]).toBeCloseTo(0.6, 12); // 0.3·0 + 0.4·0 + 0.3·2
    expect(m.p90[1]).toBe(2);
  });

  it('repeats the last period past the horizon', () => {
    const m = periodMoments(forecast, 4.5);
    expect(m.mean.length).toBe(5);
    expect(m.mean[4]).toBeCloseTo(0.6, 12);
  });

  it('reads a median-only forecast as certain', () => {
    const m = periodMoments({ levels: [0.5], values: [Float64Array.of(3)] }, 1);
    expect(m.mean[0]).toBe(3);
    expect(m.sd[0]).toBe(0);
  });
});
