import type { ConnectionOptions } from 'bullmq';
import type { ShardTask } from '../engine/shard-task';

/** Name of the BullMQ queue of training shards (keys: `<QUEUE_PREFIX>:training-shards:*`). */
export const SHARD_QUEUE = 'training-shards';

/**
 * What travels through Redis: the shard without the database settings. Every worker trains
 * against the database of its own configuration (`DATABASE_URL`), so no credentials sit in Redis
 * and a worker on another machine uses the address that works from there.
 */
export type ShardJobData = Omit<ShardTask, 'db'>;

/** One job per shard and run; BullMQ rejects `:` in custom ids. */
export function shardJobId(runId: string, shard: string): string {
  return `${runId}.${shard}`;
}

/** A dedicated ioredis connection per Queue/Worker/QueueEvents (BullMQ blocks on it). */
export function redisConnection(url: string): ConnectionOptions {
  return { url, maxRetriesPerRequest: null };
}
