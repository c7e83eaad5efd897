/**
 * The main window with the security baseline (DESIGN.md): contextIsolation, sandbox, no Node,
 * webSecurity; a CSP response header on top of the page's meta tag; every navigation blocked;
 * window.open denied (http(s) links go to the OS browser through the external-link allow-check);
 * only the 'notifications' permission granted. Bounds are remembered and restored only when they
 * are on a visible display; close-to-tray hides instead of closing unless the app is quitting.
 * Spellcheck is on, with the context menu of context-menu.ts (suggestions, cut/copy/paste).
 *
 * Platform details (#16.9): a window restored maximised is maximised only when it is first shown
 * (Electron's `maximize()` also shows a hidden window: a white flash before the page is drawn); the
 * saved size is the normal (un-maximised) one (`getNormalBounds`); the background is the theme's,
 * so nothing white shows before the first paint; on Wayland a client cannot know or choose its
 * position (getBounds gives x = y = 0), so only the size is restored there.
 */
import type { BrowserWindow, Rectangle } from 'electron';
import { decideClose } from './close-decision';
import type { ElectronDeps } from './electron-deps';
import { installContextMenu } from './context-menu';
import { t } from './i18n';
import type { SettingsService, WindowBounds } from './settings';

/** Same policy as the meta tag in src-renderer/index.html. */
export const CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'none'; img-src 'self' data:; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** The page background (src-renderer/styles.css --bg) per theme, for the window before its first paint. */
export const WINDOW_BACKGROUND = { light: '#f5f6f8', dark: '#15181d' } as const;

export function windowBackground(theme: 'system' | 'light' | 'dark', systemDark: boolean): string {
  const dark = theme === 'dark' || (theme === 'system' && systemDark);
  return dark ? WINDOW_BACKGROUND.dark : WINDOW_BACKGROUND.light;
}

/** A Wayland session, where Electron (ozone-platform-hint auto, the default) runs as a Wayland client. */
export function isWaylandSession(platform: string, env: Readonly<Record<string, string | undefined>>): boolean {
  return platform === 'linux' && (env.XDG_SESSION_TYPE === 'wayland' || Boolean(env.WAYLAND_DISPLAY));
}

export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['notifications']);

export function permissionAllowed(permission: string): boolean {
  return ALLOWED_PERMISSIONS.has(permission);
}

/** Quiet time after the last move/resize before the bounds are written. */
export const BOUNDS_SAVE_DELAY_MS = 500;

/** True when at least a 100×40 piece of the window's top (its title bar) lies in some display's work area. */
export function boundsVisible(bounds: Rectangle, workAreas: readonly Rectangle[]): boolean {
  const titleBar = { x: bounds.x, y: bounds.y, width: bounds.width, height: Math.min(40, bounds.height) };
  return workAreas.some((a) => {
    const w = Math.min(titleBar.x + titleBar.width, a.x + a.width) - Math.max(titleBar.x, a.x);
    const h = Math.min(titleBar.y + titleBar.height, a.y + a.height) - Math.max(titleBar.y, a.y);
    return w >= Math.min(100, titleBar.width) && h >= Math.min(40, titleBar.height);
  });
}

export interface MainWindowDeps {
  electron: Pick<ElectronDeps, 'BrowserWindow' | 'screen' | 'Menu' | 'app'>;
  /** A Wayland session (isWaylandSession): no position is restored. */
  wayland?: boolean;
  /** The OS prefers dark colours (nativeTheme.shouldUseDarkColors), for theme 'system'. */
  systemDark?(): boolean;
  preloadPath: string;
  /** app://lp/index.html (app-protocol.ts), or the dev server URL in development. */
  load: { file: string } | { url: string };
  /** DevTools can be opened (false in packaged builds). */
  devTools?: boolean;
  settings: SettingsService;
  /** Opens an http(s) URL in the OS browser after the allow-check (external-links.ts). */
  openExternal(url: string): void;
  isQuitting(): boolean;
  /** Open conversations of the signed-in agent (0 when signed out). */
  openConversations?(): number;
  /** Asks what closing with open conversations should do (close-decision.ts closeQuestion); null: cancelled. */
  askOnClose?(win: BrowserWindow, openConversations: number): Promise<'tray' | 'quit' | null>;
  /** Signs out and quits (app.quit: the quit sequence signs out). */
  quitApp?(): void;
  log(message: string): void;
  icon?: string;
}

