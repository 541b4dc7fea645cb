import { lineRisk, lostMargin } from './line-risk';
import { expectedLostUnits } from './lost-sales';
import { flatForecast } from './normal-forecast';
import { computePolicy } from './policy';
import { quantileDistribution } from './quantile-distribution';
import { recommendOrder } from './recommend-order';
import type { QuantileForecast } from './types';

/** Every quantile the same: demand is exactly `perPeriod` each period. */
function exact(perPeriod: number, periods: number): QuantileForecast {
  const v = new Float64Array(periods).fill(perPeriod);
  return { levels: [0.1, 0.5, 0.9], values: [v, v, v] };
}

describe('lineRisk', () => {
  it('is not at risk when the order lasts until the next delivery', () => {
    // 3 a day, 10 on hand, 9 arriving on day 2: closing 7, 4, 10, 7, 4.
    const r = lineRisk({
      forecast: exact(3, 14),
      onHand: 10,
      openOrders: [],
      orderQuantity: 9,
      leadTime: 2,
      reviewPeriod: 3,
    });
    expect(r.arrivalPeriod).toBe(2);
    expect(r.nextDeliveryPeriod).toBe(5);
    expect(r.atRisk).toBe(false);
    expect(r.stockOutPeriod).toBeNull();
    expect(r.reason).toBeNull();
    expect(r.expectedLostUnits).toBeCloseTo(0, 9);
  });

  it('names the lead time when the stock runs out before the order arrives', () => {
    // 4 on hand, 3 a day, order arrives on day 3: day 1 finds 1 unit for 3.
    const r = lineRisk({
      forecast: exact(3, 14),
      onHand: 4,
      openOrders: [],
      orderQuantity: 9,
      leadTime: 3,
      reviewPeriod: 3,
    });
    expect(r.atRisk).toBe(true);
    expect(r.stockOutPeriod).toBe(1);
    expect(r.reason).toBe('lead-time');
    // 9 demanded before the order, 4 in stock: 5 lost; the order covers the 9 after it.
    expect(r.expectedLostUnits).toBeCloseTo(5, 9);
  });

  it('counts open orders in the period they arrive', () => {
    const r = lineRisk({
      forecast: exact(3, 14),
      onHand: 4,
      openOrders: [{ quantity: 6, arrivesInPeriods: 1 }],
      orderQuantity: 9,
      leadTime: 3,
      reviewPeriod: 3,
    });
    expect(r.atRisk).toBe(false);
    expect(r.expectedLostUnits).toBeCloseTo(0, 9);
  });

  it('blames the maximum stock when a capped order runs out after it arrives', () => {
    const input = {
      forecast: exact(3, 14),
      onHand: 10,
      openOrders: [],
      orderQuantity: 3,
      leadTime: 2,
      reviewPeriod: 3,
    };
    // Closing 7, 4, 4, 1, then day 4 finds 1 unit for 3.
    expect(lineRisk({ ...input, limits: ['max-stock'] })).toMatchObject({
      stockOutPeriod: 4,
      reason: 'max-stock',
    });
    expect(lineRisk(input).reason).toBe('short-order');
    expect(lineRisk(input).expectedLostUnits).toBeCloseTo(2, 9);
  });

  it('ranks by the tails: spread demand loses units the P50 projection does not flag', () => {
    const forecast = flatForecast(5, 2, 14);
    const base = {
      forecast,
      onHand: 11,
      openOrders: [],
      leadTime: 2,
      reviewPeriod: 2,
    };
    const small = lineRisk({ ...base, orderQuantity: 10 });
    const large = lineRisk({ ...base, orderQuantity: 20 });
    expect(small.atRisk).toBe(false);
    expect(small.expectedLostUnits).toBeGreaterThan(0);
    expect(large.expectedLostUnits).toBeLessThan(small.expectedLostUnits);
  });

  it('stays within the lost units the served fill-rate target allows', () => {
    const input = {
      forecast: flatForecast(6, 2.5, 21),
      onHand: 5,
      leadTime: 3,
      reviewPeriod: 7,
      service: { kind: 'fill-rate', level: 0.95 } as const,
      unmetDemand: 'lost-sales' as const,
      lostSalesDemand: 'quantiles' as const,
    };
    const policy = computePolicy(input);
    const demand = policy.quantileDemand;
    expect(demand).not.toBeNull();
    if (!demand) return;
    const lost = expectedLostUnits({
      ...demand,
      available: 5,
      order: policy.order.quantity,
    });
    // The order is sized so the cycle loses at most (1 − β)·E[D_R] (rounding up to units only helps).
    expect(lost.cycle).toBeLessThanOrEqual(0.05 * demand.review.mean + 1e-6);
    const rec = recommendOrder(input);
    expect(rec.breakdown.expectedLostUnits).toBeCloseTo(
      lost.leadTime + lost.cycle,
      9,
    );
  });
});

