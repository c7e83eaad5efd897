/**
 * Everything that draws the agent's attention outside the OS toast for a ring: the ring escalation
 * (ring-attention.ts over escalation.ts) and unread consumer messages (unread.ts, message-toasts.ts).
 * Sounds are main's decision and the renderer's job: main emits `attention/sound` and the window
 * plays a built-in WAV through Web Audio (src-renderer/lib/sounds.ts; the renderer is the only
 * place with an audio output; a hidden window still plays). Escalation flashes the frame, bounces the dock
 * (macOS), shows the tray attention icon and, when set, brings the window to the front; calm undoes
 * it. The tray reads `tray()` (attention icon, unread total in badge and tooltip).
 */
import type { EventName, EventPayloads, Settings, SoundName, UnreadCounts } from '../../../src-preload/api';
import type { AttentionWindow } from '../notifications';
import { DEFAULT_REPEAT_EVERY_MS, type EscalationSettings } from './escalation';
import type { MessageToasts } from './message-toasts';
import { createRingAttention } from './ring-attention';
import { conversationGone, initialUnread, looking, messageArrived, unreadCleared, unreadCounts, viewChanged, type IncomingMessage, type UnreadState } from './unread';

export interface DockLike {
  bounce(type: 'critical'): number;
  cancelBounce(id: number): void;
}

export interface DesktopAttentionDeps {
  settings(): Settings;
  window(): AttentionWindow | null;
  /** macOS only (app.dock). */
  dock?: DockLike | undefined;
  emit<N extends EventName>(name: N, data: EventPayloads[N]): void;
  toasts: MessageToasts;
  renderTray(): void;
  /** Unread counts changed (badge, tooltip): a render that may wait a moment (presenters: throttled). Default renderTray. */
  renderTraySoon?(): void;
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  log(message: string): void;
}

export interface DesktopAttention {
  ringOffered(ringId: string): void;
  ringEnded(ringId: string): void;
  /** A live message; `name` is the consumer's when known. */
  message(m: IncomingMessage & { text: string }, name?: string): void;
  /** What the renderer has on screen; answers the counts. */
  viewing(conversationId: string | null): UnreadCounts;
  focusChanged(focused: boolean): void;
  conversationGone(conversationId: string): void;
  /** Sign-out, session switch, quit: every ring and count forgotten, escalation calmed. */
  clear(): void;
  tray(): { attention: boolean; unread: number };
}

export function escalationSettings(s: Settings): EscalationSettings {
  return { sound: s.sound, escalateAfterMs: s.escalateAfterSeconds * 1000, repeatEveryMs: DEFAULT_REPEAT_EVERY_MS, bringToFront: s.bringToFrontOnRing };
}

export function createDesktopAttention(deps: DesktopAttentionDeps): DesktopAttention {
  let unread: UnreadState = initialUnread;
  let bounceId: number | null = null;

  const playSound = (sound: SoundName): void => {
    const s = deps.settings();
    if (!s.sound) return;
    deps.emit('attention/sound', { sound, volume: s.soundVolume / 100 });
  };
  const liveWindow = (): AttentionWindow | null => {
    const w = deps.window();
    return w && !w.isDestroyed() ? w : null;
  };

  const rings = createRingAttention({
    settings: () => escalationSettings(deps.settings()),
    now: deps.now, setTimeout: deps.setTimeout, clearTimeout: deps.clearTimeout, log: deps.log,
    playSound: () => playSound('ring'),
    escalate: (bringToFront) => {
      const w = liveWindow();
      if (w) {
        w.flashFrame(true);
        if (bringToFront) {
          if (w.isMinimized()) w.restore();
          w.show();
          w.focus();
        }
      }
      if (deps.dock && bounceId === null) bounceId = deps.dock.bounce('critical');
      deps.renderTray();
    },
    calm: () => {
      liveWindow()?.flashFrame(false);
      if (deps.dock && bounceId !== null) deps.dock.cancelBounce(bounceId);
      bounceId = null;
      deps.renderTray();
    },
  });

  const setUnread = (next: UnreadState): void => {
    const before = unreadCounts(unread);
    unread = next;
    const after = unreadCounts(unread);
    for (const id of Object.keys(before.counts)) if (!(id in after.counts)) deps.toasts.close(id);
    if (JSON.stringify(before) === JSON.stringify(after)) return;
    deps.emit('attention/unread', after);
    (deps.renderTraySoon ?? deps.renderTray)();
  };

  return {
    ringOffered: (ringId) => rings.offered(ringId),
    ringEnded: (ringId) => rings.ended(ringId),
    message(m, name) {
      const wasLooking = looking(unread, m.conversationId);
      const r = messageArrived(unread, m);
      setUnread(r.state);
      if (!r.counted || wasLooking) return;
      if (unread.focused) return; // Another conversation on screen: the count is enough.
      const s = deps.settings();
      if (s.notifications && s.messageAlerts) deps.toasts.show({ conversationId: m.conversationId, text: m.text, ...(name ? { name } : {}) });
      if (s.messageAlerts) playSound('message');
    },
    viewing(conversationId) {
      setUnread(viewChanged(unread, { viewing: conversationId }));
      return unreadCounts(unread);
    },
    focusChanged(focused) {
      setUnread(viewChanged(unread, { focused }));
    },
    conversationGone(conversationId) {
      setUnread(conversationGone(unread, conversationId));
    },
    clear() {
      rings.clear();
      deps.toasts.closeAll();
      setUnread(unreadCleared(unread));
    },
    tray: () => ({ attention: rings.escalated(), unread: unreadCounts(unread).total }),
  };
}
