import type { BacktestWindow } from '@shelfcast/forecasting';
import { backtestRows, RUN_BACKTESTS } from './backtest-rows';

function window(origin: number, start: string, p50: number[]): BacktestWindow {
  const dates = p50.map((_, i) => {
    const d = new Date(`${start}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + i);
    return d.toISOString().slice(0, 10);
  });
  return {
    origin,
    start,
    dates,
    p50: Float64Array.from(p50),
    p10: Float64Array.from(p50, (v) => v * 0.5),
    p90: Float64Array.from(p50, (v) => v * 1.5 + 0.00049),
  };
}

describe('backtestRows', () => {
  it('writes the most recent window only, in the spec column order, rounded', () => {
    const rows = backtestRows('run-1', 3, 7, {
      backtestForecasts: [
        window(10, '2026-01-11', [9, 9]),
        window(12, '2026-01-13', [2.00049, 4]),
      ],
    });
    expect(RUN_BACKTESTS.columns.map((c) => c.name)).toEqual([
      'run_id',
      'store_id',
      'product_id',
      'date',
      'origin',
      'p10',
      'p50',
      'p90',
    ]);
    expect(rows).toEqual([
      ['run-1', 3, 7, '2026-01-13', '2026-01-13', 1, 2, 3.001],
      ['run-1', 3, 7, '2026-01-14', '2026-01-13', 2, 4, 6.0],
    ]);
  });

  it('writes nothing for a series without a backtest and skips non-finite steps', () => {
    expect(backtestRows('r', 1, 1, { backtestForecasts: [] })).toEqual([]);
    const w = window(5, '2026-02-01', [1, NaN, 3]);
    expect(
      backtestRows('r', 1, 1, { backtestForecasts: [w] }).map((r) => r[3]),
    ).toEqual(['2026-02-01', '2026-02-03']);
  });
});
