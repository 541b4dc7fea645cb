import {
  applyOverrides,
  type OverrideSpec,
} from '../../overrides/override-math';
import {
  categorySql,
  day,
  keysetPages,
  latestRecommendationRun,
  type ReportContext,
  type Row,
  sqlQuery,
  storeIdsSql,
} from './report-context';

/** One forecast period of one series with its override applied. */
export interface ForecastRow {
  storeId: number;
  storeCode: string;
  storeName: string;
  region: string;
  sku: string;
  productName: string;
  category: string;
  date: string;
  model: string;
  p10: number;
  p50: number;
  p90: number;
  baseline: number;
  override: number | null;
  final: number;
  /** P10/P90 scaled with the override (what the chart's band shows). */
  finalP10: number;
  finalP90: number;
}

interface SeriesBuffer {
  key: string;
  rows: Row[];
}

/**
 * The serving run's forecast values in (store, product, date) order, read with a row-value keyset
 * over the primary key (an index range on SQLite and PostgreSQL, so each page costs the same), series by series with overrides applied (final = override where one applies, else
 * the model's P50). Yields one batch per database page.
 */
export async function* forecastRows(
  ctx: ReportContext,
  runId: string,
): AsyncGenerator<ForecastRow[]> {
  const f = ctx.filters;
  const overrides = await loadOverrides(ctx);
  const category = categorySql(f);
  const where = [
    'f.run_id = ?',
    storeIdsSql('f.store_id', f.storeIds),
    category.sql,
  ];
  const params: unknown[] = [runId, ...category.params];
  if (f.from) {
    where.push('f.date >= ?');
    params.push(f.from);
  }
  if (f.to) {
    where.push('f.date <= ?');
    params.push(f.to);
  }
  if (f.abc) {
    // ABC classes live on the latest generated recommendation lines.
    where.push(
      `EXISTS (SELECT 1 FROM recommendations r WHERE r.run_id = ? AND r.store_id = f.store_id
         AND r.product_id = f.product_id AND r.abc = ?)`,
    );
    params.push((await latestRecommendationRun(ctx.ds)) ?? '', f.abc);
  }
  const pages = keysetPages(ctx.pageSize, (after) =>
    sqlQuery(
      ctx.ds,
      `SELECT f.store_id, f.product_id, f.date, f.p10, f.p50, f.p90, f.model,
              s.code AS store_code, s.name AS store_name, s.region, p.sku, p.name AS product_name, p.category_path
         FROM forecast_values f
         JOIN stores s ON s.id = f.store_id
         JOIN products p ON p.id = f.product_id
        WHERE ${where.join(' AND ')}${after ? ' AND (f.store_id, f.product_id, f.date) > (?, ?, ?)' : ''}
        ORDER BY f.store_id, f.product_id, f.date
        LIMIT ${ctx.pageSize}`,
      after
        ? [
            ...params,
            after['store_id'],
            after['product_id'],
            day(after['date']),
          ]
        : params,
    ),
  );
  let current: SeriesBuffer | null = null;
  for await (const page of pages) {
    const out: ForecastRow[] = [];
    for (const r of page) {
      const key = `${String(r['store_id'])}:${String(r['product_id'])}`;
      if (current && current.key !== key) {
        out.push(...(await finishSeries(ctx, runId, current, overrides)));
        current = null;
      }
      if (!current) current = { key, rows: [] };
      current.rows.push(r);
    }
    if (out.length) yield out;
  }
  if (current) yield await finishSeries(ctx, runId, current, overrides);
}

async function loadOverrides(
  ctx: ReportContext,
): Promise<Map<string, OverrideSpec[]>> {
  const rows = await sqlQuery(
    ctx.ds,
    `SELECT id, store_id, product_id, start_date, end_date, mode, value FROM forecast_overrides
      WHERE ${storeIdsSql('store_id', ctx.filters.storeIds)} ORDER BY id`,
  );
  const map = new Map<string, OverrideSpec[]>();
  for (const r of rows) {
    const key = `${String(r['store_id'])}:${String(r['product_id'])}`;
    const list = map.get(key) ?? [];
    list.push({
      id: Number(r['id']),
      startDate: day(r['start_date']) ?? '',
      endDate: day(r['end_date']) ?? '',
      mode: r['mode'] === 'total' ? 'total' : 'per_period',
      value: Number(r['value']),
    });
    map.set(key, list);
  }
  return map;
}

async function finishSeries(
  ctx: ReportContext,
  runId: string,
  series: SeriesBuffer,
  overrides: Map<string, OverrideSpec[]>,
): Promise<ForecastRow[]> {
  const first = series.rows[0];
  const specs = overrides.get(series.key);
  const finals = new Map<
    string,
    { override: number | null; final: number; p10: number; p90: number }
  >();
  if (specs?.length) {
    // A "total" override spreads over its whole range: compute on the full series, not the filtered dates.
    const full = await sqlQuery(
      ctx.ds,
      'SELECT date, p10, p50, p90 FROM forecast_values WHERE run_id = ? AND store_id = ? AND product_id = ? ORDER BY date',
      [runId, first['store_id'], first['product_id']],
    );
    const dates = full.map((r) => day(r['date']) ?? '');
    const p10 = Float64Array.from(full, (r) => Number(r['p10']));
    const p50 = Float64Array.from(full, (r) => Number(r['p50']));
    const p90 = Float64Array.from(full, (r) => Number(r['p90']));
    const override = applyOverrides(specs, dates, p10, p50, p90);
    dates.forEach((d, i) =>
      finals.set(d, {
        override: Number.isNaN(override[i]) ? null : override[i],
        final: p50[i],
        p10: p10[i],
        p90: p90[i],
      }),
    );
  }
  return series.rows.map((r) => {
    const date = day(r['date']) ?? '';
    const p50 = Number(r['p50']);
    const o = finals.get(date);
    return {
      storeId: Number(r['store_id']),
      storeCode: String(r['store_code']),
      storeName: String(r['store_name']),
      region: String(r['region'] ?? ''),
      sku: String(r['sku']),
      productName: String(r['product_name']),
      category: String(r['category_path']),
      date,
      model: String(r['model']),
      p10: Number(r['p10']),
      p50,
      p90: Number(r['p90']),
      baseline: p50,
      override: o?.override ?? null,
      final: o?.final ?? p50,
      finalP10: o?.p10 ?? Number(r['p10']),
      finalP90: o?.p90 ?? Number(r['p90']),
    };
  });
}
