/**
 * `app`: lifecycle (ready, quit, exit), paths under STANDIN_USER_DATA, the single-instance lock, badges,
 * login items; `app.dock` exists on macOS only ("This API is only available on macOS", electron.d.ts
 * App.dock: `Dock | undefined`). Before 'ready' Electron sets its default application menu unless the
 * app set one (menu.ts `setDefaultApplicationMenu`).
 */
import { EventEmitter } from 'node:events';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { onAllWindowsClosed, onWebContentsCreated, StandinBrowserWindow } from './browser-window';
import { setCrashDumpsDir } from './crash-reporter';
import { setDefaultApplicationMenu } from './menu';
import { packageJson } from './package-info';
import { standinPlatform } from './platform';
import { changed, countOsCall, makeEvent, recorded } from './record';

/** `app.dock` (macOS): bounces and the badge are recorded. */
export class StandinDock implements Pick<Electron.Dock, 'bounce' | 'cancelBounce' | 'setBadge' | 'getBadge' | 'show' | 'hide' | 'isVisible'> {
  private nextBounce = 1;
  bounce(type: 'critical' | 'informational' = 'informational'): number {
    recorded.app.dock?.bounces.push(type);
    changed();
    return this.nextBounce++;
  }
  cancelBounce(): void {}
  setBadge(text: string): void {
    if (recorded.app.dock) recorded.app.dock.badge = text;
    changed();
  }
  getBadge(): string {
    return recorded.app.dock?.badge ?? '';
  }
  async show(): Promise<void> {
    if (recorded.app.dock) recorded.app.dock.visible = true;
    changed();
  }
  hide(): void {
    if (recorded.app.dock) recorded.app.dock.visible = false;
    changed();
  }
  isVisible(): boolean {
    return recorded.app.dock?.visible ?? false;
  }
}

const env = process.env;

/** How the process ends; child.ts replaces it to close the browser first. */
export const lifecycle = {
  exit: (code: number): void => {
    process.exit(code);
  },
};

let readyResolve: () => void = () => undefined;
const readyPromise = new Promise<void>((r) => {
  readyResolve = r;
});

type AppMethods = 'whenReady' | 'isReady' | 'quit' | 'exit' | 'relaunch' | 'focus' | 'getPath' | 'setPath' | 'getAppPath'
  | 'getName' | 'setName' | 'getVersion' | 'getLocale' | 'getSystemLocale' | 'requestSingleInstanceLock'
  | 'releaseSingleInstanceLock' | 'hasSingleInstanceLock' | 'setAppUserModelId' | 'setBadgeCount' | 'getBadgeCount'
  | 'enableSandbox' | 'setLoginItemSettings' | 'getLoginItemSettings' | 'setAsDefaultProtocolClient'
  | 'isDefaultProtocolClient' | 'disableHardwareAcceleration' | 'isPackaged' | 'getPreferredSystemLanguages';

export class StandinApp extends EventEmitter implements Pick<Electron.App, AppMethods> {
  readonly isPackaged = false;
  readonly dock: StandinDock | undefined = standinPlatform() === 'darwin' ? new StandinDock() : undefined;
  readonly commandLine = {
    switches: new Map<string, string>(),
    appendSwitch: (name: string, value?: string): void => {
      this.commandLine.switches.set(name, value ?? '');
    },
    appendArgument: (): void => undefined,
    hasSwitch: (name: string): boolean => this.commandLine.switches.has(name),
    getSwitchValue: (name: string): string => this.commandLine.switches.get(name) ?? '',
    removeSwitch: (name: string): void => {
      this.commandLine.switches.delete(name);
    },
  };
  private name = packageJson().productName ?? packageJson().name ?? 'Electron';
  private paths = new Map<string, string>();
  private lockHeld = false;

