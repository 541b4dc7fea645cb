import type {
  AccuracyResponse,
  MetricRow,
  OverviewResponse,
  Role,
  RunDetail,
  RunMetrics,
  RunSummary,
  SeriesForecastResponse,
} from '@shelfcast/contracts';
import { parse } from 'csv-parse/sync';
import { firstValueFrom } from 'rxjs';
import { ALL_STORES } from '../src/common/identity/store-scope';
import { TrainingProgressService } from '../src/training/training-progress.service';
import { TrainingController } from '../src/training/training.controller';
import { TrainingRunLifecycle } from '../src/training/training-run-lifecycle.service';
import { TrainingRunQueries } from '../src/training/training-run-queries.service';
import { createTestApp, TestApp } from './support/test-app';
import {
  insertSales,
  seedPanel,
  testTraining,
} from './support/training-fixtures';

/**
 * Every accuracy figure and aggregate a store manager reads is the one of their stores: two stores
 * with different data (S002's sales are erratic, so its WAPE is far worse) and a real training run,
 * then each chain-level number the manager gets is compared with the same number computed over
 * S001 only, and shown to differ from the chain's.
 */
/** A row of an id lookup. */
interface IdRow {
  id: number | string;
}

/** A row of volume-weighted sums (text on PostgreSQL). */
interface WeightedRow {
  w: number | string;
  v: number | string;
}

