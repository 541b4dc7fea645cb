/**
 * Child process of bench:nightly: the product's nightly run in an API process without HTTP (the
 * app's modules, as `npm start` boots them). `fire`: starts the run exactly as the cron handler
 * does (TrainingScheduler.fire → TrainingRunLifecycle.trigger); `resume`: starts nothing — the
 * boot's stale-run recovery resumes the run a killed process left. Either way it waits until the
 * run has ended and, when promoted, its post-promotion work (recommendations, reports, affinity,
 * and the policy proof, which shutdown would otherwise cancel) has ended too, then prints one JSON
 * line { runId, status } and exits.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { isRunFinished, type RunStatus } from '@shelfcast/contracts';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app/app.module';
import { loadConfig } from '../../src/config/app-config';
import { PolicyProofService } from '../../src/policy-proof/policy-proof.service';
import { TrainingScheduler } from '../../src/training/training.scheduler';

const POLL_MS = 500;
const AFTER_PROMOTION_DONE = /after promotion: affinity (finished|failed)/;

async function main(mode: string | undefined): Promise<void> {
  const app = await NestFactory.createApplicationContext(
    AppModule.forRoot(loadConfig(process.env)),
    { logger: ['error', 'warn'] },
  );
  const ds = app.get(DataSource);
  const param = ds.options.type === 'postgres' ? '$1' : '?';
  let runId: string | null = null;
  if (mode === 'fire') {
    runId = await app.get(TrainingScheduler).fire(new Date());
    if (!runId) throw new Error('the scheduled run did not start');
    // The bench's clock starts here: the app's boot is not part of the nightly run.
    process.stdout.write(`${JSON.stringify({ started: runId })}\n`);
  }
  for (;;) {
    if (!runId) {
      const [latest]: { id: string }[] = await ds.query(
        'SELECT id FROM forecast_runs ORDER BY created_at DESC LIMIT 1',
      );
      runId = latest?.id ?? null;
    }
    if (runId) {
      const [run]: { status: RunStatus; log: string | null }[] = await ds.query(
        `SELECT status, log FROM forecast_runs WHERE id = ${param}`,
        [runId],
      );
      const ended = isRunFinished(run.status);
      if (
        ended &&
        (run.status !== 'promoted' || AFTER_PROMOTION_DONE.test(run.log ?? ''))
      ) {
        // The proof follows the recommendations step: it was scheduled by now.
        await app.get(PolicyProofService).waitForIdle();
        process.stdout.write(
          `${JSON.stringify({ runId, status: run.status })}\n`,
        );
        break;
      }
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  await app.close();
}

main(process.argv[2])
  .then(() => process.exit(0))
  .catch((e: unknown) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : e);
    process.exit(1);
  });
