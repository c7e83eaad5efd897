/**
 * A typed stand-in for the `electron` module as the MAIN process sees it, for running the real
 * built app (dist/main/main.js) where no Electron binary exists. Each piece implements a `Pick`
 * of Electron's own type (node_modules/electron/electron.d.ts), so a drift from the real API is a
 * type error here. BrowserWindow is a Playwright page in Debian's Chromium; the rest records what
 * the app did (see StandinState) and can be driven by the test through child.ts's control channel.
 */
import { EventEmitter } from 'node:events';
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir, homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as ElectronModule from 'electron';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { NO_DISPATCHER, PageChannel } from './page-channel';
import type { Bounds, RecordedIpcPayload, RecordedMenuItem, RecordedNotification, RecordedTray, RecordedWindow, StandinState, StorageBackend } from './protocol';
import { preloadInitScript, type BootstrapOptions, type PageMessage, type PageReply } from './renderer';

type ElectronExports = typeof ElectronModule;

// ---------------------------------------------------------------------------------------------
// Recording

const env = process.env;
const changeListeners = new Set<() => void>();
let changeQueued = false;
/**
 * Tell the control channel the recorded state changed. Coalesced until the current I/O callback and
 * its microtasks are done (setImmediate), so the app's own work in that tick (an IPC send, the next
 * frame) goes first and one push carries every change of the tick.
 */
export function changed(): void {
  if (changeQueued) return;
  changeQueued = true;
  setImmediate(() => {
    changeQueued = false;
    for (const l of changeListeners) l();
  });
}
/** Payloads main sent to renderers (events and invoke results), serialised; see RecordedIpcPayload. */
export const ipcPayloads: RecordedIpcPayload[] = [];
/** Records a payload; returns its JSON, or null when it cannot be serialised. */
function recordPayload(windowId: number, channel: string, kind: RecordedIpcPayload['kind'], value: unknown): string | null {
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
export function onChange(listener: () => void): void {
  changeListeners.add(listener);
}

export const recorded: StandinState = {
  app: {
    ready: false, quitting: false, sandboxEnabled: false, badgeCount: 0, singleInstanceLock: false,
    relaunched: 0, protocolClients: [], applicationMenu: null,
  },
  windows: [],
  notifications: [],
  trays: [],
  shortcuts: [],
  shell: [],
  dialogs: [],
  navigations: [],
  windowOpens: [],
  permissionRequests: [],
  ipc: [],
  console: [],
  safeStorage: {
    available: env.STANDIN_ENCRYPTION_AVAILABLE !== '0',
    backend: (env.STANDIN_STORAGE_BACKEND as StorageBackend | undefined) ?? 'gnome_libsecret',
    encrypted: 0,
    decrypted: 0,
  },
  net: { online: true },
};

/** A fresh Electron-style event object with preventDefault. */
function makeEvent<P extends object>(params: P): Electron.Event<P> {
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

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

// ---------------------------------------------------------------------------------------------
// The browser behind every BrowserWindow

const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--allow-file-access-from-files',
  // The test attaches over CDP on loopback (DevToolsActivePort in the browser's user-data dir).
  '--remote-debugging-port=0',
];

let browserPromise: Promise<{ context: BrowserContext; userDataDir: string }> | undefined;
let firstPageTaken = false;

/** Launch (once) the Chromium that hosts the windows. child.ts starts it early to save time. */
export function launchBrowser(): Promise<{ context: BrowserContext; userDataDir: string }> {
  browserPromise ??= (async () => {
    const userDataDir = join(env.STANDIN_USER_DATA ?? tmpdir(), '.standin-chromium');
    mkdirSync(userDataDir, { recursive: true });
    const headed = env.STANDIN_HEADED === '1';
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: env.STANDIN_CHROMIUM ?? '/usr/bin/chromium',
      headless: !headed,
      args: CHROMIUM_ARGS,
      viewport: headed ? null : { width: 1100, height: 760 },
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
    return { context, userDataDir };
  })();
  return browserPromise;
}

/** The CDP endpoint (http://127.0.0.1:port) of the Chromium behind the windows. */
export async function cdpEndpoint(): Promise<string> {
  const { userDataDir } = await launchBrowser();
  const port = readFileSync(join(userDataDir, 'DevToolsActivePort'), 'utf8').split('\n')[0];
  return `http://127.0.0.1:${port}`;
}

export async function closeBrowser(): Promise<void> {
  if (!browserPromise) return;
  const { context } = await browserPromise;
  await context.close().catch(() => undefined);
}

// ---------------------------------------------------------------------------------------------
// session, webContents, BrowserWindow

type PermissionRequestHandler = Parameters<Electron.Session['setPermissionRequestHandler']>[0];
type PermissionCheckHandler = Parameters<Electron.Session['setPermissionCheckHandler']>[0];

class StandinSession extends EventEmitter implements Pick<Electron.Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'clearCache' | 'clearStorageData' | 'setSpellCheckerEnabled'> {
  permissionRequestHandler: PermissionRequestHandler = null;
  permissionCheckHandler: PermissionCheckHandler = null;
  readonly webRequest = {
    onHeadersReceived: (): void => undefined,
    onBeforeRequest: (): void => undefined,
  };

  setPermissionRequestHandler(handler: PermissionRequestHandler): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: PermissionCheckHandler): void {
    this.permissionCheckHandler = handler;
  }
  async clearCache(): Promise<void> {}
  async clearStorageData(): Promise<void> {}
  setSpellCheckerEnabled(): void {}
}
const defaultSession = new StandinSession();

type WindowOpenHandler = Parameters<Electron.WebContents['setWindowOpenHandler']>[0];

