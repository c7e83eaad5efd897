/**
 * The tray adapter: `render()` works out icon, tooltip and the whole menu from trayModel and hands
 * the OS only what changed: the icon, the tooltip and the badge when they differ from the last ones
 * set, a new menu (setContextMenu) only when an item's label, state or action differs (idempotent).
 * Re-rendered on every relevant change by the caller and once a second while rings wait (their
 * countdown is in the labels) or a response-time timer runs (nothing shows until it crosses a
 * threshold: then no menu is rebuilt, issue #15 idle cost). Badge count via app.setBadgeCount.
 *
 * A menu that is open is never replaced: setContextMenu closes (or freezes) an open menu (Electron
 * issues 4801, 10951), which made "Accept — …" vanish under the cursor while the countdown ticked.
 * Each menu reports `menu-will-show`/`menu-will-close`; renders asked for while it is open are held
 * and the latest state is applied once it has closed (shortly after, so the click that closed it is
 * delivered first). Where a platform never emits these events, nothing changes.
 *
 * A click on the icon (Windows: a left click opens no menu) shows the window on the oldest waiting
 * ring (`trayClickAction`); macOS opens the menu on a click, so no handler there.
 * Icons: build/tray/{online,away,offline,ringing,attention}.png (copied to dist/main/assets/tray); reconnecting
 * uses the offline image, every ringing variant the ringing image, an escalating ring the attention
 * image. The badge counts waiting rings and unread messages (Windows: an overlay icon, presenters.ts).
 */
import type { MenuItemConstructorOptions } from 'electron';
import { trayClickAction, trayModel, type TrayAction, type TrayIconKey, type TrayState } from './tray-model';

export interface TrayLike {
  setImage(image: unknown): void;
  setToolTip(tooltip: string): void;
  setContextMenu(menu: unknown): void;
  destroy(): void;
  on?(event: 'click', listener: () => void): unknown;
}

/** The menu events the controller listens to (Electron's Menu is an EventEmitter). */
export interface MenuLike {
  on?(event: 'menu-will-show' | 'menu-will-close', listener: () => void): unknown;
}

export interface TrayDeps<Image> {
  createTray(image: Image): TrayLike;
  buildMenu(template: MenuItemConstructorOptions[]): unknown;
  image(key: TrayIconKey): Image;
  setBadgeCount?(count: number): void;
  onAction(action: TrayAction): void;
  state(): TrayState;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
  /** Runs `fn` after `ms` (the held render after a menu closes). Default setTimeout. */
  later?(fn: () => void, ms: number): unknown;
  /** Default process.platform. */
  platform?: string;
}

/** How long after a menu closed the held render is applied (lets the closing click land first). */
export const AFTER_MENU_CLOSE_MS = 150;

/** File name (in the tray assets dir) for an icon key. */
export function trayIconFile(key: TrayIconKey): string {
  if (key === 'attention') return 'attention.png';
  if (key.endsWith('-ringing')) return 'ringing.png';
  return key === 'reconnecting' ? 'offline.png' : `${key}.png`;
}

export interface TrayController {
  render(): void;
  /** Whether a menu of ours is open (renders are held until it closes). */
  menuOpen(): boolean;
  /** Final: later render() calls do nothing (state changes while quitting must not bring a tray back). */
  destroy(): void;
}

function isMenuLike(menu: unknown): menu is Required<MenuLike> {
  return typeof menu === 'object' && menu !== null && typeof (menu as MenuLike).on === 'function';
}

export function createTrayController<Image>(deps: TrayDeps<Image>): TrayController {
  const platform = deps.platform ?? process.platform;
  const later = deps.later ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
  let tray: TrayLike | null = null;
  let ticker: unknown = null;
  let lastIcon: TrayIconKey | null = null;
  let lastBadge = -1;
  let lastTooltip: string | null = null;
  /** The items of the menu set last (JSON), null before the first. */
  let lastItems: string | null = null;
  let destroyed = false;
  let openMenu: unknown = null;
  let held = false;

  const watchMenu = (menu: unknown): void => {
    if (!isMenuLike(menu)) return;
    menu.on('menu-will-show', () => {
      openMenu = menu;
    });
    menu.on('menu-will-close', () => {
      if (openMenu !== menu) return;
      openMenu = null;
      if (!held) return;
      held = false;
      later(render, AFTER_MENU_CLOSE_MS);
    });
  };

  const render = (): void => {
    if (destroyed) return;
    if (openMenu !== null) {
      held = true;
      return;
    }
    const model = trayModel({ ...deps.state(), platform });
    if (!tray) {
      tray = deps.createTray(deps.image(model.icon));
      lastIcon = model.icon;
      if (platform !== 'darwin') tray.on?.('click', () => deps.onAction(trayClickAction(deps.state())));
    } else if (model.icon !== lastIcon) {
      tray.setImage(deps.image(model.icon));
      lastIcon = model.icon;
    }
    if (model.tooltip !== lastTooltip) {
      tray.setToolTip(model.tooltip);
      lastTooltip = model.tooltip;
    }
    // The same items (labels, states, actions) as the menu set last: it stays. A response-time timer
    // re-renders every second without changing a word; a ring's countdown changes its label.
    const items = JSON.stringify(model.items);
    if (items !== lastItems) {
      const template: MenuItemConstructorOptions[] = model.items.map((item) => item.type === 'separator'
        ? { type: 'separator', id: item.id }
        : {
          type: item.type, id: item.id, label: item.label, enabled: item.enabled,
          ...(item.type === 'radio' ? { checked: item.checked === true } : {}),
          click: () => {
            // The OS ticks a clicked radio item itself: if the change is refused or fails, the model
            // stays as it was, so the next render must set the menu again to show the truth.
            if (item.type === 'radio') lastItems = null;
            deps.onAction(item.action);
          },
        });
      const menu = deps.buildMenu(template);
      watchMenu(menu);
      tray.setContextMenu(menu);
      lastItems = items;
    }
    if (model.badge !== lastBadge) {
      lastBadge = model.badge;
      deps.setBadgeCount?.(model.badge);
    }
    // Countdown: tick once a second while rings wait or a response-time timer runs.
    const tick = model.countdown || model.timing;
    if (tick && ticker === null) ticker = deps.setInterval(render, 1000);
    if (!tick && ticker !== null) {
      deps.clearInterval(ticker);
      ticker = null;
    }
  };

  return {
    render,
    menuOpen: () => openMenu !== null,
    destroy() {
      destroyed = true;
      if (ticker !== null) deps.clearInterval(ticker);
      ticker = null;
      tray?.destroy();
      tray = null;
      if (lastBadge > 0) deps.setBadgeCount?.(0);
    },
  };
}
