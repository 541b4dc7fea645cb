import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  RunDetail,
  RunMetrics,
  RunScopeType,
  RunStatus,
  RunSummary,
  RunTrigger,
  TrainingMode,
} from '@shelfcast/contracts';
import { DataSource } from 'typeorm';
import {
  ALL_STORES,
  type StoreScope,
  storeScopeSql,
} from '../common/identity/store-scope';
import { numOrNull, sqlQuery, utcTimestamp } from '../database/raw-sql';
import { ForecastRun, Serving } from './entities';
import { toDetail, toSummary } from './run-views';
import { runMetricsFor, runWapesFor } from './scoped-run-metrics';
import { TrainingException } from './training.exception';

/** A row of the run list's summary columns. */
interface RunSummaryRow {
  id: string;
  status: RunStatus;
  trigger_type: RunTrigger;
  scope_type: RunScopeType;
  scope_key: string | null;
  requested_by: string | null;
  mode: TrainingMode;
  backend: string | null;
  series_total: number | string | null;
  series_done: number | string | null;
  series_failed: number | string | null;
  wape: number | string | null;
  champion_run_id: string | null;
  champion_wape: number | string | null;
  created_at: Date | string;
  started_at: Date | string | null;
  finished_at: Date | string | null;
}

/** A row of the reader's store codes. */
interface StoreCodeRow {
  code: string;
}

/**
 * Reads of the run registry: the run list, one run with its serving flag, its metrics. A store
 * manager sees runs of the whole chain or of their stores only, with every accuracy figure
 * computed over their stores (or withheld where it cannot be: the champion comparison, the log).
 */
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
  async list(
    limit: number,
    scope: StoreScope = ALL_STORES,
  ): Promise<RunSummary[]> {
    const codes = await this.storeCodes(scope);
    const visible = codes
      ? `scope_type <> 'store' OR scope_key IN (${codes.map(() => '?').join(', ') || "''"})`
      : '1 = 1';
    const rows = (await sqlQuery(
      this.dataSource,
      `SELECT id, status, trigger_type, scope_type, scope_key, requested_by, mode, backend,
              series_total, series_done, series_failed, wape, champion_run_id, champion_wape,
              created_at, started_at, finished_at
         FROM forecast_runs WHERE ${visible} ORDER BY created_at DESC LIMIT ?`,
      [...(codes ?? []), limit],
    )) as unknown as RunSummaryRow[];
    const summaries = rows.map((r) => {
      const run = new ForecastRun();
      run.id = String(r.id);
      run.status = r.status;
      run.trigger = r.trigger_type;
      run.scopeType = r.scope_type;
      run.scopeKey = String(r.scope_key ?? '');
      run.requestedBy = r.requested_by ?? null;
      run.mode = r.mode;
      run.backend = r.backend ?? null;
      run.seriesTotal = Number(r.series_total ?? 0);
      run.seriesDone = Number(r.series_done ?? 0);
      run.seriesFailed = Number(r.series_failed ?? 0);
      run.wape = numOrNull(r.wape);
      run.championRunId = r.champion_run_id ?? null;
      run.championWape = numOrNull(r.champion_wape);
      run.createdAt = utcTimestamp(r.created_at) ?? new Date(Number.NaN);
      run.startedAt = utcTimestamp(r.started_at);
      run.finishedAt = utcTimestamp(r.finished_at);
      return toSummary(run);
    });
    if (scope.kind === 'all') return summaries;
    const wapes = await runWapesFor(
      this.dataSource,
      summaries.map((s) => s.id),
      scope,
    );
    return summaries.map((s) => ({
      ...s,
      wape: wapes.get(s.id) ?? null,
      championWape: null,
    }));
  }

  async get(id: string, scope: StoreScope = ALL_STORES): Promise<RunDetail> {
    const run = await this.runs.findOneBy({ id });
    if (!run) throw new TrainingException('not_found', `No training run ${id}`);
    const codes = await this.storeCodes(scope);
    if (codes && run.scopeType === 'store' && !codes.includes(run.scopeKey))
      throw new TrainingException(
        'forbidden',
        'This run trained a store that is not assigned to you',
      );
    const serving = await this.dataSource
      .getRepository(Serving)
      .findOneBy({ id: 1 });
    const detail = toDetail(run, serving?.runId ?? null);
    if (!codes) return detail;
    // The log and a rejection's message quote chain-wide WAPEs; errors name other stores' series.
    const errors = detail.errors.filter((e) =>
      codes.some((c) => e.series.startsWith(`${c}/`)),
    );
    const wapes = await runWapesFor(this.dataSource, [id], scope);
    return {
      ...detail,
      wape: wapes.get(id) ?? null,
      championWape: null,
      errors,
      errorsTruncated: detail.errorsTruncated,
      log: '',
      message: run.status === 'rejected' ? null : detail.message,
    };
  }

  async metrics(
    id: string,
    scope: StoreScope = ALL_STORES,
  ): Promise<RunMetrics> {
    await this.get(id, scope);
    return runMetricsFor(this.dataSource, id, scope);
  }

  /** The reader's store codes, or null for readers of every store. */
  private async storeCodes(scope: StoreScope): Promise<string[] | null> {
    if (scope.kind === 'all') return null;
    const rows = (await sqlQuery(
      this.dataSource,
      `SELECT code FROM stores x WHERE ${storeScopeSql('x.id', scope)} ORDER BY code`,
    )) as unknown as StoreCodeRow[];
    return rows.map((r) => String(r.code));
  }
}
