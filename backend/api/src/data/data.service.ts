import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataFreshness, ImportKind } from '@shelfcast/contracts';
import { DataSource } from 'typeorm';

/** Per kind: the table, the business date that shows how current it is (null: no date). */
const SOURCES: Record<ImportKind, { table: string; date: string | null }> = {
  stores: { table: 'stores', date: null },
  suppliers: { table: 'suppliers', date: null },
  products: { table: 'products', date: null },
  sales: { table: 'sales', date: 'date' },
  inventory: { table: 'inventory_snapshots', date: 'date' },
  'purchase-orders': { table: 'purchase_orders', date: 'expected_date' },
  signals: { table: 'signal_values', date: 'date' },
  events: { table: 'calendar_events', date: 'end_date' },
};

@Injectable()
export class DataService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async freshness(): Promise<DataFreshness[]> {
    const imports: { kind: ImportKind; last: string | Date }[] =
      await this.dataSource.query(
        "SELECT kind, MAX(finished_at) AS last FROM import_runs WHERE status = 'succeeded' GROUP BY kind",
      );
    const lastImport = new Map(imports.map((r) => [r.kind, r.last]));
    const result: DataFreshness[] = [];
    for (const [kind, source] of Object.entries(SOURCES) as [
      ImportKind,
      (typeof SOURCES)[ImportKind],
    ][]) {
      const [row]: { rows: string | number; last: string | null }[] =
        await this.dataSource.query(
          `SELECT COUNT(*) AS rows, ${source.date ? `MAX(${source.date})` : 'NULL'} AS last FROM ${source.table}`,
        );
      const imported = lastImport.get(kind);
      result.push({
        kind,
        rows: Number(row.rows),
        lastDate: row.last === null ? null : String(row.last).slice(0, 10),
        lastImportAt: imported ? new Date(imported).toISOString() : null,
      });
    }
    return result;
  }
}
