import type { ExplanationFacts, RiskReason } from '@shelfcast/contracts';

/** A stored risk reason, or null for anything else. */
export function riskReasonOf(v: unknown): RiskReason | null {
  return v === 'lead-time' || v === 'max-stock' || v === 'short-order'
    ? v
    : null;
}

const FACT_NUMBERS = [
  'orderQuantity',
  'cases',
  'casePack',
  'moq',
  'leadTime',
  'protectionPeriods',
  'demandMean',
  'demandSd',
  'safetyStock',
  'reorderPoint',
  'onHand',
  'backorders',
  'inbound',
  'inboundBeyondProtection',
  'protectedPosition',
  'requirement',
  'excessStock',
  'excessCoverPeriods',
] as const;

/**
 * The stored breakdown as {@link ExplanationFacts}, or null when it is not one (an older or
 * foreign row): clients then show the English text.
 */
export function explanationFactsOf(json: unknown): ExplanationFacts | null {
  let b: Record<string, unknown>;
  try {
    b = JSON.parse(String(json)) as Record<string, unknown>;
  } catch {
    return null;
  }
  const decision = b['decision'];
  const service = b['service'] as { kind?: unknown; level?: unknown } | null;
  if (
    (decision !== 'order' &&
      decision !== 'no-order' &&
      decision !== 'blocked-by-max-stock') ||
    (b['periodUnit'] !== 'day' && b['periodUnit'] !== 'week') ||
    !service ||
    typeof service.level !== 'number' ||
    FACT_NUMBERS.some((k) => typeof b[k] !== 'number')
  )
    return null;
  const numOrNull = (v: unknown) => (typeof v === 'number' ? v : null);
  const strOrNull = (v: unknown) => (typeof v === 'string' ? v : null);
  const facts = Object.fromEntries(
    FACT_NUMBERS.map((k) => [k, b[k] as number]),
  ) as Record<(typeof FACT_NUMBERS)[number], number>;
  return {
    ...facts,
    decision,
    periodUnit: b['periodUnit'],
    maxStock: numOrNull(b['maxStock']),
    limits: Array.isArray(b['limits']) ? b['limits'].map(String) : [],
    service: {
      kind: service.kind === 'cycle-service' ? 'cycle-service' : 'fill-rate',
      level: service.level,
    },
    stockOutPeriod: numOrNull(b['stockOutPeriod']),
    stockOutDate:
      typeof b['stockOutDate'] === 'string' ? b['stockOutDate'] : null,
    unmetDemand:
      b['unmetDemand'] === 'lost-sales' || b['unmetDemand'] === 'backorder'
        ? b['unmetDemand']
        : null,
    shelfLife: numOrNull(b['shelfLife']),
    expiryRisk: numOrNull(b['expiryRisk']),
    ...('riskReason' in b
      ? {
          riskReason: riskReasonOf(b['riskReason']),
          riskStockOutPeriod: numOrNull(b['riskStockOutPeriod']),
          riskStockOutDate: strOrNull(b['riskStockOutDate']),
          nextDeliveryPeriod: numOrNull(b['nextDeliveryPeriod']),
          nextDeliveryDate: strOrNull(b['nextDeliveryDate']),
        }
      : {}),
  };
}
