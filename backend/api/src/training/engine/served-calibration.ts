import type {
  Covariate,
  SeriesInput,
  SeriesResult,
} from '@shelfcast/forecasting';
import {
  type KnownForecast,
  type QuantileForecast,
  recalibrateServedForecasts,
  SERVED_QUANTILE_LEVELS,
  SERVED_RECALIBRATION,
  type ServedCalibrationSeries,
} from '@shelfcast/inventory-policy';

// The quantiles the nightly run stores (forecast_values.quantiles) are calibrated the way the
// policy replay validated (bench:policy): the run's own backtest windows are the earlier forecasts
// whose outcomes are known. Each outcome's covering level under the engine's own nine levels is
// pooled over the grain group by promotion state and spread band, and each served level is read
// from the engine's forecast at the conformal quantile of those levels (recalibrateServedForecasts,
// the functions the replay's levelRecalibratedForecaster calls, with SERVED_RECALIBRATION).

/** The level of `levels` nearest q. */
function nearestIndex(levels: readonly number[], q: number): number {
  let best = 0;
  for (let k = 1; k < levels.length; k++)
    if (Math.abs(levels[k] - q) < Math.abs(levels[best] - q)) best = k;
  return best;
}

/** The series' forecast at the level nearest q (the run asks for SERVED_QUANTILE_LEVELS). */
export function nearestLevel(
  s: Pick<SeriesResult, 'forecast'>,
  q: number,
): Float64Array {
  const { levels, values, point } = s.forecast;
  return values[nearestIndex(levels, q)] ?? point;
}

/** The engine's own values at the served levels. */
function servedLevels(s: Pick<SeriesResult, 'forecast'>): QuantileForecast {
  return {
    levels: SERVED_QUANTILE_LEVELS,
    values: SERVED_QUANTILE_LEVELS.map((q) => nearestLevel(s, q)),
  };
}

/**
 * A backtest window at the served levels (nearest computed level each), as the replay reads the
 * engine's earlier forecasts; a window without its levels (an older result) has P10/P50/P90 only.
 */
function windowLevels(w: SeriesResult['backtestForecasts'][number]) {
  const { levels, values } = w;
  if (!levels || !values || levels.length < SERVED_QUANTILE_LEVELS.length)
    return { levels: [0.1, 0.5, 0.9], values: [w.p10, w.p50, w.p90] };
  return {
    levels: SERVED_QUANTILE_LEVELS,
    values: SERVED_QUANTILE_LEVELS.map(
      (q) => values[nearestIndex(levels, q)] ?? w.p50,
    ),
  };
}

/** 1 in a promotion period (the series' promotion covariate), 0 otherwise or where unknown. */
function promotionAt(promo: Covariate | undefined, k: number): number {
  const v = promo?.values[k];
  return v !== undefined && v > 0 ? 1 : 0;
}

/** One series' forecast and backtest windows as the library's calibration input. */
export function calibrationInput(
  s: Pick<SeriesResult, 'forecast' | 'dates' | 'backtestForecasts'>,
  input: SeriesInput,
): ServedCalibrationSeries {
  const promo = input.covariates?.find((c) => c.group === 'promotion');
  const n = input.values.length;
  const steps = (length: number, at: (h: number) => number): number[] =>
    Array.from({ length }, (_, h) => at(h));
  return {
    forecast: servedLevels(s),
    strata: steps(s.dates.length, (h) => promotionAt(promo, n + h)),
    known: s.backtestForecasts.map((w) => ({
      forecast: windowLevels(w),
      // A stock-out censors the outcome: sales then understate demand, so it gives no score.
      actuals: steps(w.dates.length, (h) => {
        const k = w.origin + h;
        return k < n && !input.stockout?.[k] ? input.values[k] : NaN;
      }),
      strata: steps(w.dates.length, (h) => promotionAt(promo, w.origin + h)),
    })),
  };
}

/**
 * Served values at SERVED_QUANTILE_LEVELS (per level, per step) by series id: recalibrated by
 * level from the run's calibration sample (`known`, stored by the global step) or else the
 * panel's own backtest windows.
 */
export function calibratedServedQuantiles(
  series: readonly Pick<
    SeriesResult,
    'id' | 'forecast' | 'dates' | 'backtestForecasts'
  >[],
  inputs: readonly SeriesInput[],
  known?: readonly KnownForecast[],
): Map<string, readonly Float64Array[]> {
  const byId = new Map(inputs.map((s) => [s.id, s]));
  const kept: (typeof series)[number][] = [];
  const panel: ServedCalibrationSeries[] = [];
  for (const s of series) {
    const input = byId.get(s.id);
    if (!input) continue;
    kept.push(s);
    panel.push(calibrationInput(s, input));
  }
  const calibrated = recalibrateServedForecasts(
    panel,
    SERVED_QUANTILE_LEVELS,
    SERVED_RECALIBRATION,
    known,
  );
  return new Map(kept.map((s, i) => [s.id, calibrated[i].values]));
}

/** Series of the global step's sample whose backtest windows form the run's calibration pool. */
export const CALIBRATION_SAMPLE_SERIES = 1000;

/** Stored form of one known forecast: its levels, values per level (NaN as null, 6 significant digits). */
interface StoredKnown {
  l?: number[];
  v: (number | null)[][];
  a: (number | null)[];
  s: number[];
}

const pack = (x: ArrayLike<number>): (number | null)[] =>
  Array.from(x, (v) => (Number.isFinite(v) ? Number(v.toPrecision(6)) : null));
const unpack = (x: (number | null)[]): Float64Array =>
  Float64Array.from(x, (v) => (v === null ? NaN : v));

/**
 * The run's calibration pool as JSON: the backtest windows (with their outcomes) of the first
 * `CALIBRATION_SAMPLE_SERIES` series of the global step's sample, in id order. Every shard then
 * calibrates against the same pool, so a series' served quantiles do not depend on its shard.
 * Rounded once here; every shard reads the same rounded values.
 */
export function calibrationSample(
  series: readonly Pick<
    SeriesResult,
    'id' | 'forecast' | 'dates' | 'backtestForecasts'
  >[],
  inputs: readonly SeriesInput[],
): string {
  const byId = new Map(inputs.map((s) => [s.id, s]));
  const picked = [...series]
    .filter((s) => byId.has(s.id))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, CALIBRATION_SAMPLE_SERIES);
  const out: StoredKnown[] = [];
  for (const s of picked)
    for (const k of calibrationInput(s, byId.get(s.id) as SeriesInput).known)
      out.push({
        l: [...k.forecast.levels],
        v: k.forecast.values.map((v) => pack(v)),
        a: pack(k.actuals),
        s: Array.from(k.strata),
      });
  return JSON.stringify(out);
}

export function parseCalibrationSample(text: string): KnownForecast[] {
  return (JSON.parse(text) as StoredKnown[]).map((k) => ({
    // Samples stored before the levels were kept carry P10/P50/P90.
    forecast: { levels: k.l ?? [0.1, 0.5, 0.9], values: k.v.map(unpack) },
    actuals: unpack(k.a),
    strata: k.s,
  }));
}
