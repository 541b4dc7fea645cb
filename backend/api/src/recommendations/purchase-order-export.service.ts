import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type StoreScope, storeScopeSql } from '../common/identity/store-scope';
import {
  iso,
  LINE_SELECT,
  type RecommendationRow,
} from './recommendation-line';
import { RecommendationQueries } from './recommendation-queries.service';
import { sqlQuery } from '../database/raw-sql';
import { textCell } from '../common/tabular/csv-writer';

const CSV_HEADER = [
  'supplier_code',
  'supplier_name',
  'store_code',
  'store_name',
  'sku',
  'product_name',
  'quantity',
  'cases',
  'case_pack',
  'unit_cost',
  'line_value',
  'status',
  'approved_by',
  'approved_at',
  'reason',
];

/** The purchase-order CSV: approved and adjusted quantities of a run, grouped by supplier. */
@Injectable()
export class PurchaseOrderExport {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queries: RecommendationQueries,
  ) {}

  /** CSV lines of approved (or adjusted) quantities, grouped by supplier, in pages. */
  async *exportCsv(
    q: { supplier?: string; runId?: string },
    scope: StoreScope,
  ): AsyncGenerator<string> {
    const runId = q.runId ?? (await this.queries.currentRun());
    const params: unknown[] = [runId ?? ''];
    let filter = '';
    if (q.supplier) {
      filter = ' AND su.code = ?';
      params.push(q.supplier);
    }
    yield `${CSV_HEADER.join(',')}\r\n`;
    const page = 1000;
    for (let offset = 0; ; offset += page) {
      const rows = await sqlQuery<RecommendationRow>(
        this.dataSource,
        `${LINE_SELECT}
          WHERE r.run_id = ? AND r.status IN ('approved', 'adjusted') AND r.final_qty > 0
            AND ${storeScopeSql('r.store_id', scope)}${filter}
          ORDER BY CASE WHEN su.code IS NULL THEN 1 ELSE 0 END, su.code, s.code, p.sku, r.id
          LIMIT ${page} OFFSET ${offset}`,
        params,
      );
      let chunk = '';
      for (const r of rows) {
        const qty = Number(r.final_qty);
        const cost = Number(r.unit_cost);
        chunk += `${[
          textCell(r.supplier_code ?? ''),
          textCell(r.supplier_name ?? ''),
          textCell(r.store_code),
          textCell(r.store_name),
          textCell(r.sku),
          textCell(r.product_name),
          String(qty),
          String(Math.ceil(qty / Math.max(1, Number(r.case_pack)))),
          String(r.case_pack),
          String(cost),
          String(Math.round(qty * cost * 100) / 100),
          textCell(r.status),
          // A line over the plausibility limits was approved by the second planner, not its adjuster.
          textCell(r.approved_by ?? r.decided_by ?? ''),
          textCell(
            r.approved_at
              ? iso(r.approved_at)
              : r.decided_at
                ? iso(r.decided_at)
                : '',
          ),
          textCell(r.reason ?? ''),
        ].join(',')}\r\n`;
      }
      if (chunk) yield chunk;
      if (rows.length < page) return;
    }
  }
}
