/**
 * The tray controller with a fake Tray and Menu (#16.1): an open menu is never replaced while the
 * countdown ticks, its items stay clickable, the latest state is applied once it closes; a click on
 * the icon shows the window on the oldest ring; `&` in labels is escaped for mnemonics.
 */
import { EventEmitter } from 'node:events';
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { AFTER_MENU_CLOSE_MS, createTrayController } from '../../src-main/desktop/tray';
import type { TrayAction, TrayState } from '../../src-main/desktop/tray-model';
import { ring } from './fakes';

class FakeMenu extends EventEmitter {
  constructor(readonly template: MenuItemConstructorOptions[]) {
    super();
  }
  label(id: string): string | undefined {
    return this.template.find((i) => i.id === id)?.label;
  }
  click(id: string): void {
    const item = this.template.find((i) => i.id === id);
    if (!item?.click) throw new Error(`no item ${id}`);
    (item.click as () => void)();
  }
}

class FakeTray extends EventEmitter {
  menus: FakeMenu[] = [];
  tooltip = '';
  tooltipsSet = 0;
  destroyed = false;
  setImage(): void {}
  setToolTip(t: string): void {
    this.tooltip = t;
    this.tooltipsSet++;
  }
  setContextMenu(m: unknown): void {
    this.menus.push(m as FakeMenu);
  }
  destroy(): void {
    this.destroyed = true;
  }
}

function harness(platform = 'linux') {
  let current: TrayState = { mode: 'live', phase: 'online', availability: 'ONLINE', rings: [], skills: [{ id: '11', name: 'Billing' }], windowVisible: false, now: 59_000 };
  const trays: FakeTray[] = [];
  const actions: TrayAction[] = [];
  let tick: (() => void) | null = null;
  const delayed: Array<{ fn: () => void; ms: number }> = [];
  const ctl = createTrayController<string>({
    createTray: () => {
      const t = new FakeTray();
      trays.push(t);
      return t;
    },
    buildMenu: (template) => new FakeMenu(template),
    image: (key) => key,
    onAction: (a) => actions.push(a),
    state: () => current,
    setInterval: (fn) => {
      tick = fn;
      return 1;
    },
    clearInterval: () => {
      tick = null;
    },
    later: (fn, ms) => delayed.push({ fn, ms }),
    platform,
  });
  const tray = (): FakeTray => {
    const t = trays[0];
    if (!t) throw new Error('no tray');
    return t;
  };
  return {
    ctl, actions, delayed, tray,
    menu: (): FakeMenu => {
      const m = tray().menus.at(-1);
      if (!m) throw new Error('no menu');
      return m;
    },
    tick: () => {
      if (!tick) throw new Error('no ticker');
      tick();
    },
    set: (s: Partial<TrayState>) => {
      current = { ...current, ...s };
    },
  };
}

describe('tray menu stability', () => {
  it('holds renders while the menu is open; its Accept item still works; applies the latest state once closed', () => {
    const h = harness();
    h.set({ rings: [ring({ consumerName: 'Dana' })] });
    h.ctl.render();
    const open = h.menu();
    expect(open.label('accept:r1')).toBe('Accept — Dana · Billing · 0:41 left');
    open.emit('menu-will-show');
    expect(h.ctl.menuOpen()).toBe(true);

    // The countdown ticks and a second ring arrives while the menu is open: nothing replaces it.
    h.set({ now: 62_000, rings: [ring({ consumerName: 'Dana' }), ring({ ringId: 'r2', offeredAt: 60_000, consumerName: 'Bo' })] });
    h.tick();
    h.tick();
    h.ctl.render();
    expect(h.tray().menus).toHaveLength(1);

    // The item under the cursor is still the one clicked.
    open.click('accept:r1');
    expect(h.actions).toEqual([{ kind: 'accept', ringId: 'r1' }]);

    open.emit('menu-will-close');
    expect(h.ctl.menuOpen()).toBe(false);
    expect(h.tray().menus).toHaveLength(1);
    expect(h.delayed.map((d) => d.ms)).toEqual([AFTER_MENU_CLOSE_MS]);
    h.delayed[0]?.fn();
    expect(h.tray().menus).toHaveLength(2);
    expect(h.menu().label('accept:r1')).toBe('Accept — Dana · Billing · 0:38 left');
    expect(h.menu().label('accept:r2')).toBe('Accept — Bo · Billing · 0:38 left');
  });

  it('renders at once when nothing was asked for while open, and ignores events of replaced menus', () => {
    const h = harness();
    h.ctl.render();
    const first = h.menu();
    first.emit('menu-will-show');
    first.emit('menu-will-close');
    expect(h.delayed).toEqual([]);
    h.set({ windowVisible: true });
    h.ctl.render();
    expect(h.tray().menus).toHaveLength(2);
    first.emit('menu-will-close'); // a stale menu closing says nothing about the current one
    h.set({ windowVisible: false });
    h.ctl.render();
    expect(h.tray().menus).toHaveLength(3);
  });
});

