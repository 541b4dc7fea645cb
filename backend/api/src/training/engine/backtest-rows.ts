import type { SeriesResult } from '@shelfcast/forecasting';
import type { BulkValue, UpsertSpec } from '../../database/bulk/bulk-writer';

/** `run_backtests`: the chosen model's backtest forecast per series and day. */
export const RUN_BACKTESTS: UpsertSpec = {
  table: 'run_backtests',
  columns: [
    { name: 'run_id', type: 'text' },
    { name: 'store_id', type: 'int' },
    { name: 'product_id', type: 'int' },
    { name: 'date', type: 'date' },
    { name: 'origin', type: 'date' },
    { name: 'p10', type: 'float' },
    { name: 'p50', type: 'float' },
    { name: 'p90', type: 'float' },
  ],
  conflict: ['run_id', 'store_id', 'product_id', 'date'],
  update: ['origin', 'p10', 'p50', 'p90'],
};

/**
 * Rows of the most recent backtest window only: one horizon per series bounds the table to the
 * size of `forecast_values`, and it is the window that ends on the last day of history. Values are
 * rounded like the forecasts; non-finite values (never expected) are skipped, not stored as 0.
 */
export function backtestRows(
  runId: string,
  storeId: number,
  productId: number,
  s: Pick<SeriesResult, 'backtestForecasts'>,
): BulkValue[][] {
  const w = s.backtestForecasts[s.backtestForecasts.length - 1];
  if (!w) return [];
  const rows: BulkValue[][] = [];
  for (let h = 0; h < w.dates.length; h++) {
    const [lo, mid, hi] = [w.p10[h], w.p50[h], w.p90[h]];
    if (!Number.isFinite(lo) || !Number.isFinite(mid) || !Number.isFinite(hi))
      continue;
    rows.push([
      runId,
      storeId,
      productId,
      w.dates[h],
      w.start,
      round(lo),
      round(mid),
      round(hi),
    ]);
  }
  return rows;
}

function round(v: number): number {
  return Math.round(v * 1000) / 1000;
}
