import { lintErrorsByFile } from '../../test/support/lint-fixtures';

/**
 * The API's lint config fails on an import cycle: ESLint (the same config `nx run api:lint`
 * uses) over two fixture files that import each other, and a third that only imports one of them.
 */
describe('import cycles fail lint', () => {
  const cycleErrors = () =>
    lintErrorsByFile('import-cycle', 'import-x/no-cycle');

  it('reports an error on both files of a cycle and none on a file outside it', () => {
    const errors = cycleErrors();
    expect(errors.get('left.ts')).toBe(1);
    expect(errors.get('right.ts')).toBe(1);
    expect(errors.get('acyclic.ts')).toBe(0);
  });
});
