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
    await app.waitForLog(/fixture: loaded/);
  }, 20_000);

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
    const ipc = app.state?.ipc ?? [];
    expect(ipc.filter((e) => e.channel === 'lp:req:ring/accept').map((e) => e.ok)).toEqual([true, false]);
    expect(ipc.find((e) => e.kind === 'event')?.channel).toBe('lp:evt:ring/updated');
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
    expect(tray.menu?.map((i) => i.label ?? i.type)).toEqual(['Accept oldest ring', 'separator', 'Status', 'Quit']);
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
  });

  it('quits through the tray: before-quit, then the process ends with 0', async () => {
    await app.clickTrayItem('Quit');
    expect(await app.exited).toEqual({ code: 0, signal: null });
    expect(app.logs.some((l) => l.includes('before-quit'))).toBe(true);
  });
});
