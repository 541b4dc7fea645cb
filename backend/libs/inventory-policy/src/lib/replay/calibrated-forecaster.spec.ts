import { normalInverse } from '../normal';
import { calibratedForecaster } from './calibrated-forecaster';
import { Forecaster, forecastContext, SeriesHistory } from './forecaster';
import { ScorePool } from './score-pool';

// Claims log(1 + demand) = 2 ± 0.1 (P10/P90), whatever the history.
const Z90 = normalInverse(0.9);
const overconfident: Forecaster = {
  name: 'narrow',
  forecast: (_ctx, horizon) => ({
    levels: [0.1, 0.5, 0.9],
    values: [2 - 0.1 * Z90, 2, 2 + 0.1 * Z90].map((v) =>
      new Float64Array(horizon).fill(Math.expm1(v)),
    ),
  }),
};
// Real errors on the log scale cycle through −0.3, −0.1, 0, 0.1, 0.3, i.e.
// scores −3, −1, 0, 1, 3 in units of the claimed spread 0.1.
const ERRORS = [-0.3, -0.1, 0, 0.1, 0.3];
const demand = Float64Array.from({ length: 80 }, (_, i) =>
  Math.expm1(2 + ERRORS[i % 5]),
);

describe('calibratedForecaster', () => {
  it('keeps each side of a skewed forecast on its own half-spread (asymmetricSpread)', () => {
    // P10 = 0, P50 = e² − 1, P90 = e^2.1 − 1: a wide lower half (2 / Z90), a narrow upper one
    // (0.1 / Z90). It reads the pooled scores of the overconfident series (−3 … 3, errors of
    // ±0.3 on the log scale above and below its median).
    const skewed: Forecaster = {
      name: 'skewed',
      forecast: (_ctx, horizon) => ({
        levels: [0.1, 0.5, 0.9],
        values: [0, 2, 2.1].map((v) =>
          new Float64Array(horizon).fill(Math.expm1(v)),
        ),
      }),
    };
    const p90 = (asymmetricSpread: boolean): number => {
      const pool = new ScorePool(48);
      const options = {
        pool,
        minHistory: 0,
        finiteSampleCorrection: false,
        asymmetricSpread,
      };
      const narrow = calibratedForecaster(overconfident, options);
      for (let o = 0; o < demand.length; o++)
        narrow.record(forecastContext({ demand }, o), 1, demand);
      const f = calibratedForecaster(skewed, options);
      const q = f.forecast(forecastContext({ demand }, 66), 1);
      return Math.log1p(q.values[2][0]);
    };
    // The P90 score of the pool is 3 (type 7 on 48 scores of −3, −1, 0, 1, 3).
    // Symmetric: 3 units of the whole spread (2.1 / 2·Z90 ≈ 0.82) above the median, e^4.46.
    expect(p90(false)).toBeCloseTo(2 + (3 * 2.1) / (2 * Z90), 9);
    // Half-spreads: 3 units of the upper half-spread, close to the forecast's own P90.
    expect(p90(true)).toBeCloseTo(2 + (3 * 0.1) / Z90, 9);
  });

  it('with half-spreads, reads each side from forecasts as wide on that side', () => {
    // Log-scale quantiles (P10, P50, P90) of three forecasters, all with median 2.
    const shaped = (lo: number, hi: number): Forecaster => ({
      name: `${lo}-${hi}`,
      forecast: (_ctx, horizon) => ({
        levels: [0.1, 0.5, 0.9],
        values: [lo, 2, hi].map((v) =>
          new Float64Array(horizon).fill(Math.expm1(v)),
        ),
      }),
    });
    // Every outcome is 0.3 above the median on the log scale.
    const high = Float64Array.from({ length: 80 }, () => Math.expm1(2.3));
    const pool = new ScorePool(48);
    const options = {
      pool,
      minHistory: 0,
      minScores: 5,
      spreadBands: 2,
      finiteSampleCorrection: false,
      asymmetricSpread: true,
    };
    // Narrow upper half (0.1 / Z90) and wide upper half (1 / Z90): their scores are filed apart.
    for (const f of [shaped(1.9, 2.1), shaped(1.9, 3)]) {
      const c = calibratedForecaster(f, options);
      for (let o = 0; o < high.length; o++)
        c.record(forecastContext({ demand: high }, o), 1, high);
    }
    // P10 = 0 makes the whole spread wide, but the upper half is narrow: the upper levels read
    // the narrow-upper forecasts' scores and land on the real error, 2 + 0.3.
    const reader = calibratedForecaster(shaped(0, 2.1), options);
    const q = reader.forecast(forecastContext({ demand: high }, 66), 1);
    expect(Math.log1p(q.values[2][0])).toBeCloseTo(2.3, 9);
  });

  it('widens an overconfident forecast to its past errors', () => {
    // Origin 66, window 40: origins 26..65 give 40 scores per horizon, 8 of
    // each value. Type-7 P90 of the sorted scores: h = 39·0.9 = 35.1 → 3;
    // P10: h = 3.9 → −3; the median stays 0.
    const f = calibratedForecaster(overconfident, {
      window: 40,
      finiteSampleCorrection: false,
    });
    const q = f.forecast(forecastContext({ demand }, 66), 2);
    for (let h = 0; h < 2; h++) {
      expect(q.values[0][h]).toBeCloseTo(Math.expm1(1.7), 9);
      expect(q.values[1][h]).toBeCloseTo(Math.expm1(2), 9);
      expect(q.values[2][h]).toBeCloseTo(Math.expm1(2.3), 9);
    }
  });

  it('never reads demand at or after the origin', () => {
    const changed = Float64Array.from(demand);
    for (let i = 60; i < changed.length; i++) changed[i] *= 10;
    const a = calibratedForecaster(overconfident).forecast(
      forecastContext({ demand }, 60),
      2,
    );
    const b = calibratedForecaster(overconfident).forecast(
      forecastContext({ demand: changed }, 60),
      2,
    );
    expect(a.values.map((v) => Array.from(v))).toEqual(
      b.values.map((v) => Array.from(v)),
    );
  });

  it('calibrates strata on their own errors', () => {
    // Even periods are "promotions" whose errors are 3× larger.
    const promo = Float64Array.from({ length: 80 }, (_, i) =>
      Math.expm1(2 + (i % 2 === 0 ? 3 : 1) * ERRORS[Math.floor(i / 2) % 5]),
    );
    const f = calibratedForecaster(overconfident, {
      window: 40,
      minScores: 10,
      finiteSampleCorrection: false,
      stratum: (_ctx, t) => t % 2,
    });
    // Origin 66 is even (promotion), 67 is not.
    const q = f.forecast(forecastContext({ demand: promo }, 66), 2);
    expect(q.values[2][0]).toBeCloseTo(Math.expm1(2.9), 9);
    expect(q.values[2][1]).toBeCloseTo(Math.expm1(2.3), 9);
  });

  it('passes the inner forecast through without enough history', () => {
    const q = calibratedForecaster(overconfident).forecast(
      forecastContext({ demand }, 30),
      1,
    );
    expect(q.values[2][0]).toBeCloseTo(Math.expm1(2 + 0.1 * Z90), 12);
  });

  it('pools scores across series, only of outcomes already known', () => {
    // Two series whose errors are 0.1·(−3, −1, 0, 1, 3) and 0.1·(−1, 0, 1):
    // pooled over weeks 18..65 at origin 66 (window 48) the P90 score is
    // the type-7 quantile of 48 + 48 scores.
    const other = Float64Array.from({ length: 80 }, (_, i) =>
      Math.expm1(2 + 0.1 * ([-1, 0, 1][i % 3] ?? 0)),
    );
    const run = (future: number): number[] => {
      const pool = new ScorePool(48);
      const histories: SeriesHistory[] = [demand, other].map((d) => {
        const copy = Float64Array.from(d);
        for (let i = 66; i < copy.length; i++) copy[i] *= future;
        return { demand: copy };
      });
      const fs = histories.map((h) => {
        const f = calibratedForecaster(overconfident, {
          pool,
          minHistory: 0,
          finiteSampleCorrection: false,
        });
        for (let o = 0; o < h.demand.length; o++) {
          f.record(forecastContext(h, o), 1, h.demand);
        }
        return f;
      });
      return Array.from(
        fs[0].forecast(forecastContext(histories[0], 66), 1).values[2],
      );
    };
    const scores = [
      ...Array.from({ length: 48 }, (_, i) => [-3, -1, 0, 1, 3][(i + 18) % 5]),
      ...Array.from({ length: 48 }, (_, i) => [-1, 0, 1][(i + 18) % 3]),
    ].sort((a, b) => a - b);
    const h = 95 * 0.9; // type 7 on 96 scores
    const p90 =
      scores[Math.floor(h)] +
      (h - Math.floor(h)) * (scores[Math.ceil(h)] - scores[Math.floor(h)]);
    const q = run(1);
    expect(q[0]).toBeCloseTo(Math.expm1(2 + 0.1 * p90), 9);
    // Demand from the origin on is recorded but never read at that origin.
    expect(run(10)).toEqual(q);
  });
});

