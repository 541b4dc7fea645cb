import { Injectable, Logger } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import type { TrainingSchedule } from '@shelfcast/contracts';
import { type CronJob, CronTime } from 'cron';
import { CronScheduler, type CronSchedule } from '../common/cron-jobs';
import { AppConfig } from '../config/app-config';
import { TrainingException } from './training.exception';
import { TrainingRunLifecycle } from './training-run-lifecycle.service';

export const TRAINING_CRON_JOB = 'nightly-retrain';

/**
 * The nightly retrain, scheduled from validated config (TRAINING_CRON in TRAINING_TIMEZONE) via
 * SchedulerRegistry. The handler only starts a run; the trigger key (the scheduled minute) makes
 * several instances firing the same tick produce one run.
 */
@Injectable()
export class TrainingScheduler extends CronScheduler {
  private readonly logger = new Logger(TrainingScheduler.name);

  constructor(
    registry: SchedulerRegistry,
    private readonly config: AppConfig,
    private readonly runs: TrainingRunLifecycle,
  ) {
    super(TRAINING_CRON_JOB, registry);
  }

  protected cronSchedule(): CronSchedule | null {
    const t = this.config.training;
    return t.enabled ? { cronTime: t.cron, timeZone: t.timezone } : null;
  }

  protected override scheduled(job: CronJob): void {
    const t = this.config.training;
    this.logger.log(
      `Nightly retrain scheduled "${t.cron}" (${t.timezone}); next at ${job.nextDate().toISO()}`,
    );
  }

  /** The pattern, zone and the next `count` ticks after `now` (whether or not scheduling is on). */
  schedule(now: Date = new Date(), count = 3): TrainingSchedule {
    const t = this.config.training;
    const time = new CronTime(t.cron, t.timezone);
    const nextRuns: string[] = [];
    let from = now;
    for (let i = 0; i < count; i++) {
      // The zone must be passed again: getNextDateFrom ignores the CronTime's own zone.
      const next = time.getNextDateFrom(from, t.timezone);
      nextRuns.push(next.toUTC().toISO() ?? next.toJSDate().toISOString());
      from = next.toJSDate();
    }
    return { cron: t.cron, timezone: t.timezone, enabled: t.enabled, nextRuns };
  }

  /** Starts the scheduled run for the tick at `at` unless another instance already did. */
  async fire(at: Date): Promise<string | null> {
    const tick = new Date(Math.floor(at.getTime() / 60000) * 60000);
    try {
      const run = await this.runs.trigger({
        trigger: 'cron',
        triggerKey: `cron:${tick.toISOString().slice(0, 16)}`,
        requestedBy: 'scheduler',
      });
      this.logger.log(`Scheduled retrain started: run ${run.id}`);
      return run.id;
    } catch (e) {
      if (e instanceof TrainingException && e.kind === 'conflict') {
        this.logger.log(`Scheduled retrain skipped: ${e.message}`);
        return null;
      }
      this.logger.error(`Scheduled retrain could not start: ${String(e)}`);
      return null;
    }
  }
}
