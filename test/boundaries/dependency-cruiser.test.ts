/**
 * The import rules of `.dependency-cruiser.cjs` (npm run deps), run by the real CLI on a small
 * fixture tree laid out like ours: each forbidden import is reported under its rule, and the imports
 * DESIGN.md allows are not. The real tree is checked by `npm run deps` itself.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** path → source. Names say what each file is for; `bad-*` files hold the one import their rule forbids. */
const fixture: Record<string, string> = {
  // Allowed: the core's door, layers importing downward, tests reaching inside the core.
  'src-main/lp/index.ts': "export { startSession } from './session/session';\nexport type { Clock } from './base/clock';\n",
  'src-main/lp/base/clock.ts': 'export interface Clock { now(): number }\nexport const systemClock = { now: (): number => 0 };\n',
  'src-main/lp/connection/socket.ts': "import { systemClock } from '../base/clock';\nexport const openSocket = (): number => systemClock.now();\n",
  'src-main/lp/decisions/rings.ts': "import { openSocket } from '../connection/socket';\nexport const decide = (): number => openSocket();\n",
  'src-main/lp/session/session.ts': "import { decide } from '../decisions/rings';\nexport const startSession = (): number => decide();\n",
  'test/lp/clock.test.ts': "import { systemClock } from '../../src-main/lp/base/clock';\nexport const t = systemClock;\n",
  // Allowed: desktop adapters use electron and the core's door; the contract takes the core's types; the renderer takes the contract.
  'src-main/desktop/app.ts': "import { app } from 'electron';\nimport { startSession } from '../lp/index';\nexport const run = (): unknown => [app, startSession()];\n",
  'src-preload/api.ts': "import type { Clock } from '../src-main/lp/index';\nexport type Api = { clock: Clock };\n",
  'src-renderer/app.ts': "import type { Api } from '../src-preload/api';\nexport const use = (api: Api): number => api.clock.now();\n",
  // A cycle through a type-only import.
  'src-main/desktop/cycle-a.ts': "import type { B } from './cycle-b';\nexport interface A { b?: B }\n",
  'src-main/desktop/cycle-b.ts': "import type { A } from './cycle-a';\nexport interface B { a?: A }\n",
  // Forbidden, one rule each.
  'src-renderer/bad-main.ts': "import { run } from '../src-main/desktop/app';\nexport const x = run;\n",
  'src-preload/bad-renderer.ts': "import { use } from '../src-renderer/app';\nexport const x = use;\n",
  'bench/bad-inside-core.ts': "import { systemClock } from '../src-main/lp/base/clock';\nexport const x = systemClock;\n",
  'src-main/headless/bad-electron.ts': "import type { App } from 'electron';\nexport type X = App;\n",
  'src-main/simulator/bad-core.ts': "import { startSession } from '../lp/index';\nexport const x = startSession;\n",
  'src-main/lp/base/bad-up.ts': "import { openSocket } from '../connection/socket';\nexport const x = openSocket;\n",
  'src-main/lp/decisions/bad-up.ts': "import { startSession } from '../session/session';\nexport const x = startSession;\n",
  'src-main/lp/session/bad-own-index.ts': "import { startSession } from '../index';\nexport const x = startSession;\n",
  'src-main/lp/base/bad-outside.ts': "import { run } from '../../desktop/app';\nexport const x = run;\n",
  // `electron` resolves into node_modules as it does in the project.
  'node_modules/electron/package.json': '{ "name": "electron", "main": "index.js", "types": "electron.d.ts" }\n',
  'node_modules/electron/index.js': 'module.exports = {};\n',
  'node_modules/electron/electron.d.ts': 'export interface App { quit(): void }\nexport declare const app: App;\n',
  'tsconfig.json': '{ "compilerOptions": { "module": "ESNext", "moduleResolution": "Bundler", "strict": true } }\n',
};

interface Violation { from: string; to: string; rule: { name: string } }

describe('.dependency-cruiser.cjs', () => {
  let dir: string;
  let violations: string[];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'lp-depcruise-'));
    for (const [path, source] of Object.entries(fixture)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), source);
    }
    const r = spawnSync(process.execPath, [
      join(root, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs'),
      'src-main', 'src-preload', 'src-renderer', 'test', 'bench',
      '--config', join(root, '.dependency-cruiser.cjs'), '--output-type', 'json',
    ], { cwd: dir, encoding: 'utf8' });
    if (!r.stdout) throw new Error(`depcruise gave no output (exit ${r.status}): ${r.stderr}`);
    const result = JSON.parse(r.stdout) as { summary: { violations: Violation[] } };
    violations = result.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort();
  }, 30_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('reports each forbidden import under its rule, a cycle through a type-only import included (reported once)', () => {
    expect(violations).toEqual([
      'lp-base-not-upward: src-main/lp/base/bad-up.ts → src-main/lp/connection/socket.ts',
      'lp-decisions-not-upward: src-main/lp/decisions/bad-up.ts → src-main/lp/session/session.ts',
      'lp-not-through-own-index: src-main/lp/session/bad-own-index.ts → src-main/lp/index.ts',
      'lp-only-through-index: bench/bad-inside-core.ts → src-main/lp/base/clock.ts',
      'lp-self-contained: src-main/lp/base/bad-outside.ts → src-main/desktop/app.ts',
      'no-circular: src-main/desktop/cycle-a.ts → src-main/desktop/cycle-b.ts',
      'no-electron-in-core-simulator-headless: src-main/headless/bad-electron.ts → node_modules/electron/index.js',
      'preload-not-to-renderer: src-preload/bad-renderer.ts → src-renderer/app.ts',
      'renderer-not-to-main: src-renderer/bad-main.ts → src-main/desktop/app.ts',
      'simulator-not-to-lp: src-main/simulator/bad-core.ts → src-main/lp/index.ts',
    ]);
  });

  it('allows what DESIGN.md allows: the core through its door, layers downward, tests inside the core, electron in desktop', () => {
    const allowed = ['src-main/lp/index.ts', 'src-main/lp/session/session.ts', 'src-main/lp/decisions/rings.ts',
      'src-main/lp/connection/socket.ts', 'test/lp/clock.test.ts', 'src-main/desktop/app.ts', 'src-preload/api.ts', 'src-renderer/app.ts'];
    expect(violations.filter((v) => allowed.some((file) => v.includes(`: ${file} →`)))).toEqual([]);
  });
});
