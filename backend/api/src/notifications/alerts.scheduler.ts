import { Injectable, Logger } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronScheduler, type CronSchedule } from '../common/cron-jobs';
import { AppConfig } from '../config/app-config';
import { AlertSources } from './alert-sources';

export const ALERTS_CRON_JOB = 'daily-alert-checks';

/**
 * The daily checks (stale data, stock-out risk), on ALERTS_CRON (UTC) wherever scheduled jobs run (TRAINING_ENABLED; off
 * in tests). Every instance may fire: the alerts' dedupe keys make the second one a no-op.
 */
@Injectable()
export class AlertsScheduler extends CronScheduler {
  private readonly logger = new Logger(AlertsScheduler.name);

  constructor(
    registry: SchedulerRegistry,
    private readonly config: AppConfig,
    private readonly sources: AlertSources,
  ) {
    super(ALERTS_CRON_JOB, registry);
  }

  protected cronSchedule(): CronSchedule | null {
    if (!this.config.training.enabled) return null;
    return { cronTime: this.config.alerts.cron, timeZone: 'UTC' };
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
