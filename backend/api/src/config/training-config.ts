import { Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { availableParallelism } from 'node:os';
import { cronPatternError, readEnv, toBool, toNumber } from './env-parsing';

/** Reconciliation methods the API offers (docs/hierarchy.md); `wlsLevel` = WLS, level-pooled variances. */
export const HIERARCHY_METHODS = [
  'bottomUp',
  'topDown',
  'ols',
  'wls',
  'wlsVar',
  'wlsLevel',
  'mint',
] as const;
export type HierarchyMethod = (typeof HIERARCHY_METHODS)[number];

/** Environment variables of overnight retraining (validated with the rest of the config). */
export class TrainingEnvironmentVariables {
  /** Cron pattern of the nightly retrain (default `0 2 * * *`). */
  @IsOptional()
  @IsString()
  TRAINING_CRON?: string;

  /** IANA time zone the cron pattern is read in (default UTC). */
  @IsOptional()
  @IsString()
  TRAINING_TIMEZONE?: string;

  @IsOptional()
  @Transform(toBool)
  @IsIn(['true', 'false'])
  TRAINING_ENABLED?: string;

  /** Worker threads training in this process (default: cores − 1, at least 1). */
  @IsOptional()
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  @Max(64)
  TRAINING_WORKERS?: number;

  /**
   * Nice value of the training threads (Linux): 0 (same as the API) … 19 (lowest). Training yields
   * the CPU to the API's event loop, so requests stay fast during a run.
   */
  @IsOptional()
  @Transform(toNumber)
  @IsInt()
  @Min(0)
  @Max(19)
  TRAINING_THREAD_NICE?: number;

  /** `threads`: worker threads in the API process; `redis`: BullMQ shards for `npm run worker`. */
  @IsOptional()
  @IsIn(['threads', 'redis'])
  QUEUE?: 'threads' | 'redis';

  @IsOptional()
  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must be redis://…' })
  REDIS_URL?: string;

  /** Key prefix of the BullMQ queues (default `shelfcast`). */
  @IsOptional()
  @Matches(/^[A-Za-z0-9_:-]+$/)
  QUEUE_PREFIX?: string;

  /** Relative WAPE a challenger may lose against the champion and still be promoted (0.02 = 2 %). */
  @IsOptional()
  @Transform(toNumber)
  @IsNumber()
  @Min(0)
  @Max(1)
  PROMOTION_TOLERANCE?: number;

  @IsOptional()
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  @Max(365)
  TRAINING_HORIZON_DAYS?: number;

  /** Rolling backtest origins (default 3). */
  @IsOptional()
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  @Max(12)
  TRAINING_ORIGINS?: number;

  /** Train the global neural model (default true). */
  @IsOptional()
  @Transform(toBool)
  @IsIn(['true', 'false'])
  TRAINING_NEURAL?: string;

  @IsOptional()
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  @Max(500)
  TRAINING_EPOCHS?: number;

  /** Shards per run (0 = auto: TRAINING_SHARD_SERIES series each). */
  @IsOptional()
  @Transform(toNumber)
  @IsInt()
  @Min(0)
  TRAINING_SHARDS?: number;

  /** Series per shard when TRAINING_SHARDS is 0 (default 2000): shards are sized by series count. */
  @IsOptional()
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  TRAINING_SHARD_SERIES?: number;

  /** Series the run's global models (GBDT, neural) train on, sampled once per run (default 5000). */
  @IsOptional()
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  TRAINING_GLOBAL_SAMPLE_SERIES?: number;

  /** Lease of the training lock row (SQLite), renewed by a heartbeat at a third of it. */
  @IsOptional()
  @Transform(toNumber)
  @IsInt()
  @Min(500)
  TRAINING_LOCK_LEASE_MS?: number;

  /** Tests only: run the training function on the calling thread instead of a worker thread. */
  @IsOptional()
  @Transform(toBool)
  @IsIn(['true', 'false'])
  TRAINING_IN_THREAD?: string;

  /** QUEUE=redis: attempts of a shard job before its series are marked failed (default 3). */
  @IsOptional()
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  @Max(20)
  TRAINING_SHARD_ATTEMPTS?: number;

  /** QUEUE=redis: first retry delay of a failed shard job, doubled per attempt (default 5000). */
  @IsOptional()
  @Transform(toNumber)
  @IsInt()
  @Min(0)
  TRAINING_SHARD_BACKOFF_MS?: number;

  /**
   * QUEUE=redis: a shard job that no worker has started (or whose worker vanished with no other
   * connected) for this long fails, and so do its series, instead of the run waiting forever
   * (default 1800000: 30 minutes).
   */
  @IsOptional()
  @Transform(toNumber)
  @IsInt()
  @Min(100)
  TRAINING_SHARD_PICKUP_TIMEOUT_MS?: number;

  /**
   * Days an ended run keeps its forecast values and backtests (default 60; 0 keeps them forever).
   * The serving run and the run behind the current recommendations always keep theirs.
   */
  @IsOptional()
  @Transform(toNumber)
  @IsInt()
  @Min(0)
  TRAINING_RETAIN_DAYS?: number;

  /**
   * Reconciliation method of the forecasts at chain / region / store / category / product level
   * (default `topDown`, the method bench:hierarchy's stated rule chose on the development origins of
   * all its datasets; docs/hierarchy.md).
   */
  @IsOptional()
  @IsIn(HIERARCHY_METHODS)
  HIERARCHY_METHOD?: HierarchyMethod;

  /** Base forecasts of the upper levels: `engine` (default) on the aggregated series, or `bottom` sums. */
  @IsOptional()
  @IsIn(['engine', 'bottom'])
  HIERARCHY_BASE?: 'engine' | 'bottom';

  /** Reconcile right after each promotion (default true; false under NODE_ENV=test): else on first read. */
  @IsOptional()
  @Transform(toBool)
  @IsIn(['true', 'false'])
  HIERARCHY_ON_PROMOTION?: string;
}

export interface TrainingConfig {
  enabled: boolean;
  cron: string;
  timezone: string;
  workers: number;
  threadNice: number;
  queue: 'threads' | 'redis';
  redisUrl: string | null;
  queuePrefix: string;
  promotionTolerance: number;
  horizonDays: number;
  origins: number;
  neural: boolean;
  epochs: number;
  shards: number;
  /** Series per shard (when `shards` is 0). */
  shardSeries: number;
  /** Cap on the series the global models train on. */
  globalSampleSeries: number;
  lockLeaseMs: number;
  inThread: boolean;
  shardAttempts: number;
  shardBackoffMs: number;
  shardPickupTimeoutMs: number;
  /** Days ended runs keep forecast values and backtests; 0: forever. */
  retainDays: number;
  /** Reconciled forecasts at every level: method and source of the upper levels' base forecasts. */
  hierarchy: {
    method: HierarchyMethod;
    base: 'engine' | 'bottom';
    onPromotion: boolean;
  };
}

/** Validates the training variables; returns error lines (empty when valid) and the values. */
export function loadTrainingConfig(raw: Record<string, string | undefined>): {
  errors: string[];
  value: TrainingConfig;
} {
  const { env, errors } = readEnv(TrainingEnvironmentVariables, raw);
  const cron = env.TRAINING_CRON ?? '0 2 * * *';
  const timezone = env.TRAINING_TIMEZONE ?? 'UTC';
  const cronError = cronPatternError(cron, timezone);
  if (cronError)
    errors.push(
      `  TRAINING_CRON/TRAINING_TIMEZONE: "${cron}" in "${timezone}" is not a valid cron pattern and time zone (${cronError})`,
    );
  const queue = env.QUEUE ?? 'threads';
  if (queue === 'redis' && !env.REDIS_URL)
    errors.push('  REDIS_URL: required when QUEUE=redis');
  return {
    errors,
    value: {
      // Off by default under NODE_ENV=test so test apps never schedule a real nightly run.
      enabled:
        (env.TRAINING_ENABLED ??
          (raw['NODE_ENV'] === 'test' ? 'false' : 'true')) === 'true',
      cron,
      timezone,
      workers: env.TRAINING_WORKERS ?? Math.max(1, availableParallelism() - 1),
      threadNice: env.TRAINING_THREAD_NICE ?? 10,
      queue,
      redisUrl: env.REDIS_URL ?? null,
      queuePrefix: env.QUEUE_PREFIX ?? 'shelfcast',
      promotionTolerance: env.PROMOTION_TOLERANCE ?? 0.02,
      horizonDays: env.TRAINING_HORIZON_DAYS ?? 28,
      origins: env.TRAINING_ORIGINS ?? 3,
      neural: (env.TRAINING_NEURAL ?? 'true') === 'true',
      epochs: env.TRAINING_EPOCHS ?? 20,
      shards: env.TRAINING_SHARDS ?? 0,
      shardSeries: env.TRAINING_SHARD_SERIES ?? 2000,
      globalSampleSeries: env.TRAINING_GLOBAL_SAMPLE_SERIES ?? 5000,
      lockLeaseMs: env.TRAINING_LOCK_LEASE_MS ?? 30000,
      inThread: env.TRAINING_IN_THREAD === 'true',
      shardAttempts: env.TRAINING_SHARD_ATTEMPTS ?? 3,
      shardBackoffMs: env.TRAINING_SHARD_BACKOFF_MS ?? 5000,
      shardPickupTimeoutMs: env.TRAINING_SHARD_PICKUP_TIMEOUT_MS ?? 1_800_000,
      retainDays: env.TRAINING_RETAIN_DAYS ?? 60,
      hierarchy: {
        method: env.HIERARCHY_METHOD ?? 'topDown',
        base: env.HIERARCHY_BASE ?? 'engine',
        onPromotion:
          (env.HIERARCHY_ON_PROMOTION ??
            (raw['NODE_ENV'] === 'test' ? 'false' : 'true')) === 'true',
      },
    },
  };
}
