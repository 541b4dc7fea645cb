/**
 * docs/benchmarks.md tables of bench:import, bench:export, bench:api-under-training
 * (backend/api/bench) and bench:dashboard (frontend/dashboard-e2e/bench).
 */
import { bytes, fixed, int, pct, table } from './markdown';

export interface ImportResult {
  rows: number;
  results: {
    database: string;
    productRowsPerSec: number;
    rawRowsPerSec: number;
    rawMethod: string;
    ratio: number;
  }[];
}

export function importTables(r: ImportResult): string[] {
  return [
    `${int(r.rows)} sales rows, one transaction each, into a fresh migrated database with the same indexes.\n\n` +
      table(
        [
          'database',
          'import path (rows/s)',
          'raw baseline (rows/s)',
          'raw method',
          'import / raw',
        ],
        r.results.map((x) => [
          x.database,
          int(x.productRowsPerSec),
          int(x.rawRowsPerSec),
          x.rawMethod,
          pct(x.ratio, 0),
        ]),
        ['l', 'r', 'r', 'l', 'r'],
      ),
    `Target: the import path at least 50% of raw on each database: ${r.results.every((x) => x.ratio >= 0.5) ? 'met' : 'missed'}.`,
  ];
}

export interface ExportResult {
  rows: number;
  stores: number;
  products: number;
  days: number;
  maxOldSpaceMb?: number;
  phases: {
    name: string;
    rows: number;
    seconds: number | null;
    rowsPerSecond: number | null;
    bytes: number | null;
    rssBeforeMb: number;
    peakRssMb: number;
  }[];
}

export function exportTables(r: ExportResult): string[] {
  const heap = r.maxOldSpaceMb
    ? `, V8 heap capped at ${r.maxOldSpaceMb} MB`
    : '';
  return [
    `${int(r.rows)} forecast rows (${r.stores} stores × ${r.products} products × ${r.days} days) on SQLite${heap}.\n\n` +
      table(
        [
          'phase',
          'rows',
          'seconds',
          'rows/s',
          'peak RSS MB (before)',
          'output',
        ],
        r.phases.map((p) => [
          p.name,
          int(p.rows),
          fixed(p.seconds, 2),
          int(p.rowsPerSecond),
          `${int(p.peakRssMb)} (${int(p.rssBeforeMb)})`,
          bytes(p.bytes),
        ]),
        ['l', 'r', 'r', 'r', 'r', 'r'],
      ),
  ];
}

interface ApiPhase {
  label: string;
  seconds: number | null;
  requests: number | null;
  requestsPerSec: number;
  p95Ms: number;
  loop: { maxMs: number; p99Ms: number };
  endpoints: { name: string; p95Ms: number }[];
  run?: { seriesTotal?: number };
}

export interface ApiResult {
  panel: { series: number };
  connections: number;
  requestTurnBudgetMs?: string;
  targets: { p95Ms: number; loopDelayMs: number };
  targetsMet: boolean;
  phases: ApiPhase[];
}

export function apiTables(r: ApiResult): string[] {
  const trained =
    r.phases.find((p) => p.run?.seriesTotal !== undefined)?.run?.seriesTotal ??
    r.panel.series;
  const names = [
    ...new Set(r.phases.flatMap((p) => p.endpoints.map((e) => e.name))),
  ];
  return [
    `${r.connections} concurrent clients on SQLite; the training run covers ${int(trained)} series; \`REQUEST_TURN_BUDGET_MS\` ${r.requestTurnBudgetMs ?? 'default (20)'}.\n\n` +
      table(
        [
          'phase',
          'seconds',
          'requests',
          'req/s',
          ...names.map((n) => `p95 ${n} ms`),
          'p95 all ms',
          'max loop delay ms',
          'p99 loop delay ms',
        ],
        r.phases.map((p) => [
          p.label,
          fixed(p.seconds, 0),
          int(p.requests),
          int(p.requestsPerSec),
          ...names.map((n) =>
            fixed(p.endpoints.find((e) => e.name === n)?.p95Ms, 0),
          ),
          fixed(p.p95Ms, 0),
          fixed(p.loop.maxMs, 0),
          fixed(p.loop.p99Ms, 0),
        ]),
        ['l', 'r', 'r', 'r', ...names.map(() => 'r' as const), 'r', 'r', 'r'],
      ),
    `Targets during training (p95 < ${r.targets.p95Ms} ms, event-loop delay < ${r.targets.loopDelayMs} ms): ${r.targetsMet ? 'met' : 'missed'}.`,
  ];
}

export interface DashboardResult {
  bundle: {
    initialJs: { raw: number; gzip: number };
    lazy: { file: string | null; gzip: number; loadedFor: string }[];
  };
  chart: {
    config: { days: number; horizon: number; runs: number };
    forecast: { totalMs: { median: number } };
    baseline: { totalMs: { median: number } };
  };
  targets: Record<string, { target: number; actual: number; pass: boolean }>;
}

const kb = (v: number): string => `${fixed(v / 1024, 1)} kB`;

export function dashboardTables(r: DashboardResult): string[] {
  const { initialJs, lazy } = r.bundle;
  const c = r.chart;
  const target = (key: string, unit: string, op: string): string => {
    const t = r.targets[key];
    return t ? `${op} ${t.target} ${unit} (${t.pass ? 'met' : 'missed'})` : '';
  };
  return [
    table(
      ['measure', 'result', 'target'],
      [
        [
          'initial JavaScript',
          `${kb(initialJs.raw)} raw, ${kb(initialJs.gzip)} gzip`,
          target('initialJsGzipKb', 'kB gzip', '≤'),
        ],
        [
          'largest lazy chunks (gzip)',
          lazy
            .slice(0, 4)
            .map((l) => `${l.loadedFor} ${kb(l.gzip)}`)
            .join(', '),
          '',
        ],
        [
          `forecast chart, ${int(c.config.days)} days + ${c.config.horizon}-day band, data to ECharts \`finished\` (median of ${c.config.runs})`,
          `${fixed(c.forecast.totalMs.median, 1)} ms`,
          target('forecastChartRenderMs', 'ms', '<'),
        ],
        [
          'plain line chart with the same points (baseline, same run)',
          `${fixed(c.baseline.totalMs.median, 1)} ms`,
          '',
        ],
      ],
    ),
  ];
}
