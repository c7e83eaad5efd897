/**
 * Makes sure the throughput peer (LivePerson's node-agent-sdk from npm) is installed in
 * bench/peer/node_modules — outside the app's dependency tree (git-ignored, never in package.json).
 * Installs on demand with `npm install --prefix bench/peer --no-save node-agent-sdk@1.2.0` (the published release lp-protocol.md §13 describes).
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const peerDir = fileURLToPath(new URL('.', import.meta.url));
const sdkPackage = join(peerDir, 'node_modules', 'node-agent-sdk', 'package.json');

export function peerVersion(): string | null {
  if (!existsSync(sdkPackage)) return null;
  try {
    const v = (JSON.parse(readFileSync(sdkPackage, 'utf8')) as { version?: unknown }).version;
    return typeof v === 'string' ? v : 'unknown';
  } catch {
    return null;
  }
}

/** Resolves with the installed version, or rejects with why it could not be installed. */
export async function ensurePeer(log: (line: string) => void): Promise<string> {
  const have = peerVersion();
  if (have) return have;
  log('throughput: installing node-agent-sdk into bench/peer/node_modules (not an app dependency)…');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const out: string[] = [];
  const code = await new Promise<number>((resolve) => {
    const child = spawn(npm, ['install', '--prefix', peerDir, '--no-save', '--no-audit', '--no-fund', '--no-package-lock', 'node-agent-sdk@1.2.0'], { cwd: peerDir, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (c: Buffer) => out.push(c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => out.push(c.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), 180_000);
    child.on('error', (e) => { out.push(e.message); });
    child.on('close', (c) => { clearTimeout(timer); resolve(c ?? 1); });
  });
  const v = peerVersion();
  if (code !== 0 || !v) throw new Error(`npm install node-agent-sdk failed (exit ${code}): ${out.join('').trim().split('\n').slice(-3).join(' | ')}`);
  return v;
}
