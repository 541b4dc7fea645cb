import { computePolicy } from './policy';
import { recommendOrder } from './recommend-order';
import { replayPolicy } from './replay/replay-policy';
import { Forecaster } from './replay/forecaster';
import {
  SERVED_QUANTILE_LEVELS,
  servedPolicy,
  servedPolicyInput,
  ServedDecision,
} from './served-policy';

// Skewed weekly demand: nine quantiles per period, mean about 20.
const nine = [2, 5, 9, 14, 19, 26, 34, 40, 48];
const forecast = {
  levels: SERVED_QUANTILE_LEVELS,
  values: nine.map((v) => Float64Array.of(v, v)),
};
const decision = (over: Partial<ServedDecision> = {}): ServedDecision => ({
  forecast,
  onHand: 5,
  leadTime: 1,
  reviewPeriod: 1,
  service: { kind: 'fill-rate', level: 0.95 },
  unmetDemand: 'lost-sales',
  ...over,
});

describe('servedPolicy', () => {
  it('reads lost-sales demand from the quantiles themselves', () => {
    const p = servedPolicy(decision());
    expect(p.demandReading).toBe('quantiles');
    expect(p.order.quantity).toBeGreaterThan(0);
  });

  it('orders less under lost sales than under backorders when a stock-out in the lead time is likely', () => {
    const lost = servedPolicy(decision({ onHand: 0 })).order.quantity;
    const back = servedPolicy(decision({ onHand: 0, unmetDemand: 'backorder' }))
      .order.quantity;
    expect(lost).toBeLessThan(back);
  });

  it('is what recommendOrder serves for the same inputs, and the explanation names the demand model', () => {
    for (const unmetDemand of ['lost-sales', 'backorder'] as const) {
      const d = decision({ unmetDemand, casePack: 6 });
      const rec = recommendOrder({
        ...servedPolicyInput(d),
        periodUnit: 'week',
      });
      expect(rec.orderQuantity).toBe(servedPolicy(d).order.quantity);
      expect(rec.breakdown.unmetDemand).toBe(unmetDemand);
      expect(rec.explanation).toContain(
        unmetDemand === 'lost-sales' ? 'lost sales' : 'backorders',
      );
    }
  });

  it('is the decision the replay takes at each review with the same forecast', () => {
    const fixed: Forecaster = { name: 'fixed', forecast: () => forecast };
    const r = replayPolicy({ demand: Float64Array.of(20, 20, 20) }, fixed, {
      service: { kind: 'fill-rate', level: 0.95 },
      start: 0,
      initialOnHand: 5,
      lostSalesDemand: 'quantiles',
      keepTrace: true,
    });
    // First review: 5 on hand, nothing inbound.
    expect(r.trace?.ordered[0]).toBe(servedPolicy(decision()).order.quantity);
    expect(servedPolicy(decision()).order.quantity).toBe(
      computePolicy(servedPolicyInput(decision())).order.quantity,
    );
  });
});
