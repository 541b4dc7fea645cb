import type {
  RecommendationFilters,
  RecommendationRisk,
  RecommendationStatus,
  RiskReason,
} from '@shelfcast/contracts';
import type { TranslationKey } from '../../core/i18n/en';
import type { I18n } from '../../core/i18n/i18n';

export const riskKey = (risk: RecommendationRisk): TranslationKey =>
  `inventory.risk.${risk}` as const;

export const riskReasonKey = (reason: RiskReason): TranslationKey =>
  `inventory.riskReason.${reason}` as const;

export const statusKey = (status: RecommendationStatus): TranslationKey =>
  `inventory.status.${status}` as const;

/** The active filters in words, for the bulk confirmation ("store S01, risk Stock-out"). */
export function describeFilters(f: RecommendationFilters, i18n: I18n): string {
  const named = (key: TranslationKey, value: string) =>
    `${i18n.t(key)} ${value}`;
  const parts = [
    f.region && named('inventory.filters.region', f.region),
    f.store && named('inventory.filters.store', f.store),
    f.category && named('inventory.filters.category', f.category),
    f.abc && named('inventory.filters.abc', f.abc),
    f.xyz && named('inventory.filters.xyz', f.xyz),
    f.risk && named('inventory.filters.risk', i18n.t(riskKey(f.risk))),
    f.status && named('inventory.filters.status', i18n.t(statusKey(f.status))),
    f.search && named('inventory.filters.search', `"${f.search}"`),
  ].filter((p): p is string => !!p);
  return parts.length ? parts.join(', ') : i18n.t('inventory.bulkFilterNone');
}
