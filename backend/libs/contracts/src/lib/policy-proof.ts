/** The policy proof: the served policy replayed over the recent weeks, beside the naive-fed policy. */

/** Why a line was not replayed (shown per line in the Policy proof view). */
export const PROOF_SKIP_REASONS = [
  'no-backtest',
  'no-stock-history',
  'short-series',
  'all-zero',
  'unsupported-grain',
] as const;
export type ProofSkipReasonCode = (typeof PROOF_SKIP_REASONS)[number];

/** One side of the comparison, summed over lines (fill rate weighted by demand). */
export interface ProofSideView {
  fillRate: number | null;
  avgOnHand: number;
  stockOutDays: number;
  lostUnits: number;
}

export interface ProofGroupView {
  key: string;
  lines: number;
  demand: number;
  /** The lines' fill-rate targets, weighted by demand (null without replayed lines). */
  target: number | null;
  served: ProofSideView;
  naive: ProofSideView;
}

export interface ProofLineView {
  recommendationId: number | null;
  store: string;
  sku: string;
  category: string;
  periodUnit: string;
  /** The line's fill-rate target (its service level). */
  target: number | null;
  periods: number;
  demand: number;
  skipReason: string | null;
  served: ProofSideView | null;
  naive: ProofSideView | null;
}

export interface PolicyProofView {
  id: number;
  status: string;
  trigger: string;
  runId: string | null;
  weeks: number;
  from: string | null;
  to: string | null;
  lines: number;
  skipped: number;
  durationMs: number | null;
  error: string | null;
  startedAt: string;
  finishedAt: string | null;
  /** What the replay assumes where the data says nothing. */
  assumptions: string[];
  total: ProofGroupView;
  byStore: ProofGroupView[];
  byCategory: ProofGroupView[];
  page: {
    total: number;
    limit: number;
    offset: number;
    items: ProofLineView[];
  };
}

/** One recommendation line's proof, for the line's detail. */
export interface RecommendationProofView {
  proofId: number;
  recommendationId: number;
  weeks: number;
  from: string | null;
  to: string | null;
  periodUnit: string;
  periods: number;
  target: number | null;
  skipReason: string | null;
  served: ProofSideView | null;
  naive: ProofSideView | null;
}
