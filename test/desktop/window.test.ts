import { EventEmitter } from 'node:events';
import type { BrowserWindowConstructorOptions, MenuItemConstructorOptions, Rectangle } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BOUNDS_SAVE_DELAY_MS, boundsVisible, CONTENT_SECURITY_POLICY, createMainWindow, isWaylandSession, WINDOW_BACKGROUND, type MainWindowDeps } from '../../src-main/desktop/window';
import { createSettings, type KeyValueStore, type SettingsService } from '../../src-main/desktop/settings';

// ---------- fakes of the Electron pieces window.ts calls

type HeadersListener = (
  details: { url: string; responseHeaders?: Record<string, string[]> },
  callback: (response: { responseHeaders?: Record<string, string[]> }) => void,
) => void;
type PermissionRequestHandler = (wc: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void;
type PermissionCheckHandler = (wc: unknown, permission: string, requestingOrigin: string, details: unknown) => boolean;
type WindowOpenHandler = (details: { url: string }) => { action: 'allow' | 'deny' };

class FakeSession {
  headersListener: HeadersListener | undefined;
  requestHandler: PermissionRequestHandler | undefined;
  checkHandler: PermissionCheckHandler | undefined;
  readonly webRequest = {
    onHeadersReceived: (listener: HeadersListener): void => {
      this.headersListener = listener;
    },
  };
  setPermissionRequestHandler(handler: PermissionRequestHandler): void {
    this.requestHandler = handler;
  }
  setPermissionCheckHandler(handler: PermissionCheckHandler): void {
    this.checkHandler = handler;
  }
  readonly availableSpellCheckerLanguages = ['en-GB', 'en-US', 'es-ES'];
  languages: string[] = [];
  added: string[] = [];
  setSpellCheckerLanguages(languages: string[]): void {
    this.languages = languages;
  }
  addWordToSpellCheckerDictionary(word: string): boolean {
    this.added.push(word);
    return true;
  }
}

class FakeWebContents extends EventEmitter {
  readonly session = new FakeSession();
  openHandler: WindowOpenHandler | undefined;
  replaced: string[] = [];
  replaceMisspelling(word: string): void {
    this.replaced.push(word);
  }
  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.openHandler = handler;
  }
  /** A renderer-initiated navigation: true when it went through (nobody prevented it). */
  navigate(url: string): boolean {
    let prevented = false;
    this.emit('will-navigate', { url, preventDefault: () => { prevented = true; } });
    return !prevented;
  }
}

class FakeBrowserWindow extends EventEmitter {
  static all: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  bounds: Rectangle;
  maximized = false;
  minimized = false;
  visible = false;
  destroyed = false;
  loaded: Array<['file' | 'url', string]> = [];
  loadError: Error | undefined;

