import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import baseConfig from '../../eslint.config.mjs';

export default [
  ...baseConfig,
  // Deliberately cyclic imports that src/app/import-cycles.spec.ts lints with --no-ignore.
  { ignores: ['test/fixtures/import-cycle/**'] },
  {
    // An import cycle inside the API (auth ↔ users, a feature and the module that composes it)
    // makes load order decide which side sees `undefined`; every cycle fails lint.
    files: ['**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [
        createNodeResolver({ extensions: ['.ts', '.js', '.json'] }),
      ],
    },
    rules: {
      'import-x/no-cycle': 'error',
    },
  },
];