let nextWebContentsId = 1;
const BINDING = '__lpStandinIpc';
const DISPATCH = '__lpStandinDispatch';

class StandinWebContents extends EventEmitter implements Pick<Electron.WebContents,
  'id' | 'send' | 'setWindowOpenHandler' | 'getURL' | 'getTitle' | 'isDestroyed' | 'isLoading' | 'openDevTools'
  | 'closeDevTools' | 'executeJavaScript' | 'reload' | 'focus' | 'isFocused' | 'loadURL' | 'loadFile' | 'setAudioMuted'> {
  readonly id = nextWebContentsId++;
  readonly session = defaultSession;
  windowOpenHandler: WindowOpenHandler | null = null;
  /** Serialises webContents.send so events arrive in order. */
  private sendChain: Promise<void> = Promise.resolve();
  /** URL a loadURL/loadFile is heading to: not a will-navigate. */
  private expectedNavigation: string | null = null;
  private loading = false;

  /** Carries webContents.send to the page (page-channel.ts); connected once the page exists. */
  readonly channel = new PageChannel();

  constructor(readonly owner: StandinBrowserWindow, readonly pagePromise: Promise<Page>) {
    super();
  }

  /** Wire page events once the page exists. */
  attach(page: Page): void {
    page.on('domcontentloaded', () => this.emit('dom-ready', makeEvent({})));
    page.on('load', () => {
      this.loading = false;
      this.owner.record.loaded = true;
      changed();
      this.emit('did-finish-load', makeEvent({}));
    });
    page.on('console', (msg) => {
      recorded.console.push({ windowId: this.owner.id, type: msg.type(), text: msg.text() });
      changed();
    });
    page.on('pageerror', (err) => {
      recorded.console.push({ windowId: this.owner.id, type: 'pageerror', text: err.message });
      changed();
    });
    page.on('popup', (popup) => {
      // <a target=_blank> and friends: ask the window-open handler; deny closes the popup.
      const action = this.decideWindowOpen(popup.url(), '', '');
      if (action !== 'allow') void popup.close().catch(() => undefined);
    });
    page.on('framenavigated', (frame) => {
      if (frame !== page.mainFrame()) return;
      this.owner.record.url = frame.url();
      this.owner.record.loaded = false;
      changed();
      this.emit('did-navigate', makeEvent({}), frame.url());
    });
    page.on('close', () => this.owner.pageClosed());
    // will-navigate: every main-frame navigation the app did not start itself goes through the
    // app's handler; a preventDefault aborts it. (file:// navigations are not interceptable by
    // Playwright's router; the renderer is file://, so links to other file:// pages are not seen.)
    void page.route((url) => url.protocol !== 'file:' && url.protocol !== 'data:', async (route) => {
      const request = route.request();
      if (!request.isNavigationRequest() || request.frame() !== page.mainFrame()) {
        await route.continue().catch(() => undefined);
        return;
      }
      const url = request.url();
      if (this.expectedNavigation === url) {
        this.expectedNavigation = null;
        await route.continue().catch(() => undefined);
        return;
      }
      const event = makeEvent({ url, isSameDocument: false, isMainFrame: true, frame: null, initiator: undefined });
      this.emit('will-navigate', event, url, false, true, 0, 0);
      this.emit('will-frame-navigate', event);
      recorded.navigations.push({ windowId: this.owner.id, url, blocked: event.defaultPrevented });
      changed();
      if (event.defaultPrevented) await route.abort('aborted').catch(() => undefined);
      else await route.continue().catch(() => undefined);
    });
  }

  decideWindowOpen(url: string, frameName: string, features: string): string {
    let action = 'allow';
    if (this.windowOpenHandler) {
      const response = this.windowOpenHandler({
        url, frameName, features, disposition: 'new-window', referrer: { url: this.getURL(), policy: 'default' },
      });
      action = response.action;
    }
    recorded.windowOpens.push({ windowId: this.owner.id, url, action });
    changed();
    return action;
  }

  async handlePageMessage(frameUrl: string, message: PageMessage): Promise<PageReply> {
    if (message.kind === 'window-open') {
      this.decideWindowOpen(message.url, message.target, message.features);
      return { ok: true, result: null };
    }
    const senderFrame = { url: frameUrl, name: '', top: null, parent: null, frames: [], processId: 0, routingId: 0, frameTreeNodeId: 0 };
    if (message.kind === 'send') {
      const event = { ...makeEvent({}), sender: this, senderFrame, frameId: 0, processId: 0, reply: () => undefined, returnValue: undefined };
      const ok = ipcMain.emit(message.channel, event, ...message.args);
      recorded.ipc.push({ windowId: this.owner.id, channel: message.channel, kind: 'send', ok, senderUrl: frameUrl });
      changed();
      return { ok: true, result: null };
    }
    const handler = ipcMain.handlers.get(message.channel);
    const entry: StandinState['ipc'][number] = { windowId: this.owner.id, channel: message.channel, kind: 'invoke', ok: false, senderUrl: frameUrl };
    recorded.ipc.push(entry);
    try {
      if (!handler) throw new Error(`No handler registered for '${message.channel}'`);
      const event = { ...makeEvent({}), sender: this, senderFrame, frameId: 0, processId: 0 } as unknown as Electron.IpcMainInvokeEvent;
      const result: unknown = await handler(event, ...message.args);
      entry.ok = true;
      recordPayload(this.owner.id, message.channel, 'reply', result);
      changed();
      return { ok: true, result };
    } catch (err) {
      entry.error = describe(err);
      changed();
      // Electron's wording, so error handling code sees the same message in both worlds.
      return { ok: false, error: `Error invoking remote method '${message.channel}': Error: ${describe(err)}` };
    }
  }

  send(channel: string, ...args: unknown[]): void {
    const json = recordPayload(this.owner.id, channel, 'event', args);
    // Electron's structured clone throws on what it cannot copy.
    if (json === null) throw new Error('An object could not be cloned.');
    // Written to the page's CDP socket now, as Electron posts it now (page-channel.ts). As in
    // Electron, a message sent while the page navigates is dropped.
    const expression = `(() => { const d = window[${JSON.stringify(DISPATCH)}]; return d ? d(${JSON.stringify(channel)}, ${json}) : ${NO_DISPATCHER}; })()`;
    const delivered = this.channel.evaluate(expression);
    // Recorded in send order once delivered.
    this.sendChain = this.sendChain.then(() => delivered).then((d) => {
      recorded.ipc.push({ windowId: this.owner.id, channel, kind: 'event', ok: d.ok, ...(d.error !== undefined ? { error: d.error } : {}) });
      changed();
    });
  }

  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler;
    this.owner.record.hasWindowOpenHandler = true;
    changed();
  }

  getURL(): string {
    return this.owner.record.url;
  }
  getTitle(): string {
    return this.owner.record.title;
  }
  isDestroyed(): boolean {
    return this.owner.record.destroyed;
  }
  isLoading(): boolean {
    return this.loading;
  }
  isFocused(): boolean {
    return this.owner.record.focused;
  }
  focus(): void {
    this.owner.focus();
  }
  openDevTools(): void {}
  closeDevTools(): void {}
  setAudioMuted(): void {}
  async executeJavaScript(code: string): Promise<unknown> {
    const page = await this.pagePromise;
    return page.evaluate(code);
  }
  reload(): void {
    void this.pagePromise.then((p) => p.reload()).catch(() => undefined);
  }

  async loadURL(url: string): Promise<void> {
    const page = await this.pagePromise;
    this.expectedNavigation = url;
    this.loading = true;
    this.emit('did-start-loading');
    try {
      await page.goto(url, { waitUntil: 'load' });
    } catch (err) {
      this.loading = false;
      // The window was closed while loading: nothing left to report to (and no crash in main).
      if (this.owner.record.destroyed) return;
      this.emit('did-fail-load', makeEvent({}), -3, describe(err), url, true);
      throw err;
    }
    this.owner.firstLoadDone();
  }

  async loadFile(filePath: string, options?: Electron.LoadFileOptions): Promise<void> {
    const url = pathToFileURL(resolve(filePath));
    if (options?.query) url.search = new URLSearchParams(options.query).toString();
    if (options?.search) url.search = options.search;
    if (options?.hash) url.hash = options.hash;
    return this.loadURL(url.href);
  }
}

