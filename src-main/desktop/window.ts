/**
 * The main window with the security baseline (DESIGN.md): contextIsolation, sandbox, no Node,
 * webSecurity; a CSP response header on top of the page's meta tag; every navigation blocked;
 * window.open denied (http(s) links go to the OS browser through the external-link allow-check);
 * only the 'notifications' permission granted. Bounds are remembered and restored only when they
 * are on a visible display; close-to-tray hides instead of closing unless the app is quitting.
 * Spellcheck is on, with the context menu of context-menu.ts (suggestions, cut/copy/paste).
 */
import type { BrowserWindow, Rectangle } from 'electron';
import type { ElectronDeps } from './electron-deps';
import { installContextMenu } from './context-menu';
import type { SettingsService, WindowBounds } from './settings';

/** Same policy as the meta tag in src-renderer/index.html. */
export const CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'none'; img-src 'self' data:; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['notifications']);

export function permissionAllowed(permission: string): boolean {
  return ALLOWED_PERMISSIONS.has(permission);
}

/** True when at least a 100×40 piece of the window's top (its title bar) lies in some display's work area. */
/** Quiet time after the last move/resize before the bounds are written. */
export const BOUNDS_SAVE_DELAY_MS = 500;

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
  preloadPath: string;
  /** app://lp/index.html (app-protocol.ts), or the dev server URL in development. */
  load: { file: string } | { url: string };
  /** DevTools can be opened (false in packaged builds). */
  devTools?: boolean;
  settings: SettingsService;
  /** Opens an http(s) URL in the OS browser after the allow-check (external-links.ts). */
  openExternal(url: string): void;
  isQuitting(): boolean;
  log(message: string): void;
  icon?: string;
}

export function createMainWindow(deps: MainWindowDeps): BrowserWindow {
  const saved = deps.settings.windowBounds();
  const workAreas = deps.electron.screen.getAllDisplays().map((d) => d.workArea);
  const restore = saved && boundsVisible(saved, workAreas) ? saved : undefined;
  // Named constructor (not `new deps.electron.BrowserWindow`) so static scanners see these options.
  const { BrowserWindow } = deps.electron;
  const win = new BrowserWindow({
    width: restore?.width ?? 1100,
    height: restore?.height ?? 760,
    ...(restore ? { x: restore.x, y: restore.y } : {}),
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'LP Agent Desktop',
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
  if (restore?.maximized) win.maximize();

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
    const b = win.getBounds();
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
  win.on('close', (event) => {
    clearTimeout(boundsTimer);
    saveBounds();
    if (deps.settings.get().closeToTray && !deps.isQuitting()) {
      event.preventDefault();
      win.hide();
    }
  });
  win.once('ready-to-show', () => win.show());

  const loading = 'file' in deps.load ? win.loadFile(deps.load.file) : win.loadURL(deps.load.url);
  loading.catch((err: unknown) => deps.log(`renderer failed to load: ${err instanceof Error ? err.message : String(err)}`));
  return win;
}
