// The app on each platform's quirks, with the platform selected in the stand-in (STANDIN_PLATFORM):
// Windows shutdown signs out; macOS makes a closed window again; closing with open conversations
// asks once; a maximised window comes back without a white flash. Platform injection exists only in
// the stand-in, so these run there (the electron project runs the rest of the suite).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchStandin, type StandinApp } from '../electron-standin/launch';
import { builtMain, expect, test } from './fixtures';
import { liveLogin, startLiveSimulator } from './live-login';
import { untilOnline } from './page-helpers';

test.skip(({ target }) => target === 'electron', 'the platform is chosen by the stand-in (STANDIN_PLATFORM); real Electron runs on its own OS');

const dirs: string[] = [];
const apps: StandinApp[] = [];
test.afterEach(async () => {
  for (const a of apps.splice(0)) await a.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function launch(env: Record<string, string>, settingsFile?: unknown): Promise<StandinApp> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'lp-e2e-platform-'));
  dirs.push(userDataDir);
  if (settingsFile !== undefined) {
    mkdirSync(userDataDir, { recursive: true });
    writeFileSync(join(userDataDir, 'settings.json'), JSON.stringify(settingsFile));
  }
  const app = await launchStandin({ env: { LPAD_DEMO_CONSUMERS: 'off', ...env }, userDataDir, main: builtMain() });
  apps.push(app);
  // The first load, given room on a loaded machine (eight test runs share two cores here).
  await app.waitFor((s) => s.windows[0]?.loaded, { what: 'the first page load', timeout: 60_000 });
  return app;
}

test('Windows shutdown / log-off (no before-quit comes): the agent is signed out on the server and the app ends', async () => {
  const { sim, agent } = await startLiveSimulator();
  try {
    const app = await launch({ STANDIN_PLATFORM: 'win32' });
    const page = await app.firstWindow();
    await untilOnline(page);
    await liveLogin(page, agent, sim.csdsUrl, false);
    expect(sim.inspect.logoutCount(agent.username)).toBe(0);
    await app.endSession(['logoff']);
    expect(await app.exited).toEqual({ code: 0, signal: null });
    expect(sim.inspect.logoutCount(agent.username)).toBe(1);
    expect(sim.inspect.sockets().filter((s) => s.username === agent.username)).toEqual([]);
  } finally {
    await sim.close();
  }
});

test('macOS: closing the window keeps the app running; the Dock icon (activate) and the tray bring a new window', async () => {
  const app = await launch({ STANDIN_PLATFORM: 'darwin' });
  const page = await app.firstWindow();
  await untilOnline(page);
  await app.closeWindow();
  await app.waitFor((s) => s.windows[0]?.destroyed, { what: 'the window to close' });
  expect(app.running).toBe(true);
  await app.activate();
  const second = await app.waitFor((s) => s.windows.find((w) => !w.destroyed && w.visible && w.loaded), { what: 'a new window' });
  expect(second.id).not.toBe(1);
  expect(second.shownBeforeLoad).toBe(false);
  // The new window is a working app window: the same session, over IPC.
  const next = await app.window(second.id);
  expect(await next.evaluate(() => window.lp.appState().then((s) => s.mode))).toBe('demo');
  // Closed again, then the tray's Show brings it back too.
  await app.closeWindow();
  await app.waitFor((s) => s.windows.every((w) => w.destroyed), { what: 'the second window to close' });
  await app.clickTrayItem('toggle-window');
  await app.waitFor((s) => s.windows.filter((w) => !w.destroyed && w.visible).length === 1, { what: 'a window from the tray' });
  expect(app.state?.app.dock).toBeDefined();
});

test('closing with an open conversation asks once: "Keep running in the tray" hides and is remembered', async () => {
  const { sim, agent } = await startLiveSimulator();
  try {
    const app = await launch({});
    const page = await app.firstWindow();
    await untilOnline(page);
    await liveLogin(page, agent, sim.csdsUrl, false);
    await sim.consumers.open({ skillId: '21', text: 'Hello there' });
    await page.waitForFunction(() => window.lp.sessionSnapshot().then((s) => s.session.rings.length === 1));
    await page.evaluate(() => window.lp.ringAcceptOldest());
    await page.waitForFunction(() => window.lp.sessionSnapshot().then((s) => s.session.conversations.some((c) => c.state === 'OPEN')));

    await app.nextDialogResponse(0); // Keep running in the tray
    await app.closeWindow();
    const asked = await app.waitFor((s) => s.dialogs.find((d) => d.fn === 'showMessageBox' && d.message?.startsWith('You have')), { what: 'the question' });
    expect(asked.buttons).toEqual(['Keep running in the tray', 'Sign out and quit', 'Cancel']);
    await app.waitFor((s) => s.windows[0]?.visible === false && !s.windows[0].destroyed, { what: 'the window to hide' });
    expect(await page.evaluate(() => window.lp.settingsGet().then((s) => s.closeWithOpenConversations))).toBe('tray');
    expect(sim.inspect.logoutCount(agent.username)).toBe(0);

    // Remembered: the next close hides without asking.
    await app.clickTrayItem('toggle-window');
    await app.waitFor((s) => s.windows[0]?.visible, { what: 'the window to come back' });
    await app.closeWindow();
    await app.waitFor((s) => s.windows[0]?.visible === false, { what: 'the window to hide again' });
    expect(app.state?.dialogs.filter((d) => d.message?.startsWith('You have'))).toHaveLength(1);
  } finally {
    await sim.close();
  }
});

test('a window saved maximised comes back maximised only once drawn (no white flash), with the theme background', async () => {
  const app = await launch({ STANDIN_DARK: '1' }, {
    schemaVersion: 1,
    settings: { theme: 'system' },
    windowBounds: { x: 40, y: 30, width: 1000, height: 700, maximized: true },
  });
  await app.firstWindow();
  const w = await app.waitFor((s) => s.windows[0]?.visible && s.windows[0], { what: 'the window to show' });
  expect(w.maximized).toBe(true);
  expect(w.shownBeforeLoad).toBe(false);
  expect(w.backgroundColor).toBe('#15181d');
  // Closing saves the normal bounds, not the maximised ones.
  await app.quit();
  const saved = JSON.parse(readFileSync(join(app.userDataDir, 'settings.json'), 'utf8')) as { windowBounds: unknown };
  expect(saved.windowBounds).toEqual({ x: 40, y: 30, width: 1000, height: 700, maximized: true });
});
