import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * The API's lint config enforces the layering of backend/api/layering.mjs: ESLint (the same config
 * `nx run api:lint` uses) over a fixture tree with a shared folder, three features and one listed
 * cross-feature edge (gamma → alpha).
 */
describe('layering back-edges fail lint', () => {
  const apiRoot = join(__dirname, '..', '..');
  const fixtures = join('test', 'fixtures', 'layering');

  interface LintResult {
    filePath: string;
    messages: { ruleId: string | null; severity: number }[];
  }

  function layeringErrors(): Map<string, number> {
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
        r.filePath.slice(r.filePath.indexOf('/layering/src/') + 14),
        r.messages.filter(
          (m) =>
            m.ruleId === 'import-x/no-restricted-paths' && m.severity === 2,
        ).length,
      ]),
    );
  }

  it('reports a shared folder importing a feature and an unlisted cross-feature import, nothing else', () => {
    const errors = layeringErrors();
    expect(errors.get('common/back-edge.ts')).toBe(1);
    expect(errors.get('beta/beta.ts')).toBe(1);
    expect(errors.get('alpha/alpha.ts')).toBe(0);
    expect(errors.get('gamma/gamma.ts')).toBe(0);
    expect(errors.get('common/shared.ts')).toBe(0);
  });
});