  constructor(readonly options: BrowserWindowConstructorOptions) {
    super();
    this.bounds = { x: options.x ?? 100, y: options.y ?? 100, width: options.width ?? 800, height: options.height ?? 600 };
    FakeBrowserWindow.all.push(this);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  isVisible(): boolean {
    return this.visible;
  }
  normal: Rectangle | undefined;
  /** Shown while the page was not drawn yet (before ready-to-show): the flash. */
  shownEarly = false;
  ready = false;
  /** Electron: "This will also show (but not focus) the window if it isn't being displayed already." */
  maximize(): void {
    this.normal ??= { ...this.bounds };
    this.bounds = { x: 0, y: 0, width: 1920, height: 1040 };
    this.maximized = true;
    this.show();
  }
  getBounds(): Rectangle {
    return { ...this.bounds };
  }
  getNormalBounds(): Rectangle {
    return { ...(this.maximized && this.normal ? this.normal : this.bounds) };
  }
  setBounds(b: Partial<Rectangle>): void {
    this.bounds = { ...this.bounds, ...b };
    if (b.x !== undefined || b.y !== undefined) this.emit('move');
    if (b.width !== undefined || b.height !== undefined) this.emit('resize');
  }
  show(): void {
    if (!this.ready) this.shownEarly = true;
    this.visible = true;
  }
  /** The first paint is ready. */
  readyToShow(): void {
    this.ready = true;
    this.emit('ready-to-show');
  }
  hide(): void {
    this.visible = false;
  }
  /** Like the user clicking the close button (or app.quit closing windows): 'close' may be prevented. */
  close(): boolean {
    let prevented = false;
    this.emit('close', { preventDefault: () => { prevented = true; } });
    if (prevented) return false;
    this.destroyed = true;
    this.emit('closed');
    return true;
  }
  loadFile(file: string): Promise<void> {
    this.loaded.push(['file', file]);
    return this.loadError ? Promise.reject(this.loadError) : Promise.resolve();
  }
  loadURL(url: string): Promise<void> {
    this.loaded.push(['url', url]);
    return this.loadError ? Promise.reject(this.loadError) : Promise.resolve();
  }
}

function memoryStore(): KeyValueStore {
  const data = new Map<string, unknown>();
  return {
    get: (key) => data.get(key),
    set: (key, value) => void data.set(key, structuredClone(value)),
    delete: (key) => void data.delete(key),
    get store() {
      return Object.fromEntries(data);
    },
    path: '/memory/settings.json',
  };
}

const PRIMARY: Rectangle = { x: 0, y: 0, width: 1920, height: 1040 };

interface Harness {
  deps: MainWindowDeps;
  settings: SettingsService;
  logs: string[];
  opened: string[];
  displays: Rectangle[];
  quitting: boolean;
  /** Menus popped up (context menus), as templates. */
  popups: MenuItemConstructorOptions[][];
  create(): FakeBrowserWindow;
}

function harness(): Harness {
  const settings = createSettings(() => memoryStore());
  const h: Harness = {
    settings,
    logs: [],
    opened: [],
    displays: [PRIMARY],
    popups: [] as MenuItemConstructorOptions[][],
    quitting: false,
    deps: undefined as unknown as MainWindowDeps,
    create() {
      createMainWindow(h.deps);
      const win = FakeBrowserWindow.all.at(-1);
      if (!win) throw new Error('no window constructed');
      return win;
    },
  };
  h.deps = {
    electron: {
      BrowserWindow: FakeBrowserWindow,
      screen: { getAllDisplays: () => h.displays.map((workArea) => ({ workArea })) },
      Menu: { buildFromTemplate: (template: MenuItemConstructorOptions[]) => ({ popup: () => h.popups.push(template) }) },
      app: { getPreferredSystemLanguages: () => ['es-MX', 'en-US'] },
    } as unknown as MainWindowDeps['electron'],
    preloadPath: '/app/dist/preload/preload.cjs',
    load: { file: '/app/dist/renderer/index.html' },
    settings,
    openExternal: (url) => h.opened.push(url),
    isQuitting: () => h.quitting,
    log: (m) => h.logs.push(m),
  };
  return h;
}

let h: Harness;
beforeEach(() => {
  FakeBrowserWindow.all = [];
  h = harness();
});

describe('main window: webPreferences and load', () => {
  it('isolates, sandboxes and keeps Node and web security where they belong', () => {
    const win = h.create();
    const wp = win.options.webPreferences ?? {};
    expect(wp.contextIsolation).toBe(true);
    expect(wp.sandbox).toBe(true);
    expect(wp.nodeIntegration).toBe(false);
    expect(wp.nodeIntegrationInWorker).toBe(false);
    expect(wp.webSecurity).not.toBe(false);
    expect(wp.allowRunningInsecureContent).not.toBe(true);
    expect(wp.preload).toBe('/app/dist/preload/preload.cjs');
    expect(win.options.show).toBe(false);
  });

  it('loads the file (or the dev URL) and shows on ready-to-show', () => {
    const win = h.create();
    expect(win.loaded).toEqual([['file', '/app/dist/renderer/index.html']]);
    expect(win.visible).toBe(false);
    win.emit('ready-to-show');
    expect(win.visible).toBe(true);

    h.deps = { ...h.deps, load: { url: 'http://127.0.0.1:5173/' } };
    expect(h.create().loaded).toEqual([['url', 'http://127.0.0.1:5173/']]);
  });

  it('logs a failed load instead of rejecting unhandled', async () => {
    const failing = class extends FakeBrowserWindow {
      override loadFile(file: string): Promise<void> {
        this.loaded.push(['file', file]);
        return Promise.reject(new Error('ERR_FILE_NOT_FOUND'));
      }
    };
    h.deps = { ...h.deps, electron: { ...h.deps.electron, BrowserWindow: failing } as unknown as MainWindowDeps['electron'] };
    const logged = new Promise<string>((resolve) => {
      const log = h.deps.log;
      h.deps.log = (m) => {
        log(m);
        resolve(m);
      };
    });
    h.create();
    expect(await logged).toBe('renderer failed to load: ERR_FILE_NOT_FOUND');
  });
});

describe('main window: spellcheck and context menu (#14.4)', () => {
  it('spellcheck on, in the OS languages the spellchecker has; a right click on a misspelling offers its suggestions', () => {
    const win = h.create();
    expect(win.options.webPreferences?.spellcheck).toBe(true);
    expect(win.webContents.session.languages).toEqual(['es-ES', 'en-US']);
    const editFlags = { canUndo: false, canRedo: false, canCut: true, canCopy: true, canPaste: true, canDelete: true, canSelectAll: true, canEditRichly: false };
    win.webContents.emit('context-menu', {}, { isEditable: true, selectionText: '', misspelledWord: 'recieve', dictionarySuggestions: ['receive', 'relieve'], editFlags });
    const menu = h.popups[0] ?? [];
    expect(menu.map((i) => i.label ?? i.type)).toEqual(['receive', 'relieve', 'Add to dictionary', 'separator', 'Cut', 'Copy', 'Paste', 'separator', 'Select all']);
    menu[0]?.click?.({} as never, undefined, {} as never);
    menu[2]?.click?.({} as never, undefined, {} as never);
    expect(win.webContents.replaced).toEqual(['receive']);
    expect(win.webContents.session.added).toEqual(['recieve']);
  });
});

describe('main window: close to tray', () => {
  it('hides instead of closing when the setting is on', () => {
    h.settings.set({ closeToTray: true });
    const win = h.create();
    win.show();
    expect(win.close()).toBe(false);
    expect(win.visible).toBe(false);
    expect(win.isDestroyed()).toBe(false);
  });

  it('closes when the setting is off', () => {
    h.settings.set({ closeToTray: false });
    const win = h.create();
    win.show();
    expect(win.close()).toBe(true);
    expect(win.isDestroyed()).toBe(true);
  });

  it('closes when the app is quitting even with the setting on', () => {
    h.settings.set({ closeToTray: true });
    const win = h.create();
    win.show();
    h.quitting = true;
    expect(win.close()).toBe(true);
    expect(win.isDestroyed()).toBe(true);
  });

  it('reads the setting at close time, not at creation', () => {
    const win = h.create();
    h.settings.set({ closeToTray: true });
    expect(win.close()).toBe(false);
    h.settings.set({ closeToTray: false });
    expect(win.close()).toBe(true);
  });
});

describe('main window: closing with open conversations (asked once, remembered)', () => {
  function withConversations(open: number, answers: Array<'tray' | 'quit' | null>) {
    const asked: number[] = [];
    let quits = 0;
    let answer: ((choice: 'tray' | 'quit' | null) => void) | undefined;
    h.deps = {
      ...h.deps,
      openConversations: () => open,
      askOnClose: (_win, n) => {
        asked.push(n);
        const next = answers.shift();
        return next === undefined ? new Promise((resolve) => { answer = resolve; }) : Promise.resolve(next);
      },
      quitApp: () => { quits += 1; },
    };
    return { asked, quits: () => quits, answer: (c: 'tray' | 'quit' | null) => answer?.(c) };
  }
  const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

  it('asks; "keep running in the tray" hides the window and is remembered, so the next close does not ask', async () => {
    const t = withConversations(2, ['tray']);
    const win = h.create();
    win.show();
    expect(win.close()).toBe(false);
    await settle();
    expect(t.asked).toEqual([2]);
    expect(win.visible).toBe(false);
    expect(h.settings.get().closeWithOpenConversations).toBe('tray');
    win.show();
    expect(win.close()).toBe(false);
    expect(t.asked).toEqual([2]);
    expect(win.visible).toBe(false);
    expect(t.quits()).toBe(0);
  });

  it('"sign out and quit" quits the app (the quit sequence signs out) and is remembered', async () => {
    const t = withConversations(1, ['quit']);
    const win = h.create();
    expect(win.close()).toBe(false);
    await settle();
    expect(t.quits()).toBe(1);
    expect(h.settings.get().closeWithOpenConversations).toBe('quit');
  });

  it('Cancel keeps the window and remembers nothing; a second close while the question is up does not ask twice', async () => {
    const t = withConversations(1, []);
    const win = h.create();
    win.show();
    expect(win.close()).toBe(false);
    expect(win.close()).toBe(false);
    expect(t.asked).toEqual([1]);
    t.answer(null);
    await settle();
    expect(win.visible).toBe(true);
    expect(h.settings.get().closeWithOpenConversations).toBe('ask');
  });

  it('without open conversations, or while quitting, the window simply closes', () => {
    const t = withConversations(0, []);
    expect(h.create().close()).toBe(true);
    withConversations(3, []);
    h.quitting = true;
    expect(h.create().close()).toBe(true);
    expect(t.asked).toEqual([]);
  });
});

describe('main window: bounds', () => {
  it('uses the default size and no position when nothing is saved', () => {
    const win = h.create();
    expect(win.options).toMatchObject({ width: 1100, height: 760 });
    expect(win.options.x).toBeUndefined();
    expect(win.options.y).toBeUndefined();
  });

  it('saves the bounds after move/resize when the window closes, and restores them next time', () => {
    const win = h.create();
    win.setBounds({ x: 40.4, y: 60.6 });
    win.setBounds({ width: 1000, height: 700 });
    win.close();
    expect(h.settings.windowBounds()).toEqual({ x: 40, y: 61, width: 1000, height: 700 });

    const next = h.create();
    expect(next.options).toMatchObject({ x: 40, y: 61, width: 1000, height: 700 });
    expect(next.isMaximized()).toBe(false);
  });

  it('saves the bounds a moment after moving/resizing stops, without a close (a crash keeps them)', () => {
    vi.useFakeTimers();
    try {
      const win = h.create();
      win.setBounds({ x: 10, y: 20 });
      vi.advanceTimersByTime(BOUNDS_SAVE_DELAY_MS - 1);
      win.setBounds({ width: 900, height: 600 }); // still moving: the timer starts again
      vi.advanceTimersByTime(BOUNDS_SAVE_DELAY_MS - 1);
      expect(h.settings.windowBounds()).toBeUndefined();
      vi.advanceTimersByTime(1);
      expect(h.settings.windowBounds()).toEqual({ x: 10, y: 20, width: 900, height: 600 });
    } finally {
      vi.useRealTimers();
    }
  });

  it('saves the bounds when close only hides (close to tray) too', () => {
    h.settings.set({ closeToTray: true });
    const win = h.create();
    win.setBounds({ x: 300, y: 200, width: 900, height: 650 });
    win.close();
    expect(win.isDestroyed()).toBe(false);
    expect(h.settings.windowBounds()).toEqual({ x: 300, y: 200, width: 900, height: 650 });
  });

  it('remembers maximized with the NORMAL bounds, and maximizes again only when the page is ready (no white flash)', () => {
    const win = h.create();
    win.setBounds({ x: 10, y: 10, width: 1200, height: 800 });
    win.maximize();
    win.close();
    // Not the maximised 1920×1040: un-maximising next time gives back the size the user had.
    expect(h.settings.windowBounds()).toEqual({ x: 10, y: 10, width: 1200, height: 800, maximized: true });
    const next = h.create();
    expect(next.isMaximized()).toBe(false);
    expect(next.visible).toBe(false);
    next.readyToShow();
    expect(next.isMaximized()).toBe(true);
    expect(next.visible).toBe(true);
    expect(next.shownEarly).toBe(false);
    expect(next.getNormalBounds()).toEqual({ x: 10, y: 10, width: 1200, height: 800 });
  });

  it('on Wayland restores only the size (no position can be read or set there), on any display layout', () => {
    h.settings.setWindowBounds({ x: 0, y: 0, width: 900, height: 700, maximized: true });
    h.displays = [];
    h.deps = { ...h.deps, wayland: true };
    const win = h.create();
    expect(win.options).toMatchObject({ width: 900, height: 700 });
    expect(win.options.x).toBeUndefined();
    expect(win.options.y).toBeUndefined();
    win.readyToShow();
    expect(win.isMaximized()).toBe(true);
  });

  it('isWaylandSession: Linux with a Wayland session type or display', () => {
    expect(isWaylandSession('linux', { XDG_SESSION_TYPE: 'wayland' })).toBe(true);
    expect(isWaylandSession('linux', { WAYLAND_DISPLAY: 'wayland-0' })).toBe(true);
    expect(isWaylandSession('linux', { XDG_SESSION_TYPE: 'x11', DISPLAY: ':0' })).toBe(false);
    expect(isWaylandSession('darwin', { WAYLAND_DISPLAY: 'wayland-0' })).toBe(false);
  });
});

describe('main window: background before the first paint', () => {
  it.each([
    ['light', false, WINDOW_BACKGROUND.light], ['dark', false, WINDOW_BACKGROUND.dark],
    ['system', true, WINDOW_BACKGROUND.dark], ['system', false, WINDOW_BACKGROUND.light],
  ] as const)('theme %s (OS dark: %s) → %s', (theme, systemDark, colour) => {
    h.settings.set({ theme });
    h.deps = { ...h.deps, systemDark: () => systemDark };
    expect(h.create().options.backgroundColor).toBe(colour);
  });

  it('the colours are the renderer\'s own --bg', () => {
    const css = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../../src-renderer/styles.css'), 'utf8');
    expect(css).toMatch(new RegExp(`:root, \\.theme-light \\{\\s*--bg: ${WINDOW_BACKGROUND.light};`));
    expect(css).toContain(`--bg: ${WINDOW_BACKGROUND.dark};`);
  });

  it('does not overwrite the saved bounds with a minimized window', () => {
    h.settings.setWindowBounds({ x: 50, y: 50, width: 900, height: 700 });
    const win = h.create();
    win.minimized = true;
    win.setBounds({ x: -32000, y: -32000 }); // where Windows parks a minimized window
    win.close();
    expect(h.settings.windowBounds()).toEqual({ x: 50, y: 50, width: 900, height: 700 });
  });

  it('falls back to the default size and position when the saved position is off every display', () => {
    h.settings.setWindowBounds({ x: 2500, y: 100, width: 900, height: 700 }); // a second monitor that is gone
    h.displays = [PRIMARY];
    const win = h.create();
    expect(win.options).toMatchObject({ width: 1100, height: 760 });
    expect(win.options.x).toBeUndefined();
    expect(win.options.y).toBeUndefined();
  });

  it('restores onto a second display while that display is attached', () => {
    h.settings.setWindowBounds({ x: 2500, y: 100, width: 900, height: 700 });
    h.displays = [PRIMARY, { x: 1920, y: 0, width: 1920, height: 1040 }];
    expect(h.create().options).toMatchObject({ x: 2500, y: 100, width: 900, height: 700 });
  });

  it('boundsVisible needs a usable piece of the title bar inside some work area', () => {
    const areas = [PRIMARY];
    expect(boundsVisible({ x: 100, y: 100, width: 800, height: 600 }, areas)).toBe(true);
    // Only the bottom of the window is on screen: the title bar is above the work area.
    expect(boundsVisible({ x: 100, y: -500, width: 800, height: 600 }, areas)).toBe(false);
    // Title bar overlaps the right edge by 99 px: not enough to grab.
    expect(boundsVisible({ x: 1821, y: 100, width: 800, height: 600 }, areas)).toBe(false);
    expect(boundsVisible({ x: 1820, y: 100, width: 800, height: 600 }, areas)).toBe(true);
    expect(boundsVisible({ x: 100, y: 100, width: 800, height: 600 }, [])).toBe(false);
  });
});

describe('main window: content security', () => {
  it('adds the Content-Security-Policy header to every response, keeping the others', () => {
    const listener = h.create().webContents.session.headersListener;
    expect(listener).toBeDefined();
    const responses: Array<{ responseHeaders?: Record<string, string[]> }> = [];
    listener?.({ url: 'file:///app/dist/renderer/index.html', responseHeaders: { 'Content-Type': ['text/html'] } }, (r) => responses.push(r));
    listener?.({ url: 'file:///app/dist/renderer/app.js' }, (r) => responses.push(r));
    expect(responses).toEqual([
      { responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } },
      { responseHeaders: { 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } },
    ]);
    expect(CONTENT_SECURITY_POLICY).toMatch(/default-src 'self'/);
    expect(CONTENT_SECURITY_POLICY).toMatch(/object-src 'none'/);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-(inline|eval)/);
  });

