import type { Metrics, ModelName } from '../types';
import {
  guardedChoice,
  globalWinners,
  type SeriesEvidence,
} from './guarded-selection';

const m = (mase: number): Metrics => ({
  wape: mase,
  mase,
  smape: mase,
  rmsse: mase,
  bias: 0,
  pinball: mase,
  coverage: 0.8,
  count: 12,
});
const ev = (
  kind: string,
  scores: Partial<Record<ModelName, number>>,
): SeriesEvidence => ({
  kind,
  summary: Object.fromEntries(
    Object.entries(scores).map(([k, v]) => [k, m(v as number)]),
  ),
});

describe('globalWinners', () => {
  it('picks the lowest mean metric per kind', () => {
    const w = globalWinners(
      [
        ev('regular', { gbdt: 0.4, ets: 0.5 }),
        ev('regular', { gbdt: 0.6, ets: 0.3 }),
        ev('regular', { gbdt: 0.3, ets: 0.8 }),
        ev('intermittent', { tsb: 0.9, ets: 1.1 }),
      ],
      'mase',
    );
    expect(w.get('regular')).toBe('gbdt');
    expect(w.get('intermittent')).toBe('tsb');
  });

  it('ignores models scored on fewer than half the series of a kind', () => {
    const w = globalWinners(
      [
        ev('regular', { gbdt: 0.1, ets: 0.5 }),
        ev('regular', { ets: 0.5 }),
        ev('regular', { ets: 0.5 }),
      ],
      'mase',
    );
    expect(w.get('regular')).toBe('ets');
  });
});

describe('guardedChoice', () => {
  const e = ev('regular', { gbdt: 0.5, ets: 0.45, neural: 0.3 });

  it('keeps the global winner unless the own winner beats it by more than the margin', () => {
    expect(guardedChoice(e, 'ets', 'gbdt', 'mase', 0.2)).toBe('gbdt');
    expect(guardedChoice(e, 'neural', 'gbdt', 'mase', 0.2)).toBe('neural');
  });

  it('is plain per-series selection at margin 0 and global-only at Infinity', () => {
    expect(guardedChoice(e, 'ets', 'gbdt', 'mase', 0)).toBe('ets');
    expect(guardedChoice(e, 'neural', 'gbdt', 'mase', Infinity)).toBe('gbdt');
  });

  it('keeps the own winner when the global winner was not scored on the series', () => {
    expect(guardedChoice(e, 'ets', 'tsb', 'mase', 0.2)).toBe('ets');
    expect(guardedChoice(e, undefined, undefined, 'mase', 0.2)).toBeUndefined();
  });
});
