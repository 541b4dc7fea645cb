/** docs/benchmarks.md table of bench:nightly (backend/api/bench/nightly.bench.ts). */
import { fixed, int, table } from './markdown';

export interface NightlyRun {
  series: number;
  database: string;
  workers: number;
  wallSeconds: number;
  peakRssMb: number;
  rowsWritten: number;
  resumed: boolean;
  status?: string;
  shards?: number;
  loadAvg?: number;
}

export interface NightlyResult {
  date?: string;
  cpus?: number;
  runs: NightlyRun[];
}

const mode = (r: NightlyRun): string =>
  r.workers > 0
    ? `${r.database}, Redis, ${r.workers} worker process${r.workers > 1 ? 'es' : ''} × 1 thread`
    : `${r.database}, worker threads in the API`;

/** Series per hour at the measured rate (the run's own wall time, load included). */
export const seriesPerHour = (r: NightlyRun): number =>
  r.wallSeconds > 0 ? (r.series / r.wallSeconds) * 3600 : 0;

export function nightlyTables(r: NightlyResult): string[] {
  const rows = r.runs.map((x) => [
    int(x.series),
    mode(x),
    x.resumed ? 'killed -9, resumed' : 'no',
    x.status ?? '–',
    x.shards ?? null,
    fixed(x.wallSeconds, 1),
    int(seriesPerHour(x)),
    int(x.peakRssMb),
    int(x.rowsWritten),
    x.loadAvg === undefined ? null : fixed(x.loadAvg, 1),
  ]);
  const parts = [
    `${r.cpus ?? '?'} CPUs${r.date ? `, measured ${r.date.slice(0, 10)}` : ''}. Peak RSS is the sum over every process of the run; load is the machine's mean 1-minute load average during the run (other work shared the machine).\n\n` +
      table(
        [
          'series',
          'mode',
          'interrupted',
          'status',
          'shards',
          'wall (s)',
          'series/hour',
          'peak RSS (MB)',
          'rows written',
          'load',
        ],
        rows,
        ['r', 'l', 'l', 'l', 'r', 'r', 'r', 'r', 'r', 'r'],
      ),
  ];
  const scale = scaleOut(r.runs);
  if (scale) parts.push(scale);
  parts.push(
    `Capacity (the README's table): series per ${NIGHT_HOURS}-hour night at the measured rates, assuming the rate holds at larger catalogues (not measured beyond the size shown); rows marked projection extend the measured 1 → 2 worker speed-up and were not measured.\n\n` +
      capacityTable(r),
  );
  return parts;
}

/** The 2-worker / 1-worker speed-up at each size where both were measured (target ≥ 1.6×). */
function scaleOut(runs: NightlyRun[]): string | null {
  const lines: string[] = [];
  for (const one of runs.filter((x) => x.workers === 1 && !x.resumed)) {
    const two = runs.find(
      (x) =>
        x.workers === 2 &&
        !x.resumed &&
        x.series === one.series &&
        x.database === one.database,
    );
    if (!two) continue;
    const ratio = one.wallSeconds / two.wallSeconds;
    lines.push(
      `${int(one.series)} series on ${one.database}: 2 workers ${fixed(ratio, 2)}× faster than 1 (target ≥ 1.6×: ${ratio >= 1.6 ? 'met' : 'missed'}).`,
    );
  }
  return lines.length ? lines.join('\\\n') : null;
}

const NIGHT_HOURS = 8;

/**
 * The README's capacity table: series per 8-hour night at each measured rate (largest size per
 * mode, uninterrupted runs; the night's total assumes the rate holds at larger sizes), then the worker scale-out projected from the measured 1 → 2 worker
 * speed-up (marked as projection: not measured beyond this machine).
 */
export function capacityTable(r: NightlyResult): string {
  const measured = new Map<string, NightlyRun>();
  for (const x of r.runs.filter((x) => !x.resumed && x.status !== 'failed')) {
    const key = mode(x);
    const seen = measured.get(key);
    if (!seen || x.series > seen.series) measured.set(key, x);
  }
  const rows: (string | number | null)[][] = [...measured.values()].map((x) => [
    mode(x),
    'measured rate × 8 h',
    int(x.series),
    fixed(x.wallSeconds / 60, 1),
    int(seriesPerHour(x) * NIGHT_HOURS),
  ]);
  const one = [...measured.values()].find((x) => x.workers === 1);
  const two = [...measured.values()].find(
    (x) => x.workers === 2 && one && x.series === one.series,
  );
  if (one && two) {
    // Efficiency per added worker as measured from 1 to 2 (capped at linear).
    const efficiency = Math.min(1, one.wallSeconds / two.wallSeconds / 2);
    for (const workers of [4, 8]) {
      const speedUp = 1 + (workers - 1) * (2 * efficiency - 1);
      rows.push([
        `${one.database}, Redis, ${workers} worker processes (${workers / 2} machines like this one)`,
        'projection',
        null,
        null,
        int(seriesPerHour(one) * Math.max(1, speedUp) * NIGHT_HOURS),
      ]);
    }
  }
  return table(
    [
      'mode',
      'source',
      'series measured',
      'run (min)',
      `series per ${NIGHT_HOURS}-hour night`,
    ],
    rows,
    ['l', 'l', 'r', 'r', 'r'],
  );
}
