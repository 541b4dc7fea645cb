import type { ShardExecution } from './worker-pool';
import type { ShardProgress, ShardTask } from './shard-task';

/** Runs shards somewhere else than the API's event loop: worker threads or BullMQ workers. */
export abstract class ShardExecutor {
  abstract readonly mode: 'threads' | 'redis';
  abstract run(
    task: ShardTask,
    onProgress: (p: ShardProgress) => void,
  ): ShardExecution;

  /** A line for the run log before the shards start (e.g. "no BullMQ worker connected"). */
  async preflight(): Promise<string | null> {
    return null;
  }
}