describe('calibratedForecaster with spread bands', () => {
  // Claims log(1 + demand) = 2 ± s (P10/P90 at ±s·z90).
  const claiming = (s: number): Forecaster => ({
    name: `spread ${s}`,
    forecast: (_ctx, horizon) => ({
      levels: [0.1, 0.5, 0.9],
      values: [2 - s * Z90, 2, 2 + s * Z90].map((v) =>
        new Float64Array(horizon).fill(Math.expm1(v)),
      ),
    }),
  });

  it('reads the errors of forecasts as wide as the current one', () => {
    // Both series err by 0.1·(−3, −1, 0, 1, 3) on the log scale. Series A
    // claims spread 0.1 (scores −3..3), series B claims 1 (scores −0.3..0.3).
    const run = (bands: number): number[] => {
      const pool = new ScorePool(48);
      const fs = [0.1, 1].map((s) => {
        const f = calibratedForecaster(claiming(s), {
          pool,
          minHistory: 0,
          minScores: 10,
          finiteSampleCorrection: false,
          spreadBands: bands,
        });
        for (let o = 0; o < demand.length; o++) {
          f.record(forecastContext({ demand }, o), 1, demand);
        }
        return f;
      });
      return fs.map(
        (f) => f.forecast(forecastContext({ demand }, 66), 1).values[2][0],
      );
    };
    // Weeks 18..65, 48 scores per series, ten of the largest error (weeks
    // ≡ 4 mod 5), at sorted indices 38..47. Type-7 P90 of one series' scores:
    // h = 47·0.9 = 42.3 → the largest error, 0.3 on the log scale for both:
    // each series gets its own errors back.
    const [a, b] = run(2);
    expect(a).toBeCloseTo(Math.expm1(2.3), 9);
    expect(b).toBeCloseTo(Math.expm1(2.3), 9);
    // One pooled band: 96 scores, A's ten 3s at sorted indices 86..95 and
    // its ten 1s at 76..85. P90 at h = 95·0.9 = 85.5 → 1 + 0.5·(3 − 1) = 2,
    // which puts B's P90 at 2 + 1·2 = 4 on the log scale, 1.7 too high.
    const [, pooledB] = run(1);
    expect(pooledB).toBeCloseTo(Math.expm1(4), 6);
  });
});
