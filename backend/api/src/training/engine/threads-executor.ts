import { ShardExecutor } from './shard-executor';
import type { ShardProgress, ShardTask } from './shard-task';
import { type ShardExecution, WorkerPool } from './worker-pool';

/** Default mode: shards train on a pool of worker threads inside the API process. */
export class ThreadsShardExecutor extends ShardExecutor {
  readonly mode = 'threads' as const;
  private readonly pool: WorkerPool;

  constructor(size: number, inThread: boolean, threadNice = 0) {
    super();
    this.pool = new WorkerPool(size, inThread, threadNice);
  }

  run(task: ShardTask, onProgress: (p: ShardProgress) => void): ShardExecution {
    return this.pool.run(task, onProgress);
  }
}
