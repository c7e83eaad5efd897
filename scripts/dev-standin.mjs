// `npm run dev:standin`: build, then run the app on the Electron stand-in in a VISIBLE Chromium
// window — a development aid for machines without the Electron binary (not a replacement for it:
// no real context isolation, no OS notifications or tray; those are recorded, see test/electron-standin).
// Without a DISPLAY it re-runs itself under `xvfb-run` (then the window is on a virtual screen;
// attach to it through the printed DevTools endpoint). Ctrl+C quits.
//   --no-build      skip `npm run build`
//   --fresh         use a new temp user-data dir (default: test-results/dev-standin-user-data, git-ignored)
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);

if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  const which = spawnSync('sh', ['-c', 'command -v xvfb-run'], { encoding: 'utf8' });
  if (which.status !== 0) {
    console.error('dev:standin: no DISPLAY and no xvfb-run (apt-get install xvfb)');
    process.exit(1);
  }
  console.log('dev:standin: no DISPLAY — running under xvfb-run');
  const r = spawnSync('xvfb-run', ['-a', '-s', '-screen 0 1280x900x24', process.execPath, fileURLToPath(import.meta.url), ...args], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}

if (!args.includes('--no-build')) {
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

// The same child the e2e launcher uses (test/electron-standin/child.ts), bundled.
const outDir = join(root, 'test-results', '.standin');
mkdirSync(outDir, { recursive: true });
const childPath = join(outDir, 'child-dev.mjs');
await build({
  entryPoints: [join(root, 'test', 'electron-standin', 'child.ts')],
  outfile: childPath,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['playwright-core', 'esbuild'],
  logLevel: 'warning',
  banner: { js: "import { createRequire as __c } from 'node:module'; const require = __c(import.meta.url);" },
});

// A persistent dev profile (settings and encrypted secrets survive restarts) unless --fresh.
const userData = args.includes('--fresh') ? mkdtempSync(join(tmpdir(), 'lp-dev-standin-')) : join(root, 'test-results', 'dev-standin-user-data');
mkdirSync(userData, { recursive: true });
const keyFile = join(userData, '.standin-safe-storage-key');
if (!existsSync(keyFile)) writeFileSync(keyFile, randomBytes(32).toString('hex'), { mode: 0o600 });

console.log(`dev:standin: user data in ${userData}`);
const child = spawn(process.execPath, [childPath], {
  cwd: root,
  stdio: 'inherit',
  env: {
    ...process.env,
    STANDIN_MAIN: join(root, 'dist', 'main', 'main.js'),
    STANDIN_USER_DATA: userData,
    STANDIN_SAFE_STORAGE_KEY: readFileSync(keyFile, 'utf8'),
    STANDIN_HEADED: '1',
  },
});
process.on('SIGINT', () => child.kill('SIGTERM'));
child.on('exit', (code) => process.exit(code ?? 0));
