import type {
  DriverSeries,
  SeriesForecastResponse,
} from '@shelfcast/contracts';
import { numOrNull as num } from '../database/raw-sql';

/** One series of the run: chosen model, backtest scores and drivers. */
export interface SeriesRow {
  model: string;
  wape: number | string | null;
  mase: number | string | null;
  smape: number | string | null;
  bias: number | string | null;
  coverage: number | string | null;
  volume: number | string;
  drivers: string | null;
}

/** The selection's backtest: WAPE and bias weighted by backtest units, the rest averaged over series. */
export function backtestOf(
  rows: SeriesRow[],
): SeriesForecastResponse['backtest'] {
  const scored = rows.filter(
    (r) => num(r.wape) !== null && Number(r.volume) > 0,
  );
  if (!scored.length) return null;
  const vol = scored.reduce((s, r) => s + Number(r.volume), 0);
  const w = (k: 'wape' | 'bias') =>
    scored.reduce((s, r) => s + (num(r[k]) ?? 0) * Number(r.volume), 0) / vol;
  const mean = (k: 'mase' | 'smape' | 'coverage') => {
    const v = rows.map((r) => num(r[k])).filter((x): x is number => x !== null);
    return v.length ? v.reduce((a, b) => a + b, 0) / v.length : null;
  };
  return {
    series: rows.length,
    wape: w('wape'),
    bias: w('bias'),
    mase: mean('mase'),
    smape: mean('smape'),
    coverage: mean('coverage'),
  };
}

/** The selection's driver contributions summed per group and step. */
export function sumDrivers(rows: SeriesRow[]): DriverSeries | null {
  let out: DriverSeries | null = null;
  for (const r of rows) {
    if (typeof r.drivers !== 'string') continue;
    const d = JSON.parse(r.drivers) as DriverSeries;
    if (!out)
      out = Object.fromEntries(Object.entries(d).map(([k, v]) => [k, [...v]]));
    else
      for (const [k, v] of Object.entries(d)) {
        const acc = out[k] ?? (out[k] = new Array<number>(v.length).fill(0));
        v.forEach((x, i) => (acc[i] = (acc[i] ?? 0) + x));
      }
  }
  return out;
}
