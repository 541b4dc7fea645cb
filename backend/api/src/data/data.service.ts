import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataFreshness, ImportKind } from '@shelfcast/contracts';
import type { Subscription } from 'rxjs';
import { DataSource } from 'typeorm';
import { storeScopeSql, type StoreScope } from '../auth/store-scope';
import { ImportProgressService } from '../imports/import-progress.service';

/**
 * Per kind: the table, the business date that shows how current it is (null: no date), and the
 * store column for per-store kinds (null: chain-level data, counted whole for every reader).
 */
const SOURCES: Record<
  ImportKind,
  { table: string; date: string | null; store: string | null }
> = {
  stores: { table: 'stores', date: null, store: 'id' },
  suppliers: { table: 'suppliers', date: null, store: null },
  products: { table: 'products', date: null, store: null },
  sales: { table: 'sales', date: 'date', store: 'store_id' },
  inventory: { table: 'inventory_snapshots', date: 'date', store: 'store_id' },
  'purchase-orders': {
    table: 'purchase_orders',
    date: 'expected_date',
    store: 'store_id',
  },
  signals: { table: 'signal_values', date: 'date', store: null },
  events: { table: 'calendar_events', date: 'end_date', store: null },
  transactions: { table: 'basket_lines', date: 'date', store: 'store_id' },
};

/**
 * Rows and dates change only through imports, while counting millions of sales rows takes a
 * synchronous SQLite scan of a few hundred milliseconds: answers are cached per store scope and
 * dropped whenever an import ends.
 */
@Injectable()
export class DataService implements OnModuleDestroy {
  private readonly cache = new Map<string, Promise<DataFreshness[]>>();
  private readonly invalidation: Subscription;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    progress: ImportProgressService,
  ) {
    this.invalidation = progress.events.subscribe((p) => {
      if (p.status !== 'running') this.cache.clear();
    });
  }

  onModuleDestroy(): void {
    this.invalidation.unsubscribe();
  }

  freshness(scope: StoreScope): Promise<DataFreshness[]> {
    const key = scope.kind === 'all' ? 'all' : scope.storeIds.join(',');
    let answer = this.cache.get(key);
    if (!answer) {
      answer = this.computeFreshness(scope);
      this.cache.set(key, answer);
      // A failed query is not remembered.
      answer.catch(() => this.cache.delete(key));
    }
    return answer;
  }

  /**
   * Rows and latest date per kind; per-store kinds cover the reader's stores only. The last
   * import time per kind is chain-level metadata (when the file arrived), the same for everyone.
   */
  private async computeFreshness(scope: StoreScope): Promise<DataFreshness[]> {
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
          `SELECT COUNT(*) AS rows, ${source.date ? `MAX(${source.date})` : 'NULL'} AS last FROM ${source.table}${source.store ? ` WHERE ${storeScopeSql(source.store, scope)}` : ''}`,
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
