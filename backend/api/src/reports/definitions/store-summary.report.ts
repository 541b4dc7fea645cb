import { RECOMMENDATION_STATUSES } from '@shelfcast/contracts';
import { formatMoney, pdfLabels } from '../writers/pdf-labels';
import { formatNumber, type StoreSummary } from '../writers/pdf-summary';
import type { ReportColumn } from '../../common/tabular/report-types';
import { forecastRows } from './forecast-rows';
import {
  categorySql,
  day,
  latestRecommendationRun,
  num,
  type ReportContext,
  type Row,
  servingRun,
  sqlQuery,
  storeIdsSql,
} from './report-context';
import type { ReportDefinition } from './report-definition';
import { stockoutRiskSql } from '../../database/stockout-risk-sql';

interface StoreFigures {
  store: Row;
  series: number;
  forecastUnits: number;
  wape: number | null;
  bias: number | null;
  pending: number;
  orderValue: number;
  stockoutLines: number;
  excessValue: number;
  forecast: StoreSummary['forecast'];
  top: StoreSummary['top'];
}

const COLUMNS: ReportColumn[] = [
  { key: 'store', header: 'store_code', type: 'text' },
  { key: 'storeName', header: 'store_name', type: 'text', width: 22 },
  { key: 'region', header: 'region', type: 'text' },
  { key: 'series', header: 'series', type: 'integer' },
  { key: 'forecastUnits', header: 'forecast_units_final', type: 'number' },
  { key: 'wape', header: 'wape', type: 'number', numFmt: '0.0%' },
  { key: 'bias', header: 'bias', type: 'number', numFmt: '0.0%' },
  { key: 'pending', header: 'pending_lines', type: 'integer' },
  {
    key: 'orderValue',
    header: 'approved_order_value',
    type: 'number',
    money: true,
  },
  { key: 'stockout', header: 'stockout_risk_lines', type: 'integer' },
  { key: 'excess', header: 'excess_value', type: 'number', money: true },
];

const pct = (v: number | null) =>
  v === null ? '—' : `${(v * 100).toFixed(1)}%`;

async function storesOf(ctx: ReportContext): Promise<Row[]> {
  return sqlQuery(
    ctx.ds,
    `SELECT id, code, name, region FROM stores WHERE ${storeIdsSql('id', ctx.filters.storeIds)} ORDER BY code`,
  );
}

/** Everything one store's summary shows, from the serving run and the latest recommendations. */
async function figures(
  ctx: ReportContext,
  store: Row,
  runId: string | null,
  recRun: string | null,
): Promise<StoreFigures> {
  const storeId = Number(store['id']);
  const scoped: ReportContext = {
    ...ctx,
    filters: { ...ctx.filters, storeIds: [storeId] },
  };
  // Daily totals of the final forecast; the band adds the series' half-widths in quadrature.
  const byDate = new Map<string, { p50: number; lo: number; hi: number }>();
  const series = new Set<string>();
  if (runId)
    for await (const batch of forecastRows(scoped, runId))
      for (const r of batch) {
        series.add(r.sku);
        const d = byDate.get(r.date) ?? { p50: 0, lo: 0, hi: 0 };
        d.p50 += r.final;
        d.lo += (r.final - r.finalP10) ** 2;
        d.hi += (r.finalP90 - r.final) ** 2;
        byDate.set(r.date, d);
      }
  const dates = [...byDate.keys()].sort();
  const forecast = {
    dates,
    p50: dates.map((d) => byDate.get(d)?.p50 ?? 0),
    p10: dates.map((d) => {
      const v = byDate.get(d);
      return v ? Math.max(0, v.p50 - Math.sqrt(v.lo)) : 0;
    }),
    p90: dates.map((d) => {
      const v = byDate.get(d);
      return v ? v.p50 + Math.sqrt(v.hi) : 0;
    }),
  };
  const category = categorySql(ctx.filters);
  const [acc] = runId
    ? await sqlQuery(
        ctx.ds,
        `SELECT SUM(CASE WHEN rs.wape IS NOT NULL AND rs.volume > 0 THEN rs.wape * rs.volume ELSE 0 END) AS w,
                SUM(CASE WHEN rs.wape IS NOT NULL AND rs.volume > 0 THEN rs.volume ELSE 0 END) AS wv,
                SUM(CASE WHEN rs.bias IS NOT NULL AND rs.volume > 0 THEN rs.bias * rs.volume ELSE 0 END) AS b,
                SUM(CASE WHEN rs.bias IS NOT NULL AND rs.volume > 0 THEN rs.volume ELSE 0 END) AS bv
           FROM forecast_run_series rs JOIN products p ON p.id = rs.product_id
          WHERE rs.run_id = ? AND rs.store_id = ? AND ${category.sql}`,
        [runId, storeId, ...category.params],
      )
    : [undefined];
  const lineWhere = [`r.run_id = ?`, 'r.store_id = ?', category.sql];
  const lineParams: unknown[] = [recRun ?? '', storeId, ...category.params];
  if (ctx.filters.abc) {
    lineWhere.push('r.abc = ?');
    lineParams.push(ctx.filters.abc);
  }
  if (ctx.filters.status) {
    lineWhere.push('r.status = ?');
    lineParams.push(ctx.filters.status);
  }
  const [k] = await sqlQuery(
    ctx.ds,
    `SELECT SUM(CASE WHEN r.status = 'pending' THEN 1 ELSE 0 END) AS pending,
            SUM(CASE WHEN r.status IN ('approved', 'adjusted') THEN r.final_qty * r.unit_cost ELSE 0 END) AS order_value,
            SUM(${stockoutRiskSql('r')}) AS stockout,
            SUM(r.excess_value) AS excess
       FROM recommendations r JOIN products p ON p.id = r.product_id
      WHERE ${lineWhere.join(' AND ')}`,
    lineParams,
  );
  // Top lines: projected stock-outs first (earliest), then the largest orders by value. Lines
  // that order nothing are not recommendations to act on, so they are left out.
  const top = await sqlQuery(
    ctx.ds,
    `SELECT p.sku, p.name, r.final_qty, r.status, r.stockout_date_p50, r.excess_units
       FROM recommendations r JOIN products p ON p.id = r.product_id
      WHERE ${lineWhere.join(' AND ')} AND r.final_qty > 0
      ORDER BY CASE WHEN r.stockout_date_p50 IS NULL THEN 1 ELSE 0 END, r.stockout_date_p50,
               r.final_qty * r.unit_cost DESC, p.sku
      LIMIT 10`,
    lineParams,
  );
  const labels = pdfLabels(ctx.locale);
  const ratio = (a: unknown, b: unknown) => {
    const x = num(a);
    const y = num(b);
    return x !== null && y ? x / y : null;
  };
  return {
    store,
    series: series.size,
    forecastUnits: forecast.p50.reduce((a, b) => a + b, 0),
    wape: ratio(acc?.['w'], acc?.['wv']),
    bias: ratio(acc?.['b'], acc?.['bv']),
    pending: num(k?.['pending']) ?? 0,
    orderValue: num(k?.['order_value']) ?? 0,
    stockoutLines: num(k?.['stockout']) ?? 0,
    excessValue: num(k?.['excess']) ?? 0,
    forecast,
    top: top.map((t) => {
      const stockout = day(t['stockout_date_p50']);
      return {
        sku: String(t['sku']),
        product: String(t['name']),
        quantity: num(t['final_qty']) ?? 0,
        status: String(t['status']),
        risk: stockout
          ? labels.stockoutOn(stockout)
          : (num(t['excess_units']) ?? 0) > 0
            ? labels.excessUnits(formatNumber(num(t['excess_units'])))
            : '—',
      };
    }),
  };
}

