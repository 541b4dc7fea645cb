import type { ShardProgress } from './engine/shard-task';
import { dominantPhase, phaseProgress } from './run-phases';

function shard(p: Partial<ShardProgress>): ShardProgress {
  return {
    shard: 's0',
    phase: 'loading',
    fraction: 0,
    seriesTotal: 100,
    ...p,
  };
}

describe('phaseProgress', () => {
  it('sums the series counted in the slowest phase and counts shards ahead of it as done', () => {
    const list = [
      shard({
        shard: 's0',
        phase: 'backtesting',
        done: 30,
        total: 80,
        unit: 'series',
      }),
      shard({
        shard: 's1',
        phase: 'forecasting',
        done: 10,
        total: 50,
        unit: 'series',
        seriesTotal: 50,
      }),
    ];
    const phase = dominantPhase(list);
    expect(phase).toBe('backtesting');
    expect(phaseProgress(phase, list)).toEqual({
      name: 'backtesting',
      done: 80,
      total: 130,
      unit: 'series',
    });
  });

  it('counts epochs while a global model trains, without adding series of shards ahead', () => {
    const list = [
      shard({ phase: 'training', done: 3, total: 20, unit: 'epochs' }),
      shard({ shard: 's1', phase: 'forecasting', done: 5, total: 100 }),
    ];
    expect(phaseProgress('training', list)).toEqual({
      name: 'training',
      done: 3,
      total: 20,
      unit: 'epochs',
    });
  });

  it('is null while no shard has counted anything in the phase', () => {
    expect(phaseProgress('loading', [shard({ phase: 'loading' })])).toBeNull();
  });
});