  it('blocks every renderer-initiated navigation (loadFile/loadURL do not go through will-navigate)', () => {
    const win = h.create();
    for (const url of [
      'https://evil.example/',
      'http://127.0.0.1:5173/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      // The module's policy is "every navigation blocked", our own page included: a reload goes
      // through webContents.reload(), never through a navigation the page starts.
      'file:///app/dist/renderer/index.html',
    ]) {
      expect(win.webContents.navigate(url), url).toBe(false);
    }
    expect(h.logs.filter((l) => l.startsWith('navigation blocked: '))).toHaveLength(5);
  });

  it('window.open is always denied; http(s) goes to the external-link check, anything else is only logged', () => {
    const handler = h.create().webContents.openHandler;
    expect(handler).toBeDefined();
    expect(handler?.({ url: 'https://example.com/help' })).toEqual({ action: 'deny' });
    expect(handler?.({ url: 'HTTP://example.com/x' })).toEqual({ action: 'deny' });
    expect(handler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(handler?.({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(handler?.({ url: `data:text/html,${'x'.repeat(500)}` })).toEqual({ action: 'deny' });
    expect(h.opened).toEqual(['https://example.com/help', 'HTTP://example.com/x']);
    const denied = h.logs.filter((l) => l.startsWith('window.open denied: '));
    expect(denied).toHaveLength(3);
    expect(denied.every((l) => l.length <= 'window.open denied: '.length + 80)).toBe(true);
  });
});

describe('main window: permissions', () => {
  const others = ['media', 'geolocation', 'clipboard-read', 'clipboard-sanitized-write', 'display-capture', 'midi', 'midiSysex',
    'pointerLock', 'fullscreen', 'openExternal', 'window-management', 'hid', 'serial', 'usb', 'unknown'];

  it('the request handler grants notifications and denies everything else, media included', () => {
    const handler = h.create().webContents.session.requestHandler;
    expect(handler).toBeDefined();
    const answers = new Map<string, boolean>();
    for (const p of ['notifications', ...others]) handler?.({}, p, (granted) => answers.set(p, granted), {});
    expect(answers.get('notifications')).toBe(true);
    for (const p of others) expect(answers.get(p), p).toBe(false);
  });

  it('the check handler answers the same', () => {
    const handler = h.create().webContents.session.checkHandler;
    expect(handler).toBeDefined();
    expect(handler?.({}, 'notifications', 'file://', {})).toBe(true);
    for (const p of others) expect(handler?.({}, p, 'file://', {}), p).toBe(false);
  });
});
