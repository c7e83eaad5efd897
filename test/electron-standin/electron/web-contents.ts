/**
 * `webContents` of a BrowserWindow: the Playwright page's events as Electron's, IPC from the page
 * (the binding renderer.ts installs) to ipcMain, and `send` to the page over page-channel.ts.
 */
import { EventEmitter } from 'node:events';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fromPageUrl, toPageUrl } from './protocol';
import type { Page } from 'playwright-core';
import { NO_DISPATCHER, PageChannel } from '../page-channel';
import type { ContextMenuInput, RecordedWindow, StandinState } from '../protocol';
import type { PageMessage, PageReply } from '../renderer';
import { ipcMain } from './ipc-main';
import { assertCloneable, changed, changedEntry, describe, makeEvent, recordPayload, recorded } from './record';
import { defaultSession, type StandinSession } from './session';
import { soundFileName } from './sound-files';

/** What a webContents needs of its window (browser-window.ts), named here so the two files do not import each other. */
export interface WebContentsOwner {
  readonly id: number;
  readonly record: RecordedWindow;
  focus(): void;
  firstLoadDone(): void;
  pageClosed(): void;
}

type WindowOpenHandler = Parameters<Electron.WebContents['setWindowOpenHandler']>[0];

let nextWebContentsId = 1;
export const BINDING = '__lpStandinIpc';
export const DISPATCH = '__lpStandinDispatch';
/** The page side of `send`: hands (channel, parsed args) to the preload's dispatcher (renderer.ts). */
const DELIVER = `function (channel, json) { const d = window[${JSON.stringify(DISPATCH)}]; return d ? d(channel, JSON.parse(json)) : ${NO_DISPATCHER}; }`;
export const HIDDEN_FLAG = '__lpStandinHidden';