export function createMainWindow(deps: MainWindowDeps): BrowserWindow {
  const saved = deps.settings.windowBounds();
  const workAreas = deps.electron.screen.getAllDisplays().map((d) => d.workArea);
  // On Wayland only the size comes back (the compositor places the window).
  const restore = saved && (deps.wayland || boundsVisible(saved, workAreas)) ? saved : undefined;
  const position = restore && !deps.wayland ? { x: restore.x, y: restore.y } : {};
  // Named constructor (not `new deps.electron.BrowserWindow`) so static scanners see these options.
  const { BrowserWindow } = deps.electron;
  const win = new BrowserWindow({
    width: restore?.width ?? 1100,
    height: restore?.height ?? 760,
    ...position,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: t('app.name'),
    backgroundColor: windowBackground(deps.settings.get().theme, deps.systemDark?.() ?? false),
    ...(deps.icon ? { icon: deps.icon } : {}),
    webPreferences: {
      preload: deps.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      // Electron's built-in spellchecker (the composer asks for it; context-menu.ts offers suggestions).
      spellcheck: true,
      devTools: deps.devTools ?? true,
      // Middle-click must not open anything (a second line of defence behind setWindowOpenHandler).
      disableBlinkFeatures: 'Auxclick',
    },
  });

  const wc = win.webContents;
  wc.session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  wc.session.setPermissionRequestHandler((_wc, permission, callback) => callback(permissionAllowed(permission)));
  wc.session.setPermissionCheckHandler((_wc, permission) => permissionAllowed(permission));
  wc.on('will-navigate', (event) => {
    event.preventDefault();
    deps.log(`navigation blocked: ${event.url}`);
  });
  installContextMenu({
    window: win, webContents: wc, platform: process.platform, log: deps.log,
    buildMenu: (template) => deps.electron.Menu.buildFromTemplate(template),
    preferredLanguages: () => deps.electron.app.getPreferredSystemLanguages(),
  });
  wc.setWindowOpenHandler(({ url }) => {
    if (/^https?:/i.test(url)) deps.openExternal(url);
    else deps.log(`window.open denied: ${url.slice(0, 80)}`);
    return { action: 'deny' };
  });

  const saveBounds = (): void => {
    if (win.isDestroyed() || win.isMinimized()) return;
    // The normal bounds: a maximised window's full-screen bounds would come back as its normal size.
    const b = win.getNormalBounds();
    const bounds: WindowBounds = { x: Math.round(b.x), y: Math.round(b.y), width: Math.round(b.width), height: Math.round(b.height) };
    if (win.isMaximized()) bounds.maximized = true;
    deps.settings.setWindowBounds(bounds);
  };
  // Also saved a moment after the user stops moving or resizing, so a crash or a kill keeps them.
  let boundsTimer: ReturnType<typeof setTimeout> | undefined;
  const saveSoon = (): void => {
    clearTimeout(boundsTimer);
    boundsTimer = setTimeout(saveBounds, BOUNDS_SAVE_DELAY_MS);
  };
  win.on('move', saveSoon);
  win.on('resize', saveSoon);
  win.on('closed', () => clearTimeout(boundsTimer));
  let asking = false;
  const act = (action: 'hide' | 'quit'): void => {
    if (action === 'hide') win.hide();
    else deps.quitApp?.();
  };
  win.on('close', (event) => {
    clearTimeout(boundsTimer);
    saveBounds();
    const settings = deps.settings.get();
    const openConversations = deps.openConversations?.() ?? 0;
    const action = decideClose({
      quitting: deps.isQuitting(), closeToTray: settings.closeToTray, choice: settings.closeWithOpenConversations, openConversations,
    });
    if (action === 'close' || (action !== 'hide' && (!deps.askOnClose || !deps.quitApp))) return;
    event.preventDefault();
    if (action !== 'ask') {
      act(action);
      return;
    }
    if (asking) return; // the question is already on screen
    asking = true;
    void deps.askOnClose?.(win, openConversations).then((choice) => {
      if (choice === null || win.isDestroyed()) return;
      deps.settings.set({ closeWithOpenConversations: choice });
      act(choice === 'tray' ? 'hide' : 'quit');
    }, (err: unknown) => deps.log(`close question failed: ${err instanceof Error ? err.message : String(err)}`)).finally(() => {
      asking = false;
    });
  });
  win.once('ready-to-show', () => {
    // maximize() shows the window too; only now, with the page drawn.
    if (restore?.maximized) win.maximize();
    win.show();
  });

  const loading = 'file' in deps.load ? win.loadFile(deps.load.file) : win.loadURL(deps.load.url);
  loading.catch((err: unknown) => deps.log(`renderer failed to load: ${err instanceof Error ? err.message : String(err)}`));
  return win;
}
