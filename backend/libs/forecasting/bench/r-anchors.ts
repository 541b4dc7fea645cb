/**
 * Runs the R anchors (forecast::ets, forecast::auto.arima with xreg, prophet with regressors and
 * holidays) on a benchmark split, in parallel Rscript processes, caching results under
 * bench-results/anchors keyed by a hash of the data, split and R script.
 */
import { spawn, spawnSync } from 'child_process';
import { createHash } from 'crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import type { Forecast, StaticAttributes } from '../src';
import {
  finalizeForecast,
  formatIsoDay,
  parseIsoDay,
  periodDay,
  seasonPeriod,
} from '../src';
import type { BenchDataset } from './data';

export type AnchorForecasts = Map<string, Map<string, Forecast>>; // model -> id -> forecast

export function rAvailable(): boolean {
  const r = spawnSync(
    'Rscript',
    ['-e', 'suppressMessages({library(forecast);library(prophet)});cat("ok")'],
    {
      encoding: 'utf8',
    },
  );
  return r.status === 0 && r.stdout.includes('ok');
}

/**
 * One CSV row per series and period (training, then the horizon). `hideTest` blanks the held-out
 * targets and adds the static attributes as `a_<name>` columns (for the Python peers, which never
 * see the held-out targets; the R script takes neither).
 */
export function toCsv(
  ds: BenchDataset,
  ids: string[],
  hideTest = false,
): string {
  const lines: string[] = [];
  const first = ds.panel.series[0];
  const xNames = (first.covariates ?? [])
    .filter((c) => c.name !== 'holiday')
    .map((c) => c.name);
  const aNames = hideTest
    ? (Object.keys(first.attributes ?? {}) as (keyof StaticAttributes)[])
    : [];
  lines.push(
    [
      'id',
      'ds',
      'y',
      'test',
      ...xNames.map((n) => `x_${n.replace(/-/g, '_')}`),
      'hol',
      ...aNames.map((n) => `a_${n}`),
    ].join(','),
  );
  const byId = new Map(ds.panel.series.map((s) => [s.id, s]));
  for (const id of ids) {
    const s = byId.get(id);
    if (!s) continue;
    const n = s.values.length;
    const actual = ds.actuals.get(id) ?? new Float64Array(ds.horizon).fill(NaN);
    const start = parseIsoDay(s.start);
    const hol = s.covariates?.find((c) => c.name === 'holiday');
    for (let i = 0; i < n + ds.horizon; i++) {
      const y = i < n ? s.values[i] : actual[i - n];
      const xs = xNames.map(
        (name) => s.covariates?.find((c) => c.name === name)?.values[i] ?? 0,
      );
      lines.push(
        [
          id,
          formatIsoDay(periodDay(ds.panel.frequency, start, i)),
          y === y && !(hideTest && i >= n) ? y : 'NA',
          i < n ? 0 : 1,
          ...xs.map((v) => (v === v ? v : 0)),
          hol ? hol.values[i] : 0,
          // Fields are not quoted: commas in names (ABS industries) become spaces.
          ...aNames.map((n) =>
            String(s.attributes?.[n] ?? '').replace(/,/g, ' '),
          ),
        ].join(','),
      );
    }
  }
  return lines.join('\n') + '\n';
}

export async function runAnchors(
  ds: BenchDataset,
  procs: number,
  log: (msg: string) => void,
): Promise<{
  forecasts: AnchorForecasts;
  seconds: Map<string, number>;
  cached: boolean;
}> {
  const script = join(__dirname, 'anchors.R');
  const hash = createHash('sha1')
    .update(ds.sourceText)
    .update(readFileSync(script))
    .digest('hex')
    .slice(0, 16);
  const dir = join(process.cwd(), 'bench-results', 'anchors');
  mkdirSync(dir, { recursive: true });
  const cacheFile = join(dir, `${ds.name}-${hash}.csv`);
  let cached = true;
  if (!existsSync(cacheFile)) {
    cached = false;
    const ids = ds.panel.series.map((s) => s.id);
    const chunks: string[][] = Array.from({ length: procs }, () => []);
    ids.forEach((id, i) => chunks[i % procs].push(id));
    const m = seasonPeriod(ds.panel.frequency);
    log(
      `running R anchors on ${ids.length} series in ${procs} processes (cache miss ${hash})`,
    );
    const outs = await Promise.all(
      chunks.map(async (chunk, k) => {
        const input = join(dir, `${ds.name}-${hash}-in${k}.csv`);
        const output = join(dir, `${ds.name}-${hash}-out${k}.csv`);
        writeFileSync(input, toCsv(ds, chunk));
        await new Promise<void>((res, rej) => {
          const p = spawn(
            'Rscript',
            [script, input, output, String(m), String(ds.horizon)],
            {
              stdio: ['ignore', 'ignore', 'pipe'],
            },
          );
          let err = '';
          p.stderr.on(
            'data',
            (b: Buffer) => (err = (err + b.toString()).slice(-4000)),
          );
          p.on('exit', (code) =>
            code === 0 ? res() : rej(new Error(`Rscript failed: ${err}`)),
          );
        });
        return readFileSync(output, 'utf8');
      }),
    );
    const header = outs[0].split('\n')[0];
    writeFileSync(
      cacheFile,
      [
        header,
        ...outs.map((o) => o.split('\n').slice(1).join('\n').trim()),
      ].join('\n') + '\n',
    );
  }
  return {
    ...parseAnchorCsv(readFileSync(cacheFile, 'utf8'), ds.horizon),
    cached,
  };
}

export function parseAnchorCsv(
  text: string,
  H: number,
): { forecasts: AnchorForecasts; seconds: Map<string, number> } {
  const forecasts: AnchorForecasts = new Map();
  const seconds = new Map<string, number>();
  for (const line of text.split('\n').slice(1)) {
    if (!line.trim()) continue;
    const f = line.split(',').map((x) => x.replace(/^"|"$/g, ''));
    const [id, model] = f;
    const step = +f[2] - 1;
    const byId = forecasts.get(model) ?? new Map<string, Forecast>();
    forecasts.set(model, byId);
    let fc = byId.get(id);
    if (!fc) {
      fc = {
        point: new Float64Array(H),
        levels: [0.1, 0.5, 0.9],
        values: [0, 1, 2].map(() => new Float64Array(H)),
      };
      byId.set(id, fc);
      seconds.set(model, (seconds.get(model) ?? 0) + +f[6]);
    }
    const num = (s: string): number => (s === 'NA' || s === '' ? 0 : +s);
    fc.values[0][step] = num(f[3]);
    fc.values[1][step] = num(f[4]);
    fc.values[2][step] = num(f[5]);
    fc.point[step] = num(f[4]);
  }
  // Same validity rules as ours (clip at zero, sorted quantiles) so scoring is like for like.
  for (const byId of forecasts.values())
    for (const fc of byId.values()) finalizeForecast(fc);
  return { forecasts, seconds };
}