describe('store-scoped numbers (integration)', () => {
  let t: TestApp;
  let runId: string;
  let otherStoreRunId: string;

  const get = async <T>(
    role: Role,
    path: string,
  ): Promise<{ status: number; body: T }> => {
    const res = await fetch(`${t.url}${path}`, { headers: await t.as(role) });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
  };
  /** A CSV report's records, typed by the caller's column names (all text). */
  const csv = async <T extends object>(role: Role, path: string) => {
    const res = await fetch(`${t.url}${path}`, { headers: await t.as(role) });
    expect(res.status).toBe(200);
    return parse(await res.text(), {
      comment: '#',
      columns: true,
      skip_empty_lines: true,
    }) as T[];
  };
  /** Raw SQL whose rows have the shape `T` declared beside the query. */
  const rows = async <T>(sql: string, params: unknown[] = []) =>
    (await t.query(sql, params)) as unknown as T[];
  /** Volume-weighted WAPE of a run's series of one store, straight from the table. */
  const storeWape = async (run: string, code: string) => {
    const [r] = await rows<WeightedRow>(
      `SELECT SUM(x.wape * x.volume) AS w, SUM(x.volume) AS v FROM forecast_run_series x
         JOIN stores s ON s.id = x.store_id
        WHERE x.run_id = ? AND s.code = ? AND x.wape IS NOT NULL AND x.volume > 0`,
      [run, code],
    );
    return Number(r.w) / Number(r.v);
  };
  const expectSameMetric = (
    a: MetricRow | null | undefined,
    b: MetricRow | null | undefined,
  ) => {
    expect(a).toBeTruthy();
    expect(b).toBeTruthy();
    if (!a || !b) return;
    expect(a.series).toBe(b.series);
    for (const k of ['wape', 'mase', 'smape', 'bias', 'coverage'] as const)
      expect(a[k]).toBeCloseTo(b[k] ?? Number.NaN, 9);
  };

  beforeAll(async () => {
    t = await createTestApp(testTraining());
    await seedPanel(t.db.dataSource, { stores: 2, products: 4, days: 120 });
    // S002's sales swing wildly from day to day: much harder to forecast than S001's.
    const [s2] = await rows<IdRow>("SELECT id FROM stores WHERE code = 'S002'");
    const products = await rows<IdRow>('SELECT id FROM products ORDER BY id');
    const sales: (string | number | boolean)[][] = [];
    const end = Date.parse('2026-11-27');
    for (const p of products)
      for (let d = 0; d < 120; d++) {
        const units = (d * 7 + Number(p.id) * 13) % 5 === 0 ? 60 : d % 3;
        sales.push([
          Number(s2.id),
          Number(p.id),
          new Date(end - d * 86_400_000).toISOString().slice(0, 10),
          units,
          units * 2,
          2,
          false,
          false,
        ]);
      }
    await insertSales(t.db.dataSource, sales);
    const training = t.app.get(TrainingRunLifecycle);
    runId = (await training.trigger({})).id;
    await training.waitForIdle();
    expect((await t.app.get(TrainingRunQueries).get(runId)).status).toBe(
      'promoted',
    );
    // A run of S002 alone: not the manager's to see.
    otherStoreRunId = (await training.trigger({ scope: 'store', key: 'S002' }))
      .id;
    await training.waitForIdle();
    await t.assignStores(['S001']);
    // Two real training runs on a CPU shared with other suites.
  }, 300_000);

  afterAll(async () => {
    await t.close();
  });

  it('seeds stores whose accuracy differs, so the chain figure is not the own-store figure', async () => {
    const own = await storeWape(runId, 'S001');
    const other = await storeWape(runId, 'S002');
    expect(other).toBeGreaterThan(own * 1.5);
    const chain = (
      await get<RunMetrics>('planner', `/api/training/runs/${runId}/metrics`)
    ).body;
    expect(chain.stores.map((s) => s.key)).toEqual(['S001', 'S002']);
    expect(chain.overall?.wape).not.toBeCloseTo(own, 3);
  });

  it("computes a run's metrics over the manager's stores: overall, per category, per store", async () => {
    const chain = (
      await get<RunMetrics>('planner', `/api/training/runs/${runId}/metrics`)
    ).body;
    const mine = await get<RunMetrics>(
      'store_manager',
      `/api/training/runs/${runId}/metrics`,
    );
    expect(mine.status).toBe(200);
    expect(mine.body.stores.map((s) => s.key)).toEqual(['S001']);
    // The manager's overall is the chain's S001 row (same formula, same series).
    expectSameMetric(
      mine.body.overall,
      chain.stores.find((s) => s.key === 'S001'),
    );
    expectSameMetric(
      mine.body.stores[0],
      chain.stores.find((s) => s.key === 'S001'),
    );
    expect(mine.body.overall?.wape).toBeCloseTo(
      await storeWape(runId, 'S001'),
      9,
    );
    expect(mine.body.overall?.wape).not.toBeCloseTo(
      chain.overall?.wape ?? 0,
      3,
    );
    // Categories: each over S001's series of the category only.
    expect(mine.body.categories.map((c) => c.key)).toEqual(
      chain.categories.map((c) => c.key),
    );
    for (const c of mine.body.categories) {
      const [r] = await rows<WeightedRow & { n: number | string }>(
        `SELECT COUNT(*) AS n, SUM(x.wape * x.volume) AS w, SUM(x.volume) AS v FROM forecast_run_series x
           JOIN stores s ON s.id = x.store_id JOIN products p ON p.id = x.product_id
          WHERE x.run_id = ? AND s.code = 'S001' AND (p.category_path = ? OR p.category_path LIKE ?)`,
        [runId, c.key, `${c.key}/%`],
      );
      expect(c.series).toBe(Number(r.n));
      expect(c.wape).toBeCloseTo(Number(r.w) / Number(r.v), 9);
      const chainRow = chain.categories.find((x) => x.key === c.key);
      expect(c.wape).not.toBeCloseTo(chainRow?.wape ?? 0, 3);
    }
  });

  it('scopes /api/forecasts/accuracy the same way', async () => {
    const metrics = (
      await get<RunMetrics>(
        'store_manager',
        `/api/training/runs/${runId}/metrics`,
      )
    ).body;
    const acc = (
      await get<AccuracyResponse>('store_manager', '/api/forecasts/accuracy')
    ).body;
    expect(acc.runId).toBe(runId);
    expectSameMetric(acc.overall, metrics.overall);
    expect(acc.categories).toEqual(metrics.categories);
    expect(acc.stores).toEqual(metrics.stores);
  });

  it("lists runs with the WAPE over the manager's stores and hides other stores' runs", async () => {
    const own = await storeWape(runId, 'S001');
    const list = (
      await get<RunSummary[]>('store_manager', '/api/training/runs')
    ).body;
    expect(list.map((r) => r.id)).toEqual([runId]);
    expect(list[0].wape).toBeCloseTo(own, 9);
    expect(list[0].championWape).toBeNull();
    const planner = (await get<RunSummary[]>('planner', '/api/training/runs'))
      .body;
    expect(planner.map((r) => r.id)).toEqual([otherStoreRunId, runId]);
    expect(planner[1].wape).not.toBeCloseTo(own, 3);

    const detail = await get<RunDetail>(
      'store_manager',
      `/api/training/runs/${runId}`,
    );
    expect(detail.body.wape).toBeCloseTo(own, 9);
    expect(detail.body.log).toBe('');
    for (const path of [
      `/api/training/runs/${otherStoreRunId}`,
      `/api/training/runs/${otherStoreRunId}/metrics`,
    ])
      expect((await get('store_manager', path)).status).toBe(403);
  });

  it("computes the training-runs and accuracy reports over the manager's stores", async () => {
    const own = await storeWape(runId, 'S001');
    const runs = await csv<{
      run_id: string;
      wape: string;
      champion_wape: string;
    }>('store_manager', '/api/reports/training-runs?format=csv');
    expect(runs.map((r) => r.run_id)).toEqual([runId]);
    expect(Number(runs[0].wape)).toBeCloseTo(own, 6);
    expect(runs[0].champion_wape).toBe('');

    const metrics = (
      await get<RunMetrics>(
        'store_manager',
        `/api/training/runs/${runId}/metrics`,
      )
    ).body;
    const stores = await csv<{ store_code: string; wape: string }>(
      'store_manager',
      '/api/reports/accuracy?format=csv&section=stores',
    );
    expect(stores.map((r) => r.store_code)).toEqual(['S001']);
    expect(Number(stores[0].wape)).toBeCloseTo(own, 6);
    const categories = await csv<{ category: string; wape: string }>(
      'store_manager',
      '/api/reports/accuracy?format=csv&section=categories',
    );
    expect(categories.map((r) => r.category)).toEqual(
      metrics.categories.map((c) => c.key),
    );
    categories.forEach((r, i) =>
      expect(Number(r.wape)).toBeCloseTo(metrics.categories[i].wape ?? 0, 6),
    );
  });

  it("gives the manager's chain overview and chain forecast as the planner's own-store ones", async () => {
    const mine = (await get<OverviewResponse>('store_manager', '/api/overview'))
      .body;
    const own = (
      await get<OverviewResponse>(
        'planner',
        '/api/overview?scope=store&key=S001',
      )
    ).body;
    const chain = (await get<OverviewResponse>('planner', '/api/overview'))
      .body;
    const numbers = (o: OverviewResponse) => ({
      asOf: o.asOf,
      stores: o.stores,
      sales7: o.sales7,
      sales28: o.sales28,
      forecast7: o.forecast7,
      forecast28: o.forecast28,
      accuracy: o.accuracy,
      inventory: o.inventory,
      trend: o.trend,
    });
    expect(numbers(mine)).toEqual(numbers(own));
    expect(mine.sales28?.units).not.toBe(chain.sales28?.units);
    expect(mine.accuracy.wape).not.toBeCloseTo(chain.accuracy.wape ?? 0, 3);

    const series = (o: SeriesForecastResponse) => ({
      history: o.history,
      forecast: o.forecast,
      backtest: o.backtest,
      backtestPoints: o.backtestPoints,
      series: o.series,
    });
    const chainSeries = (
      await get<SeriesForecastResponse>(
        'store_manager',
        '/api/forecasts/series?level=chain',
      )
    ).body;
    const ownSeries = (
      await get<SeriesForecastResponse>(
        'planner',
        '/api/forecasts/series?level=store&store=S001',
      )
    ).body;
    expect(series(chainSeries)).toEqual(series(ownSeries));
  });

  it("drops a rejection's message (chain-wide WAPEs) from the progress stream for store managers", async () => {
    const message = 'Backtest WAPE 0.4000 is worse than the champion 0.2000';
    t.app.get(TrainingProgressService).publish({
      runId,
      status: 'rejected',
      seriesTotal: 8,
      seriesDone: 8,
      seriesFailed: 0,
      fraction: 1,
      etaSeconds: null,
      elapsedSeconds: 3,
      message,
    });
    const controller = t.app.get(TrainingController);
    const first = async (scope: Parameters<TrainingController['events']>[0]) =>
      (await firstValueFrom(controller.events(scope))).data as {
        message: string | null;
      };
    expect((await first(ALL_STORES)).message).toBe(message);
    expect(
      (await first({ kind: 'stores', storeIds: [1], userId: 1 })).message,
    ).toBeNull();
  });
});
