/** `BrowserWindow`: a Playwright page in the shared Chromium, with the preload injected before any page script. */
import { EventEmitter } from 'node:events';
import { readFile } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import type { Bounds, RecordedWindow } from '../protocol';
import { preloadInitScript, type BootstrapOptions, type PageMessage } from '../renderer';
import { cdpEndpoint, openPage, openPageInPartition } from './browser';
import { electronVersion } from './package-info';
import { routeProtocols } from './protocol';
import { changed, makeEvent, recorded } from './record';
import { imageName, type StandinNativeImage } from './native-image';
import { standinPlatform } from './platform';
import { sessionFor } from './session';
import { BINDING, DISPATCH, HIDDEN_FLAG, StandinWebContents, type WebContentsOwner } from './web-contents';

/** What happens when the last window closes: app.ts sets it (Electron's window-all-closed / quit). */
let whenAllClosed: () => void = () => undefined;
export function onAllWindowsClosed(handler: () => void): void {
  whenAllClosed = handler;
}

/**
 * app.ts emits `web-contents-created` here: Electron emits it on `app` for every new webContents,
 * during the BrowserWindow constructor (docs/api/app.md, Event: 'web-contents-created').
 */
let whenWebContentsCreated: (wc: StandinWebContents) => void = () => undefined;
export function onWebContentsCreated(handler: (wc: StandinWebContents) => void): void {
  whenWebContentsCreated = handler;
}

let nextWindowId = 1;
const windows: StandinBrowserWindow[] = [];
/** The page side of a visibility change (one constant function: page-channel.ts). */
const SET_VISIBILITY = "function (flag, hidden) { window[flag] = hidden; document.dispatchEvent(new Event('visibilitychange')); }";

type WindowMethods = 'id' | 'show' | 'showInactive' | 'hide' | 'focus' | 'blur' | 'isFocused' | 'isVisible'
  | 'isMinimized' | 'minimize' | 'restore' | 'maximize' | 'unmaximize' | 'isMaximized' | 'flashFrame'
  | 'getBounds' | 'getNormalBounds' | 'setBounds' | 'getSize' | 'setSize' | 'center' | 'close' | 'destroy' | 'isDestroyed'
  | 'setTitle' | 'getTitle' | 'loadFile' | 'loadURL' | 'setSkipTaskbar' | 'setProgressBar'
  | 'setMenuBarVisibility' | 'setAutoHideMenuBar' | 'removeMenu' | 'setMinimumSize';

export class StandinBrowserWindow extends EventEmitter implements Pick<Electron.BrowserWindow, WindowMethods>, WebContentsOwner {
  readonly id: number;
  readonly webContents: StandinWebContents;
  readonly record: RecordedWindow;
  private shownOnce = false;
  private closing = false;
  /** Bounds before maximize(): what getNormalBounds() returns while maximised. */
  private normalBounds: Bounds | null = null;
  /** Page visibility as last told to the page; the CDP session and script that set it on each new document. */
  private pageHidden: boolean | null = null;
  private cdp: CDPSession | null = null;
  private visibilityScript: string | null = null;