let nextWindowId = 1;
const windows: StandinBrowserWindow[] = [];

type WindowMethods = 'id' | 'show' | 'showInactive' | 'hide' | 'focus' | 'blur' | 'isFocused' | 'isVisible'
  | 'isMinimized' | 'minimize' | 'restore' | 'maximize' | 'unmaximize' | 'isMaximized' | 'flashFrame'
  | 'getBounds' | 'setBounds' | 'getSize' | 'setSize' | 'center' | 'close' | 'destroy' | 'isDestroyed'
  | 'setTitle' | 'getTitle' | 'loadFile' | 'loadURL' | 'setSkipTaskbar' | 'setProgressBar'
  | 'setMenuBarVisibility' | 'setAutoHideMenuBar' | 'removeMenu' | 'setMinimumSize';

export class StandinBrowserWindow extends EventEmitter implements Pick<Electron.BrowserWindow, WindowMethods> {
  readonly id: number;
  readonly webContents: StandinWebContents;
  readonly record: RecordedWindow;
  private shownOnce = false;
  private closing = false;

  static getAllWindows(): StandinBrowserWindow[] {
    return windows.filter((w) => !w.record.destroyed);
  }
  static getFocusedWindow(): StandinBrowserWindow | null {
    return windows.find((w) => !w.record.destroyed && w.record.focused) ?? null;
  }
  static fromWebContents(wc: StandinWebContents): StandinBrowserWindow | null {
    return wc.owner.record.destroyed ? null : wc.owner;
  }
  static fromId(id: number): StandinBrowserWindow | null {
    return windows.find((w) => w.id === id && !w.record.destroyed) ?? null;
  }

  constructor(options: Electron.BrowserWindowConstructorOptions = {}) {
    super();
    this.id = nextWindowId++;
    const wp = options.webPreferences ?? {};
    this.record = {
      id: this.id,
      title: options.title ?? 'Electron',
      url: '',
      loaded: false,
      visible: options.show !== false,
      focused: false,
      minimized: false,
      maximized: false,
      destroyed: false,
      flashing: false,
      bounds: { x: options.x ?? 0, y: options.y ?? 0, width: options.width ?? 800, height: options.height ?? 600 },
      webPreferences: {
        preload: wp.preload, contextIsolation: wp.contextIsolation, sandbox: wp.sandbox,
        nodeIntegration: wp.nodeIntegration, webSecurity: wp.webSecurity,
      },
      hasWindowOpenHandler: false,
    };
    recorded.windows.push(this.record);
    windows.push(this);
    changed();
    const pagePromise = this.createPage(wp.preload);
    this.webContents = new StandinWebContents(this, pagePromise);
    pagePromise.then((page) => this.webContents.attach(page), () => undefined);
    if (this.record.visible) this.record.focused = true;
  }

