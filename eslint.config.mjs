// @ts-check
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** Node built-ins by bare name (`fs`, `path`, …); `node:*` is caught by a pattern. */
const nodeBuiltins = builtinModules.filter((m) => !m.startsWith('_') && !m.includes('/'));

/** Libraries that belong to the UI or the desktop shell: `core/` runs unchanged in a worker, main, the CLI and Vitest. */
const coreForbiddenPackages = [
  'electron',
  'react',
  'react-dom',
  'zustand',
  'three',
  'recharts',
  'comlink',
];

/** Imports that `core/` must never make. */
const coreForbiddenImports = {
  paths: [
    ...coreForbiddenPackages.map((name) => ({ name, message: `core/ is pure: no ${name}.` })),
    ...nodeBuiltins.map((name) => ({ name, message: 'core/ is pure: no Node built-ins.' })),
  ],
  patterns: [
    { group: ['node:*'], message: 'core/ is pure: no Node built-ins.' },
    {
      group: coreForbiddenPackages.map((p) => `${p}/*`),
      message: 'core/ is pure: no UI or Electron libraries.',
    },
    {
      group: ['**/renderer/**', '**/electron/**', '**/cli/**'],
      message: 'core/ depends on nothing above it.',
    },
  ],
};

/** Globals of a browser, a worker or Node that `core/` must not touch (it gets everything as arguments). */
const coreForbiddenGlobals = [
  ...[
    'window',
    'document',
    'navigator',
    'self',
    'Image',
    'fetch',
    'localStorage',
    'XMLHttpRequest',
    'postMessage',
  ].map((name) => ({ name, message: 'core/ is pure: no DOM or worker globals.' })),
  ...['process', 'require', 'Buffer', '__dirname', '__filename'].map((name) => ({
    name,
    message: 'core/ is pure: no Node globals.',
  })),
];

/** The contract (and the preload API type it re-exports) is the renderer's only link to electron/, as types. */
const contractPaths = ['**/electron/ipc/contract', '**/electron/ipc/contract.ts'];

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'out/**',
      'dist/**',
      'dist-web/**',
      'dist-cli/**',
      '.tsbuild/**',
      '.vite/**',
      'e2e/artifacts/**',
      'test-results/**',
      'playwright-report/**',
      'tests/fixtures/lint/**',
      'tools/**/*.py',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: {
          // Lint-boundary tests lint fixture text as if it lived at these (non-existent) paths.
          allowDefaultProject: [
            'core/__lint_fixture__.ts',
            'renderer/src/__lint_fixture__.ts',
            'electron/main/__lint_fixture__.ts',
          ],
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: { ...globals.node },
    },
  },
  {
    // CommonJS scripts (the Electron-binary probe) must use require.
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Benchmarks that drive the page pass functions to page.evaluate: those run in the browser.
    files: ['bench/*.mjs', 'bench/support/dragChange.mjs', 'e2e/**/*.ts'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
  },
  {
    files: ['core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', coreForbiddenImports],
      'no-restricted-globals': ['error', ...coreForbiddenGlobals],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'renderer/ talks to the Host, never to Electron.' },
            ...nodeBuiltins.map((name) => ({
              name,
              message: 'renderer/ runs in a sandboxed page: no Node.',
            })),
          ],
          patterns: [
            { group: ['node:*'], message: 'renderer/ runs in a sandboxed page: no Node.' },
            {
              group: contractPaths,
              allowTypeImports: true,
              message:
                'renderer/ may import only types from electron/ipc/contract.ts (use `import type`).',
            },
            {
              group: ['**/electron/**', ...contractPaths.map((p) => `!${p}`)],
              message:
                'renderer/ reaches electron/ only through types of electron/ipc/contract.ts.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'react', message: 'electron/ never imports renderer/ or its UI libraries.' },
          ],
          patterns: [
            {
              group: ['**/renderer/**', '**/renderer'],
              message: 'electron/ never imports renderer/.',
            },
          ],
        },
      ],
    },
  },
);
