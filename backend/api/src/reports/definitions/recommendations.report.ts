import { RECOMMENDATION_STATUSES } from '@shelfcast/contracts';
import { LINE_COLUMNS, lineRow, PO_COLUMNS, poRow } from './line-columns';
import { recommendationLines } from './recommendation-rows';
import type { ReportDefinition } from './report-definition';

const DECIDED_AT = { sql: 'r.decided_at', timestamp: true };

/** The latest run's recommendation lines, and the approved ones as purchase orders by supplier. */
export const RECOMMENDATIONS_REPORT: ReportDefinition = {
  id: 'recommendations',
  title: 'Inventory recommendations and approved orders',
  description:
    'Every recommendation line of the latest generated run (policy numbers, decision), and the approved or adjusted lines with a quantity as purchase orders grouped by supplier.',
  formats: ['csv', 'xlsx'],
  filters: ['from', 'to', 'stores', 'region', 'category', 'abc', 'status'],
  dateMeaning: 'decision date (lines decided in the range)',
  statuses: [...RECOMMENDATION_STATUSES],
  sections: [
    { id: 'lines', title: 'Recommendations' },
    { id: 'purchase-orders', title: 'Purchase orders' },
  ],
  build(ctx) {
    return Promise.resolve([
      {
        id: 'lines',
        title: 'Recommendations',
        columns: LINE_COLUMNS,
        async *batches() {
          for await (const page of recommendationLines(ctx, {
            order: 'store-sku',
            dateColumn: DECIDED_AT,
          }))
            yield page.map(lineRow);
        },
      },
      {
        id: 'purchase-orders',
        title: 'Purchase orders',
        columns: PO_COLUMNS,
        async *batches() {
          for await (const page of recommendationLines(ctx, {
            order: 'supplier',
            where: "r.status IN ('approved', 'adjusted') AND r.final_qty > 0",
            dateColumn: DECIDED_AT,
          }))
            yield page.map(poRow);
        },
      },
    ]);
  },
};
