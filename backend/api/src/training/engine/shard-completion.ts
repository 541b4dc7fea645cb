import { serializeWrites } from '../../database/write-gate';
import type { ShardDb } from './shard-db';
import type { ShardOutcome, ShardTask } from './shard-task';

// A shard's completion in `run_shards`: what makes a run resumable. The runner writes the shard's
// rows first (upserts keyed by run × series × date, so a repeated attempt replaces them) and marks
// the shard done last; a resumed run, or a re-delivered BullMQ job, finds the mark and skips it.

interface ShardStateRow {
  status: string;
  outcome: string | null;
}

/**
 * The stored outcome when the shard is already done (nothing to recompute); otherwise counts this
 * attempt (`attempts + 1`, `started_at`) and returns null.
 */
export async function beginShard(
  db: ShardDb,
  task: ShardTask,
): Promise<ShardOutcome | null> {
  const [row] = await db.all<ShardStateRow>(
    'SELECT status, outcome FROM run_shards WHERE run_id = ? AND shard = ?',
    [task.runId, task.shard],
  );
  if (row?.status === 'done' && row.outcome) {
    const stored = JSON.parse(row.outcome) as ShardOutcome;
    return {
      ...stored,
      log: [`[${task.shard}] already finished: skipped`],
      durationMs: 0,
    };
  }
  await serializeWrites(() =>
    db.run(
      `INSERT INTO run_shards (run_id, shard, store_ids, status, attempts, started_at)
       VALUES (?, ?, ?, 'pending', 1, ?)
       ON CONFLICT (run_id, shard) DO UPDATE SET attempts = run_shards.attempts + 1,
         started_at = excluded.started_at`,
      [
        task.runId,
        task.shard,
        task.storeIds ? JSON.stringify(task.storeIds) : null,
        new Date().toISOString(),
      ],
    ),
  );
  return null;
}

/** Marks the shard done with its outcome, after all of its rows are committed. */
export async function completeShard(
  db: ShardDb,
  task: ShardTask,
  outcome: ShardOutcome,
): Promise<void> {
  await serializeWrites(() =>
    db.run(
      `UPDATE run_shards SET status = 'done', outcome = ?, finished_at = ?
        WHERE run_id = ? AND shard = ?`,
      [
        JSON.stringify(outcome),
        new Date().toISOString(),
        task.runId,
        task.shard,
      ],
    ),
  );
}
