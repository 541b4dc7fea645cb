import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { latestRecommendationRun, servingRun } from '../database/current-runs';
import { type SqlDate, sqlQuery, utcTimestamp } from '../database/raw-sql';
import { TRAINING_RUN_FINISHED } from '../common/training-events';
import { storeByStore } from './training-sql';

/** Per-run rows that grow with series × horizon; everything else of a run is kept. */
const PRUNED_TABLES = ['forecast_values', 'run_backtests'] as const;
const ENDED = ['promoted', 'rejected', 'failed', 'cancelled'];

interface EndedRunRow {
  id: string;
  finished_at: SqlDate;
}

interface StoreIdRow {
  store_id: number;
}

export interface PruneResult {
  /** Runs whose forecast values and backtests were deleted. */
  runs: string[];
}

/**
 * Retention of old runs' bulk rows: every run writes series × horizon forecast values and its
 * backtest points, so nightly runs would grow the database without bound. After each run ends,
 * the forecast values and backtests of runs that ended more than `TRAINING_RETAIN_DAYS` ago are
 * deleted, except the serving run's and the run behind the current recommendations. A run's
 * record, metrics, per-series scores and model artifacts stay (the Models page and run history
 * read them). Deletes go store by store, each in its own short transaction with the loop served in
 * between, so pruning never holds the API.
 */
@Injectable()
export class TrainingRetention {
  private readonly logger = new Logger(TrainingRetention.name);
  private pruning: Promise<PruneResult> | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  @OnEvent(TRAINING_RUN_FINISHED, { async: true })
  async onRunFinished(): Promise<void> {
    try {
      const { runs } = await this.prune(new Date());
      if (runs.length)
        this.logger.log(
          `Deleted the forecast values and backtests of ${runs.length} run(s) older than ${this.config.training.retainDays} days`,
        );
    } catch (error) {
      // Retention is housekeeping: a failure is logged and retried after the next run.
      this.logger.error(
        `Pruning old runs failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  /** One prune at a time; a second call while one runs gets the same result. */
  prune(now: Date): Promise<PruneResult> {
    this.pruning ??= this.pruneOnce(now).finally(() => (this.pruning = null));
    return this.pruning;
  }

  private async pruneOnce(now: Date): Promise<PruneResult> {
    const days = this.config.training.retainDays;
    if (days === 0) return { runs: [] };
    const cutoff = now.getTime() - days * 86_400_000;
    const keep = new Set([
      await servingRun(this.dataSource),
      await latestRecommendationRun(this.dataSource),
    ]);
    const ended = await sqlQuery<EndedRunRow>(
      this.dataSource,
      `SELECT id, finished_at FROM forecast_runs
        WHERE status IN (${ENDED.map(() => '?').join(', ')}) AND finished_at IS NOT NULL`,
      ENDED,
    );
    const old = ended
      .filter((r) => !keep.has(String(r.id)))
      .filter(
        (r) =>
          (utcTimestamp(r.finished_at)?.getTime() ?? now.getTime()) < cutoff,
      )
      .map((r) => String(r.id));
    const pruned: string[] = [];
    for (const runId of old) if (await this.pruneRun(runId)) pruned.push(runId);
    return { runs: pruned };
  }

  /** Deletes one run's bulk rows store by store; false when it had none left. */
  private async pruneRun(runId: string): Promise<boolean> {
    const stores = await sqlQuery<StoreIdRow>(
      this.dataSource,
      PRUNED_TABLES.map(
        (t) => `SELECT DISTINCT store_id FROM ${t} WHERE run_id = ?`,
      ).join(' UNION '),
      PRUNED_TABLES.map(() => runId),
    );
    await storeByStore(
      this.dataSource,
      stores.map((r) => r.store_id),
      (store) =>
        PRUNED_TABLES.map((table) => [
          `DELETE FROM ${table} WHERE run_id = ? AND store_id = ?`,
          [runId, store],
        ]),
    );
    return stores.length > 0;
  }
}