  whenReady(): Promise<void> {
    return readyPromise;
  }
  isReady(): boolean {
    return recorded.app.ready;
  }
  /** child.ts: the main script ran; emit will-finish-launching and ready. */
  start(): void {
    this.emit('will-finish-launching');
    setDefaultApplicationMenu();
    recorded.app.ready = true;
    changed();
    this.emit('ready', makeEvent({}), {});
    readyResolve();
  }
  quit(): void {
    if (recorded.app.quitting) return;
    const before = makeEvent({});
    this.emit('before-quit', before);
    if (before.defaultPrevented) return;
    recorded.app.quitting = true;
    changed();
    for (const w of StandinBrowserWindow.getAllWindows()) {
      w.close();
      if (!w.isDestroyed()) {
        // A window refused to close: Electron cancels the quit.
        recorded.app.quitting = false;
        changed();
        return;
      }
    }
    const willQuit = makeEvent({});
    this.emit('will-quit', willQuit);
    if (willQuit.defaultPrevented) {
      recorded.app.quitting = false;
      changed();
      return;
    }
    this.emit('quit', makeEvent({}), 0);
    lifecycle.exit(0);
  }
  exit(exitCode = 0): void {
    recorded.app.quitting = true;
    changed();
    lifecycle.exit(exitCode);
  }
  relaunch(): void {
    recorded.app.relaunched += 1;
    changed();
  }
  focus(): void {
    StandinBrowserWindow.getAllWindows()[0]?.focus();
  }
  getPath(name: Parameters<Electron.App['getPath']>[0]): string {
    const custom = this.paths.get(name);
    if (custom) return custom;
    const userData = env.STANDIN_USER_DATA;
    if (!userData) throw new Error('STANDIN_USER_DATA is not set: the stand-in never touches the real user-data dir');
    switch (name) {
      case 'userData':
      case 'sessionData':
        return userData;
      case 'appData':
        return dirname(userData);
      case 'temp':
        return tmpdir();
      case 'home':
        return homedir();
      case 'exe':
      case 'module':
        return process.execPath;
      case 'crashDumps':
        // Electron's default: <userData>/Crashpad (docs api/app getPath 'crashDumps').
        return join(userData, 'Crashpad');
      default:
        return join(userData, 'paths', name);
    }
  }
  setPath(name: string, path: string): void {
    this.paths.set(name, path);
  }
  getAppPath(): string {
    return process.cwd();
  }
  getName(): string {
    return this.name;
  }
  setName(name: string): void {
    this.name = name;
  }
  getVersion(): string {
    return packageJson().version ?? '0.0.0';
  }
  /**
   * The OS languages, from STANDIN_LANGUAGES (comma-separated BCP 47 tags, default "en-US"). Electron:
   * "app.getPreferredSystemLanguages() returns string[] - the user's preferred system languages from
   * most preferred to least preferred, including the country codes if applicable"; getLocale() is the
   * application locale Chromium chose, and getSystemLocale() the OS locale
   * (https://www.electronjs.org/docs/latest/api/app). Modelled: both follow the first tag.
   */
  getPreferredSystemLanguages(): string[] {
    return (env.STANDIN_LANGUAGES ?? 'en-US').split(',').map((t) => t.trim()).filter(Boolean);
  }
  getLocale(): string {
    return this.getPreferredSystemLanguages()[0] ?? 'en-US';
  }
  getSystemLocale(): string {
    return this.getLocale();
  }
  requestSingleInstanceLock(): boolean {
    this.lockHeld = env.STANDIN_LOCK_HELD !== '1';
    recorded.app.singleInstanceLock = this.lockHeld;
    changed();
    return this.lockHeld;
  }
  releaseSingleInstanceLock(): void {
    this.lockHeld = false;
    recorded.app.singleInstanceLock = false;
    changed();
  }
  hasSingleInstanceLock(): boolean {
    return this.lockHeld;
  }
  /** Test hook: another instance was started (only delivered to the lock holder, as in Electron). */
  secondInstance(argv: string[], cwd: string): boolean {
    if (!this.lockHeld) return false;
    this.emit('second-instance', makeEvent({}), argv, cwd, {});
    return true;
  }
  setAppUserModelId(id: string): void {
    recorded.app.appUserModelId = id;
    changed();
  }
  setBadgeCount(count?: number): boolean {
    countOsCall('app.setBadgeCount');
    recorded.app.badgeCount = count ?? 0;
    // macOS: "the count is shown on the dock icon" (electron.d.ts App.setBadgeCount).
    if (recorded.app.dock) recorded.app.dock.badge = count ? String(count) : '';
    changed();
    return true;
  }
  getBadgeCount(): number {
    return recorded.app.badgeCount;
  }
  enableSandbox(): void {
    if (recorded.app.ready) throw new Error('app.enableSandbox() can only be called before app is ready');
    recorded.app.sandboxEnabled = true;
    changed();
  }
  setLoginItemSettings(settings: Electron.Settings): void {
    recorded.app.loginItemSettings = { ...settings };
    changed();
  }
  getLoginItemSettings(): Electron.LoginItemSettings {
    const s = recorded.app.loginItemSettings ?? {};
    return {
      openAtLogin: s.openAtLogin === true, wasOpenedAtLogin: false, status: 'not-registered', executableWillLaunchAtLogin: s.openAtLogin === true, launchItems: [],
    };
  }
  setAsDefaultProtocolClient(protocol: string): boolean {
    recorded.app.protocolClients.push(protocol);
    changed();
    return true;
  }
  isDefaultProtocolClient(protocol: string): boolean {
    return recorded.app.protocolClients.includes(protocol);
  }
  disableHardwareAcceleration(): void {}
}
export const app = new StandinApp();
setCrashDumpsDir(() => app.getPath('crashDumps'));

// The last window closed: Electron's default without a listener is to quit.
onAllWindowsClosed((): void => {
  if (recorded.app.quitting) return;
  if (app.listenerCount('window-all-closed') > 0) app.emit('window-all-closed');
  else app.quit();
});

// Every new webContents is announced on app (Electron: Event 'web-contents-created', docs/api/app.md).
onWebContentsCreated((wc) => {
  app.emit('web-contents-created', makeEvent({}), wc);
});
