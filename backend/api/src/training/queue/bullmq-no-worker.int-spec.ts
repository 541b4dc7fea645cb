import { Queue } from 'bullmq';
import { randomBytes } from 'node:crypto';
import { createTestApp, TestApp } from '../../../test/support/test-app';
import {
  seedPanel,
  testTraining,
} from '../../../test/support/training-fixtures';
import { runTraining } from '../../../test/support/training-runs';
import { redisConnection, SHARD_QUEUE } from './shard-queue';

const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';

/**
 * QUEUE=redis with no worker running: the run must not wait forever. Each shard job that no
 * worker takes within TRAINING_SHARD_PICKUP_TIMEOUT_MS fails with a message that says why, is
 * removed from the queue, and the run ends without serving anything new.
 */
describe('training with BullMQ shards and no worker (integration)', () => {
  const prefix = `shelfcast-test-${process.pid}-${randomBytes(4).toString('hex')}`;
  let t: TestApp;
  let queue: Queue;

  beforeAll(async () => {
    t = await createTestApp(
      testTraining({
        queue: 'redis',
        redisUrl: REDIS_URL,
        queuePrefix: prefix,
        shards: 0,
        shardPickupTimeoutMs: 600,
      }),
    );
    await seedPanel(t.db.dataSource, { stores: 2, products: 2, days: 120 });
    queue = new Queue(SHARD_QUEUE, {
      connection: redisConnection(REDIS_URL),
      prefix,
    });
  });

  afterAll(async () => {
    await t?.close();
    await queue?.obliterate({ force: true });
    await queue?.close();
  });

  it('fails the unattended shards after the pickup timeout and leaves no job behind', async () => {
    const run = await runTraining(t.app);
    expect(run.status).toBe('failed');
    expect(run.serving).toBe(false);
    expect(run.seriesFailed).toBe(run.seriesTotal);
    expect(run.errors.length).toBeGreaterThan(0);
    expect(run.errors[0].message).toMatch(/no worker took shard global within/);
    expect(run.log).toContain('no BullMQ worker is connected');
    expect(
      await queue.getJobCounts('waiting', 'active', 'delayed', 'paused'),
    ).toMatchObject({ waiting: 0, active: 0, delayed: 0, paused: 0 });
  });
});
