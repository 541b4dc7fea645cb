import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { RunDetail, RunMetrics, RunSummary } from '@shelfcast/contracts';
import { DataSource } from 'typeorm';
import { numOrNull, sqlQuery, utcTimestamp } from '../database/raw-sql';
import { ForecastRun, RunMetric, Serving } from './entities';
import { metricsOf, toDetail, toSummary } from './run-views';
import { TrainingException } from './training.exception';

/** Reads of the run registry: the run list, one run with its serving flag, its metrics. */
@Injectable()
export class TrainingRunQueries {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get runs() {
    return this.dataSource.getRepository(ForecastRun);
  }

  /**
   * The summary columns only: the list is polled while runs train, and loading whole entities
   * parsed every run's log, errors and phases JSON on each poll.
   */
  async list(limit: number): Promise<RunSummary[]> {
    const rows = await sqlQuery(
      this.dataSource,
      `SELECT id, status, trigger_type, scope_type, scope_key, requested_by, mode, backend,
              series_total, series_done, series_failed, wape, champion_run_id, champion_wape,
              created_at, started_at, finished_at
         FROM forecast_runs ORDER BY created_at DESC LIMIT ?`,
      [limit],
    );
    return rows.map((r) => {
      const run = new ForecastRun();
      run.id = String(r['id']);
      run.status = r['status'] as ForecastRun['status'];
      run.trigger = r['trigger_type'] as ForecastRun['trigger'];
      run.scopeType = r['scope_type'] as ForecastRun['scopeType'];
      run.scopeKey = String(r['scope_key'] ?? '');
      run.requestedBy = (r['requested_by'] as string | null) ?? null;
      run.mode = r['mode'] as ForecastRun['mode'];
      run.backend = (r['backend'] as string | null) ?? null;
      run.seriesTotal = Number(r['series_total'] ?? 0);
      run.seriesDone = Number(r['series_done'] ?? 0);
      run.seriesFailed = Number(r['series_failed'] ?? 0);
      run.wape = numOrNull(r['wape']);
      run.championRunId = (r['champion_run_id'] as string | null) ?? null;
      run.championWape = numOrNull(r['champion_wape']);
      run.createdAt = utcTimestamp(r['created_at']) ?? new Date(Number.NaN);
      run.startedAt = utcTimestamp(r['started_at']);
      run.finishedAt = utcTimestamp(r['finished_at']);
      return toSummary(run);
    });
  }

  async get(id: string): Promise<RunDetail> {
    const run = await this.runs.findOneBy({ id });
    if (!run) throw new TrainingException('not_found', `No training run ${id}`);
    const serving = await this.dataSource
      .getRepository(Serving)
      .findOneBy({ id: 1 });
    return toDetail(run, serving?.runId ?? null);
  }

  async metrics(id: string): Promise<RunMetrics> {
    await this.get(id);
    return metricsOf(
      id,
      await this.dataSource.getRepository(RunMetric).findBy({ runId: id }),
    );
  }
}
