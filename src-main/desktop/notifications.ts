/**
 * Ring alerts. `decideRingAlert` (pure) says whether and how to raise an OS notification for a ring;
 * `createRingNotifier` applies it: notifications are kept in a Map by ring id until clicked, closed
 * or the ring ends (a garbage-collected Notification loses its handlers). The alert goes up the
 * moment the ring arrives, with what is known then: the consumer's name when their profile is
 * already known (a returning consumer), else "A consumer". It is never re-shown to add a detail —
 * Electron's show() on a shown notification dismisses it and pops a new one — the tray item and the
 * window show the name as soon as it arrives. Click → show and focus
 * the window and send `ui/focus`; the Accept action (Windows/macOS only) accepts the ring — the
 * button is found by `details.actionIndex` (the positional index argument is deprecated). When
 * notifications are unsupported or fail, the window flashes (dock bounces) and gets a `ui/banner`.
 * Text is inert and capped (os-text.ts); on Linux the body is also escaped for the notification
 * daemon (`notificationMarkup`). The toast is silent whenever the app plays the ring sound itself
 * (attention/: sound on and a window to play it), so an OS that sounds toasts does not double it;
 * it sounds only when sound is on and no window exists to play it (macOS with the window closed).
 */
import type { EventName, EventPayloads, Settings } from '../../src-preload/api';
import type { Ring, Skill } from '../lp/index';
import { OS_TEXT_LIMITS, osText } from './os-text';
import { ringSummary } from './ring-text';
import { t } from './i18n';

/** The index of the Accept button in a ring notification's actions (its only one). */
const ACCEPT_ACTION = 0;

export interface RingAlert {
  show: boolean;
  /** Why not shown (for logs/tests). */
  reason?: 'notifications-off' | 'window-focused' | 'not-waiting';
  silent: boolean;
  title: string;
  body: string;
  actions: Array<{ type: 'button'; text: string }>;
  urgency: 'critical';
  timeoutType: 'never';
}

const MARKUP_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/**
 * Markup-escaped for a Linux notification daemon. Electron passes the body to libnotify as is, and
 * the daemons parse a small markup subset in which GNOME accepts only the five named entities
 * `&amp; &lt; &gt; &quot; &apos;` — a numeric `&#39;` is shown literally ("O&#39;Brien").
 */
