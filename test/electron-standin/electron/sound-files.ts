/**
 * Names a sound a page played through Web Audio. A decoded buffer has no URL: the page side
 * (renderer.ts) sends the SHA-256 of the encoded bytes it was decoded from, and this names it after
 * the app's sound file with the same bytes (src-renderer/assets/sounds/*.wav, read once; the child
 * runs from the project root, launch.ts), as `file` in `StandinState.sounds`, the name an
 * <audio> element's URL gives. Bytes that match no file are recorded as `sha256:<hex>`.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const SOUNDS_DIR = resolve('src-renderer/assets/sounds');

let byDigest: Map<string, string> | null = null;

function table(): Map<string, string> {
  if (byDigest) return byDigest;
  byDigest = new Map();
  let names: string[] = [];
  try {
    names = readdirSync(SOUNDS_DIR);
  } catch {
    // not run from the project: every sound is named by its digest
  }
  for (const name of names) byDigest.set(createHash('sha256').update(readFileSync(join(SOUNDS_DIR, name))).digest('hex'), name);
  return byDigest;
}

export function soundFileName(sha256: string): string {
  if (!sha256) return '(not decoded by this page)';
  return table().get(sha256) ?? `sha256:${sha256}`;
}
