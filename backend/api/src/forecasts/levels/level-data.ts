import { NO_REGION_KEY } from '@shelfcast/contracts';
import type { DataSource } from 'typeorm';
import {
  isoDay,
  type SqlDate,
  type SqlNumeric,
  sqlQuery,
} from '../../database/raw-sql';

/** Days of aggregated history loaded for the upper levels' base forecasts and the chart. */
export const LEVEL_HISTORY_DAYS = 730;
/** Days of each bottom series' history used for its MASE scale (the pooled level variances). */
export const BOTTOM_SCALE_DAYS = 63;
/** Days before the backtest window whose seasonal-naive error scales the accuracy per level (MASE). */
export const ACCURACY_SCALE_DAYS = 56;

/** One product × store series of the serving run with its forecast and backtest errors. */
export interface LevelBottom {
  storeId: number;
  productId: number;
  store: string;
  storeName: string;
  /** The store's region, NO_REGION_KEY when it has none. */
  region: string;
  /** Top segment of the category path. */
  category: string;
  sku: string;
  productName: string;
  p10: Float64Array;
  p50: Float64Array;
  p90: Float64Array;
  /** Actual − backtest P50 on the residual dates (NaN = unknown). */
  residuals: Float64Array;
  /** The champion's backtest P10/P50/P90 on the residual dates (NaN = unknown). */
  backtest: { p10: Float64Array; p50: Float64Array; p90: Float64Array };
  /** Sales over the ACCURACY_SCALE_DAYS days before the first residual date (MASE scale). */
  scaleHistory: Float64Array;
  /** The last BOTTOM_SCALE_DAYS days of sales (for the MASE scale). */
  recent: Float64Array;
}

/** Everything the reconciliation needs, read from the serving run and the sales. */
export interface LevelPanel {
  runId: string;
  /** Forecast dates (consecutive days, H). */
  dates: string[];
  /** History days, ending the day before the first forecast date. */
  historyDates: string[];
  /** Dates of the bottom series' stored backtest window (the residual rows). */
  residualDates: string[];
  bottoms: LevelBottom[];
  /** Daily units per store code and per sku over historyDates (hierarchy series only). */
  storeHistory: Map<string, Float64Array>;
  productHistory: Map<string, Float64Array>;
  /** Daily units per `<store code>|<top category>` over historyDates. */
  storeCategoryHistory: Map<string, Float64Array>;
}

interface BottomRow {
  store_id: SqlNumeric;
  product_id: SqlNumeric;
  code: string;
  store_name: string;
  region: string | null;
  category_path: string | null;
  sku: string;
  product_name: string;
}
interface ValueRow {
  store_id: SqlNumeric;
  product_id: SqlNumeric;
  date: SqlDate;
  p10: SqlNumeric;
  p50: SqlNumeric;
  p90: SqlNumeric;
}
interface BacktestRow extends ValueRow {
  actual: SqlNumeric | null;
}
interface SumRow {
  k: SqlNumeric;
  date: SqlDate;
  units: SqlNumeric;
}
interface StoreCategoryRow {
  store_id: SqlNumeric;
  category_path: string | null;
  date: SqlDate;
  units: SqlNumeric;
}
interface SalesRow {
  store_id: SqlNumeric;
  product_id: SqlNumeric;
  date: SqlDate;
  units: SqlNumeric;
}
interface DateRow {
  date: SqlDate;
}

const DAY = 86_400_000;
export const addDays = (d: string, n: number): string =>
  new Date(Date.parse(d) + n * DAY).toISOString().slice(0, 10);

/** Series with forecast values in the run (the hierarchy's bottoms, or weekly/monthly ones). */
const IN_RUN = `EXISTS (SELECT 1 FROM forecast_values r WHERE r.run_id = ?
                  AND r.store_id = x.store_id AND r.product_id = x.product_id)`;

