import { Logger } from '@nestjs/common';
import { Job, Queue, QueueEvents } from 'bullmq';
import type { TrainingConfig } from '../../config/training-config';
import { ShardExecutor } from '../engine/shard-executor';
import type {
  ShardOutcome,
  ShardProgress,
  ShardTask,
} from '../engine/shard-task';
import type { ShardExecution } from '../engine/worker-pool';
import {
  redisConnection,
  SHARD_QUEUE,
  type ShardJobData,
  shardJobId,
} from './shard-queue';

type ShardJob = Job<ShardJobData, ShardOutcome>;

/**
 * `QUEUE=redis`: the run coordinator enqueues each shard as a BullMQ job and waits for it through
 * QueueEvents; `npm run worker` processes (any number, on any machine sharing the database) train
 * them. A job that throws is retried `TRAINING_SHARD_ATTEMPTS` times with exponential backoff; when
 * it finally fails, the coordinator marks the shard's series failed and the run goes on.
 */
export class RedisShardExecutor extends ShardExecutor {
  readonly mode = 'redis' as const;
  private readonly logger = new Logger(RedisShardExecutor.name);
  private queue: Queue<ShardJobData, ShardOutcome> | null = null;
  private events: QueueEvents | null = null;
  private ready: Promise<void> | null = null;
  /** Job ids added by this process (a failed one of them is not replaced on a retry). */
  private readonly added = new Set<string>();

  constructor(private readonly config: TrainingConfig) {
    super();
    if (!config.redisUrl) throw new Error('QUEUE=redis needs REDIS_URL');
  }

  /** Connections are opened at the first run, so an API that never trains never dials Redis. */
  private connect(): Promise<void> {
    if (!this.ready) {
      const url = this.config.redisUrl ?? '';
      const prefix = this.config.queuePrefix;
      this.queue = new Queue<ShardJobData, ShardOutcome>(SHARD_QUEUE, {
        connection: redisConnection(url),
        prefix,
      });
      this.events = new QueueEvents(SHARD_QUEUE, {
        connection: redisConnection(url),
        prefix,
      });
      this.queue.on('error', (e) => this.logger.warn(`queue: ${e.message}`));
      this.events.on('error', (e) => this.logger.warn(`events: ${e.message}`));
      // The events reader must be listening before the first job is added.
      this.ready = Promise.all([
        this.queue.waitUntilReady(),
        this.events.waitUntilReady(),
      ]).then(() => undefined);
    }
    return this.ready;
  }

  /** Workers currently connected to the queue (0 = the run would wait for one to start). */
  async workerCount(): Promise<number> {
    await this.connect();
    return (await this.queue?.getWorkersCount()) ?? 0;
  }

  override async preflight(): Promise<string | null> {
    const workers = await this.workerCount();
    const queue = `${this.config.queuePrefix}:${SHARD_QUEUE}`;
    return workers > 0
      ? `${workers} BullMQ worker(s) on ${queue}`
      : `no BullMQ worker is connected to ${queue}: the shards wait until one starts (npm run worker)`;
  }

