import type { RunSummary } from '@shelfcast/contracts';
import { isRunFinished } from '@shelfcast/contracts';

/** WAPE of each promoted run, oldest first: the champion's accuracy over time. */
export function promotedWapes(
  runs: readonly RunSummary[],
): { runId: string; at: string; wape: number }[] {
  return runs
    .filter((r) => r.status === 'promoted' && r.wape !== null)
    .map((r) => ({
      runId: r.id,
      at: r.finishedAt ?? r.createdAt,
      wape: r.wape ?? 0,
    }))
    .sort((a, b) => a.at.localeCompare(b.at));
}

/** The run in progress, if any (newest first in the API's list). */
export function activeRun(runs: readonly RunSummary[]): RunSummary | null {
  return runs.find((r) => !isRunFinished(r.status)) ?? null;
}

/** The newest run the nightly schedule started. */
export function lastScheduledRun(
  runs: readonly RunSummary[],
): RunSummary | null {
  return runs.find((r) => r.trigger === 'cron') ?? null;
}

/** Relative change from `before` to `after` (negative: WAPE went down, i.e. better). */
export function relativeChange(
  before: number | null,
  after: number | null,
): number | null {
  return before === null || after === null || before === 0
    ? null
    : (after - before) / before;
}
