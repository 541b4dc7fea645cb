import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import baseConfig from '../../eslint.config.mjs';
import { layeringZones, ROOT_FOLDERS, SHARED_FOLDERS } from './layering.mjs';

const apiRoot = dirname(fileURLToPath(import.meta.url));

/** Every folder of `srcDir` that is neither shared nor a composition root is a feature. */
function featureFolders(srcDir) {
  return readdirSync(srcDir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .filter(
      (name) =>
        name !== 'assets' &&
        !SHARED_FOLDERS.includes(name) &&
        !ROOT_FOLDERS.includes(name),
    );
}

/** The layering rule over one source tree (the API's, or the fixture's in the layering spec). */
function layering(srcDir, allowed) {
  return {
    'import-x/no-restricted-paths': [
      'error',
      {
        basePath: apiRoot,
        zones: layeringZones(
          srcDir,
          featureFolders(join(apiRoot, srcDir)),
          allowed,
        ),
      },
    ],
  };
}

export default [
  ...baseConfig,
  // Deliberately cyclic or back-edge imports that src/app/import-cycles.spec.ts and
  // src/app/layering.spec.ts lint with --no-ignore.
  { ignores: ['test/fixtures/import-cycle/**', 'test/fixtures/layering/**'] },
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
  // Shared folders (common/, config/, database/) never import a feature; a feature imports
  // another only along an edge listed in layering.mjs.
  {
    files: ['src/**/*.ts'],
    // Specs drive the whole app (sign in, import, train) and may reach across features.
    ignores: ['src/**/*.spec.ts', 'src/**/*.int-spec.ts'],
    rules: layering('src'),
  },
  {
    files: ['test/fixtures/layering/**/*.ts'],
    // gamma → alpha is the fixture's one listed edge.
    rules: layering('test/fixtures/layering/src', { gamma: ['alpha'] }),
  },
];
