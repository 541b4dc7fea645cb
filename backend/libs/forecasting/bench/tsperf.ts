/**
 * Microsoft TSPerf "OrangeJuice_Pt_3Weeks_Weekly" protocol (see ../shared/data/dominicks_oj/SOURCE.md):
 * 12 rounds; round r trains on weeks 40..133+2r and forecasts weeks 135+2r and 136+2r (2 and 3
 * weeks ahead after a one-week gap); metric MAPE (%) of units over all series and both weeks.
 */
import {
  ensureBackend,
  type NeuralOptions,
  resolveNeuralOptions,
  trainAndForecast,
  type TrainAndForecastOptions,
} from '../src';
import { buildFeatureSpec } from '../src/lib/neural/features';
import { trainNetwork } from '../src/lib/neural/model';
import { predictRaw, toForecast } from '../src/lib/neural/predict';
import { type PreparedSeries, prepareSeries } from '../src/lib/panel/prepare';
import { ojPanel } from './data';

export const PUBLISHED_MAPE: [string, number][] = [
  ['Naive', 109.67],
  ['SeasonalNaive', 165.06],
  ['Mean', 70.74],
  ['ETS (R forecast)', 70.99],
  ['AutoARIMA (R forecast)', 77.66],
  ['AutoARIMA + price/deal/feat', 70.8],
  ['RNN encoder-decoder', 37.68],
  ['DilatedCNN', 37.09],
  ['LightGBM', 36.28],
];

export async function runTsperf(
  options: TrainAndForecastOptions,
  log: (m: string) => void,
): Promise<{
  mape: number;
  rounds: number[];
  seconds: number;
  models: Record<string, number>;
}> {
  const t0 = performance.now();
  let absPct = 0;
  let count = 0;
  const rounds: number[] = [];
  const models: Record<string, number> = {};
  for (let r = 1; r <= 12; r++) {
    const ds = ojPanel(133 + 2 * r, 2, 1);
    const res = await trainAndForecast(ds.panel, { ...options, horizon: 2 });
    let a = 0;
    let c = 0;
    for (const s of res.series) {
      models[s.model] = (models[s.model] ?? 0) + 1;
      const actual = ds.actuals.get(s.id);
      if (!actual) continue;
      for (let h = 0; h < 2; h++) {
        const y = actual[h];
        if (!(y > 0)) continue;
        a += Math.abs(y - s.forecast.point[h]) / y;
        c++;
      }
    }
    absPct += a;
    count += c;
    rounds.push((100 * a) / c);
    log(
      `TSPerf round ${r}: MAPE ${((100 * a) / c).toFixed(2)}% (${c} actuals, backend ${res.backend})`,
    );
  }
  return {
    mape: (100 * absPct) / count,
    rounds,
    seconds: (performance.now() - t0) / 1000,
    models,
  };
}

/**
 * Cheaper variant used when 12 full pipeline runs do not fit the time budget: the global neural
 * model is trained once on round 1's data (weeks <= 135) with a 3-week horizon from the gap week,
 * then every round forecasts from its own history (weeks <= 133 + 2r) and scores steps 2 and 3.
 * Later rounds therefore use a model that saw less data than allowed; there is no leakage.
 */
export async function runTsperfNeuralOnce(
  neural: NeuralOptions,
  seed: number,
  log: (m: string) => void,
): Promise<{
  mape: number;
  rounds: number[];
  seconds: number;
  backend: string;
}> {
  const t0 = performance.now();
  const opts = {
    frequency: 'week' as const,
    horizon: 3,
    origins: 0,
    intermittentThreshold: 1,
    minObservations: 0,
  };
  const prep = (ds: ReturnType<typeof ojPanel>): PreparedSeries[] =>
    ds.panel.series.map((s, i) => prepareSeries(s, i, opts));
  const backend = await ensureBackend();
  const ro = resolveNeuralOptions(neural, 52);
  const train = prep(ojPanel(135, 3, 0));
  const spec = buildFeatureSpec(train, 'week', 3, [0.1, 0.5, 0.9], ro);
  const { model } = await trainNetwork(spec, train, (p) => p.n, ro, seed);
  let absPct = 0;
  let count = 0;
  const rounds: number[] = [];
  for (let r = 1; r <= 12; r++) {
    const ds = ojPanel(133 + 2 * r, 3, 0);
    const series = prep(ds);
    const raw = predictRaw(
      model,
      spec,
      series.map((p) => ({ series: p, origin: p.n })),
    );
    let a = 0;
    let c = 0;
    series.forEach((p, i) => {
      const fc = toForecast(raw[i], spec);
      const actual = ds.actuals.get(p.input.id);
      for (const h of [1, 2]) {
        const y = actual?.[h] ?? NaN;
        if (!(y > 0)) continue;
        a += Math.abs(y - fc.point[h]) / y;
        c++;
      }
    });
    absPct += a;
    count += c;
    rounds.push((100 * a) / c);
    log(
      `TSPerf (neural trained once) round ${r}: MAPE ${((100 * a) / c).toFixed(2)}%`,
    );
  }
  model.dispose();
  return {
    mape: (100 * absPct) / count,
    rounds,
    seconds: (performance.now() - t0) / 1000,
    backend,
  };
}
