import type { RunPhase, RunPhaseTimes } from '@shelfcast/contracts';
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
