import { lostSalesLevels } from './lost-sales';
import { computePolicy } from './policy';
import { flatForecast } from './normal-forecast';
import { IntervalDemand } from './types';

const interval = (mean: number, sd: number): IntervalDemand => ({
  length: 1,
  mean,
  sd,
  meanPerPeriod: mean,
});

describe('lostSalesLevels', () => {
  it('matches a hand-computed Poisson case', () => {
    // D_L, D_R ~ Poisson(1), 2 in stock. Carried into the cycle: 2 w.p. e⁻¹,
    // 1 w.p. e⁻¹, 0 w.p. 0.264241. E[(D_R − k)⁺] = 1, 0.367879, 0.103638,
    // 0.023337, 0.004349 for k = 0..4. Without an order the cycle loses
    // 0.367879·0.103638 + 0.367879·0.367879 + 0.264241·1 = 0.437703 units.
    // For 90% it may lose 0.1: lost(1) = 0.143920, lost(2) = 0.037571, and
    // lost is linear in between → q = 1 + 0.043920/0.106349 = 1.41298.
    const r = lostSalesLevels({
      leadTime: interval(1, 1),
      review: interval(1, 1),
      distribution: 'poisson',
      available: 2,
      level: 0.9,
    });
    expect(r.order).toBeCloseTo(1.41298, 4);
    expect(r.expectedFillRate).toBeCloseTo(0.9, 6);
    // Reorder point: lost(A = 3) = 0.194680, lost(A = 4) = 0.070792 → A = 3.76424.
    expect(r.reorderPoint).toBeCloseTo(3.76424, 4);
  });

  it('orders nothing at or above the reorder point', () => {
    const r = lostSalesLevels({
      leadTime: interval(1, 1),
      review: interval(1, 1),
      distribution: 'poisson',
      available: 3.8,
      level: 0.9,
    });
    expect(r.order).toBe(0);
    expect(r.expectedFillRate).toBeGreaterThan(0.9);
  });

  it('reduces to the textbook shortage without lead time', () => {
    // D_R ~ N(100, 30), 98%: 30·G(z) = 2 → z = 1.114564, s = 133.4369.
    const r = lostSalesLevels({
      leadTime: interval(0, 0),
      review: interval(100, 30),
      distribution: 'normal',
      available: 0,
      level: 0.98,
    });
    expect(r.reorderPoint).toBeCloseTo(133.4369, 3);
    expect(r.order).toBeCloseTo(133.4369, 3);
  });

  it('orders less than the backorder formula when lead-time demand can exceed the stock', () => {
    // 100 ± 30 a week, L = R = 1, 150 on hand, 98%. Backorder formula:
    // S = 254.458 → order 104.458. Lost sales, by numerical integration over
    // D_L on a fine grid: 100.994 (a stock-out before arrival is not refilled).
    const lost = lostSalesLevels({
      leadTime: interval(100, 30),
      review: interval(100, 30),
      distribution: 'normal',
      available: 150,
      level: 0.98,
    });
    expect(lost.order).toBeCloseTo(100.994, 0);
    const base = {
      forecast: flatForecast(100, 30, 2),
      onHand: 150,
      leadTime: 1,
      reviewPeriod: 1,
      service: { kind: 'fill-rate', level: 0.98 },
      distribution: 'normal',
      casePack: 1,
    } as const;
    const backorder = computePolicy(base);
    const lostSales = computePolicy({ ...base, unmetDemand: 'lost-sales' });
    expect(backorder.order.quantity).toBe(105); // 104.458 rounded up
    expect(lostSales.order.quantity).toBe(101);
    expect(lostSales.orderUpTo).toBeCloseTo(150 + lost.order, 6);
  });

  it('rejects a level outside (0, 1)', () => {
    expect(() =>
      lostSalesLevels({
        leadTime: interval(1, 1),
        review: interval(1, 1),
        distribution: 'normal',
        available: 0,
        level: 1,
      }),
    ).toThrow(RangeError);
  });
});
