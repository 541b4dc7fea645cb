import {
  RUN_END_STATES,
  RUN_PHASES,
  type RunScopeType,
  type RunStatus,
  type RunTrigger,
} from '@shelfcast/contracts';
import { storeScopeSql } from '../../common/identity/store-scope';
import { runWapesFor } from '../../training/scoped-run-metrics';
import type { ReportColumn } from '../../common/tabular/report-types';
import { day, nextDay, num, sqlQuery, when } from './report-context';
import type { ReportDefinition } from './report-definition';

/** A row of the run page (numbers may come back as text from PostgreSQL, times as Date or text). */
interface RunRow {
  id: string;
  status: RunStatus;
  trigger_type: RunTrigger;
  scope_type: RunScopeType;
  scope_key: string | null;
  requested_by: string | null;
  created_at: Date | string;
  started_at: Date | string | null;
  finished_at: Date | string | null;
  series_total: number | string | null;
  series_done: number | string | null;
  series_failed: number | string | null;
  wape: number | string | null;
  champion_wape: number | string | null;
  champion_run_id: string | null;
  data_end: Date | string | null;
  message: string | null;
}

/** A row of the reader's store codes. */
interface StoreCodeRow {
  code: string;
}

const COLUMNS: ReportColumn[] = [
  { key: 'id', header: 'run_id', type: 'text', width: 38 },
  { key: 'status', header: 'status', type: 'text' },
  { key: 'trigger', header: 'trigger', type: 'text' },
  { key: 'scope', header: 'scope', type: 'text', width: 20 },
  { key: 'requestedBy', header: 'requested_by', type: 'text', width: 24 },
  { key: 'created', header: 'created_at', type: 'datetime', width: 18 },
  { key: 'started', header: 'started_at', type: 'datetime', width: 18 },
  { key: 'finished', header: 'finished_at', type: 'datetime', width: 18 },
  { key: 'duration', header: 'duration_s', type: 'number', numFmt: '0' },
  { key: 'seriesTotal', header: 'series_total', type: 'integer' },
  { key: 'seriesDone', header: 'series_done', type: 'integer' },
  { key: 'seriesFailed', header: 'series_failed', type: 'integer' },
  { key: 'wape', header: 'wape', type: 'number', numFmt: '0.0%' },
  {
    key: 'championWape',
    header: 'champion_wape',
    type: 'number',
    numFmt: '0.0%',
  },
  { key: 'champion', header: 'champion_run_id', type: 'text', width: 38 },
  { key: 'dataEnd', header: 'data_end', type: 'date' },
  { key: 'message', header: 'message', type: 'text', width: 50 },
];

/**
 * Every training run, newest first. Runs are few (one a night): read with LIMIT/OFFSET pages. A
 * store manager gets the runs of the chain or of their stores, with the WAPE over their stores and
 * without the champion comparison or a rejection's message (both quote chain-wide WAPEs).
 */
export const TRAINING_RUNS_REPORT: ReportDefinition = {
  id: 'training-runs',
  title: 'Training-run history',
  description:
    'Every training run: trigger, scope, timing, series, backtest WAPE against the champion, and the outcome.',
  formats: ['csv', 'xlsx'],
  filters: ['from', 'to', 'status'],
  dateMeaning: 'run created',
  statuses: [...RUN_PHASES, ...RUN_END_STATES],
  sections: [{ id: 'runs', title: 'Training runs' }],
  async build(ctx) {
    const f = ctx.filters;
    const where: string[] = ['1 = 1'];
    const params: unknown[] = [];
    const scoped = ctx.scope.kind === 'stores';
    if (scoped) {
      const codes = (
        (await sqlQuery(
          ctx.ds,
          `SELECT code FROM stores x WHERE ${storeScopeSql('x.id', ctx.scope)}`,
        )) as unknown as StoreCodeRow[]
      ).map((r) => String(r.code));
      where.push(
        `(scope_type <> 'store' OR scope_key IN (${codes.map(() => '?').join(', ') || "''"}))`,
      );
      params.push(...codes);
    }
    if (f.from) {
      where.push('created_at >= ?');
      params.push(f.from);
    }
    if (f.to) {
      where.push('created_at < ?');
      params.push(nextDay(f.to));
    }
    if (f.status) {
      where.push('status = ?');
      params.push(f.status);
    }
    return [
      {
        id: 'runs',
        title: 'Training runs',
        columns: COLUMNS,
        async *batches() {
          for (let offset = 0; ; offset += ctx.pageSize) {
            const rows = (await sqlQuery(
              ctx.ds,
              `SELECT id, status, trigger_type, scope_type, scope_key, requested_by, created_at,
                      started_at, finished_at, series_total, series_done, series_failed, wape,
                      champion_wape, champion_run_id, data_end, message
                 FROM forecast_runs WHERE ${where.join(' AND ')}
                ORDER BY created_at DESC, id LIMIT ${ctx.pageSize} OFFSET ${offset}`,
              params,
            )) as unknown as RunRow[];
            const ownWapes = scoped
              ? await runWapesFor(
                  ctx.ds,
                  rows.map((r) => String(r.id)),
                  ctx.scope,
                )
              : null;
            if (rows.length)
              yield rows.map((r) => {
                const started = when(r.started_at);
                const finished = when(r.finished_at);
                return [
                  String(r.id),
                  String(r.status),
                  String(r.trigger_type),
                  r.scope_key
                    ? `${String(r.scope_type)}:${String(r.scope_key)}`
                    : String(r.scope_type),
                  r.requested_by ?? null,
                  when(r.created_at),
                  started,
                  finished,
                  started && finished
                    ? (finished.getTime() - started.getTime()) / 1000
                    : null,
                  num(r.series_total),
                  num(r.series_done),
                  num(r.series_failed),
                  ownWapes ? (ownWapes.get(String(r.id)) ?? null) : num(r.wape),
                  ownWapes ? null : num(r.champion_wape),
                  r.champion_run_id ?? null,
                  day(r.data_end),
                  ownWapes && r.status === 'rejected'
                    ? null
                    : (r.message ?? null),
                ];
              });
            if (rows.length < ctx.pageSize) return;
          }
        },
      },
    ];
  },
};
