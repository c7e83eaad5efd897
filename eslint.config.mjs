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

// Main's text that reaches the OS (README "Languages"): tray, menus, notifications, dialogs, notices and
// the errors main words for the window all come from the catalogue (src-main/desktop/i18n.ts `t`). The
// rule looks at the shapes such text takes — the label/title/message/detail/body/text/tooltip of what is
// handed to Menu, Tray, Notification and dialog, their buttons, menu-model's act(id, label), the
// tray/window title setters, AppError/LoginFailedError messages — and, in every file, at capitalised
// sentences outside a log call. Ids, roles, accelerators, log lines and protocol names stay free.
// Checked by test/desktop/os-text-literals.test.ts.
// Text: words with a space between, or a capitalised word ('Quit'); not ids such as 'message/upsert'.
const WORDS = '/[A-Za-z] +[A-Za-z]|^[A-Z][a-z]/';
const OS_TEXT_KEYS = '/^(label|sublabel|title|message|detail|body|text|tooltip|toolTip|what|note|placeholder)$/';
const osTextMessage = 'User-visible text in main comes from the catalogue: t(\'key\') (src-preload/i18n, en + es).';
const OS_TEXT_SELECTORS = [
  `Property[key.name=${OS_TEXT_KEYS}] > Literal[value=${WORDS}]`,
  `Property[key.name=${OS_TEXT_KEYS}] > TemplateLiteral > TemplateElement[value.raw=${WORDS}]`,
  `Property[key.name='buttons'] > ArrayExpression > :matches(Literal, TemplateLiteral)`,
  `CallExpression[callee.name='act'] > :matches(Literal, TemplateLiteral):nth-child(2)`,
  `CallExpression[callee.property.name=/^(setToolTip|setTitle|displayBalloon|showErrorBox)$/] > :matches(Literal, TemplateLiteral)`,
  `NewExpression[callee.name=/^(AppError|LoginFailedError)$/] > Literal[value=/[A-Za-z]+ [A-Za-z]+/]`,
  `NewExpression[callee.name=/^(AppError|LoginFailedError)$/] > TemplateLiteral > TemplateElement[value.raw=/[A-Za-z]+ [A-Za-z]+/]`,
  // A capitalised sentence (three words or more) anywhere but in a log call.
  `Literal[value=/^[A-Z][a-z]+ [a-z]+ [a-z]+/]:not(CallExpression[callee.name='log'] *, CallExpression[callee.property.name=/^(log|warn|error|info|debug)$/] *)`,
  `TemplateElement[value.raw=/^[A-Z][a-z]+ [a-z]+ [a-z]+/]:not(CallExpression[callee.name='log'] *, CallExpression[callee.property.name=/^(log|warn|error|info|debug)$/] *)`,
];
const osTextRule = ['error', ...OS_TEXT_SELECTORS.map((selector) => ({ selector, message: osTextMessage }))];

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
  {
    files: ['src-main/desktop/**/*.ts'],
    ignores: ['src-main/desktop/**/*.d.ts'],
    rules: { 'no-restricted-syntax': osTextRule },
  },
);
