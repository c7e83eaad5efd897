/**
 * Phase 1, before `app.whenReady()`: the sandbox for every renderer, the single-instance lock (a
 * second instance hands over to the first and quits), and the Windows toast identity; also the
 * hardening that must precede `ready`: a packaged build refuses debugging switches, and every
 * webContents ever created gets the navigation / new-window / `<webview>` guard.
 */

/** Equals electron-builder's appId (Windows toasts need it). */
export const APP_USER_MODEL_ID = 'com.lpagentdesktop.app';

export interface InstanceApp {
  enableSandbox(): void;
  requestSingleInstanceLock(): boolean;
  setAppUserModelId(id: string): void;
  quit(): void;
  on(event: 'second-instance', listener: () => void): unknown;
}

/**
 * False when another instance holds the lock: this one quits (and the other is told by Electron's
 * 'second-instance'). True for the first instance, which then shows itself on `onSecondInstance`.
 */
export function initializeBeforeAppReady(app: InstanceApp, onSecondInstance: () => void): boolean {
  app.enableSandbox();
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.setAppUserModelId(APP_USER_MODEL_ID);
  app.on('second-instance', onSecondInstance);
  return true;
}

/** Command-line switches that open the app to a debugger; refused in packaged builds (issue 17.5). */
export const DEBUG_SWITCHES: readonly string[] = ['remote-debugging-port', 'remote-debugging-pipe', 'remote-debugging-address', 'inspect', 'inspect-brk', 'inspect-port', 'inspect-publish-uid'];

/**
 * The debugging switch a packaged build was started with (it then refuses to start), else undefined.
 * Looks at argv (`--inspect`, `--inspect=9229`, `--remote-debugging-port=9222`) and Chromium's own
 * command line (a switch appended by other means).
 */
export function refusedDebugSwitch(opts: { isPackaged: boolean; argv: readonly string[]; hasSwitch(name: string): boolean }): string | undefined {
  if (!opts.isPackaged) return undefined;
  for (const arg of opts.argv) {
    const name = /^--?([a-z-]+)(?:=.*)?$/i.exec(arg)?.[1]?.toLowerCase();
    if (name && DEBUG_SWITCHES.includes(name)) return name;
  }
  return DEBUG_SWITCHES.find((name) => opts.hasSwitch(name));
}

/** The part of a webContents the app-wide guard sets up. */
export interface GuardedWebContents {
  on(event: 'will-navigate', listener: (event: { preventDefault(): void }, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/**
 * For every webContents, present and future (app `web-contents-created`): no navigation away (unless
 * `mayNavigate` allows that webContents that URL), no new windows, no `<webview>`. The main window adds its own, narrower handlers on top (window.ts:
 * http(s) links to the OS browser after the allow-check); anything else created later stays inert.
 */
export function guardAllWebContents(
  app: { on(event: 'web-contents-created', listener: (event: unknown, contents: GuardedWebContents) => void): unknown },
  log: (message: string) => void,
  /** The one exception: a webContents given an allowance (the SSO login window's http(s) pages, sso/login-window.ts). */
  mayNavigate: (contents: object, url: string) => boolean = () => false,
): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (mayNavigate(contents, String(url))) return;
      event.preventDefault();
      log(`navigation blocked (app-wide guard): ${String(url).slice(0, 80)}`);
    });
    contents.on('will-attach-webview', (event) => {
      event.preventDefault();
      log('<webview> attachment blocked (app-wide guard)');
    });
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}
