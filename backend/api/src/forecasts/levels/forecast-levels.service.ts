import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  HierarchyLevel,
  LevelForecastResponse,
  LevelNode,
} from '@shelfcast/contracts';
import { nodeId } from '@shelfcast/forecasting';
import { DataSource } from 'typeorm';
import {
  ALL_STORES,
  assertStoreInScope,
  isStoreInScope,
  type StoreScope,
} from '../../common/identity/store-scope';
import { AppConfig } from '../../config/app-config';
import {
  IMPORTS_STAMP,
  SERVING_STAMP,
  stampOf,
} from '../../database/data-stamps';
import { type Row, sqlQuery } from '../../database/raw-sql';
import { FORECASTS_PROMOTED } from '../../common/training-events';
import type { LevelQueryDto } from '../dto/level-query.dto';
import { ForecastsException } from '../forecasts.exception';
import { addDays, type LevelPanel, loadLevelPanel } from './level-data';
import { LEVEL_SPECS, type ReconciledLevels } from './level-reconcile';
import { reconcileLevelsInWorker } from './level-worker-runner';

interface StampRow extends Row {
  run: string | null;
}
interface IdRow {
  id: number | string;
}

/** The reconciled hierarchy of one serving run, with what the answers need to name nodes. */
interface Computed {
  panel: LevelPanel;
  rec: ReconciledLevels;
  /** Per level: node key → label, and store code → store id. */
  labels: Map<string, string>;
  storeIds: Map<string, number>;
}

/** One row of the CSV export. */
export interface LevelCsvRow {
  key: string;
  label: string;
  date: string;
  p10: number;
  p50: number;
  p90: number;
}

const ATTRIBUTE: Record<Exclude<HierarchyLevel, 'chain'>, string> = {
  region: 'region',
  store: 'store',
  category: 'category',
  product: 'product',
};

/**
 * Reconciled forecasts at chain, region, store, category and product level over the serving run's
 * product × store forecasts (docs/hierarchy.md, "In the product"). Computed once per serving run
 * and import state: right after a promotion (FORECASTS_PROMOTED) or on the first request, then
 * kept in memory; every instance computes its own copy. The computation runs on a worker thread;
 * concurrent requests share its one in-flight promise.
 */
