import { formatIsoDay, periodDay } from '../core/calendar';
import type { Forecast, ModelName, Panel } from '../types';
import type { PreparedSeries } from './prepare';
import type { BacktestWindow } from './result-types';

/** ISO days of the h periods from period `from` (default: right after the history). */
export function forecastDates(
  p: PreparedSeries,
  h: number,
  freq: Panel['frequency'],
  from = p.n,
): string[] {
  return Array.from({ length: h }, (_, i) =>
    formatIsoDay(periodDay(freq, p.startDay, from + i)),
  );
}

/**
 * The chosen model's forecast at each origin it was scored on, with P10/P90 (nearest levels) and
 * every level it computed (the served quantiles' calibration reads them all).
 */
export function backtestWindows(
  p: PreparedSeries,
  perOrigin: Map<ModelName, Forecast>[],
  model: ModelName,
  h: number,
  freq: Panel['frequency'],
): BacktestWindow[] {
  const out: BacktestWindow[] = [];
  perOrigin.forEach((fcs, k) => {
    const fc = fcs.get(model);
    const origin = p.origins[k];
    if (!fc || origin === undefined) return;
    const steps = forecastDates(p, h, freq, origin);
    out.push({
      origin,
      start: steps[0],
      dates: steps,
      p50: fc.point,
      p10: nearestLevel(fc, 0.1),
      p90: nearestLevel(fc, 0.9),
      levels: [...fc.levels],
      values: fc.values,
    });
  });
  return out;
}

function nearestLevel(fc: Forecast, q: number): Float64Array {
  let best = -1;
  fc.levels.forEach((l, k) => {
    if (best < 0 || Math.abs(l - q) < Math.abs(fc.levels[best] - q)) best = k;
  });
  return fc.values[best] ?? fc.point;
}
