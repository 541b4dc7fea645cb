/**
 * npm run docs:capacity — rewrites the README's capacity table (between the capacity markers) from
 * the published docs/bench-results/nightly.json, so the README never holds hand-typed figures.
 * `--check` exits 1 when the README differs from what the JSON renders.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { capacityTable, type NightlyResult } from './bench-docs/nightly';

const ROOT = resolve(__dirname, '../..');
const START = '<!-- capacity:start (npm run docs:capacity) -->';
const END = '<!-- capacity:end -->';

/** The README with its capacity block replaced by the table rendered from `result`. */
export function withCapacity(readme: string, result: NightlyResult): string {
  const from = readme.indexOf(START);
  const to = readme.indexOf(END);
  if (from < 0 || to < from)
    throw new Error(`README.md has no "${START}" … "${END}" block`);
  return `${readme.slice(0, from + START.length)}\n\n${capacityTable(result)}\n\n${readme.slice(to)}`;
}

if (require.main === module) {
  const readmePath = join(ROOT, 'README.md');
  const readme = readFileSync(readmePath, 'utf8');
  const result = JSON.parse(
    readFileSync(join(ROOT, 'docs/bench-results/nightly.json'), 'utf8'),
  ) as NightlyResult;
  const next = withCapacity(readme, result);
  if (process.argv.includes('--check')) {
    if (next !== readme) {
      console.error(
        'README.md capacity table is stale: run npm run docs:capacity',
      );
      process.exit(1);
    }
  } else writeFileSync(readmePath, next);
}
