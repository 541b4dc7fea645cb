// node -r ./backend/tools/register.js --test backend/tools/bench-docs.spec.ts (run by bench-smoke.sh)
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chooseResult, renderBenchmarks, type LoadResult } from './bench-docs';
import { importTables } from './bench-docs/systems';
import { missingFields } from './bench-json';

const importResult = {
  provenance: { source: 'a fixture', command: 'npm run bench:import' },
  rows: 1000,
  measuredAt: '2026-01-01T00:00:00.000Z',
  results: [
    {
      database: 'SQLite',
      productRowsPerSec: 132183.4,
      rawRowsPerSec: 182523,
      rawMethod: 'prepared | batched',
      ratio: 0.7242,
    },
  ],
};

describe('bench docs', () => {
  it('renders a result as table rows', () => {
    const [table, target] = importTables(importResult);
    assert.match(
      table,
      /^\| SQLite \| 132,183 \| 182,523 \| prepared \\\| batched \| 72% \|$/m,
    );
    assert.match(table, /^\| --- \| ---: \| ---: \| --- \| ---: \|$/m);
    assert.equal(
      target,
      'Target: the import path at least 50% of raw on each database: met.',
    );
  });

  it('prints the reproduce command and the provenance under each table', () => {
    const load: LoadResult = (file) =>
      file === 'import' ? importResult : null;
    const md = renderBenchmarks(load, {
      import: { command: 'npm run bench:import', fields: [] },
      export: { command: 'npm run bench:export', fields: [] },
    });
    assert.match(
      md,
      /72% \|\n\nTarget: [^\n]+\n\nReproduce: `npm run bench:import`\\\nSource: a fixture\n/,
    );
    assert.match(
      md,
      /## Export throughput and memory\n\n[^\n]+\n\nNo published result yet: run `npm run bench:export`\./,
    );
    assert.doesNotMatch(md, /2026-01-01/, 'no dates in the document');
    assert.equal(renderBenchmarks(load, {}), renderBenchmarks(load, {}));
  });

  it('lists the documented fields a result lacks', () => {
    const fields = ['rows', 'results[].database', 'results[].ratio', 'a.b'];
    assert.deepEqual(missingFields(importResult, fields), ['a.b']);
    assert.deepEqual(missingFields({ rows: 1, results: [] }, fields), [
      'results[].database',
      'results[].ratio',
      'a.b',
    ]);
    assert.deepEqual(
      missingFields(
        { rows: null, results: [{ database: 'x' }], a: { b: 0 } },
        fields,
      ),
      ['results[].ratio'],
    );
  });

  it('publishes a local result only when it is newer than the published one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-docs-'));
    const published = join(dir, 'published.json');
    const local = join(dir, 'local.json');
    writeFileSync(
      published,
      JSON.stringify({
        provenance: { source: 'README', command: 'X=1 npm run bench:import' },
        rows: 1,
      }),
    );
    writeFileSync(local, JSON.stringify({ rows: 2 }));
    utimesSync(published, 1000, 1000);
    utimesSync(local, 2000, 2000);
    assert.deepEqual(chooseResult(published, local, 'npm run bench:import'), {
      result: {
        provenance: {
          source: 'Measured with the command above.',
          command: 'X=1 npm run bench:import',
        },
        rows: 2,
      },
      publish: true,
    });
    assert.deepEqual(
      chooseResult(published, null, '').result?.['rows'],
      1,
      '--check ignores local results',
    );
    utimesSync(local, 500, 500);
    assert.equal(chooseResult(published, local, '').publish, false);
    assert.equal(chooseResult(join(dir, 'none.json'), null, '').result, null);
  });
});
