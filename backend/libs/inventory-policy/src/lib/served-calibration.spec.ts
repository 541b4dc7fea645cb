import { calibratedForecaster } from './replay/calibrated-forecaster';
import { levelRecalibratedForecaster } from './replay/level-recalibrated-forecaster';
import { Forecaster, forecastContext } from './replay/forecaster';
import { ScorePool } from './replay/score-pool';
import {
  calibrateServedForecasts,
  partialCorrection,
  recalibrateServedForecasts,
  SERVED_CALIBRATION,
  SERVED_RECALIBRATION,
  ServedCalibrationSeries,
} from './served-calibration';
import { SERVED_QUANTILE_LEVELS } from './served-policy';
import { QuantileForecast } from './types';

// A panel of 60 series: each has three earlier forecasts (origins 20, 22, 24, two steps each)
// whose outcomes are known at origin 26, and the forecast made at 26. Promotions in some weeks.
const ORIGINS = [20, 22, 24];
const FINAL = 26;
const H = 2;
let seed = 7;
const rand = (): number => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const forecastOf = (level: number, width: number): QuantileForecast => ({
  levels: [0.1, 0.5, 0.9],
  values: [1 - width, 1, 1 + width].map((f) =>
    new Float64Array(H).fill(Math.max(0, level * f)),
  ),
});
const panel = Array.from({ length: 60 }, (_, i) => {
  const level = 5 + 40 * rand();
  const demand = Float64Array.from({ length: FINAL + H }, () =>
    Math.round(level * (0.3 + 1.6 * rand())),
  );
  const promo = Float64Array.from({ length: FINAL + H }, (_, t) =>
    (t + i) % 7 === 0 ? 1 : 0,
  );
  const byOrigin = new Map<number, QuantileForecast>();
  for (const o of [...ORIGINS, FINAL])
    byOrigin.set(
      o,
      forecastOf(level * (0.8 + 0.4 * rand()), 0.1 + 0.6 * rand()),
    );
  return { demand, promo, byOrigin };
});
const stratum = (promo: Float64Array, t: number): number =>
  promo[t] > 0 ? 1 : 0;

describe('calibrateServedForecasts', () => {
  it('serves what the replay calibrates from the same forecasts and outcomes', () => {
    // The replay: calibratedForecaster over a scripted inner forecaster, scores recorded at the
    // earlier origins, read at the final one.
    const pool = new ScorePool(52);
    const replayed = panel.map((s) => {
      const inner: Forecaster = {
        name: 'scripted',
        forecast: (ctx) => {
          const f = s.byOrigin.get(ctx.origin);
          if (!f) throw new Error(`no forecast at ${ctx.origin}`);
          return f;
        },
      };
      const history = { demand: s.demand, covariates: { promo: s.promo } };
      const f = calibratedForecaster(inner, {
        ...SERVED_CALIBRATION,
        stratum: (ctx, t) => stratum(ctx.covariates['promo'], t),
        levels: SERVED_QUANTILE_LEVELS,
        pool,
        minHistory: 0,
      });
      for (const o of ORIGINS)
        f.record(forecastContext(history, o), H, s.demand);
      return { f, history };
    });
    const replay = replayed.map(({ f, history }) =>
      f.forecast(forecastContext(history, FINAL), H),
    );
    // The nightly run: the same forecasts and outcomes handed over as known forecasts.
    const served = calibrateServedForecasts(
      panel.map(
        (s): ServedCalibrationSeries => ({
          forecast: s.byOrigin.get(FINAL) as QuantileForecast,
          strata: [0, 1].map((h) => stratum(s.promo, FINAL + h)),
          known: ORIGINS.map((o) => ({
            forecast: s.byOrigin.get(o) as QuantileForecast,
            actuals: s.demand.subarray(o, o + H),
            strata: [0, 1].map((h) => stratum(s.promo, o + h)),
          })),
        }),
      ),
    );
    served.forEach((q, i) => {
      expect(q.levels).toEqual(SERVED_QUANTILE_LEVELS);
      q.values.forEach((v, k) =>
        expect(Array.from(v)).toEqual(Array.from(replay[i].values[k])),
      );
    });
    // And it calibrated: the non-promotion steps moved off the raw forecast's P90.
    const raw = panel[0].byOrigin.get(FINAL) as QuantileForecast;
    const moved = served.some(
      (q, i) =>
        stratum(panel[i].promo, FINAL) === 0 &&
        Math.abs(
          q.values[6][0] -
            (panel[i].byOrigin.get(FINAL) as QuantileForecast).values[2][0],
        ) > 1e-6,
    );
    expect(moved).toBe(true);
    expect(raw.values).toHaveLength(3);
  });

  it('keeps a step as forecast when fewer than minScores outcomes are known', () => {
    const f = forecastOf(10, 0.3);
    const [q] = calibrateServedForecasts([
      { forecast: f, strata: [0, 0], known: [] },
    ]);
    expect(q.values[2][0]).toBeCloseTo(f.values[0][0], 12);
    expect(q.values[4][1]).toBeCloseTo(f.values[1][1], 12);
    expect(q.values[6][0]).toBeCloseTo(f.values[2][0], 12);
  });
});

