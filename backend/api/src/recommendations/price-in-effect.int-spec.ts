import type {
  Page,
  RecommendationDetail,
  RecommendationLine,
} from '@shelfcast/contracts';
import { createTestApp, TestApp } from '../../test/support/test-app';
import { supplyAllFromSup1 } from '../../test/factories/catalog';
import { serveFlatForecast } from '../../test/factories/runs';
import { seedPanel } from '../../test/support/training-fixtures';
import { RecommendationGeneration } from './recommendation-generation.service';

/** seedPanel: P0001 sells at 2.1, P0002 at 2.2, both cost 1. */
const PROMO_PRICE = 1.6;

/**
 * Lost margin is priced at the price in effect on the as-of day: a running promotion's price (the
 * last sales day on promotion), else the regular price; stored by the generator and again on a
 * decision, and shown the same way by the detail.
 */
describe('lost margin at the price in effect (integration)', () => {
  let t: TestApp;
  const db = (s: string, params: unknown[] = []) => t.query(s, params);
  const call = async <T>(path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${t.url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        'content-type': 'application/json',
        ...(await t.as('planner')),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(res.status).toBe(200);
    return (await res.json()) as T;
  };
  const lineOf = async (sku: string) => {
    const page = await call<Page<RecommendationLine>>(
      `/api/recommendations?search=${sku}`,
    );
    const line = page.items.find((l) => l.sku === sku);
    if (!line) throw new Error(`no line ${sku}`);
    return line;
  };

  beforeAll(async () => {
    t = await createTestApp();
    await seedPanel(t.db.dataSource, { stores: 1, products: 2, days: 60 });
    await supplyAllFromSup1(t);
    // P0001 is on promotion on the last sales day (the day before the as-of day); P0002 is not.
    await db(
      "UPDATE sales SET on_promo = (1 = 1), price = ? WHERE date = '2026-11-27' AND product_id = (SELECT id FROM products WHERE sku = 'P0001')",
      [PROMO_PRICE],
    );
    await db(
      "UPDATE sales SET on_promo = (1 = 0), price = 2 WHERE date = '2026-11-27' AND product_id = (SELECT id FROM products WHERE sku = 'P0002')",
    );
    await serveFlatForecast(t, { onHand: 20 });
    await call('/api/recommendations/regenerate', {});
  });

  afterAll(async () => {
    await t.app.get(RecommendationGeneration).waitForIdle();
    await t.close();
  });

  it('stores generated lines at the promotion price when one runs, else at the regular price', async () => {
    const promoted = await lineOf('P0001');
    const regular = await lineOf('P0002');
    expect(promoted.status).toBe('pending');
    // 20 on hand for 10 a day runs out before an order can arrive (5-day lead time).
    for (const line of [promoted, regular])
      expect(line.expectedLostUnits ?? 0).toBeGreaterThan(1);
    for (const [line, margin] of [
      [promoted, PROMO_PRICE - 1],
      [regular, 2.2 - 1],
    ] as const) {
      const detail = await call<RecommendationDetail>(
        `/api/recommendations/${line.id}`,
      );
      expect(line.lostMargin).toBeCloseTo(
        (line.expectedLostUnits ?? 0) * margin,
        9,
      );
      expect(detail.afterOrder.lostMargin).toBeCloseTo(
        line.lostMargin ?? -1,
        9,
      );
    }
  });
  it('keeps those prices when a decision stores the line again', async () => {
    // Rejected (nothing ordered, 20 on hand for 10 a day over a 5-day lead time): both lose units.
    for (const sku of ['P0001', 'P0002'])
      await call(`/api/recommendations/${(await lineOf(sku)).id}/reject`, {});
    const promoted = await lineOf('P0001');
    const regular = await lineOf('P0002');
    for (const line of [promoted, regular])
      expect(line.expectedLostUnits ?? 0).toBeGreaterThan(1);
    expect(promoted.lostMargin).toBeCloseTo(
      (promoted.expectedLostUnits ?? 0) * (PROMO_PRICE - 1),
      9,
    );
    expect(regular.lostMargin).toBeCloseTo(
      (regular.expectedLostUnits ?? 0) * (2.2 - 1),
      9,
    );
    const detail = await call<RecommendationDetail>(
      `/api/recommendations/${promoted.id}`,
    );
    expect(detail.afterOrder.lostMargin).toBeCloseTo(
      promoted.lostMargin ?? -1,
      9,
    );
  });
});
