// `npm start`: build, then run the app in Electron. Where Electron's binary is missing it is fetched
// once (Electron's own install.js); when that fails (no internet, blocked), one plain paragraph says
// what happened and what to do, and the script exits 1 — no stack trace.
//   --no-build   skip `npm run build`
// Env: ELECTRON_SKIP_BINARY_DOWNLOAD=1 skips the download attempt (as Electron's installer does);
// ELECTRON_OVERRIDE_DIST_PATH names a folder holding the binary (as Electron's index.js does).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const electronDir = join(root, 'node_modules', 'electron');
const args = process.argv.slice(2);
const EXIT_NO_BINARY = 1;

if (!args.includes('--no-build')) {
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

/** The binary's path as Electron's index.js computes it, or undefined when it is not on disk. */
function electronBinary() {
  const pathFile = join(electronDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8') : '';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const full = override ? join(override, relative || 'electron') : relative ? join(electronDir, 'dist', relative) : '';
  return full && existsSync(full) ? full : undefined;
}

/** Runs Electron's installer quietly; returns the first line of its error, or undefined on success. */
function tryDownload() {
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) return 'ELECTRON_SKIP_BINARY_DOWNLOAD is set, so no download was tried';
  console.log("npm start: Electron's binary is not installed; trying to download it once…");
  const r = spawnSync(process.execPath, [join(electronDir, 'install.js')], { cwd: electronDir, encoding: 'utf8', timeout: 180_000 });
  if (r.status === 0) return undefined;
  const firstLine = `${r.stderr ?? ''}\n${r.stdout ?? ''}`.split('\n').map((l) => l.trim()).find((l) => l && !l.startsWith('at '));
  return firstLine ?? (r.error ? r.error.message : `the installer exited with ${r.status ?? r.signal}`);
}

let binary = electronBinary();
if (!binary) {
  const reason = tryDownload();
  binary = electronBinary();
  if (!binary) {
    const version = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version;
    console.error(
      `\nLP Agent Desktop cannot start: Electron's program (the Electron ${version} binary) is not installed ` +
        `in node_modules/electron, and it could not be downloaded (${reason ?? 'unknown reason'}). ` +
        '`npm install` skips that download on purpose, so installing works with only the npm registry. ' +
        'On a machine with internet, run `npx install-electron` once (behind a proxy set HTTPS_PROXY, or ' +
        'ELECTRON_MIRROR for a mirror), then `npm start` again. Without the binary, `npm run dev:standin` ' +
        'shows the app in Chromium as a development preview (no OS notifications, no tray, no real ' +
        'context isolation) — not a way to use the app.\n',
    );
    process.exit(EXIT_NO_BINARY);
  }
}

const child = spawn(binary, [root, ...args.filter((a) => a !== '--no-build')], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('error', (err) => {
  console.error(`npm start: could not run Electron (${err.message}).`);
  process.exit(EXIT_NO_BINARY);
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