  static getAllWindows(): StandinBrowserWindow[] {
    return windows.filter((w) => !w.record.destroyed);
  }
  static getFocusedWindow(): StandinBrowserWindow | null {
    return windows.find((w) => !w.record.destroyed && w.record.focused) ?? null;
  }
  static fromWebContents(wc: StandinWebContents): StandinBrowserWindow | null {
    return windows.find((w) => w.webContents === wc && !w.record.destroyed) ?? null;
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
      backgroundColor: options.backgroundColor ?? '#FFFFFF',
      shownBeforeLoad: options.show !== false,
      webPreferences: {
        preload: wp.preload, contextIsolation: wp.contextIsolation, sandbox: wp.sandbox,
        nodeIntegration: wp.nodeIntegration, webSecurity: wp.webSecurity, spellcheck: wp.spellcheck,
        ...(wp.partition !== undefined ? { partition: wp.partition } : {}),
      },
      hasWindowOpenHandler: false,
    };
    recorded.windows.push(this.record);
    windows.push(this);
    changed();
    // webPreferences.partition (docs: "Sets the session used by the page according to the session's
    // partition string"); `session` (a Session object) is not modelled.
    const session = sessionFor(wp.partition);
    const pagePromise = this.createPage(wp.preload, session.partition);
    this.webContents = new StandinWebContents(this, pagePromise, session);
    whenWebContentsCreated(this.webContents);
    pagePromise.then((page) => this.webContents.attach(page), () => undefined);
    if (this.record.visible) this.record.focused = true;
  }

  private async createPage(preload: string | undefined, partition: string): Promise<Page> {
    const { context, page, session } = partition === '' ? await openPage() : await openPageInPartition(partition);
    if (partition === '') await routeProtocols(context);
    // Before the window's own route (web-contents.ts attach): will-navigate decides first, then the network layer.
    else await sessionFor(partition).webRequest.routePage(page, () => this.webContents.id);
    const info = await session.send('Target.getTargetInfo');
    this.cdp = session;
    this.record.targetId = info.targetInfo.targetId;
    await this.webContents.channel.connect(`${(await cdpEndpoint()).replace(/^http/, 'ws')}/devtools/page/${info.targetInfo.targetId}`);
    await page.exposeBinding(BINDING, (source, message: PageMessage) => this.webContents.handlePageMessage(source.frame.url(), message));
    const opts: BootstrapOptions = { binding: BINDING, dispatch: DISPATCH, hiddenFlag: HIDDEN_FLAG, platform: standinPlatform(), versions: { ...process.versions, electron: electronVersion() } };
    if (preload !== undefined && !isAbsolute(preload)) throw new Error(`webPreferences.preload must be an absolute path: ${preload}`);
    const source = preload === undefined ? '' : await readFile(preload, 'utf8');
    await page.addInitScript({ content: preloadInitScript(source, opts) });
    await this.newDocumentVisibility(session, this.isHiddenNow());
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
    if (StandinBrowserWindow.getAllWindows().length === 0) whenAllClosed();
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
    this.syncPageVisibility();
  }

  private isHiddenNow(): boolean {
    return !this.record.visible || this.record.minimized;
  }
  /** Every new document of this window starts with the window's current visibility. */
  private async newDocumentVisibility(session: CDPSession, hidden: boolean): Promise<void> {
    this.pageHidden = hidden;
    if (this.visibilityScript) await session.send('Page.removeScriptToEvaluateOnNewDocument', { identifier: this.visibilityScript });
    const added = await session.send('Page.addScriptToEvaluateOnNewDocument', {
      source: `Object.defineProperty(window, ${JSON.stringify(HIDDEN_FLAG)}, { value: ${hidden}, writable: true, enumerable: false });`,
    });
    this.visibilityScript = added.identifier;
  }
  /**
   * Page visibility follows the window: hidden while the window is hidden or minimised (Electron docs,
   * browser-window "Page visibility"), with a 'visibilitychange' in the page on each change.
   */
  private syncPageVisibility(): void {
    const hidden = this.isHiddenNow();
    if (this.record.destroyed || this.cdp === null || hidden === this.pageHidden) return;
    const cdp = this.cdp;
    void this.newDocumentVisibility(cdp, hidden).catch(() => undefined);
    void this.webContents.channel.call(SET_VISIBILITY, [JSON.stringify(HIDDEN_FLAG), JSON.stringify(hidden)]);
  }

  /**
   * Test hook, Windows only: the OS session ends. Electron emits the window's 'query-session-end'
   * (preventDefault only delays) and then 'session-end' ("Once this event fires, there is no way to
   * prevent the session from ending", electron.d.ts BrowserWindow events, @platform win32).
   */
  endSession(reasons: Array<'shutdown' | 'close-app' | 'critical' | 'logoff'>): void {
    if (standinPlatform() !== 'win32') throw new Error('session-end is emitted on Windows only (STANDIN_PLATFORM=win32)');
    this.emit('query-session-end', makeEvent({ reasons }));
    this.emit('session-end', makeEvent({ reasons }));
  }
  show(): void {
    this.noteShown();
    const wasVisible = this.record.visible;
    this.set({ visible: true, focused: true, minimized: false });
    void this.webContents.pagePromise.then((p) => p.bringToFront()).catch(() => undefined);
    if (!wasVisible) this.emit('show');
    this.emit('focus');
  }
  showInactive(): void {
    this.noteShown();
    if (!this.record.visible) this.emit('show');
    this.set({ visible: true });
  }
  /** Visible before the page's first load ended: the user sees the background (or white). */
  private noteShown(): void {
    if (!this.record.loaded && !this.shownOnce) this.record.shownBeforeLoad = true;
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
  /**
   * "Maximizes the window. This will also show (but not focus) the window if it isn't being displayed
   * already." (electron.d.ts, BrowserWindow.maximize). The bounds become the primary work area.
   */
  maximize(): void {
    if (!this.record.maximized) this.normalBounds = { ...this.record.bounds };
    if (!this.record.visible) this.showInactive();
    this.set({ maximized: true, bounds: { x: 0, y: 0, width: 1920, height: 1040 } });
    this.emit('maximize');
  }
  unmaximize(): void {
    this.set({ maximized: false, ...(this.normalBounds ? { bounds: this.normalBounds } : {}) });
    this.normalBounds = null;
    this.emit('unmaximize');
  }
  /** "always returns the position and size of the window in normal state" (electron.d.ts). */
  getNormalBounds(): Electron.Rectangle {
    return { ...(this.record.maximized && this.normalBounds ? this.normalBounds : this.record.bounds) };
  }
  isMaximized(): boolean {
    return this.record.maximized;
  }
  flashFrame(flag: boolean): void {
    this.set({ flashing: flag });
  }
  /** Windows' taskbar overlay (Electron: "Windows only"; recorded on every platform here). Outside the
   * Pick above, like Tray.setImage: a stand-in image is not a full NativeImage. */
  setOverlayIcon(overlay: StandinNativeImage | null, description: string): void {
    this.set({ overlay: overlay ? { image: imageName(overlay), description } : null });
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
