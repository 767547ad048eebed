import js from '@eslint/js';
import tseslint from 'typescript-eslint';

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
  // The JavaScript files (bin, build scripts) are type-checked by tsc (checkJs), which knows Node's
  // globals: as for TypeScript, no-undef would only repeat it without them.
  { files: ['**/*.{js,mjs}'], rules: { 'no-undef': 'off' } },
);
