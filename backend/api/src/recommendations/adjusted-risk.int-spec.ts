import type {
  Page,
  RecommendationDetail,
  RecommendationLine,
  Role,
} from '@shelfcast/contracts';
import { createTestApp, TestApp } from '../../test/support/test-app';
import { supplyAllFromSup1 } from '../../test/factories/catalog';
import { serveFlatForecast } from '../../test/factories/runs';
import { seedPanel } from '../../test/support/training-fixtures';
import { RecommendationGeneration } from './recommendation-generation.service';

/**
 * An adjustment stores the risk its quantity leaves: the list's flag, lost units and value at
 * risk follow the final quantity and agree with the detail's "after order".
 */
describe('risk of an adjusted line (integration)', () => {
  let t: TestApp;
  const db = (s: string, params: unknown[] = []) => t.query(s, params);
  const call = async <T>(
    role: Role,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }> => {
    const res = await fetch(`${t.url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'content-type': 'application/json', ...(await t.as(role)) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as T };
  };
  const list = async (qs = '') =>
    (
      await call<Page<RecommendationLine>>(
        'planner',
        `/api/recommendations${qs}`,
      )
    ).body.items;
  const lineOf = async (sku: string) => {
    const line = (await list(`?search=${sku}`)).find((l) => l.sku === sku);
    if (!line) throw new Error(`no line ${sku}`);
    return line;
  };
  /** The stored line (as the list reads it) and the detail's after-order risk say the same. */
  const expectAgreement = async (line: RecommendationLine) => {
    const detail = (
      await call<RecommendationDetail>(
        'planner',
        `/api/recommendations/${line.id}`,
      )
    ).body;
    expect(detail.afterOrder.orderQuantity).toBe(line.finalQty);
    expect(line.expectedLostUnits).toBeCloseTo(
      detail.afterOrder.expectedLostUnits,
      9,
    );
    expect(line.lostMargin).toBeCloseTo(detail.afterOrder.lostMargin, 9);
    expect(line.riskReason).toBe(detail.afterOrder.reason);
    expect(line.risk === 'stockout').toBe(
      detail.afterOrder.stockOutDate !== null,
    );
  };

  beforeAll(async () => {
    t = await createTestApp();
    await seedPanel(t.db.dataSource, { stores: 1, products: 2, days: 60 });
    await supplyAllFromSup1(t);
    // 80 on hand lasts 8 days of a P50 of 10 a day: past the order's arrival on day 5, short of
    // the next delivery on day 12. P0001 also has 120 on order arriving on day 11.
    await serveFlatForecast(t, { onHand: 80 });
    await db(
      "INSERT INTO purchase_orders (po_number, store_id, product_id, supplier_id, quantity, ordered_date, expected_date, status) SELECT 'PO1', s.id, p.id, p.supplier_id, 120, '2026-11-20', '2026-12-09', 'open' FROM stores s, products p WHERE p.sku = 'P0001'",
    );
    expect(
      (await call('planner', '/api/recommendations/regenerate', {})).status,
    ).toBe(200);
  });

  afterAll(async () => {
    await t.app.get(RecommendationGeneration).waitForIdle();
    await t.close();
  });

  it('clears the stored flag and lowers the lost units when an adjustment covers demand to the next delivery', async () => {
    const generated = await lineOf('P0001');
    await expectAgreement(generated);
    // The open order counts in the position, so the suggestion leaves the days before it short.
    expect(generated.risk).toBe('stockout');
    expect(generated.riskReason).toBe('short-order');
    const lostBefore = generated.expectedLostUnits ?? 0;
    expect(lostBefore).toBeGreaterThan(0);

    // 48 arriving on day 5: 128 units for the P50 of 120 up to the next delivery.
    const res = await call<RecommendationLine>(
      'planner',
      `/api/recommendations/${generated.id}/adjust`,
      { quantity: 48, reason: 'cover the gap before PO1' },
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ finalQty: 48, risk: 'none' });
    const adjusted = await lineOf('P0001');
    expect(adjusted.risk).not.toBe('stockout');
    expect(adjusted.riskReason).toBeNull();
    expect(adjusted.expectedLostUnits ?? 0).toBeLessThan(lostBefore);
    expect(adjusted.lostMargin ?? 0).toBeLessThan(generated.lostMargin ?? 0);
    await expectAgreement(adjusted);
    expect((await list('?risk=stockout')).map((l) => l.id)).not.toContain(
      adjusted.id,
    );

    // Rejected: nothing ordered, the flag and the loss come back, still as the detail says.
    await call('planner', `/api/recommendations/${generated.id}/reject`, {});
    const rejected = await lineOf('P0001');
    expect(rejected.risk).toBe('stockout');
    expect(rejected.expectedLostUnits ?? 0).toBeGreaterThan(
      adjusted.expectedLostUnits ?? 0,
    );
    await expectAgreement(rejected);
  });

  it('lists by value at risk, highest first, unless a sort is given', async () => {
    // P0002 ordered nothing without an order on the way: it loses more, at a higher margin.
    const p2 = await lineOf('P0002');
    await call('planner', `/api/recommendations/${p2.id}/reject`, {});
    const lines = await list();
    expect(lines.map((l) => l.sku)).toEqual(['P0002', 'P0001']);
    expect(lines[0].lostMargin ?? 0).toBeGreaterThan(lines[1].lostMargin ?? 0);
    expect((await list('?sort=sku')).map((l) => l.sku)).toEqual([
      'P0001',
      'P0002',
    ]);
  });
});
