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
