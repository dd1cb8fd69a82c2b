import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', '.local/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // CommonJS (bin/package.json): Node starts no ES module loader for it.
    files: ['bin/**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-control-regex': 'off',
    },
  },
  {
    files: ['**/*.tsx', 'source/ui/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    // Layering (shared/spec/architecture.md): domain is pure; alb, store and emulator use only domain.
    files: ['source/domain/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../alb/*', '../store/*', '../emulator/*', '../ui/*', '../commands/*'],
              message: 'domain imports nothing of ours',
            },
            {
              group: [
                'node:*',
                'fs',
                'http',
                'https',
                'net',
                'child_process',
                'ink',
                'react',
                'conf',
                '@alicloud/*',
              ],
              message: 'domain is pure: no IO, no React',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['source/alb/**', 'source/store/**', 'source/emulator/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../ui/*', '../commands/*', 'ink', 'react'],
              message: 'alb, store and emulator use only domain',
            },
            {
              group: ['../alb/*', '../store/*', '../emulator/*'],
              message: 'alb, store and emulator use only domain',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['source/ui/**', 'source/commands/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../emulator/*', '../../emulator/*'],
              message: 'only the CLI entry wires the emulator in',
            },
          ],
        },
      ],
    },
  },
);
