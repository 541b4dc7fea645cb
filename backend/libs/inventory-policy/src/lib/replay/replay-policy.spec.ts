import { flatForecast } from '../normal-forecast';
import { cachingForecaster, Forecaster, forecastContext } from './forecaster';
import { replayPolicy } from './replay-policy';

// Always forecasts 10 per period with no spread.
const tenEachPeriod: Forecaster = {
  name: 'ten',
  forecast: (_ctx, horizon) => flatForecast(10, 0, horizon),
};
const fillRate95 = { kind: 'fill-rate', level: 0.95 } as const;

describe('replayPolicy', () => {
  it('replays a perfectly forecast series', () => {
    // Order-up-to 20 (2 periods × 10, no safety stock). Start 20 → close 10;
    // then each period orders 10 that arrives the next period: close 0.
    const r = replayPolicy(
      { demand: Float64Array.of(10, 10, 10, 10, 10) },
      tenEachPeriod,
      { service: fillRate95, start: 0, keepTrace: true },
    );
    expect(r.fillRate).toBe(1);
    expect(r.cycleServiceLevel).toBe(1);
    expect(r.averageOnHand).toBe(2); // (10 + 0 + 0 + 0 + 0) / 5
    expect(r.orders).toBe(4);
    expect(Array.from(r.trace?.ordered ?? [])).toEqual([0, 10, 10, 10, 10]);
  });

  it('loses sales in a stock-out', () => {
    // Demand 30 in period 2 meets 10 on hand: 20 lost. Fill 50/70, 4 of 5 weeks without loss.
    const r = replayPolicy(
      { demand: Float64Array.of(10, 10, 30, 10, 10) },
      tenEachPeriod,
      { service: fillRate95, start: 0, keepTrace: true },
    );
    expect(r.totalDemand).toBe(70);
    expect(r.totalSales).toBe(50);
    expect(r.fillRate).toBeCloseTo(5 / 7, 12);
    expect(r.cycleServiceLevel).toBeCloseTo(0.8, 12);
    expect(Array.from(r.trace?.sales ?? [])).toEqual([10, 10, 10, 10, 10]);
  });

  it('receives orders in the same period without lead time', () => {
    const r = replayPolicy(
      { demand: Float64Array.of(10, 10, 10, 10) },
      tenEachPeriod,
      { service: fillRate95, start: 0, leadTime: 0 },
    );
    expect(r.fillRate).toBe(1);
    expect(r.averageOnHand).toBe(0);
    expect(r.orders).toBe(3);
  });

  it('starts from the given stock and rounds orders to case packs', () => {
    // Start 0. Period 0's demand of 10 is lost whatever is ordered, so under
    // lost sales the order only has to cover period 1: 10 → one case of 12.
    // The backorder formula would cover both periods: 20 → 24.
    const history = { demand: Float64Array.of(10, 10, 10) };
    const params = {
      service: fillRate95,
      start: 0,
      initialOnHand: 0,
      casePack: 12,
      keepTrace: true,
    };
    const lost = replayPolicy(history, tenEachPeriod, params);
    expect(lost.trace?.ordered[0]).toBe(12);
    expect(lost.totalSales).toBe(20); // nothing to sell in period 0
    const backorder = replayPolicy(history, tenEachPeriod, {
      ...params,
      policyUnmetDemand: 'backorder',
    });
    expect(backorder.trace?.ordered[0]).toBe(24);
    expect(backorder.totalSales).toBe(20);
  });

  it('forecasts once per decision when cached', () => {
    let calls = 0;
    const counting: Forecaster = {
      name: 'counting',
      forecast: (ctx, h) => {
        calls++;
        return tenEachPeriod.forecast(ctx, h);
      },
    };
    const cached = cachingForecaster(counting);
    const history = { demand: Float64Array.of(5, 10, 10, 10, 10, 10) };
    replayPolicy(history, cached, { service: fillRate95, start: 1 });
    replayPolicy(history, cached, {
      service: { kind: 'fill-rate', level: 0.99 },
      start: 1,
    });
    expect(calls).toBe(5);
  });
});

describe('forecastContext', () => {
  it('shows only the demand before the origin', () => {
    const ctx = forecastContext({ demand: Float64Array.of(1, 2, 3, 4) }, 2);
    expect(Array.from(ctx.pastDemand)).toEqual([1, 2]);
    expect(Array.from(ctx.calendar)).toEqual([0, 1, 2, 3]);
  });
});
