import { TestBed } from '@angular/core/testing';
import type { ExplanationFacts } from '@shelfcast/contracts';
import { I18n } from '../../core/i18n/i18n';
import { explainFacts, explanationText } from './explanation';

/**
 * Breakdowns stored by the API and the English sentence the server's `explain()`
 * (backend/libs/inventory-policy) wrote for each, captured from the library.
 */
const SERVER: Record<string, { facts: ExplanationFacts; english: string }> = {
  order: {
    facts: {
      orderQuantity: 48,
      cases: 4,
      casePack: 12,
      moq: 0,
      leadTime: 7,
      protectionPeriods: 9,
      demandMean: 41.00000000000001,
      demandSd: 9,
      safetyStock: 14.803682642563246,
      reorderPoint: 55.80368264256325,
      onHand: 12,
      backorders: 0,
      inbound: 0,
      inboundBeyondProtection: 0,
      protectedPosition: 12,
      requirement: 43.80368264256325,
      excessStock: 0,
      excessCoverPeriods: 28,
      decision: 'order',
      periodUnit: 'day',
      maxStock: null,
      limits: ['case-pack'],
      service: { kind: 'cycle-service', level: 0.95 },
      stockOutPeriod: 2,
      stockOutDate: null,
      shelfLife: null,
      expiryRisk: null,
    },
    english:
      'Order 48 (4 cases): expected demand over 9 days 41 ± 9, on hand 12, inbound 0, safety stock 15 for 95% service. Stock-out expected in 2 days, before a new order can arrive.',
  },
  moqAndLateInbound: {
    facts: {
      orderQuantity: 60,
      cases: 5,
      casePack: 12,
      moq: 60,
      leadTime: 7,
      protectionPeriods: 9,
      demandMean: 41.00000000000001,
      demandSd: 9,
      safetyStock: 14.803682642563246,
      reorderPoint: 55.80368264256325,
      onHand: 12,
      backorders: 0,
      inbound: 0,
      inboundBeyondProtection: 30,
      protectedPosition: 12,
      requirement: 43.80368264256325,
      excessStock: 0,
      excessCoverPeriods: 28,
      decision: 'order',
      periodUnit: 'day',
      maxStock: null,
      limits: ['moq'],
      service: { kind: 'cycle-service', level: 0.95 },
      stockOutPeriod: 2,
      stockOutDate: null,
      shelfLife: null,
      expiryRisk: null,
    },
    english:
      'Order 60 (5 cases): expected demand over 9 days 41 ± 9, on hand 12, inbound 0, safety stock 15 for 95% service. Raised to the minimum order of 60. Not counted: 30 inbound arriving after the 9 days. Stock-out expected in 2 days, before a new order can arrive.',
  },
  notBelow: {
    facts: {
      orderQuantity: 0,
      cases: 0,
      casePack: 12,
      moq: 0,
      leadTime: 7,
      protectionPeriods: 9,
      demandMean: 41.00000000000001,
      demandSd: 9,
      safetyStock: 14.003452301025384,
      reorderPoint: 55.00345230102539,
      onHand: 60,
      backorders: 0,
      inbound: 0,
      inboundBeyondProtection: 0,
      protectedPosition: 60,
      requirement: 0,
      excessStock: 0,
      excessCoverPeriods: 28,
      decision: 'no-order',
      periodUnit: 'day',
      maxStock: null,
      limits: [],
      service: { kind: 'fill-rate', level: 0.975 },
      stockOutPeriod: 13,
      stockOutDate: null,
      shelfLife: null,
      expiryRisk: null,
    },
    english:
      'No order: stock position 60 is not below the reorder point 55; expected demand over 9 days 41 ± 9, on hand 60, inbound 0, safety stock 14 for 97.5% fill rate.',
  },
  noDemand: {
    facts: {
      orderQuantity: 0,
      cases: 0,
      casePack: 1,
      moq: 0,
      leadTime: 7,
      protectionPeriods: 9,
      demandMean: 0,
      demandSd: 0,
      safetyStock: 0,
      reorderPoint: 0,
      onHand: 12,
      backorders: 0,
      inbound: 0,
      inboundBeyondProtection: 0,
      protectedPosition: 12,
      requirement: 0,
      excessStock: 12,
      excessCoverPeriods: 28,
      decision: 'no-order',
      periodUnit: 'day',
      maxStock: null,
      limits: [],
      service: { kind: 'cycle-service', level: 0.95 },
      stockOutPeriod: null,
      stockOutDate: null,
      shelfLife: null,
      expiryRisk: null,
    },
    english:
      'No order: no demand expected over 9 days; on hand 12, inbound 0. Excess stock: 12 above the order-up-to level plus 28 days of demand.',
  },
  maxStock: {
    facts: {
      orderQuantity: 24,
      cases: 2,
      casePack: 12,
      moq: 0,
      leadTime: 7,
      protectionPeriods: 9,
      demandMean: 41.00000000000001,
      demandSd: 9,
      safetyStock: 14.803682642563246,
      reorderPoint: 55.80368264256325,
      onHand: 12,
      backorders: 2,
      inbound: 0,
      inboundBeyondProtection: 0,
      protectedPosition: 10,
      requirement: 45.80368264256325,
      excessStock: 0,
      excessCoverPeriods: 28,
      decision: 'order',
      periodUnit: 'day',
      maxStock: 36,
      limits: ['case-pack', 'max-stock'],
      service: { kind: 'cycle-service', level: 0.95 },
      stockOutPeriod: 2,
      stockOutDate: null,
      shelfLife: null,
      expiryRisk: null,
    },
    english:
      'Order 24 (2 cases): expected demand over 9 days 41 ± 9, on hand 12, backorders 2, inbound 0, safety stock 15 for 95% service. Capped by the maximum stock of 36 (46 needed). Stock-out expected in 2 days, before a new order can arrive.',
  },
  stockoutExpiryExcess: {
    facts: {
      orderQuantity: 0,
      cases: 0,
      casePack: 12,
      moq: 0,
      leadTime: 7,
      protectionPeriods: 9,
      demandMean: 41.00000000000001,
      demandSd: 9,
      safetyStock: 14.803682642563246,
      reorderPoint: 55.80368264256325,
      onHand: 200,
      backorders: 0,
      inbound: 0,
      inboundBeyondProtection: 0,
      protectedPosition: 200,
      requirement: 0,
      excessStock: 125.97409513521453,
      excessCoverPeriods: 4,
      decision: 'no-order',
      periodUnit: 'week',
      maxStock: null,
      limits: [],
      service: { kind: 'cycle-service', level: 0.95 },
      stockOutPeriod: null,
      stockOutDate: null,
      shelfLife: 5,
      expiryRisk: 177.22222222222223,
    },
    english:
      'No order: stock position 200 is not below the reorder point 56; expected demand over 9 weeks 41 ± 9, on hand 200, inbound 0, safety stock 15 for 95% service. Expiry risk: 177 units may not sell within the 5-week shelf life. Excess stock: 126 above the order-up-to level plus 4 weeks of demand.',
  },
  stockoutSoon: {
    facts: {
      orderQuantity: 60,
      cases: 5,
      casePack: 12,
      moq: 0,
      leadTime: 7,
      protectionPeriods: 9,
      demandMean: 41.00000000000001,
      demandSd: 9,
      safetyStock: 14.803682642563246,
      reorderPoint: 55.80368264256325,
      onHand: 5,
      backorders: 0,
      inbound: 0,
      inboundBeyondProtection: 0,
      protectedPosition: 5,
      requirement: 50.80368264256325,
      excessStock: 0,
      excessCoverPeriods: 28,
      decision: 'order',
      periodUnit: 'day',
      maxStock: null,
      limits: ['case-pack'],
      service: { kind: 'cycle-service', level: 0.95 },
      stockOutPeriod: 1,
      stockOutDate: '2026-11-29',
      shelfLife: null,
      expiryRisk: null,
    },
    english:
      'Order 60 (5 cases): expected demand over 9 days 41 ± 9, on hand 5, inbound 0, safety stock 15 for 95% service. Stock-out expected on 2026-11-29, before a new order can arrive.',
  },
  blocked: {
    facts: {
      orderQuantity: 0,
      cases: 0,
      casePack: 12,
      moq: 24,
      leadTime: 7,
      protectionPeriods: 9,
      demandMean: 41.00000000000001,
      demandSd: 9,
      safetyStock: 14.803682642563246,
      reorderPoint: 55.80368264256325,
      onHand: 12,
      backorders: 0,
      inbound: 0,
      inboundBeyondProtection: 0,
      protectedPosition: 12,
      requirement: 43.80368264256325,
      excessStock: 0,
      excessCoverPeriods: 28,
      decision: 'blocked-by-max-stock',
      periodUnit: 'day',
      maxStock: 20,
      limits: ['case-pack', 'max-stock-below-moq'],
      service: { kind: 'cycle-service', level: 0.95 },
      stockOutPeriod: 2,
      stockOutDate: null,
      shelfLife: null,
      expiryRisk: null,
    },
    english:
      'No order: 44 needed but the maximum stock of 20 leaves no room for a whole case of at least the minimum order; expected demand over 9 days 41 ± 9, on hand 12, inbound 0, safety stock 15 for 95% service. Stock-out expected in 2 days, before a new order can arrive.',
  },
};