async function* eachStore(ctx: ReportContext): AsyncGenerator<StoreFigures> {
  const runId = await servingRun(ctx.ds);
  const recRun = await latestRecommendationRun(ctx.ds);
  for (const store of await storesOf(ctx))
    yield figures(ctx, store, runId, recRun);
}

/** A management summary per store: KPIs, the forecast chart and the top recommendations. */
export const STORE_SUMMARY_REPORT: ReportDefinition = {
  id: 'store-summary',
  title: 'Store management summary',
  description:
    'Per store: final forecast units over the forecast dates, backtest WAPE and bias, pending lines, approved order value, stock-out risk and excess stock; as PDF one page per store with the forecast chart and the top recommendations.',
  formats: ['pdf', 'csv', 'xlsx'],
  filters: ['from', 'to', 'stores', 'region', 'category', 'abc', 'status'],
  dateMeaning: 'forecast period (units and chart)',
  statuses: [...RECOMMENDATION_STATUSES],
  sections: [{ id: 'stores', title: 'Stores' }],
  build(ctx) {
    return Promise.resolve([
      {
        id: 'stores',
        title: 'Stores',
        columns: COLUMNS,
        async *batches() {
          for await (const f of eachStore(ctx))
            yield [
              [
                String(f.store['code']),
                String(f.store['name']),
                String(f.store['region'] ?? ''),
                f.series,
                f.forecastUnits,
                f.wape,
                f.bias,
                f.pending,
                f.orderValue,
                f.stockoutLines,
                f.excessValue,
              ],
            ];
        },
      },
    ]);
  },
  async *storeSummaries(ctx) {
    const l = pdfLabels(ctx.locale).kpi;
    const money = (n: number) => formatMoney(n, ctx.currency, ctx.locale);
    for await (const f of eachStore(ctx))
      yield {
        storeCode: String(f.store['code']),
        storeName: String(f.store['name']),
        region: String(f.store['region'] ?? ''),
        kpis: [
          { label: l.series, value: formatNumber(f.series) },
          {
            label: l.forecastUnits(f.forecast.dates.length),
            value: formatNumber(f.forecastUnits),
          },
          { label: l.wape, value: pct(f.wape) },
          { label: l.bias, value: pct(f.bias) },
          { label: l.pending, value: formatNumber(f.pending) },
          {
            label: `${l.orderValue} (${ctx.currency})`,
            value: money(f.orderValue),
          },
          { label: l.stockout, value: formatNumber(f.stockoutLines) },
          {
            label: `${l.excessValue} (${ctx.currency})`,
            value: money(f.excessValue),
          },
        ],
        forecast: f.forecast,
        top: f.top,
      };
  },
};
