import type { MetricLevel, MetricRow } from '@shelfcast/contracts';

/** One series' backtest scores, as `forecast_run_series` stores them. */
export interface SeriesScore {
  storeCode: string;
  /** Top-level category. */
  category: string;
  wape: number | null;
  mase: number | null;
  smape: number | null;
  bias: number | null;
  coverage: number | null;
  volume: number;
}

/**
 * Volume-weighted WAPE and bias, mean MASE/sMAPE/coverage, overall and per category and store:
 * the formula the promotion stores in `run_metrics` for the whole chain, applied to any subset of
 * series (a store manager's stores), so a scoped reader's "overall" is the one of their stores.
 */
export function aggregateScores(rows: readonly SeriesScore[]): MetricRow[] {
  const groups = new Map<string, SeriesScore[]>();
  const add = (k: string, r: SeriesScore) => {
    const list = groups.get(k);
    if (list) list.push(r);
    else groups.set(k, [r]);
  };
  for (const r of rows) {
    add('overall\u0000', r);
    add(`category\u0000${r.category}`, r);
    add(`store\u0000${r.storeCode}`, r);
  }
  return [...groups].map(([k, list]) => {
    const [level, key] = k.split('\u0000') as [MetricLevel, string];
    const scored = list.filter((r) => r.wape !== null && r.volume > 0);
    const vol = scored.reduce((s, r) => s + r.volume, 0);
    const mean = (f: (r: SeriesScore) => number | null) => {
      const v = list.map(f).filter((x): x is number => x !== null);
      return v.length ? v.reduce((a, b) => a + b, 0) / v.length : null;
    };
    const weighted = (f: (r: SeriesScore) => number | null) =>
      vol > 0
        ? scored.reduce((s, r) => s + (f(r) ?? 0) * r.volume, 0) / vol
        : null;
    return {
      level,
      key,
      series: list.length,
      wape: weighted((r) => r.wape),
      mase: mean((r) => r.mase),
      smape: mean((r) => r.smape),
      bias: weighted((r) => r.bias),
      coverage: mean((r) => r.coverage),
    };
  });
}
