/** Reading the stand-in's recorded OS side: ring notifications and tray menu items. */
import type { RecordedMenuItem, RecordedNotification, StandinState } from '../electron-standin/launch';

export function trayItems(s: StandinState): RecordedMenuItem[] {
  return s.trays.filter((t) => !t.destroyed).at(-1)?.menu ?? [];
}

/** The tray's "Accept — …" items (one per waiting ring). */
export function acceptItems(s: StandinState): RecordedMenuItem[] {
  return trayItems(s).filter((i) => i.id?.startsWith('accept:'));
}

/** Ring notifications whose body names this consumer (a returning one: first-timers are "A consumer"). */
export function ringNotifications(s: StandinState, consumer: string): RecordedNotification[] {
  return s.notifications.filter((n) => n.body.startsWith(`${consumer} · `));
}

/** Notifications created after the first `from` ones (a spec's own, when it opens one consumer at a time). */
export function notificationsSince(s: StandinState, from: number): RecordedNotification[] {
  return s.notifications.slice(from);
}

/** Unique consumer names per test, so a spec never confuses its ring with another. */
export function consumerName(tag: string): { firstName: string; lastName: string; full: string } {
  const lastName = `${tag}${Math.random().toString(36).slice(2, 7)}`;
  return { firstName: 'Dana', lastName, full: `Dana ${lastName}` };
}
