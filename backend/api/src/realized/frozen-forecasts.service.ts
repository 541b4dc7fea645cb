import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import { naiveScale } from '@shelfcast/forecasting';
import { DataSource } from 'typeorm';
import { addDays, daysBetween } from '../common/dates';
import { AppConfig } from '../config/app-config';
import {
  forDialect,
  isoDay,
  sqlQuery,
  type SqlDate,
} from '../database/raw-sql';
import { ForecastRun } from '../training/entities';
import { serializeWrites } from '../database/write-gate';
import {
  FORECASTS_PROMOTED,
  type ForecastsPromotedEvent,
} from '../common/training-events';
import { FrozenIssue } from './entities';
import { weeklySeries } from './weekly-series';

interface SalesPointRow {
  store_id: number;
  product_id: number;
  date: SqlDate;
  units: number;
}

interface CountRow {
  n: number | string;
}

/** Days of history before the origin that give each series its MASE scale (8 weeks). */
const SCALE_WINDOW_DAYS = 56;
const SEASON = 7;

/**
 * Keeps every promoted run's forecast as it was issued: on promotion the served run's forecast
 * values after its data end are copied, in one INSERT … SELECT, into `frozen_forecasts` under a
 * small issue id, with the horizon step and the quantiles only; each series' MASE scale at the
 * origin goes to `frozen_scales`. Rows older than REALIZED_RETAIN_DAYS are dropped at each freeze.
 */
@Injectable()
export class FrozenForecastsService {
  private readonly logger = new Logger(FrozenForecastsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  @OnEvent(FORECASTS_PROMOTED, { async: true })
  async onPromoted(e: ForecastsPromotedEvent): Promise<void> {
    try {
      await this.freeze(e.runId);
    } catch (err) {
      this.logger.error(`Freezing run ${e.runId}: ${String(err)}`);
    }
  }

  /** Freezes a promoted run's forecast (once per run); returns the issue, or null without data end. */
  async freeze(
    runId: string,
    now: Date = new Date(),
  ): Promise<FrozenIssue | null> {
    const issues = this.dataSource.getRepository(FrozenIssue);
    const existing = await issues.findOneBy({ runId });
    if (existing) return existing;
    const run = await this.dataSource
      .getRepository(ForecastRun)
      .findOneBy({ id: runId });
    if (!run?.dataEnd) return null;
    const origin = isoDay(run.dataEnd);
    const scales = await this.scales(origin);
    const pg = this.dataSource.options.type === 'postgres';
    const step = pg
      ? '(v.date - CAST(? AS date))'
      : 'CAST(julianday(v.date) - julianday(?) AS INTEGER)';
    const issue = await serializeWrites(() =>
      this.dataSource.transaction(async (m) => {
        const saved = await m.save(
          Object.assign(new FrozenIssue(), {
            runId,
            origin,
            issuedAt: now,
            rows: 0,
          }),
        );
        await m.query(
          forDialect(
            this.dataSource,
            `INSERT INTO frozen_forecasts (date, store_id, product_id, issue_id, step, p10, p50, p90)
             SELECT v.date, v.store_id, v.product_id, ?, ${step}, v.p10, v.p50, v.p90
               FROM forecast_values v
              WHERE v.run_id = ? AND v.date > ?`,
          ),
          [saved.id, origin, runId, origin],
        );
        const [count] = (await m.query(
          forDialect(
            this.dataSource,
            'SELECT COUNT(*) AS n FROM frozen_forecasts WHERE issue_id = ?',
          ),
          [saved.id],
        )) as CountRow[];
        saved.rows = Number(count?.n ?? 0);
        await m.update(FrozenIssue, { id: saved.id }, { rows: saved.rows });
        for (let i = 0; i < scales.length; i += 500) {
          const chunk = scales.slice(i, i + 500);
          await m.query(
            forDialect(
              this.dataSource,
              `INSERT INTO frozen_scales (issue_id, store_id, product_id, scale) VALUES ${chunk.map(() => '(?, ?, ?, ?)').join(', ')}`,
            ),
            chunk.flatMap((s) => [saved.id, s.storeId, s.productId, s.scale]),
          );
        }
        return saved;
      }),
    );
    await this.applyRetention(now);
    this.logger.log(
      `Froze run ${runId}: ${issue.rows} forecast points from origin ${origin}`,
    );
    return issue;
  }

  /**
   * Each series' in-sample seasonal-naive MAE over the 8 weeks up to the origin, days without a
   * sales row counting as zero (the import writes no row for a day without sales). A weekly
   * series (one row per week start) is scaled on its 8 week totals with the week before as the
   * naive forecast, the unit its frozen points are in.
   */
  private async scales(
    origin: string,
  ): Promise<{ storeId: number; productId: number; scale: number }[]> {
    const from = addDays(origin, -(SCALE_WINDOW_DAYS - 1));
    const rows = await sqlQuery<SalesPointRow>(
      this.dataSource,
      `SELECT store_id, product_id, date, units FROM sales
        WHERE date >= ? AND date <= ? ORDER BY store_id, product_id, date`,
      [from, origin],
    );
    const weeklyKeys = await weeklySeries(this.dataSource);
    const out: { storeId: number; productId: number; scale: number }[] = [];
    let current: SalesPointRow | null = null;
    let y = new Float64Array(SCALE_WINDOW_DAYS);
    const weekly = () =>
      current !== null &&
      weeklyKeys.has(`${current.store_id}:${current.product_id}`);
    const flush = () => {
      if (!current) return;
      const scale = naiveScale(y, weekly() ? 1 : SEASON);
      if (scale > 0 && Number.isFinite(scale))
        out.push({
          storeId: Number(current.store_id),
          productId: Number(current.product_id),
          scale,
        });
    };
    for (const r of rows) {
      if (
        !current ||
        Number(r.store_id) !== Number(current.store_id) ||
        Number(r.product_id) !== Number(current.product_id)
      ) {
        flush();
        current = r;
        y = new Float64Array(
          weekly() ? SCALE_WINDOW_DAYS / SEASON : SCALE_WINDOW_DAYS,
        );
      }
      const day = daysBetween(from, isoDay(r.date));
      y[weekly() ? Math.floor(day / SEASON) : day] += Number(r.units);
    }
    flush();
    return out;
  }

  /** Drops issued forecasts (and their sums) older than the retention; 0 keeps everything. */
  async applyRetention(now: Date = new Date()): Promise<void> {
    const days = this.config.alerts.realizedRetainDays;
    if (days <= 0) return;
    const cutoff = addDays(now.toISOString().slice(0, 10), -days);
    await serializeWrites(() =>
      this.dataSource.transaction(async (m) => {
        const q = (sql: string, params: unknown[]) =>
          m.query(forDialect(this.dataSource, sql), params);
        await q('DELETE FROM frozen_forecasts WHERE date < ?', [cutoff]);
        await q('DELETE FROM realized_accuracy WHERE week < ?', [cutoff]);
        await q('DELETE FROM realized_days WHERE date < ?', [cutoff]);
        // An issue's last target day is at most 365 days (the longest horizon) after its origin,
        // so issues this old have no frozen rows left: no scan of frozen_forecasts needed.
        const issueCutoff = addDays(cutoff, -365);
        await q(
          'DELETE FROM frozen_scales WHERE issue_id IN (SELECT id FROM frozen_issues WHERE origin < ?)',
          [issueCutoff],
        );
        await q('DELETE FROM frozen_issues WHERE origin < ?', [issueCutoff]);
      }),
    );
  }
}
