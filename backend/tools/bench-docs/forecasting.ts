/** docs/benchmarks.md tables of bench:accuracy and bench:train (backend/libs/forecasting/bench). */
import { fixed, int, table } from './markdown';

interface AccuracyRow {
  dataset: string;
  model: string;
  note?: string;
  mase: number;
  wape: number;
  smape: number;
  coverage: number;
  seconds: number | null;
  seriesPerSecond: number | null;
  series: number;
}

interface AccuracyTarget {
  selectedMase: number;
  bestAnchor: string | null;
  bestAnchorMase: number | null;
  improvement: number | null;
  met: boolean | null;
  /** Strongest peer (Python peers, R anchors, seasonal naive) and the best single member. */
  bestPeer?: string | null;
  bestPeerMase?: number | null;
  bestMember?: string | null;
  bestMemberMase?: number | null;
  selectedModels?: Record<string, number>;
}

export interface AccuracyResult {
  rows: AccuracyRow[];
  targets?: Record<string, AccuracyTarget>;
  tsperf?: { mape: number; rounds: number[]; seconds?: number | null };
}

/** "met (−4.2%)" when `ours` is at or below `ref`, else "missed (+1.8%)". */
function verdict(ours: number, ref: number | null | undefined): string {
  if (ref === null || ref === undefined || !Number.isFinite(ref)) return '–';
  const d = ours / ref - 1;
  return `${d <= 0 ? 'met' : 'missed'} (${d > 0 ? '+' : ''}${(100 * d).toFixed(1)}%)`;
}

export function accuracyTables(r: AccuracyResult): string[] {
  const out: string[] = [];
  if (r.rows.length)
    out.push(
      table(
        [
          'dataset',
          'model',
          'MASE',
          'WAPE',
          'sMAPE',
          'P10–P90 coverage',
          'seconds',
          'series/s',
          'series',
        ],
        r.rows.map((x) => [
          x.dataset,
          x.note ? `${x.model} (${x.note})` : x.model,
          fixed(x.mase, 3),
          fixed(x.wape, 3),
          fixed(x.smape, 3),
          fixed(x.coverage, 2),
          fixed(x.seconds, 1),
          fixed(x.seriesPerSecond, 1),
          x.series,
        ]),
        ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
      ),
    );
  const targets = Object.entries(r.targets ?? {});
  if (targets.length)
    out.push(
      'Targets: selected MASE at or below the best peer (Python peers, R anchors, seasonal naive) and the best single member of the pipeline.\n\n' +
        table(
          [
            'dataset',
            'selected MASE',
            'best peer',
            'peer MASE',
            'best member',
            'member MASE',
            'vs peer',
            'vs member',
            'selected models',
          ],
          targets.map(([dataset, t]) => [
            dataset,
            fixed(t.selectedMase, 3),
            t.bestPeer ?? t.bestAnchor ?? '–',
            fixed(t.bestPeerMase ?? t.bestAnchorMase, 3),
            t.bestMember ?? '–',
            fixed(t.bestMemberMase, 3),
            verdict(t.selectedMase, t.bestPeerMase ?? t.bestAnchorMase),
            verdict(t.selectedMase, t.bestMemberMase),
            Object.entries(t.selectedModels ?? {})
              .map(([m, n]) => `${m} ${int(n)}`)
              .join(', '),
          ]),
          ['l', 'r', 'l', 'r', 'l', 'r', 'l', 'l', 'l'],
        ),
    );
  if (r.tsperf) {
    const { mape, rounds } = r.tsperf;
    out.push(
      table(
        ['MAPE %', ...rounds.map((_, i) => `round ${i + 1}`)],
        [[fixed(mape, 2), ...rounds.map((m) => fixed(m, 2))]],
        ['r', ...rounds.map(() => 'r' as const)],
      ) +
        `\n\nTarget: below the best published MAPE (LightGBM, 36.28): ${mape < 36.28 ? 'met' : 'missed'}.`,
    );
  }
  return out;
}

interface TrainRow {
  series: number;
  days: number;
  backend: string;
  wallSeconds: number;
  cpuSeconds: number;
  seriesPerSecond: number;
  peakRssMb: number;
  timings?: Record<string, number>;
  models?: Record<string, number>;
  targetMet?: boolean;
}

export interface TrainResult {
  results: TrainRow[];
}

// The pipeline's phase clocks, in pipeline order ("gbdt" is the sum of its two trainings).
const PHASES: [string, string][] = [
  ['localBacktest', 'local backtest s'],
  ['neuralBacktest', 'neural backtest s'],
  ['neuralFinalTrain', 'neural final s'],
  ['gbdtBacktest', 'GBDT backtest s'],
  ['gbdtFinalTrain', 'GBDT final s'],
  ['gbdtDrivers', 'GBDT drivers s'],
  ['finalForecast', 'final forecast s'],
  ['drivers', 'drivers s'],
];

export function trainTables(r: TrainResult): string[] {
  const phases = PHASES.filter(([key]) =>
    r.results.some((x) => x.timings?.[key] !== undefined),
  );
  const out = [
    table(
      [
        'series',
        'days',
        'wall s',
        'CPU s',
        'series/s',
        'peak RSS MB',
        'backend',
        ...phases.map(([, h]) => h),
      ],
      r.results.map((x) => [
        int(x.series),
        x.days,
        fixed(x.wallSeconds, 1),
        fixed(x.cpuSeconds, 1),
        fixed(x.seriesPerSecond, 1),
        int(x.peakRssMb),
        x.backend,
        ...phases.map(([key]) => fixed(x.timings?.[key], 1)),
      ]),
      ['r', 'r', 'r', 'r', 'r', 'r', 'l', ...phases.map(() => 'r' as const)],
    ),
  ];
  const big = r.results.find((x) => x.targetMet !== undefined);
  if (big)
    out.push(
      `Target (10,000 series in under 10 min wall and 4 GB peak RSS): ${big.targetMet ? 'met' : 'missed'}.`,
    );
  const models = r.results.filter((x) => x.models);
  if (models.length)
    out.push(
      'Selected models: ' +
        models
          .map(
            (x) =>
              `${int(x.series)} series: ` +
              Object.entries(x.models ?? {})
                .map(([m, n]) => `${m} ${int(n)}`)
                .join(', '),
          )
          .join('; ') +
        '.',
    );
  return out;
}
