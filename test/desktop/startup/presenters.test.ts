import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../src-preload/api';
import { createEventsBridge } from '../../../src-main/desktop/events-bridge';
import { emptyLiveView, trackSession } from '../../../src-main/desktop/live-view';
import type { NotificationLike } from '../../../src-main/desktop/notifications';
import { createPresenters, UNREAD_RENDER_MS, type PresenterElectron } from '../../../src-main/desktop/startup/presenters';
import { createSkillsCache } from '../../../src-main/desktop/startup/skills-cache';
import type { TrayAction } from '../../../src-main/desktop/tray-model';
import { FakeSession, ring } from '../fakes';
import { FakeModes, manualTicks } from './fakes';

interface FakeImage { path: string; isEmpty(): boolean }

function fakeElectron() {
  const menus: MenuItemConstructorOptions[][] = [];
  const shown: string[] = [];
  const badges: number[] = [];
  class FakeNotification implements NotificationLike {
    constructor(readonly options: { body: string }) {}
    static isSupported(): boolean {
      return true;
    }
    show(): void {
      shown.push(this.options.body);
    }
    close(): void {}
    on(): this {
      return this;
    }
  }
  class FakeTray {
    constructor(readonly image: FakeImage) {}
    setImage(): void {}
    setToolTip(): void {}
    setContextMenu(menu: unknown): void {
      menus.push(menu as MenuItemConstructorOptions[]);
    }
    destroy(): void {}
  }
  const electron: PresenterElectron<FakeImage> = {
    Notification: FakeNotification,
    Tray: FakeTray,
    Menu: { buildFromTemplate: (template) => template },
    nativeImage: { createFromPath: (path) => ({ path, isEmpty: () => false }), createEmpty: () => ({ path: '', isEmpty: () => true }) },
    app: { setBadgeCount: (n) => badges.push(n) },
  };
  return { electron, menus, shown, badges };
}

function setUp() {
  const f = fakeElectron();
  const ticks = manualTicks();
  const modes = new FakeModes();
  const view = emptyLiveView();
  const actions: TrayAction[] = [];
  const p = createPresenters({
    electron: f.electron, platform: 'linux', assetsDir: '/assets',
    settings: { get: () => ({ ...DEFAULT_SETTINGS, onlyWhenUnfocused: false }) },
    modes, events: createEventsBridge(() => []), skills: createSkillsCache({ log: () => undefined }), view,
    window: () => null, windowVisible: () => true, onTrayAction: (a) => actions.push(a), log: () => undefined,
    defer: ticks.defer, setInterval: () => 1, clearInterval: () => undefined, now: () => 60_000,
    setTimeout: () => 1, clearTimeout: () => undefined,
  });
  return { ...f, ticks, modes, view, actions, p };
}

describe('presenters', () => {
  it('N state changes in one tick make one tray render, holding every change', () => {
    const t = setUp();
    const session = new FakeSession();
    t.modes.switchTo(session);
    trackSession(session, t.view, t.p.renderTray);
    for (let i = 1; i <= 5; i += 1) session.emit('ring/offered', ring({ ringId: `r${i}`, offeredAt: 50_000 + i }));
    session.emit('availability', 'AWAY');
    expect(t.menus).toHaveLength(0);
    t.ticks.flush();
    expect(t.menus).toHaveLength(1);
    const labels = t.menus[0]?.map((i) => i.label ?? '') ?? [];
    expect(labels.filter((l) => l.startsWith('Accept —'))).toHaveLength(5);
    expect(t.badges).toEqual([5]);
  });

  it('tray menu clicks come back as tray actions', () => {
    const t = setUp();
    t.view.rings.set('r1', ring());
    t.p.renderTray();
    t.ticks.flush();
    const accept = t.menus[0]?.find((i) => i.label?.startsWith('Accept —'));
    accept?.click?.({} as never, undefined, {} as never);
    expect(t.actions).toEqual([{ kind: 'accept', ringId: 'r1' }]);
  });

  it('a ring raises an OS notification; after destroy the tray stays gone', () => {
    const t = setUp();
    t.p.notifier.offered(ring({ ringId: 'r7' }));
    expect(t.shown).toHaveLength(1);
    expect(t.p.notifier.open()).toEqual(['r7']);
    t.p.tray.destroy();
    t.p.renderTray();
    t.ticks.flush();
    expect(t.menus).toHaveLength(0);
  });
});

