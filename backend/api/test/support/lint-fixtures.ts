import { execFileSync } from 'node:child_process';
import { join, relative } from 'node:path';

const API_ROOT = join(__dirname, '..', '..');

/**
 * Runs ESLint with the API's own config (the one `nx run api:lint` uses) over a fixture folder
 * under test/fixtures and counts, per file (path relative to `base` inside that folder), the
 * errors one rule reports. Specs use it to show that a deliberately broken fixture fails lint.
 */
export function lintErrorsByFile(
  fixture: string,
  ruleId: string,
  base = '',
): Map<string, number> {
  const folder = join('test', 'fixtures', fixture);
  let output: string;
  try {
    output = execFileSync(
      process.execPath,
      [
        require.resolve('eslint/bin/eslint.js'),
        '--no-ignore',
        '--format',
        'json',
        '--rule',
        '@nx/enforce-module-boundaries: off',
        folder,
      ],
      { cwd: API_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
  } catch (error) {
    // ESLint exits 1 when it reports errors; its JSON report is still on stdout.
    output = (error as { stdout: string }).stdout;
  }
  const results = JSON.parse(output) as {
    filePath: string;
    messages: { ruleId: string | null; severity: number }[];
  }[];
  return new Map(
    results.map((r) => [
      relative(join(API_ROOT, folder, base), r.filePath),
      r.messages.filter((m) => m.ruleId === ruleId && m.severity === 2).length,
    ]),
  );
}
