// Import boundaries and cycles, checked in CI (`npm run deps`, a step of `npm test`).
// The boundaries are those of DESIGN.md ("The three processes", "Rules of the house").
// tsPreCompilationDeps: type-only imports count too: a cycle or a crossing through types is still one.

// The core's layers, bottom up (DESIGN.md): a layer may import its own folder and the layers below it.
const layers = ['base', 'protocol', 'connection', 'decisions', 'session'];
const upwardImports = layers.slice(0, -1).map((layer, i) => ({
  name: `lp-${layer}-not-upward`,
  comment: `src-main/lp/${layer} sits below ${layers.slice(i + 1).join(', ')}: it may not import them.`,
  severity: 'error',
  from: { path: `^src-main/lp/${layer}/` },
  to: { path: `^src-main/lp/(${layers.slice(i + 1).join('|')})/` },
}));

// `electron` resolves into node_modules (its d.ts or index.js); unresolved it stays the bare name.
const electron = '(^|/)node_modules/electron/|^electron(/|$)';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'No import cycles anywhere (DESIGN.md).',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'renderer-not-to-main',
      comment: 'The renderer imports the IPC contract (src-preload/api.ts), never src-main.',
      severity: 'error',
      from: { path: '^src-renderer/' },
      to: { path: '^src-main/' },
    },
    {
      name: 'preload-not-to-renderer',
      comment: 'The preload (and the contract in it) is below the renderer.',
      severity: 'error',
      from: { path: '^src-preload/' },
      to: { path: '^src-renderer/' },
    },
    {
      name: 'lp-only-through-index',
      comment: 'src-main/lp/index.ts is the only door into the core; tests under test/ may reach inside.',
      severity: 'error',
      from: { pathNot: '^(src-main/lp/|test/)' },
      to: { path: '^src-main/lp/', pathNot: '^src-main/lp/index\\.ts$' },
    },
    {
      name: 'lp-not-through-own-index',
      comment: 'Inside the core, files import each other directly: going through lp/index.ts makes cycles.',
      severity: 'error',
      from: { path: '^src-main/lp/', pathNot: '^src-main/lp/index\\.ts$' },
      to: { path: '^src-main/lp/index\\.ts$' },
    },
    {
      name: 'lp-self-contained',
      comment: 'The core imports nothing of the app around it (desktop, simulator, headless, preload, renderer).',
      severity: 'error',
      from: { path: '^src-main/lp/' },
      to: { path: '^(src-main/(?!lp/)|src-preload/|src-renderer/)' },
    },
    {
      name: 'no-electron-in-core-simulator-headless',
      comment: 'The core, the simulator and headless are plain Node: Electron is an adapter around them.',
      severity: 'error',
      from: { path: '^src-main/(lp|simulator|headless)/' },
      to: { path: electron },
    },
    {
      name: 'simulator-not-to-lp',
      comment: 'The simulator is an independent reading of lp-protocol.md: no shared types or parsers with the core.',
      severity: 'error',
      from: { path: '^src-main/simulator/' },
      to: { path: '^src-main/lp/' },
    },
    ...upwardImports,
    {
      name: 'not-to-unresolvable',
      comment: 'An import that does not resolve is a typo or a missing dependency. bench/peer installs its own packages on demand (bench/README.md).',
      severity: 'error',
      from: { pathNot: '^bench/peer/' },
      to: { couldNotResolve: true, pathNot: '^electron$' },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|release|test-results|coverage|bench/results|bench/peer/node_modules)/' },
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