  private async createPage(preload: string | undefined): Promise<Page> {
    const { context } = await launchBrowser();
    const existing = context.pages()[0];
    const page = !firstPageTaken && existing ? existing : await context.newPage();
    firstPageTaken = true;
    const session = await context.newCDPSession(page);
    const info = await session.send('Target.getTargetInfo');
    await session.detach();
    this.record.targetId = info.targetInfo.targetId;
    await this.webContents.channel.connect(`${(await cdpEndpoint()).replace(/^http/, 'ws')}/devtools/page/${info.targetInfo.targetId}`);
    await page.exposeBinding(BINDING, (source, message: PageMessage) => this.webContents.handlePageMessage(source.frame.url(), message));
    const opts: BootstrapOptions = { binding: BINDING, dispatch: DISPATCH, platform: process.platform, versions: { ...process.versions, electron: electronVersion() } };
    if (preload !== undefined && !isAbsolute(preload)) throw new Error(`webPreferences.preload must be an absolute path: ${preload}`);
    const source = preload === undefined ? '' : await readFile(preload, 'utf8');
    await page.addInitScript({ content: preloadInitScript(source, opts) });
    changed();
    return page;
  }

  /** First load finished: Electron's ready-to-show. */
  firstLoadDone(): void {
    if (this.shownOnce) return;
    this.shownOnce = true;
    this.emit('ready-to-show', makeEvent({}));
  }

  /** The page went away (a user closed the headed window, or we closed it). */
  pageClosed(): void {
    if (this.record.destroyed) return;
    if (!this.closing) this.emit('close', makeEvent({}));
    this.finishClose();
  }

  private finishClose(): void {
    if (this.record.destroyed) return;
    this.record.destroyed = true;
    this.record.visible = false;
    this.record.focused = false;
    changed();
    this.webContents.channel.close('the window was closed');
    void this.webContents.pagePromise.then((p) => p.close()).catch(() => undefined);
    this.emit('closed');
    this.webContents.emit('destroyed');
    if (StandinBrowserWindow.getAllWindows().length === 0) allWindowsClosed();
  }

  close(): void {
    if (this.record.destroyed || this.closing) return;
    const event = makeEvent({});
    this.emit('close', event);
    if (event.defaultPrevented) return;
    this.closing = true;
    this.finishClose();
  }
  destroy(): void {
    this.closing = true;
    this.finishClose();
  }
  isDestroyed(): boolean {
    return this.record.destroyed;
  }

  private set(patch: Partial<RecordedWindow>): void {
    Object.assign(this.record, patch);
    changed();
  }
  show(): void {
    const wasVisible = this.record.visible;
    this.set({ visible: true, focused: true, minimized: false });
    void this.webContents.pagePromise.then((p) => p.bringToFront()).catch(() => undefined);
    if (!wasVisible) this.emit('show');
    this.emit('focus');
  }
  showInactive(): void {
    if (!this.record.visible) this.emit('show');
    this.set({ visible: true });
  }
  hide(): void {
    if (this.record.visible) this.emit('hide');
    this.set({ visible: false, focused: false });
  }
  focus(): void {
    if (!this.record.focused) this.emit('focus');
    this.set({ focused: true, visible: true, minimized: false });
    void this.webContents.pagePromise.then((p) => p.bringToFront()).catch(() => undefined);
  }
  blur(): void {
    if (this.record.focused) this.emit('blur');
    this.set({ focused: false });
  }
  /** Test hook: the OS moved focus to or away from this window. */
  setFocusedByOs(focused: boolean): void {
    if (focused) this.focus();
    else this.blur();
  }
  isFocused(): boolean {
    return this.record.focused;
  }
  isVisible(): boolean {
    return this.record.visible;
  }
  isMinimized(): boolean {
    return this.record.minimized;
  }
  minimize(): void {
    this.set({ minimized: true, focused: false });
    this.emit('minimize');
  }
  restore(): void {
    const was = this.record.minimized;
    this.set({ minimized: false, visible: true });
    if (was) this.emit('restore');
  }
  maximize(): void {
    this.set({ maximized: true });
    this.emit('maximize');
  }
  unmaximize(): void {
    this.set({ maximized: false });
    this.emit('unmaximize');
  }
  isMaximized(): boolean {
    return this.record.maximized;
  }
  flashFrame(flag: boolean): void {
    this.set({ flashing: flag });
  }
  getBounds(): Electron.Rectangle {
    return { ...this.record.bounds };
  }
  setBounds(bounds: Partial<Electron.Rectangle>): void {
    this.set({ bounds: { ...this.record.bounds, ...bounds } as Bounds });
  }
  getSize(): number[] {
    return [this.record.bounds.width, this.record.bounds.height];
  }
  setSize(width: number, height: number): void {
    this.setBounds({ width, height });
  }
  setMinimumSize(): void {}
  center(): void {}
  setTitle(title: string): void {
    this.set({ title });
  }
  getTitle(): string {
    return this.record.title;
  }
  setSkipTaskbar(): void {}
  setProgressBar(progress: number): void {
    this.set({ progress });
  }
  setMenuBarVisibility(): void {}
  setAutoHideMenuBar(): void {}
  removeMenu(): void {}
  loadURL(url: string): Promise<void> {
    return this.webContents.loadURL(url);
  }
  loadFile(filePath: string, options?: Electron.LoadFileOptions): Promise<void> {
    return this.webContents.loadFile(filePath, options);
  }
}

// ---------------------------------------------------------------------------------------------
// ipcMain

type InvokeHandler = (event: Electron.IpcMainInvokeEvent, ...args: unknown[]) => unknown;

class StandinIpcMain extends EventEmitter implements Pick<Electron.IpcMain, 'handle' | 'handleOnce' | 'removeHandler'> {
  readonly handlers = new Map<string, InvokeHandler>();
  handle(channel: string, listener: InvokeHandler): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }
  handleOnce(channel: string, listener: InvokeHandler): void {
    this.handle(channel, (event, ...args) => {
      this.handlers.delete(channel);
      return listener(event, ...args);
    });
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
}
export const ipcMain = new StandinIpcMain();

