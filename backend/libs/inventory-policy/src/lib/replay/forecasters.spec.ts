import { forecastContext } from './forecaster';
import { promoRegressionForecaster } from './promo-regression-forecaster';
import { seasonalNaiveForecaster } from './seasonal-naive-forecaster';

describe('seasonalNaiveForecaster', () => {
  it('repeats last season plus empirical error quantiles', () => {
    // Season 4; every seasonal error is +1, so all quantiles are last season + 1.
    const history = {
      demand: Float64Array.of(1, 2, 3, 4, 2, 3, 4, 5, 0, 0),
      calendar: Int32Array.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9),
    };
    const f = seasonalNaiveForecaster({ season: 4, minErrors: 1 });
    const q = f.forecast(forecastContext(history, 8), 2);
    expect(Array.from(q.values[1])).toEqual([3, 4]);
    expect(Array.from(q.values[2])).toEqual([3, 4]);
  });

  it('bridges gaps in the calendar', () => {
    // Week 5 is missing: the lag of week 9 falls back to its neighbour week 4 (value 2).
    const history = {
      demand: Float64Array.of(1, 2, 3, 4, 2, 4, 5, 0),
      calendar: Int32Array.of(0, 1, 2, 3, 4, 6, 7, 9),
    };
    const q = seasonalNaiveForecaster({ season: 4, minErrors: 99 }).forecast(
      forecastContext(history, 7),
      1,
    );
    // Too few seasonal errors → naive errors 1, 1, −1, 1, −2, 2, 1 → median 1.
    expect(q.values[1][0]).toBe(3);
  });
});

describe('promoRegressionForecaster', () => {
  it('recovers an exact promotion lift on the log scale', () => {
    const deal = Float64Array.from({ length: 30 }, (_, i) =>
      i % 3 === 0 ? 1 : 0,
    );
    const demand = Float64Array.from(deal, (d) => Math.expm1(2 + 0.7 * d));
    const history = {
      demand,
      covariates: { price: new Float64Array(30).fill(1), deal },
    };
    const f = promoRegressionForecaster({
      drivers: ['price', 'deal'],
      ridge: 1e-9,
      halfLife: 1e9,
    });
    // Periods 24 (deal) and 25 (no deal); residuals are all 0 so every quantile is the fit.
    const q = f.forecast(forecastContext(history, 24), 2);
    for (const values of q.values) {
      expect(values[0]).toBeCloseTo(Math.expm1(2.7), 6);
      expect(values[1]).toBeCloseTo(Math.expm1(2), 6);
    }
  });
});
