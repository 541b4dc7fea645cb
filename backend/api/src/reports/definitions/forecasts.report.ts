import type { ReportColumn } from '../../common/tabular/report-types';
import type { ReportDefinition } from './report-definition';
import { servingRun } from './report-context';
import { forecastRows } from './forecast-rows';

const COLUMNS: ReportColumn[] = [
  { key: 'store', header: 'store_code', type: 'text', width: 12 },
  { key: 'storeName', header: 'store_name', type: 'text', width: 24 },
  { key: 'region', header: 'region', type: 'text', width: 12 },
  { key: 'sku', header: 'sku', type: 'text', width: 12 },
  { key: 'product', header: 'product_name', type: 'text', width: 28 },
  { key: 'category', header: 'category', type: 'text', width: 24 },
  { key: 'period', header: 'period', type: 'date', width: 12 },
  { key: 'model', header: 'model', type: 'text', width: 14 },
  { key: 'p10', header: 'p10', type: 'number' },
  { key: 'p50', header: 'p50', type: 'number' },
  { key: 'p90', header: 'p90', type: 'number' },
  { key: 'baseline', header: 'baseline', type: 'number' },
  { key: 'override', header: 'override', type: 'number' },
  { key: 'final', header: 'final', type: 'number' },
];

/** The serving run's forecast per series and period: model quantiles, baseline, override, final. */
export const FORECASTS_REPORT: ReportDefinition = {
  id: 'forecasts',
  title: 'Forecasts by series and period',
  description:
    "The serving run's P10/P50/P90 per store × product × period, with the baseline (model P50), the planner's override where one applies and the final value.",
  formats: ['csv', 'xlsx'],
  filters: ['from', 'to', 'stores', 'region', 'category', 'abc'],
  dateMeaning: 'forecast period',
  statuses: [],
  sections: [{ id: 'forecasts', title: 'Forecasts' }],
  async build(ctx) {
    const runId = await servingRun(ctx.ds);
    return [
      {
        id: 'forecasts',
        title: 'Forecasts',
        columns: COLUMNS,
        async *batches() {
          if (!runId) return;
          for await (const batch of forecastRows(ctx, runId))
            yield batch.map((r) => [
              r.storeCode,
              r.storeName,
              r.region,
              r.sku,
              r.productName,
              r.category,
              r.date,
              r.model,
              r.p10,
              r.p50,
              r.p90,
              r.baseline,
              r.override,
              r.final,
            ]);
        },
      },
    ];
  },
};
