/**
 * Phase 6: the main window (window.ts builds it with the security baseline), held by the window
 * holder until it closes. Showing or hiding it re-renders the tray (Show/Hide item); focusing it
 * stops the taskbar flash of a ring alert and, with blur, feeds the unread counting; each page load replays what a fresh page missed.
 */
import type { WindowHolder, HeldWindow } from './window-holder';

export interface MainWindowLike extends HeldWindow {
  on(event: 'show' | 'hide' | 'focus' | 'blur' | 'closed', listener: () => void): unknown;
  flashFrame(flag: boolean): void;
  readonly webContents: { on(event: 'did-finish-load', listener: () => void): unknown };
}

export function openMainWindow<W extends MainWindowLike>(deps: {
  create(): W;
  holder: WindowHolder<W>;
  renderTray(): void;
  /** A page (re)loaded: say again what it missed. */
  onPageLoaded(): void;
  /** The window gained or lost focus (unread counting, attention/). */
  onFocusChange?(focused: boolean): void;
}): W {
  const win = deps.create();
  deps.holder.set(win);
  win.on('show', deps.renderTray);
  win.on('hide', deps.renderTray);
  win.on('focus', () => {
    deps.holder.current()?.flashFrame(false);
    deps.onFocusChange?.(true);
  });
  win.on('blur', () => deps.onFocusChange?.(false));
  win.on('closed', () => deps.holder.set(null));
  win.webContents.on('did-finish-load', deps.onPageLoaded);
  return win;
}