@Injectable()
export class ForecastLevelsService {
  private readonly logger = new Logger(ForecastLevelsService.name);
  private cached: { stamp: string; value: Promise<Computed | null> } | null =
    null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  @OnEvent(FORECASTS_PROMOTED, { async: true })
  async onPromoted(): Promise<void> {
    if (!this.config.training.hierarchy.onPromotion) return;
    try {
      const c = await this.current();
      if (c)
        this.logger.log(
          `Reconciled ${c.rec.h.nAgg} aggregate and ${c.rec.h.nBottom} bottom series of run ${c.panel.runId} (${c.rec.method}, base ${c.rec.base}): base forecasts ${c.rec.seconds.base.toFixed(1)} s, reconciliation ${c.rec.seconds.reconcile.toFixed(1)} s`,
        );
    } catch (error) {
      this.logger.warn(
        `Reconciled forecasts not computed after the promotion: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  /** The reconciled hierarchy of the serving run (null when nothing is served). */
  async current(): Promise<Computed | null> {
    const [row] = await sqlQuery<StampRow>(
      this.dataSource,
      `SELECT ${SERVING_STAMP}, ${IMPORTS_STAMP}`,
    );
    const stamp = stampOf(row);
    if (this.cached?.stamp === stamp) return this.cached.value;
    const value = this.compute(row?.run ?? null);
    const entry = { stamp, value };
    this.cached = entry;
    value.catch(() => {
      if (this.cached === entry) this.cached = null;
    });
    return value;
  }

  private async compute(runId: string | null): Promise<Computed | null> {
    if (!runId) return null;
    const panel = await loadLevelPanel(this.dataSource, runId);
    if (!panel || panel.bottoms.length === 0) return null;
    const { hierarchy, origins } = this.config.training;
    // Seconds of CPU on the demo data: on a worker thread, so the API keeps answering meanwhile.
    const rec = await reconcileLevelsInWorker(panel, {
      method: hierarchy.method,
      base: hierarchy.base,
      origins,
    });
    const labels = new Map<string, string>();
    const storeIds = new Map<string, number>();
    for (const b of panel.bottoms) {
      labels.set(`store:${b.store}`, b.storeName);
      labels.set(`product:${b.sku}`, b.productName);
      storeIds.set(b.store, b.storeId);
    }
    return { panel, rec, labels, storeIds };
  }

  async level(
    query: LevelQueryDto,
    scope: StoreScope = ALL_STORES,
  ): Promise<LevelForecastResponse> {
    const c = await this.current();
    const method = this.config.training.hierarchy.method;
    const nodes = c ? this.nodes(c, query.level, scope) : [];
    const key =
      query.level === 'chain' ? '' : (query.key ?? nodes[0]?.key ?? '');
    // '' = the reader's first node (already limited to their stores), or none before any run.
    await this.assertReadable(query.level, key === '' ? null : key, scope);
    const empty: LevelForecastResponse = {
      level: query.level,
      key,
      runId: null,
      method,
      base: this.config.training.hierarchy.base,
      series: 0,
      nodes,
      children: [],
      history: [],
      forecast: [],
    };
    if (!c) return empty;
    const i = this.indexOf(c, query.level, key);
    const { rec, panel } = c;
    const days = query.historyDays ?? 180;
    const hist = rec.history[i];
    const from = Math.max(0, hist.length - days);
    return {
      ...empty,
      runId: panel.runId,
      method: rec.method,
      base: rec.base,
      series: rec.h.childPtr[i + 1] - rec.h.childPtr[i],
      children: this.children(c, query.level, key),
      history: Array.from(hist.subarray(from), (units, t) => ({
        date: addDays(rec.historyStart, from + t),
        units,
        onPromo: false,
        stockout: false,
      })),
      forecast: panel.dates.map((date, t) => ({
        date,
        p10: rec.p10[i][t],
        p50: rec.p50[i][t],
        p90: rec.p90[i][t],
      })),
    };
  }

  /** Every node of a level the reader may open, with reconciled P10/P50/P90 per date (CSV). */
  async exportRows(
    level: HierarchyLevel,
    scope: StoreScope = ALL_STORES,
  ): Promise<LevelCsvRow[]> {
    await this.assertReadable(level, null, scope);
    const c = await this.current();
    if (!c) return [];
    return this.nodes(c, level, scope).flatMap((node) => {
      const i = this.indexOf(c, level, node.key);
      return c.panel.dates.map((date, t) => ({
        key: node.key,
        label: node.label,
        date,
        p10: c.rec.p10[i][t],
        p50: c.rec.p50[i][t],
        p90: c.rec.p90[i][t],
      }));
    });
  }

  /** Store managers read the store level of their own stores only. */
  private async assertReadable(
    level: HierarchyLevel,
    key: string | null,
    scope: StoreScope,
  ): Promise<void> {
    if (scope.kind === 'all') return;
    if (level !== 'store')
      throw new ForecastsException(
        'forbidden',
        `level=${level} spans stores that are not assigned to you; store managers read level=store`,
      );
    if (key === null) return;
    const [store] = await sqlQuery<IdRow>(
      this.dataSource,
      'SELECT id FROM stores WHERE code = ?',
      [key],
    );
    if (!store)
      throw new ForecastsException('not_found', `Unknown store ${key}`);
    assertStoreInScope(scope, Number(store.id));
  }

  private indexOf(c: Computed, level: HierarchyLevel, key: string): number {
    const spec = LEVEL_SPECS.find((l) => l.name === level);
    const id =
      spec && level !== 'chain'
        ? nodeId(spec, { [ATTRIBUTE[level]]: key })
        : 'chain';
    const i = c.rec.index.get(id);
    if (i === undefined)
      throw new ForecastsException(
        'not_found',
        `Unknown ${level} "${key}" in the serving run's forecasts`,
      );
    return i;
  }

  private nodes(
    c: Computed,
    level: HierarchyLevel,
    scope: StoreScope,
  ): LevelNode[] {
    const l = c.rec.h.levels.find((x) => x.name === level);
    if (!l) return [];
    const prefix = `${level}:`;
    return c.rec.h.ids
      .slice(l.start, l.start + l.size)
      .map((id) => (level === 'chain' ? '' : id.slice(prefix.length)))
      .filter(
        (key) =>
          level !== 'store' || isStoreInScope(scope, c.storeIds.get(key) ?? -1),
      )
      .map((key) => ({
        key,
        label: c.labels.get(`${level}:${key}`) ?? (key || 'chain'),
      }))
      .sort((a, b) => a.key.localeCompare(b.key));
  }

  /** chain and region → their stores; category → its products; store and product → none. */
  private children(
    c: Computed,
    level: HierarchyLevel,
    key: string,
  ): LevelForecastResponse['children'] {
    const pick = new Set<string>();
    for (const b of c.panel.bottoms) {
      if (level === 'chain' || (level === 'region' && b.region === key))
        pick.add(`store:${b.store}`);
      if (level === 'category' && b.category === key)
        pick.add(`product:${b.sku}`);
    }
    return [...pick].sort().map((id) => ({
      key: id.slice(id.indexOf(':') + 1),
      p50: Array.from(c.rec.p50[c.rec.index.get(id) as number]),
    }));
  }
}
