import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../src-preload/api';
import { createEventsBridge } from '../../../src-main/desktop/events-bridge';
import { emptyLiveView, trackSession } from '../../../src-main/desktop/live-view';
import type { NotificationLike } from '../../../src-main/desktop/notifications';
import { createPresenters, type PresenterElectron } from '../../../src-main/desktop/startup/presenters';
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
    expect(t.overlays).toEqual(['/assets/tray/attention.png|1 waiting or unread', null]);
    expect(t.badges).toEqual([]);
  });
});
