/** Run scripts/build.mjs when dist/ is missing or older than its inputs (tests that need the built app). */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const INPUTS = ['src-main', 'src-preload', 'src-renderer', 'build/tray', 'build/icon.png', 'vite.config.ts', 'scripts/build.mjs', 'scripts/main-bundle.mjs', 'package.json'];
const OUTPUTS = ['dist/main/main.js', 'dist/preload/preload.cjs', 'dist/renderer/index.html'];

function newestMtime(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...readdirSync(path).map((f) => newestMtime(join(path, f))));
}

/**
 * `fresh: false` only builds when dist/ is missing (for tests that need *a* build, not the newest:
 * fewer concurrent rebuilds when several test files start at once; scripts/test.mjs builds first anyway).
 */
export function ensureBuilt(opts: { fresh?: boolean } = {}): void {
  const outputs = OUTPUTS.map((p) => join(root, p));
  const inputs = INPUTS.map((p) => join(root, p)).filter(existsSync);
  if (outputs.every(existsSync)) {
    if (opts.fresh === false) return;
    if (Math.min(...outputs.map((p) => statSync(p).mtimeMs)) >= Math.max(...inputs.map(newestMtime))) return;
  }
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm run build failed:\n${r.stdout}\n${r.stderr}`);
}
