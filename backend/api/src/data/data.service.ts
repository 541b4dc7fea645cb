import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataFreshness, ImportKind } from '@shelfcast/contracts';
import type { Subscription } from 'rxjs';
import { DataSource } from 'typeorm';
import { storeScopeSql, type StoreScope } from '../common/identity/store-scope';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { ImportProgressService } from '../imports/import-progress.service';

/**
 * Per kind: the table, the business date that shows how current it is (null: no date), the store
 * column for per-store kinds (null: chain-level data, counted whole for every reader), and how far
 * ahead that date may plausibly lie (facts: today; future-known data: the import horizon).
 */
const SOURCES: Record<
  ImportKind,
  {
    table: string;
    date: string | null;
    store: string | null;
    until?: 'today' | 'horizon';
  }
> = {
  stores: { table: 'stores', date: null, store: 'id' },
  suppliers: { table: 'suppliers', date: null, store: null },
  products: { table: 'products', date: null, store: null },
  sales: { table: 'sales', date: 'date', store: 'store_id', until: 'today' },
  inventory: {
    table: 'inventory_snapshots',
    date: 'date',
    store: 'store_id',
    until: 'today',
  },
  'purchase-orders': {
    table: 'purchase_orders',
    date: 'expected_date',
    store: 'store_id',
    until: 'horizon',
  },
  signals: {
    table: 'signal_values',
    date: 'date',
    store: null,
    until: 'horizon',
  },
  events: {
    table: 'calendar_events',
    date: 'end_date',
    store: null,
    until: 'horizon',
  },
  transactions: {
    table: 'basket_lines',
    date: 'date',
    store: 'store_id',
    until: 'today',
  },
};

interface FreshnessRow {
  rows: string | number;
  last: string | Date | null;
}

/** The date `days` after `iso` (yyyy-mm-dd). */
function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000)
    .toISOString()
    .slice(0, 10);
}

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
    private readonly config: AppConfig,
    private readonly clock: Clock,
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
    const today = this.clock.today();
    const latest = {
      today,
      horizon: addDays(today, this.config.imports.maxFutureDays),
    };
    const result: DataFreshness[] = [];
    for (const [kind, source] of Object.entries(SOURCES) as [
      ImportKind,
      (typeof SOURCES)[ImportKind],
    ][]) {
      // A stray date past today (or the horizon), e.g. stored before the import refused them,
      // is not "how current the data is".
      const last = source.date
        ? `MAX(CASE WHEN ${source.date} <= '${latest[source.until ?? 'today']}' THEN ${source.date} END)`
        : 'NULL';
      const [row]: FreshnessRow[] = await this.dataSource.query(
        `SELECT COUNT(*) AS rows, ${last} AS last FROM ${source.table}${source.store ? ` WHERE ${storeScopeSql(source.store, scope)}` : ''}`,
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
