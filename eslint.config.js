import js from '@eslint/js';
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
);
