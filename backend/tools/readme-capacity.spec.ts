// node -r ./backend/tools/register.js --test backend/tools/readme-capacity.spec.ts (run by bench-smoke.sh)
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nightlyTables, type NightlyResult } from './bench-docs/nightly';
import { withCapacity } from './readme-capacity';

const run = (workers: number, wallSeconds: number, resumed = false) => ({
  series: 3600,
  database: workers ? 'postgres' : 'sqlite',
  workers,
  wallSeconds,
  peakRssMb: 900,
  rowsWritten: 10,
  resumed,
  status: 'promoted',
});

const result: NightlyResult = {
  cpus: 2,
  runs: [run(0, 1800), run(1, 3600), run(2, 2000), run(2, 9999, true)],
};

describe('nightly capacity', () => {
  it('states each measured rate per night and marks the worker projection', () => {
    const readme = withCapacity(
      'intro\n<!-- capacity:start (npm run docs:capacity) -->\nold\n<!-- capacity:end -->\nrest\n',
      result,
    );
    assert.ok(!readme.includes('old'));
    assert.ok(readme.endsWith('<!-- capacity:end -->\nrest\n'));
    // 3600 series in 30 min → 7,200 an hour → 57,600 in 8 hours.
    assert.match(
      readme,
      /sqlite, worker threads in the API \| measured rate × 8 h \| 3,600 \| 30\.0 \| 57,600 \|/,
    );
    // 1 worker: 3,600 an hour; 2 workers 1.8× → 0.9 efficiency: 4 workers = 1 + 3 × 0.8 = 3.4×.
    assert.match(
      readme,
      /4 worker processes \(2 machines like this one\) \| projection \| – \| – \| 97,920 \|/,
    );
    // The interrupted run is not a capacity figure.
    assert.ok(!readme.includes('166.7'));
  });

  it('judges the 2-worker speed-up against 1.6×', () => {
    const text = nightlyTables(result).join('\n');
    assert.match(
      text,
      /2 workers 1\.80× faster than 1 \(target ≥ 1\.6×: met\)/,
    );
    assert.match(text, /killed -9, resumed/);
  });

  it('refuses a README without the capacity markers', () => {
    assert.throws(() => withCapacity('no block', result), /capacity:start/);
  });
});
