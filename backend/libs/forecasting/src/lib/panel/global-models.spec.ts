import { syntheticPanel } from '../../fixtures/synthetic-panel';
import type { Panel, SeriesInput } from '../types';
import {
  fitGlobalModels,
  type GlobalModelOptions,
  parseGlobalModels,
  pickGlobalSample,
  serializeGlobalModels,
} from './global-models';
import type { PanelResult, SeriesResult } from './result-types';
import { trainAndForecast } from './train-and-forecast';

const options: GlobalModelOptions = {
  horizon: 14,
  seed: 5,
  neural: { hidden: [16], maxWindows: 1500, epochs: 2, finalEpochs: 1 },
  gbdt: { maxRows: 8000, maxValidRows: 2000, numTrees: 40 },
};

function panel(): Panel {
  const { panel: p } = syntheticPanel({
    series: 14,
    length: 220,
    horizon: 14,
    seed: 11,
    richCovariates: true,
  });
  // A brand-new series: forecast from the global step's category profiles.
  p.series.push({
    id: 'new',
    start: '2024-07-16',
    values: Float64Array.from([4, 6, 5]),
    attributes: { category: p.series[0].attributes?.category ?? 'cat0' },
  });
  return p;
}

const byId = (r: PanelResult): Map<string, SeriesResult> =>
  new Map(r.series.map((s) => [s.id, s]));

/** Largest absolute difference over every quantile of two series' forecasts. */
function maxDiff(a: SeriesResult, b: SeriesResult): number {
  let d = 0;
  a.forecast.values.forEach((v, k) =>
    v.forEach((x, h) => {
      d = Math.max(d, Math.abs(x - b.forecast.values[k][h]));
    }),
  );
  return d;
}

function expectSame(a: PanelResult, b: PanelResult): void {
  const mb = byId(b);
  expect([...byId(a).keys()].sort()).toEqual([...mb.keys()].sort());
  for (const s of a.series) {
    const o = mb.get(s.id) as SeriesResult;
    expect({ id: s.id, model: o.model }).toEqual({ id: s.id, model: s.model });
    expect(maxDiff(s, o)).toBeLessThanOrEqual(1e-9);
  }
}

describe('pickGlobalSample', () => {
  it('keeps everything up to the cap, then a seeded subset independent of order', () => {
    const ids = Array.from({ length: 50 }, (_, i) => `s${i}`);
    expect(pickGlobalSample(ids, 50, 1).size).toBe(50);
    const a = pickGlobalSample(ids, 10, 1);
    const b = pickGlobalSample([...ids].reverse(), 10, 1);
    expect(a.size).toBe(10);
    expect([...b].sort()).toEqual([...a].sort());
    expect([...pickGlobalSample(ids, 10, 2)].sort()).not.toEqual([...a].sort());
  });
});

describe('fitGlobalModels + trainAndForecast({ pretrained })', () => {
  jest.setTimeout(120_000);
  let full: Panel;
  let pretrained: Awaited<ReturnType<typeof fitGlobalModels>>;

  beforeAll(async () => {
    full = panel();
    // A cap below the panel size: the models see 9 of the 15 series.
    pretrained = await fitGlobalModels(full, {
      ...options,
      globalSampleSeries: 9,
    });
  });

  it('trains both global models on the capped sample', () => {
    expect(pretrained.sampleSeries).toBe(9);
    expect(pretrained.panelSeries).toBe(15);
    expect(pretrained.gbdt?.final.trees.length).toBeGreaterThan(0);
    expect(pretrained.neural?.final.weightData.byteLength).toBeGreaterThan(0);
    expect(Object.keys(pretrained.winners).length).toBeGreaterThan(0);
  });

  it('forecasts a series the same whichever panel it is in', async () => {
    const run = (series: SeriesInput[]) =>
      trainAndForecast(
        { frequency: full.frequency, series },
        { ...options, pretrained },
      );
    const whole = await run(full.series);
    expect(whole.errors).toEqual([]);
    // Three shards of different sizes, in another order.
    const rev = [...full.series].reverse();
    const parts = await Promise.all(
      [rev.slice(0, 2), rev.slice(2, 9), rev.slice(9)].map((s) => run(s)),
    );
    const merged: PanelResult = {
      ...whole,
      series: parts.flatMap((p) => p.series),
    };
    expectSame(whole, merged);
    expect(whole.series.some((s) => s.model === 'category-profile')).toBe(true);
    // The global models did forecast: some series ship them or the ensemble holding them.
    expect(whole.series.some((s) => s.backtest.gbdt && s.backtest.neural)).toBe(
      true,
    );
  });

  it('survives serialization (weights as base64) unchanged', async () => {
    const back = parseGlobalModels(serializeGlobalModels(pretrained));
    const a = await trainAndForecast(full, { ...options, pretrained });
    const b = await trainAndForecast(full, { ...options, pretrained: back });
    expectSame(a, b);
  });

  it('rejects models fitted for another horizon', async () => {
    await expect(
      trainAndForecast(full, { ...options, horizon: 7, pretrained }),
    ).rejects.toThrow(/pretrained global models are for day\/H=14/);
  });

  it('with the whole panel inside the cap, forecasts as training on the panel does', async () => {
    const g = await fitGlobalModels(full, options);
    expect(g.sampleSeries).toBe(full.series.length);
    const today = await trainAndForecast(full, options);
    const viaGlobal = await trainAndForecast(full, {
      ...options,
      pretrained: g,
    });
    expectSame(today, viaGlobal);
  });
});
