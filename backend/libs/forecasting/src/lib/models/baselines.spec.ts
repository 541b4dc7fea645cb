import {
  fitMovingAverage,
  fitSeasonalNaive,
  movingAverageForecast,
  seasonalNaiveForecast,
} from './baselines';

describe('seasonal naive', () => {
  it('forecasts a purely seasonal series exactly, with zero-width intervals', () => {
    const pattern = [5, 9, 12, 7, 3, 20, 14];
    const y = Float64Array.from({ length: 70 }, (_, t) => pattern[t % 7]);
    const fc = seasonalNaiveForecast(
      fitSeasonalNaive(y, 7),
      28,
      [0.1, 0.5, 0.9],
    );
    const expected = Array.from(
      { length: 28 },
      (_, h) => pattern[(70 + h) % 7],
    );
    expect(Array.from(fc.point)).toEqual(expected);
    expect(Array.from(fc.values[0])).toEqual(expected);
    expect(Array.from(fc.values[2])).toEqual(expected);
  });

  it('falls back to naive when the history is shorter than a season', () => {
    const fc = seasonalNaiveForecast(
      fitSeasonalNaive(Float64Array.from([4, 6]), 7),
      3,
      [0.5],
    );
    expect(Array.from(fc.point)).toEqual([6, 6, 6]);
  });
});

describe('moving average', () => {
  it('forecasts the mean of the last window flat', () => {
    const y = Float64Array.from([100, 1, 2, 3, 4]);
    const p = fitMovingAverage(y, 4);
    expect(p.level).toBe(2.5);
    expect(Array.from(movingAverageForecast(p, 2, [0.5]).point)).toEqual([
      2.5, 2.5,
    ]);
  });
});
