// @ts-check
import { createRequire } from 'node:module';
import fs from 'node:fs';
import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';

createRequire(import.meta.url)('./tools/eslint-typescript5.cjs');
const { default: tseslint } = await import('typescript-eslint');

const DASHBOARD = ['./src/app', './src/features', './src/components'];
const features = fs
  .readdirSync('src/features', { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

export default tseslint.config(
  { ignores: ['dist/**', 'dist-server/**', '.tmp/**', 'test-results/**', 'node_modules/**', 'data/**', '**/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'import-x': importX, 'react-hooks': reactHooks },
    settings: { 'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] })] },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      // Unused names are allowed when they say they are (a leading underscore); the compiler does not check them.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      // Boundaries between the parts of the repository (README, "What is where").
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            { target: './src/shared', from: './src', except: ['./shared'], message: 'src/shared imports nothing else of ours.' },
            { target: './src/server', from: DASHBOARD, message: 'Server code does not import dashboard code.' },
            ...DASHBOARD.map((target) => ({
              target,
              from: ['./src/server', './src/sdk', './src/agent', './src/cli', './src/demo'],
              message: 'Dashboard code imports only dashboard code, src/client and src/shared.',
            })),
            ...features.map((f) => ({
              target: `./src/features/${f}`,
              from: './src/features',
              except: [`./${f}`],
              message:
                'A feature does not import another feature; move what both need to src/components, src/client or src/shared.',
            })),
          ],
        },
      ],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'better-sqlite3', message: 'Only src/server/store talks to the SQL driver.' },
            { name: 'pg', message: 'Only src/server/store talks to the SQL driver.' },
            { name: 'kysely', message: 'Only src/server/store builds queries.' },
          ],
          patterns: [
            {
              group: ['**/store/sqlite/*', '**/store/postgres/*', '**/store/kysely/*'],
              message: 'Services use the Store interface (store/store.ts), not a store inside.',
            },
          ],
        },
      ],
    },
  },
  // The store itself, and the places that open it (server start, CLI, benchmarks) or test its internals.
  {
    files: ['src/server/store/**', 'src/server/**/*.test.ts', 'src/server/testing/postgres.ts', 'bench/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['tools/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
