// Lint for the service (src/, test/, scripts) and the workbench (web/src), run by `npm test`.
// Besides typescript-eslint's and eslint-plugin-vue's recommended rules it holds the layer rules of
// CONTRIBUTING.md: each room imports only from the rooms below it. They are written with ESLint's own
// `no-restricted-imports` on the import text (no resolver needed for the `.js` suffixes of nodenext).
import tseslint from 'typescript-eslint';
import pluginVue from 'eslint-plugin-vue';
import globals from 'globals';

/** Import patterns naming a room of src/, whatever the depth of the importing file. */
const room = (name) => [`**/${name}/**`, `../${name}`, `../../${name}`];

/** `no-restricted-imports` refusing the given rooms, with the reason the linter prints. */
const layer = (message, ...rooms) => ['error', { patterns: [{ group: rooms.flatMap(room), message }] }];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'coverage/**',
      '.bench/**',
      'test/artifacts/**',
      'web/src/api/schema.d.ts',
      'web/src/auto-imports.d.ts',
      'web/src/components.d.ts',
    ],
  },
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/essential'],
  { files: ['**/*.vue'], languageOptions: { parserOptions: { parser: tseslint.parser } } },
  { files: ['src/**', 'test/**', 'scripts/**', '*.mjs'], languageOptions: { globals: { ...globals.node } } },
  { files: ['web/src/**'], languageOptions: { globals: { ...globals.browser } } },
  {
    rules: {
      // `_`-prefixed names are deliberately unused (a destructured field left out, a required parameter).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },

  // ---- The layers (CONTRIBUTING.md, "Rooms"). ----
  {
    // common: pure rules and framework glue shared by everything, the web workbench included.
    files: ['src/common/**'],
    rules: { 'no-restricted-imports': layer('src/common is the bottom room: it imports nothing from config, database, queue or modules.', 'config', 'database', 'queue', 'modules', 'cli') },
  },
  {
    // config: the validated environment, read by everything else.
    files: ['src/config/**'],
    rules: { 'no-restricted-imports': layer('src/config imports only src/common.', 'database', 'queue', 'modules', 'cli') },
  },
  {
    // database and queue: infrastructure under the domains (entities.ts and the migration list are the registries).
    files: ['src/database/**', 'src/queue/**'],
    ignores: ['src/database/entities.ts', 'src/database/migrations/index.ts'],
    rules: { 'no-restricted-imports': layer('src/database and src/queue are infrastructure: they do not import the domain modules (register entities in src/database/entities.ts).', 'modules', 'cli') },
  },
  {
    // The workbench shares only the service's pure rules (the @server alias is src/common).
    files: ['web/src/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/src/modules/**', '**/src/database/**', '**/src/queue/**', '**/src/config/**', '@server/*/*.module*', '../../../src/**'], message: 'The web workbench reaches the service only over HTTP (api/) and shares only src/common through @server/.' }] },
      ],
    },
  },
);
