import {
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { AppConfig } from '../config/app-config';
import { AlertSources } from './alert-sources';

export const ALERTS_CRON_JOB = 'daily-alert-checks';

/**
 * The daily checks (stale data, stock-out risk), on ALERTS_CRON (UTC) wherever scheduled jobs run (TRAINING_ENABLED; off
 * in tests). Every instance may fire: the alerts' dedupe keys make the second one a no-op.
 */
@Injectable()
export class AlertsScheduler
  implements OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger = new Logger(AlertsScheduler.name);

  constructor(
    private readonly registry: SchedulerRegistry,
    private readonly config: AppConfig,
    private readonly sources: AlertSources,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.training.enabled) return;
    const job = CronJob.from({
      cronTime: this.config.alerts.cron,
      timeZone: 'UTC',
      onTick: () => void this.fire(new Date()),
      start: false,
    });
    this.registry.addCronJob(ALERTS_CRON_JOB, job);
    job.start();
  }

  onApplicationShutdown(): void {
    if (this.registry.doesExist('cron', ALERTS_CRON_JOB)) {
      this.registry.getCronJob(ALERTS_CRON_JOB).stop();
      this.registry.deleteCronJob(ALERTS_CRON_JOB);
    }
  }

  async fire(at: Date): Promise<void> {
    try {
      const today = at.toISOString().slice(0, 10);
      const raised =
        (await this.sources.checkStaleData(
          today,
          this.config.alerts.staleDays,
        )) + (await this.sources.checkStockoutRisk(today));
      if (raised) this.logger.log(`Data checks raised ${raised} alerts`);
    } catch (e) {
      this.logger.error(`Data checks failed: ${String(e)}`);
    }
  }
}
