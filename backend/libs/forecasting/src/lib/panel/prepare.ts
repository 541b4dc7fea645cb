import { defaultHorizon, parseIsoDay, seasonPeriod } from '../core/calendar';
import { cleanHistory, type CleanSeries } from '../core/stats';
import { zeroShare } from '../models/intermittent';
import type { LocalModelName } from '../models/local';
import type { Frequency, SeriesInput } from '../types';

export type SeriesKind = 'regular' | 'intermittent' | 'new';

/** A validated series with its cleaned history, candidate models and backtest origins. */
export interface PreparedSeries {
  index: number;
  input: SeriesInput;
  n: number;
  startDay: number;
  clean: CleanSeries;
  kind: SeriesKind;
  candidates: LocalModelName[];
  /** Backtest origins (number of history points visible at each), ascending. */
  origins: number[];
}

export interface PrepareOptions {
  frequency: Frequency;
  horizon: number;
  origins: number;
  /** Share of zero periods from which a series counts as intermittent. */
  intermittentThreshold: number;
  /** Fewer valid observations than this make a series "new" (category profile). */
  minObservations: number;
}

export function resolveHorizon(freq: Frequency, h?: number): number {
  return h && h > 0 ? Math.floor(h) : defaultHorizon(freq);
}

/** Throws on malformed input; the caller records the error for this series only. */
export function prepareSeries(
  s: SeriesInput,
  index: number,
  o: PrepareOptions,
): PreparedSeries {
  if (!s.id) throw new Error('series without id');
  const startDay = parseIsoDay(s.start);
  const n = s.values.length;
  if (s.stockout && s.stockout.length < n)
    throw new Error('stockout mask shorter than values');
  for (const c of s.covariates ?? []) {
    if (c.values.length < n + o.horizon) {
      throw new Error(
        `covariate ${c.name} has ${c.values.length} values, needs n + H = ${n + o.horizon}`,
      );
    }
  }
  for (let i = 0; i < n; i++) {
    if (s.values[i] < 0) throw new Error(`negative value at index ${i}`);
  }
  const clean = cleanHistory(s.values, s.stockout, n);
  const m = seasonPeriod(o.frequency);
  let kind: SeriesKind = 'regular';
  if (clean.validCount < o.minObservations) kind = 'new';
  else if (zeroShare(clean.y, clean.valid) >= o.intermittentThreshold)
    kind = 'intermittent';
  const candidates: LocalModelName[] =
    kind === 'new'
      ? []
      : kind === 'intermittent'
        ? ['croston-sba', 'tsb', 'moving-average']
        : ['seasonal-naive', 'moving-average', 'ets'];
  // Origins need enough history before them to fit the simplest model and score the MASE scale.
  const minTrain = Math.max(o.minObservations, Math.min(2 * m, o.horizon) + 2);
  const origins: number[] = [];
  for (let k = o.origins; k >= 1; k--) {
    const origin = n - k * o.horizon;
    if (origin >= minTrain) origins.push(origin);
  }
  return { index, input: s, n, startDay, clean, kind, candidates, origins };
}

/** History visible at an origin (a view, no copy). */
export function historyAt(p: PreparedSeries, origin: number): CleanSeries {
  const y = p.clean.y.subarray(0, origin);
  const valid = p.clean.valid.subarray(0, origin);
  let c = 0;
  for (let i = 0; i < origin; i++) c += valid[i];
  return { y, valid, validCount: c };
}

/** Actuals after an origin with missing and censored periods as NaN (never scored). */
export function actualsAt(
  p: PreparedSeries,
  origin: number,
  h: number,
): Float64Array {
  const out = new Float64Array(h).fill(NaN);
  for (let i = 0; i < h && origin + i < p.n; i++) {
    if (p.clean.valid[origin + i] === 1) out[i] = p.clean.y[origin + i];
  }
  return out;
}

/** In-sample history with NaN for invalid periods (the MASE scale ignores them). */
export function scaleHistory(p: PreparedSeries, origin: number): Float64Array {
  const out = new Float64Array(origin);
  for (let i = 0; i < origin; i++)
    out[i] = p.clean.valid[i] === 1 ? p.clean.y[i] : NaN;
  return out;
}
