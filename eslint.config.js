import js from '@eslint/js';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

/** SQL is written in repositories (`*-repository.ts`) and the store (`src/platform/store/`) only. */
const kyselyValues = {
  name: 'kysely',
  allowTypeImports: true,
  message:
    'SQL is written in a *-repository.ts or in src/platform/store/: call a repository (or inTransaction).',
};
// Every query starts with one of these (a `with` query goes on to one of the first six; `with`
// itself is also an array method).
const queryBuilding = {
  selector:
    'CallExpression > MemberExpression.callee > Identifier.property[name=/^(selectFrom|selectNoFrom|insertInto|replaceInto|updateTable|deleteFrom|mergeInto|transaction|connection)$/]',
  message:
    'Queries are built in a *-repository.ts or in src/platform/store/: call a repository (or inTransaction).',
};
/** Routes, the CLI and the composition root call services, which alone reach repositories. */
const repositories = {
  regex: '-repository(\\.ts)?$',
  message: 'Call the feature’s service: routes, the CLI and app/ never reach a repository.',
};

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
      // Listed again: this block replaces the rule's options set for every file of src/ above.
      queryBuilding,
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
  {
    files: ['src/**/*.ts'],
    ignores: ['src/**/*-repository.ts', 'src/platform/store/**', 'src/**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { paths: [kyselyValues] }],
      'no-restricted-syntax': ['error', queryBuilding],
    },
  },
  {
    files: ['src/**/*-routes.ts', 'src/cli/**/*.ts', 'src/app/**/*.ts'],
    ignores: ['src/**/*.test.ts'],
    rules: {
      // Replaces the options above for these files: both restrictions are listed again.
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { paths: [kyselyValues], patterns: [repositories] },
      ],
    },
  },
  coreFence,
  // The JavaScript files (bin, build scripts) are type-checked by tsc (checkJs), which knows Node's
  // globals: as for TypeScript, no-undef would only repeat it without them.
  { files: ['**/*.{js,mjs,cjs}'], rules: { 'no-undef': 'off' } },
  // The launcher and what it reads at every start are CommonJS on purpose (see bin/relais.js).
  {
    files: ['bin/relais.js', 'scripts/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
