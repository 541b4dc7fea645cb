import * as tf from '@tensorflow/tfjs';
import { syntheticPanel } from '../../fixtures/synthetic-panel';
import { scoreForecast } from '../core/metrics';
import { seasonalNaiveForecast, fitSeasonalNaive } from '../models/baselines';
import { forecastFromArtifacts } from '../panel/from-artifacts';
import { prepareSeries } from '../panel/prepare';
import { trainAndForecast } from '../panel/train-and-forecast';
import { ensureBackend } from './backend';
import { buildFeatureSpec } from './features';
import { buildNetwork, trainNetwork } from './model';
import { attributionGroups, neuralDrivers, predictRaw } from './predict';
import { resolveNeuralOptions } from './options';

const small = {
  hidden: [32],
  maxWindows: 4000,
  epochs: 8,
  patience: 3,
  batchSize: 256,
  lagWindow: 28,
};

describe('global neural model', () => {
  jest.setTimeout(300_000);
  const H = 14;
  const data = syntheticPanel({
    series: 24,
    length: 240,
    horizon: H,
    seed: 11,
    promoLift: 2,
    promoRate: 0.2,
  });

  it('beats seasonal naive on a promotion-driven panel and explains the promotions', async () => {
    const r = await trainAndForecast(data.panel, {
      horizon: H,
      seed: 5,
      neural: small,
      origins: 2,
    });
    expect(['tensorflow', 'wasm', 'cpu']).toContain(r.backend);
    expect(r.warnings).toEqual([]);
    let neural = 0;
    let naive = 0;
    for (const s of data.panel.series) {
      const res = r.series.find((x) => x.id === s.id);
      neural += res?.backtest.neural?.mase ?? NaN;
      naive += res?.backtest['seasonal-naive']?.mase ?? NaN;
    }
    expect(neural).toBeLessThan(0.8 * naive);
    // Held-out future: the neural model's final forecast beats seasonal naive as well.
    const again = await forecastFromArtifacts(data.panel, {
      ...r.artifacts,
      selection: Object.fromEntries(
        data.panel.series.map((s) => [s.id, 'neural' as const]),
      ),
    });
    let nn = 0;
    let sn = 0;
    for (const f of again.series) {
      const s = data.panel.series.find((x) => x.id === f.id);
      const actual = data.future.get(f.id);
      if (!s || !actual) continue;
      nn += scoreForecast(actual, f.forecast, s.values, 7).mase;
      sn += scoreForecast(
        actual,
        seasonalNaiveForecast(
          fitSeasonalNaive(s.values, 7),
          H,
          [0.1, 0.5, 0.9],
        ),
        s.values,
        7,
      ).mase;
    }
    expect(nn).toBeLessThan(sn);
    // On promoted days the promotion driver is clearly positive.
    const res = r.series.find(
      (x) => x.model === 'neural' || x.model === 'ensemble',
    );
    const s = data.panel.series.find((x) => x.id === res?.id);
    const promo = s?.covariates?.[0].values;
    const n = s?.values.length ?? 0;
    let lift = 0;
    let days = 0;
    for (let h = 0; h < H; h++) {
      if (promo && promo[n + h] === 1) {
        lift += res?.drivers?.promotion[h] ?? 0;
        days++;
      }
    }
    if (days > 0) expect(lift / days).toBeGreaterThan(0);
  });

  it('is seeded: retraining on the same data gives the same weights', async () => {
    await ensureBackend();
    const opts = {
      frequency: 'day' as const,
      horizon: H,
      origins: 1,
      intermittentThreshold: 0.3,
      minObservations: 8,
    };
    const prepared = data.panel.series
      .slice(0, 6)
      .map((s, i) => prepareSeries(s, i, opts));
    const ro = resolveNeuralOptions({ ...small, epochs: 2 }, 7);
    const spec = buildFeatureSpec(prepared, 'day', H, [0.1, 0.5, 0.9], ro);
    const a = await trainNetwork(spec, prepared, (p) => p.n, ro, 9);
    const b = await trainNetwork(spec, prepared, (p) => p.n, ro, 9);
    const wa = a.model.getWeights().map((w) => Array.from(w.dataSync()));
    const wb = b.model.getWeights().map((w) => Array.from(w.dataSync()));
    expect(wb).toEqual(wa);
    a.model.dispose();
    b.model.dispose();
    expect(tf.memory().numTensors).toBeLessThan(50);
  });

  it('driver parts sum to the P50 and the level is the fully occluded P50', async () => {
    await ensureBackend();
    const rich = syntheticPanel({
      series: 5,
      length: 200,
      horizon: H,
      seed: 3,
      richCovariates: true,
    });
    const prepared = rich.panel.series.map((s, i) =>
      prepareSeries(s, i, {
        frequency: 'day',
        horizon: H,
        origins: 1,
        intermittentThreshold: 0.3,
        minObservations: 8,
      }),
    );
    const ro = resolveNeuralOptions(small, 7);
    const spec = buildFeatureSpec(prepared, 'day', H, [0.1, 0.5, 0.9], ro);
    // An untrained (seeded) network is enough: the attribution is exact for any model.
    const model = buildNetwork(spec, [16], 4);
    const targets = prepared.map((p) => ({ series: p, origin: p.n - 20 }));
    const drivers = neuralDrivers(model, spec, targets);
    const groups = attributionGroups(spec);
    expect(groups).toHaveLength(5);
    const full = predictRaw(model, spec, targets);
    const occluded = predictRaw(
      model,
      spec,
      targets.map((t) => ({ ...t, occlude: new Set(groups) })),
    );
    targets.forEach((_, i) => {
      const d = drivers[i];
      for (let h = 0; h < H; h++) {
        const p50 = full[i][h * 3 + 1];
        const sum =
          d.level[h] +
          d.seasonality[h] +
          d.price[h] +
          d.promotion[h] +
          d.market[h] +
          d.event[h];
        expect(sum).toBeCloseTo(p50, 3);
        expect(d.level[h]).toBeCloseTo(occluded[i][h * 3 + 1], 3);
      }
    });
    model.dispose();
  });
});