describe('tray updates only what changed (idle cost, #15)', () => {
  it('a render with the same words sets no menu and no tooltip; a countdown tick sets a new menu, not the same tooltip', () => {
    const h = harness();
    h.ctl.render();
    h.ctl.render();
    expect(h.tray().menus).toHaveLength(1);
    expect(h.tray().tooltipsSet).toBe(1);
    h.set({ rings: [ring({ consumerName: 'Dana' })] });
    h.ctl.render();
    expect(h.tray().menus).toHaveLength(2);
    expect(h.tray().tooltipsSet).toBe(2);
    expect(h.tray().tooltip).toMatch(/1 waiting/);
    // A second later: the label counts down, the tooltip says the same.
    h.set({ now: 60_000 });
    h.tick();
    expect(h.tray().menus).toHaveLength(3);
    expect(h.menu().label('accept:r1')).toBe('Accept — Dana · Billing · 0:40 left');
    expect(h.tray().tooltipsSet).toBe(2);
    // The same second again (a render asked for by an unrelated change): nothing new.
    h.tick();
    expect(h.tray().menus).toHaveLength(3);
  });
  it('sets the menu again after an availability click, so a refused change does not leave the clicked radio ticked', () => {
    const h = harness();
    h.ctl.render();
    h.menu().click('availability:AWAY');
    expect(h.actions).toEqual([{ kind: 'availability', availability: 'AWAY' }]);
    // The change was refused: the state still says ONLINE, and the menu shows it again.
    h.ctl.render();
    expect(h.tray().menus).toHaveLength(2);
    expect(h.menu().template.find((i) => i.id === 'availability:ONLINE')?.checked).toBe(true);
    h.ctl.render();
    expect(h.tray().menus).toHaveLength(2);
  });
});

describe('tray icon click', () => {
  it('shows the window on the oldest waiting ring (Windows: a left click opens no menu)', () => {
    const h = harness('win32');
    h.ctl.render();
    h.tray().emit('click');
    h.set({ rings: [ring({ ringId: 'new', offeredAt: 59_500 }), ring({ ringId: 'old', offeredAt: 1 })] });
    h.tray().emit('click');
    expect(h.actions).toEqual([{ kind: 'show-window' }, { kind: 'show-window', ringId: 'old' }]);
  });
  it('has no click handler on macOS, where a click opens the menu', () => {
    const h = harness('darwin');
    h.ctl.render();
    expect(h.tray().listenerCount('click')).toBe(0);
  });
});

describe('tray labels', () => {
  it.each([
    ['win32', 'Accept — Tom && Jerry · Billing · 0:41 left'],
    ['linux', 'Accept — Tom && Jerry · Billing · 0:41 left'],
    ['darwin', 'Accept — Tom & Jerry · Billing · 0:41 left'],
  ])('%s: & escaped where menus use mnemonics', (platform, label) => {
    const h = harness(platform);
    h.set({ rings: [ring({ consumerName: 'Tom & Jerry' })] });
    h.ctl.render();
    expect(h.menu().label('accept:r1')).toBe(label);
  });
});

describe('tray and response-time timers', () => {
  it('counts conversations past red in the badge and tooltip, and ticks while a timer runs so the crossing is seen', () => {
    const badges: number[] = [];
    let tick: (() => void) | null = null;
    let now = 1_000_000;
    const conversations = [{ state: 'OPEN' as const, awaitingReplySince: 1_000_000 }, { state: 'OPEN' as const }];
    const t = new FakeTray();
    const ctl = createTrayController<string>({
      createTray: () => t,
      buildMenu: (template) => new FakeMenu(template),
      image: (key) => key,
      onAction: () => undefined,
      state: () => ({ mode: 'live', phase: 'online', availability: 'ONLINE', rings: [], skills: [], windowVisible: true, now, conversations, thresholds: { amberSeconds: 60, redSeconds: 120 } }),
      setInterval: (fn) => { tick = fn; return 1; },
      clearInterval: () => { tick = null; },
      setBadgeCount: (n) => badges.push(n),
      platform: 'linux',
    });
    ctl.render();
    expect(badges).toEqual([0]);
    expect(tick).not.toBeNull(); // a timer runs: the tray re-renders each second although no ring waits
    now += 119_999;
    tick!();
    expect(badges).toEqual([0]);
    // Ticking with nothing to show yet: no new menu, no tooltip set again.
    expect(t.menus).toHaveLength(1);
    expect(t.tooltipsSet).toBe(1);
    now += 1;
    tick!();
    expect(badges).toEqual([0, 1]);
    expect(t.tooltip).toContain('1 conversation overdue for an answer');
    // Answered: the timer stops, the count and the ticker go.
    delete (conversations[0] as { awaitingReplySince?: number }).awaitingReplySince;
    tick!();
    expect(badges).toEqual([0, 1, 0]);
    expect(tick).toBeNull();
    expect(t.tooltip).not.toContain('overdue');
  });
});
