import { EventEmitter } from 'node:events';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS, type EventName, type EventPayloads, type Settings } from '../../src-preload/api';
import { createFileLogger } from '../../src-main/desktop/logging';
import { createRingNotifier, type AttentionWindow, type NotificationClass } from '../../src-main/desktop/notifications';
import { watchPowerAndNetwork } from '../../src-main/desktop/power';
import { createShortcutController } from '../../src-main/desktop/shortcuts';
import { createTrayController, type TrayLike } from '../../src-main/desktop/tray';
import type { TrayState } from '../../src-main/desktop/tray-model';
import { ring } from './fakes';

// ---------- notifications

class FakeNotification extends EventEmitter {
  static supported = true;
  static failOnShow = false;
  static all: FakeNotification[] = [];
  static isSupported(): boolean {
    return FakeNotification.supported;
  }
  shown = 0;
  closed = 0;
  constructor(readonly options: ConstructorParameters<NotificationClass>[0]) {
    super();
    FakeNotification.all.push(this);
  }
  show(): void {
    if (FakeNotification.failOnShow) throw new Error('no daemon');
    this.shown += 1;
  }
  close(): void {
    this.closed += 1;
    this.emit('close');
  }
}

class FakeWindow implements AttentionWindow {
  flashing = false;
  shown = 0;
  minimized = false;
  constructor(public focused = false) {}
  isFocused(): boolean {
    return this.focused;
  }
  isDestroyed(): boolean {
    return false;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
  }
  show(): void {
    this.shown += 1;
  }
  focus(): void {
    this.focused = true;
  }
  flashFrame(flag: boolean): void {
    this.flashing = flag;
  }
}

function notifier(over: { settings?: Partial<Settings>; platform?: string; focused?: boolean; noWindow?: boolean } = {}) {
  const emitted: Array<[EventName, unknown]> = [];
  const win = new FakeWindow(over.focused);
  const accept = vi.fn(async () => undefined);
  const bounce = vi.fn();
  const n = createRingNotifier({
    Notification: FakeNotification as unknown as NotificationClass,
    platform: over.platform ?? 'win32',
    settings: () => ({ ...DEFAULT_SETTINGS, ...over.settings }),
    window: () => (over.noWindow ? null : win),
    skills: () => [{ id: '11', name: 'Billing' }],
    emit: <N extends EventName>(name: N, data: EventPayloads[N]) => {
      emitted.push([name, data]);
    },
    acceptRing: accept,
    bounceDock: bounce,
    now: () => 59_000,
    log: () => undefined,
  });
  return { n, emitted, win, accept, bounce };
}

describe('ring notifier', () => {
  beforeEach(() => {
    FakeNotification.all = [];
    FakeNotification.supported = true;
    FakeNotification.failOnShow = false;
  });

  it('shows one notification per ring and keeps it until the ring ends', () => {
    const { n } = notifier();
    n.offered(ring({ consumerName: 'Dana' }));
    n.offered(ring({ consumerName: 'Dana' }));
    expect(FakeNotification.all).toHaveLength(1);
    expect(FakeNotification.all[0]?.options).toMatchObject({ body: 'Dana · Billing · 0:41 left', urgency: 'critical', timeoutType: 'never', actions: [{ type: 'button', text: 'Accept' }] });
    expect(n.open()).toEqual(['r1']);
    n.ended('r1');
    expect(FakeNotification.all[0]?.closed).toBe(1);
    expect(n.open()).toEqual([]);
  });

  it('click shows and focuses the window and sends ui/focus', () => {
    const { n, emitted, win } = notifier();
    n.offered(ring());
    FakeNotification.all[0]?.emit('click');
    expect(win.shown).toBe(1);
    expect(win.focused).toBe(true);
    expect(emitted).toEqual([['ui/focus', { ringId: 'r1' }]]);
    expect(n.open()).toEqual([]);
  });

  it('the Accept action accepts the ring', () => {
    const { n, accept } = notifier();
    n.offered(ring());
    FakeNotification.all[0]?.emit('action', { actionIndex: 0 });
    expect(accept).toHaveBeenCalledWith('r1');
  });

  it('falls back to flash + dock bounce + ui/banner when unsupported, throwing or failed', () => {
    FakeNotification.supported = false;
    const a = notifier();
    a.n.offered(ring());
    expect(a.win.flashing).toBe(true);
    expect(a.bounce).toHaveBeenCalled();
    expect(a.emitted[0]?.[0]).toBe('ui/banner');

    FakeNotification.supported = true;
    FakeNotification.failOnShow = true;
    const b = notifier();
    b.n.offered(ring());
    expect(b.emitted).toEqual([['ui/banner', { ringId: 'r1', text: 'A consumer · Billing · 0:41 left' }]]);
    expect(b.n.open()).toEqual([]);

    FakeNotification.failOnShow = false;
    const c = notifier();
    c.n.offered(ring());
    FakeNotification.all.at(-1)?.emit('failed', {}, 'daemon gone');
    expect(c.emitted[0]?.[0]).toBe('ui/banner');
    expect(c.win.flashing).toBe(true);
  });

  it('respects settings: off → no notification (banner only when unfocused); only-when-unfocused', () => {
    const off = notifier({ settings: { notifications: false }, focused: true });
    off.n.offered(ring());
    expect(FakeNotification.all).toHaveLength(0);
    expect(off.emitted).toEqual([]);
    const offAway = notifier({ settings: { notifications: false }, focused: false });
    offAway.n.offered(ring());
    expect(offAway.emitted[0]?.[0]).toBe('ui/banner');
    const focusedOnly = notifier({ settings: { onlyWhenUnfocused: true }, focused: true });
    focusedOnly.n.offered(ring());
    expect(FakeNotification.all).toHaveLength(0);
    const silent = notifier({ settings: { sound: false }, platform: 'linux' });
    silent.n.offered(ring());
    expect(FakeNotification.all[0]?.options).toMatchObject({ silent: true, actions: [] });
  });

  it('keeps the ring toast silent while the window plays the ring sound; sounds it when no window can', () => {
    notifier({ settings: { sound: true } }).n.offered(ring());
    expect(FakeNotification.all.at(-1)?.options.silent).toBe(true);
    notifier({ settings: { sound: true }, noWindow: true, platform: 'darwin' }).n.offered(ring());
    expect(FakeNotification.all.at(-1)?.options.silent).toBe(false);
    notifier({ settings: { sound: false }, noWindow: true, platform: 'darwin' }).n.offered(ring());
    expect(FakeNotification.all.at(-1)?.options.silent).toBe(true);
  });
});

