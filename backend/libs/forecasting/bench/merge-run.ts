/**
 * SHELFCAST_MERGE=1: folds a run over a subset of the datasets (SHELFCAST_DATASETS) into the
 * existing bench-results/<name>.json: that file's rows, targets and margin sweep for the datasets
 * of this run are replaced, the other datasets are kept as they were (each target keeps the
 * `runDate` of the run that produced it, so mixed provenance stays visible), and the table is
 * re-rendered. A TSPerf object of this run replaces the old one.
 */
import { existsSync, readFileSync } from 'fs';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the benches' shared smoke mode lives in backend/tools, outside any project
import { benchResultPath } from '../../../tools/bench-smoke';
import { printTable, type Row } from './report';

export interface AccuracyRun {
  date: string;
  rows: Row[];
  targets: Record<string, unknown>;
  table: string;
  tsperf?: unknown;
  marginSweep: Record<string, unknown>;
  [key: string]: unknown;
}

export function mergeRun(name: string, fresh: AccuracyRun): AccuracyRun {
  const file = benchResultPath(name);
  if (!existsSync(file)) return fresh;
  const old = JSON.parse(readFileSync(file, 'utf8')) as AccuracyRun;
  const mine = new Set(fresh.rows.map((r) => r.dataset));
  const order = [...new Set([...old.rows.map((r) => r.dataset), ...mine])];
  const rows = order.flatMap((d) =>
    (mine.has(d) ? fresh.rows : old.rows).filter((r) => r.dataset === d),
  );
  const pick = (
    a: Record<string, unknown> | undefined,
    b: Record<string, unknown>,
  ): Record<string, unknown> =>
    Object.fromEntries(
      order
        .map((d): [string, unknown] => [d, mine.has(d) ? b[d] : a?.[d]])
        .filter(([, v]) => v !== undefined),
    );
  console.log('\nMerged accuracy table:');
  return {
    ...old,
    date: fresh.date,
    rows,
    targets: pick(old.targets, fresh.targets),
    marginSweep: pick(old.marginSweep, fresh.marginSweep),
    table: printTable(rows),
    tsperf: fresh.tsperf ?? old.tsperf,
  };
}
