import { RUN_END_STATES, RUN_PHASES } from '@shelfcast/contracts';
import type { ReportColumn } from '../writers/report-types';
import { day, nextDay, num, sqlQuery, when } from './report-context';
import type { ReportDefinition } from './report-definition';

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

/** Every training run, newest first. Runs are few (one a night): read with LIMIT/OFFSET pages. */
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
  build(ctx) {
    const f = ctx.filters;
    const where: string[] = ['1 = 1'];
    const params: unknown[] = [];
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
    return Promise.resolve([
      {
        id: 'runs',
        title: 'Training runs',
        columns: COLUMNS,
        async *batches() {
          for (let offset = 0; ; offset += ctx.pageSize) {
            const rows = await sqlQuery(
              ctx.ds,
              `SELECT * FROM forecast_runs WHERE ${where.join(' AND ')}
                ORDER BY created_at DESC, id LIMIT ${ctx.pageSize} OFFSET ${offset}`,
              params,
            );
            if (rows.length)
              yield rows.map((r) => {
                const started = when(r['started_at']);
                const finished = when(r['finished_at']);
                return [
                  String(r['id']),
                  String(r['status']),
                  String(r['trigger_type']),
                  r['scope_key']
                    ? `${String(r['scope_type'])}:${String(r['scope_key'])}`
                    : String(r['scope_type']),
                  (r['requested_by'] as string | null) ?? null,
                  when(r['created_at']),
                  started,
                  finished,
                  started && finished
                    ? (finished.getTime() - started.getTime()) / 1000
                    : null,
                  num(r['series_total']),
                  num(r['series_done']),
                  num(r['series_failed']),
                  num(r['wape']),
                  num(r['champion_wape']),
                  (r['champion_run_id'] as string | null) ?? null,
                  day(r['data_end']),
                  (r['message'] as string | null) ?? null,
                ];
              });
            if (rows.length < ctx.pageSize) return;
          }
        },
      },
    ]);
  },
};