// ---------- tray

describe('tray controller', () => {
  const state: TrayState = { mode: 'demo', phase: 'online', availability: 'ONLINE', rings: [], skills: [], windowVisible: true, now: 0 };
  function harness() {
    let current = { ...state };
    const trays: Array<TrayLike & { images: string[]; menus: unknown[]; tooltip: string; destroyed: boolean }> = [];
    const timers = new Set<number>();
    let nextTimer = 1;
    const actions: unknown[] = [];
    const badge: number[] = [];
    const ctl = createTrayController<string>({
      createTray: (image) => {
        const t = {
          images: [image], menus: [] as unknown[], tooltip: '', destroyed: false,
          setImage(i: unknown) {
            t.images.push(String(i));
          },
          setToolTip(s: string) {
            t.tooltip = s;
          },
          setContextMenu(m: unknown) {
            t.menus.push(m);
          },
          destroy() {
            t.destroyed = true;
          },
        };
        trays.push(t);
        return t;
      },
      buildMenu: (template) => template,
      image: (key) => key,
      setBadgeCount: (n) => badge.push(n),
      onAction: (a) => actions.push(a),
      state: () => current,
      setInterval: () => {
        const id = nextTimer++;
        timers.add(id);
        return id;
      },
      clearInterval: (h) => timers.delete(h as number),
    });
    return { ctl, trays, timers, actions, badge, set: (s: Partial<TrayState>) => {
      current = { ...current, ...s };
    } };
  }

  it('render rebuilds icon, tooltip and the whole menu when they changed (not when the words are the same); one tray only', () => {
    const h = harness();
    h.ctl.render();
    h.ctl.render();
    expect(h.trays).toHaveLength(1);
    expect(h.trays[0]?.menus).toHaveLength(1);
    expect(h.trays[0]?.tooltip).toBe('LP Agent Desktop — Online (demo)');
    h.set({ rings: [ring({ expiresAt: 41_000 })] });
    h.ctl.render();
    expect(h.trays[0]?.menus).toHaveLength(2);
    expect(h.trays[0]?.images).toEqual(['online', 'online-ringing']);
    const menu = h.trays[0]?.menus.at(-1) as Array<{ label?: string; click?: () => void }>;
    expect(menu[0]?.label).toBe('Accept — A consumer · skill 11 · 0:41 left');
    menu[0]?.click?.();
    expect(h.actions).toEqual([{ kind: 'accept', ringId: 'r1' }]);
    expect(h.badge).toEqual([0, 1]);
  });

  it('ticks once a second only while rings wait; destroy cleans up', () => {
    const h = harness();
    h.set({ rings: [ring()] });
    h.ctl.render();
    h.ctl.render();
    expect(h.timers.size).toBe(1);
    h.set({ rings: [] });
    h.ctl.render();
    expect(h.timers.size).toBe(0);
    h.set({ rings: [ring()] });
    h.ctl.render();
    h.ctl.destroy();
    expect(h.timers.size).toBe(0);
    expect(h.trays[0]?.destroyed).toBe(true);
    expect(h.badge.at(-1)).toBe(0);
  });

  it('stays destroyed: a render after destroy (state changing while the app quits) creates no new tray', () => {
    const h = harness();
    h.ctl.render();
    h.ctl.destroy();
    h.set({ mode: 'signed-out', rings: [ring()] });
    h.ctl.render();
    expect(h.trays).toHaveLength(1);
    expect(h.trays[0]?.destroyed).toBe(true);
    expect(h.timers.size).toBe(0);
  });
});

