import { flatForecast } from '../normal-forecast';
import { Forecaster } from './forecaster';
import { calibrateServiceLevel, replayPanel } from './replay-panel';

const tenEachPeriod: Forecaster = {
  name: 'ten',
  forecast: (_ctx, horizon) => flatForecast(10, 0, horizon),
};
const histories = [
  { demand: Float64Array.of(10, 10, 10, 10, 10) },
  { demand: Float64Array.of(10, 10, 30, 10, 10) },
];
const params = () => ({ start: 0 });

describe('replayPanel', () => {
  it('pools demand, sales and stock over series', () => {
    const r = replayPanel(
      histories,
      [tenEachPeriod, tenEachPeriod],
      { kind: 'fill-rate', level: 0.95 },
      params,
    );
    expect(r.fillRate).toBeCloseTo(100 / 120, 12); // 50 + 50 sold of 50 + 70
    expect(r.cycleServiceLevel).toBeCloseTo(9 / 10, 12);
    expect(r.averageOnHand).toBe(2);
    expect(r.meanSeriesFillRate).toBeCloseTo((1 + 5 / 7) / 2, 12);
    expect(r.orders).toBe(8);
  });
});

describe('calibrateServiceLevel', () => {
  it('reports a target no parameter reaches', () => {
    // Spread-free forecasts hold no safety stock whatever the parameter.
    const c = calibrateServiceLevel(
      histories,
      [tenEachPeriod, tenEachPeriod],
      { kind: 'fill-rate', level: 0.9 },
      params,
      { iterations: 3 },
    );
    expect(c.reached).toBe(false);
    expect(c.result.fillRate).toBeCloseTo(100 / 120, 12);
  });

  it('reads the parameter off the fill curve between the last bracket', () => {
    // Demand 10 or 30, forecast spread 10: fill rises with the parameter.
    const spread: Forecaster = {
      name: 'spread',
      forecast: (_ctx, horizon) => flatForecast(15, 10, horizon),
    };
    const panel = [
      { demand: Float64Array.of(10, 30, 10, 10, 30, 10, 10, 30, 10, 10) },
    ];
    const target = { kind: 'fill-rate' as const, level: 0.9 };
    const grid = calibrateServiceLevel(panel, [spread], target, params, {
      iterations: 4,
    });
    const smooth = calibrateServiceLevel(panel, [spread], target, params, {
      iterations: 4,
      interpolate: true,
    });
    expect(grid.reached).toBe(true);
    expect(grid.result.fillRate).toBeGreaterThanOrEqual(0.9);
    // Inside the last bracket: below the grid's upper end.
    expect(smooth.grid?.nominal).toBe(grid.nominal);
    expect(smooth.nominal).toBeLessThanOrEqual(grid.nominal);
    expect(smooth.nominal).toBeGreaterThan(grid.nominal - 0.4995 / 16);
    expect(Math.abs(smooth.result.fillRate - 0.9)).toBeLessThanOrEqual(
      Math.abs(grid.result.fillRate - 0.9) + 1e-12,
    );
  });
});
