import type {
  Covariate,
  SeriesInput,
  SeriesResult,
} from '@shelfcast/forecasting';
import {
  calibrateServedForecasts,
  type KnownForecast,
  partialCorrection,
  SERVED_CALIBRATION,
  type QuantileForecast,
  SERVED_QUANTILE_LEVELS,
  type ServedCalibrationSeries,
} from '@shelfcast/inventory-policy';

// The quantiles the nightly run stores (forecast_values.quantiles) are calibrated the way the
// policy replay validated (bench:policy): the run's own backtest windows are the earlier forecasts
// whose outcomes are known, their errors pooled over the grain group by promotion state and
// spread band (calibrateServedForecasts, the functions the replay's calibratedForecaster calls),
// and the stored levels take half of that correction (partialCorrection, SERVED_CORRECTION: the
// candidate chosen on the replay's development weeks; the full correction held more stock than
// seasonal naive).

/** The series' forecast at the level nearest q (the run asks for SERVED_QUANTILE_LEVELS). */
export function nearestLevel(
  s: Pick<SeriesResult, 'forecast'>,
  q: number,
): Float64Array {
  const { levels, values, point } = s.forecast;
  let best = 0;
  for (let k = 1; k < levels.length; k++)
    if (Math.abs(levels[k] - q) < Math.abs(levels[best] - q)) best = k;
  return values[best] ?? point;
}

/** The engine's own values at the served levels. */
function servedLevels(s: Pick<SeriesResult, 'forecast'>): QuantileForecast {
  return {
    levels: SERVED_QUANTILE_LEVELS,
    values: SERVED_QUANTILE_LEVELS.map((q) => nearestLevel(s, q)),
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
    forecast: { levels: s.forecast.levels, values: s.forecast.values },
    strata: steps(s.dates.length, (h) => promotionAt(promo, n + h)),
    known: s.backtestForecasts.map((w) => ({
      forecast: { levels: [0.1, 0.5, 0.9], values: [w.p10, w.p50, w.p90] },
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
 * Served values at SERVED_QUANTILE_LEVELS (per level, per step) by series id: half calibrated,
 * from the run's calibration sample (`known`, stored by the global step) or else the panel's own.
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
  const calibrated = calibrateServedForecasts(
    panel,
    SERVED_QUANTILE_LEVELS,
    SERVED_CALIBRATION,
    known,
  );
  return new Map(
    kept.map((s, i) => [
      s.id,
      partialCorrection(servedLevels(s), calibrated[i]).values,
    ]),
  );
}

/** Series of the global step's sample whose backtest windows form the run's calibration pool. */
export const CALIBRATION_SAMPLE_SERIES = 1000;

/** Stored form of one known forecast: levels P10/P50/P90, NaN as null, 6 significant digits. */
interface StoredKnown {
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
        v: k.forecast.values.map((v) => pack(v)),
        a: pack(k.actuals),
        s: Array.from(k.strata),
      });
  return JSON.stringify(out);
}

export function parseCalibrationSample(text: string): KnownForecast[] {
  return (JSON.parse(text) as StoredKnown[]).map((k) => ({
    forecast: { levels: [0.1, 0.5, 0.9], values: k.v.map(unpack) },
    actuals: unpack(k.a),
    strata: k.s,
  }));
}
