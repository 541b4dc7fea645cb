import { EventEmitter2 } from '@nestjs/event-emitter';
import type { Role } from '@shelfcast/contracts';
import { createTestApp, type TestApp } from '../../test/support/test-app';
import {
  createProducts,
  createStores,
  createSuppliers,
} from '../../test/factories/catalog';
import { createInventory } from '../../test/factories/inventory';
import {
  createBacktests,
  createForecastValues,
  createRun,
} from '../../test/factories/runs';
import { createDailySales } from '../../test/factories/sales';
import { RecommendationGeneration } from '../recommendations/recommendation-generation.service';
import { TRAINING_RUN_FINISHED } from '../common/training-events';
import type { PolicyProofView } from './dto/policy-proof.dto';
import { PolicyProofService } from './policy-proof.service';
import { replayProof } from './proof-replay';

// Ten units a day, sixteen on Saturdays; the backtest window is the last 28 days before 2026-11-28.
const unitsOn = (date: string) =>
  new Date(`${date}T00:00:00Z`).getUTCDay() === 6 ? 16 : 10;
const BACKTEST_START = '2026-10-31';

describe('policy proof (integration)', () => {
  let t: TestApp;
  const call = async <T>(role: Role, path: string, init: RequestInit = {}) => {
    const res = await fetch(`${t.url}${path}`, {
      ...init,
      headers: { 'content-type': 'application/json', ...(await t.as(role)) },
    });
    return { status: res.status, body: (await res.json()) as T };
  };
  const prove = async (weeks: number) => {
    const run = await call<{ id: number }>('planner', '/api/policy-proof/run', {
      method: 'POST',
      body: JSON.stringify({ weeks }),
    });
    expect(run.status).toBe(202);
    await t.app.get(PolicyProofService).waitForIdle();
    return run.body.id;
  };

  beforeAll(async () => {
    t = await createTestApp();
    await createStores(t, [
      { code: 'S001' },
      { code: 'S002', unmetDemand: 'backorder' },
    ]);
    await createSuppliers(t, [
      { code: 'SUP', leadTimeMeanDays: 2, leadTimeSdDays: 0 },
    ]);
    await createProducts(
      t,
      ['P1', 'P2', 'P3', 'P4', 'P5'].map((sku, i) => ({
        sku,
        supplier: 'SUP',
        category: i % 2 ? 'bakery/bread' : 'dairy/milk',
      })),
    );
    const series = [
      { store: 'S001', sku: 'P1', days: 120 },
      { store: 'S002', sku: 'P1', days: 120 },
      { store: 'S001', sku: 'P2', days: 120, units: () => 0 }, // all zero
      { store: 'S001', sku: 'P3', days: 120 }, // no stock before the window
      { store: 'S001', sku: 'P4', days: 10 }, // short series
      { store: 'S001', sku: 'P5', days: 120 }, // no backtest
    ];
    for (const s of series)
      await createDailySales(t, {
        store: s.store,
        sku: s.sku,
        days: s.days,
        units: s.units ?? ((_, date) => unitsOn(date)),
      });
    await createInventory(
      t,
      series.flatMap((s) => [
        { store: s.store, sku: s.sku, date: '2026-11-27', onHand: 12 },
        ...(s.sku === 'P3'
          ? []
          : [{ store: s.store, sku: s.sku, date: '2026-10-30', onHand: 30 }]),
      ]),
    );
    await createRun(t, { id: 'run-p', serve: true });
    const at = (start: string) => (i: number) =>
      unitsOn(
        new Date(Date.parse(`${start}T00:00:00Z`) + i * 86_400_000)
          .toISOString()
          .slice(0, 10),
      );
    await createForecastValues(
      t,
      'run-p',
      series.map((s) => ({
        ...s,
        start: '2026-11-28',
        days: 28,
        p50: at('2026-11-28'),
      })),
    );
    await createBacktests(
      t,
      'run-p',
      series
        .filter((s) => s.sku !== 'P5')
        .map((s) => ({
          ...s,
          start: BACKTEST_START,
          days: 28,
          p50: at(BACKTEST_START),
        })),
    );
    expect(
      (
        await call('planner', '/api/recommendations/regenerate', {
          method: 'POST',
        })
      ).status,
    ).toBe(200);
  });

  afterAll(async () => {
    await t.app.get(PolicyProofService).waitForIdle();
    await t.app.get(RecommendationGeneration).waitForIdle();
    await t.close();
  });

  it('replays the served policy on each line, side by side with seasonal naive, and skips bad input with a reason', async () => {
    expect(
      (
        await call('viewer', '/api/policy-proof/run', {
          method: 'POST',
          body: '{}',
        })
      ).status,
    ).toBe(403);
    const id = await prove(4);
    const { status, body } = await call<PolicyProofView>(
      'planner',
      `/api/policy-proof?proofId=${id}`,
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({
      status: 'done',
      trigger: 'manual',
      runId: 'run-p',
      weeks: 4,
      from: BACKTEST_START,
      to: '2026-11-27',
      lines: 6,
      skipped: 4,
    });
    const bySku = (store: string, sku: string) => {
      const line = body.page.items.find(
        (l) => l.store === store && l.sku === sku,
      );
      if (!line) throw new Error(`no line ${store}/${sku}`);
      return line;
    };
    expect(bySku('S001', 'P2').skipReason).toBe('all-zero');
    expect(bySku('S001', 'P3').skipReason).toBe('no-stock-history');
    expect(bySku('S001', 'P4').skipReason).toBe('short-series');
    expect(bySku('S001', 'P5').skipReason).toBe('no-backtest');

    // S001/P1 is the library's replay of the stored inputs: 28 days of history, 28 replayed,
    // 30 on hand the evening before, lead time 2, weekly review, lost sales (the store's default).
    const line = bySku('S001', 'P1');
    const recommendation = await call<{ serviceLevel: number }>(
      'planner',
      `/api/recommendations/${line.recommendationId}`,
    );
    const dates = Array.from({ length: 56 }, (_, i) =>
      new Date(Date.parse('2026-10-03T00:00:00Z') + i * 86_400_000)
        .toISOString()
        .slice(0, 10),
    );
    const p50 = Float64Array.from(dates.slice(28), unitsOn);
    const expected = replayProof({
      sales: Float64Array.from(dates, unitsOn),
      start: 28,
      backtest: {
        levels: [0.1, 0.5, 0.9],
        values: [p50.map((v) => 0.8 * v), p50, p50.map((v) => 1.2 * v)],
      },
      initialOnHand: 30,
      season: 7,
      leadTime: 2,
      reviewPeriod: 7,
      serviceLevel: recommendation.body.serviceLevel,
      unmetDemand: 'lost-sales',
      casePack: 1,
      moq: 0,
    });
    if (expected.skipped) throw new Error('expected a replay');
    expect(line.periods).toBe(28);
    expect(line.demand).toBe(expected.demand);
    expect(line.served?.fillRate).toBeCloseTo(expected.served.fillRate, 9);
    expect(line.served?.avgOnHand).toBeCloseTo(expected.served.avgOnHand, 9);
    expect(line.served?.stockOutDays).toBe(expected.served.stockOutPeriods);
    expect(line.naive?.lostUnits).toBeCloseTo(expected.naive.lostUnits, 9);

    // Totals, stores and categories add up the replayed lines only.
    const replayed = body.page.items.filter((l) => l.served);
    expect(body.total.lines).toBe(2);
    expect(body.total.demand).toBeCloseTo(
      replayed.reduce((s, l) => s + l.demand, 0),
      9,
    );
    expect(body.byStore.map((g) => [g.key, g.lines])).toEqual([
      ['S001', 1],
      ['S002', 1],
    ]);
    expect(body.byCategory.map((g) => [g.key, g.lines])).toEqual([
      ['bakery', 0],
      ['dairy', 2],
    ]);
  });

  it('keeps a store manager to their stores', async () => {
    await t.assignStores(['S002']);
    const { body } = await call<PolicyProofView>(
      'store_manager',
      '/api/policy-proof',
    );
    expect(new Set(body.page.items.map((l) => l.store))).toEqual(
      new Set(['S002']),
    );
    expect(body.byStore.map((g) => g.key)).toEqual(['S002']);
    // The export: the same lines, a header first, store-scoped too.
    const res = await fetch(`${t.url}/api/policy-proof/export.csv`, {
      headers: await t.as('store_manager'),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const csv = (await res.text()).trim().split('\r\n');
    expect(csv[0]).toMatch(
      /^store,sku,category,period_unit,periods,demand,skip_reason,served_fill_rate/,
    );
    expect(csv.slice(1).map((l) => l.split(',').slice(0, 2).join('/'))).toEqual(
      ['S002/P1'],
    );
    const cells = csv[1].split(',');
    expect(Number(cells[7])).toBeCloseTo(
      Number(body.page.items[0].served?.fillRate),
      9,
    );
  });

  it('runs after a promotion, once that run’s recommendations are generated', async () => {
    // The post-promotion steps start from the promoted run's end; the proof follows step 1.
    t.app.get(EventEmitter2).emit(TRAINING_RUN_FINISHED, {
      runId: 'run-p',
      status: 'promoted',
      trigger: 'manual',
    });
    await new Promise((r) => setImmediate(r));
    await t.app.get(RecommendationGeneration).waitForIdle();
    await t.app.get(PolicyProofService).waitForIdle();
    const { body } = await call<PolicyProofView>(
      'planner',
      '/api/policy-proof',
    );
    expect(body).toMatchObject({
      trigger: 'promotion',
      status: 'done',
      weeks: 13,
      lines: 6,
      skipped: 4,
    });
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await (await fetch(`${t.url}/api/docs-json`)).json()) as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/policy-proof', '/api/policy-proof/run']),
    );
  });
});
