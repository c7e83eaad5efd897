/** What the app did, as the test sees it (StandinState in ../protocol.ts), and the change feed child.ts pushes. */
import type { LogKey, OsCall, OsCalls, RecordedIpcPayload, StandinState, StorageBackend } from '../protocol';
import { StateFeed } from '../state-feed';

const env = process.env;
const changeListeners = new Set<() => void>();
let changeQueued = false;
/** When the last push went (performance.now()). */
let lastPushAt = Number.NEGATIVE_INFINITY;
/**
 * At most one state push per this many ms (STANDIN_STATE_PUSH_GAP_MS; 0, the default: one per tick).
 * A push costs main a serialisation and a pipe write, whatever its size, work a real Electron main
 * does not do: in the flood bench one per tick was 1,971 pushes in 10 s, so it sets 20 (503 pushes;
 * `BENCH_STANDIN_TRAFFIC=1 npm run bench -- --only flood`, 2026-12-08 04:26, bench/README). Tests
 * keep 0: a test may read `app.state` right after an action it awaited by another path (a page
 * evaluate) and find that tick's push already there.
 */
let pushGapMs = Math.max(0, Number(env.STANDIN_STATE_PUSH_GAP_MS ?? 0) || 0);
/** Sets the gap (ms) from now on (the env variable sets it at start). */
export function setStatePushGap(ms: number): void {
  pushGapMs = ms;
}
const push = (): void => {
  changeQueued = false;
  lastPushAt = performance.now();
  for (const l of changeListeners) l();
};
/**
 * Tell the control channel the recorded state changed. Coalesced until the current I/O callback and
 * its microtasks are done (setImmediate), so the app's own work in that tick (an IPC send, the next
 * frame) goes first and one push carries every change of the tick; with a gap set, a change within
 * the gap of the last push waits until the gap is over, so one push carries every change of a burst.
 */
export function changed(): void {
  if (changeQueued) return;
  changeQueued = true;
  const wait = lastPushAt + pushGapMs - performance.now();
  if (wait <= 0) setImmediate(push);
  else setTimeout(push, wait);
}
/** Payloads main sent to renderers (events and invoke results), serialised; see RecordedIpcPayload. */
export const ipcPayloads: RecordedIpcPayload[] = [];
/** Records a payload; returns its JSON, or null when it cannot be serialised. */
export function recordPayload(windowId: number, channel: string, kind: RecordedIpcPayload['kind'], value: unknown): string | null {
  let json: string;
  try {
    json = JSON.stringify(value) ?? 'undefined';
  } catch (err) {
    ipcPayloads.push({ windowId, channel, kind, json: `<unserialisable: ${describe(err)}>` });
    return null;
  }
  ipcPayloads.push({ windowId, channel, kind, json });
  return json;
}
/**
 * Electron carries IPC with the Structured Clone Algorithm ("Sending Functions, Promises, Symbols,
 * WeakMaps, or WeakSets will throw an exception", https://www.electronjs.org/docs/latest/api/web-contents#contentssendchannel-args
 * and ipc-renderer#ipcrendererinvokechannel-args). JSON would silently drop a function field or turn
 * a Map into {}: what Electron cannot clone throws here too, with Electron's message.
 */
export function assertCloneable(value: unknown): void {
  try {
    structuredClone(value);
  } catch {
    throw new Error('An object could not be cloned.');
  }
}
/**
 * Bench: how often the app called the OS-facing setters (tray icon, tooltip, menu; the app badge),
 * counted in this process and never pushed: what a flood costs the OS, which the recorded state, one
 * value each, cannot tell. Read with the 'debug/os-calls' command.
 */
export const osCalls: OsCalls = { 'tray.setImage': 0, 'tray.setToolTip': 0, 'tray.setContextMenu': 0, 'app.setBadgeCount': 0 };
export function countOsCall(call: OsCall): void {
  osCalls[call] += 1;
}
export function onChange(listener: () => void): void {
  changeListeners.add(listener);
}

export const recorded: StandinState = {
  app: {
    ready: false, quitting: false, sandboxEnabled: false, badgeCount: 0, singleInstanceLock: false,
    relaunched: 0, protocolClients: [], applicationMenu: null,
    platform: env.STANDIN_PLATFORM ?? (process.platform === 'darwin' || process.platform === 'win32' ? process.platform : 'linux'),
    ...(env.STANDIN_PLATFORM === 'darwin' || (!env.STANDIN_PLATFORM && process.platform === 'darwin') ? { dock: { bounces: [], badge: '', visible: true } } : {}),
  },
  windows: [],
  notifications: [],
  trays: [],
  shortcuts: [],
  shell: [],
  dialogs: [],
  navigations: [],
  windowOpens: [],
  webRequests: [],
  permissionRequests: [],
  ipc: [],
  console: [],
  sounds: [],
  popups: [],
  spellchecker: { languages: [], added: [] },
  editCommands: [],
  safeStorage: {
    available: env.STANDIN_ENCRYPTION_AVAILABLE !== '0',
    backend: (env.STANDIN_STORAGE_BACKEND as StorageBackend | undefined) ?? 'gnome_libsecret',
    usePlainText: false,
    encrypted: 0,
    decrypted: 0,
  },
  net: { online: true },
  netRequests: [],
  protocols: { privileged: [], handled: [] },
  protocolRequests: [],
};

/** What the control channel pushes: the changes of `recorded` since the last push (state-feed.ts). */
export const stateFeed = new StateFeed(recorded);
/** An entry already in a history of `recorded` changed in place: the next push carries it again. */
export function changedEntry<K extends LogKey>(key: K, entry: StandinState[K][number]): void {
  stateFeed.touched(key, entry);
  changed();
}

/** A fresh Electron-style event object with preventDefault. */
export function makeEvent<P extends object>(params: P): Electron.Event<P> {
  let prevented = false;
  const event = {
    ...params,
    preventDefault: () => {
      prevented = true;
    },
    get defaultPrevented() {
      return prevented;
    },
  };
  return event as Electron.Event<P>;
}

export function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
