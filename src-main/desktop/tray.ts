/**
 * The tray adapter: `render(state)` rebuilds icon, tooltip and the whole menu from trayModel and
 * calls setContextMenu again (idempotent). Re-rendered on every relevant change by the caller and
 * once a second while rings wait (the countdown). Badge count via app.setBadgeCount.
 * Icons: build/tray/{online,away,offline,ringing}.png (copied to dist/main/assets/tray); reconnecting
 * uses the offline image and every ringing variant the ringing image.
 */
import type { MenuItemConstructorOptions } from 'electron';
import { trayModel, type TrayAction, type TrayIconKey, type TrayState } from './tray-model';

export interface TrayLike {
  setImage(image: unknown): void;
  setToolTip(tooltip: string): void;
  setContextMenu(menu: unknown): void;
  destroy(): void;
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
}

/** File name (in the tray assets dir) for an icon key. */
export function trayIconFile(key: TrayIconKey): string {
  if (key.endsWith('-ringing')) return 'ringing.png';
  return key === 'reconnecting' ? 'offline.png' : `${key}.png`;
}

export interface TrayController {
  render(): void;
  /** Final: later render() calls do nothing (state changes while quitting must not bring a tray back). */
  destroy(): void;
}

export function createTrayController<Image>(deps: TrayDeps<Image>): TrayController {
  let tray: TrayLike | null = null;
  let ticker: unknown = null;
  let lastIcon: TrayIconKey | null = null;
  let lastBadge = -1;
  let destroyed = false;

  const render = (): void => {
    if (destroyed) return;
    const model = trayModel(deps.state());
    if (!tray) {
      tray = deps.createTray(deps.image(model.icon));
      lastIcon = model.icon;
    } else if (model.icon !== lastIcon) {
      tray.setImage(deps.image(model.icon));
      lastIcon = model.icon;
    }
    tray.setToolTip(model.tooltip);
    const template: MenuItemConstructorOptions[] = model.items.map((item) => item.type === 'separator'
      ? { type: 'separator', id: item.id }
      : {
        type: item.type, id: item.id, label: item.label, enabled: item.enabled,
        ...(item.type === 'radio' ? { checked: item.checked === true } : {}),
        click: () => deps.onAction(item.action),
      });
    tray.setContextMenu(deps.buildMenu(template));
    if (model.badge !== lastBadge) {
      lastBadge = model.badge;
      deps.setBadgeCount?.(model.badge);
    }
    // Countdown: tick once a second while rings wait.
    if (model.badge > 0 && ticker === null) ticker = deps.setInterval(render, 1000);
    if (model.badge === 0 && ticker !== null) {
      deps.clearInterval(ticker);
      ticker = null;
    }
  };

  return {
    render,
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
