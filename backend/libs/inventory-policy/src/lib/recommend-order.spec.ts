import { flatForecast } from './normal-forecast';
import { recommendOrder, RecommendationInput } from './recommend-order';

// The example: 9-day protection interval (lead time 7, review 2),
// daily demand 41/9 ± 3 → 41 ± 9 over 9 days; 95% → SS = 1.64485·9 = 14.80,
// order-up-to 55.80; on hand 12 → need 43.80 → 4 cases of 12.
const example: RecommendationInput = {
  forecast: flatForecast(41 / 9, 3, 14),
  onHand: 12,
  leadTime: 7,
  reviewPeriod: 2,
  service: { kind: 'cycle-service', level: 0.95 },
  casePack: 12,
};

describe('recommendOrder', () => {
  it('reproduces the example sentence and numbers', () => {
    const r = recommendOrder(example);
    expect(r.orderQuantity).toBe(48);
    expect(r.explanation).toMatch(
      /^Order 48 \(4 cases\): expected demand over 9 days 41 ± 9, on hand 12, inbound 0, safety stock 15 for 95% service\./,
    );
    const b = r.breakdown;
    expect(b.decision).toBe('order');
    expect(b.cases).toBe(4);
    expect(b.demandMean).toBeCloseTo(41, 9);
    expect(b.demandSd).toBeCloseTo(9, 9);
    expect(b.safetyStock).toBeCloseTo(14.8037, 4);
    expect(b.reorderPoint).toBeCloseTo(55.8037, 4);
    expect(b.orderUpTo).toBeCloseTo(55.8037, 4);
    expect(b.inventoryPosition).toBe(12);
    expect(b.distribution).toBe('normal');
  });

  it('does not order while the position is not below the reorder point', () => {
    const r = recommendOrder({ ...example, onHand: 60 });
    expect(r.orderQuantity).toBe(0);
    expect(r.breakdown.decision).toBe('no-order');
    expect(r.explanation).toBe(
      'No order: stock position 60 is not below the reorder point 56; expected demand over 9 days 41 ± 9, on hand 60, inbound 0, safety stock 15 for 95% service.',
    );
  });

  it('counts purchase orders arriving inside the lead time', () => {
    // 20 arrive on day 3: position 32 → need 23.8 → 2 cases.
    const r = recommendOrder({
      ...example,
      openOrders: [{ quantity: 20, arrivesInPeriods: 3 }],
    });
    expect(r.breakdown.inbound).toBe(20);
    expect(r.breakdown.protectedPosition).toBe(32);
    expect(r.orderQuantity).toBe(24);
  });

  it('counts orders arriving after the lead time but inside the review period', () => {
    const r = recommendOrder({
      ...example,
      openOrders: [{ quantity: 20, arrivesInPeriods: 8 }],
    });
    expect(r.breakdown.inbound).toBe(20);
    expect(r.orderQuantity).toBe(24);
  });

  it('does not let orders arriving after the protection interval prevent an order', () => {
    const r = recommendOrder({
      ...example,
      openOrders: [{ quantity: 30, arrivesInPeriods: 12 }],
    });
    expect(r.orderQuantity).toBe(48);
    expect(r.breakdown.inboundBeyondProtection).toBe(30);
    expect(r.breakdown.inventoryPosition).toBe(42);
    expect(r.explanation).toContain(
      'Not counted: 30 inbound arriving after the 9 days.',
    );
  });

  it('projects stock-out dates from P50 and P90', () => {
    // Cumulative P50 4.56, 9.11, 13.67 > 12 → day 2; P90 8.40/day → day 1.
    const r = recommendOrder({ ...example, asOf: '2026-11-28' });
    const b = r.breakdown;
    expect(b.stockOutPeriod).toBe(2);
    expect(b.stockOutDate).toBe('2026-11-30');
    expect(b.pessimisticStockOutPeriod).toBe(1);
    expect(b.pessimisticStockOutDate).toBe('2026-11-29');
    expect(b.coverPeriods).toBeCloseTo(12 / (41 / 9), 9);
    expect(r.explanation).toContain(
      'Stock-out expected on 2026-11-30, before a new order can arrive (lead time 7 days).',
    );
  });

  it('moves the stock-out date with inbound arriving in time', () => {
    // 32 units last 7 full days (31.89) and run out on day 7.
    const r = recommendOrder({
      ...example,
      openOrders: [{ quantity: 20, arrivesInPeriods: 1 }],
    });
    expect(r.breakdown.stockOutPeriod).toBe(7);
    expect(r.breakdown.coverPeriods).toBeCloseTo(32 / (41 / 9), 9);
    expect(r.explanation).not.toContain('Stock-out');
  });

  it('raises the order to the MOQ', () => {
    const r = recommendOrder({ ...example, onHand: 50, moq: 50 });
    // need 5.8 → MOQ 50 → 5 cases
    expect(r.orderQuantity).toBe(60);
    expect(r.explanation).toContain('Raised to the minimum order of 50.');
  });

  it('caps the order by the maximum stock', () => {
    const r = recommendOrder({ ...example, maxStock: 50 });
    expect(r.orderQuantity).toBe(36);
    expect(r.explanation).toMatch(/^Order 36 \(3 cases\):/);
    expect(r.explanation).toContain(
      'Capped by the maximum stock of 50 (44 needed).',
    );
  });

  it('explains an order blocked by maximum stock and MOQ', () => {
    const r = recommendOrder({ ...example, maxStock: 50, moq: 48 });
    expect(r.orderQuantity).toBe(0);
    expect(r.breakdown.decision).toBe('blocked-by-max-stock');
    expect(r.explanation).toMatch(
      /^No order: 44 needed but the maximum stock of 50/,
    );
  });

  it('handles zero-demand items', () => {
    const r = recommendOrder({
      ...example,
      forecast: flatForecast(0, 0, 14),
      onHand: 5,
      asOf: '2026-11-28',
    });
    expect(r.orderQuantity).toBe(0);
    expect(r.breakdown.safetyStock).toBe(0);
    expect(r.breakdown.stockOutPeriod).toBeNull();
    expect(r.breakdown.coverPeriods).toBeNull();
    expect(r.explanation).toBe(
      'No order: no demand expected over 9 days; on hand 5, inbound 0. Excess stock: 5 above the order-up-to level plus 28 days of demand.',
    );
  });

  it('uses a Poisson reorder point for slow movers', () => {
    // 0.25 a day for 8 days → Poisson(2); 95% → reorder point 5, SS 3; on hand 1 → order 4.
    const r = recommendOrder({
      forecast: {
        levels: [0.1, 0.5, 0.9],
        values: [
          new Float64Array(8),
          new Float64Array(8).fill(0.25),
          new Float64Array(8).fill(0.5),
        ],
      },
      onHand: 1,
      leadTime: 6,
      reviewPeriod: 2,
      service: { kind: 'cycle-service', level: 0.95 },
    });
    expect(r.breakdown.distribution).toBe('poisson');
    expect(r.breakdown.reorderPoint).toBeCloseTo(5, 9);
    expect(r.breakdown.safetyStock).toBeCloseTo(3, 9);
    expect(r.orderQuantity).toBe(4);
    expect(r.explanation).toBe(
      // P50 0.25 a day: the single unit runs out on day 4 (1.25 > 1).
      'Order 4: expected demand over 8 days 2 ± 0.6, on hand 1, inbound 0, safety stock 3 for 95% service. Stock-out expected in 4 days, before a new order can arrive (lead time 6 days).',
    );
  });

  it('reports excess stock above order-up-to plus N periods', () => {
    // 200 − (55.80 + 28 · 41/9) = 16.64
    const r = recommendOrder({ ...example, onHand: 200 });
    expect(r.breakdown.excessStock).toBeCloseTo(
      200 - 55.8037 - (28 * 41) / 9,
      3,
    );
    expect(r.explanation).toContain(
      'Excess stock: 17 above the order-up-to level plus 28 days of demand.',
    );
  });

  it('estimates expiry risk when shelf life is set', () => {
    // No order; 60 on hand, 10-day shelf life, 45.56 expected sales → 14.4 at risk.
    const idle = recommendOrder({ ...example, onHand: 60, shelfLife: 10 });
    expect(idle.breakdown.expiryRisk).toBeCloseTo(60 - 410 / 9, 9);
    expect(idle.explanation).toContain(
      'Expiry risk: 14 units may not sell within the 10-day shelf life.',
    );
    // Ordering 48 arriving day 7: 60 units against 17 days of demand (77.4) → no risk.
    expect(
      recommendOrder({ ...example, shelfLife: 10 }).breakdown.expiryRisk,
    ).toBe(0);
    expect(recommendOrder(example).breakdown.expiryRisk).toBeNull();
  });

  it('supports fill-rate targets and weekly periods', () => {
    // 100 ± 30 a week, L = R = 1 week, 98% fill rate → reorder point 254.46.
    const r = recommendOrder({
      forecast: flatForecast(100, 30, 2),
      onHand: 150,
      leadTime: 1,
      reviewPeriod: 1,
      service: { kind: 'fill-rate', level: 0.98 },
      periodUnit: 'week',
      asOf: '2026-11-28',
    });
    expect(r.breakdown.reorderPoint).toBeCloseTo(254.458, 2);
    // 104.46 needed; whole units (case pack 1) → 105.
    expect(r.orderQuantity).toBe(105);
    expect(r.explanation).toBe(
      'Order 105: expected demand over 2 weeks 200 ± 42, on hand 150, inbound 0, safety stock 54 for 98% fill rate.',
    );
  });

  it('returns a projected-stock series for the chart', () => {
    const r = recommendOrder({ ...example, asOf: '2026-11-28' });
    expect(r.projection).toHaveLength(14);
    const [first, , third] = r.projection;
    expect(first.date).toBe('2026-11-28');
    expect(first.onHand).toBeCloseTo(12 - 41 / 9, 9);
    expect(third.onHand).toBe(0); // lost sales: never below zero
    expect(r.projection[7].recommendedArrival).toBe(48);
    expect(r.projection[7].onHand).toBeCloseTo(48 - 41 / 9, 9);
    expect(r.projection[7].onHandWithoutOrder).toBe(0);
    expect(first.reorderPoint).toBeCloseTo(55.8037, 4);
    expect(first.safetyStock).toBeCloseTo(14.8037, 4);
    expect(first.forecastP90).toBeCloseTo(41 / 9 + 1.281552 * 3, 5);
  });
});
