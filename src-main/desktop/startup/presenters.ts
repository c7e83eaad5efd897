/**
 * Phase 3: what shows the core to the person outside the window — the ring notifier (OS alerts),
 * the attention service (ring escalation, sounds, unread messages: attention/) and the tray (with
 * the badge: waiting rings + unread; Windows: an overlay icon). The tray is a render of state: every change asks for one through
 * `renderTray`, and the changes of one tick share a single render (render-coalescer.ts). Unread
 * counts, which change with every consumer message, render at most every UNREAD_RENDER_MS.
 */
import { join } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { createDesktopAttention, type DesktopAttention, type DockLike } from '../attention/desktop-attention';
import { createMessageToasts, type MessageNotificationClass } from '../attention/message-toasts';
import type { EventsBridge } from '../events-bridge';
import type { LiveView } from '../live-view';
import type { ModeManager } from '../modes';
import { createRingNotifier, type AttentionWindow, type NotificationClass, type RingNotifier } from '../notifications';
import type { SettingsService } from '../settings';
import { createTrayController, trayIconFile, type TrayController, type TrayLike } from '../tray';
import type { TrayAction } from '../tray-model';
import { coalesceRenders, throttleRenders } from './render-coalescer';
import type { SkillsCache } from './skills-cache';

/**
 * The least time between two tray renders for unread counts alone (the first after a quiet spell is
 * at once). Rings, status and the window render at once, whatever this says.
 */
export const UNREAD_RENDER_MS = 250;

export interface ImageLike {
  isEmpty(): boolean;
}

/** The Electron pieces used here (the real module fits; tests pass fakes). */
export interface PresenterElectron<Image extends ImageLike> {
  Notification: NotificationClass & MessageNotificationClass;
  Tray: new (image: Image) => TrayLike;
  Menu: { buildFromTemplate(template: MenuItemConstructorOptions[]): unknown };
  nativeImage: { createFromPath(path: string): Image; createEmpty(): Image };
  app: { setBadgeCount(count: number): unknown; readonly dock?: DockLike | undefined };
}

/** The window as the presenters use it; `setOverlayIcon` is the Windows taskbar badge. */
export interface PresenterWindow<Image> extends AttentionWindow {
  setOverlayIcon?(overlay: Image | null, description: string): void;
}

export interface PresenterDeps<Image extends ImageLike> {
  electron: PresenterElectron<Image>;
  platform: string;
  assetsDir: string;
  settings: Pick<SettingsService, 'get'>;
  modes: Pick<ModeManager, 'current'>;
  events: Pick<EventsBridge, 'emit'>;
  skills: Pick<SkillsCache, 'known'>;
  /** Kept current by session-wiring.ts. */
  view: LiveView;
  window(): PresenterWindow<Image> | null;
  /** Shows the window, making it again when it was closed (window-holder.ts). */
  showWindow?(): void;
  windowVisible(): boolean;
  onTrayAction(action: TrayAction): void;
  log(message: string): void;
  /** Runs a function after the current tick (setImmediate in the app). */
  defer(fn: () => void): void;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now?(): number;
}

export interface Presenters {
  notifier: RingNotifier;
  tray: TrayController;
  /** Ring escalation, sounds, unread messages (attention/). */
  attention: DesktopAttention;
  /** Asks for a tray render; all asks of one tick make one render. */
  renderTray(): void;
}

export function createPresenters<Image extends ImageLike>(deps: PresenterDeps<Image>): Presenters {
  const { electron, view } = deps;
  const icon = join(deps.assetsDir, 'icon.png');
  const notifier = createRingNotifier({
    Notification: electron.Notification,
    platform: deps.platform,
    settings: () => deps.settings.get(),
    window: deps.window,
    skills: () => deps.skills.known(),
    emit: (name, data) => deps.events.emit(name, data),
    acceptRing: (ringId) => deps.modes.current().session?.acceptRing(ringId) ?? Promise.resolve(),
    bounceDock: () => electron.app.dock?.bounce('critical'),
    ...(deps.showWindow ? { showWindow: deps.showWindow } : {}),
    icon,
    log: deps.log,
  });
  const now = deps.now ?? Date.now;
  let renderTray: () => void = () => undefined;
  let renderTraySoon: () => void = () => undefined;
  const attention = createDesktopAttention({
    settings: () => deps.settings.get(),
    window: deps.window,
    dock: electron.app.dock,
    emit: (name, data) => deps.events.emit(name, data),
    toasts: createMessageToasts({ Notification: electron.Notification, platform: deps.platform, window: deps.window, emit: (name, data) => deps.events.emit(name, data), icon, log: deps.log }),
    renderTray: () => renderTray(),
    renderTraySoon: () => renderTraySoon(),
    now, setTimeout: deps.setTimeout, clearTimeout: deps.clearTimeout, log: deps.log,
  });
  const overlay = (): Image => {
    const img = electron.nativeImage.createFromPath(join(deps.assetsDir, 'tray', trayIconFile('attention')));
    return img.isEmpty() ? electron.nativeImage.createEmpty() : img;
  };
  const tray = createTrayController<Image>({
    createTray: (image) => new electron.Tray(image),
    buildMenu: (template) => electron.Menu.buildFromTemplate(template),
    image: (key) => {
      const img = electron.nativeImage.createFromPath(join(deps.assetsDir, 'tray', trayIconFile(key)));
      return img.isEmpty() ? electron.nativeImage.createEmpty() : img;
    },
    setBadgeCount: (n) => {
      // Windows has no app badge (app.setBadgeCount is macOS/Linux): an overlay on the taskbar button.
      if (deps.platform === 'win32') deps.window()?.setOverlayIcon?.(n > 0 ? overlay() : null, n > 0 ? `${n} waiting or unread` : '');
      else electron.app.setBadgeCount(n);
    },
    onAction: deps.onTrayAction,
    state: () => ({
      mode: deps.modes.current().mode, phase: view.phase, availability: view.availability, rings: [...view.rings.values()],
      skills: deps.skills.known(), windowVisible: deps.windowVisible(), now: now(), ...attention.tray(),
      conversations: [...view.conversations.values()],
      thresholds: { amberSeconds: deps.settings.get().responseAmberSeconds, redSeconds: deps.settings.get().responseRedSeconds },
    }),
    setInterval: deps.setInterval,
    clearInterval: deps.clearInterval,
  });
  renderTray = coalesceRenders(() => tray.render(), { defer: deps.defer, log: deps.log, what: 'tray' });
  renderTraySoon = throttleRenders(renderTray, { now, setTimeout: deps.setTimeout, ms: UNREAD_RENDER_MS });
  return { notifier, tray, attention, renderTray };
}
