import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  HIERARCHY_LEVELS,
  type HierarchyLevel,
  type LevelAccuracy,
  type LevelAccuracyResponse,
  type LevelForecastResponse,
  type LevelNode,
} from '@shelfcast/contracts';
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
import {
  isoDay,
  type Row,
  type SqlDate,
  type SqlNumeric,
  sqlQuery,
} from '../../database/raw-sql';
import { FORECASTS_PROMOTED } from '../../common/training-events';
import type { LevelQueryDto } from '../dto/level-query.dto';
import { ForecastsException } from '../forecasts.exception';
import { addDays, type LevelPanel, loadLevelPanel } from './level-data';
import {
  type LevelNodes,
  levelNodes,
  nodeChildren,
  nodeIndex,
  nodeStore,
  STORE_LEVELS,
} from './level-nodes';
import type { ReconciledLevels } from './level-reconcile';
import { reconcileLevelsInWorker } from './level-worker-runner';

interface StampRow extends Row {
  run: string | null;
}
interface IdRow {
  id: number | string;
}
interface DayUnitsRow {
  date: SqlDate;
  units: SqlNumeric;
}

/** The reconciled hierarchy of one serving run, with what the answers need to name nodes. */
interface Computed {
  panel: LevelPanel;
  rec: ReconciledLevels;
  /** Keys, labels, stores and children of every node; store code → store id. */
  nodes: LevelNodes;
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

/**
 * Reconciled forecasts at chain, region, store, category, category × store, product and
 * product × store level over the serving run's
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
          `Reconciled ${c.rec.h.nAgg} aggregate and ${c.rec.h.nBottom} bottom series of run ${c.panel.runId} (${c.rec.method}, base ${c.rec.base}): base forecasts ${c.rec.seconds.base.toFixed(1)} s, reconciliation ${c.rec.seconds.reconcile.toFixed(1)} s, accuracy per level ${c.rec.seconds.accuracy.toFixed(1)} s`,
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
    const storeIds = new Map(panel.bottoms.map((b) => [b.store, b.storeId]));
    return { panel, rec, nodes: levelNodes(panel, rec), storeIds };
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
    await this.assertReadable(query.level, key === '' ? null : key, scope, c);
    const empty: LevelForecastResponse = {
      level: query.level,
      key,
      runId: null,
      method,
      base: this.config.training.hierarchy.base,
      series: 0,
      nodes,
      childLevel: null,
      children: [],
      history: [],
      forecast: [],
      accuracy: null,
    };
    if (!c) return empty;
    const i = this.indexOf(c, query.level, key);
    const { rec, panel } = c;
    const days = query.historyDays ?? 180;
    const bottom = i >= rec.h.nAgg;
    const hist = bottom ? await this.bottomHistory(c, i) : rec.history[i];
    const from = Math.max(0, hist.length - days);
    const kids = nodeChildren(c.nodes, query.level, key);
    return {
      ...empty,
      runId: panel.runId,
      method: rec.method,
      base: rec.base,
      series: bottom ? 1 : rec.h.childPtr[i + 1] - rec.h.childPtr[i],
      childLevel: kids?.level ?? null,
      children: (kids?.keys ?? []).map((k) => ({
        key: k,
        p50: Array.from(rec.p50[this.indexOf(c, kids?.level ?? 'chain', k)]),
      })),
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
      accuracy: this.accuracyOf(c, query.level, nodes),
    };
  }

  /** Accuracy of the reconciled forecasts per level the reader may open (their nodes only). */
  async accuracy(
    scope: StoreScope = ALL_STORES,
  ): Promise<LevelAccuracyResponse> {
    const c = await this.current();
    const levels = HIERARCHY_LEVELS.filter(
      (l) => scope.kind === 'all' || STORE_LEVELS.includes(l),
    );
    const dates = c?.panel.residualDates ?? [];
    return {
      runId: c?.panel.runId ?? null,
      method: c?.rec.method ?? this.config.training.hierarchy.method,
      from: c?.rec.accuracy ? (dates[0] ?? null) : null,
      to: c?.rec.accuracy ? (dates[dates.length - 1] ?? null) : null,
      levels: c
        ? levels.flatMap((l) => {
            const a = this.accuracyOf(c, l, this.nodes(c, l, scope));
            return a ? [a] : [];
          })
        : [],
    };
  }

