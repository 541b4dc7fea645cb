import type { SeriesInput, SeriesResult } from '@shelfcast/forecasting';
import {
  calibratedForecaster,
  type Forecaster,
  forecastContext,
  partialCorrection,
  type QuantileForecast,
  ScorePool,
  SERVED_CALIBRATION,
  SERVED_QUANTILE_LEVELS,
} from '@shelfcast/inventory-policy';
import { calibratedServedQuantiles } from './served-calibration';

// 40 weekly series of 30 weeks: three backtest windows (origins 24, 26, 28, two steps each) and
// the forecast from week 30, as the forecasting library returns them; promotions in some weeks.
const H = 2;
const N = 30;
const ORIGINS = [24, 26, 28];
let seed = 11;
const rand = (): number => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
/** Nine served levels around a median, wider above than below. */
const nineLevels = (median: number, width: number): Float64Array[] =>
  SERVED_QUANTILE_LEVELS.map((l) =>
    new Float64Array(H).fill(
      Math.max(0, median * (1 + (l - 0.5) * width * (l > 0.5 ? 3 : 2))),
    ),
  );
const fixture = Array.from({ length: 40 }, (_, i) => {
  const level = 4 + 30 * rand();
  const values = Float64Array.from({ length: N }, () =>
    Math.round(level * (0.2 + 1.8 * rand())),
  );
  const promo = Float64Array.from({ length: N + H }, (_, t) =>
    (t + i) % 5 === 0 ? 1 : 0,
  );
  const input: SeriesInput = {
    id: `s${i}`,
    start: '2026-01-05',
    values,
    covariates: [{ name: 'on_promo', group: 'promotion', values: promo }],
  };
  const windows = ORIGINS.map((origin) => {
    const m = level * (0.7 + 0.6 * rand());
    const w = 0.2 + rand();
    return {
      origin,
      start: '',
      dates: ['', ''],
      p10: new Float64Array(H).fill(m * (1 - 0.4 * w)),
      p50: new Float64Array(H).fill(m),
      p90: new Float64Array(H).fill(m * (1 + 0.6 * w)),
    };
  });
  const final = nineLevels(level, 0.3 + rand());
  const result: SeriesResult = {
    id: input.id,
    model: 'ets',
    kind: 'regular',
    dates: ['2026-08-03', '2026-08-10'],
    forecast: {
      levels: [...SERVED_QUANTILE_LEVELS],
      values: final,
      point: final[4],
    },
    backtest: {},
    backtestForecasts: windows,
  };
  return { input, result, promo };
});

describe('calibratedServedQuantiles (forecast_values.quantiles)', () => {
  it('stores what the policy replay serves for the same series, forecasts and outcomes (half the calibration)', () => {
    const served = calibratedServedQuantiles(
      fixture.map((f) => f.result),
      fixture.map((f) => f.input),
    );
    // The replay (bench:policy, the chosen candidate): calibratedForecaster over the same
    // forecasts, scores recorded at the backtest origins, read at the forecast origin, and the
    // engine's forecast moved half way to it (partialCorrection).
    const pool = new ScorePool(52);
    const replayers = fixture.map(({ input, result, promo }) => {
      const byOrigin = new Map<number, QuantileForecast>(
        result.backtestForecasts.map((w) => [
          w.origin,
          { levels: [0.1, 0.5, 0.9], values: [w.p10, w.p50, w.p90] },
        ]),
      );
      byOrigin.set(N, result.forecast);
      const inner: Forecaster = {
        name: 'engine',
        forecast: (ctx) => byOrigin.get(ctx.origin) ?? result.forecast,
      };
      const demand = new Float64Array(N + H);
      demand.set(input.values);
      const history = { demand, covariates: { promo } };
      const f = calibratedForecaster(inner, {
        ...SERVED_CALIBRATION,
        stratum: (ctx, t) => (ctx.covariates['promo'][t] > 0 ? 1 : 0),
        levels: SERVED_QUANTILE_LEVELS,
        pool,
        minHistory: 0,
      });
      for (const o of ORIGINS) f.record(forecastContext(history, o), H, demand);
      return { f, history, inner };
    });
    let moved = 0;
    fixture.forEach(({ result }, i) => {
      const { f, history, inner } = replayers[i];
      const ctx = forecastContext(history, N);
      const replay = partialCorrection(
        inner.forecast(ctx, H),
        f.forecast(ctx, H),
      );
      const stored = served.get(result.id);
      expect(stored).toBeDefined();
      stored?.forEach((v, k) => {
        expect(Array.from(v)).toEqual(Array.from(replay.values[k]));
        if (Math.abs(v[0] - result.forecast.values[k][0]) > 1e-6) moved++;
      });
    });
    // The fixture's errors are wider than its forecasts claim: calibration moved the levels.
    expect(moved).toBeGreaterThan(0);
  });

  it('gives a stock-out week no score and keeps a series without input as is', () => {
    const one = fixture.slice(0, 1);
    const censored: SeriesInput = {
      ...one[0].input,
      stockout: new Uint8Array(N).fill(1),
    };
    // Every outcome censored, so no scores: the forecast is served at its own levels.
    const served = calibratedServedQuantiles(
      one.map((f) => f.result),
      [censored],
    );
    expect(served.get('s0')?.map((v) => v[0])).toEqual(
      one[0].result.forecast.values.map((v) => v[0]),
    );
    expect(
      calibratedServedQuantiles(
        one.map((f) => f.result),
        [],
      ).size,
    ).toBe(0);
  });
});
