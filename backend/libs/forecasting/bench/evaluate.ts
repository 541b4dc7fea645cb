import {
  addToPooled,
  type Forecast,
  forecastFromArtifacts,
  type ModelName,
  newPooled,
  type PanelResult,
  scoreForecast,
  seasonPeriod,
  summarizePooled,
  trainAndForecast,
  type TrainAndForecastOptions,
} from '../src';
import { fitLocal, type LocalModelName } from '../src/lib/models/local';
import { prepareSeries } from '../src/lib/panel/prepare';
import type { BenchDataset } from './data';
import type { Row } from './report';

const now = (): number => performance.now() / 1000;

export function scoreRows(
  ds: BenchDataset,
  model: string,
  forecasts: Map<string, Forecast>,
  seconds: number,
  note?: string,
): Row {
  const m = seasonPeriod(ds.panel.frequency);
  const acc = newPooled();
  for (const s of ds.panel.series) {
    const fc = forecasts.get(s.id);
    const actual = ds.actuals.get(s.id);
    if (!fc || !actual) continue;
    addToPooled(acc, actual, fc, scoreForecast(actual, fc, s.values, m));
  }
  const sum = summarizePooled(acc);
  return {
    dataset: ds.name,
    model,
    mase: sum.mase,
    wape: sum.wape,
    smape: sum.smape,
    coverage: sum.coverage,
    seconds,
    seriesPerSecond: sum.series / Math.max(seconds, 1e-9),
    series: sum.series,
    note,
  };
}

/** Runs the full pipeline once, then scores the selected forecast and every model separately. */
export async function evaluateOurs(
  ds: BenchDataset,
  options: TrainAndForecastOptions,
): Promise<{
  rows: Row[];
  result: PanelResult;
  selected: Map<string, Forecast>;
}> {
  const t0 = now();
  const result = await trainAndForecast(ds.panel, {
    ...options,
    horizon: ds.horizon,
  });
  const total = now() - t0;
  const selected = new Map(result.series.map((s) => [s.id, s.forecast]));
  const rows: Row[] = [
    scoreRows(
      ds,
      'shelfcast selected',
      selected,
      total,
      'backtest+train+forecast',
    ),
  ];
  const perModel: ModelName[] = [
    'ensemble',
    'neural',
    'gbdt',
    'ets',
    'moving-average',
    'croston-sba',
    'tsb',
    'seasonal-naive',
  ];
  for (const model of perModel) {
    const selection = Object.fromEntries(
      ds.panel.series.map((s) => [s.id, model]),
    );
    const r = await forecastFromArtifacts(ds.panel, {
      ...result.artifacts,
      selection,
    });
    if (r.series.length === 0) continue;
    let seconds = total;
    let note = 'same pipeline run';
    if (model === 'neural') {
      seconds =
        (result.timings['neuralBacktest'] ?? 0) +
        (result.timings['neuralFinalTrain'] ?? 0);
      note = `backend ${result.backend}, 2 trainings`;
    } else if (model === 'gbdt') {
      seconds = result.timings['gbdt'] ?? 0;
      note = '2 trainings (backtest + final)';
    } else if (model !== 'ensemble') {
      seconds = timeLocal(ds, model as LocalModelName);
      note = 'final fit+predict only';
    }
    rows.push(
      scoreRows(
        ds,
        model,
        new Map(r.series.map((s) => [s.id, s.forecast])),
        seconds,
        note,
      ),
    );
  }
  return { rows, result, selected };
}

/** Time to fit one local model on every series and forecast (no backtest). */
function timeLocal(ds: BenchDataset, model: LocalModelName): number {
  const m = seasonPeriod(ds.panel.frequency);
  const t0 = now();
  for (const [i, s] of ds.panel.series.entries()) {
    const p = prepareSeries(s, i, {
      frequency: ds.panel.frequency,
      horizon: ds.horizon,
      origins: 0,
      intermittentThreshold: 1,
      minObservations: 0,
    });
    fitLocal(model, p.clean, {
      period: m,
      horizon: ds.horizon,
      levels: [0.1, 0.5, 0.9],
    });
  }
  return now() - t0;
}

/** Our seasonal naive as the anchor row (same splits, same scoring). */
export function seasonalNaiveRow(ds: BenchDataset): Row {
  const m = seasonPeriod(ds.panel.frequency);
  const t0 = now();
  const fcs = new Map<string, Forecast>();
  for (const [i, s] of ds.panel.series.entries()) {
    const p = prepareSeries(s, i, {
      frequency: ds.panel.frequency,
      horizon: ds.horizon,
      origins: 0,
      intermittentThreshold: 1,
      minObservations: 0,
    });
    fcs.set(
      s.id,
      fitLocal('seasonal-naive', p.clean, {
        period: m,
        horizon: ds.horizon,
        levels: [0.1, 0.5, 0.9],
      }).forecast,
    );
  }
  return scoreRows(ds, 'anchor: seasonal naive', fcs, now() - t0);
}
