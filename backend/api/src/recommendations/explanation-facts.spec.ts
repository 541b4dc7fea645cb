import { flatForecast, recommendOrder } from '@shelfcast/inventory-policy';
import { explanationFactsOf } from './explanation-facts';

describe('explanationFactsOf', () => {
  const r = recommendOrder({
    forecast: flatForecast(41 / 9, 3, 14),
    onHand: 12,
    leadTime: 7,
    reviewPeriod: 2,
    service: { kind: 'cycle-service', level: 0.95 },
    casePack: 12,
    moq: 60,
    unmetDemand: 'lost-sales',
  });

  it('keeps every number of the stored breakdown the explanation uses', () => {
    const facts = explanationFactsOf(JSON.stringify(r.breakdown));
    const b = r.breakdown;
    expect(facts).toEqual({
      decision: 'order',
      orderQuantity: 60,
      cases: 5,
      casePack: 12,
      moq: 60,
      maxStock: null,
      limits: ['moq'],
      unmetDemand: 'lost-sales',
      periodUnit: 'day',
      leadTime: 7,
      protectionPeriods: 9,
      demandMean: b.demandMean,
      demandSd: b.demandSd,
      service: { kind: 'cycle-service', level: 0.95 },
      safetyStock: b.safetyStock,
      reorderPoint: b.reorderPoint,
      onHand: 12,
      backorders: 0,
      inbound: 0,
      inboundBeyondProtection: 0,
      protectedPosition: 12,
      requirement: b.requirement,
      stockOutPeriod: b.stockOutPeriod,
      stockOutDate: null,
      excessStock: 0,
      excessCoverPeriods: b.excessCoverPeriods,
      shelfLife: null,
      expiryRisk: null,
      // With the order: it arrives after the day stock runs out (lead time 7 > 2 days of cover).
      nextDeliveryPeriod: 9,
      nextDeliveryDate: null,
      riskReason: 'lead-time',
      riskStockOutPeriod: 2,
      riskStockOutDate: null,
    });
    expect(r.explanation).toContain('Raised to the minimum order of 60.');
  });

  it('gives null for text that is not a breakdown, so clients fall back to English', () => {
    expect(explanationFactsOf('not json')).toBeNull();
    expect(explanationFactsOf('{}')).toBeNull();
    expect(
      explanationFactsOf(JSON.stringify({ ...r.breakdown, decision: 'maybe' })),
    ).toBeNull();
    expect(
      explanationFactsOf(JSON.stringify({ ...r.breakdown, onHand: '12' })),
    ).toBeNull();
  });
});
