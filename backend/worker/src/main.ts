// The worker app reuses the API's training engine (shard runner, worker threads, entities) as is;
// it lives in backend/api until the engine is extracted into a library of its own.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { bootstrapTrainingWorker } from '../../api/src/training/queue/training-worker.module';

/**
 * `npm run worker`: consumes the training shards a QUEUE=redis API enqueues. Configure it like
 * the API (DATABASE_URL of the shared database, REDIS_URL, QUEUE_PREFIX, TRAINING_WORKERS =
 * shards trained at once); start as many as you like, on any machine that reaches both.
 */
bootstrapTrainingWorker(process.env).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
