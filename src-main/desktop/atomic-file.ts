/**
 * File writes that never leave half a file: write-file-atomic (temp file in the same folder,
 * fsync, rename; npm's own package) — a crash or a full disk mid-write keeps the previous file whole.
 * Tolerant reads, and `readJsonOrMoveAside` for files that went bad (corrupt-file.ts).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import writeFileAtomicPkg from 'write-file-atomic';

export function writeFileAtomic(path: string, content: string | Buffer, mode = 0o600): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileAtomicPkg.sync(path, content, { mode, fsync: true });
}

/** The parsed JSON, or undefined when the file is missing or unreadable. */
export function readJsonFile(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}