  run(task: ShardTask, onProgress: (p: ShardProgress) => void): ShardExecution {
    let cancelled = false;
    let job: ShardJob | null = null;
    let unattended: {
      settled: Promise<ShardOutcome>;
      stop(): void;
    } | null = null;
    const jobId = shardJobId(task.runId, task.shard);
    const progressEvent = `progress:${jobId}`;
    const onJobProgress = ({ data }: { data: unknown }) => {
      if (isShardProgress(data)) onProgress(data);
    };
    let rejectCancelled: (e: Error) => void = () => undefined;
    const cancelledPromise = new Promise<never>((_, reject) => {
      rejectCancelled = reject;
    });
    cancelledPromise.catch(() => undefined);
    const promise = (async (): Promise<ShardOutcome> => {
      await this.connect();
      const queue = this.queue as Queue<ShardJobData, ShardOutcome>;
      const events = this.events as QueueEvents;
      if (cancelled) throw new Error('cancelled');
      // Per-job progress events (QueueEvents emits `progress:<jobId>` as well as `progress`).
      (events as unknown as NodeJS.EventEmitter).on(
        progressEvent,
        onJobProgress,
      );
      try {
        const { db: _db, ...data } = task;
        // A resumed run re-adds its unfinished shards under the same job ids: a job still waiting
        // or training for the dead coordinator is awaited as it is (BullMQ keeps one job per id);
        // one that had failed for good under it is removed so the shard gets its attempts again.
        // (A job this process added and saw fail stays failed: the coordinator's retry ends there.)
        if (!this.added.has(jobId)) {
          const previous = await queue.getJob(jobId);
          if (previous && (await previous.isFailed())) await previous.remove();
        }
        this.added.add(jobId);
        job = (await queue.add('shard', data, {
          jobId,
          attempts: this.config.shardAttempts,
          backoff: { type: 'exponential', delay: this.config.shardBackoffMs },
          removeOnComplete: { age: 24 * 3600, count: 1000 },
          removeOnFail: { age: 7 * 24 * 3600, count: 1000 },
        })) as ShardJob;
        unattended = this.watchUnattended(job, task.shard);
        return await Promise.race([
          job.waitUntilFinished(events),
          cancelledPromise,
          unattended.settled,
        ]);
      } finally {
        unattended?.stop();
        (events as unknown as NodeJS.EventEmitter).off(
          progressEvent,
          onJobProgress,
        );
      }
    })();
    return {
      promise,
      cancel: () => {
        cancelled = true;
        rejectCancelled(new Error('cancelled'));
        // A waiting or delayed job is removed; an active one finishes on its worker (its
        // writes sit under the cancelled run's id and are never served).
        void job?.remove().catch(() => undefined);
      },
    };
  }

  /**
   * Rejects when the job has sat with no worker for `shardPickupTimeoutMs`: still waiting, or
   * active while no worker is connected (its worker died and none is left to see it stalled).
   * The job is removed, so a worker that starts later does not train a run that has moved on.
   * Also settles the job from its polled state when Redis lost it (a restart without persistence)
   * or when its completion event was missed during a reconnect, so no shard waits forever.
   */
  private watchUnattended(
    job: ShardJob,
    shard: string,
  ): { settled: Promise<ShardOutcome>; stop(): void } {
    const timeout = this.config.shardPickupTimeoutMs;
    let since: number | null = null;
    let timer: NodeJS.Timeout | undefined;
    const settled = new Promise<ShardOutcome>((resolve, reject) => {
      timer = setInterval(
        () => {
          void (async () => {
            const state = await job.getState();
            if (state === 'unknown') {
              // Redis restarted without persistence (or the key was evicted): no worker will
              // ever report this job, so fail it now instead of waiting forever.
              clearInterval(timer);
              reject(
                new Error(
                  `shard ${shard}'s job vanished from Redis (was Redis restarted without persistence?)`,
                ),
              );
              return;
            }
            if (state === 'completed' || state === 'failed') {
              // Its event may have been missed while the connection to Redis was down.
              const done = await Job.fromId<ShardJobData, ShardOutcome>(
                this.queue as Queue<ShardJobData, ShardOutcome>,
                job.id ?? '',
              );
              if (!done) return;
              clearInterval(timer);
              if (state === 'completed') resolve(done.returnvalue);
              else reject(new Error(done.failedReason));
              return;
            }
            const alone =
              state === 'waiting' ||
              state === 'prioritized' ||
              (state === 'active' && (await this.workerCount()) === 0);
            if (!alone) {
              since = null;
              return;
            }
            since ??= Date.now();
            if (Date.now() - since < timeout) return;
            clearInterval(timer);
            await job.remove().catch(() => undefined);
            reject(
              new Error(
                `no worker took shard ${shard} within ${Math.round(timeout / 1000)} s (is npm run worker running?)`,
              ),
            );
          })().catch((e: unknown) =>
            this.logger.warn(
              `watching shard ${shard}: ${e instanceof Error ? e.message : String(e)}`,
            ),
          );
        },
        Math.max(50, Math.min(60_000, timeout / 4)),
      );
    });
    settled.catch(() => undefined);
    return { settled, stop: () => clearInterval(timer) };
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.events?.close(), this.queue?.close()]);
  }
}

function isShardProgress(data: unknown): data is ShardProgress {
  return (
    typeof data === 'object' &&
    data !== null &&
    'shard' in data &&
    'phase' in data &&
    'fraction' in data
  );
}
