/**
 * SHELFCAST_ONLY_PEERS=1: re-scores the Python peers (bench/peers.py, cached under
 * bench-results/peers) on the same splits and folds their rows into an existing
 * bench-results/accuracy.json, replacing that file's peer rows and recomputing its targets, so
 * rebuilding the peers does not rerun our pipeline. Our rows, the anchors, the TSPerf object and
 * the margin sweep are kept as they are.
 */
import { existsSync, readFileSync } from 'fs';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the benches' shared smoke mode lives in backend/tools, outside any project
import { benchResultPath } from '../../../tools/bench-smoke';
import type { BenchDataset } from './data';
import { scoreRows } from './evaluate';
import { PEER_NAMES, runPythonPeers } from './python-peers';
import { printTable, type Row, writeResults } from './report';
import { selectionTargets } from './selection-targets';

interface AccuracyFile {
  rows: Row[];
  targets: Record<string, Record<string, unknown>>;
  table: string;
  [key: string]: unknown;
}

/** The peer rows of one dataset (same scoring as every other row). */
export async function peerRows(
  ds: BenchDataset,
  log: (msg: string) => void,
): Promise<Row[]> {
  const p = await runPythonPeers(ds, log);
  log(`${ds.name}: Python peers ${p.cached ? 'from cache' : 'computed'}`);
  return [...p.forecasts].map(([model, fcs]) =>
    scoreRows(
      ds,
      PEER_NAMES[model] ?? `peer: ${model}`,
      fcs,
      p.seconds.get(model) ?? NaN,
      'python3 subprocess, tuning + final fit',
    ),
  );
}

const isOther = (r: Row): boolean =>
  r.model.startsWith('peer:') || r.model.startsWith('anchor:');

/**
 * Replaces the peer rows of `datasets` in bench-results/accuracy.json and recomputes their
 * targets (selected vs best peer and best member), keeping the other fields of each target.
 */
export async function mergePeers(
  datasets: BenchDataset[],
  log: (msg: string) => void,
): Promise<string> {
  const file = benchResultPath('accuracy');
  if (!existsSync(file))
    throw new Error(
      `${file} not found: SHELFCAST_ONLY_PEERS=1 updates an existing accuracy run`,
    );
  const data = JSON.parse(readFileSync(file, 'utf8')) as AccuracyFile;
  for (const ds of datasets) {
    const fresh = await peerRows(ds, log);
    const mine = data.rows.filter((r) => r.dataset === ds.name);
    const ours = mine.filter((r) => !isOther(r));
    const anchors = mine.filter((r) => r.model.startsWith('anchor:'));
    if (ours.length === 0)
      throw new Error(`${file} has no rows for ${ds.name}`);
    const at = data.rows.indexOf(mine[0]);
    data.rows = [
      ...data.rows.slice(0, at).filter((r) => r.dataset !== ds.name),
      ...ours,
      ...fresh,
      ...anchors,
      ...data.rows.slice(at).filter((r) => r.dataset !== ds.name),
    ];
    data.targets[ds.name] = {
      ...data.targets[ds.name],
      ...selectionTargets(ours, [...fresh, ...anchors]),
    };
  }
  data.table = printTable(data.rows);
  data['peersUpdated'] = new Date().toISOString();
  return writeResults('accuracy', data);
}