// ---------- shortcuts

describe('global shortcut', () => {
  function fakeGlobalShortcut(clash: string[] = []) {
    const registered = new Map<string, () => void>();
    return {
      registered,
      register: (a: string, cb: () => void) => {
        if (clash.includes(a)) return false;
        registered.set(a, cb);
        return true;
      },
      unregister: (a: string) => {
        registered.delete(a);
      },
    };
  }

  it('registers, fires accept-oldest, re-registers on change, turns off with null', () => {
    const gs = fakeGlobalShortcut();
    const accept = vi.fn();
    const ctl = createShortcutController({ globalShortcut: gs, onAcceptOldest: accept });
    expect(ctl.apply('CommandOrControl+Shift+A')).toEqual({ accelerator: 'CommandOrControl+Shift+A', registered: true });
    gs.registered.get('CommandOrControl+Shift+A')?.();
    expect(accept).toHaveBeenCalledTimes(1);
    ctl.apply('Alt+F9');
    expect([...gs.registered.keys()]).toEqual(['Alt+F9']);
    ctl.apply(null);
    expect(gs.registered.size).toBe(0);
  });

  it('a clash leaves it off and says so', () => {
    const gs = fakeGlobalShortcut(['CommandOrControl+Shift+A']);
    const ctl = createShortcutController({ globalShortcut: gs, onAcceptOldest: () => undefined });
    const status = ctl.apply('CommandOrControl+Shift+A');
    expect(status).toMatchObject({ registered: false, error: expect.stringMatching(/already used/) });
    ctl.dispose();
    expect(gs.registered.size).toBe(0);
  });

  it('an invalid accelerator (register throws) is reported, not fatal', () => {
    const ctl = createShortcutController({ globalShortcut: { register: () => {
      throw new Error('bad accelerator');
    }, unregister: () => undefined }, onAcceptOldest: () => undefined });
    expect(ctl.apply('Nope+')).toMatchObject({ registered: false, error: expect.stringMatching(/not valid/) });
  });
});

// ---------- power

describe('power and network watcher', () => {
  it('resume, unlock and network coming back trigger reconnectNow; stop removes everything', () => {
    const pm = new EventEmitter();
    let online = true;
    let tick: (() => void) | undefined;
    const reasons: string[] = [];
    const stop = watchPowerAndNetwork({
      powerMonitor: pm, isOnline: () => online, reconnect: (r) => reasons.push(r),
      setInterval: (fn) => {
        tick = fn;
        return 1;
      },
      clearInterval: () => {
        tick = undefined;
      },
    });
    pm.emit('resume');
    pm.emit('unlock-screen');
    online = false;
    tick?.();
    online = true;
    tick?.();
    tick?.();
    expect(reasons).toEqual(['system resumed', 'screen unlocked', 'network back online']);
    stop();
    expect(pm.listenerCount('resume') + pm.listenerCount('unlock-screen')).toBe(0);
    expect(tick).toBeUndefined();
  });
});

// ---------- logging

describe('file logger', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lpad-logs-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const redact = (s: string): string => s.replace(/Bearer \S+/g, 'Bearer ***');

  it('redacts every line (fields too), one line per entry', () => {
    const logger = createFileLogger({ dir, redact, now: () => 0 });
    logger.log('info', 'sent Bearer abc123\nwith newline', { auth: 'Bearer xyz' });
    const text = readFileSync(logger.file, 'utf8');
    expect(text).not.toContain('abc123');
    expect(text).not.toContain('xyz');
    expect(text.trimEnd().split('\n')).toHaveLength(1);
    expect(logger.lines()).toBe(1);
  });

  it('rotates at the size cap and exports all kept logs, oldest first', () => {
    const logger = createFileLogger({ dir, redact, maxBytes: 200, keep: 2, now: () => 0 });
    for (let i = 0; i < 20; i += 1) logger.log('info', `line ${i} ${'x'.repeat(40)}`);
    expect(readdirSync(dir).sort()).toEqual(['main.1.log', 'main.2.log', 'main.log']);
    const out = logger.exportTo(join(dir, 'export', 'logs.txt'));
    const lines = readFileSync(out.path, 'utf8').trimEnd().split('\n');
    expect(out.lines).toBe(lines.length);
    expect(lines.at(-1)).toContain('line 19');
    const numbers = lines.map((l) => Number(/line (\d+)/.exec(l)?.[1]));
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
  });
});
