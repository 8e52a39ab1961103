// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** Imports that `core/` must never make: it runs unchanged in a worker, main, the CLI and Vitest. */
const coreForbiddenImports = {
  paths: [
    { name: 'electron', message: 'core/ is pure: no Electron.' },
    { name: 'react', message: 'core/ is pure: no React.' },
    { name: 'react-dom', message: 'core/ is pure: no React.' },
    { name: 'fs', message: 'core/ is pure: no Node built-ins.' },
    { name: 'path', message: 'core/ is pure: no Node built-ins.' },
    { name: 'os', message: 'core/ is pure: no Node built-ins.' },
    { name: 'child_process', message: 'core/ is pure: no Node built-ins.' },
  ],
  patterns: [
    { group: ['node:*'], message: 'core/ is pure: no Node built-ins.' },
    { group: ['react/*', 'react-dom/*', 'electron/*'], message: 'core/ is pure.' },
    { group: ['**/renderer/**', '**/electron/**', '**/cli/**'], message: 'core/ depends on nothing above it.' },
  ],
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'out/**',
      'dist/**',
      'dist-web/**',
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
          allowDefaultProject: ['core/__lint_fixture__.ts', 'renderer/src/__lint_fixture__.ts'],
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
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
    files: ['bench/*.mjs', 'e2e/**/*.ts'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
  },
  {
    files: ['core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', coreForbiddenImports],
      'no-restricted-globals': [
        'error',
        { name: 'window', message: 'core/ is pure: no DOM.' },
        { name: 'document', message: 'core/ is pure: no DOM.' },
        { name: 'process', message: 'core/ is pure: no Node globals.' },
        { name: 'require', message: 'core/ is pure: no Node globals.' },
        { name: 'Buffer', message: 'core/ is pure: no Node globals.' },
        { name: 'localStorage', message: 'core/ is pure: no DOM.' },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'renderer/ talks to the Host, never to Electron.' }],
          patterns: [
            { group: ['node:*'], message: 'renderer/ runs in a sandboxed page: no Node.' },
            { group: ['**/electron/main/**', '**/electron/main'], message: 'renderer/ never imports main-process code.' },
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
        { patterns: [{ group: ['**/renderer/**'], message: 'electron/ never imports renderer/.' }] },
      ],
    },
  },
);
