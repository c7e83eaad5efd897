// The built app starts with the security baseline of DESIGN.md: a sandboxed, isolated window
// showing the renderer; window.lp exactly the contract (names.ts); no Node in the page; strict CSP;
// navigation and new windows denied; single instance; a clean quit. With no saved account it
// starts in demo mode. Nothing here depends on the UI's markup beyond "React rendered something".
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { camel, eventNames, onName, requestNames } from '../../src-preload/api';
import { launchStandin } from '../electron-standin/launch';
import { builtMain, expect, test } from './fixtures';
import { untilMode, untilOnline } from './page-helpers';
import { projectRoot } from './targets';

/** The renderer's page: app://lp/index.html in Electron; in the stand-in, that scheme's https carrier. */
const RENDERER_PAGE = /^(app:\/\/lp|https:\/\/app\.lp\.protocol-standin\.invalid)\/index\.html$/;

const contractKeys = [...requestNames.map(camel), ...eventNames.map(onName)].sort();

test('the window opens and shows the renderer', async ({ app }) => {
  await expect(app.page).toHaveTitle('LP Agent Desktop');
  // Served from app://lp/ (the stand-in carries that scheme on https://app.lp.protocol-standin.invalid/).
  expect(app.page.url()).toMatch(RENDERER_PAGE);
  // React mounted into #root (whatever it shows).
  await app.page.waitForFunction(() => (document.getElementById('root')?.childElementCount ?? 0) > 0);
  if (app.standin) {
    const state = await app.standin.waitFor((s) => s.windows[0]?.visible && s.windows[0], { what: 'the window to be shown' });
    expect(state.destroyed).toBe(false);
    const errors = (await app.standin.snapshot()).console.filter((c) => c.type === 'pageerror');
    expect(errors).toEqual([]);
  }
});

test('window.lp is one frozen object holding exactly the contract', async ({ app }) => {
  const lp = await app.page.evaluate(() => {
    const api = (window as unknown as { lp: Record<string, unknown> }).lp;
    const replaced = ((): boolean => {
      try {
        (api as Record<string, unknown>).appState = () => 'hijacked';
      } catch {
        // Strict-mode code throws on a frozen object; either way nothing may change.
      }
      return (api as Record<string, unknown>).appState !== undefined && String(api.appState).includes('hijacked');
    })();
    return {
      frozen: Object.isFrozen(api),
      keys: Object.keys(api).sort(),
      allFunctions: Object.values(api).every((v) => typeof v === 'function'),
      replaced,
      writable: Object.getOwnPropertyDescriptor(window, 'lp')?.writable,
    };
  });
  expect(lp.frozen).toBe(true);
  expect(lp.allFunctions).toBe(true);
  expect(lp.keys).toEqual(contractKeys);
  expect(lp.replaced).toBe(false);
  expect(lp.writable).not.toBe(true);
});

test('a request round-trips to main and back; with no saved account the app starts in demo mode', async ({ app }) => {
  const version = (JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string }).version;
  await untilMode(app.page, 'demo');
  const state = await app.page.evaluate(() => window.lp.appState());
  expect(state).toMatchObject({ mode: 'demo', version, secretsPersisted: false });
  expect(state.savedAccount).toBeUndefined();
});

test('the page has no Node: no require, no process, no module, no ipcRenderer', async ({ app }) => {
  const globals = await app.page.evaluate(() => {
    const w = window as unknown as Record<string, unknown>;
    return ['require', 'process', 'module', 'exports', 'Buffer', 'global', 'ipcRenderer', 'electron'].filter((k) => typeof w[k] !== 'undefined');
  });
  expect(globals).toEqual([]);
});

