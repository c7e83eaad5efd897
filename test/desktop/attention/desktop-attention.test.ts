/** The attention service (#14.1, #14.2): escalation effects on window, dock and tray; message alerts and unread. */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../../../src-preload/api';
import { createDesktopAttention } from '../../../src-main/desktop/attention/desktop-attention';
import { createMessageToasts, messageToastText } from '../../../src-main/desktop/attention/message-toasts';

function setUp(over: Partial<Settings> = {}, focused = false) {
  let now = 0;
  const timers: Array<{ at: number; fn: () => void; id: number }> = [];
  let nextId = 1;
  const log: string[] = [];
  const emitted: Array<[string, unknown]> = [];
  const win = {
    focused,
    isFocused: () => win.focused, isDestroyed: () => false, isMinimized: () => false,
    restore: () => log.push('restore'), show: () => log.push('show'), focus: () => log.push('focus'),
    flashFrame: (flag: boolean) => log.push(`flash ${flag}`),
  };
  const toasts: string[] = [];
  const settings = { ...DEFAULT_SETTINGS, ...over };
  const attention = createDesktopAttention({
    settings: () => settings,
    window: () => win,
    dock: { bounce: () => { log.push('bounce'); return 7; }, cancelBounce: (id) => log.push(`cancel ${id}`) },
    emit: (name, data) => emitted.push([name, data]),
    toasts: { show: (t) => toasts.push(`${t.conversationId}:${t.name ?? '-'}:${t.text}`), close: (id) => toasts.push(`close ${id}`), closeAll: () => toasts.push('closeAll') },
    renderTray: () => log.push('tray'),
    now: () => now,
    setTimeout: (fn, ms) => { const id = nextId++; timers.push({ at: now + ms, fn, id }); return id; },
    clearTimeout: (h) => { const i = timers.findIndex((t) => t.id === h); if (i >= 0) timers.splice(i, 1); },
    log: (m) => log.push(`log ${m}`),
  });
  const advance = (ms: number): void => {
    const end = now + ms;
    for (;;) {
      timers.sort((a, b) => a.at - b.at);
      const t = timers[0];
      if (!t || t.at > end) break;
      timers.shift();
      now = t.at;
      t.fn();
    }
    now = end;
  };
  return { attention, log, emitted, toasts, win, advance, settings };
}

const consumerMsg = (conversationId: string, sequence: number, text = 'hello') => ({ conversationId, sequence, role: 'CONSUMER', own: false, text });

describe('desktop attention: rings', () => {
  it('ring sound at once at the set volume; escalation flashes, bounces, shows tray attention; accept calms it all', () => {
    const t = setUp({ soundVolume: 40, escalateAfterSeconds: 10 });
    t.attention.ringOffered('r1');
    expect(t.emitted).toEqual([['attention/sound', { sound: 'ring', volume: 0.4 }]]);
    expect(t.attention.tray().attention).toBe(false);
    t.advance(10_000);
    expect(t.log).toEqual(['flash true', 'bounce', 'tray']);
    expect(t.attention.tray().attention).toBe(true);
    t.advance(4_000);
    expect(t.emitted.filter(([n]) => n === 'attention/sound')).toHaveLength(3);
    t.attention.ringEnded('r1');
    expect(t.log.slice(3)).toEqual(['flash false', 'cancel 7', 'tray']);
    expect(t.attention.tray().attention).toBe(false);
    t.advance(60_000);
    expect(t.emitted.filter(([n]) => n === 'attention/sound')).toHaveLength(3);
  });

  it('bring to front only when set; muted plays nothing', () => {
    const t = setUp({ bringToFrontOnRing: true, sound: false, escalateAfterSeconds: 5 });
    t.attention.ringOffered('r1');
    t.advance(5_000);
    expect(t.log).toEqual(['flash true', 'show', 'focus', 'bounce', 'tray']);
    expect(t.emitted).toEqual([]);
  });
});

