import type {
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import type { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';

export interface CronSchedule {
  cronTime: string;
  timeZone: string;
}

/**
 * A feature's scheduled job: registered under `jobName` in the SchedulerRegistry at application
 * bootstrap when `cronSchedule()` returns a schedule (null: scheduling is off), stopped at shutdown.
 * Each tick calls `fire` with the tick's time; `fire` logs its own failures.
 */
export abstract class CronScheduler
  implements OnApplicationBootstrap, OnApplicationShutdown
{
  protected constructor(
    private readonly jobName: string,
    private readonly registry: SchedulerRegistry,
  ) {}

  protected abstract cronSchedule(): CronSchedule | null;

  abstract fire(at: Date): Promise<unknown>;

  /** Called once the job is scheduled (for a log line with its next tick). */
  protected scheduled?(job: CronJob): void;

  onApplicationBootstrap(): void {
    const schedule = this.cronSchedule();
    if (!schedule) return;
    const job = CronJob.from({
      ...schedule,
      onTick: () => void this.fire(new Date()),
      start: false,
    });
    this.registry.addCronJob(this.jobName, job);
    job.start();
    this.scheduled?.(job);
  }

  onApplicationShutdown(): void {
    if (!this.registry.doesExist('cron', this.jobName)) return;
    this.registry.getCronJob(this.jobName).stop();
    this.registry.deleteCronJob(this.jobName);
  }
}
