import { intervalDemand } from './interval-demand';
import { flatForecast } from './normal-forecast';
import { periodMoments } from './quantile-moments';

describe('intervalDemand', () => {
  it('adds lead-time variability: σ² = L·σd² + μd²·σL² (Chopra & Meindl)', () => {
    // Daily demand 2,500 ± 500, lead time 7 ± 7 days → σ = √(7·500² + 2500²·7²) = 17,550.
    const m = periodMoments(flatForecast(2500, 500, 7), 7);
    const d = intervalDemand(m, 7, { leadTimeSd: 7 });
    expect(d.mean).toBeCloseTo(17500, 6);
    expect(d.sd).toBeCloseTo(17549.93, 2);
    expect(d.meanPerPeriod).toBeCloseTo(2500, 9);
  });

  it('grows with √L for independent errors and with L when fully correlated', () => {
    const m = periodMoments(flatForecast(10, 3, 9), 9);
    expect(intervalDemand(m, 9).sd).toBeCloseTo(9, 9);
    expect(intervalDemand(m, 9, { errorCorrelation: 1 }).sd).toBeCloseTo(27, 9);
  });

  it('weights a fractional last period', () => {
    const m = periodMoments(flatForecast(10, 2, 3), 3);
    const d = intervalDemand(m, 2.5);
    expect(d.mean).toBeCloseTo(25, 9);
    expect(d.sd).toBeCloseTo(Math.sqrt(2.5 * 4), 9);
  });

  it('is empty for an empty interval', () => {
    const m = periodMoments(flatForecast(10, 2, 3), 3);
    expect(intervalDemand(m, 0)).toEqual({
      length: 0,
      mean: 0,
      sd: 0,
      meanPerPeriod: 0,
    });
  });
});
