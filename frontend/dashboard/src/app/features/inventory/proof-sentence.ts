import type {
  ProofSkipReasonCode,
  RecommendationProofView,
} from '@shelfcast/contracts';
import type { I18n } from '../../core/i18n/i18n';

const percent = (i18n: I18n, v: number | null) =>
  i18n.formatNumber(v, { style: 'percent', maximumFractionDigits: 1 });
const units = (i18n: I18n, v: number | null) =>
  i18n.formatNumber(v, { maximumFractionDigits: 1 });

/**
 * "On this item's last N weeks this policy would have delivered X % fill with Y average on hand
 * (naive-fed: …)", from the line's result in the latest policy proof; the reason when the line
 * was skipped; null without a proof of the line (the detail then says so).
 */
export function proofSentence(
  proof: RecommendationProofView | null,
  i18n: I18n,
): string {
  if (!proof) return i18n.t('proof.line.none');
  if (proof.skipReason || !proof.served)
    return i18n.t('proof.line.skipped', {
      reason: i18n.t(
        `proof.skip.${(proof.skipReason ?? 'unsupported-grain') as ProofSkipReasonCode}`,
      ),
    });
  return i18n.t('proof.line.sentence', {
    weeks: proof.weeks,
    fill: percent(i18n, proof.served.fillRate),
    onHand: units(i18n, proof.served.avgOnHand),
    naiveFill: percent(i18n, proof.naive?.fillRate ?? null),
    naiveOnHand: units(i18n, proof.naive?.avgOnHand ?? null),
  });
}
