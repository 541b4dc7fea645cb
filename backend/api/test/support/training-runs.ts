import type { INestApplicationContext } from '@nestjs/common';
import type { RunDetail } from '@shelfcast/contracts';
import {
  TrainingRunLifecycle,
  type TriggerOptions,
} from '../../src/training/training-run-lifecycle.service';
import { TrainingRunQueries } from '../../src/training/training-run-queries.service';

/** Starts a run in the app under test, waits until it has ended and reads it back. */
export async function runTraining(
  app: INestApplicationContext,
  options: TriggerOptions = {},
): Promise<RunDetail> {
  const lifecycle = app.get(TrainingRunLifecycle);
  const run = await lifecycle.trigger(options);
  await lifecycle.waitForIdle();
  return app.get(TrainingRunQueries).get(run.id);
}
