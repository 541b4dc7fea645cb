import type {
  PhaseProgress,
  RunPhase,
  RunPhaseTimes,
} from '@shelfcast/contracts';
import type { ShardProgress } from './engine/shard-task';

export function phaseStart(now: Date): RunPhaseTimes {
  return { startedAt: now.toISOString(), endedAt: null, durationMs: null };
}

export function closePhase(p: RunPhaseTimes, now: Date): void {
  p.endedAt = now.toISOString();
  p.durationMs = now.getTime() - Date.parse(p.startedAt);
}

const PHASE_ORDER: RunPhase[] = [
  'loading',
  'backtesting',
  'training',
  'forecasting',
];

/** The least advanced phase any shard is in (the run is only as far as its slowest shard). */
export function dominantPhase(list: ShardProgress[]): RunPhase {
  let min = PHASE_ORDER.length - 1;
  for (const p of list) min = Math.min(min, PHASE_ORDER.indexOf(p.phase));
  return PHASE_ORDER[Math.max(0, min)];
}

/**
 * The count of the run's current phase over all shards: shards in that phase add their own
 * done/total, shards already past it add their whole count as done. Null until a shard counts
 * anything in that phase (e.g. while loading), so the dashboard shows no made-up numbers.
 */
export function phaseProgress(
  phase: RunPhase,
  list: ShardProgress[],
): PhaseProgress | null {
  const at = PHASE_ORDER.indexOf(phase);
  let done = 0;
  let total = 0;
  let ahead = 0;
  let unit: PhaseProgress['unit'] | null = null;
  for (const p of list) {
    if (p.phase === phase) {
      if (p.done === undefined || p.total === undefined) continue;
      done += p.done;
      total += p.total;
      unit ??= p.unit ?? 'series';
    } else if (PHASE_ORDER.indexOf(p.phase) > at) {
      // Ahead of the slowest shard: its series are through this phase.
      ahead += p.seriesTotal;
    }
  }
  if (unit === 'series') {
    done += ahead;
    total += ahead;
  }
  return unit === null || total === 0
    ? null
    : { name: phase, done, total, unit };
}
