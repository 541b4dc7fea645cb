import type { RunProgress } from '@shelfcast/contracts';
import { progressView } from './progress-view';

function progress(p: Partial<RunProgress> = {}): RunProgress {
  return {
    runId: 'r',
    status: 'backtesting',
    seriesTotal: 200,
    seriesDone: 0,
    seriesFailed: 1,
    fraction: 0.347,
    etaSeconds: 120,
    elapsedSeconds: 60,
    message: null,
    phase: { name: 'backtesting', done: 50, total: 200, unit: 'series' },
    ...p,
  };
}

describe('progressView', () => {
  it('gives the bar and the text the same whole percent and the phase count', () => {
    expect(progressView(progress())).toEqual({
      percent: 34,
      count: { done: 50, total: 200, unit: 'series', phase: true },
      failed: 1,
      etaSeconds: 120,
    });
  });

  it('shows no ETA before enough series are counted or enough time has passed', () => {
    expect(
      progressView(
        progress({
          phase: { name: 'backtesting', done: 5, total: 200, unit: 'series' },
        }),
      ).etaSeconds,
    ).toBeNull();
    expect(progressView(progress({ elapsedSeconds: 3 })).etaSeconds).toBeNull();
    expect(progressView(progress({ etaSeconds: null })).etaSeconds).toBeNull();
  });

  it('falls back to the run’s finished series when the server sends no phase count', () => {
    const v = progressView(
      progress({ phase: undefined, seriesDone: 20, fraction: 1.4 }),
    );
    expect(v.count).toEqual({
      done: 20,
      total: 200,
      unit: 'series',
      phase: false,
    });
    expect(v.percent).toBe(100);
  });
});
