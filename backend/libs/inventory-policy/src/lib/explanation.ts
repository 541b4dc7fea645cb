import type { RecommendationBreakdown } from './recommend-order';

/** Whole units from 10 up, one decimal below, so slow movers do not read "0 ± 1". */
export function formatQuantity(x: number): string {
  const r = Math.abs(x) >= 10 ? Math.round(x) : Math.round(x * 10) / 10;
  return String(Object.is(r, -0) ? 0 : r);
}

function plural(n: number, word: string): string {
  return `${formatQuantity(n)} ${word}${n === 1 ? '' : 's'}`;
}

function percent(level: number): string {
  return `${Math.round(level * 1000) / 10}%`;
}

/**
 * One English sentence (plus short notes) per recommendation, e.g.
 * "Order 48 (4 cases): expected demand over 9 days 41 ± 9, on hand 12,
 * inbound 0, safety stock 15 for 95% service." Other languages use the breakdown.
 */
export function explain(b: RecommendationBreakdown): string {
  const q = formatQuantity;
  const service =
    b.service.kind === 'fill-rate'
      ? `${percent(b.service.level)} fill rate`
      : `${percent(b.service.level)} service`;
  const over = `over ${plural(b.protectionPeriods, b.periodUnit)}`;
  const demand = `expected demand ${over} ${q(b.demandMean)} ± ${q(b.demandSd)}`;
  const stock =
    `on hand ${q(b.onHand)}` +
    (b.backorders > 0 ? `, backorders ${q(b.backorders)}` : '') +
    `, inbound ${q(b.inbound)}`;
  const safety = `safety stock ${q(b.safetyStock)} for ${service}`;
  const parts: string[] = [];

  if (b.decision === 'order') {
    const cases = b.casePack > 1 ? ` (${plural(b.cases, 'case')})` : '';
    parts.push(
      `Order ${q(b.orderQuantity)}${cases}: ${demand}, ${stock}, ${safety}.`,
    );
    if (b.limits.includes('moq')) {
      parts.push(`Raised to the minimum order of ${q(b.moq)}.`);
    }
    if (b.limits.includes('max-stock')) {
      parts.push(
        `Capped by the maximum stock of ${q(b.maxStock ?? 0)} (${q(b.requirement)} needed).`,
      );
    }
  } else if (b.decision === 'blocked-by-max-stock') {
    parts.push(
      `No order: ${q(b.requirement)} needed but the maximum stock of ${q(b.maxStock ?? 0)} leaves no room for a whole case of at least the minimum order; ${demand}, ${stock}, ${safety}.`,
    );
  } else if (b.demandMean <= 0) {
    parts.push(`No order: no demand expected ${over}; ${stock}.`);
  } else {
    parts.push(
      `No order: stock position ${q(b.protectedPosition)} is not below the reorder point ${q(b.reorderPoint)}; ${demand}, ${stock}, ${safety}.`,
    );
  }
  if (b.inboundBeyondProtection > 0) {
    parts.push(
      `Not counted: ${q(b.inboundBeyondProtection)} inbound arriving after the ${plural(b.protectionPeriods, b.periodUnit)}.`,
    );
  }
  const when = (period: number, date: string | null): string =>
    date ? `on ${date}` : `in ${plural(period, b.periodUnit)}`;
  if (b.riskReason === 'lead-time' && b.riskStockOutPeriod !== null) {
    parts.push(
      `Stock-out expected ${when(b.riskStockOutPeriod, b.riskStockOutDate)}, before a new order can arrive (lead time ${plural(b.leadTime, b.periodUnit)}).`,
    );
  } else if (b.riskReason !== null && b.riskStockOutPeriod !== null) {
    const capped =
      b.riskReason === 'max-stock' ? ' (capped by the maximum stock)' : '';
    parts.push(
      `Still short${capped}: stock runs out ${when(b.riskStockOutPeriod, b.riskStockOutDate)}, before the next delivery ${when(b.nextDeliveryPeriod, b.nextDeliveryDate)}.`,
    );
  }
  if (b.expiryRisk !== null && b.expiryRisk > 0 && b.shelfLife !== null) {
    parts.push(
      `Expiry risk: ${q(b.expiryRisk)} units may not sell within the ${formatQuantity(b.shelfLife)}-${b.periodUnit} shelf life.`,
    );
  }
  if (b.excessStock > 0) {
    parts.push(
      `Excess stock: ${q(b.excessStock)} above the order-up-to level plus ${plural(b.excessCoverPeriods, b.periodUnit)} of demand.`,
    );
  }
  if (b.unmetDemand === 'lost-sales') {
    parts.push(
      'Sized for lost sales: demand that finds no stock is not carried over.',
    );
  } else if (b.unmetDemand === 'backorder') {
    parts.push(
      'Sized for backorders: demand that finds no stock waits for the next delivery.',
    );
  }
  return parts.join(' ');
}
