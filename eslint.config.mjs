// ESLint flat config: typescript-eslint strict rules; the core and the simulator may not import electron.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import i18next from 'eslint-plugin-i18next';

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
  {
    // Localisation (README "Languages"): no literal text in the renderer's markup. jsx-only mode checks
    // JSX text and the user-visible attributes (title, aria-label, placeholder, alt) only, so class
    // names, test ids and keys never trip it. Every string comes from src-preload/i18n through t().
    files: ['src-renderer/**/*.tsx'],
    plugins: { i18next },
    rules: {
      'i18next/no-literal-string': ['error', {
        mode: 'jsx-only',
        'jsx-attributes': { include: ['title', 'aria-label', 'placeholder', 'alt', 'label', 'aria-description'] },
      }],
    },
  },
);
