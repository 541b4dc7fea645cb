import { RECOMMENDATION_STATUSES } from '@shelfcast/contracts';
import { LINE_COLUMNS, lineRow } from './line-columns';
import { recommendationLines } from './recommendation-rows';
import type { ReportDefinition } from './report-definition';
import { stockoutRiskSql } from '../../database/stockout-risk-sql';

/** Lines projected to run out (earliest first) and lines holding stock above need (largest value first). */
export const STOCK_RISK_REPORT: ReportDefinition = {
  id: 'stock-risk',
  title: 'Stock-out risk and excess stock',
  description:
    'Lines of the latest run whose P50 projection runs out within the horizon, earliest stock-out first, and lines with stock above order-up-to plus cover, largest excess value first.',
  formats: ['csv', 'xlsx'],
  filters: ['from', 'to', 'stores', 'region', 'category', 'abc', 'status'],
  dateMeaning:
    'projected stock-out date (P50); the excess section has no date and ignores the range',
  statuses: [...RECOMMENDATION_STATUSES],
  sections: [
    { id: 'stockout', title: 'Stock-out risk' },
    { id: 'excess', title: 'Excess stock' },
  ],
  build(ctx) {
    return Promise.resolve([
      {
        id: 'stockout',
        title: 'Stock-out risk',
        columns: LINE_COLUMNS,
        async *batches() {
          for await (const page of recommendationLines(ctx, {
            order: 'stockout',
            where: `${stockoutRiskSql('r')} = 1`,
            dateColumn: { sql: 'r.stockout_date_p50', timestamp: false },
          }))
            yield page.map(lineRow);
        },
      },
      {
        id: 'excess',
        title: 'Excess stock',
        columns: LINE_COLUMNS,
        async *batches() {
          for await (const page of recommendationLines(ctx, {
            order: 'excess',
            where: 'r.excess_units > 0',
            dateColumn: null,
          }))
            yield page.map(lineRow);
        },
      },
    ]);
  },
};
