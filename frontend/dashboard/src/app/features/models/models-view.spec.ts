import type { RunSummary } from '@shelfcast/contracts';
import {
  activeRun,
  lastScheduledRun,
  promotedWapes,
  relativeChange,
} from './models-view';

function run(overrides: Partial<RunSummary>): RunSummary {
  return {
    id: 'r',
    status: 'promoted',
    trigger: 'manual',
    scope: 'all',
    scopeKey: '',
    requestedBy: null,
    mode: 'threads',
    backend: null,
    seriesTotal: 1,
    seriesDone: 1,
    seriesFailed: 0,
    wape: 0.3,
    championRunId: null,
    championWape: null,
    createdAt: '2026-11-01T02:00:00Z',
    startedAt: null,
    finishedAt: null,
    durationMs: null,
    ...overrides,
  };
}

describe('models view helpers', () => {
  const runs = [
    run({ id: 'c', status: 'training', createdAt: '2026-11-03T02:00:00Z' }),
    run({
      id: 'b',
      wape: 0.25,
      trigger: 'cron',
      finishedAt: '2026-11-02T03:00:00Z',
    }),
    run({ id: 'x', status: 'rejected', wape: 0.4 }),
    run({ id: 'a', wape: 0.3, finishedAt: '2026-11-01T03:00:00Z' }),
  ];

  it('lists promoted runs oldest first with their WAPE', () => {
    expect(promotedWapes(runs).map((w) => [w.runId, w.wape])).toEqual([
      ['a', 0.3],
      ['b', 0.25],
    ]);
  });

  it('finds the active run and the last scheduled one', () => {
    expect(activeRun(runs)?.id).toBe('c');
    expect(activeRun(runs.slice(1))).toBeNull();
    expect(lastScheduledRun(runs)?.id).toBe('b');
  });

  it('computes a relative change', () => {
    expect(relativeChange(0.4, 0.3)).toBeCloseTo(-0.25);
    expect(relativeChange(null, 0.3)).toBeNull();
    expect(relativeChange(0, 0.3)).toBeNull();
  });
});
