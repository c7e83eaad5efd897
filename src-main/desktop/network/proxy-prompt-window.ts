/**
 * The proxy credentials prompt (issue 11 item 2) as a small window of its own — not the app's
 * renderer: sandboxed, context-isolated, no preload, no Node, its own static page
 * (proxy-prompt-page.ts). Main waits for the page's answer through `executeJavaScript` (Electron
 * resolves it with the value of the promise the page made: docs api/web-contents
 * `contents.executeJavaScript`), then closes the window. Closing the window is a cancel.
 * Concurrency and "asked once" are the store's business (proxy-credentials.ts).
 */
import type { BrowserWindow as ElectronBrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import type { ProxyPrompt } from './proxy-credentials';
import { ANSWER_EXPRESSION, parsePromptAnswer, proxyPromptHtml, proxyPromptUrl, type ProxyPromptText } from './proxy-prompt-page';

/** The slice of a BrowserWindow the prompt uses. */
export interface PromptWindowLike {
  loadURL(url: string): Promise<void>;
  once(event: 'closed', listener: () => void): unknown;
  close(): void;
  isDestroyed(): boolean;
  webContents: { executeJavaScript(code: string): Promise<unknown> };
}

/**
 * The prompt's window: small, sandboxed, context-isolated, no preload, no Node, no devtools; modal
 * to the main window when there is one. Built here as a literal so the security scan checks it.
 */
export function openPromptWindow(BrowserWindow: new (options: BrowserWindowConstructorOptions) => PromptWindowLike, parent: ElectronBrowserWindow | null, title: string): PromptWindowLike {
  return new BrowserWindow({
    title, width: 420, height: 330, resizable: false, minimizable: false, maximizable: false, fullscreenable: false,
    show: true, autoHideMenuBar: true, ...(parent ? { parent, modal: true } : {}),
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true, spellcheck: false, devTools: false, disableBlinkFeatures: 'Auxclick' },
  });
}

export function createProxyPromptWindow(deps: {
  /** A new prompt window with this title (openPromptWindow). */
  open(title: string): PromptWindowLike;
  text(): ProxyPromptText;
  /** True when "remember" can be offered (the OS encrypts: safeStorage, not basic_text). */
  canRemember(): boolean;
  log(message: string): void;
}): ProxyPrompt {
  return async (proxy, wrongBefore) => {
    const text = deps.text();
    const win = deps.open(text.title);
    const closed = new Promise<null>((resolve) => { win.once('closed', () => resolve(null)); });
    try {
      await win.loadURL(proxyPromptUrl(proxyPromptHtml({ proxy, wrong: wrongBefore, canRemember: deps.canRemember(), text })));
      const answer = await Promise.race([win.webContents.executeJavaScript(ANSWER_EXPRESSION), closed]);
      const parsed = parsePromptAnswer(answer);
      deps.log(`proxy credentials for ${proxy}: ${parsed ? 'given' : 'cancelled'}`);
      return parsed;
    } catch (err) {
      deps.log(`proxy credentials prompt failed: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    } finally {
      if (!win.isDestroyed()) win.close();
    }
  };
}
