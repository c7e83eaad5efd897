// Rings on the desktop: a ring raises exactly one OS notification (shown once, at once: a first-time
// consumer is "A consumer", a returning one is named) and one tray item (named as soon as the profile
// arrives); clicking the notification brings the window to that ring; Accept in the tray joins the
// conversation; an expired ring's notification goes away. Consumers are opened by the test over the
// demo simulator's HTTP consumer API (LPAD_DEMO_PORT, LPAD_DEMO_CONSUMERS=off), one at a time, so
// every ring and every notification is one this spec made.
import type { Page } from '@playwright/test';
import type { StandinApp } from '../electron-standin/launch';
import { expect, test, type DemoSim } from './fixtures';
import { recordEvents, untilOnline, waitForEvent } from './page-helpers';
import { acceptItems, consumerName, notificationsSince, ringNotifications, trayItems } from './standin-helpers';

test.use({ demoSim: true });
test.skip(({ target }) => target !== 'standin', 'notifications and the tray are reachable through stand-in hooks only');

/**
 * A consumer opens a conversation on Billing (a new one, or `returning` = an earlier consumerId);
 * resolves when its notification and its tray item (with the consumer's name) exist.
 */
async function ring(app: { page: Page; standin?: StandinApp; demo?: DemoSim }, tag: string, returning?: { consumerId: string; who: ReturnType<typeof consumerName> }) {
  const standin = app.standin!;
  await untilOnline(app.page);
  const who = returning?.who ?? consumerName(tag);
  const before = (await standin.snapshot()).notifications.length;
  const text = 'Hello, my invoice is wrong';
  const { conversationId, consumerId } = await app.demo!.open(returning
    ? { consumerId: returning.consumerId, skillId: '11', text }
    : { firstName: who.firstName, lastName: who.lastName, skillId: '11', text });
  const label = new RegExp(`^Accept — ${who.full} · Billing · \\d+:\\d\\d left$`);
  const found = await standin.waitFor((s) => {
    const n = notificationsSince(s, before).find((x) => x.shown > 0 && !x.closed);
    const item = acceptItems(s).find((i) => label.test(i.label ?? ''));
    return n && item ? { n, item } : undefined;
  }, { what: `a notification and a tray item for ${who.full}` });
  const ringId = found.item.id!.slice('accept:'.length);
  return { who, conversationId, consumerId, ringId, notification: found.n, label, before };
}

test('a ring raises exactly one notification and one tray item; clicking the notification focuses the window on it', async ({ app }) => {
  const standin = app.standin!;
  await recordEvents(app.page, 'ui/focus');
  const { ringId, notification, label, before } = await ring(app, 'Click');
  // Raised the moment the ring came: a first-time consumer's name is not known yet (the tray has it).
  expect(notification).toMatchObject({ title: 'New conversation request', urgency: 'critical', timeoutType: 'never', clicked: 0, shown: 1 });
  expect(notification.body).toMatch(/^A consumer · Billing · \d+:\d\d left$/);

  // The window is hidden (tray: Hide window) when the user clicks the notification.
  await standin.clickTrayItem('toggle-window');
  await standin.waitFor((s) => s.windows[0]?.visible === false, { what: 'the window to hide' });
  await standin.clickNotification(notification.id);
  await standin.waitFor((s) => s.windows[0]?.visible && s.windows[0].focused, { what: 'the window to show and focus' });
  expect(await waitForEvent(app.page, 'ui/focus', { ringId })).toEqual({ ringId });

  // Still exactly one of each for this ring, shown once (the ring's later updates, e.g. the consumer's name, add none).
  const s = await standin.snapshot();
  expect(notificationsSince(s, before)).toHaveLength(1);
  expect(notificationsSince(s, before)[0]).toMatchObject({ clicked: 1, shown: 1 });
  expect(acceptItems(s).filter((i) => label.test(i.label ?? ''))).toHaveLength(1);
  expect(acceptItems(s)).toHaveLength(1);
  expect(s.app.badgeCount).toBe(1);
});

