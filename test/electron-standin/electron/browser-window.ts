/** `BrowserWindow`: a Playwright page in the shared Chromium, with the preload injected before any page script. */
import { EventEmitter } from 'node:events';
import { readFile } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import type { Page } from 'playwright-core';
import type { Bounds, RecordedWindow } from '../protocol';
import { preloadInitScript, type BootstrapOptions, type PageMessage } from '../renderer';
import { cdpEndpoint, openPage } from './browser';
import { electronVersion } from './package-info';
import { routeProtocols } from './protocol';
import { changed, makeEvent, recorded } from './record';
import { imageName, type StandinNativeImage } from './native-image';
import { BINDING, DISPATCH, StandinWebContents, type WebContentsOwner } from './web-contents';

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

type WindowMethods = 'id' | 'show' | 'showInactive' | 'hide' | 'focus' | 'blur' | 'isFocused' | 'isVisible'
  | 'isMinimized' | 'minimize' | 'restore' | 'maximize' | 'unmaximize' | 'isMaximized' | 'flashFrame'
  | 'getBounds' | 'setBounds' | 'getSize' | 'setSize' | 'center' | 'close' | 'destroy' | 'isDestroyed'
  | 'setTitle' | 'getTitle' | 'loadFile' | 'loadURL' | 'setSkipTaskbar' | 'setProgressBar'
  | 'setMenuBarVisibility' | 'setAutoHideMenuBar' | 'removeMenu' | 'setMinimumSize';

export class StandinBrowserWindow extends EventEmitter implements Pick<Electron.BrowserWindow, WindowMethods>, WebContentsOwner {
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
      webPreferences: {
        preload: wp.preload, contextIsolation: wp.contextIsolation, sandbox: wp.sandbox,
        nodeIntegration: wp.nodeIntegration, webSecurity: wp.webSecurity, spellcheck: wp.spellcheck,
      },
      hasWindowOpenHandler: false,
    };
    recorded.windows.push(this.record);
    windows.push(this);
    changed();
    const pagePromise = this.createPage(wp.preload);
    this.webContents = new StandinWebContents(this, pagePromise);
    whenWebContentsCreated(this.webContents);
    pagePromise.then((page) => this.webContents.attach(page), () => undefined);
    if (this.record.visible) this.record.focused = true;
  }

  private async createPage(preload: string | undefined): Promise<Page> {
    const { context, page } = await openPage();
    await routeProtocols(context);
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
