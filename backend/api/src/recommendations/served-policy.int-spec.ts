import type { Page, RecommendationLine } from '@shelfcast/contracts';
import {
  type Forecaster,
  type QuantileForecast,
  replayPolicy,
  SERVED_QUANTILE_LEVELS,
  servedPolicy,
  type UnmetDemand,
} from '@shelfcast/inventory-policy';
import { createTestApp, type TestApp } from '../../test/support/test-app';
import {
  carry,
  createProducts,
  createStores,
  createSuppliers,
} from '../../test/factories/catalog';
import { createInventory } from '../../test/factories/inventory';
import { createForecastValues, createRun } from '../../test/factories/runs';
import { RecommendationGeneration } from './recommendation-generation.service';

// Skewed daily demand, mean about 9: the nine stored levels differ from a P10/P50/P90 reading.
const NINE = [1, 2, 4, 6, 8, 11, 14, 18, 24];
const START = '2026-11-28';
const DAYS = 28;

interface StoredValueRow {
  p10: number;
  p50: number;
  p90: number;
  quantiles: string | null;
}

describe('served policy = replayed policy (integration)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    await createStores(t, [
      { code: 'S001' },
      { code: 'S002', unmetDemand: 'backorder' },
    ]);
    // Whole-day lead time without spread: the replay's own decision inputs.
    await createSuppliers(t, [
      { code: 'SUP', leadTimeMeanDays: 2, leadTimeSdDays: 0 },
    ]);
    await createProducts(t, [
      { sku: 'P1', casePack: 6, supplier: 'SUP' },
      { sku: 'P2', supplier: 'SUP' },
    ]);
    for (const store of ['S001', 'S002']) {
      await carry(t, store, ['P1', 'P2']);
      await createInventory(
        t,
        ['P1', 'P2'].map((sku) => ({
          store,
          sku,
          date: '2026-11-27',
          onHand: 10,
        })),
      );
    }
    await createRun(t, { id: 'run-q', serve: true });
    await createForecastValues(t, 'run-q', [
      ...['S001', 'S002'].map((store) => ({
        store,
        sku: 'P1',
        start: START,
        days: DAYS,
        p10: () => 4,
        p50: () => 8,
        p90: () => 14,
        quantiles: () => NINE,
      })),
      // An older run's row: no stored levels, the policy reads P10/P50/P90.
      ...['S001', 'S002'].map((store) => ({
        store,
        sku: 'P2',
        start: START,
        days: DAYS,
        p10: () => 4,
        p50: () => 8,
        p90: () => 14,
      })),
    ]);
  });

  afterAll(async () => {
    await t.app.get(RecommendationGeneration).waitForIdle();
    await t.close();
  });

  /** The stored forecast of a series as the replay reads it (its own parse of the stored rows). */
  const storedForecast = async (
    store: string,
    sku: string,
  ): Promise<QuantileForecast> => {
    const rows = (await t.query(
      `SELECT v.p10, v.p50, v.p90, v.quantiles FROM forecast_values v
         JOIN stores s ON s.id = v.store_id JOIN products p ON p.id = v.product_id
        WHERE v.run_id = 'run-q' AND s.code = ? AND p.sku = ? ORDER BY v.date`,
      [store, sku],
    )) as unknown as StoredValueRow[];
    if (rows.every((r) => r.quantiles !== null)) {
      const parsed = rows.map(
        (r) => JSON.parse(String(r.quantiles)) as number[],
      );
      return {
        levels: SERVED_QUANTILE_LEVELS,
        values: SERVED_QUANTILE_LEVELS.map((_, k) =>
          Float64Array.from(parsed, (q) => q[k]),
        ),
      };
    }
    return {
      levels: [0.1, 0.5, 0.9],
      values: [
        Float64Array.from(rows, (r) => Number(r.p10)),
        Float64Array.from(rows, (r) => Number(r.p50)),
        Float64Array.from(rows, (r) => Number(r.p90)),
      ],
    };
  };

  it('serves, per store and product, the order the replay computes from the same stored quantiles', async () => {
    const res = await fetch(`${t.url}/api/recommendations/regenerate`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(await t.as('planner')),
      },
    });
    expect(res.status).toBe(200);
    const page = (await (
      await fetch(`${t.url}/api/recommendations?limit=50`, {
        headers: await t.as('planner'),
      })
    ).json()) as Page<RecommendationLine>;
    expect(page.total).toBe(4);

    const served = new Map<string, number>();
    for (const line of page.items) {
      const unmetDemand: UnmetDemand =
        line.store === 'S002' ? 'backorder' : 'lost-sales';
      const forecast = await storedForecast(line.store, line.sku);
      const service = { kind: 'fill-rate', level: line.serviceLevel } as const;
      const constraints = { casePack: line.casePack, moq: line.moq };
      const library = servedPolicy({
        forecast,
        onHand: 10,
        leadTime: 2,
        leadTimeSd: 0,
        reviewPeriod: 7,
        service,
        unmetDemand,
        ...constraints,
      });
      // The replay's first decision: same stock, same forecast, same settings.
      const stored: Forecaster = { name: 'stored', forecast: () => forecast };
      const replay = replayPolicy({ demand: Float64Array.of(0) }, stored, {
        service,
        leadTime: 2,
        reviewPeriod: 7,
        start: 0,
        initialOnHand: 10,
        policyUnmetDemand: unmetDemand,
        lostSalesDemand: 'quantiles',
        keepTrace: true,
        ...constraints,
      });
      expect(line.recommendedQty).toBeGreaterThan(0);
      expect(line.recommendedQty).toBe(library.order.quantity);
      expect(line.recommendedQty).toBe(replay.trace?.ordered[0]);
      expect(line.explanation).toContain(
        unmetDemand === 'lost-sales'
          ? 'Sized for lost sales'
          : 'Sized for backorders',
      );
      served.set(`${line.store}/${line.sku}`, line.recommendedQty);
    }
    // The nine levels are read, not only P10/P50/P90 (same P10/P50/P90, other tails).
    expect(served.get('S001/P1')).not.toBe(served.get('S001/P2'));
    // A stock-out before the order arrives is likely: lost sales orders less than backorders.
    expect(served.get('S001/P1')).toBeLessThan(Number(served.get('S002/P1')));
  });
});
