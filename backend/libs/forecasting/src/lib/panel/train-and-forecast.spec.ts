import { syntheticPanel } from '../../fixtures/synthetic-panel';
import type { Panel, Progress } from '../types';
import { aggregateForecasts } from './aggregate';
import { forecastFromArtifacts } from './from-artifacts';
import { trainAndForecast } from './train-and-forecast';

function panelWithSpecialCases(): Panel {
  const { panel } = syntheticPanel({
    series: 6,
    length: 200,
    horizon: 14,
    seed: 3,
  });
  const n = 200;
  // Intermittent series: demand on one day in five.
  panel.series.push({
    id: 'sparse',
    start: '2024-01-01',
    values: Float64Array.from({ length: n }, (_, t) => (t % 5 === 0 ? 3 : 0)),
    attributes: { category: 'cat0' },
  });
  // Brand-new series: three observations, category cat1.
  panel.series.push({
    id: 'new',
    start: '2024-07-16',
    values: Float64Array.from([10, 12, 11]),
    attributes: { category: 'cat1' },
  });
  // Broken series: covariate too short for the horizon.
  panel.series.push({
    id: 'broken',
    start: '2024-01-01',
    values: new Float64Array(n).fill(5),
    covariates: [
      { name: 'promo', group: 'promotion', values: new Float64Array(n) },
    ],
  });
  return panel;
}

describe('trainAndForecast (statistical models)', () => {
  it('forecasts every valid series and captures per-series errors', async () => {
    const phases = new Set<Progress['phase']>();
    const r = await trainAndForecast(panelWithSpecialCases(), {
      horizon: 14,
      neural: false,
      onProgress: (p) => phases.add(p.phase),
    });
    expect(r.errors).toEqual([
      { id: 'broken', message: expect.stringContaining('covariate promo') },
    ]);
    expect(r.series.map((s) => s.id).sort()).toEqual([
      'new',
      'sparse',
      'syn-0',
      'syn-1',
      'syn-2',
      'syn-3',
      'syn-4',
      'syn-5',
    ]);
    expect(phases.has('backtest')).toBe(true);
    expect(r.backend).toBe('none');
    for (const s of r.series) {
      expect(s.dates).toHaveLength(14);
      for (let h = 0; h < 14; h++) {
        expect(s.forecast.values[0][h]).toBeGreaterThanOrEqual(0);
        expect(s.forecast.values[0][h]).toBeLessThanOrEqual(
          s.forecast.values[1][h],
        );
        expect(s.forecast.values[1][h]).toBeLessThanOrEqual(
          s.forecast.values[2][h],
        );
        expect(s.forecast.point[h]).toBe(s.forecast.values[1][h]);
      }
    }
    const sparse = r.series.find((s) => s.id === 'sparse');
    expect(sparse?.kind).toBe('intermittent');
    expect(Object.keys(sparse?.backtest ?? {})).toEqual(
      expect.arrayContaining(['croston-sba', 'tsb']),
    );
    const fresh = r.series.find((s) => s.id === 'new');
    expect(fresh?.model).toBe('category-profile');
    expect(fresh?.dates[0]).toBe('2024-07-19');
    const regular = r.series.find((s) => s.id === 'syn-0');
    expect(Object.keys(regular?.backtest ?? {})).toEqual(
      expect.arrayContaining([
        'seasonal-naive',
        'moving-average',
        'ets',
        'ensemble',
      ]),
    );
    expect(regular?.backtest.ets?.count).toBe(3 * 14);
  });

  it('returns drivers that add up to the P50 for local models', async () => {
    const r = await trainAndForecast(panelWithSpecialCases(), {
      horizon: 14,
      neural: false,
    });
    for (const s of r.series.filter((x) => x.model !== 'ensemble')) {
      const d = s.drivers;
      expect(d).toBeDefined();
      if (!d) continue;
      for (let h = 0; h < 14; h++) {
        const sum =
          d.level[h] +
          d.seasonality[h] +
          d.price[h] +
          d.promotion[h] +
          d.market[h] +
          d.event[h];
        expect(Math.max(0, sum)).toBeCloseTo(s.forecast.point[h], 6);
      }
    }
  });

  it('reproduces the forecasts from the saved artifacts without retraining', async () => {
    const panel = panelWithSpecialCases();
    const r = await trainAndForecast(panel, { horizon: 14, neural: false });
    const json = JSON.parse(JSON.stringify(r.artifacts));
    const again = await forecastFromArtifacts(panel, json);
    expect(again.errors.map((e) => e.id)).toEqual(['broken']);
    for (const s of again.series) {
      const orig = r.series.find((x) => x.id === s.id);
      expect(s.model).toBe(orig?.model);
      expect(Array.from(s.forecast.point)).toEqual(
        Array.from(orig?.forecast.point ?? []),
      );
    }
  });

  it('aggregates coherently: group points are sums of the bottom level', async () => {
    const r = await trainAndForecast(panelWithSpecialCases(), {
      horizon: 14,
      neural: false,
    });
    const items = r.series.map((s) => ({
      group: 'chain',
      forecast: s.forecast,
    }));
    const chain = aggregateForecasts(items).get('chain');
    const total = r.series.reduce((a, s) => a + s.forecast.point[0], 0);
    expect(chain?.point[0]).toBeCloseTo(total, 9);
    expect(chain?.values[0][0]).toBeLessThanOrEqual(total);
    expect(chain?.values[2][0]).toBeGreaterThanOrEqual(total);
    const independent = aggregateForecasts(items, { correlation: 0 }).get(
      'chain',
    );
    const comonotone = aggregateForecasts(items, { correlation: 1 }).get(
      'chain',
    );
    const width = (f: typeof chain): number =>
      f ? f.values[2][0] - f.values[0][0] : 0;
    expect(width(independent)).toBeLessThan(width(comonotone));
  });
});
