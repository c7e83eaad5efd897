/**
 * The update adapter: applies update-model.ts to an electron-updater `AppUpdater` (main.ts passes
 * electron-updater's `autoUpdater`: NsisUpdater on Windows, MacUpdater on macOS, AppImageUpdater or
 * DebUpdater on Linux). It chooses the feed (update-feed.ts), checks on the model's schedule,
 * downloads in the background (electron-updater verifies the sha512 of latest*.yml; on Windows the
 * installer's Authenticode publisher when the build names one; on macOS Squirrel.Mac checks the
 * code signature), publishes the status (app state → the window's banner and Diagnostics), and
 * restarts only through `restart()`, which the model refuses while a conversation is open or a ring
 * waits. Otherwise the downloaded update installs when the app quits (autoInstallOnAppQuit).
 */
import type { AppUpdater } from 'electron-updater';
import type { UpdateRestartResult, UpdateStatus } from '../../../src-preload/api';
import type { UpdateFeed } from './update-feed';
import { describeFeed } from './update-feed';
import {
  checkStarted, initialUpdateModel, isCheckDue, onUpdaterEvent, restartDecision, type Busy, type UpdateModel, type UpdaterEvent,
} from './update-model';

/** What of electron-updater's AppUpdater the adapter uses. */
export type UpdaterLike = Pick<AppUpdater, 'autoDownload' | 'autoInstallOnAppQuit' | 'allowDowngrade' | 'allowPrerelease' | 'forceDevUpdateConfig'
  | 'logger' | 'checkForUpdates' | 'quitAndInstall' | 'setFeedURL' | 'on'> & { updateConfigPath: string | null };

export interface UpdatesDeps {
  /** Null only when the feed is off (electron-updater is then never loaded). */
  updater: UpdaterLike | null;
  feed: UpdateFeed;
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  log(message: string): void;
  /** The status changed: into the app state (the window's banner, Diagnostics, the menu item). */
  publish(status: UpdateStatus): void;
  /** Open conversations and waiting rings right now. */
  busy(): Busy;
}

export interface Updates {
  status(): UpdateStatus;
  /** "Restart to update": installs and restarts, or says why not. */
  restart(): UpdateRestartResult;
  /** Check now (the schedule goes on from there). */
  checkNow(): void;
  /** Called once when an update becomes ready (its version): the menu offers "Restart to update". */
  onReady(listener: (version: string) => void): void;
  dispose(): void;
}

export function createUpdates(deps: UpdatesDeps): Updates {
  const { updater, feed } = deps;
  let model: UpdateModel = initialUpdateModel(deps.now(), feed.on ? { on: true } : { on: false, reason: feed.reason });
  let timer: unknown = null;
  let disposed = false;
  const readyListeners: Array<(version: string) => void> = [];
  deps.log(describeFeed(feed));

  const schedule = (): void => {
    if (timer !== null) deps.clearTimeout(timer);
    timer = null;
    if (disposed || model.nextCheckAt === null) return;
    timer = deps.setTimeout(() => {
      timer = null;
      if (isCheckDue(model, deps.now())) check();
      else schedule();
    }, Math.max(0, model.nextCheckAt - deps.now()));
  };
  const apply = (event: UpdaterEvent): void => {
    const before = model.status;
    const step = onUpdaterEvent(model, event, deps.now());
    model = step.model;
    if (step.log !== undefined) deps.log(step.log);
    if (JSON.stringify(model.status) !== JSON.stringify(before)) deps.publish(model.status);
    const now = model.status;
    if (now.state === 'ready' && before.state !== 'ready') for (const l of readyListeners) l(now.version);
    schedule();
  };
  const check = (): void => {
    if (disposed || !feed.on || updater === null) return;
    model = checkStarted(model);
    // Errors arrive as the 'error' event (electron-updater emits, then rejects): the rejections of the
    // check and of the background download it starts are handled there, and only swallowed here.
    updater.checkForUpdates().then((result) => {
      if (result === null) apply({ type: 'inactive' });
      else void result.downloadPromise?.catch(() => undefined);
    }, () => undefined);
  };

  if (feed.on) {
    if (updater === null) throw new Error('createUpdates: a feed without an updater');
    updater.autoDownload = true;
    updater.autoInstallOnAppQuit = true;
    updater.allowDowngrade = false;
    updater.allowPrerelease = false;
    updater.logger = {
      info: (m?: unknown) => deps.log(`updater: ${String(m)}`),
      warn: (m?: unknown) => deps.log(`updater warning: ${String(m)}`),
      error: (m?: unknown) => deps.log(`updater error: ${String(m).split('\n')[0] ?? ''}`),
    };
    if (feed.source === 'policy') updater.setFeedURL({ provider: 'generic', url: feed.url });
    if (feed.source === 'dev-config') {
      updater.forceDevUpdateConfig = true;
      updater.updateConfigPath = feed.configPath;
    }
    updater.on('checking-for-update', () => apply({ type: 'checking' }));
    updater.on('update-available', (info: { version: string }) => apply({ type: 'available', version: info.version }));
    updater.on('update-not-available', (info: { version: string }) => apply({ type: 'not-available', latest: info.version }));
    updater.on('download-progress', (p: { percent: number }) => apply({ type: 'progress', percent: p.percent }));
    updater.on('update-downloaded', (info: { version: string }) => apply({ type: 'downloaded', version: info.version }));
    updater.on('error', (err: Error & { code?: string }) => apply({ type: 'error', message: err.message, ...(typeof err.code === 'string' ? { code: err.code } : {}) }));
    schedule();
  }
  deps.publish(model.status);

  return {
    status: () => model.status,
    restart() {
      const decision = restartDecision(model, deps.busy());
      if (!decision.restarting) {
        deps.log(`restart to update refused: ${decision.reason}`);
        return decision;
      }
      deps.log(`restarting to install update ${model.status.state === 'ready' ? model.status.version : ''}`);
      // Not silent (the installer may show progress), and run the app again afterwards.
      updater?.quitAndInstall(false, true);
      return decision;
    },
    checkNow() {
      if (model.status.state === 'idle') check();
    },
    onReady(listener) {
      readyListeners.push(listener);
    },
    dispose() {
      disposed = true;
      if (timer !== null) deps.clearTimeout(timer);
      timer = null;
    },
  };
}