/** Lines stored with the after-order risk (the library's riskReason and its dates). */
const AFTER_ORDER = {
  leadTime: {
    facts: {
      ...SERVER['order'].facts,
      riskReason: 'lead-time',
      riskStockOutPeriod: 2,
      riskStockOutDate: null,
      nextDeliveryPeriod: 9,
      nextDeliveryDate: null,
    },
    english:
      'Order 48 (4 cases): expected demand over 9 days 41 ± 9, on hand 12, inbound 0, safety stock 15 for 95% service. Stock-out expected in 2 days, before a new order can arrive (lead time 7 days).',
  },
  capped: {
    facts: {
      ...SERVER['order'].facts,
      stockOutPeriod: 8,
      riskReason: 'max-stock',
      riskStockOutPeriod: 8,
      riskStockOutDate: '2026-12-06',
      nextDeliveryPeriod: 9,
      nextDeliveryDate: '2026-12-07',
    },
    english:
      'Order 48 (4 cases): expected demand over 9 days 41 ± 9, on hand 12, inbound 0, safety stock 15 for 95% service. Still short (capped by the maximum stock): stock runs out on 2026-12-06, before the next delivery on 2026-12-07.',
  },
  covered: {
    facts: {
      ...SERVER['order'].facts,
      riskReason: null,
      riskStockOutPeriod: null,
      riskStockOutDate: null,
      nextDeliveryPeriod: 9,
      nextDeliveryDate: null,
    },
    english:
      'Order 48 (4 cases): expected demand over 9 days 41 ± 9, on hand 12, inbound 0, safety stock 15 for 95% service.',
  },
} satisfies Record<string, { facts: ExplanationFacts; english: string }>;

