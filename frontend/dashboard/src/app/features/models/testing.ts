import type { RunSummary } from '@shelfcast/contracts';

/** A promoted run of all series for tests: 10 series, WAPE 0.3, five minutes on 2026-11-01. */
export const runSummary = (patch: Partial<RunSummary> = {}): RunSummary => ({
  id: 'aaaaaaaa-0000-4000-8000-000000000001',
  status: 'promoted',
  trigger: 'cron',
  scope: 'all',
  scopeKey: '',
  requestedBy: null,
  mode: 'threads',
  backend: 'wasm',
  seriesTotal: 10,
  seriesDone: 10,
  seriesFailed: 0,
  wape: 0.3,
  championRunId: null,
  championWape: null,
  createdAt: '2026-11-01T02:00:00Z',
  startedAt: '2026-11-01T02:00:01Z',
  finishedAt: '2026-11-01T02:05:00Z',
  durationMs: 299_000,
  ...patch,
});