// ---------------------------------------------------------------------------------------------
// app

function packageJson(): { name?: string; productName?: string; version?: string } {
  try {
    return JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8')) as { name?: string; productName?: string; version?: string };
  } catch {
    return {};
  }
}
function electronVersion(): string {
  try {
    const p = JSON.parse(readFileSync(join(process.cwd(), 'node_modules', 'electron', 'package.json'), 'utf8')) as { version?: string };
    return p.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

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
  | 'isDefaultProtocolClient' | 'disableHardwareAcceleration' | 'isPackaged';

class StandinApp extends EventEmitter implements Pick<Electron.App, AppMethods> {
  readonly isPackaged = false;
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
  getLocale(): string {
    return 'en-US';
  }
  getSystemLocale(): string {
    return 'en-US';
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
    recorded.app.badgeCount = count ?? 0;
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

function allWindowsClosed(): void {
  if (recorded.app.quitting) return;
  // Electron's default without a listener: quit.
  if (app.listenerCount('window-all-closed') > 0) app.emit('window-all-closed');
  else app.quit();
}

// ---------------------------------------------------------------------------------------------
// Notification

let nextNotificationId = 1;
const liveNotifications = new Map<number, StandinNotification>();

type NotificationMembers = 'show' | 'close' | 'title' | 'subtitle' | 'body' | 'silent' | 'urgency' | 'timeoutType' | 'actions';

export class StandinNotification extends EventEmitter implements Pick<Electron.Notification, NotificationMembers> {
  static isSupported(): boolean {
    return env.STANDIN_NOTIFICATIONS !== '0';
  }
  readonly id = nextNotificationId++;
  title: string;
  subtitle: string;
  body: string;
  silent: boolean;
  urgency: 'normal' | 'critical' | 'low';
  timeoutType: 'default' | 'never';
  actions: Electron.NotificationAction[];
  private readonly record: RecordedNotification;

  constructor(options: Electron.NotificationConstructorOptions = {}) {
    super();
    this.title = options.title ?? '';
    this.subtitle = options.subtitle ?? '';
    this.body = options.body ?? '';
    this.silent = options.silent ?? false;
    this.urgency = options.urgency ?? 'normal';
    this.timeoutType = options.timeoutType ?? 'default';
    this.actions = options.actions ?? [];
    const icon = options.icon;
    this.record = {
      id: this.id, title: this.title, body: this.body, silent: this.silent, urgency: this.urgency,
      timeoutType: this.timeoutType, actions: this.actions.map((a) => ({ type: a.type, text: a.text })),
      icon: typeof icon === 'string' ? icon : icon instanceof StandinNativeImage ? icon.path : undefined,
      shown: 0, shownAt: [], closed: false, clicked: 0,
    };
    if (this.subtitle) this.record.subtitle = this.subtitle;
    recorded.notifications.push(this.record);
    changed();
  }
  show(): void {
    // As in Electron, a show() after a change of body/silent shows the new values.
    this.record.body = this.body;
    this.record.silent = this.silent;
    this.record.shown += 1;
    this.record.shownAt.push(performance.timeOrigin + performance.now());
    this.record.closed = false;
    liveNotifications.set(this.id, this);
    changed();
    if (env.STANDIN_NOTIFICATIONS_FAIL === '1') {
      this.emit('failed', makeEvent({}), 'notification daemon unavailable (stand-in)');
      return;
    }
    this.emit('show', makeEvent({}));
  }
  close(): void {
    this.closedBy('applicationHidden');
  }
  closedBy(reason: 'userCanceled' | 'applicationHidden' | 'timedOut'): void {
    if (this.record.closed) return;
    this.record.closed = true;
    liveNotifications.delete(this.id);
    changed();
    this.emit('close', makeEvent({ reason }));
  }
  /** Test hook: the user clicked the notification body. */
  click(): void {
    this.record.clicked += 1;
    changed();
    this.emit('click', makeEvent({}));
  }
  /** Test hook: the user clicked action button `index`. */
  action(index: number): void {
    this.emit('action', makeEvent({ actionIndex: index, selectionIndex: -1 }), index);
  }
}

/** The shown (not closed) notification with this id: what a user could still click. */
export function liveNotification(id: number): StandinNotification {
  const n = liveNotifications.get(id);
  if (!n) throw new Error(`no live notification #${id} (never shown, closed, or garbage)`);
  return n;
}

// ---------------------------------------------------------------------------------------------
// nativeImage

export class StandinNativeImage implements Pick<Electron.NativeImage, 'isEmpty' | 'getSize' | 'toPNG' | 'toDataURL' | 'getAspectRatio' | 'setTemplateImage' | 'isTemplateImage'> {
  private template = false;
  constructor(readonly path: string, private readonly data: Buffer) {}
  isEmpty(): boolean {
    return this.data.length === 0;
  }
  getSize(): Electron.Size {
    // PNG: the IHDR chunk holds width and height at bytes 16..24.
    if (this.data.length >= 24 && this.data.readUInt32BE(0) === 0x89504e47) {
      return { width: this.data.readUInt32BE(16), height: this.data.readUInt32BE(20) };
    }
    return { width: 0, height: 0 };
  }
  getAspectRatio(): number {
    const { width, height } = this.getSize();
    return height === 0 ? 1 : width / height;
  }
  toPNG(): Buffer {
    return this.data;
  }
  toDataURL(): string {
    return `data:image/png;base64,${this.data.toString('base64')}`;
  }
  resize(): StandinNativeImage {
    return this;
  }
  setTemplateImage(option: boolean): void {
    this.template = option;
  }
  isTemplateImage(): boolean {
    return this.template;
  }
}

const nativeImage = {
  createFromPath(path: string): StandinNativeImage {
    try {
      return new StandinNativeImage(path, readFileSync(path));
    } catch {
      return new StandinNativeImage(path, Buffer.alloc(0));
    }
  },
  createFromBuffer(buffer: Buffer): StandinNativeImage {
    return new StandinNativeImage('<buffer>', buffer);
  },
  createFromDataURL(dataUrl: string): StandinNativeImage {
    return new StandinNativeImage('<data-url>', Buffer.from(dataUrl.split(',')[1] ?? '', 'base64'));
  },
  createEmpty(): StandinNativeImage {
    return new StandinNativeImage('<empty>', Buffer.alloc(0));
  },
};

function imageName(image: StandinNativeImage | string): string {
  return typeof image === 'string' ? image : image.path;
}

// ---------------------------------------------------------------------------------------------
// Menu, MenuItem, Tray

type Click = (menuItem: StandinMenuItem, window: StandinBrowserWindow | undefined, event: Electron.KeyboardEvent) => void;
type ItemOptions = Omit<Electron.MenuItemConstructorOptions, 'click' | 'submenu'> & {
  click?: Click;
  submenu?: ItemOptions[] | StandinMenu;
};

export class StandinMenuItem implements Pick<Electron.MenuItem, 'label' | 'id' | 'enabled' | 'visible' | 'checked' | 'sublabel' | 'toolTip'> {
  label: string;
  id: string;
  type: string;
  role?: string;
  enabled: boolean;
  visible: boolean;
  checked: boolean;
  sublabel: string;
  toolTip: string;
  accelerator?: string;
  submenu?: StandinMenu;
  readonly clickHandler?: Click;

  constructor(options: ItemOptions) {
    this.label = options.label ?? '';
    this.id = options.id ?? '';
    this.type = options.type ?? (options.submenu ? 'submenu' : 'normal');
    this.role = options.role;
    this.enabled = options.enabled ?? true;
    this.visible = options.visible ?? true;
    this.checked = options.checked ?? false;
    this.sublabel = options.sublabel ?? '';
    this.toolTip = options.toolTip ?? '';
    this.accelerator = typeof options.accelerator === 'string' ? options.accelerator : undefined;
    this.clickHandler = options.click;
    if (options.submenu) this.submenu = options.submenu instanceof StandinMenu ? options.submenu : StandinMenu.buildFromTemplate(options.submenu);
  }
  click(): void {
    if (!this.enabled || !this.visible) throw new Error(`menu item "${this.label || this.id}" is ${this.enabled ? 'hidden' : 'disabled'}`);
    if (this.type === 'checkbox') this.checked = !this.checked;
    this.clickHandler?.(this, StandinBrowserWindow.getFocusedWindow() ?? undefined, { triggeredByAccelerator: false });
  }
  toRecord(): RecordedMenuItem {
    const r: RecordedMenuItem = { type: this.type, enabled: this.enabled, visible: this.visible, checked: this.checked };
    if (this.label) r.label = this.label;
    if (this.id) r.id = this.id;
    if (this.role) r.role = this.role;
    if (this.accelerator) r.accelerator = this.accelerator;
    if (this.submenu) r.submenu = this.submenu.toRecord();
    return r;
  }
}

export class StandinMenu extends EventEmitter implements Pick<Electron.Menu, 'closePopup'> {
  readonly items: StandinMenuItem[] = [];
  static buildFromTemplate(template: (ItemOptions | StandinMenuItem)[]): StandinMenu {
    const menu = new StandinMenu();
    for (const t of template) menu.append(t instanceof StandinMenuItem ? t : new StandinMenuItem(t));
    return menu;
  }
  static setApplicationMenu(menu: StandinMenu | null): void {
    recorded.app.applicationMenu = menu ? menu.toRecord() : null;
    applicationMenu = menu;
    changed();
  }
  static getApplicationMenu(): StandinMenu | null {
    return applicationMenu;
  }
  append(item: StandinMenuItem): void {
    this.items.push(item);
  }
  getMenuItemById(id: string): StandinMenuItem | null {
    for (const item of this.items) {
      if (item.id === id) return item;
      const inner = item.submenu?.getMenuItemById(id);
      if (inner) return inner;
    }
    return null;
  }
  /** Find by id, else by label (depth first). */
  find(idOrLabel: string): StandinMenuItem | null {
    const byId = this.getMenuItemById(idOrLabel);
    if (byId) return byId;
    for (const item of this.items) {
      if (item.label === idOrLabel) return item;
      const inner = item.submenu?.find(idOrLabel);
      if (inner) return inner;
    }
    return null;
  }
  popup(): void {}
  closePopup(): void {}
  toRecord(): RecordedMenuItem[] {
    return this.items.map((i) => i.toRecord());
  }
}
let applicationMenu: StandinMenu | null = null;

let nextTrayId = 1;
const trays: StandinTray[] = [];

export class StandinTray extends EventEmitter implements Pick<Electron.Tray, 'setToolTip' | 'setTitle' | 'getTitle' | 'destroy' | 'isDestroyed'> {
  readonly id = nextTrayId++;
  private readonly record: RecordedTray;
  private menu: StandinMenu | null = null;

  constructor(image: StandinNativeImage | string) {
    super();
    this.record = { id: this.id, image: imageName(image), tooltip: '', title: '', menu: null, destroyed: false };
    recorded.trays.push(this.record);
    trays.push(this);
    changed();
  }
  setImage(image: StandinNativeImage | string): void {
    this.record.image = imageName(image);
    changed();
  }
  setToolTip(toolTip: string): void {
    this.record.tooltip = toolTip;
    changed();
  }
  setTitle(title: string): void {
    this.record.title = title;
    changed();
  }
  getTitle(): string {
    return this.record.title;
  }
  setContextMenu(menu: StandinMenu | null): void {
    this.menu = menu;
    this.record.menu = menu ? menu.toRecord() : null;
    changed();
  }
  popUpContextMenu(): void {}
  destroy(): void {
    this.record.destroyed = true;
    changed();
  }
  isDestroyed(): boolean {
    return this.record.destroyed;
  }
  /** Test hook: click the menu item with this id or label. */
  clickItem(idOrLabel: string): void {
    const item = this.menu?.find(idOrLabel);
    if (!item) throw new Error(`tray #${this.id} has no menu item "${idOrLabel}"`);
    item.click();
    // Checkbox/radio state may have changed.
    if (this.menu) this.record.menu = this.menu.toRecord();
    changed();
  }
}

export function liveTray(id?: number): StandinTray {
  const tray = id === undefined ? trays.filter((t) => !t.isDestroyed()).at(-1) : trays.find((t) => t.id === id);
  if (!tray || tray.isDestroyed()) throw new Error(id === undefined ? 'no tray' : `no tray #${id}`);
  return tray;
}

// ---------------------------------------------------------------------------------------------
// safeStorage: a real reversible transform (AES-256-GCM, per-run key), so plaintext never lands on disk.

function storageKey(): Buffer {
  const k = env.STANDIN_SAFE_STORAGE_KEY;
  if (!k) throw new Error('STANDIN_SAFE_STORAGE_KEY is not set');
  return createHash('sha256').update(k).digest();
}
const MAGIC = Buffer.from('v10');

export const safeStorage = {
  isEncryptionAvailable(): boolean {
    return recorded.safeStorage.available;
  },
  async isAsyncEncryptionAvailable(): Promise<boolean> {
    return recorded.safeStorage.available;
  },
  getSelectedStorageBackend(): StorageBackend {
    return recorded.safeStorage.backend;
  },
  setUsePlainTextEncryption(usePlainText: boolean): void {
    if (usePlainText) recorded.safeStorage.backend = 'basic_text';
    changed();
  },
  encryptString(plainText: string): Buffer {
    if (!recorded.safeStorage.available) throw new Error('Error while encrypting the text provided to safeStorage.encryptString. Encryption is not available.');
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', storageKey(), iv);
    const body = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
    recorded.safeStorage.encrypted += 1;
    changed();
    return Buffer.concat([MAGIC, iv, cipher.getAuthTag(), body]);
  },
  decryptString(encrypted: Buffer): string {
    if (!recorded.safeStorage.available) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString. Decryption is not available.');
    const buf = Buffer.from(encrypted);
    if (buf.length < 31 || !buf.subarray(0, 3).equals(MAGIC)) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    try {
      const decipher = createDecipheriv('aes-256-gcm', storageKey(), buf.subarray(3, 15));
      decipher.setAuthTag(buf.subarray(15, 31));
      const text = Buffer.concat([decipher.update(buf.subarray(31)), decipher.final()]).toString('utf8');
      recorded.safeStorage.decrypted += 1;
      changed();
      return text;
    } catch {
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    }
  },
  async encryptStringAsync(plainText: string): Promise<Buffer> {
    return safeStorage.encryptString(plainText);
  },
  async decryptStringAsync(encrypted: Buffer): Promise<Electron.DecryptStringAsyncReturnValue> {
    return { result: safeStorage.decryptString(encrypted), shouldReEncrypt: false };
  },
} satisfies Electron.SafeStorage;

// ---------------------------------------------------------------------------------------------
// powerMonitor, net, globalShortcut, shell, screen, dialog

class StandinPowerMonitor extends EventEmitter implements Pick<Electron.PowerMonitor, 'getSystemIdleState' | 'getSystemIdleTime' | 'isOnBatteryPower' | 'onBatteryPower' | 'getCurrentThermalState'> {
  idleState: 'active' | 'idle' | 'locked' | 'unknown' = 'active';
  onBatteryPower = false;
  getSystemIdleState(): 'active' | 'idle' | 'locked' | 'unknown' {
    return this.idleState;
  }
  getSystemIdleTime(): number {
    return 0;
  }
  isOnBatteryPower(): boolean {
    return this.onBatteryPower;
  }
  getCurrentThermalState(): 'unknown' {
    return 'unknown';
  }
}
export const powerMonitor = new StandinPowerMonitor();

export const net = {
  isOnline(): boolean {
    return recorded.net.online;
  },
  get online(): boolean {
    return recorded.net.online;
  },
  fetch: (input: string | Request, init?: RequestInit): Promise<Response> => fetch(input, init),
} satisfies Pick<Electron.Net, 'isOnline' | 'online' | 'fetch'>;

/** Test hook: the network went away or came back (the pages see it too). */
export async function setOnline(online: boolean): Promise<void> {
  recorded.net.online = online;
  changed();
  if (browserPromise) await (await browserPromise).context.setOffline(!online);
}

const shortcutCallbacks = new Map<string, () => void>();
const clashing = new Set((env.STANDIN_SHORTCUT_CLASH ?? '').split(',').map((s) => s.trim()).filter(Boolean));
export const globalShortcut = {
  register(accelerator: string, callback: () => void): boolean {
    const registered = !clashing.has(accelerator);
    recorded.shortcuts.push({ accelerator, registered });
    if (registered) shortcutCallbacks.set(accelerator, callback);
    changed();
    return registered;
  },
  registerAll(accelerators: string[], callback: () => void): void {
    for (const a of accelerators) globalShortcut.register(a, callback);
  },
  isRegistered(accelerator: string): boolean {
    return shortcutCallbacks.has(accelerator);
  },
  unregister(accelerator: string): void {
    shortcutCallbacks.delete(accelerator);
    recorded.shortcuts = recorded.shortcuts.filter((s) => s.accelerator !== accelerator);
    changed();
  },
  unregisterAll(): void {
    shortcutCallbacks.clear();
    recorded.shortcuts = [];
    changed();
  },
  isSuspended(): boolean {
    return false;
  },
  setSuspended(): void {},
} satisfies Electron.GlobalShortcut;

/** Test hook: the user pressed a registered global shortcut. */
export function pressShortcut(accelerator: string): void {
  const cb = shortcutCallbacks.get(accelerator);
  if (!cb) throw new Error(`shortcut ${accelerator} is not registered`);
  cb();
}

export const shell = {
  async openExternal(url: string): Promise<void> {
    recorded.shell.push({ fn: 'openExternal', arg: url });
    changed();
  },
  async openPath(path: string): Promise<string> {
    recorded.shell.push({ fn: 'openPath', arg: path });
    changed();
    return '';
  },
  showItemInFolder(fullPath: string): void {
    recorded.shell.push({ fn: 'showItemInFolder', arg: fullPath });
    changed();
  },
  beep(): void {
    recorded.shell.push({ fn: 'beep', arg: '' });
    changed();
  },
} satisfies Pick<Electron.Shell, 'openExternal' | 'openPath' | 'showItemInFolder' | 'beep'>;

const primaryDisplay: Electron.Display = {
  id: 1, label: 'stand-in', bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 0, width: 1920, height: 1050 },
  size: { width: 1920, height: 1080 }, workAreaSize: { width: 1920, height: 1050 }, scaleFactor: 1, rotation: 0,
  accelerometerSupport: 'unknown', colorDepth: 24, colorSpace: 'srgb', depthPerComponent: 8, detected: true,
  displayFrequency: 60, internal: false, maximumCursorSize: { width: 0, height: 0 }, monochrome: false, nativeOrigin: { x: 0, y: 0 },
  touchSupport: 'unknown',
};
class StandinScreen extends EventEmitter implements Pick<Electron.Screen, 'getPrimaryDisplay' | 'getAllDisplays' | 'getDisplayMatching' | 'getDisplayNearestPoint' | 'getCursorScreenPoint'> {
  getPrimaryDisplay(): Electron.Display {
    return primaryDisplay;
  }
  getAllDisplays(): Electron.Display[] {
    return [primaryDisplay];
  }
  getDisplayMatching(): Electron.Display {
    return primaryDisplay;
  }
  getDisplayNearestPoint(): Electron.Display {
    return primaryDisplay;
  }
  getCursorScreenPoint(): Electron.Point {
    return { x: 0, y: 0 };
  }
}
export const screen = new StandinScreen();

const dialogResponses: number[] = [];
/** Test hook: the answer the next showMessageBox gets (default 0: the first button). */
export function queueDialogResponse(response: number): void {
  dialogResponses.push(response);
}
interface BoxOptions { title?: string; message?: string; type?: string; buttons?: string[] }
function recordDialog(fn: string, options: BoxOptions | undefined): void {
  recorded.dialogs.push({ fn, title: options?.title, message: options?.message, type: options?.type, buttons: options?.buttons });
  changed();
}
/** Electron's dialog functions take an optional window first. */
function boxOptions<T>(a: unknown, b: T | undefined): T | undefined {
  return a instanceof StandinBrowserWindow ? b : (a as T | undefined);
}
export const dialog = {
  async showMessageBox(a: unknown, b?: Electron.MessageBoxOptions): Promise<Electron.MessageBoxReturnValue> {
    recordDialog('showMessageBox', boxOptions(a, b));
    return { response: dialogResponses.shift() ?? 0, checkboxChecked: false };
  },
  showMessageBoxSync(a: unknown, b?: Electron.MessageBoxSyncOptions): number {
    recordDialog('showMessageBoxSync', boxOptions(a, b));
    return dialogResponses.shift() ?? 0;
  },
  showErrorBox(title: string, content: string): void {
    recordDialog('showErrorBox', { title, message: content });
  },
  async showOpenDialog(a: unknown, b?: Electron.OpenDialogOptions): Promise<Electron.OpenDialogReturnValue> {
    recordDialog('showOpenDialog', boxOptions(a, b));
    return { canceled: true, filePaths: [] };
  },
  async showSaveDialog(a: unknown, b?: Electron.SaveDialogOptions): Promise<Electron.SaveDialogReturnValue> {
    const options = boxOptions(a, b);
    recordDialog('showSaveDialog', options);
    const path = options?.defaultPath;
    return path ? { canceled: false, filePath: isAbsolute(path) ? path : join(app.getPath('userData'), path) } : { canceled: true, filePath: '' };
  },
};

export const session = {
  defaultSession,
  fromPartition: (): StandinSession => defaultSession,
};

// ---------------------------------------------------------------------------------------------
// The module

export const electron = {
  app,
  BrowserWindow: StandinBrowserWindow,
  ipcMain,
  Notification: StandinNotification,
  Tray: StandinTray,
  Menu: StandinMenu,
  MenuItem: StandinMenuItem,
  nativeImage,
  safeStorage,
  powerMonitor,
  net,
  globalShortcut,
  shell,
  screen,
  dialog,
  session,
};

// Every name the stand-in exports must exist in the real module (a typo or a removed API fails here).
type Unknown = Exclude<keyof typeof electron, keyof ElectronExports>;
const _namesExist: [Unknown] extends [never] ? true : Unknown = true;
void _namesExist;
