import { installProcessGuards } from './common/process-guards';
import { bootstrapTrainingWorker } from './training/queue/training-worker.module';

/**
 * The API project's second entry point (dist/backend/api/worker.js, `npm run worker`): consumes
 * the training shards a QUEUE=redis API enqueues. Configure it like the API (DATABASE_URL of the
 * shared database, REDIS_URL, QUEUE_PREFIX, TRAINING_WORKERS = shards trained at once); start as
 * many as you like, on any machine that reaches both.
 */
// A stray rejection in one job must not take the other jobs' worker down.
installProcessGuards();
bootstrapTrainingWorker(process.env).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