describe('recommendation explanations in the active language', () => {
  let i18n: I18n;
  beforeEach(() => {
    i18n = TestBed.inject(I18n);
  });

  it.each(Object.keys(SERVER).filter((k) => k !== 'stockoutSoon'))(
    'writes the server English sentence from the numbers (%s)',
    (name) => {
      i18n.setLanguage('en');
      expect(explainFacts(SERVER[name].facts, i18n)).toBe(SERVER[name].english);
    },
  );

  it('writes a stock-out date in the locale (the server writes it as ISO)', () => {
    const { facts, english } = SERVER['stockoutSoon'];
    i18n.setLanguage('en');
    expect(english).toContain('Stock-out expected on 2026-11-29,');
    expect(explainFacts(facts, i18n)).toBe(
      english.replace('2026-11-29', 'Nov 29, 2026'),
    );
  });

  it('writes the same numbers in Simplified Chinese', () => {
    i18n.setLanguage('zh-CN');
    expect(explainFacts(SERVER['moqAndLateInbound'].facts, i18n)).toBe(
      '订购 60（5 箱）：9 天内预计需求 41 ± 9，现有库存 12，在途 0，安全库存 15（95% 服务水平）。已提高到最小起订量 60。未计入：9 天之后到货的在途 30。预计 2 天后缺货，早于新订单到货。',
    );
    expect(explainFacts(SERVER['notBelow'].facts, i18n)).toBe(
      '不订购：库存位置 60 不低于再订货点 55；9 天内预计需求 41 ± 9，现有库存 60，在途 0，安全库存 14（97.5% 满足率）。',
    );
  });

  it('says why a line stays at risk after ordering, as the server does', () => {
    i18n.setLanguage('en');
    expect(explainFacts(AFTER_ORDER.leadTime.facts, i18n)).toBe(
      AFTER_ORDER.leadTime.english,
    );
    // The old "before a new order can arrive" sentence is not repeated once the order covers it.
    expect(explainFacts(AFTER_ORDER.covered.facts, i18n)).toBe(
      AFTER_ORDER.covered.english,
    );
    expect(explainFacts(AFTER_ORDER.capped.facts, i18n)).toBe(
      AFTER_ORDER.capped.english
        .replace('2026-12-06', 'Dec 6, 2026')
        .replace('2026-12-07', 'Dec 7, 2026'),
    );
    i18n.setLanguage('zh-CN');
    expect(explainFacts(AFTER_ORDER.leadTime.facts, i18n)).toContain(
      '预计 2 天后缺货，早于新订单到货（提前期 7 天）。',
    );
    expect(explainFacts(AFTER_ORDER.capped.facts, i18n)).toContain(
      '订货后仍不足（受最大库存限制）',
    );
  });

  it('keeps the server text when a line has no numbers', () => {
    i18n.setLanguage('zh-CN');
    expect(
      explanationText(
        { explanation: 'Order 12: legacy text.', explanationFacts: null },
        i18n,
      ),
    ).toBe('Order 12: legacy text.');
  });
});
