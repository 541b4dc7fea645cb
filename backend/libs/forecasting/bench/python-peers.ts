/**
 * Runs the Python peers (global XGBoost and scikit-learn HistGradientBoostingRegressor, see
 * peers.py) on a benchmark split in one `python3` process. The split is handed over as CSV with the
 * held-out targets blanked; forecasts come back as CSV and are cached under bench-results/peers
 * keyed by a hash of the CSV and the script. Needs Debian's python3-xgboost, python3-sklearn and
 * python3-pandas (SHELFCAST_PYTHON overrides the interpreter, default /usr/bin/python3).
 * SHELFCAST_PEERS_WAIT=1 waits (up to an hour) for the cache file that another process running
 * peers.py on the same split will write, instead of computing it a second time.
 */
import { spawn, spawnSync } from 'child_process';
import { createHash } from 'crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { seasonPeriod } from '../src';
import type { BenchDataset } from './data';
import { type AnchorForecasts, parseAnchorCsv, toCsv } from './r-anchors';

const python = (): string =>
  process.env['SHELFCAST_PYTHON'] ?? '/usr/bin/python3';

/** Display names of the peers in the result rows. */
export const PEER_NAMES: Record<string, string> = {
  hgb: 'peer: sklearn HistGradientBoosting (global, tuned)',
  xgboost: 'peer: XGBoost (global, tuned)',
};

export function pythonPeersAvailable(): boolean {
  const r = spawnSync(
    python(),
    ['-c', 'import xgboost, sklearn, pandas; print("ok")'],
    { encoding: 'utf8' },
  );
  return r.status === 0 && r.stdout.includes('ok');
}

export async function runPythonPeers(
  ds: BenchDataset,
  log: (msg: string) => void,
): Promise<{
  forecasts: AnchorForecasts;
  seconds: Map<string, number>;
  cached: boolean;
}> {
  const script = join(__dirname, 'peers.py');
  const csv = toCsv(
    ds,
    ds.panel.series.map((s) => s.id),
    true,
  );
  const hash = createHash('sha1')
    .update(csv)
    .update(readFileSync(script))
    .digest('hex')
    .slice(0, 16);
  const dir = join(process.cwd(), 'bench-results', 'peers');
  mkdirSync(dir, { recursive: true });
  const cacheFile = join(dir, `${ds.name}-${hash}.csv`);
  if (process.env['SHELFCAST_PEERS_WAIT'] === '1')
    await waitFor(cacheFile, log);
  const cached = existsSync(cacheFile);
  if (!cached) {
    const input = join(dir, `${ds.name}-${hash}-in.csv`);
    writeFileSync(input, csv);
    log(
      `running Python peers on ${ds.panel.series.length} series (cache miss ${hash})`,
    );
    await new Promise<void>((res, rej) => {
      const p = spawn(
        python(),
        [
          script,
          input,
          cacheFile + '.tmp',
          String(seasonPeriod(ds.panel.frequency)),
          String(ds.horizon),
          ds.panel.frequency,
        ],
        { stdio: ['ignore', 'ignore', 'pipe'] },
      );
      let err = '';
      p.stderr.on('data', (b: Buffer) => {
        const text = b.toString();
        err = (err + text).slice(-4000);
        for (const line of text.split('\n'))
          if (line.startsWith('[peers]')) log(line.slice(8));
      });
      p.on('exit', (code) =>
        code === 0 ? res() : rej(new Error(`peers.py failed: ${err}`)),
      );
    });
    writeFileSync(cacheFile, readFileSync(cacheFile + '.tmp'));
  }
  return {
    ...parseAnchorCsv(readFileSync(cacheFile, 'utf8'), ds.horizon),
    cached,
  };
}

async function waitFor(
  file: string,
  log: (msg: string) => void,
): Promise<void> {
  const until = Date.now() + 3_600_000;
  if (!existsSync(file)) log(`waiting for ${file}`);
  while (!existsSync(file) && Date.now() < until)
    await new Promise((r) => setTimeout(r, 10_000));
}
