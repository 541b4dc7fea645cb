import type {
  MetricRow,
  RunDetail,
  RunMetrics,
  RunSummary,
} from '@shelfcast/contracts';
import { ForecastRun, RunMetric } from './entities';

export function toSummary(r: ForecastRun): RunSummary {
  return {
    id: r.id,
    status: r.status,
    trigger: r.trigger,
    scope: r.scopeType,
    scopeKey: r.scopeKey,
    requestedBy: r.requestedBy,
    mode: r.mode,
    backend: r.backend ?? null,
    seriesTotal: r.seriesTotal ?? 0,
    seriesDone: r.seriesDone ?? 0,
    seriesFailed: r.seriesFailed ?? 0,
    wape: r.wape ?? null,
    championRunId: r.championRunId ?? null,
    championWape: r.championWape ?? null,
    createdAt: new Date(r.createdAt).toISOString(),
    startedAt: r.startedAt ? new Date(r.startedAt).toISOString() : null,
    finishedAt: r.finishedAt ? new Date(r.finishedAt).toISOString() : null,
    durationMs:
      r.startedAt && r.finishedAt
        ? new Date(r.finishedAt).getTime() - new Date(r.startedAt).getTime()
        : null,
  };
}

export function toDetail(
  run: ForecastRun,
  servingRunId: string | null,
): RunDetail {
  const errors = run.errors ?? [];
  return {
    ...toSummary(run),
    phases: run.phases ?? {},
    shardsTotal: run.shardsTotal ?? 0,
    shardsDone: run.shardsDone ?? 0,
    errors,
    errorsTruncated: (run.seriesFailed ?? 0) > errors.length,
    log: run.log ?? '',
    message: run.message ?? null,
    dataEnd: run.dataEnd ?? null,
    serving: servingRunId === run.id,
    history: run.history ?? [],
  };
}

export function metricsOf(runId: string, rows: RunMetric[]): RunMetrics {
  const toRow = (m: RunMetric): MetricRow => ({
    level: m.level,
    key: m.key,
    series: m.series,
    wape: m.wape,
    mase: m.mase,
    smape: m.smape,
    bias: m.bias,
    coverage: m.coverage,
  });
  const sorted = [...rows].sort((a, b) => a.key.localeCompare(b.key));
  const overall = sorted.find((m) => m.level === 'overall');
  return {
    runId,
    overall: overall ? toRow(overall) : null,
    categories: sorted.filter((m) => m.level === 'category').map(toRow),
    stores: sorted.filter((m) => m.level === 'store').map(toRow),
  };
}
