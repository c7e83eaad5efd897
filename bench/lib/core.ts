/**
 * Loads the parts of the app under measurement at run time, so a part that is not written yet (or
 * does not load) turns into a precise "not measured: <why>" instead of breaking the whole bench.
 * Typed against the documented contracts: src-main/lp/session-api.ts + model.ts (the core),
 * src-main/desktop/notifications.ts (decideRingAlert).
 */
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AgentConnection, Ring, SessionEvents, Skill, AgentSession, SessionOptions } from '../../src-main/lp/index';

export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export type Loaded<T> = { ok: true; value: T } | { ok: false; reason: string };

function firstLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return (text.split('\n')[0] ?? text).replace(projectRoot + '/', '').slice(0, 240);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

/** `rel`: a path in this project, or an absolute one (a bundle: lib/core-bundle.ts). */
async function importProjectModule(rel: string): Promise<Loaded<Record<string, unknown>>> {
  const file = isAbsolute(rel) ? rel : join(projectRoot, rel);
  if (!existsSync(file)) return { ok: false, reason: `${rel} does not exist yet` };
  try {
    const mod: unknown = await import(pathToFileURL(file).href);
    if (!isRecord(mod)) return { ok: false, reason: `${rel} did not load as a module` };
    return { ok: true, value: mod };
  } catch (err) {
    return { ok: false, reason: `${rel} does not load: ${firstLine(err)}` };
  }
}

export type CreateAgentSession = (opts: SessionOptions) => AgentSession;
export type CreateSessionOnConnection = (connection: AgentConnection, opts: SessionOptions, tuning?: Record<string, number>) => AgentSession;

/**
 * The full core (connection + session): `createAgentSession` from src-main/lp/index.ts, or from
 * `file`, that module bundled (lib/core-bundle.ts).
 */
export async function loadCreateAgentSession(file = 'src-main/lp/index.ts'): Promise<Loaded<CreateAgentSession>> {
  const mod = await importProjectModule(file);
  if (!mod.ok) return { ok: false, reason: `core not runnable yet: ${mod.reason}` };
  const fn = mod.value.createAgentSession;
  if (typeof fn !== 'function') return { ok: false, reason: `core not runnable yet: ${file} exports no createAgentSession function` };
  return { ok: true, value: fn as CreateAgentSession };
}

/** The session layer alone (on any AgentConnection): `createSessionOnConnection` from src-main/lp/index.ts. */
export async function loadCreateSessionOnConnection(): Promise<Loaded<CreateSessionOnConnection>> {
  const mod = await importProjectModule('src-main/lp/index.ts');
  if (!mod.ok) return { ok: false, reason: `session layer not runnable yet: ${mod.reason}` };
  const fn = mod.value.createSessionOnConnection;
  if (typeof fn !== 'function') return { ok: false, reason: 'session layer not runnable yet: src-main/lp/index.ts exports no createSessionOnConnection' };
  return { ok: true, value: fn as CreateSessionOnConnection };
}

export interface RingAlertLike {
  show: boolean;
  title: string;
  body: string;
}

export type DecideRingAlert = (
  ring: Ring,
  settings: { notifications: boolean; sound: boolean; onlyWhenUnfocused: boolean },
  windowFocused: boolean,
  platform: string,
  context?: { skills?: readonly Skill[]; now?: number },
) => RingAlertLike;

/** main's notification decision for a ring: `decideRingAlert` from src-main/desktop/notifications.ts. */
export async function loadDecideRingAlert(): Promise<Loaded<DecideRingAlert>> {
  const mod = await importProjectModule('src-main/desktop/notifications.ts');
  if (!mod.ok) return mod;
  const fn = mod.value.decideRingAlert;
  if (typeof fn !== 'function') return { ok: false, reason: 'src-main/desktop/notifications.ts exports no decideRingAlert' };
  return { ok: true, value: fn as DecideRingAlert };
}

/** Resolves when `predicate` holds for an emitted session event, or rejects after `timeoutMs`. */
export function waitSession<K extends keyof SessionEvents>(
  session: AgentSession,
  event: K,
  predicate: (e: SessionEvents[K]) => boolean,
  timeoutMs: number,
  what = String(event),
): Promise<SessionEvents[K]> {
  return new Promise((res, rej) => {
    const timer = setTimeout(() => { off(); rej(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)); }, timeoutMs);
    const off = session.on(event, (e) => {
      if (!predicate(e)) return;
      clearTimeout(timer);
      off();
      res(e);
    });
  });
}
