/**
 * Toasts for consumer messages in accepted conversations while the window is not focused
 * (setting `messageAlerts`, under the `notifications` switch). One toast per conversation: a newer
 * message replaces the older toast. Silent: the app plays its own softer sound. Click → the window
 * comes up on that conversation (`ui/focus`). Text is inert and capped (os-text.ts), markup-escaped
 * for the Linux daemon.
 */
import type { EventName, EventPayloads } from '../../../src-preload/api';
import { t } from '../i18n';
import { notificationMarkup } from '../notifications';
import type { AttentionWindow, NotificationLike } from '../notifications';
import { OS_TEXT_LIMITS, osText } from '../os-text';

export interface MessageNotificationClass {
  new (options: { title: string; body: string; silent: boolean; icon?: string }): NotificationLike;
  isSupported(): boolean;
}

export interface MessageToastDeps {
  Notification: MessageNotificationClass;
  platform: string;
  window(): AttentionWindow | null;
  emit<N extends EventName>(name: N, data: EventPayloads[N]): void;
  icon?: string;
  log(message: string): void;
}

export interface MessageToast {
  conversationId: string;
  /** The consumer's name when known. */
  name?: string;
  text: string;
}

export interface MessageToasts {
  show(toast: MessageToast): void;
  /** The conversation was read or is gone. */
  close(conversationId: string): void;
  closeAll(): void;
}

/** Title and body as shown (plain, before the Linux markup escape). */
export function messageToastText(toast: MessageToast): { title: string; body: string } {
  const name = toast.name?.trim() ? toast.name : t('ring.aConsumer');
  return {
    title: osText(t('notification.newMessage', { name }), { maxLength: OS_TEXT_LIMITS.notificationTitle }),
    body: osText(toast.text, { maxLength: OS_TEXT_LIMITS.notificationBody }),
  };
}

export function createMessageToasts(deps: MessageToastDeps): MessageToasts {
  const live = new Map<string, NotificationLike>();
  const close = (conversationId: string): void => {
    const n = live.get(conversationId);
    if (!n) return;
    live.delete(conversationId);
    try {
      n.close();
    } catch {
      // Already gone.
    }
  };
  return {
    show(toast) {
      if (!deps.Notification.isSupported()) return;
      close(toast.conversationId);
      const { title, body } = messageToastText(toast);
      try {
        const n = new deps.Notification({
          title: notificationMarkup(title, deps.platform), body: notificationMarkup(body, deps.platform), silent: true,
          ...(deps.icon ? { icon: deps.icon } : {}),
        });
        live.set(toast.conversationId, n);
        const forget = (): void => {
          if (live.get(toast.conversationId) === n) live.delete(toast.conversationId);
        };
        n.on('click', () => {
          forget();
          const w = deps.window();
          if (w && !w.isDestroyed()) {
            if (w.isMinimized()) w.restore();
            w.show();
            w.focus();
          }
          deps.emit('ui/focus', { conversationId: toast.conversationId });
        });
        n.on('close', forget);
        n.on('failed', (_e, error) => {
          forget();
          deps.log(`message notification failed: ${error}`);
        });
        n.show();
      } catch (err) {
        deps.log(`message notification could not be shown: ${err instanceof Error ? err.message : String(err)}`);
      }
    },
    close,
    closeAll() {
      for (const id of [...live.keys()]) close(id);
    },
  };
}
