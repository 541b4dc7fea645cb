import type { RunProgress } from '@shelfcast/contracts';

/** An ETA needs a rate: at least this many units counted in the phase… */
export const ETA_MIN_DONE = 10;
/** …and this much time elapsed, so the first seconds' noise does not show as a promise. */
export const ETA_MIN_SECONDS = 10;

export interface ProgressView {
  /** Whole percent, used by both the bar and the text. */
  percent: number;
  /** The phase's own count when the server sent one, else the run's finished series. */
  count: {
    done: number;
    total: number;
    unit: 'series' | 'epochs';
    phase: boolean;
  };
  failed: number;
  /** Seconds left, or null while there is no rate to estimate it from. */
  etaSeconds: number | null;
}

/** What the training progress card shows: one set of numbers for bar and text. */
export function progressView(p: RunProgress): ProgressView {
  const fraction = Number.isFinite(p.fraction)
    ? Math.max(0, Math.min(1, p.fraction))
    : 0;
  const percent = Math.floor(fraction * 100);
  const count = p.phase
    ? {
        done: p.phase.done,
        total: p.phase.total,
        unit: p.phase.unit,
        phase: true,
      }
    : {
        done: p.seriesDone,
        total: p.seriesTotal,
        unit: 'series' as const,
        phase: false,
      };
  const counted = p.phase ? p.phase.done : p.seriesDone;
  const rate =
    p.etaSeconds !== null &&
    fraction > 0 &&
    p.elapsedSeconds >= ETA_MIN_SECONDS &&
    counted >= Math.min(ETA_MIN_DONE, count.total);
  return {
    percent,
    count,
    failed: p.seriesFailed,
    etaSeconds: rate ? p.etaSeconds : null,
  };
}