test('Accept in the tray joins the conversation and brings the window up; the simulator sees the ring ACCEPTED', async ({ app }) => {
  const standin = app.standin!;
  await recordEvents(app.page, 'conversation/upsert', 'ring/ended', 'ui/focus');
  const { conversationId, ringId, notification, before } = await ring(app, 'Tray');
  // The agent works elsewhere: the window is hidden when they accept from the tray.
  await standin.clickTrayItem('toggle-window');
  await standin.waitFor((s) => s.windows[0]?.visible === false, { what: 'the window to hide' });

  await standin.clickTrayItem(`accept:${ringId}`);
  // Accepting brings the window up, focused, on that conversation (the next step is to chat).
  await standin.waitFor((s) => s.windows[0]?.visible && s.windows[0].focused, { what: 'the window to show and focus after accept' });
  const conv = await waitForEvent(app.page, 'conversation/upsert', { conversationId, mine: true });
  expect(conv.state).toBe('OPEN');
  expect(await waitForEvent(app.page, 'ring/ended', { reason: 'accepted' })).toMatchObject({ ring: { ringId } });
  await waitForEvent(app.page, 'ui/focus', { ringId });

  // The simulator applied UpdateRingState ACCEPTED (it sent the upsert above after doing so).
  const view = await app.demo!.conversation(conversationId);
  expect(view.rings.find((r) => r.ringId === ringId)?.ringState).toBe('ACCEPTED');
  expect(view.participants.ASSIGNED_AGENT ?? []).toHaveLength(1);

  // The ring is gone from the OS side: notification closed, no tray item, no badge.
  await standin.waitFor((s) => s.notifications.find((n) => n.id === notification.id)?.closed && acceptItems(s).length === 0 && s.app.badgeCount === 0, { what: 'the notification and tray item to go' });
  const accept = trayItems(await standin.snapshot()).find((i) => i.id === 'accept-oldest');
  expect(accept?.enabled).toBe(false);
  expect(notificationsSince(await standin.snapshot(), before)).toHaveLength(1);
});

test('a returning consumer is named in the notification; one notification per ring, each shown once', async ({ app }) => {
  const standin = app.standin!;
  const first = await ring(app, 'Back');
  expect(first.notification.body).toMatch(/^A consumer · Billing · /);
  await app.demo!.close(first.conversationId);
  await standin.waitFor((s) => s.notifications[first.before]?.closed && acceptItems(s).length === 0, { what: 'the first ring to end' });
  // The same consumer comes back: their profile is known now, so the alert names them at once.
  const again = await ring(app, 'Back', { consumerId: first.consumerId, who: first.who });
  expect(again.ringId).not.toBe(first.ringId);
  expect(again.notification.body).toMatch(new RegExp(`^${first.who.full} · Billing · \\d+:\\d\\d left$`));
  const s = await standin.snapshot();
  expect(notificationsSince(s, first.before).map((n) => n.shown)).toEqual([1, 1]);
  expect(ringNotifications(s, first.who.full)).toHaveLength(1);
});

test('a waiting ring stays ONE notification and ONE tray item across a reconnect (rings re-sent on re-subscribe)', async ({ app }) => {
  const standin = app.standin!;
  const { ringId, label, before } = await ring(app, 'Resume');
  await recordEvents(app.page, 'connection/state');
  await app.power('resume');
  await app.page.waitForFunction(() => {
    const phases = ((window as unknown as { __e2e?: Record<string, Array<{ phase: string }>> }).__e2e?.['connection/state'] ?? []).map((c) => c.phase);
    const left = phases.findIndex((p) => p !== 'online');
    return left >= 0 && phases.slice(left + 1).includes('online');
  });
  // After the re-subscription the ring is still the one waiting ring the app knows.
  await app.page.waitForFunction((id) => window.lp.sessionSnapshot().then((s) => s.session.rings.some((r) => r.ringId === id && r.state === 'WAITING')), ringId);
  const s = await standin.snapshot();
  expect(notificationsSince(s, before)).toHaveLength(1);
  expect(notificationsSince(s, before)[0]).toMatchObject({ closed: false, shown: 1 });
  expect(acceptItems(s).filter((i) => label.test(i.label ?? ''))).toHaveLength(1);
});

test.describe('with a short ring expiration', () => {
  test.use({ appEnv: { LPAD_RING_EXPIRATION_MS: '3000' } });

  test("an expired ring's notification closes and its tray item goes", async ({ app }) => {
    const standin = app.standin!;
    await recordEvents(app.page, 'ring/ended');
    const { ringId, notification } = await ring(app, 'Expire');
    expect(await waitForEvent(app.page, 'ring/ended', { reason: 'expired' })).toMatchObject({ ring: { ringId } });
    await standin.waitFor((s) => s.notifications.find((n) => n.id === notification.id)?.closed && !acceptItems(s).some((i) => i.id === `accept:${ringId}`), { what: 'the expired ring to leave notification and tray' });
    expect(standin.notifications().find((n) => n.id === notification.id)?.clicked).toBe(0);
  });
});
