import {
  HIERARCHY_LEVELS,
  type LevelAccuracyResponse,
  type LevelForecastResponse,
} from '@shelfcast/contracts';
import { isoDay, type SqlDate, type SqlNumeric } from '../../database/raw-sql';
import { createTestApp, TestApp } from '../../../test/support/test-app';
import {
  seedPanel,
  testTraining,
} from '../../../test/support/training-fixtures';
import { runTraining } from '../../../test/support/training-runs';
import { ForecastLevelsService } from './forecast-levels.service';

interface BacktestRow {
  code: string;
  sku: string;
  date: SqlDate;
  p50: SqlNumeric;
}
interface SalesRow {
  code: string;
  sku: string;
  date: SqlDate;
  units: SqlNumeric;
}
const day = (d: SqlDate): string => isoDay(d);

/**
 * Reconciled forecasts per level after a real (statistical, in-thread) training run: every parent's
 * P50 equals the sum of its children's at every level, for the API's answers and its CSV export,
 * and store managers read only the store level of their own stores. The computation runs on a worker
 * thread: the API answers while it runs.
 */
describe('GET /api/forecasts/levels: coherent reconciled forecasts (integration)', () => {
  let t: TestApp;
  let chainRun = '';
  const H = 14;
  const get = async (
    qs: string,
    role: 'planner' | 'store_manager' = 'planner',
  ) => {
    const res = await fetch(`${t.url}/api/forecasts/levels?${qs}`, {
      headers: await t.as(role),
    });
    return { status: res.status, body: (await res.json()) as unknown };
  };
  const ok = async (qs: string, role?: 'planner' | 'store_manager') => {
    const res = await get(qs, role);
    expect(res.status).toBe(200);
    return res.body as LevelForecastResponse;
  };
  /** Element-wise sum of P50 per step. */
  const sum = (rows: LevelForecastResponse[]): number[] =>
    rows[0].forecast.map((_, i) =>
      rows.reduce((s, r) => s + r.forecast[i].p50, 0),
    );
  const expectCoherent = (parent: number[], children: number[]) => {
    expect(children).toHaveLength(parent.length);
    parent.forEach((p, i) =>
      expect(Math.abs(p - children[i])).toBeLessThanOrEqual(
        1e-9 * Math.max(1, Math.abs(p)),
      ),
    );
  };

  beforeAll(async () => {
    t = await createTestApp(testTraining({ horizonDays: H }));
    await seedPanel(t.db.dataSource, { stores: 3, products: 4, days: 120 });
    // A store without a region: the region level lists it under "(no region)".
    await t.query("UPDATE stores SET region = NULL WHERE code = 'S002'");
    const run = await runTraining(t.app);
    expect(run.status).toBe('promoted');
    chainRun = run.id;
  });

  afterAll(async () => {
    await t.close();
  });

  // First, before any request has computed the levels (HIERARCHY_ON_PROMOTION is off in tests).
  it('answers health checks while the levels are computed, sharing one computation', async () => {
    const levels = t.app.get(ForecastLevelsService);
    let settled = false;
    const first = levels.current().finally(() => {
      settled = true;
    });
    const second = levels.current();
    const health = await fetch(`${t.url}/api/health/live`);
    expect(health.status).toBe(200);
    // The answer arrived while the computation was still running (on the main thread it would
    // only be answered after the computation had settled).
    expect(settled).toBe(false);
    const [a, b] = await Promise.all([first, second]);
    expect(a?.rec.h.nBottom).toBe(12);
    expect(b).toBe(a);
  });

  it('every parent equals the sum of its children at every level', async () => {
    const chain = await ok('level=chain');
    expect(chain.method).toBe('topDown');
    expect(chain.base).toBe('engine');
    expect(chain.series).toBe(12);
    expect(chain.forecast).toHaveLength(H);
    const chainP50 = chain.forecast.map((f) => f.p50);
    for (const f of chain.forecast) {
      expect(f.p10).toBeLessThanOrEqual(f.p50);
      expect(f.p50).toBeLessThanOrEqual(f.p90);
      expect(f.p50).toBeGreaterThan(0);
    }

    const levels = [
      'region',
      'store',
      'category',
      'categoryStore',
      'product',
      'productStore',
    ] as const;
    const byLevel = new Map<string, LevelForecastResponse[]>([
      ['chain', [chain]],
    ]);
    for (const level of levels) {
      const first = await ok(`level=${level}`);
      const all = await Promise.all(
        first.nodes.map((n) =>
          ok(`level=${level}&key=${encodeURIComponent(n.key)}`),
        ),
      );
      byLevel.set(level, all);
      expectCoherent(chainP50, sum(all));
      expect(all.reduce((s, r) => s + r.series, 0)).toBe(12);
    }
    expect(byLevel.get('region')?.map((r) => r.key)).toEqual([
      '(no region)',
      'north',
    ]);
    expect(byLevel.get('category')?.map((r) => r.key)).toEqual([
      'bakery',
      'dairy',
    ]);
    expect(byLevel.get('categoryStore')).toHaveLength(6);
    expect(byLevel.get('productStore')).toHaveLength(12);
    expect(byLevel.get('categoryStore')?.[0].key).toBe('S001|bakery');
    // Every parent equals the sum of its children one level down: chain and region → stores,
    // store → category × store, category → products, category × store and product → product × store.
    const childLevels = new Map<string, string>();
    for (const [level, parents] of byLevel)
      for (const parent of parents) {
        if (level === 'productStore') {
          expect(parent.childLevel).toBeNull();
          expect(parent.children).toEqual([]);
          continue;
        }
        childLevels.set(level, parent.childLevel ?? '');
        const members = new Map(
          byLevel.get(parent.childLevel ?? '')?.map((r) => [r.key, r]),
        );
        expect(parent.children.length).toBeGreaterThan(0);
        const kids = parent.children.map(
          (c) => members.get(c.key) as LevelForecastResponse,
        );
        expectCoherent(
          parent.forecast.map((f) => f.p50),
          sum(kids),
        );
        // The children's P50 in the answer are the children's own forecasts.
        parent.children.forEach((c, k) =>
          expect(c.p50).toEqual(kids[k].forecast.map((f) => f.p50)),
        );
      }
    expect(Object.fromEntries(childLevels)).toEqual({
      chain: 'store',
      region: 'store',
      store: 'categoryStore',
      category: 'product',
      categoryStore: 'productStore',
      product: 'productStore',
    });
    const stores = new Map(byLevel.get('store')?.map((r) => [r.key, r]));
    // A store's history is the sum of its category × store and of its product × store histories.
    for (const child of ['categoryStore', 'productStore'] as const) {
      const rows = (byLevel.get(child) ?? []).filter((r) =>
        r.key.startsWith('S001|'),
      );
      const store = stores.get('S001') as LevelForecastResponse;
      expect(rows[0].history).toHaveLength(store.history.length);
      expectCoherent(
        store.history.map((h) => h.units),
        store.history.map((_, i) =>
          rows.reduce((s, r) => s + r.history[i].units, 0),
        ),
      );
    }
    // The chain lists its stores, which add up to it; so does its history.
    expect(chain.children.map((c) => c.key)).toEqual(['S001', 'S002', 'S003']);
    const storeRows = [...stores.values()];
    expectCoherent(
      chain.history.map((h) => h.units),
      chain.history.map((_, i) =>
        storeRows.reduce((s, r) => s + r.history[i].units, 0),
      ),
    );
  });

  it('exports a level as CSV whose rows add up to the chain', async () => {
    const chain = await ok('level=chain');
    for (const [level, nodes] of [
      ['store', 3],
      ['categoryStore', 6],
      ['productStore', 12],
    ] as const) {
      const res = await fetch(
        `${t.url}/api/forecasts/levels/export.csv?level=${level}`,
        { headers: await t.as('planner') },
      );
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/csv');
      const [header, ...lines] = (await res.text()).trim().split('\r\n');
      expect(header).toBe('level,key,label,date,p10,p50,p90');
      expect(lines).toHaveLength(nodes * H);
      const perDate = new Map<string, number>();
      for (const line of lines) {
        const f = line.split(',');
        expect(f[0]).toBe(level);
        perDate.set(f[3], (perDate.get(f[3]) ?? 0) + Number(f[5]));
      }
      expectCoherent(
        chain.forecast.map((f) => f.p50),
        chain.forecast.map((f) => perDate.get(f.date) ?? NaN),
      );
    }
  });

  it('store managers read the store level of their own stores only', async () => {
    await t.assignStores(['S001']);
    const own = await ok('level=store&key=S001', 'store_manager');
    expect(own.nodes.map((n) => n.key)).toEqual(['S001']);
    expect((await get('level=store&key=S002', 'store_manager')).status).toBe(
      403,
    );
    for (const level of ['chain', 'region', 'category', 'product'])
      expect((await get(`level=${level}`, 'store_manager')).status).toBe(403);
    // Category × store and product × store: their own store's nodes only.
    for (const level of ['categoryStore', 'productStore']) {
      const mine = await ok(`level=${level}`, 'store_manager');
      expect(mine.nodes.length).toBeGreaterThan(0);
      expect(mine.nodes.every((n) => n.key.startsWith('S001|'))).toBe(true);
      const other = `S002|${mine.nodes[0].key.split('|')[1]}`;
      expect(
        (
          await get(
            `level=${level}&key=${encodeURIComponent(other)}`,
            'store_manager',
          )
        ).status,
      ).toBe(403);
    }
    const res = await fetch(
      `${t.url}/api/forecasts/levels/export.csv?level=store`,
      { headers: await t.as('store_manager') },
    );
    const lines = (await res.text()).trim().split('\r\n').slice(1);
    expect(new Set(lines.map((l) => l.split(',')[1]))).toEqual(
      new Set(['S001']),
    );
    expect((await get('level=nation')).status).toBe(400);
    expect((await get('level=store&key=S999')).status).toBe(404);
  });

  it('serves the accuracy per level on the champion backtest window', async () => {
    const res = await fetch(`${t.url}/api/forecasts/levels/accuracy`, {
      headers: await t.as('planner'),
    });
    expect(res.status).toBe(200);
    const acc = (await res.json()) as LevelAccuracyResponse;
    expect(acc.method).toBe('topDown');
    expect(acc.levels.map((l) => l.level)).toEqual([...HIERARCHY_LEVELS]);
    for (const l of acc.levels) {
      expect(l.mase).toBeGreaterThan(0);
      expect(l.baseMase).toBeGreaterThan(0);
      expect(l.coverage).toBeGreaterThanOrEqual(0);
      expect(l.coverage).toBeLessThanOrEqual(1);
    }
    const byLevel = new Map(acc.levels.map((l) => [l.level, l]));
    expect(byLevel.get('productStore')?.nodes).toBe(12);
    expect(byLevel.get('chain')?.nodes).toBe(1);
    // The bottoms' base MASE is the champion's stored backtest scored against the sales, scaled
    // by the seasonal-naive (7-day) error of the 56 days before the window: recomputed here.
    const backtests = await t.query<BacktestRow>(
      `SELECT s.code, p.sku, b.date, b.p50 FROM run_backtests b
         JOIN stores s ON s.id = b.store_id JOIN products p ON p.id = b.product_id
        WHERE b.run_id = ?`,
      [chainRun],
    );
    const window = [...new Set(backtests.map((b) => day(b.date)))].sort();
    expect([acc.from, acc.to]).toEqual([window[0], window[window.length - 1]]);
    const sales = await t.query<SalesRow>(
      `SELECT s.code, p.sku, x.date, x.units FROM sales x
         JOIN stores s ON s.id = x.store_id JOIN products p ON p.id = x.product_id`,
    );
    const units = new Map(
      sales.map((r) => [`${r.code}|${r.sku}|${day(r.date)}`, Number(r.units)]),
    );
    const shift = (d: string, n: number) =>
      new Date(Date.parse(d) + n * 86_400_000).toISOString().slice(0, 10);
    let total = 0;
    let scored = 0;
    for (const key of new Set(backtests.map((b) => `${b.code}|${b.sku}`))) {
      const hist = Array.from(
        { length: 56 },
        (_, i) => units.get(`${key}|${shift(window[0], i - 56)}`) ?? 0,
      );
      let scale = 0;
      for (let i = 7; i < 56; i++) scale += Math.abs(hist[i] - hist[i - 7]);
      scale /= 49;
      const rows = backtests.filter((b) => `${b.code}|${b.sku}` === key);
      const mae =
        rows.reduce(
          (e, b) =>
            e +
            Math.abs((units.get(`${key}|${day(b.date)}`) ?? 0) - Number(b.p50)),
          0,
        ) / rows.length;
      if (scale > 0) {
        total += mae / scale;
        scored++;
      }
    }
    expect(byLevel.get('productStore')?.baseMase).toBeCloseTo(
      total / scored,
      9,
    );
    // The level answer carries its level's accuracy.
    const store = await ok('level=region');
    expect(store.accuracy).toEqual(byLevel.get('region'));
    // A store manager: the store levels over their own store only.
    const mine = (await (
      await fetch(`${t.url}/api/forecasts/levels/accuracy`, {
        headers: await t.as('store_manager'),
      })
    ).json()) as LevelAccuracyResponse;
    expect(mine.levels.map((l) => [l.level, l.nodes])).toEqual([
      ['store', 1],
      ['categoryStore', 2],
      ['productStore', 4],
    ]);
  });

  it('documents the routes in OpenAPI', async () => {
    const res = await fetch(`${t.url}/api/docs-json`);
    const spec = (await res.json()) as {
      paths: Record<string, { get?: { parameters?: { name: string }[] } }>;
    };
    expect(
      spec.paths['/api/forecasts/levels']?.get?.parameters?.map((p) => p.name),
    ).toEqual(expect.arrayContaining(['level', 'key', 'historyDays']));
    expect(spec.paths['/api/forecasts/levels/export.csv']?.get).toBeDefined();
    expect(spec.paths['/api/forecasts/levels/accuracy']?.get).toBeDefined();
  });
});
