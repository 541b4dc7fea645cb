import type { BarSeries } from '@shelfcast/charts';
import type {
  PolicyProofView,
  ProofGroupView,
  ProofLineView,
} from '@shelfcast/contracts';

/** Legends of the three bars of each group, already translated. */
export interface ProofSeriesLabels {
  target: string;
  achieved: string;
  naive: string;
}

const pct = (v: number | null): number | null =>
  v === null ? null : Math.round(v * 1000) / 10;

/** The target, achieved and naive-fed fill rate (in %) per group, for the grouped bar chart. */
export function fillRateSeries(
  groups: readonly ProofGroupView[],
  labels: ProofSeriesLabels,
): { categories: string[]; series: BarSeries[] } {
  const replayed = groups.filter((g) => g.lines > 0);
  return {
    categories: replayed.map((g) => g.key),
    series: [
      { name: labels.target, values: replayed.map((g) => pct(g.target)) },
      {
        name: labels.achieved,
        values: replayed.map((g) => pct(g.served.fillRate)),
      },
      {
        name: labels.naive,
        values: replayed.map((g) => pct(g.naive.fillRate)),
      },
    ],
  };
}

/**
 * The served policy's stock against the naive-fed policy's, as a signed fraction: 0.4 means 40 %
 * less stock than naive-fed, −0.1 10 % more. Null without naive stock to compare with.
 */
export function stockSaving(g: ProofGroupView): number | null {
  return g.naive.avgOnHand > 0
    ? 1 - g.served.avgOnHand / g.naive.avgOnHand
    : null;
}

/** The lines that were not replayed, with their reason. */
export function skippedLines(proof: PolicyProofView): ProofLineView[] {
  return proof.page.items.filter((l) => l.skipReason !== null);
}
