/**
 * The stand-in itself: a fixture main (fixture-main.ts) that touches every piece, run in a child
 * process exactly like the app, driven through the launcher's hooks. Builds dist/ when stale.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from './ensure-built';
import { launchStandin, projectRoot, type StandinApp } from './launch';

describe('electron stand-in (fixture main in a child process)', () => {
  let app: StandinApp;

  beforeAll(async () => {
    ensureBuilt({ fresh: false });
    const main = join(projectRoot, 'test-results', '.standin', 'fixture-main.mjs');
    await build({
      entryPoints: [join(projectRoot, 'test', 'electron-standin', 'fixture-main.ts')],
      outfile: main, bundle: true, platform: 'node', format: 'esm', target: 'node22', external: ['electron'], logLevel: 'warning',
    });
    app = await launchStandin({ main, env: { FIXTURE_ROOT: projectRoot, STANDIN_SHORTCUT_CLASH: 'CommandOrControl+Shift+L' } });
    // Room for the first load on a loaded machine (eight test runs share two cores here).
    await app.waitForLog(/fixture: loaded/, { timeout: 60_000 });
  }, 90_000);

  afterAll(async () => {
    await app?.close();
  });

  it('redirects ESM and CommonJS `electron` to one instance', async () => {
    await app.waitForLog(/same-instance true/);
  });

  it('records the window with its webPreferences, shown on ready-to-show', async () => {
    const w = await app.waitFor((s) => s.windows[0]?.visible && s.windows[0]);
    expect(w.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true });
    expect(w.url).toMatch(/dist\/renderer\/index\.html$/);
    expect(app.state?.app.sandboxEnabled).toBe(true);
  });

  it('bridges ipcRenderer.invoke ↔ ipcMain.handle and webContents.send → ipcRenderer.on, as the preload bridge reports errors', async () => {
    const page = await app.firstWindow();
    const got = await page.evaluate(async () => {
      const updated = new Promise<unknown>((resolve) => {
        const off = window.lp.onRingUpdated((data, seq) => {
          off();
          resolve({ data, seq });
        });
      });
      const result = await window.lp.ringAccept({ ringId: 'r1' });
      const error = await window.lp.ringAccept({ ringId: 'bad' }).then(() => '', (e: Error) => e.message);
      return { result, updated: await updated, error };
    });
    expect(got.result).toBeNull();
    expect(got.updated).toEqual({ data: { ringId: 'r1', state: 'ACCEPTED' }, seq: 1 });
    // The stand-in rejects with Electron's wording ("Error invoking remote method '…': Error: …");
    // the app's preload bridge strips that prefix (src-preload/bridge.ts, test/desktop/bridge.test.ts).
    expect(got.error).toBe('no such ring');
    // The state push and the page's answer travel on different pipes: wait for the state, do not assume it.
    const ipc = await app.waitFor((st) => (st.ipc.filter((e) => e.channel === 'lp:req:ring/accept').length === 2 ? st.ipc : undefined), { what: 'both invokes recorded' });
    expect(ipc.filter((e) => e.channel === 'lp:req:ring/accept').map((e) => e.ok)).toEqual([true, false]);
    expect(ipc.find((e) => e.kind === 'event')?.channel).toBe('lp:evts');
  });

  it('records notifications and clicks them and their actions', async () => {
    const n = await app.waitFor((s) => s.notifications.find((x) => x.shown > 0));
    expect(n).toMatchObject({ title: 'New conversation', urgency: 'critical', timeoutType: 'never', actions: [{ type: 'button', text: 'Accept' }] });
    await app.setWindowFocused(false);
    await app.clickNotification(n.id);
    await app.waitForLog(/notification click/);
    await app.waitFor((s) => s.windows[0]?.focused);
    await app.notificationAction(n.id, 0);
    await app.waitForLog(/notification action 0/);
    await app.dismissNotification(n.id);
    await app.waitForLog(/notification closed/);
    await expect(app.clickNotification(n.id)).rejects.toThrow(/no live notification/);
  });

  it('records the tray and clicks menu items by id or label', async () => {
    const tray = await app.waitFor((s) => s.trays[0]?.menu && s.trays[0]);
    expect(tray.image).toMatch(/build\/tray\/online\.png$/);
    expect(tray.tooltip).toBe('LP Agent Desktop — online');
    expect((await app.osCalls())['tray.setToolTip']).toBe(1); // the fixture sets it once; the flood bench counts these
    expect(tray.menu?.map((i) => i.label ?? i.type)).toEqual(['Accept oldest ring', 'separator', 'Status', 'Rebuild menu', 'Quit']);
    await app.clickTrayItem('accept-oldest');
    await app.waitForLog(/tray accept-oldest/);
    await app.clickTrayItem('Away');
    await app.waitForLog(/tray away/);
    await app.clickTray();
    await app.waitForLog(/tray click/);
    await expect(app.clickTrayItem('Nope')).rejects.toThrow(/no menu item "Nope"/);
    await app.waitForLog(/tray-icon 16x16/);
  });

  it('encrypts with safeStorage: reversible, and no plaintext on disk', async () => {
    await app.waitForLog(/secret-roundtrip true backend=gnome_libsecret/);
    const raw = readFileSync(join(app.userDataDir, 'secret.bin'));
    expect(raw.includes(Buffer.from('hunter2-password'))).toBe(false);
    for (const f of readdirSync(app.userDataDir).filter((x) => !x.startsWith('.'))) {
      expect(readFileSync(join(app.userDataDir, f)).includes(Buffer.from('hunter2'))).toBe(false);
    }
  });

  it('scripts globalShortcut clashes and presses, powerMonitor events, second instances, shell and badge', async () => {
    await app.waitForLog(/fixture: shortcut true/);
    await app.waitForLog(/shortcut-clash false/);
    await app.pressShortcut('CommandOrControl+Shift+A');
    await app.waitForLog(/shortcut pressed/);
    await app.power('resume');
    await app.waitForLog(/fixture: resume/);
    await app.power('lock-screen');
    await app.waitForLog(/lock-screen idle=locked/);
    expect(await app.secondInstance(['--from-test'])).toBe(true);
    await app.waitForLog(/second-instance --from-test/);
    const s = await app.snapshot();
    expect(s.shell).toEqual([{ fn: 'openExternal', arg: 'https://example.com/help' }]);
    expect(s.app.badgeCount).toBe(1);
    expect((await app.osCalls())['app.setBadgeCount']).toBe(1);
  });

  it('an unhandled rejection in main warns (as Electron does) and the process goes on', async () => {
    await app.waitForLog(/fixture-unhandled-rejection/);
    await app.waitForLog(/alive after rejection/);
    expect(app.running).toBe(true);
  });

  it('sets Electron\'s default application menu when the app sets none (View has Reload and DevTools)', () => {
    const menu = app.state?.app.applicationMenu ?? [];
    const roles = menu.map((i) => i.role);
    expect(roles).toEqual(process.platform === 'darwin'
      ? ['appMenu', 'fileMenu', 'editMenu', 'viewMenu', 'windowMenu', 'help']
      : ['fileMenu', 'editMenu', 'viewMenu', 'windowMenu', 'help']);
    expect(menu.find((i) => i.role === 'viewMenu')?.submenu?.map((i) => i.role)).toContain('toggleDevTools');
  });

  it('IPC is a structured clone: an unclonable reply or send throws instead of losing a field', async () => {
    const reply = await app.invokeAs(app.state?.windows[0]?.url ?? '', 'fixture:unclonable-reply');
    expect(reply).toEqual({ ok: false, error: "Error invoking remote method 'fixture:unclonable-reply': Error: An object could not be cloned." });
    expect(await app.invokeAs(app.state?.windows[0]?.url ?? '', 'fixture:unclonable-send')).toEqual({ ok: true, result: 'An object could not be cloned.' });
    const page = await app.firstWindow();
    const fromPage = await page.evaluate(() => window.lp.ringAccept({ ringId: (() => 1) as unknown as string }).then(() => 'resolved', (e: Error) => e.message));
    expect(fromPage).toContain('could not be cloned');
  });

  it('event.senderFrame can be null (the frame navigated or went away)', async () => {
    expect(await app.invokeFrameless('fixture:sender-frame')).toEqual({ ok: true, result: 'null' });
    expect(await app.invokeAs('file:///x/index.html', 'fixture:sender-frame')).toEqual({ ok: true, result: 'file:///x/index.html' });
  });

  it('opens a window on an in-memory partition whose onBeforeRequest sees the POST body and cancels it', async () => {
    const reply = await app.invokeAs(app.state?.windows[0]?.url ?? '', 'fixture:partition-post');
    expect(reply).toEqual({ ok: true, result: {
      method: 'POST', url: 'http://127.0.0.1:PORT/acs', body: 'SAMLResponse=PHg%2B', type: 'mainFrame', persistent: false, same: true, isDefault: false,
    } });
    const w = await app.waitFor((s) => s.windows.find((x) => x.webPreferences.partition === 'fixture-partition' && x.destroyed));
    expect(w.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true });
    expect(app.state?.webRequests).toContainEqual({ partition: 'fixture-partition', url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/acs$/) as unknown as string, method: 'POST', action: 'cancel' });
  });

  it('page visibility follows the window: minimised or hidden → document.hidden, with visibilitychange', async () => {
    const page = await app.firstWindow();
    await app.waitFor((s) => s.windows[0]?.visible);
    await page.evaluate(() => {
      const w = window as unknown as { __vis: string[] };
      w.__vis = [];
      document.addEventListener('visibilitychange', () => w.__vis.push(document.visibilityState));
    });
    expect(await page.evaluate(() => document.visibilityState)).toBe('visible');
    await app.minimizeWindow(true);
    await page.waitForFunction(() => document.hidden);
    await app.minimizeWindow(false);
    await page.waitForFunction(() => !document.hidden);
    expect(await page.evaluate(() => (window as unknown as { __vis: string[] }).__vis)).toEqual(['hidden', 'visible']);
  });

  it('the tray menu opens on a right click; replacing it while open closes it (menu-will-close)', async () => {
    const menusSet = (await app.osCalls())['tray.setContextMenu'];
    await app.clickTray(undefined, 'right');
    await app.waitForLog(/tray menu-will-show/);
    // The state push and the log line travel on different pipes: wait for the state, do not assume it.
    await app.waitFor((s) => s.trays[0]?.menuOpen === true, { what: 'the tray menu to be open' });
    await app.invokeAs(app.state?.windows[0]?.url ?? '', 'fixture:rebuild-tray-menu');
    await app.waitForLog(/tray menu-will-close/);
    await app.waitFor((s) => s.trays[0]?.menuOpen === false);
    expect((await app.osCalls())['tray.setContextMenu']).toBe(menusSet + 1);
  });

  it('a session end is Windows-only', async () => {
    await expect(app.endSession(['logoff'])).rejects.toThrow(/Windows only/);
  });

  it('quits through the tray: before-quit, then the process ends with 0', async () => {
    await app.clickTrayItem('Quit');
    expect(await app.exited).toEqual({ code: 0, signal: null });
    expect(app.logs.some((l) => l.includes('before-quit'))).toBe(true);
  });
});

/** The same fixture with another platform selected: what the app sees and what differs. */
describe.each(['win32', 'darwin'] as const)('electron stand-in as %s', (platform) => {
  let app: StandinApp;

  beforeAll(async () => {
    const main = join(projectRoot, 'test-results', '.standin', 'fixture-main.mjs');
    app = await launchStandin({ main, env: { FIXTURE_ROOT: projectRoot, STANDIN_PLATFORM: platform } });
    // Room for the first load on a loaded machine (eight test runs share two cores here).
    await app.waitForLog(/fixture: loaded/, { timeout: 60_000 });
  }, 90_000);

  afterAll(async () => {
    await app?.close();
  });

  it('the app sees the platform as process.platform; app.dock exists on macOS only', async () => {
    await app.waitForLog(new RegExp(`fixture: platform ${platform} dock ${platform === 'darwin'}`));
    expect(app.state?.app.platform).toBe(platform);
    expect(app.state?.app.dock !== undefined).toBe(platform === 'darwin');
    if (platform === 'darwin') expect(app.state?.app.dock?.badge).toBe('1'); // setBadgeCount(1) shows on the dock
  });

  it('a left click on the tray icon: Windows emits only click (no menu); macOS opens the menu too', async () => {
    await app.clickTray();
    await app.waitForLog(/fixture: tray click/);
    if (platform === 'darwin') {
      await app.waitForLog(/tray menu-will-show/);
      await app.closeTrayMenu();
      await app.waitForLog(/tray menu-will-close/);
    } else {
      expect(app.state?.trays[0]?.menuOpen).toBe(false);
      await app.clickTray(undefined, 'right');
      await app.waitForLog(/tray right-click/);
      await app.waitForLog(/tray menu-will-show/);
    }
  });

  it(platform === 'win32' ? 'Windows session end: query-session-end, then session-end, with the reasons' : 'macOS: activate, and the default menu starts with the app menu', async () => {
    if (platform === 'win32') {
      await app.endSession(['shutdown', 'critical']);
      await app.waitForLog(/fixture: query-session-end shutdown,critical/);
      await app.waitForLog(/fixture: session-end shutdown,critical/);
    } else {
      await app.activate();
      await app.waitForLog(/fixture: activate visible=true/);
      expect(app.state?.app.applicationMenu?.[0]?.role).toBe('appMenu');
    }
  });
});
