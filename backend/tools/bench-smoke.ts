/**
 * Smoke mode shared by every `bench:*` script: `BENCH_SMOKE=1` runs the bench at a tiny size on the
 * committed fixtures (backend/tools/bench-fixtures) and writes its JSON under bench-results/smoke/,
 * so a smoke run never overwrites a real result. CI runs every bench this way
 * (backend/tools/bench-smoke.sh) and checks the fields listed in backend/tools/bench-fields.json.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '../..');

export const BENCH_SMOKE = process.env['BENCH_SMOKE'] === '1';

/** `full` normally, `smoke` under BENCH_SMOKE=1. */
export function smokeOr<T>(full: T, smoke: T): T {
  return BENCH_SMOKE ? smoke : full;
}

/**
 * Root of the benchmark data: the committed fixtures in smoke mode, else SHELFCAST_SHARED_DATA or
 * ../shared/data beside the repository.
 */
export function benchDataRoot(): string {
  if (BENCH_SMOKE) return join(REPO_ROOT, 'backend/tools/bench-fixtures');
  return (
    process.env['SHELFCAST_SHARED_DATA'] ??
    resolve(process.cwd(), '../shared/data')
  );
}

/**
 * Absolute path of a bench's JSON result, `bench-results/<name>.json` (or
 * `bench-results/smoke/<name>.json` in smoke mode); its directory is created.
 */
export function benchResultPath(name: string): string {
  const file = join(
    REPO_ROOT,
    'bench-results',
    ...(BENCH_SMOKE ? ['smoke'] : []),
    `${name}.json`,
  );
  mkdirSync(dirname(file), { recursive: true });
  return file;
}
