// Demo mode, observed through the contract: with no saved account the app starts the simulator
// in-process, signs in as its demo agent and goes online; the tray follows availability changes.
import { expect, test } from './fixtures';
import { recordEvents, untilMode, untilOnline } from './page-helpers';
import { trayItems } from './standin-helpers';

test.use({ demoSim: true });

test('demo mode starts and goes online', async ({ app }) => {
  const snapshot = await untilOnline(app.page);
  await untilMode(app.page, 'demo');
  expect(snapshot.session.connection.phase).toBe('online');
  expect(snapshot.session.profile?.accountId).toBeTruthy();
  const state = await app.page.evaluate(() => window.lp.appState());
  expect(state).toMatchObject({ mode: 'demo', account: { username: 'agent1' }, secretsPersisted: false });
  // The demo simulator listens where LPAD_DEMO_PORT said, with no automatic consumers (LPAD_DEMO_CONSUMERS=off).
  const res = await app.demo!.fetch('/sim/consumer/conversations');
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual([]);
  if (app.standin) {
    await app.standin.waitFor((s) => s.trays.some((t) => !t.destroyed && t.tooltip === 'LP Agent Desktop — Online (demo)'), { what: 'the tray to say online (demo)' });
  }
});

test('the tray reflects availability changes, both ways', async ({ app, target }) => {
  test.skip(target !== 'standin', 'the tray is reachable through stand-in hooks only');
  const standin = app.standin!;
  await untilOnline(app.page);
  const checked = (availability: string) => standin.waitFor((s) => {
    const items = trayItems(s).filter((i) => i.id?.startsWith('availability:'));
    const on = items.filter((i) => i.checked).map((i) => i.id);
    return on.length === 1 && on[0] === `availability:${availability}` && items.every((i) => i.enabled);
  }, { what: `the tray to show ${availability}` });
  await checked('ONLINE');
  await recordEvents(app.page, 'agent/availability');

  // Changed in the window (through the contract) → the tray follows: radio item and tooltip.
  await app.page.evaluate(() => window.lp.agentSetAvailability({ availability: 'AWAY' }));
  await checked('AWAY');
  await standin.waitFor((s) => s.trays.some((t) => !t.destroyed && t.tooltip === 'LP Agent Desktop — Away (demo)'), { what: 'tooltip Away' });

  // Changed in the tray → the session changes and the window hears of it.
  await standin.clickTrayItem('availability:BACK_SOON');
  await app.page.waitForFunction(() => ((window as unknown as { __e2e?: Record<string, unknown[]> }).__e2e?.['agent/availability'] ?? []).includes('BACK_SOON'));
  await checked('BACK_SOON');
  const snap = await app.page.evaluate(() => window.lp.sessionSnapshot());
  expect(snap.session.availability).toBe('BACK_SOON');

  await standin.clickTrayItem('availability:ONLINE');
  await checked('ONLINE');
  await standin.waitFor((s) => s.trays.some((t) => !t.destroyed && t.tooltip === 'LP Agent Desktop — Online (demo)'), { what: 'tooltip Online' });
});