export class StandinWebContents extends EventEmitter implements Pick<Electron.WebContents,
  'id' | 'send' | 'setWindowOpenHandler' | 'getURL' | 'getTitle' | 'isDestroyed' | 'isLoading' | 'openDevTools'
  | 'closeDevTools' | 'executeJavaScript' | 'reload' | 'focus' | 'isFocused' | 'loadURL' | 'loadFile' | 'setAudioMuted'
  | 'setZoomLevel' | 'getZoomLevel' | 'toggleDevTools' | 'forcefullyCrashRenderer'
  | 'replaceMisspelling' | 'cut' | 'copy' | 'paste' | 'selectAll' | 'undo' | 'redo'> {
  readonly id = nextWebContentsId++;
  windowOpenHandler: WindowOpenHandler | null = null;
  /** Serialises webContents.send so events arrive in order. */
  private sendChain: Promise<void> = Promise.resolve();
  /** URL a loadURL/loadFile is heading to: not a will-navigate. */
  private expectedNavigation: string | null = null;
  private loading = false;
  /** The app URL a "crashed" renderer showed (forcefullyCrashRenderer): reload() goes back there. */
  private crashedUrl: string | null = null;

  /** Carries webContents.send to the page (page-channel.ts); connected once the page exists. */
  readonly channel = new PageChannel();

  constructor(readonly owner: WebContentsOwner, readonly pagePromise: Promise<Page>, readonly session: StandinSession = defaultSession) {
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
      this.owner.record.url = fromPageUrl(frame.url());
      this.owner.record.loaded = false;
      changed();
      this.emit('did-navigate', makeEvent({}), this.owner.record.url);
    });
    page.on('close', () => this.owner.pageClosed());
    // will-navigate: every main-frame navigation the app did not start itself goes through the
    // app's handler; a preventDefault aborts it. (file:// navigations are not interceptable by
    // Playwright's router; the renderer is file://, so links to other file:// pages are not seen.)
    void page.route((url) => url.protocol !== 'file:' && url.protocol !== 'data:', async (route) => {
      const request = route.request();
      // fallback, not continue: a context route (protocol.ts, app schemes) may still answer it.
      if (!request.isNavigationRequest() || request.frame() !== page.mainFrame()) {
        await route.fallback().catch(() => undefined);
        return;
      }
      const url = fromPageUrl(request.url());
      if (this.expectedNavigation === url) {
        this.expectedNavigation = null;
        await route.fallback().catch(() => undefined);
        return;
      }
      const event = makeEvent({ url, isSameDocument: false, isMainFrame: true, frame: null, initiator: undefined });
      this.emit('will-navigate', event, url, false, true, 0, 0);
      this.emit('will-frame-navigate', event);
      recorded.navigations.push({ windowId: this.owner.id, url, blocked: event.defaultPrevented });
      changed();
      if (event.defaultPrevented) await route.abort('aborted').catch(() => undefined);
      else await route.fallback().catch(() => undefined);
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

  async handlePageMessage(pageFrameUrl: string | null, raw: PageMessage): Promise<PageReply> {
    const message = raw.kind === 'invoke' || raw.kind === 'send' ? { ...raw, args: raw.args.map((a) => decodeBytes(a, 0)) } : raw;
    const frameUrl = pageFrameUrl === null ? null : fromPageUrl(pageFrameUrl);
    if (message.kind === 'sound') {
      // The file name without Vite's content hash (ring-AbC123.wav → ring.wav).
      const file = (message.src.split(/[/?#]/).filter(Boolean).at(-1) ?? '').replace(/-[A-Za-z0-9_-]{6,}(\.[a-z0-9]+)$/i, '$1');
      recorded.sounds.push({ windowId: this.owner.id, file, volume: message.volume });
      changed();
      return { ok: true, result: null };
    }
    if (message.kind === 'web-audio-sound') {
      recorded.sounds.push({ windowId: this.owner.id, file: soundFileName(message.sha256), volume: message.volume });
      changed();
      return { ok: true, result: null };
    }
    if (message.kind === 'window-open') {
      this.decideWindowOpen(message.url, message.target, message.features);
      return { ok: true, result: null };
    }
    // null: "if accessed after the frame has either navigated or been destroyed" (Electron docs,
    // structures/ipc-main-event senderFrame); ipc/invoke-frameless sends that case.
    const senderFrame = frameUrl === null ? null : { url: frameUrl, name: '', top: null, parent: null, frames: [], processId: 0, routingId: 0, frameTreeNodeId: 0 };
    if (message.kind === 'send') {
      const event = { ...makeEvent({}), sender: this, senderFrame, frameId: 0, processId: 0, reply: () => undefined, returnValue: undefined };
      const ok = ipcMain.emit(message.channel, event, ...message.args);
      recorded.ipc.push({ windowId: this.owner.id, channel: message.channel, kind: 'send', ok, ...(frameUrl === null ? {} : { senderUrl: frameUrl }) });
      changed();
      return { ok: true, result: null };
    }
    const handler = ipcMain.handlers.get(message.channel);
    const entry: StandinState['ipc'][number] = { windowId: this.owner.id, channel: message.channel, kind: 'invoke', ok: false, ...(frameUrl === null ? {} : { senderUrl: frameUrl }) };
    recorded.ipc.push(entry);
    try {
      if (!handler) throw new Error(`No handler registered for '${message.channel}'`);
      const event = { ...makeEvent({}), sender: this, senderFrame, frameId: 0, processId: 0 } as unknown as Electron.IpcMainInvokeEvent;
      const result: unknown = await handler(event, ...message.args);
      assertCloneable(result);
      entry.ok = true;
      recordPayload(this.owner.id, message.channel, 'reply', result);
      changedEntry('ipc', entry);
      return { ok: true, result };
    } catch (err) {
      entry.error = describe(err);
      changedEntry('ipc', entry);
      // Electron's wording, so error handling code sees the same message in both worlds.
      return { ok: false, error: `Error invoking remote method '${message.channel}': Error: ${describe(err)}` };
    }
  }

  /** Editing commands are recorded (the page is not edited: Chromium's own commands are not modelled). */
  private edit(command: string, arg?: string): void {
    recorded.editCommands.push({ windowId: this.owner.id, command, ...(arg === undefined ? {} : { arg }) });
    changed();
  }
  replaceMisspelling(text: string): void {
    this.edit('replaceMisspelling', text);
  }
  cut(): void {
    this.edit('cut');
  }
  copy(): void {
    this.edit('copy');
  }
  paste(): void {
    this.edit('paste');
  }
  selectAll(): void {
    this.edit('selectAll');
  }
  undo(): void {
    this.edit('undo');
  }
  redo(): void {
    this.edit('redo');
  }
  /** The user right-clicked: 'context-menu' with Electron's full params (what the test did not say: nothing there). */
  contextMenu(input: ContextMenuInput): void {
    const flags = { canUndo: false, canRedo: false, canCut: false, canCopy: false, canPaste: false, canDelete: false, canSelectAll: false, canEditRichly: false, ...input.editFlags };
    const params = {
      x: input.x ?? 10, y: input.y ?? 10, frame: null, linkURL: '', linkText: '', pageURL: this.getURL(), frameURL: this.getURL(), srcURL: '',
      mediaType: 'none', hasImageContents: false, isEditable: input.isEditable ?? false, selectionText: input.selectionText ?? '',
      titleText: '', altText: '', suggestedFilename: '', selectionRect: { x: 0, y: 0, width: 0, height: 0 }, selectionStartOffset: 0,
      referrerPolicy: { url: '', policy: 'strict-origin-when-cross-origin' }, misspelledWord: input.misspelledWord ?? '',
      dictionarySuggestions: input.dictionarySuggestions ?? [], frameCharset: 'UTF-8',
      formControlType: input.isEditable ? 'text-area' : 'none', spellcheckEnabled: input.isEditable ?? false, menuSourceType: 'mouse',
      mediaFlags: { inError: false, isPaused: false, isMuted: false, hasAudio: false, isLooping: false, isControlsVisible: false, canToggleControls: false, canPrint: false, canSave: false, canShowPictureInPicture: false, isShowingPictureInPicture: false, canRotate: false, canLoop: false },
      editFlags: flags,
    } satisfies Electron.ContextMenuParams;
    this.emit('context-menu', makeEvent({}), params);
  }

  send(channel: string, ...args: unknown[]): void {
    assertCloneable(args);
    const json = recordPayload(this.owner.id, channel, 'event', args);
    // Electron's structured clone throws on what it cannot copy.
    if (json === null) throw new Error('An object could not be cloned.');
    // Written to the page's CDP socket now, as Electron posts it now (page-channel.ts). As in
    // Electron, a message sent while the page navigates is dropped.
    // One constant function (compiled once); the payload goes as one JSON string, parsed in the page.
    const delivered = this.channel.call(DELIVER, [JSON.stringify(channel), JSON.stringify(json)]);
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
  toggleDevTools(): void {}
  /**
   * Modelled, not a real crash: a real one (CDP `Page.crash`) leaves Playwright's Page dead for good,
   * so the page is navigated to about:blank (its DOM and script state gone, as with a dead renderer)
   * and 'render-process-gone' is emitted with reason 'crashed' (docs: webContents
   * forcefullyCrashRenderer, 'render-process-gone'). The next reload() goes back to the page's last
   * URL, as Electron reloads the last committed URL in a new renderer.
   */
  forcefullyCrashRenderer(): void {
    void this.pagePromise.then(async (page) => {
      this.crashedUrl = fromPageUrl(page.url());
      await page.goto('about:blank').catch(() => undefined);
      this.owner.record.loaded = false;
      this.owner.record.rendererCrashes = (this.owner.record.rendererCrashes ?? 0) + 1;
      changed();
      this.emit('render-process-gone', makeEvent({}), { reason: 'crashed', exitCode: 133 } satisfies Electron.RenderProcessGoneDetails);
    }).catch(() => undefined);
  }
  /**
   * Recorded, not rendered (the page keeps 100 %). Electron: level 0 = original size, each step ±20 %;
   * the level belongs to the origin, so it outlives a reload (docs: webContents.setZoomLevel).
   */
  setZoomLevel(level: number): void {
    this.owner.record.zoomLevel = level;
    changed();
  }
  getZoomLevel(): number {
    return this.owner.record.zoomLevel ?? 0;
  }
  setAudioMuted(): void {}
  async executeJavaScript(code: string): Promise<unknown> {
    const page = await this.pagePromise;
    return page.evaluate(code);
  }
  /**
   * Electron reloads the last committed URL (after a crash: the one the dead renderer showed) without
   * a 'will-navigate' — the app's navigation guard must not see it. The page is navigated to the
   * carrier URL of that app URL (protocol.ts), where a plain page.reload() would reload about:blank.
   */
  reload(): void {
    const url = this.crashedUrl ?? this.owner.record.url;
    this.crashedUrl = null;
    this.expectedNavigation = url.split('#')[0] ?? url; // a request's URL has no fragment
    void this.pagePromise.then((p) => (p.url() === toPageUrl(url) ? p.reload() : p.goto(toPageUrl(url)))).catch(() => undefined);
  }

  async loadURL(url: string): Promise<void> {
    const page = await this.pagePromise;
    this.expectedNavigation = url;
    this.loading = true;
    this.emit('did-start-loading');
    try {
      await page.goto(toPageUrl(url), { waitUntil: 'load' });
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

/** The page's marked bytes (renderer.ts encode) back into the Uint8Array Electron's structured clone delivers. */
const BYTES = '\u0000standin-bytes';
function decodeBytes(v: unknown, depth: number): unknown {
  if (depth > 64 || v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map((x) => decodeBytes(x, depth + 1));
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length === 1 && keys[0] === BYTES && typeof o[BYTES] === 'string') return new Uint8Array(Buffer.from(o[BYTES], 'base64'));
  const out: Record<string, unknown> = {};
  for (const k of keys) Object.defineProperty(out, k, { value: decodeBytes(o[k], depth + 1), enumerable: true, writable: true, configurable: true });
  return out;
}
