import { EventEmitter2 } from '@nestjs/event-emitter';
import {
  insertSales,
  insertServingRun,
} from '../../test/factories/promoted-run';
import {
  ACTUALS_NOV_10,
  ACTUALS_NOV_2,
  ACTUALS_NOV_3,
  CHAIN_AFTER_CORRECTION,
  CHAIN_AFTER_NOV_2,
  CHAIN_AFTER_NOV_3,
  CHAIN_WEEK_NOV_9,
  HISTORY,
  ISSUED,
  ORIGIN,
  S1_AFTER_NOV_3,
} from '../../test/fixtures/realized/hand-computed';
import { eventually } from '../../test/support/alert-receivers';
import { createTestApp, TestApp } from '../../test/support/test-app';
import { FORECASTS_PROMOTED } from '../common/training-events';
import type { IssuedForecast, RealizedAccuracyRow } from './dto/realized.dto';
import { FrozenForecastsService } from './frozen-forecasts.service';
import { SALES_IMPORTED } from './realized-events';
import { RealizedScoringService } from './realized-scoring.service';

describe('realized accuracy (integration)', () => {
  let t: TestApp;
  let scoring: RealizedScoringService;

  const realized = async (
    role: 'planner' | 'store_manager',
    query: string,
  ): Promise<RealizedAccuracyRow[]> => {
    const res = await fetch(`${t.url}/api/accuracy/realized?${query}`, {
      headers: await t.as(role),
    });
    expect(res.status).toBe(200);
    return (await res.json()) as RealizedAccuracyRow[];
  };
  const metrics = (r: RealizedAccuracyRow | undefined) =>
    r && {
      points: r.points,
      wape: r.wape,
      bias: r.bias,
      mase: r.mase,
      coverage: r.coverage,
    };
  const close = (expected: Record<string, number>) =>
    Object.fromEntries(
      Object.entries(expected).map(([k, v]) => [k, expect.closeTo(v, 10)]),
    );

  beforeAll(async () => {
    t = await createTestApp();
    await t.query(
      "INSERT INTO stores (code, name, region) VALUES ('S1', 'S1', 'north'), ('S2', 'S2', 'south')",
    );
    await t.query(
      "INSERT INTO products (sku, name, category_path, regular_price, unit_cost) VALUES ('P1', 'Milk', 'dairy/milk', 2, 1), ('P2', 'Bread', 'bakery', 2, 1)",
    );
    await insertSales(t, HISTORY);
    await insertServingRun(t, {
      id: 'run-1',
      dataEnd: ORIGIN,
      points: ISSUED,
      backtest: [{ level: 'overall', key: '', wape: 0.3 }],
    });
    scoring = t.app.get(RealizedScoringService);
    await t.assignStores(['S1']);
  });

  afterAll(async () => {
    await t.close();
  });

  it('freezes the promoted forecast after its origin with steps and the MASE scale', async () => {
    await t.app
      .get(EventEmitter2)
      .emitAsync(FORECASTS_PROMOTED, { runId: 'run-1', previousRunId: null });
    const issue = await eventually(async () => {
      const rows = await t.query('SELECT id, origin, rows FROM frozen_issues');
      return rows.length ? rows[0] : undefined;
    });
    expect(Number(issue['rows'])).toBe(ISSUED.length - 1);
    const steps = await t.query(
      'SELECT date, step FROM frozen_forecasts ORDER BY date, store_id, product_id',
    );
    expect(steps.map((r) => Number(r['step']))).toEqual([1, 1, 1, 2, 2, 9]);
    const scales = await t.query('SELECT store_id, scale FROM frozen_scales');
    expect(scales.map((r) => Number(r['scale']))).toEqual([2]);
    // Freezing twice keeps one issue.
    await t.app.get(FrozenForecastsService).freeze('run-1');
    expect(await t.query('SELECT id FROM frozen_issues')).toHaveLength(1);
  });

  it('returns the issued forecast of one series at its origin, refusing a manager other stores', async () => {
    const issued = async (role: 'planner' | 'store_manager', q: string) =>
      fetch(`${t.url}/api/accuracy/realized/issued?${q}`, {
        headers: await t.as(role),
      });
    const res = await issued('planner', 'store=S1&sku=P1');
    expect(res.status).toBe(200);
    const body = (await res.json()) as IssuedForecast[];
    expect(body).toHaveLength(1);
    expect(body[0]).toMatchObject({ origin: ORIGIN, runId: 'run-1' });
    // The values issued for S1/P1 after the origin, in date order, with their steps.
    const own = ISSUED.filter(
      (p) => p.store === 'S1' && p.sku === 'P1' && p.date > ORIGIN,
    );
    expect(body[0].points).toEqual(
      own.map((p) => ({
        date: p.date,
        step: (Date.parse(p.date) - Date.parse(ORIGIN)) / 86_400_000,
        p10: p.p10,
        p50: p.p50,
        p90: p.p90,
      })),
    );
    // S2/P1 was issued only on the origin itself: nothing after it was kept.
    expect(await (await issued('planner', 'store=S2&sku=P1')).json()).toEqual(
      [],
    );
    expect((await issued('store_manager', 'store=S1&sku=P1')).status).toBe(200);
    expect((await issued('store_manager', 'store=S2&sku=P2')).status).toBe(403);
    expect((await issued('planner', 'store=S9&sku=P1')).status).toBe(404);
    expect((await issued('planner', 'store=S1')).status).toBe(400);
  });

  it('scores a day of actuals into the hand-computed sums', async () => {
    await insertSales(t, ACTUALS_NOV_2);
    const result = await scoring.score('2026-11-02', '2026-11-02');
    expect(result).toEqual({ days: 1, points: 3, rebuiltWeeks: [] });
    const [chain] = await realized('planner', 'level=chain');
    expect(chain).toMatchObject({
      week: '2026-11-02',
      bucket: 'all',
      backtestWape: 0.3,
    });
    expect(metrics(chain)).toEqual(close(CHAIN_AFTER_NOV_2));
  });

  it('adds the next day without rescoring the first (a sales import scores the days it covers)', async () => {
    const spy = jest.spyOn(scoring, 'score');
    const csv = ['store,sku,date,units']
      .concat(
        ACTUALS_NOV_3.map((a) => `${a.store},${a.sku},${a.date},${a.units}`),
      )
      .join('\n');
    const imported = await fetch(`${t.url}/api/imports/sales`, {
      method: 'POST',
      headers: { ...(await t.as('planner')), 'content-type': 'text/csv' },
      body: `${csv}\n`,
    });
    expect(imported.status).toBe(201);
    await eventually(async () => (spy.mock.calls.length ? true : undefined));
    expect(spy.mock.calls[0]).toEqual(['2026-11-03', '2026-11-03']);
    const result = await spy.mock.results[0].value;
    spy.mockRestore();
    expect(result).toEqual({ days: 1, points: 1, rebuiltWeeks: [] });
    const [chain] = await realized('planner', 'level=chain&bucket=1-7');
    expect(metrics(chain)).toEqual(close(CHAIN_AFTER_NOV_3));
    const stores = await realized('planner', 'level=store');
    expect(stores.map((r) => r.label)).toEqual(['S1', 'S2']);
    expect(metrics(stores[0])).toEqual(close(S1_AFTER_NOV_3));
    const categories = await realized('planner', 'level=category');
    expect(categories.map((r) => [r.scopeKey, r.points])).toEqual([
      ['bakery', 2],
      ['dairy', 2],
    ]);
  });

  it('puts a later horizon into its own bucket and week (an import that names no dates)', async () => {
    await insertSales(t, ACTUALS_NOV_10);
    const spy = jest.spyOn(scoring, 'score');
    await t.app.get(EventEmitter2).emitAsync(SALES_IMPORTED, {});
    await eventually(async () => (spy.mock.calls.length ? true : undefined));
    // The days after the last scored one (11-03) up to the last sales day.
    expect(spy.mock.calls[0]).toEqual(['2026-11-04', '2026-11-10']);
    expect(await spy.mock.results[0].value).toMatchObject({
      days: 7,
      points: 1,
    });
    spy.mockRestore();
    const weekly = await realized('planner', 'level=chain&bucket=8-14');
    expect(weekly.map((r) => r.week)).toEqual(['2026-11-09']);
    expect(metrics(weekly[0])).toEqual(close(CHAIN_WEEK_NOV_9));
    expect(await realized('planner', 'level=chain&bucket=15-28')).toEqual([]);
  });

  it('rebuilds only the week of a corrected day, counting it once', async () => {
    await t.query(
      `UPDATE sales SET units = 2 WHERE date = '2026-11-02'
         AND store_id = (SELECT id FROM stores WHERE code = 'S2')`,
    );
    const result = await scoring.score('2026-11-02', '2026-11-02');
    expect(result.rebuiltWeeks).toEqual(['2026-11-02']);
    const chain = await realized('planner', 'level=chain');
    expect(metrics(chain[0])).toEqual(close(CHAIN_AFTER_CORRECTION));
    expect(metrics(chain[1])).toEqual(close(CHAIN_WEEK_NOV_9));
  });

  it('shows store managers their stores only', async () => {
    const stores = await realized('store_manager', 'level=store');
    expect(stores.map((r) => r.label)).toEqual(['S1', 'S1']);
    expect(await realized('store_manager', 'level=chain')).toEqual([]);
    const series = await realized('store_manager', 'level=series');
    expect(new Set(series.map((r) => r.label))).toEqual(
      new Set(['S1 / P1', 'S1 / P2']),
    );
  });

  it('refuses an unknown level or bucket', async () => {
    const res = await fetch(`${t.url}/api/accuracy/realized?level=region`, {
      headers: await t.as('planner'),
    });
    expect(res.status).toBe(400);
  });

  it('lets planners score a range of days through the API, refusing a reversed one', async () => {
    const post = async (role: 'planner' | 'viewer', body: unknown) =>
      fetch(`${t.url}/api/accuracy/realized/score`, {
        method: 'POST',
        headers: { ...(await t.as(role)), 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect(
      (await post('viewer', { from: '2026-11-02', to: '2026-11-03' })).status,
    ).toBe(403);
    expect(
      (await post('planner', { from: '2026-11-03', to: '2026-11-02' })).status,
    ).toBe(400);
    const ok = await post('planner', { from: '2026-11-03', to: '2026-11-03' });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({
      days: 1,
      // The week is rebuilt: 11-02 (3 points) and 11-03 (1).
      points: 4,
      rebuiltWeeks: ['2026-11-02'],
    });
    const chain = await realized('planner', 'level=chain');
    expect(metrics(chain[0])).toEqual(close(CHAIN_AFTER_CORRECTION));
  });

  it('drops frozen forecasts and sums older than the retention (400 days by default)', async () => {
    const frozen = t.app.get(FrozenForecastsService);
    // 400 days after 2026-11-05: 11-02…11-04 fall out, 11-10 and its week stay.
    await frozen.applyRetention(new Date('2027-12-10T00:00:00Z'));
    const dates = (
      await t.query('SELECT date FROM frozen_forecasts ORDER BY date')
    ).map((r) => String(r['date']).slice(0, 10));
    expect(dates).toEqual(['2026-11-10']);
    const weeks = await realized('planner', 'level=chain');
    expect(weeks.map((r) => r.week)).toEqual(['2026-11-09']);
  });
});
