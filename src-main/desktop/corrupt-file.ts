/**
 * A file of ours that went bad (not JSON, or not the shape we wrote) is moved aside with a timestamp
 * — `settings.json` → `settings.json.corrupt-20261206T231500Z` — so nothing in it is lost and support
 * can look at it; the caller then starts from defaults (or empty) and tells the user once. One small
 * helper for settings, outbox and credentials.
 */
import { existsSync, readFileSync, renameSync } from 'node:fs';

/** `2026-12-06T23:15:00.123Z` → `20261206T231500Z`. */
export function asideStamp(now: Date): string {
  return now.toISOString().replace(/\.\d+Z$/, 'Z').replace(/[-:]/g, '');
}

/** Renames `path` to `path.corrupt-<stamp>` (a free name: `-2`, `-3` … when taken); returns the new path. */
export function moveAside(path: string, now: Date = new Date()): string {
  const base = `${path}.corrupt-${asideStamp(now)}`;
  let target = base;
  for (let i = 2; existsSync(target); i += 1) target = `${base}-${i}`;
  renameSync(path, target);
  return target;
}

/** Why a file was moved aside: logged as is; the user's notice words it in their language (startup/core.ts). */
export const DAMAGE = { notJson: 'not valid JSON', unexpected: 'unexpected content' } as const;
export type DamageReason = (typeof DAMAGE)[keyof typeof DAMAGE];

export type ReadOutcome =
  | { state: 'missing' }
  | { state: 'ok'; value: unknown }
  | { state: 'moved-aside'; movedTo: string; reason: DamageReason };

/**
 * Reads JSON from `path`. Missing → 'missing'. Not JSON, or JSON that `valid` refuses → moved aside.
 * A file that cannot be read at all (permissions) is left where it is and reported as missing.
 */
export function readJsonOrMoveAside(path: string, valid: (value: unknown) => boolean = () => true, now?: () => Date): ReadOutcome {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return { state: 'missing' };
  }
  let value: unknown;
  let reason: DamageReason | undefined;
  try {
    value = JSON.parse(text) as unknown;
    if (!valid(value)) reason = DAMAGE.unexpected;
  } catch {
    reason = DAMAGE.notJson;
  }
  if (reason === undefined) return { state: 'ok', value };
  return { state: 'moved-aside', movedTo: moveAside(path, now?.() ?? new Date()), reason };
}
