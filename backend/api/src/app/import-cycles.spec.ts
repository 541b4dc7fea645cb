import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * The API's lint config fails on an import cycle: ESLint (the same config `nx run api:lint`
 * uses) over two fixture files that import each other, and a third that only imports one of them.
 */
describe('import cycles fail lint', () => {
  const apiRoot = join(__dirname, '..', '..');
  const fixtures = join('test', 'fixtures', 'import-cycle');

  interface LintResult {
    filePath: string;
    messages: { ruleId: string | null; severity: number }[];
  }

  function cycleErrors(): Map<string, number> {
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
          fixtures,
        ],
        { cwd: apiRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
      );
    } catch (error) {
      // ESLint exits 1 when it reports errors; its JSON report is still on stdout.
      output = (error as { stdout: string }).stdout;
    }
    const results = JSON.parse(output) as LintResult[];
    return new Map(
      results.map((r) => [
        r.filePath.slice(r.filePath.lastIndexOf('/') + 1),
        r.messages.filter(
          (m) => m.ruleId === 'import-x/no-cycle' && m.severity === 2,
        ).length,
      ]),
    );
  }

  it('reports an error on both files of a cycle and none on a file outside it', () => {
    const errors = cycleErrors();
    expect(errors.get('left.ts')).toBe(1);
    expect(errors.get('right.ts')).toBe(1);
    expect(errors.get('acyclic.ts')).toBe(0);
  });
});