/** Reads the serving run's bottom series; null when nothing is served. */
export async function loadLevelPanel(
  ds: DataSource,
  runId: string,
): Promise<LevelPanel | null> {
  const q = <T extends object>(sql: string, params: unknown[]): Promise<T[]> =>
    sqlQuery<T>(ds, sql, params);
  const dateRows = await q<DateRow>(
    'SELECT DISTINCT date FROM forecast_values WHERE run_id = ? ORDER BY date',
    [runId],
  );
  if (dateRows.length === 0) return null;
  const dates = dateRows.map((r) => isoDay(r.date));
  const bottomRows = await q<BottomRow>(
    `SELECT DISTINCT x.store_id, x.product_id, s.code, s.name AS store_name, s.region,
            p.category_path, p.sku, p.name AS product_name
       FROM forecast_values x
       JOIN stores s ON s.id = x.store_id JOIN products p ON p.id = x.product_id
       LEFT JOIN store_products sp ON sp.store_id = x.store_id AND sp.product_id = x.product_id
      WHERE x.run_id = ? AND COALESCE(sp.grain, 'day') = 'day'
      ORDER BY s.code, p.sku`,
    [runId],
  );
  const H = dates.length;
  const dateIndex = new Map(dates.map((d, i) => [d, i]));
  const backtests = await q<BacktestRow>(
    `SELECT x.store_id, x.product_id, x.date, x.p10, x.p50, x.p90, s.units AS actual
       FROM run_backtests x
       LEFT JOIN sales s ON s.store_id = x.store_id AND s.product_id = x.product_id AND s.date = x.date
      WHERE x.run_id = ?`,
    [runId],
  );
  const residualDates = [...new Set(backtests.map((r) => isoDay(r.date)))]
    .filter((d) => d < dates[0])
    .sort();
  const residualIndex = new Map(residualDates.map((d, i) => [d, i]));
  const end = addDays(dates[0], -1);
  const historyDates = Array.from({ length: LEVEL_HISTORY_DAYS }, (_, i) =>
    addDays(end, i - LEVEL_HISTORY_DAYS + 1),
  );
  const scaleFrom = addDays(end, -BOTTOM_SCALE_DAYS + 1);
  const key = (s: SqlNumeric, p: SqlNumeric) => `${Number(s)}:${Number(p)}`;
  const byKey = new Map<string, LevelBottom>();
  const bottoms = bottomRows.map((r) => {
    const b: LevelBottom = {
      storeId: Number(r.store_id),
      productId: Number(r.product_id),
      store: r.code,
      storeName: r.store_name,
      region: r.region ?? NO_REGION_KEY,
      category: (r.category_path ?? '').split('/')[0],
      sku: r.sku,
      productName: r.product_name,
      p10: new Float64Array(H),
      p50: new Float64Array(H),
      p90: new Float64Array(H),
      residuals: new Float64Array(residualDates.length).fill(NaN),
      backtest: {
        p10: new Float64Array(residualDates.length).fill(NaN),
        p50: new Float64Array(residualDates.length).fill(NaN),
        p90: new Float64Array(residualDates.length).fill(NaN),
      },
      scaleHistory: new Float64Array(ACCURACY_SCALE_DAYS),
      recent: new Float64Array(BOTTOM_SCALE_DAYS),
    };
    byKey.set(key(r.store_id, r.product_id), b);
    return b;
  });
  const values = await q<ValueRow>(
    'SELECT store_id, product_id, date, p10, p50, p90 FROM forecast_values WHERE run_id = ?',
    [runId],
  );
  for (const v of values) {
    const b = byKey.get(key(v.store_id, v.product_id));
    const t = dateIndex.get(isoDay(v.date));
    if (!b || t === undefined) continue;
    b.p10[t] = Number(v.p10);
    b.p50[t] = Number(v.p50);
    b.p90[t] = Number(v.p90);
  }
  for (const r of backtests) {
    const b = byKey.get(key(r.store_id, r.product_id));
    const t = residualIndex.get(isoDay(r.date));
    if (!b || t === undefined) continue;
    b.residuals[t] = Number(r.actual ?? 0) - Number(r.p50);
    b.backtest.p10[t] = Number(r.p10);
    b.backtest.p50[t] = Number(r.p50);
    b.backtest.p90[t] = Number(r.p90);
  }
  if (residualDates.length > 0) {
    const accuracyFrom = addDays(residualDates[0], -ACCURACY_SCALE_DAYS);
    const before = await q<SalesRow>(
      `SELECT x.store_id, x.product_id, x.date, x.units FROM sales x
        WHERE x.date >= ? AND x.date < ? AND ${IN_RUN}`,
      [accuracyFrom, residualDates[0], runId],
    );
    for (const r of before) {
      const b = byKey.get(key(r.store_id, r.product_id));
      const t = Math.round(
        (Date.parse(isoDay(r.date)) - Date.parse(accuracyFrom)) / DAY,
      );
      if (b && t >= 0 && t < ACCURACY_SCALE_DAYS)
        b.scaleHistory[t] += Number(r.units);
    }
  }
  const recent = await q<SalesRow>(
    `SELECT x.store_id, x.product_id, x.date, x.units FROM sales x
      WHERE x.date >= ? AND x.date <= ? AND ${IN_RUN}`,
    [scaleFrom, end, runId],
  );
  for (const r of recent) {
    const b = byKey.get(key(r.store_id, r.product_id));
    const t = Math.round(
      (Date.parse(isoDay(r.date)) - Date.parse(scaleFrom)) / DAY,
    );
    if (b && t >= 0 && t < BOTTOM_SCALE_DAYS) b.recent[t] += Number(r.units);
  }
  const sums = async (column: 'store_id' | 'product_id') => {
    const rows = await q<SumRow>(
      `SELECT x.${column} AS k, x.date, SUM(x.units) AS units FROM sales x
        WHERE x.date >= ? AND x.date <= ? AND ${IN_RUN}
        GROUP BY x.${column}, x.date`,
      [historyDates[0], end, runId],
    );
    const out = new Map<number, Float64Array>();
    const from = Date.parse(historyDates[0]);
    for (const r of rows) {
      const id = Number(r.k);
      let s = out.get(id);
      if (!s) out.set(id, (s = new Float64Array(LEVEL_HISTORY_DAYS)));
      s[Math.round((Date.parse(isoDay(r.date)) - from) / DAY)] += Number(
        r.units,
      );
    }
    return out;
  };
  const byStoreId = await sums('store_id');
  const byProductId = await sums('product_id');
  // Category × store: summed per full path in SQL (stores × paths × days rows), top segment here.
  const storeCategoryRows = await q<StoreCategoryRow>(
    `SELECT x.store_id, p.category_path, x.date, SUM(x.units) AS units
       FROM sales x JOIN products p ON p.id = x.product_id
      WHERE x.date >= ? AND x.date <= ? AND ${IN_RUN}
      GROUP BY x.store_id, p.category_path, x.date`,
    [historyDates[0], end, runId],
  );
  const storeCodes = new Map(bottoms.map((b) => [b.storeId, b.store]));
  const storeCategoryHistory = new Map<string, Float64Array>();
  const from = Date.parse(historyDates[0]);
  for (const r of storeCategoryRows) {
    const code = storeCodes.get(Number(r.store_id));
    if (code === undefined) continue;
    const k = `${code}|${(r.category_path ?? '').split('/')[0]}`;
    let s = storeCategoryHistory.get(k);
    if (!s)
      storeCategoryHistory.set(k, (s = new Float64Array(LEVEL_HISTORY_DAYS)));
    s[Math.round((Date.parse(isoDay(r.date)) - from) / DAY)] += Number(r.units);
  }
  const storeHistory = new Map<string, Float64Array>();
  const productHistory = new Map<string, Float64Array>();
  const empty = () => new Float64Array(LEVEL_HISTORY_DAYS);
  for (const b of bottoms) {
    storeHistory.set(b.store, byStoreId.get(b.storeId) ?? empty());
    productHistory.set(b.sku, byProductId.get(b.productId) ?? empty());
    const sc = `${b.store}|${b.category}`;
    if (!storeCategoryHistory.has(sc)) storeCategoryHistory.set(sc, empty());
  }
  return {
    runId,
    dates,
    historyDates,
    residualDates,
    bottoms,
    storeHistory,
    productHistory,
    storeCategoryHistory,
  };
}