export function escapeMarkup(text: string): string {
  return text.replace(/[&<>"']/g, (c) => MARKUP_ENTITIES[c] ?? c);
}

/** The body as the platform's notification service needs it: escaped on Linux, as is on macOS and Windows. */
export function notificationMarkup(text: string, platform: string): string {
  return platform === 'linux' ? escapeMarkup(text) : text;
}

/** The plain (unescaped) ring line: inert, capped. Also the in-window banner text. */
export function ringAlertText(ring: Ring, skills: readonly Skill[], now: number): string {
  return osText(ringSummary(ring, skills, now), { maxLength: OS_TEXT_LIMITS.notificationBody });
}

export function decideRingAlert(
  ring: Ring,
  settings: Pick<Settings, 'notifications' | 'sound' | 'onlyWhenUnfocused'>,
  windowFocused: boolean,
  platform: string,
  /** `appPlaysSound`: a window exists to play the app's own ring sound (default true). */
  context: { skills?: readonly Skill[]; now?: number; appPlaysSound?: boolean } = {},
): RingAlert {
  const now = context.now ?? Date.now();
  const text = ringAlertText(ring, context.skills ?? [], now);
  let reason: RingAlert['reason'];
  if (ring.state !== 'WAITING') reason = 'not-waiting';
  else if (!settings.notifications) reason = 'notifications-off';
  else if (settings.onlyWhenUnfocused && windowFocused) reason = 'window-focused';
  const alert: RingAlert = {
    show: reason === undefined,
    // Muted: no sound at all. Sound on: the app's own ring sound, unless it has no window to play it.
    silent: !settings.sound || (context.appPlaysSound ?? true),
    title: notificationMarkup(osText(t('notification.newRequest'), { maxLength: OS_TEXT_LIMITS.notificationTitle }), platform),
    body: notificationMarkup(text, platform),
    actions: platform === 'win32' || platform === 'darwin' ? [{ type: 'button', text: t('notification.accept') }] : [],
    urgency: 'critical',
    timeoutType: 'never',
  };
  if (reason) alert.reason = reason;
  return alert;
}

export interface NotificationLike {
  show(): void;
  close(): void;
  on(event: 'click', listener: () => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  on(event: 'failed', listener: (event: unknown, error: string) => void): unknown;
  on(event: 'action', listener: (details: { actionIndex?: number }) => void): unknown;
}

export interface NotificationClass {
  new (options: { title: string; body: string; silent: boolean; urgency: 'critical'; timeoutType: 'never'; actions: Array<{ type: 'button'; text: string }>; icon?: string }): NotificationLike;
  isSupported(): boolean;
}

export interface AttentionWindow {
  isFocused(): boolean;
  isDestroyed(): boolean;
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
  flashFrame(flag: boolean): void;
}

export interface RingNotifierDeps {
  Notification: NotificationClass;
  platform: string;
  settings(): Settings;
  window(): AttentionWindow | null;
  skills(): readonly Skill[];
  emit<N extends EventName>(name: N, data: EventPayloads[N]): void;
  acceptRing(ringId: string): Promise<void>;
  bounceDock?(): void;
  /** Brings the window up, re-creating it when it was closed (macOS); default: show window(). */
  showWindow?(): void;
  icon?: string;
  now?(): number;
  log(message: string): void;
}

export interface RingNotifier {
  offered(ring: Ring): void;
  ended(ringId: string): void;
  /** Ring ids with a live notification (tests, diagnostics). */
  open(): string[];
  closeAll(): void;
}

export function createRingNotifier(deps: RingNotifierDeps): RingNotifier {
  const live = new Map<string, NotificationLike>();

  const focusWindow = (): void => {
    if (deps.showWindow) {
      deps.showWindow();
      return;
    }
    const w = deps.window();
    if (!w || w.isDestroyed()) return;
    if (w.isMinimized()) w.restore();
    w.show();
    w.focus();
  };

  const fallback = (ring: Ring, text: string): void => {
    const w = deps.window();
    if (w && !w.isDestroyed() && !w.isFocused()) w.flashFrame(true);
    deps.bounceDock?.();
    deps.emit('ui/banner', { ringId: ring.ringId, text });
  };

  const forget = (ringId: string, n: NotificationLike): void => {
    if (live.get(ringId) === n) live.delete(ringId);
  };

  return {
    offered(ring) {
      if (live.has(ring.ringId)) return;
      const w = deps.window();
      const alive = !!w && !w.isDestroyed();
      const focused = alive && w.isFocused();
      const alert = decideRingAlert(ring, deps.settings(), focused, deps.platform, { skills: deps.skills(), now: deps.now?.(), appPlaysSound: alive });
      const plain = ringAlertText(ring, deps.skills(), deps.now?.() ?? Date.now());
      if (!alert.show) {
        // Notifications off and the user is elsewhere: still draw attention, inside the app.
        if (alert.reason === 'notifications-off' && !focused) fallback(ring, plain);
        return;
      }
      // Windows Focus Assist drops toasts without a 'failed': the taskbar button flashes on every
      // ring as well (focusing the window stops it, window-phase.ts).
      if (deps.platform === 'win32' && w && !w.isDestroyed() && !focused) w.flashFrame(true);
      if (!deps.Notification.isSupported()) {
        fallback(ring, plain);
        return;
      }
      let n: NotificationLike;
      try {
        n = new deps.Notification({
          title: alert.title, body: alert.body, silent: alert.silent, urgency: alert.urgency,
          timeoutType: alert.timeoutType, actions: alert.actions, ...(deps.icon ? { icon: deps.icon } : {}),
        });
        live.set(ring.ringId, n);
        n.on('click', () => {
          forget(ring.ringId, n);
          focusWindow();
          deps.emit('ui/focus', { ringId: ring.ringId });
        });
        n.on('close', () => forget(ring.ringId, n));
        n.on('failed', (_e, error) => {
          forget(ring.ringId, n);
          deps.log(`notification failed: ${error}`);
          fallback(ring, plain);
        });
        n.on('action', (details) => {
          const index = details.actionIndex;
          if (index !== ACCEPT_ACTION || alert.actions[index] === undefined) return; // the one button: Accept
          forget(ring.ringId, n);
          deps.acceptRing(ring.ringId).catch((err: unknown) => deps.log(`accept from notification failed: ${err instanceof Error ? err.message : String(err)}`));
        });
        n.show();
      } catch (err) {
        live.delete(ring.ringId);
        deps.log(`notification could not be shown: ${err instanceof Error ? err.message : String(err)}`);
        fallback(ring, plain);
      }
    },
    ended(ringId) {
      const n = live.get(ringId);
      if (!n) return;
      live.delete(ringId);
      try {
        n.close();
      } catch {
        // Already gone.
      }
    },
    open: () => [...live.keys()],
    closeAll() {
      for (const id of [...live.keys()]) this.ended(id);
    },
  };
}
