/** Ring notifications per platform (#16.4): markup for the Linux daemon, the Accept action by details.actionIndex. */
import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src-preload/api';
import { createRingNotifier, decideRingAlert, escapeMarkup, notificationMarkup, type NotificationClass } from '../../src-main/desktop/notifications';
import { ring } from './fakes';

const skills = [{ id: '11', name: 'Billing & Co' }];
const now = 59_000;

describe('notification markup per platform', () => {
  it('escapes to the five named entities GNOME accepts (never &#39;)', () => {
    expect(escapeMarkup(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&apos;');
    expect(escapeMarkup("O'Brien")).toBe('O&apos;Brien');
  });
  it.each([
    ['linux', "O&apos;Brien &lt;b&gt; · Billing &amp; Co · 0:41 left"],
    ['win32', "O'Brien <b> · Billing & Co · 0:41 left"],
    ['darwin', "O'Brien <b> · Billing & Co · 0:41 left"],
  ])('%s body', (platform, body) => {
    const a = decideRingAlert(ring({ consumerName: "O'Brien <b>" }), DEFAULT_SETTINGS, false, platform, { skills, now });
    expect(a.body).toBe(body);
    expect(notificationMarkup("O'Brien", platform)).toBe(platform === 'linux' ? 'O&apos;Brien' : "O'Brien");
  });
});

class FakeNotification extends EventEmitter {
  static all: FakeNotification[] = [];
  static isSupported(): boolean {
    return true;
  }
  constructor(readonly options: ConstructorParameters<NotificationClass>[0]) {
    super();
    FakeNotification.all.push(this);
  }
  show(): void {}
  close(): void {
    this.emit('close');
  }
}

function notifier(platform: string) {
  const accept = vi.fn(async (_ringId: string) => undefined);
  const n = createRingNotifier({
    Notification: FakeNotification, platform, settings: () => DEFAULT_SETTINGS, window: () => null, skills: () => skills,
    emit: () => undefined, acceptRing: accept, now: () => now, log: () => undefined,
  });
  return { n, accept };
}

describe('the Accept action', () => {
  afterEach(() => {
    FakeNotification.all = [];
  });
  it('accepts by details.actionIndex (Electron passes the details first)', () => {
    const { n, accept } = notifier('win32');
    n.offered(ring());
    FakeNotification.all[0]?.emit('action', { actionIndex: 0, selectionIndex: -1 }, 0);
    expect(accept).toHaveBeenCalledWith('r1');
    expect(n.open()).toEqual([]);
  });
  it('ignores an index with no button and the deprecated positional index alone', () => {
    const { n, accept } = notifier('darwin');
    n.offered(ring());
    FakeNotification.all[0]?.emit('action', { actionIndex: 3 }, 3);
    FakeNotification.all[0]?.emit('action', {}, 0);
    expect(accept).not.toHaveBeenCalled();
    expect(n.open()).toEqual(['r1']);
  });
  it('creates the notification with the platform body and buttons', () => {
    notifier('linux').n.offered(ring({ consumerName: 'Tom & Jerry' }));
    expect(FakeNotification.all[0]?.options).toMatchObject({ body: 'Tom &amp; Jerry · Billing &amp; Co · 0:41 left', actions: [] });
    notifier('win32').n.offered(ring({ consumerName: 'Tom & Jerry' }));
    expect(FakeNotification.all[1]?.options).toMatchObject({ body: 'Tom & Jerry · Billing & Co · 0:41 left', actions: [{ type: 'button', text: 'Accept' }] });
  });
});

describe('window attention on Windows and window re-creation', () => {
  afterEach(() => {
    FakeNotification.all = [];
  });
  const windowWith = (focused: boolean) => {
    const flashes: boolean[] = [];
    return {
      flashes,
      win: {
        isFocused: () => focused, isDestroyed: () => false, isMinimized: () => false,
        restore: () => undefined, show: () => undefined, focus: () => undefined, flashFrame: (f: boolean) => { flashes.push(f); },
      },
    };
  };
  it.each([['win32', [true]], ['linux', []], ['darwin', []]] as const)(
    'on %s an unfocused window flashes on every ring, the toast shown or not (Focus Assist drops toasts silently)',
    (platform, expected) => {
      const { win, flashes } = windowWith(false);
      const n = createRingNotifier({
        Notification: FakeNotification, platform, settings: () => DEFAULT_SETTINGS, window: () => win, skills: () => skills,
        emit: () => undefined, acceptRing: async () => undefined, now: () => now, log: () => undefined,
      });
      n.offered(ring());
      expect(FakeNotification.all).toHaveLength(1);
      expect(flashes).toEqual(expected);
    },
  );
  it('a focused window does not flash', () => {
    const { win, flashes } = windowWith(true);
    const n = createRingNotifier({
      Notification: FakeNotification, platform: 'win32', settings: () => ({ ...DEFAULT_SETTINGS, onlyWhenUnfocused: false }), window: () => win,
      skills: () => skills, emit: () => undefined, acceptRing: async () => undefined, now: () => now, log: () => undefined,
    });
    n.offered(ring());
    expect(flashes).toEqual([]);
  });
  it('a click with no window (closed on macOS) asks showWindow, which re-creates it, then focuses the ring', () => {
    const shown: string[] = [];
    const emitted: string[] = [];
    const n = createRingNotifier({
      Notification: FakeNotification, platform: 'darwin', settings: () => DEFAULT_SETTINGS, window: () => null, skills: () => skills,
      emit: (name) => { emitted.push(name); }, acceptRing: async () => undefined, now: () => now, log: () => undefined,
      showWindow: () => shown.push('show'),
    });
    n.offered(ring());
    FakeNotification.all[0]?.emit('click');
    expect(shown).toEqual(['show']);
    expect(emitted).toEqual(['ui/focus']);
  });
});
