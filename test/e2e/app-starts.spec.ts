// The built app starts with the security baseline of DESIGN.md: a sandboxed, isolated window
// showing the renderer; window.lp exactly the contract; no Node in the page; strict CSP;
// navigation and new windows denied; single instance; a clean quit.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { camel, eventNames, onName, requests } from '../../src-preload/api';
import { launchStandin } from '../electron-standin/launch';
import { expect, test } from './fixtures';
import { projectRoot } from './targets';

const contractKeys = [...Object.keys(requests).map(camel), ...eventNames.map(onName)].sort();

test('the window opens and shows the renderer', async ({ app }) => {
  await expect(app.page.locator('h1')).toHaveText('LP Agent Desktop');
  await expect(app.page).toHaveTitle('LP Agent Desktop');
});

test('window.lp is one frozen object holding exactly the contract', async ({ app }) => {
  const lp = await app.page.evaluate(() => {
    const api = (window as unknown as { lp: Record<string, unknown> }).lp;
    return {
      frozen: Object.isFrozen(api),
      keys: Object.keys(api).sort(),
      allFunctions: Object.values(api).every((v) => typeof v === 'function'),
    };
  });
  expect(lp.frozen).toBe(true);
  expect(lp.allFunctions).toBe(true);
  expect(lp.keys).toEqual(contractKeys);
});

test('a request round-trips to main and back', async ({ app }) => {
  const state = await app.page.evaluate(() => window.lp.appState());
  const version = (JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string }).version;
  expect(state).toMatchObject({ mode: 'signed-out', version });
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
  expect(start).toMatch(/^file:\/\/.*\/dist\/renderer\/index\.html$/);
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
  await expect(app.page.locator('h1')).toHaveText('LP Agent Desktop');
  expect(app.page.url()).toBe(start);
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

test('stand-in: a second instance brings the window back; app.quit ends the process cleanly', async ({ app, target }) => {
  test.skip(target !== 'standin', 'drives the OS side through stand-in hooks');
  const standin = app.standin!;
  await standin.setWindowFocused(false);
  await standin.waitFor((s) => s.windows[0]?.focused === false, { what: 'blur' });
  expect(await standin.secondInstance(['--second'])).toBe(true);
  await standin.waitFor((s) => s.windows[0]?.focused && s.windows[0].visible, { what: 'the window to come back' });
  // The user closes the last window: the app quits and the process ends.
  await standin.closeWindow();
  const exit = await standin.exited;
  expect(exit).toEqual({ code: 0, signal: null });
});

test('stand-in: a second instance defers to the first and quits at once', async ({ target }) => {
  test.skip(target !== 'standin', 'the lock is scripted in the stand-in');
  const second = await launchStandin({ env: { STANDIN_LOCK_HELD: '1' } });
  try {
    expect(await second.exited).toEqual({ code: 0, signal: null });
    expect(second.state?.windows ?? []).toEqual([]);
  } finally {
    await second.close();
  }
});
