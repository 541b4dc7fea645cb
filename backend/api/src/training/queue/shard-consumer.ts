import { Logger } from '@nestjs/common';
import { isRunFinished, type RunStatus } from '@shelfcast/contracts';
import { type Job, Worker } from 'bullmq';
import type { DatabaseConfig } from '../../config/app-config';
import { runShard } from '../engine/shard-runner';
import type {
  ShardOutcome,
  ShardProgress,
  ShardTask,
} from '../engine/shard-task';
import { WorkerPool } from '../engine/worker-pool';
import { redisConnection, SHARD_QUEUE, type ShardJobData } from './shard-queue';

export type ShardRunner = (
  task: ShardTask,
  onProgress: (p: ShardProgress) => void,
) => Promise<ShardOutcome>;

export interface ShardConsumerOptions {
  redisUrl: string;
  prefix: string;
  /** Shards trained at once by this process (each in its own worker thread). */
  concurrency: number;
  /** This worker's database (the job carries no connection settings). */
  db: DatabaseConfig;
  /** Tests only: train on the event loop instead of worker threads. */
  inThread: boolean;
  /** Status of a run in this worker's database; null = unknown run. */
  runStatus(runId: string): Promise<RunStatus | null>;
  /** Tests: replaces the thread pool (e.g. to inject failures). */
  runner?: ShardRunner;
  /** Name in logs and in the BullMQ worker list. */
  name?: string;
}

/**
 * The consumer side of `QUEUE=redis`: a BullMQ Worker that trains each shard job with the same
 * shard runner as thread mode (a fresh worker thread per shard, so the event loop stays free to
 * renew the job locks), relays progress through `job.updateProgress` and returns the
 * {@link ShardOutcome}. A throw is retried by BullMQ (attempts/backoff set by the producer). A job
 * whose run has already ended (cancelled, or failed) is skipped; a shard already marked done
 * returns its stored outcome (the shard runner checks `run_shards`).
 */
export class ShardConsumer {
  private readonly logger: Logger;
  private readonly pool: WorkerPool;
  private worker: Worker<ShardJobData, ShardOutcome> | null = null;
  /** Job ids this consumer finished (tests check that the work was shared). */
  readonly processed: string[] = [];

  constructor(private readonly options: ShardConsumerOptions) {
    this.logger = new Logger(options.name ?? ShardConsumer.name);
    this.pool = new WorkerPool(options.concurrency, options.inThread);
  }

  async start(): Promise<void> {
    const worker = new Worker<ShardJobData, ShardOutcome>(
      SHARD_QUEUE,
      (job) => this.process(job),
      {
        connection: redisConnection(this.options.redisUrl),
        prefix: this.options.prefix,
        concurrency: this.options.concurrency,
        name: this.options.name,
      },
    );
    worker.on('error', (e) => this.logger.warn(`worker: ${e.message}`));
    worker.on('failed', (job, e) =>
      this.logger.warn(
        `shard ${job?.id ?? '?'} attempt ${job?.attemptsMade ?? '?'} failed: ${e.message.split('\n')[0]}`,
      ),
    );
    this.worker = worker;
    await worker.waitUntilReady();
    this.logger.log(
      `Consuming ${this.options.prefix}:${SHARD_QUEUE} (${this.options.concurrency} at a time)`,
    );
  }

  private async process(
    job: Job<ShardJobData, ShardOutcome>,
  ): Promise<ShardOutcome> {
    const status = await this.options.runStatus(job.data.runId);
    if (status === null)
      throw new Error(
        `Run ${job.data.runId} is not in this worker's database (check DATABASE_URL)`,
      );
    if (isRunFinished(status)) {
      this.logger.log(`shard ${job.id}: run already ${status}, skipped`);
      return skipped(job.data.shard, status);
    }
    const task: ShardTask = { ...job.data, db: this.options.db };
    let last = 0;
    let lastPhase = '';
    const onProgress = (p: ShardProgress) => {
      // At most two Redis writes a second, plus every phase change.
      const now = Date.now();
      if (p.phase === lastPhase && now - last < 500) return;
      last = now;
      lastPhase = p.phase;
      void job.updateProgress(p).catch(() => undefined);
    };
    const outcome = this.options.runner
      ? await this.options.runner(task, onProgress)
      : await this.pool.run(task, onProgress).promise;
    this.processed.push(String(job.id));
    return outcome;
  }

  /** Waits for the shards in progress, then disconnects. */
  async close(): Promise<void> {
    await this.worker?.close();
    this.worker = null;
  }
}

/** The runner of thread mode, for callers that want the default explicitly. */
export const defaultShardRunner: ShardRunner = runShard;

function skipped(shard: string, status: RunStatus): ShardOutcome {
  return {
    shard,
    seriesTotal: 0,
    seriesDone: 0,
    seriesFailed: 0,
    errors: [],
    backend: 'none',
    warnings: [],
    dataEnd: null,
    log: [`[${shard}] skipped: the run had already ended (${status})`],
    durationMs: 0,
  };
}