test('a strict Content-Security-Policy is declared and enforced', async ({ app }) => {
  const csp = await app.page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).not.toBeNull();
  const directives = new Map((csp ?? '').split(';').map((d) => d.trim()).filter(Boolean).map((d) => {
    const [name = '', ...values] = d.split(/\s+/);
    return [name, values.join(' ')] as const;
  }));
  expect(directives.get('default-src')).toBe("'self'");
  expect(directives.get('script-src')).toBe("'self'");
  expect(directives.get('connect-src')).toBe("'none'");
  expect(directives.get('object-src')).toBe("'none'");
  expect(directives.get('base-uri')).toBe("'none'");
  expect(directives.get('form-action')).toBe("'none'");
  expect(directives.get('frame-ancestors')).toBe("'none'");
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).not.toContain('unsafe-eval');
  // Enforced, not only declared: an injected inline script does not run.
  const ran = await app.page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__inlineRan = true';
    document.head.appendChild(s);
    return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
  });
  expect(ran).toBe(false);
});

test('navigating away to an external URL is blocked', async ({ app }) => {
  const start = app.page.url();
  expect(start).toMatch(RENDERER_PAGE);
  if (app.electron) {
    const prevented = app.electron.evaluate(({ BrowserWindow }) => new Promise<boolean>((done) => {
      BrowserWindow.getAllWindows()[0]?.webContents.once('will-navigate', (event) => setImmediate(() => done(event.defaultPrevented)));
    }));
    await app.page.evaluate(() => {
      location.href = 'https://example.com/';
    });
    expect(await prevented).toBe(true);
  } else {
    await app.page.evaluate(() => {
      location.href = 'https://example.com/';
    });
    const nav = await app.standin!.waitFor((s) => s.navigations.find((n) => n.url === 'https://example.com/'), { what: 'will-navigate' });
    expect(nav.blocked).toBe(true);
  }
  // Still our page, still holding the contract.
  expect(app.page.url()).toBe(start);
  expect(await app.page.evaluate(() => typeof window.lp.appState)).toBe('function');
});

test('window.open is denied and returns null', async ({ app }) => {
  const opened = await app.page.evaluate(() => window.open('https://example.com/popup') === null);
  expect(opened).toBe(true);
  if (app.standin) {
    const decision = await app.standin.waitFor((s) => s.windowOpens.find((o) => o.url === 'https://example.com/popup'), { what: 'window-open handler' });
    expect(decision.action).toBe('deny');
  }
});

test('stand-in: the window is sandboxed and isolated; the app id matches electron-builder.yml', async ({ app, target }) => {
  test.skip(target !== 'standin', 'reads what main passed to Electron: stand-in only (the real run checks the effect above)');
  const state = await app.standin!.snapshot();
  expect(state.app.sandboxEnabled).toBe(true);
  expect(state.app.singleInstanceLock).toBe(true);
  expect(state.windows[0]?.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
  expect(state.windows[0]?.hasWindowOpenHandler).toBe(true);
  expect(await app.standin!.requestPermission('media')).toBe(false);
  const appId = /^appId:\s*(\S+)/m.exec(readFileSync(join(projectRoot, 'electron-builder.yml'), 'utf8'))?.[1];
  expect(state.app.appUserModelId).toBe(appId);
});

test('stand-in: closing the last window quits the app and ends the process cleanly', async ({ app, target }) => {
  test.skip(target !== 'standin', 'drives the OS side through stand-in hooks');
  const standin = app.standin!;
  await untilOnline(app.page);
  // The user closes the last window: the app quits (session and demo simulator stopped) and the process ends.
  await standin.closeWindow();
  const exit = await standin.exited;
  expect(exit).toEqual({ code: 0, signal: null });
  // Nothing of the app is left on the OS side: every tray icon it made was destroyed (none re-created while quitting).
  expect(standin.state?.trays.length).toBeGreaterThan(0);
  expect(standin.state?.trays.filter((t) => !t.destroyed)).toEqual([]);
  expect(standin.state?.notifications.filter((n) => n.shown > 0 && !n.closed)).toEqual([]);
});

test('stand-in: a second instance defers to the first and quits at once', async ({ target }) => {
  test.skip(target !== 'standin', 'the lock is scripted in the stand-in');
  const second = await launchStandin({ env: { STANDIN_LOCK_HELD: '1' }, main: builtMain() });
  try {
    expect(await second.exited).toEqual({ code: 0, signal: null });
    expect(second.state?.windows ?? []).toEqual([]);
  } finally {
    await second.close();
  }
});
