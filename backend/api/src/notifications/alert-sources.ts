import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { addDays } from '../common/dates';
import { sqlQuery, type SqlDate, isoDay } from '../database/raw-sql';
import { ForecastRun } from '../training/entities';
import {
  TRAINING_RUN_FINISHED,
  type TrainingRunFinishedEvent,
} from '../common/training-events';
import { ALERT_RAISED, type AlertInput } from './alert-types';
import { NotificationsService } from './notifications.service';
import { stockoutRiskAlerts } from './stockout-risk';

interface StoreLastSaleRow {
  store_id: number;
  code: string;
  last_day: SqlDate;
}

/**
 * Turns what happens elsewhere into alerts: failed and rejected training runs, alerts other
 * features emit as {@link ALERT_RAISED} (drift), and the daily checks (stale data, stock-out risk).
 */
@Injectable()
export class AlertSources {
  private readonly logger = new Logger(AlertSources.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
  ) {}

  @OnEvent(TRAINING_RUN_FINISHED, { async: true })
  async onRunFinished(e: TrainingRunFinishedEvent): Promise<void> {
    if (e.status !== 'failed' && e.status !== 'rejected') return;
    try {
      const run = await this.dataSource
        .getRepository(ForecastRun)
        .findOneBy({ id: e.runId });
      const failed = e.status === 'failed';
      await this.notifications.raise({
        type: failed ? 'run_failed' : 'run_rejected',
        dedupeKey: `run:${e.runId}:${e.status}`,
        storeId: null,
        severity: failed ? 'critical' : 'warning',
        title: failed
          ? `Training run failed (${e.trigger})`
          : `Training run rejected (${e.trigger}): the champion keeps serving`,
        body:
          run?.message ??
          (failed
            ? 'The run ended with an error; forecasts were not refreshed.'
            : 'The new model was not better than the serving one.'),
        link: `/models?run=${encodeURIComponent(e.runId)}`,
        data: { runId: e.runId, status: e.status, trigger: e.trigger },
      });
    } catch (err) {
      this.logger.error(`Run ${e.runId} alert: ${String(err)}`);
    }
  }

  @OnEvent(ALERT_RAISED, { async: true })
  async onAlert(input: AlertInput): Promise<void> {
    try {
      await this.notifications.raise(input);
    } catch (err) {
      this.logger.error(`Alert ${input.dedupeKey}: ${String(err)}`);
    }
  }

  /**
   * Stores whose latest sales day is more than `staleDays` before `today` raise one data-stale
   * alert per store and day (the dedupe key makes a second instance's check a no-op).
   */
  async checkStaleData(today: string, staleDays: number): Promise<number> {
    const rows = await sqlQuery<StoreLastSaleRow>(
      this.dataSource,
      `SELECT s.store_id, st.code, MAX(s.date) AS last_day
         FROM sales s JOIN stores st ON st.id = s.store_id
        GROUP BY s.store_id, st.code`,
    );
    const limit = addDays(today, -staleDays);
    let raised = 0;
    for (const r of rows) {
      const last = isoDay(r.last_day);
      if (last >= limit) continue;
      const event = await this.notifications.raise({
        type: 'data_stale',
        dedupeKey: `stale:${r.store_id}:${today}`,
        storeId: Number(r.store_id),
        severity: 'warning',
        title: `No sales from store ${r.code} since ${last}`,
        body: `Store ${r.code} has sent no sales for more than ${staleDays} days (last day ${last}). Forecasts for it are running on old data: check the store's import.`,
        link: `/data?store=${encodeURIComponent(r.code)}`,
        data: { storeId: Number(r.store_id), lastDay: last, staleDays },
      });
      if (event) raised++;
    }
    return raised;
  }

  /** A-class items at stock-out risk before the next delivery: one alert per store and day. */
  async checkStockoutRisk(today: string): Promise<number> {
    let raised = 0;
    for (const alert of await stockoutRiskAlerts(this.dataSource, today))
      if (await this.notifications.raise(alert)) raised++;
    return raised;
  }
}