describe('desktop attention: consumer messages', () => {
  it('unfocused: toast with the name, softer sound, unread counted and pushed; focus on it clears and closes the toast', () => {
    const t = setUp();
    t.attention.viewing('c1');
    t.attention.message(consumerMsg('c1', 1, 'Where is my order?'), 'Dana');
    expect(t.toasts).toEqual(['c1:Dana:Where is my order?']);
    expect(t.emitted).toEqual([
      ['attention/unread', { counts: { c1: 1 }, total: 1 }],
      ['attention/sound', { sound: 'message', volume: 0.8 }],
    ]);
    expect(t.attention.tray().unread).toBe(1);
    t.attention.focusChanged(true);
    expect(t.emitted.at(-1)).toEqual(['attention/unread', { counts: {}, total: 0 }]);
    expect(t.toasts.at(-1)).toBe('close c1');
    expect(t.attention.tray().unread).toBe(0);
  });

  it('focused on another conversation: counted, no toast, no sound; looking at it: nothing', () => {
    const t = setUp({}, true);
    t.attention.focusChanged(true);
    t.attention.viewing('c1');
    t.attention.message(consumerMsg('c1', 1));
    expect(t.emitted).toEqual([]);
    t.attention.message(consumerMsg('c2', 1));
    expect(t.emitted).toEqual([['attention/unread', { counts: { c2: 1 }, total: 1 }]]);
    expect(t.toasts).toEqual([]);
  });

  it('message alerts off: counted, no toast, no sound; notifications off: sound but no toast', () => {
    const off = setUp({ messageAlerts: false });
    off.attention.message(consumerMsg('c1', 1));
    expect(off.toasts).toEqual([]);
    expect(off.emitted.map(([n]) => n)).toEqual(['attention/unread']);
    const quiet = setUp({ notifications: false });
    quiet.attention.message(consumerMsg('c1', 1));
    expect(quiet.toasts).toEqual([]);
    expect(quiet.emitted.map(([n]) => n)).toEqual(['attention/unread', 'attention/sound']);
  });

  it('a conversation that goes takes its count; sign-out clears everything', () => {
    const t = setUp();
    t.attention.message(consumerMsg('c1', 1));
    t.attention.message(consumerMsg('c2', 1));
    t.attention.conversationGone('c1');
    expect(t.emitted.at(-1)).toEqual(['attention/unread', { counts: { c2: 1 }, total: 1 }]);
    t.attention.clear();
    expect(t.emitted.at(-1)).toEqual(['attention/unread', { counts: {}, total: 0 }]);
    expect(t.toasts).toContain('closeAll');
  });
});

describe('message toasts', () => {
  class FakeNotification extends EventEmitter {
    static all: FakeNotification[] = [];
    static isSupported = (): boolean => true;
    closed = false;
    shown = false;
    constructor(readonly options: { title: string; body: string; silent: boolean }) {
      super();
      FakeNotification.all.push(this);
    }
    show(): void {
      this.shown = true;
    }
    close(): void {
      this.closed = true;
    }
  }

  it('silent, inert and capped text, escaped for Linux; one per conversation; click focuses the conversation', () => {
    FakeNotification.all = [];
    const emitted: unknown[] = [];
    const calls: string[] = [];
    const w = { isFocused: () => false, isDestroyed: () => false, isMinimized: () => true, restore: () => calls.push('restore'), show: () => calls.push('show'), focus: () => calls.push('focus'), flashFrame: () => undefined };
    const toasts = createMessageToasts({ Notification: FakeNotification, platform: 'linux', window: () => w, emit: (n, d) => emitted.push([n, d]), log: () => undefined });
    toasts.show({ conversationId: 'c1', name: 'O\'Brien <b>', text: 'x'.repeat(1000) });
    toasts.show({ conversationId: 'c1', name: 'O\'Brien <b>', text: 'second' });
    const [first, second] = FakeNotification.all;
    expect(first?.closed).toBe(true);
    expect(second?.options.silent).toBe(true);
    expect(second?.options.title).toBe('New message from O&apos;Brien &lt;b&gt;');
    expect(messageToastText({ conversationId: 'c1', text: 'x'.repeat(1000) }).body.length).toBeLessThan(400);
    expect(messageToastText({ conversationId: 'c1', text: 'hi' }).title).toBe('New message from A consumer');
    second?.emit('click');
    expect(calls).toEqual(['restore', 'show', 'focus']);
    expect(emitted).toEqual([['ui/focus', { conversationId: 'c1' }]]);
  });
});
