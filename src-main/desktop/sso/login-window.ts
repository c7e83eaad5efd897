/**
 * The single sign-on login window (issue 11.6): a separate BrowserWindow on its own in-memory session
 * partition (no `persist:` prefix: Electron keeps it in memory only, gone when the app quits; the IdP's
 * own cookies may make a second sign-in in the same run one click), sandboxed, context-isolated, with
 * no preload and no Node, loading the organisation's identity-provider URL. It may navigate to http(s)
 * pages only (the app-wide guard in startup/before-ready.ts asks `navigation.mayNavigate`), opens no
 * new windows, and never bypasses a certificate error (no 'certificate-error' handler calls back true:
 * Electron then refuses the page).
 *
 * When a request matching the assertion-consumer pattern leaves the window, main reads its upload
 * data (`session.webRequest.onBeforeRequest`, which sees the body of a form POST), cancels it — the
 * assertion never reaches a web page — closes the window and hands the SAMLResponse back.
 */
import type { BrowserWindowConstructorOptions, CallbackResponse, OnBeforeRequestListenerDetails } from 'electron';
import { SamlResponseError, samlResponseFromUpload } from './saml-form';

/** The in-memory partition of the login window (Electron: a name without `persist:`). */
export const SSO_PARTITION = 'lp-sso';

export type LoginWindowOutcome =
  | { kind: 'captured'; samlResponse: string }
  | { kind: 'closed' }
  | { kind: 'refused'; reason: string };

type BeforeRequestListener = (details: Pick<OnBeforeRequestListenerDetails, 'url' | 'method' | 'uploadData'>, callback: (response: CallbackResponse) => void) => void;

/** What of a BrowserWindow the login window uses. */
export interface LoginWindowLike {
  readonly webContents: {
    on(event: 'will-redirect', listener: (event: { preventDefault(): void }, url: string) => void): unknown;
    on(event: 'certificate-error', listener: (event: unknown, url: string, error: string) => void): unknown;
    setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  };
  on(event: 'closed', listener: () => void): unknown;
  loadURL(url: string): Promise<void>;
  close(): void;
  focus(): void;
  isDestroyed(): boolean;
}

export interface LoginWindowDeps {
  createWindow(options: BrowserWindowConstructorOptions): LoginWindowLike;
  /** `session.fromPartition`: the login window's session, for its webRequest. */
  fromPartition(partition: string): { webRequest: { onBeforeRequest(listener: BeforeRequestListener | null): void } };
  /** Lets the app-wide navigation guard allow this window's http(s) navigations. */
  navigation: NavigationAllowances;
  log(message: string): void;
}

/** Which webContents may navigate where (the app-wide guard denies everything else). */
export interface NavigationAllowances {
  allow(contents: object, allowed: (url: string) => boolean): void;
  mayNavigate(contents: object, url: string): boolean;
}

export function createNavigationAllowances(): NavigationAllowances {
  const allowed = new WeakMap<object, (url: string) => boolean>();
  return {
    allow: (contents, test) => { allowed.set(contents, test); },
    mayNavigate: (contents, url) => allowed.get(contents)?.(url) === true,
  };
}

export const isHttpUrl = (url: string): boolean => /^https?:\/\//i.test(url);

/** Host and path of a URL for the log (no query: an IdP may put tokens there). */
function forLog(url: string): string {
  return url.replace(/[?#].*$/, '').slice(0, 120);
}

export interface LoginWindow {
  readonly outcome: Promise<LoginWindowOutcome>;
  focus(): void;
}

/** Opens the window on `idpUrl`; the outcome settles once: captured, closed by the user, or refused. */
export function openLoginWindow(deps: LoginWindowDeps, opts: { idpUrl: string; isAcs(url: string): boolean; title: string }): LoginWindow {
  const win = deps.createWindow({
    width: 520, height: 700, title: opts.title, autoHideMenuBar: true, show: true,
    webPreferences: { partition: SSO_PARTITION, sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true, spellcheck: false },
  });
  const session = deps.fromPartition(SSO_PARTITION);
  let settle: (o: LoginWindowOutcome) => void = () => undefined;
  const outcome = new Promise<LoginWindowOutcome>((resolve) => {
    let done = false;
    settle = (o) => {
      if (done) return;
      done = true;
      session.webRequest.onBeforeRequest(null);
      resolve(o);
      if (!win.isDestroyed()) win.close();
    };
  });
  deps.navigation.allow(win.webContents, isHttpUrl);
  win.webContents.on('will-redirect', (event, url) => {
    if (!isHttpUrl(url)) {
      event.preventDefault();
      deps.log(`SSO window: redirect to a non-http(s) URL blocked (${forLog(url)})`);
    }
  });
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.webContents.on('certificate-error', (_event, url, error) => {
    deps.log(`SSO window: certificate not accepted for ${forLog(url)} (${error}); the page is refused`);
  });
  session.webRequest.onBeforeRequest((details, callback) => {
    if (!opts.isAcs(details.url)) {
      callback({});
      return;
    }
    // The assertion stops here: the request is cancelled and never reaches a page.
    callback({ cancel: true });
    if (details.method !== 'POST') {
      settle({ kind: 'refused', reason: `the identity provider sent you to the assertion-consumer URL without posting a SAML response (${details.method})` });
      return;
    }
    try {
      const samlResponse = samlResponseFromUpload(details.uploadData);
      deps.log(`SSO window: SAML response captured at ${forLog(details.url)}`);
      settle({ kind: 'captured', samlResponse });
    } catch (err) {
      settle({ kind: 'refused', reason: err instanceof SamlResponseError ? err.message : String(err) });
    }
  });
  win.on('closed', () => settle({ kind: 'closed' }));
  deps.log(`SSO window: opening ${forLog(opts.idpUrl)}`);
  win.loadURL(opts.idpUrl).catch((err: unknown) => {
    // A page that fails to load stays on screen with Chromium's error; the agent can close the window.
    deps.log(`SSO window: the identity provider's page did not load: ${err instanceof Error ? err.message.slice(0, 160) : String(err)}`);
  });
  return { outcome, focus: () => { if (!win.isDestroyed()) win.focus(); } };
}
