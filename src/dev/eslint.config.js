// ESLint (flat config) for `npm test` (`npm run lint`) and `npm run fix`: typescript-eslint's
// recommended rules without type information (fast enough to run on every test run), React's
// rules of hooks, and the engine's determinism rules (no wall clock, no unseeded randomness,
// no timers, no eval) as errors where they matter.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const clock = [
  { object: 'Date', property: 'now', message: 'The engine is deterministic: use the simulation clock (ctx.nowMs()).' },
  { object: 'Math', property: 'random', message: 'The engine is deterministic: use the seeded RNG (kernel/rng.ts).' },
  { object: 'performance', property: 'now', message: 'The engine is deterministic: use the simulation clock.' },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'src/export/__golden__/**', 'e2e/artifacts/**', 'public/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js,cjs}'],
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Unused bindings named _x are deliberate (destructuring a field away).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      // tsc's noFallthroughCasesInSwitch checks this with types (it knows a call that returns never).
      'no-fallthrough': 'off',
      // Comma sequences in arrow bodies are used on purpose in hot folds; tsc flags real mistakes.
      '@typescript-eslint/no-unused-expressions': 'off',
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
    },
  },
  {
    files: ['src/dev/**/*.{js,cjs}', 'src/cli/bin.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', module: 'writable', require: 'readonly', __dirname: 'readonly', URL: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Tests, benchmarks and scenario loaders edit loose JSON documents in place.
    files: ['**/*.test.{ts,tsx}', '**/test-support/**', 'src/bench/**', 'e2e/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // The exporters escape control characters: their regular expressions name them on purpose.
    files: ['src/export/**/*.ts'],
    rules: { 'no-control-regex': 'off' },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    files: ['src/engine/**/*.ts', 'src/model/**/*.ts'],
    ignores: ['**/*.test.ts', '**/test-support/**'],
    rules: {
      'no-restricted-properties': ['error', ...clock],
      'no-restricted-globals': ['error', 'setTimeout', 'setInterval', 'setImmediate', 'queueMicrotask', 'window', 'document', 'process'],
    },
  },
);
