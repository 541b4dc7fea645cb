import type {
  ExplanationFacts,
  RecommendationLine,
} from '@shelfcast/contracts';
import type { TranslationKey } from '../../core/i18n/en';
import type { I18n } from '../../core/i18n/i18n';

type Periods = Record<
  'day' | 'week',
  { one: TranslationKey; other: TranslationKey }
>;

const PERIODS: Periods = {
  day: {
    one: 'inventory.explain.day.one',
    other: 'inventory.explain.day.other',
  },
  week: {
    one: 'inventory.explain.week.one',
    other: 'inventory.explain.week.other',
  },
};

/**
 * The recommendation's explanation in the active language, written from its numbers with the same
 * rules as the server's English sentence (inventory-policy `explain()`); lines without numbers
 * keep the server's English text.
 */
export function explanationText(
  line: Pick<RecommendationLine, 'explanation' | 'explanationFacts'>,
  i18n: I18n,
): string {
  return line.explanationFacts
    ? explainFacts(line.explanationFacts, i18n)
    : line.explanation;
}

export function explainFacts(f: ExplanationFacts, i18n: I18n): string {
  const t = (key: TranslationKey, params?: Record<string, string>) =>
    i18n.t(key, params);
  // Whole units from 10 up, one decimal below (as the server rounds).
  const q = (x: number) => {
    const r = Math.abs(x) >= 10 ? Math.round(x) : Math.round(x * 10) / 10;
    return i18n.formatNumber(Object.is(r, -0) ? 0 : r, {
      maximumFractionDigits: 1,
    });
  };
  const periods = (n: number) =>
    t(PERIODS[f.periodUnit][n === 1 ? 'one' : 'other'], { n: q(n) });
  const level = i18n.formatNumber(f.service.level, {
    style: 'percent',
    maximumFractionDigits: 1,
  });
  const service = t(
    f.service.kind === 'fill-rate'
      ? 'inventory.explain.fillRate'
      : 'inventory.explain.cycleService',
    { level },
  );
  const span = periods(f.protectionPeriods);
  const demand = t('inventory.explain.demand', {
    periods: span,
    mean: q(f.demandMean),
    sd: q(f.demandSd),
  });
  const stock =
    t('inventory.explain.onHand', { n: q(f.onHand) }) +
    (f.backorders > 0
      ? t('inventory.explain.backorders', { n: q(f.backorders) })
      : '') +
    t('inventory.explain.inbound', { n: q(f.inbound) });
  const safety = t('inventory.explain.safety', {
    n: q(f.safetyStock),
    service,
  });
  const context = { demand, stock, safety };
  const parts: string[] = [];

  if (f.decision === 'order') {
    const cases =
      f.casePack > 1
        ? t(
            f.cases === 1
              ? 'inventory.explain.cases.one'
              : 'inventory.explain.cases.other',
            { n: q(f.cases) },
          )
        : '';
    parts.push(
      t('inventory.explain.order', {
        qty: q(f.orderQuantity),
        cases,
        ...context,
      }),
    );
    if (f.limits.includes('moq')) {
      parts.push(t('inventory.explain.moq', { n: q(f.moq) }));
    }
    if (f.limits.includes('max-stock')) {
      parts.push(
        t('inventory.explain.maxStock', {
          max: q(f.maxStock ?? 0),
          needed: q(f.requirement),
        }),
      );
    }
  } else if (f.decision === 'blocked-by-max-stock') {
    parts.push(
      t('inventory.explain.blocked', {
        needed: q(f.requirement),
        max: q(f.maxStock ?? 0),
        ...context,
      }),
    );
  } else if (f.demandMean <= 0) {
    parts.push(t('inventory.explain.noDemand', { periods: span, stock }));
  } else {
    parts.push(
      t('inventory.explain.notBelow', {
        position: q(f.protectedPosition),
        rop: q(f.reorderPoint),
        ...context,
      }),
    );
  }
  if (f.inboundBeyondProtection > 0) {
    parts.push(
      t('inventory.explain.notCounted', {
        n: q(f.inboundBeyondProtection),
        periods: span,
      }),
    );
  }
  const risk = afterOrderSentence(f, i18n, periods);
  if (risk !== null) parts.push(risk);
  if (f.expiryRisk !== null && f.expiryRisk > 0 && f.shelfLife !== null) {
    parts.push(
      t('inventory.explain.expiry', {
        n: q(f.expiryRisk),
        life: q(f.shelfLife),
        unit: t(
          f.periodUnit === 'week'
            ? 'inventory.explain.unit.week'
            : 'inventory.explain.unit.day',
        ),
      }),
    );
  }
  if (f.excessStock > 0) {
    parts.push(
      t('inventory.explain.excess', {
        n: q(f.excessStock),
        periods: periods(f.excessCoverPeriods),
      }),
    );
  }
  // Chinese sentences follow each other without a space.
  return parts.join(i18n.language() === 'zh-CN' ? '' : ' ');
}

/**
 * The sentence on what the order leaves at risk (lines stored with the after-order risk), or the
 * older "stock-out before a new order can arrive" for lines stored before it; null when none.
 */
function afterOrderSentence(
  f: ExplanationFacts,
  i18n: I18n,
  periods: (n: number) => string,
): string | null {
  const date = (d: string) => i18n.formatDate(d);
  if (f.riskReason === undefined) {
    if (f.stockOutPeriod === null || f.stockOutPeriod >= f.leadTime)
      return null;
    return f.stockOutDate
      ? i18n.t('inventory.explain.stockoutOn', { date: date(f.stockOutDate) })
      : i18n.t('inventory.explain.stockoutIn', {
          periods: periods(f.stockOutPeriod),
        });
  }
  const at = f.riskStockOutPeriod ?? null;
  if (f.riskReason === null || at === null) return null;
  const on = f.riskStockOutDate ?? null;
  const next = f.nextDeliveryDate ?? null;
  if (f.riskReason === 'lead-time') {
    const lead = periods(f.leadTime);
    return on
      ? i18n.t('inventory.explain.leadTimeOn', { date: date(on), lead })
      : i18n.t('inventory.explain.leadTimeIn', { periods: periods(at), lead });
  }
  const capped =
    f.riskReason === 'max-stock' ? i18n.t('inventory.explain.capped') : '';
  return on && next
    ? i18n.t('inventory.explain.shortOn', {
        capped,
        date: date(on),
        next: date(next),
      })
    : i18n.t('inventory.explain.shortIn', {
        capped,
        periods: periods(at),
        next: periods(f.nextDeliveryPeriod ?? 0),
      });
}
