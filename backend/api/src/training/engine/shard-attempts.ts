import type { ShardExecutor } from './shard-executor';
import type { ShardOutcome, ShardProgress, ShardTask } from './shard-task';
import type { ShardExecution } from './worker-pool';

/** Attempts per shard: a shard whose worker died (or failed) is run once more. */
export const SHARD_ATTEMPTS = 2;

/**
 * Runs a shard on the executor, and once more when the attempt fails (a worker thread that died,
 * an out-of-memory, a transient database error): shard writes are upserts under the run id, so a
 * second attempt overwrites whatever the first one wrote. `onRetry` hears the first attempt's
 * cause (for the run's log). Cancelling stops the current attempt and prevents the next.
 */
export function runWithRetry(
  executor: ShardExecutor,
  task: ShardTask,
  onProgress: (p: ShardProgress) => void,
  onRetry: (attempt: number, cause: string) => void,
  attempts = SHARD_ATTEMPTS,
): ShardExecution {
  let cancelled = false;
  let current: ShardExecution | null = null;
  const attempt = async (n: number): Promise<ShardOutcome> => {
    current = executor.run(task, onProgress);
    try {
      return await current.promise;
    } catch (error) {
      if (cancelled || n >= attempts) throw error;
      onRetry(n, error instanceof Error ? error.message : String(error));
      return attempt(n + 1);
    }
  };
  return {
    promise: attempt(1),
    cancel: () => {
      cancelled = true;
      current?.cancel();
    },
  };
}
