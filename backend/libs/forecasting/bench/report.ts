import { writeFileSync } from 'fs';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the benches' shared smoke mode lives in backend/tools, outside any project
import { benchResultPath } from '../../../tools/bench-smoke';

export interface Row {
  dataset: string;
  model: string;
  mase: number;
  wape: number;
  smape: number;
  coverage: number;
  seconds: number;
  seriesPerSecond: number;
  series: number;
  note?: string;
}

const f = (v: number, d = 3): string =>
  Number.isFinite(v) ? v.toFixed(d) : '-';

export function printTable(rows: Row[]): string {
  const head = [
    'dataset',
    'model',
    'MASE',
    'WAPE',
    'sMAPE',
    'P10-P90 cov',
    'fit+predict s',
    'series/s',
    'n',
  ];
  const body = rows.map((r) => [
    r.dataset,
    r.model + (r.note ? ` (${r.note})` : ''),
    f(r.mase),
    f(r.wape),
    f(r.smape),
    f(r.coverage, 2),
    f(r.seconds, 1),
    f(r.seriesPerSecond, 1),
    String(r.series),
  ]);
  const lines = [head, ...body].map((c) => `| ${c.join(' | ')} |`);
  lines.splice(1, 0, `|${head.map(() => '---').join('|')}|`);
  const text = lines.join('\n');
  console.log(text);
  return text;
}

/** Writes bench-results/<name>.json (bench-results/smoke/<name>.json under BENCH_SMOKE=1). */
export function writeResults(name: string, data: unknown): string {
  const file = benchResultPath(name);
  writeFileSync(file, JSON.stringify(data, null, 2));
  return file;
}