describe('presenters: attention in the tray and the badge', () => {
  function attentionSetUp(platform: string) {
    const f = fakeElectron();
    const images: string[] = [];
    const tooltips: string[] = [];
    class ImageTray {
      constructor(image: FakeImage) {
        images.push(image.path);
      }
      setImage(image: FakeImage): void {
        images.push(image.path);
      }
      setToolTip(tip: string): void {
        tooltips.push(tip);
      }
      setContextMenu(): void {}
      destroy(): void {}
    }
    f.electron.Tray = ImageTray;
    const overlays: Array<string | null> = [];
    const win = {
      isFocused: () => false, isDestroyed: () => false, isMinimized: () => false, restore: () => undefined, show: () => undefined,
      focus: () => undefined, flashFrame: () => undefined,
      setOverlayIcon: (image: FakeImage | null, description: string) => overlays.push(image ? `${image.path}|${description}` : null),
    };
    const ticks = manualTicks();
    const modes = new FakeModes();
    const view = emptyLiveView();
    const timers: Array<() => void> = [];
    const clock = { now: 60_000 };
    const p = createPresenters({
      electron: f.electron, platform, assetsDir: '/assets',
      settings: { get: () => ({ ...DEFAULT_SETTINGS }) },
      modes, events: createEventsBridge(() => []), skills: createSkillsCache({ log: () => undefined }), view,
      window: () => win, windowVisible: () => true, onTrayAction: () => undefined, log: () => undefined,
      defer: ticks.defer, setInterval: () => 1, clearInterval: () => undefined, now: () => clock.now,
      setTimeout: (fn) => timers.push(fn), clearTimeout: () => undefined,
    });
    return { ...f, images, tooltips, overlays, ticks, modes, view, timers, clock, p };
  }

  it('an escalating ring shows the attention icon; unread messages count in the badge and the tooltip', () => {
    const t = attentionSetUp('linux');
    const session = new FakeSession();
    t.modes.switchTo(session);
    trackSession(session, t.view, t.p.renderTray);
    session.emit('ring/offered', ring({ ringId: 'r1', offeredAt: 50_000 }));
    t.p.attention.ringOffered('r1');
    t.ticks.flush();
    expect(t.images.at(-1)).toBe('/assets/tray/ringing.png');
    t.clock.now += DEFAULT_SETTINGS.escalateAfterSeconds * 1000;
    t.timers.at(-1)?.(); // the escalation delay passed
    t.ticks.flush();
    expect(t.images.at(-1)).toBe('/assets/tray/attention.png');
    t.p.attention.message({ conversationId: 'c1', sequence: 1, role: 'CONSUMER', own: false, text: 'hi' });
    t.ticks.flush();
    expect(t.badges.at(-1)).toBe(2);
    expect(t.tooltips.at(-1)).toMatch(/1 waiting request — 1 unread message$/);
  });

  it('Windows: the count goes to the taskbar overlay icon, not app.setBadgeCount', () => {
    const t = attentionSetUp('win32');
    t.modes.switchTo(new FakeSession());
    t.p.attention.message({ conversationId: 'c1', sequence: 1, role: 'CONSUMER', own: false, text: 'hi' });
    t.ticks.flush();
    t.p.attention.conversationGone('c1');
    t.ticks.flush();
    // Unread counts render at most every UNREAD_RENDER_MS: this one once that time has passed.
    expect(t.overlays).toEqual(['/assets/tray/attention.png|1 waiting or unread']);
    t.clock.now += UNREAD_RENDER_MS;
    t.timers.splice(0).forEach((fn) => fn());
    t.ticks.flush();
    expect(t.overlays).toEqual(['/assets/tray/attention.png|1 waiting or unread', null]);
    expect(t.badges).toEqual([]);
  });

  it('a flood of consumer messages: the badge follows at most every UNREAD_RENDER_MS, and a ring in the middle of it renders at once', () => {
    const t = attentionSetUp('linux');
    const session = new FakeSession();
    t.modes.switchTo(session);
    trackSession(session, t.view, t.p.renderTray);
    t.ticks.flush();
    const tooltipsBefore = t.tooltips.length;
    const say = (k: number) => t.p.attention.message({ conversationId: `c${k % 4}`, sequence: k, role: 'CONSUMER', own: false, text: `m${k}` });
    say(1);
    t.ticks.flush();
    expect(t.badges.at(-1)).toBe(1); // the first after a quiet spell: at once
    for (let k = 2; k <= 100; k += 1) { // 99 more within 100 ms, one a tick
      t.clock.now += 1;
      say(k);
      t.ticks.flush();
    }
    expect(t.badges.at(-1)).toBe(1);
    expect(t.timers).toHaveLength(1);
    // A ring now: the tray shows it at once, with the count as it stands.
    session.emit('ring/offered', ring({ ringId: 'r1', offeredAt: t.clock.now }));
    t.ticks.flush();
    expect(t.images.at(-1)).toBe('/assets/tray/ringing.png');
    expect(t.badges.at(-1)).toBe(101);
    // The held unread render comes when its wait is over, and shows the same truth.
    t.clock.now = 60_000 + UNREAD_RENDER_MS;
    t.timers.splice(0).forEach((fn) => fn());
    t.ticks.flush();
    expect(t.badges.at(-1)).toBe(101);
    expect(t.tooltips.length - tooltipsBefore).toBeLessThanOrEqual(3);
  });

  it('a conversation upsert that changes none of its response-time facts asks for no tray render', () => {
    const t = setUp();
    const session = new FakeSession();
    t.modes.switchTo(session);
    let asked = 0;
    trackSession(session, t.view, () => { asked += 1; });
    const conv = {
      conversationId: 'c1', state: 'OPEN' as const, skillId: '11', consumerId: 'u1', participants: [], mine: true,
      startTs: 1, lastUpdateTs: 1, unread: 0, awaitingReplySince: 5_000, ttr: { type: 'NORMAL', seconds: 1200 },
    };
    session.emit('conversation/upsert', conv);
    expect(asked).toBe(1);
    // The consumer writes on: the conversation changes, its timer does not.
    session.emit('conversation/upsert', { ...conv, lastUpdateTs: 2, unread: 3, consumerName: 'Dana' });
    expect(asked).toBe(1);
    // The agent answers: the timer stops.
    const { awaitingReplySince: _answered, ...answered } = conv;
    session.emit('conversation/upsert', { ...answered, lastUpdateTs: 3 });
    expect(asked).toBe(2);
    expect(t.view.conversations.get('c1')?.awaitingReplySince).toBeUndefined();
    session.emit('conversation/upsert', { ...answered, ttr: { type: 'URGENT', seconds: 60 } });
    expect(asked).toBe(3);
    // Not the agent's any more: gone from the view once; a second such upsert changes nothing.
    session.emit('conversation/upsert', { ...answered, mine: false });
    session.emit('conversation/upsert', { ...answered, mine: false });
    expect(asked).toBe(4);
    expect(t.view.conversations.has('c1')).toBe(false);
  });
});
