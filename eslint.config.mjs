// Lint = TypeScript rules + Nx module boundaries. The boundary rule is the
// architecture: pure domain libraries (`type:domain`) may not import NestJS,
// TypeORM, BullMQ, Redis or React. tests/lint proves this rule fails on a fixture.
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

export const FRAMEWORK_IMPORTS = ['@nestjs/*', 'typeorm', 'bullmq', 'ioredis', 'react', 'react-dom', 'pg', 'express'];

export default [
  {
    ignores: ['**/node_modules', '**/dist', '.data', '.nx', 'coverage', 'bench/results*', 'apps/web/dist', 'tests/lint/fixtures/**', 'docs/**'],
  },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-explicit-any': 'warn',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-floating-promises': 'off',
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            {
              sourceTag: 'type:domain',
              onlyDependOnLibsWithTags: ['type:domain', 'type:util'],
              bannedExternalImports: FRAMEWORK_IMPORTS,
            },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
            { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:domain', 'type:util', 'type:data-access'] },
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:domain', 'type:util', 'type:data-access', 'type:feature'] },
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['*'] },
            { sourceTag: 'scope:web', onlyDependOnLibsWithTags: ['scope:web', 'scope:permits', 'scope:planning', 'scope:shared'] },
          ],
        },
      ],
    },
  },
  {
    // End-to-end tests (type:e2e) drive the apps through their factories and read JSON loosely.
    files: ['tests/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
];
