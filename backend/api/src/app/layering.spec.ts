import { lintErrorsByFile } from '../../test/support/lint-fixtures';

/**
 * The API's lint config enforces the layering of backend/api/layering.mjs: ESLint (the same config
 * `nx run api:lint` uses) over a fixture tree with a shared folder, three features and one listed
 * cross-feature edge (gamma → alpha).
 */
describe('layering back-edges fail lint', () => {
  const layeringErrors = () =>
    lintErrorsByFile('layering', 'import-x/no-restricted-paths', 'src');

  it('reports a shared folder importing a feature and an unlisted cross-feature import, nothing else', () => {
    const errors = layeringErrors();
    expect(errors.get('common/back-edge.ts')).toBe(1);
    expect(errors.get('beta/beta.ts')).toBe(1);
    expect(errors.get('alpha/alpha.ts')).toBe(0);
    expect(errors.get('gamma/gamma.ts')).toBe(0);
    expect(errors.get('common/shared.ts')).toBe(0);
  });
});
