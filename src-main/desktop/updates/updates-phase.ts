/**
 * Start-up of updates: picks the feed (update-feed.ts), loads electron-updater only when there is
 * one (a development build never evaluates it; an installed one loads it after the window, off the
 * start-up path), and runs updater.ts with the real timers, the app state as the status sink and the
 * current session as "busy" (open conversations, waiting rings).
 */
import type { UpdateRestartResult, UpdateStatus } from '../../../src-preload/api';
import { chooseUpdateFeed } from './update-feed';
import type { Busy } from './update-model';
import { createUpdates, type Updates, type UpdaterLike } from './updater';

export interface UpdatesPhaseDeps {
  isPackaged: boolean;
  policyUrl?: string | undefined;
  env: Readonly<Record<string, string | undefined>>;
  /** electron-updater's autoUpdater (the platform's updater), imported on demand. */
  loadUpdater(): Promise<UpdaterLike>;
  publish(status: UpdateStatus): void;
  busy(): Busy;
  log(message: string): void;
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/**
 * electron-updater's `autoUpdater` from its imported module. It is CommonJS: imported from the split
 * main bundle (scripts/build.mjs puts it in a chunk of its own) its exports arrive as `default` only;
 * under Node's own loader (tests, tsx) also as named exports.
 */
export function autoUpdaterOf(mod: { autoUpdater?: UpdaterLike; default?: unknown }): UpdaterLike {
  const fromDefault = typeof mod.default === 'object' && mod.default !== null && 'autoUpdater' in mod.default ? mod.default.autoUpdater : undefined;
  const updater = mod.autoUpdater ?? (fromDefault as UpdaterLike | undefined);
  if (!updater) throw new Error('electron-updater exports no autoUpdater');
  return updater;
}

export function startUpdatesPhase(deps: UpdatesPhaseDeps): Updates {
  const feed = chooseUpdateFeed({ isPackaged: deps.isPackaged, policyUrl: deps.policyUrl, devConfigPath: deps.env.LP_AGENT_DEV_UPDATE_CONFIG });
  const common = { now: deps.now, setTimeout: deps.setTimeout, clearTimeout: deps.clearTimeout, log: deps.log, publish: deps.publish, busy: deps.busy };
  if (!feed.on) return createUpdates({ ...common, updater: null, feed });
  let inner: Updates | null = null;
  let disposed = false;
  const readyListeners: Array<(version: string) => void> = [];
  deps.publish({ state: 'idle' });
  deps.loadUpdater().then((updater) => {
    if (disposed) return;
    inner = createUpdates({ ...common, updater, feed });
    for (const l of readyListeners) inner.onReady(l);
  }).catch((err: unknown) => {
    deps.log(`updates unavailable: electron-updater could not be loaded (${err instanceof Error ? err.message : String(err)})`);
    deps.publish({ state: 'off', reason: 'unavailable' });
  });
  const notYet: UpdateRestartResult = { restarting: false, reason: 'no-update' };
  return {
    status: () => inner?.status() ?? { state: 'idle' },
    restart: () => inner?.restart() ?? notYet,
    checkNow: () => inner?.checkNow(),
    onReady: (listener) => {
      if (inner) inner.onReady(listener);
      else readyListeners.push(listener);
    },
    dispose: () => {
      disposed = true;
      inner?.dispose();
    },
  };
}
