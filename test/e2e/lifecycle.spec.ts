// The app's life with the OS: a second instance hands over to the first (its window comes back and
// takes focus); waking from sleep reconnects instead of trusting the old socket.
import { expect, test } from './fixtures';
import { liveLogin, startLiveSimulator } from './live-login';
import { recordEvents, untilOnline } from './page-helpers';

test.use({ appEnv: { LPAD_DEMO_CONSUMERS: 'off' } });

test('a second instance shows and focuses the first one\'s window', async ({ app }) => {
  if (app.standin) {
    await app.standin.clickTrayItem('toggle-window'); // Hide window
    await app.standin.waitFor((s) => s.windows[0]?.visible === false, { what: 'the window to hide' });
    await app.secondInstance(['--second']);
    const w = await app.standin.waitFor((s) => s.windows[0]?.visible && s.windows[0].focused && s.windows[0], { what: 'the window to come back' });
    expect(w.destroyed).toBe(false);
  } else {
    const electron = app.electron!;
    await electron.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.hide());
    await app.secondInstance(['--second']);
    await expect.poll(() => electron.evaluate(({ BrowserWindow }) => {
      const w = BrowserWindow.getAllWindows()[0];
      return !!w && w.isVisible();
    })).toBe(true);
  }
  // Still one window, still the same app.
  expect(await app.page.evaluate(() => window.lp.appState().then((s) => s.mode))).toMatch(/^(demo|signed-out)$/);
});

test('power resume reconnects: the simulator sees a new socket and the session is online again', async ({ app }) => {
  const { sim, agent } = await startLiveSimulator();
  try {
    await untilOnline(app.page);
    await liveLogin(app.page, agent, sim.csdsUrl, false);
    const before = sim.inspect.sockets().filter((s) => s.username === agent.username).map((s) => s.socketId);
    expect(before).toHaveLength(1);
    await recordEvents(app.page, 'connection/state');
    const opened = sim.waitFor('socketOpen', (e) => e.username === agent.username && !before.includes(e.socketId), 10_000);

    await app.power('resume');
    const next = await opened;
    // Online again, on the new socket, after having left 'online' (a real reconnect, not a no-op).
    await app.page.waitForFunction(() => {
      const phases = ((window as unknown as { __e2e?: Record<string, Array<{ phase: string }>> }).__e2e?.['connection/state'] ?? []).map((c) => c.phase);
      const left = phases.findIndex((p) => p !== 'online');
      return left >= 0 && phases.slice(left + 1).includes('online');
    });
    const snap = await app.page.evaluate(() => window.lp.sessionSnapshot());
    expect(snap.session.connection.phase).toBe('online');
    expect(snap.session.connection.reconnects).toBeGreaterThanOrEqual(1);
    expect(sim.inspect.sockets().filter((s) => s.username === agent.username).map((s) => s.socketId)).toEqual([next.socketId]);
  } finally {
    await sim.close();
  }
});
