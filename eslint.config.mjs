// ESLint flat config: typescript-eslint strict rules; the core and the simulator may not import electron.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const noElectron = {
  'no-restricted-imports': ['error', {
    paths: [{ name: 'electron', message: 'src-main/lp and src-main/simulator are plain Node: Electron is an adapter around them (DESIGN.md).' }],
    patterns: [{ group: ['electron/*'], message: 'No electron in the core or the simulator.' }],
  }],
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'release/**', 'test-results/**', 'bench/results/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { console: 'readonly', process: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', Buffer: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } } },
  { files: ['src-main/lp/**', 'src-main/simulator/**', 'src-main/headless/**'], rules: noElectron },
  {
    // The simulator is an independent reading of the protocol: it may not borrow the core's types or parsers.
    // This block replaces the shared no-restricted-imports rule for these files, so it repeats both electron entries.
    files: ['src-main/simulator/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'No electron in the simulator.' }],
        patterns: [
          { group: ['electron/*'], message: 'No electron in the simulator.' },
          { group: ['**/lp/**', '**/lp'], message: 'The simulator never imports the core (DESIGN.md).' },
        ],
      }],
    },
  },
);
