/** The Chromium (playwright-core) behind every BrowserWindow: one persistent context per child process. */
import { mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core';

const env = process.env;

const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--allow-file-access-from-files',
  // Electron's default webPreferences.autoplayPolicy is 'no-user-gesture-required' (BrowserWindow
  // docs), so the app's sounds play without a click; headless Chromium has no speaker to mute.
  '--autoplay-policy=no-user-gesture-required',
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

/**
 * A page for a new window, with a CDP session on it: the tab Chromium opened at launch for the
 * first, a new one after. Chromium may have dropped its launch tab by then (a loaded machine: the
 * target is gone while Playwright still lists the page), so a tab that cannot be attached is
 * replaced by a new one.
 */
export async function openPage(): Promise<{ context: BrowserContext; page: Page; session: CDPSession }> {
  const { context } = await launchBrowser();
  const existing = context.pages()[0];
  if (!firstPageTaken && existing) {
    firstPageTaken = true;
    const session = await context.newCDPSession(existing).catch(() => null);
    if (session) return { context, page: existing, session };
  }
  firstPageTaken = true;
  const page = await context.newPage();
  return { context, page, session: await context.newCDPSession(page) };
}

/** Partition name → the Chromium browser context (CDP `Target.createBrowserContext`: in memory) behind it. */
const partitionContexts = new Map<string, Promise<string>>();

/**
 * A page for a window on a session partition: a new target in the partition's own Chromium browser
 * context (its own cookies, cache and storage, kept in memory and gone with the browser; one context
 * per partition name). Playwright files pages of a context it did not create under the persistent
 * context, so the page is found there; requests are routed per page (web-request.ts), not per context.
 */
export async function openPageInPartition(partition: string): Promise<{ context: BrowserContext; page: Page; session: CDPSession }> {
  const { context } = await launchBrowser();
  const browser = context.browser();
  if (!browser) throw new Error('the stand-in Chromium has no browser object');
  const cdp = await browser.newBrowserCDPSession();
  let contextId = partitionContexts.get(partition);
  if (!contextId) {
    contextId = cdp.send('Target.createBrowserContext', { disposeOnDetach: false }).then((r) => r.browserContextId);
    partitionContexts.set(partition, contextId);
  }
  const browserContextId = await contextId;
  const pages: Page[] = [];
  let wake: (() => void) | null = null;
  const onPage = (p: Page): void => {
    pages.push(p);
    wake?.();
  };
  context.on('page', onPage);
  try {
    const { targetId } = await cdp.send('Target.createTarget', { url: 'about:blank', browserContextId });
    const deadline = Date.now() + 60_000;
    for (;;) {
      for (const page of pages.splice(0)) {
        const session = await context.newCDPSession(page);
        const info = await session.send('Target.getTargetInfo');
        if (info.targetInfo.targetId === targetId) return { context, page, session };
        await session.detach().catch(() => undefined);
      }
      if (Date.now() > deadline) throw new Error(`the page of partition ${partition} did not appear`);
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, 1_000);
      });
      wake = null;
    }
  } finally {
    context.off('page', onPage);
    await cdp.detach().catch(() => undefined);
  }
}

/** Pages go offline or back online with the stand-in's `net` (nothing to do before Chromium runs). */
export async function setBrowserOffline(offline: boolean): Promise<void> {
  if (browserPromise) await (await browserPromise).context.setOffline(offline);
}