  /** Means over the given nodes of a level (null without a backtest window). */
  private accuracyOf(
    c: Computed,
    level: HierarchyLevel,
    nodes: LevelNode[],
  ): LevelAccuracy | null {
    const acc = c.rec.accuracy;
    if (!acc || nodes.length === 0) return null;
    let mase = 0;
    let base = 0;
    let scored = 0;
    let coverage = 0;
    let covered = 0;
    for (const n of nodes) {
      const i = this.indexOf(c, level, n.key);
      if (Number.isFinite(acc.mase[i]) && Number.isFinite(acc.baseMase[i])) {
        mase += acc.mase[i];
        base += acc.baseMase[i];
        scored++;
      }
      if (Number.isFinite(acc.coverage[i])) {
        coverage += acc.coverage[i];
        covered++;
      }
    }
    return {
      level,
      mase: scored ? mase / scored : null,
      baseMase: scored ? base / scored : null,
      coverage: covered ? coverage / covered : null,
      nodes: scored,
    };
  }

  /** Every node of a level the reader may open, with reconciled P10/P50/P90 per date (CSV). */
  async exportRows(
    level: HierarchyLevel,
    scope: StoreScope = ALL_STORES,
  ): Promise<LevelCsvRow[]> {
    const c = await this.current();
    await this.assertReadable(level, null, scope, c);
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

  /** Store managers read the store-scoped levels (store, category × store, product × store) of their own stores. */
  private async assertReadable(
    level: HierarchyLevel,
    key: string | null,
    scope: StoreScope,
    c: Computed | null,
  ): Promise<void> {
    if (scope.kind === 'all') return;
    if (!STORE_LEVELS.includes(level))
      throw new ForecastsException(
        'forbidden',
        `level=${level} spans stores that are not assigned to you; store managers read level=${STORE_LEVELS.join(', ')}`,
      );
    if (key === null) return;
    const code = c
      ? nodeStore(c.nodes, level, key)
      : level === 'store'
        ? key
        : key.slice(0, key.lastIndexOf('|'));
    if (code === undefined)
      throw new ForecastsException(
        'not_found',
        `Unknown ${level} "${key}" in the serving run's forecasts`,
      );
    const [store] = await sqlQuery<IdRow>(
      this.dataSource,
      'SELECT id FROM stores WHERE code = ?',
      [code],
    );
    if (!store)
      throw new ForecastsException('not_found', `Unknown store ${code}`);
    assertStoreInScope(scope, Number(store.id));
  }

  /** Daily sales of a product × store series over the aggregates' history days (not kept in memory). */
  private async bottomHistory(c: Computed, i: number): Promise<Float64Array> {
    const b = c.panel.bottoms[i - c.rec.h.nAgg];
    const L = c.rec.history[0]?.length ?? 0;
    const out = new Float64Array(L);
    const from = Date.parse(c.rec.historyStart);
    const rows = await sqlQuery<DayUnitsRow>(
      this.dataSource,
      `SELECT date, SUM(units) AS units FROM sales
        WHERE store_id = ? AND product_id = ? AND date >= ? AND date < ?
        GROUP BY date`,
      [b.storeId, b.productId, c.rec.historyStart, c.panel.dates[0]],
    );
    for (const r of rows) {
      const t = Math.round((Date.parse(isoDay(r.date)) - from) / 86_400_000);
      if (t >= 0 && t < L) out[t] += Number(r.units);
    }
    return out;
  }

  private indexOf(c: Computed, level: HierarchyLevel, key: string): number {
    const i = nodeIndex(c.nodes, level, key);
    if (i === undefined)
      throw new ForecastsException(
        'not_found',
        `Unknown ${level} "${key}" in the serving run's forecasts`,
      );
    return i;
  }

  /** The level's nodes the reader may open (store-scoped levels: their stores only). */
  private nodes(
    c: Computed,
    level: HierarchyLevel,
    scope: StoreScope,
  ): LevelNode[] {
    const all = c.nodes.nodes.get(level) ?? [];
    if (scope.kind === 'all') return all;
    return all.filter((n) =>
      isStoreInScope(
        scope,
        c.storeIds.get(nodeStore(c.nodes, level, n.key) ?? '') ?? -1,
      ),
    );
  }
}