describe('lineRisk from a decision in a fitted shape', () => {
  it('reads the shape the decision used and agrees with the quantile reading', () => {
    const input = {
      forecast: flatForecast(6, 2.5, 21),
      onHand: 20,
      openOrders: [],
      leadTime: 3,
      reviewPeriod: 7,
    };
    // A lead-time spread makes the served policy size in the fitted shape.
    const policy = computePolicy({
      ...input,
      leadTimeSd: 0.5,
      service: { kind: 'fill-rate', level: 0.95 },
      unmetDemand: 'lost-sales',
      lostSalesDemand: 'quantiles',
    });
    expect(policy.quantileDemand).toBeNull();
    const order = policy.order.quantity;
    const shaped = lineRisk({ ...input, orderQuantity: order, policy });
    const read = lineRisk({ ...input, orderQuantity: order });
    expect(shaped.expectedLostUnits).toBeGreaterThan(0);
    // The lead-time spread adds some risk the plain quantile reading does not see.
    expect(shaped.expectedLostUnits).toBeGreaterThanOrEqual(
      0.8 * read.expectedLostUnits,
    );
    expect(shaped.expectedLostUnits).toBeLessThan(
      2 * read.expectedLostUnits + 0.05,
    );
  });
});

describe('the explanation of a remaining risk', () => {
  it('says a capped order runs out before the next delivery', () => {
    // 40 on hand, 5 a day, lead time 2, review 7: the order is capped at 42 − 40 = 2; closing
    // 35, 30, 27, 22, …, 2, and day 8 finds 2 units for 5.
    const r = recommendOrder({
      forecast: flatForecast(5, 1, 14),
      onHand: 40,
      leadTime: 2,
      reviewPeriod: 7,
      service: { kind: 'cycle-service', level: 0.95 },
      maxStock: 42,
      asOf: '2026-12-01',
    });
    expect(r.orderQuantity).toBe(2);
    expect(r.breakdown.riskReason).toBe('max-stock');
    expect(r.breakdown.arrivalDate).toBe('2026-12-03');
    expect(r.explanation).toContain(
      'Still short (capped by the maximum stock): stock runs out on 2026-12-09, before the next delivery on 2026-12-10.',
    );
  });
});

describe('expectedLostUnits', () => {
  it('agrees with a brute-force average over both demands', () => {
    const lead = quantileDistribution([0.1, 0.5, 0.9], [2, 5, 9]);
    const review = quantileDistribution([0.1, 0.5, 0.9], [3, 6, 11]);
    const available = 6;
    const order = 4;
    const n = 800;
    let brute = 0;
    for (let i = 0; i < n; i++) {
      const dl = lead.quantile((i + 0.5) / n);
      const carried = Math.max(0, available - dl);
      let cycle = 0;
      for (let j = 0; j < n; j++) {
        cycle += Math.max(0, review.quantile((j + 0.5) / n) - order - carried);
      }
      brute += Math.max(0, dl - available) + cycle / n;
    }
    brute /= n;
    const lost = expectedLostUnits({
      leadTime: lead,
      review,
      available,
      order,
    });
    expect(lost.leadTime + lost.cycle).toBeCloseTo(brute, 2);
  });
});

describe('lostMargin', () => {
  it('values lost units at the unit margin, never below zero', () => {
    expect(lostMargin(4, 2.5, 1)).toBeCloseTo(6, 12);
    expect(lostMargin(4, 1, 2)).toBe(0);
    expect(lostMargin(-1, 3, 1)).toBe(0);
  });
});