describe('recalibrateServedForecasts', () => {
  it('serves what the replay recalibrates by level from the same forecasts and outcomes', () => {
    const pool = new ScorePool(52);
    const replayed = panel.map((s) => {
      const inner: Forecaster = {
        name: 'scripted',
        forecast: (ctx) => s.byOrigin.get(ctx.origin) as QuantileForecast,
      };
      const history = { demand: s.demand, covariates: { promo: s.promo } };
      const f = levelRecalibratedForecaster(inner, {
        stratum: (ctx, t) => stratum(ctx.covariates['promo'], t),
        levels: SERVED_QUANTILE_LEVELS,
        pool,
        ...SERVED_RECALIBRATION,
      });
      for (const o of ORIGINS)
        f.record(forecastContext(history, o), H, s.demand);
      return { f, history };
    });
    const served = recalibrateServedForecasts(
      panel.map(
        (s): ServedCalibrationSeries => ({
          forecast: s.byOrigin.get(FINAL) as QuantileForecast,
          strata: [0, 1].map((h) => stratum(s.promo, FINAL + h)),
          known: ORIGINS.map((o) => ({
            forecast: s.byOrigin.get(o) as QuantileForecast,
            actuals: s.demand.subarray(o, o + H),
            strata: [0, 1].map((h) => stratum(s.promo, o + h)),
          })),
        }),
      ),
    );
    let moved = 0;
    served.forEach((q, i) => {
      const { f, history } = replayed[i];
      const replay = f.forecast(forecastContext(history, FINAL), H);
      q.values.forEach((v, k) => {
        expect(Array.from(v)).toEqual(Array.from(replay.values[k]));
        const own = panel[i].byOrigin.get(FINAL) as QuantileForecast;
        if (k === 4 && Math.abs(v[0] - own.values[1][0]) > 1e-6) moved++;
      });
    });
    // The fixture's outcomes scatter more than its forecasts claim: the medians moved.
    expect(moved).toBeGreaterThan(0);
  });
});

describe('partialCorrection', () => {
  it('moves each level the given share of the way to the calibrated value', () => {
    const raw: QuantileForecast = {
      levels: [0.1, 0.5, 0.9],
      values: [
        Float64Array.of(2, 4),
        Float64Array.of(10, 12),
        Float64Array.of(20, 30),
      ],
    };
    const calibrated: QuantileForecast = {
      levels: [0.1, 0.9],
      values: [Float64Array.of(0, 0), Float64Array.of(40, 50)],
    };
    const half = partialCorrection(raw, calibrated);
    expect(half.levels).toEqual([0.1, 0.9]);
    expect(half.values.map((v) => Array.from(v))).toEqual([
      [1, 2],
      [30, 40],
    ]);
    expect(
      Array.from(partialCorrection(raw, calibrated, 0.25).values[1]),
    ).toEqual([25, 35]);
    expect(() =>
      partialCorrection(raw, {
        levels: [0.95],
        values: [Float64Array.of(1, 1)],
      }),
    ).toThrow(/no level 0.95/);
  });
});
