/** `Notification`: recorded (shown, closed, clicked); child.ts clicks or closes it as a user would. */
import { EventEmitter } from 'node:events';
import type { RecordedNotification } from '../protocol';
import { StandinNativeImage } from './native-image';
import { changed, changedEntry, makeEvent, recorded } from './record';

const env = process.env;

let nextNotificationId = 1;
const liveNotifications = new Map<number, StandinNotification>();

type NotificationMembers = 'show' | 'close' | 'title' | 'subtitle' | 'body' | 'silent' | 'urgency' | 'timeoutType' | 'actions';

export class StandinNotification extends EventEmitter implements Pick<Electron.Notification, NotificationMembers> {
  static isSupported(): boolean {
    return env.STANDIN_NOTIFICATIONS !== '0';
  }
  readonly id = nextNotificationId++;
  title: string;
  subtitle: string;
  body: string;
  silent: boolean;
  urgency: 'normal' | 'critical' | 'low';
  timeoutType: 'default' | 'never';
  actions: Electron.NotificationAction[];
  private readonly record: RecordedNotification;

  constructor(options: Electron.NotificationConstructorOptions = {}) {
    super();
    this.title = options.title ?? '';
    this.subtitle = options.subtitle ?? '';
    this.body = options.body ?? '';
    this.silent = options.silent ?? false;
    this.urgency = options.urgency ?? 'normal';
    this.timeoutType = options.timeoutType ?? 'default';
    this.actions = options.actions ?? [];
    const icon = options.icon;
    this.record = {
      id: this.id, title: this.title, body: this.body, silent: this.silent, urgency: this.urgency,
      timeoutType: this.timeoutType, actions: this.actions.map((a) => ({ type: a.type, text: a.text })),
      icon: typeof icon === 'string' ? icon : icon instanceof StandinNativeImage ? icon.path : undefined,
      shown: 0, shownAt: [], closed: false, clicked: 0,
    };
    if (this.subtitle) this.record.subtitle = this.subtitle;
    recorded.notifications.push(this.record);
    changed();
  }
  show(): void {
    // As in Electron, a show() after a change of body/silent shows the new values.
    this.record.body = this.body;
    this.record.silent = this.silent;
    this.record.shown += 1;
    this.record.shownAt.push(performance.timeOrigin + performance.now());
    this.record.closed = false;
    liveNotifications.set(this.id, this);
    changedEntry('notifications', this.record);
    if (env.STANDIN_NOTIFICATIONS_FAIL === '1') {
      this.emit('failed', makeEvent({}), 'notification daemon unavailable (stand-in)');
      return;
    }
    this.emit('show', makeEvent({}));
  }
  close(): void {
    this.closedBy('applicationHidden');
  }
  closedBy(reason: 'userCanceled' | 'applicationHidden' | 'timedOut'): void {
    if (this.record.closed) return;
    this.record.closed = true;
    liveNotifications.delete(this.id);
    changedEntry('notifications', this.record);
    this.emit('close', makeEvent({ reason }));
  }
  /** Test hook: the user clicked the notification body. */
  click(): void {
    this.record.clicked += 1;
    changedEntry('notifications', this.record);
    this.emit('click', makeEvent({}));
  }
  /** Test hook: the user clicked action button `index`. */
  action(index: number): void {
    this.emit('action', makeEvent({ actionIndex: index, selectionIndex: -1 }), index);
  }
}

/** The shown (not closed) notification with this id: what a user could still click. */
export function liveNotification(id: number): StandinNotification {
  const n = liveNotifications.get(id);
  if (!n) throw new Error(`no live notification #${id} (never shown, closed, or garbage)`);
  return n;
}

/** How many notifications are shown and not closed. */
export function liveNotificationCount(): number {
  return liveNotifications.size;
}
