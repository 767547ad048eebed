import js from '@eslint/js';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

const escaped = (name) => name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * The core (`src/core/`) also runs in the browser: it imports nothing from Node, from the layers
 * built on it (platform, features, app, cli), nor from packages that only run in Node. Its tests
 * run in Node and are left out. `src/core/tsconfig.json` checks the same from the types' side.
 */
const coreFence = {
  files: ['src/core/**/*.ts'],
  ignores: ['src/core/**/*.test.ts'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          { regex: '^node:', message: 'The core runs in the browser: no Node module.' },
          {
            regex: `^(${builtinModules.map(escaped).join('|')})(/.*)?$`,
            message: 'The core runs in the browser: no Node module.',
          },
          {
            regex: '(^|/)(platform|features|app|cli)/',
            message: 'The core is the bottom layer: it imports nothing from platform, features, app or cli.',
          },
          {
            regex:
              '^(pg|pg-.+|kysely|@electric-sql/.+|fastify|fastify-.+|@fastify/.+|pino|pino-.+|close-with-grace|cli-progress|commander|esbuild|tsx)(/.*)?$',
            message: 'The core runs in the browser: no package that only runs in Node.',
          },
        ],
      },
    ],
    'no-restricted-syntax': [
      'error',
      {
        selector: 'ImportExpression[source.value=/^node:/]',
        message: 'The core runs in the browser: no Node module.',
      },
    ],
  },
};

export default tseslint.config(
  { ignores: ['node_modules', 'data', 'dist', 'scratch', 'src/core/norm/data', 'web/dist', 'coverage'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-control-regex': 'off',
    },
  },
  coreFence,
);
