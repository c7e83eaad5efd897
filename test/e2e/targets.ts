/**
 * Which app targets the e2e specs can run against here: the stand-in always; real Electron only
 * when its binary is actually installed. Never require('electron') to find out: its index.js
 * tries to DOWNLOAD the binary when it is missing.
 */
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');

export type Target = 'standin' | 'electron';

export function electronBinary(): { ok: true; path: string } | { ok: false; reason: string } {
  const pkg = join(projectRoot, 'node_modules', 'electron');
  const pathTxt = join(pkg, 'path.txt');
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const dist = override ?? join(pkg, 'dist');
  if (!existsSync(dist)) return { ok: false, reason: `no Electron binary installed (${override ? 'ELECTRON_OVERRIDE_DIST_PATH' : 'node_modules/electron/dist'} missing)` };
  if (!existsSync(pathTxt) && !override) return { ok: false, reason: 'no Electron binary installed (node_modules/electron/path.txt missing)' };
  const exe = join(dist, existsSync(pathTxt) ? readFileSync(pathTxt, 'utf8').trim() : 'electron');
  try {
    accessSync(exe, constants.X_OK);
  } catch {
    return { ok: false, reason: `no executable Electron binary at ${exe}` };
  }
  return { ok: true, path: exe };
}
