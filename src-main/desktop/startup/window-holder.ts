/**
 * Owns the one main window reference: set when it opens, cleared when it closes. Everything else
 * asks here, and gets null for a window that is gone (destroyed windows are never touched).
 * A window that was closed while the app goes on (macOS keeps running without windows) is made
 * again by `show()` — activate (the Dock icon), a notification click, the tray, a second instance —
 * from the factory window-phase.ts registers; a new window shows itself once its page is drawn.
 */
export interface HeldWindow {
  isDestroyed(): boolean;
  isMinimized(): boolean;
  isVisible(): boolean;
  restore(): void;
  show(): void;
  hide(): void;
  focus(): void;
}

export interface WindowHolder<W extends HeldWindow> {
  /** The live window, or null before it opens, after it closed, or once destroyed. */
  current(): W | null;
  set(win: W | null): void;
  /** How to make the window again, and whether that is allowed now (not while quitting). */
  setFactory(create: () => W, allowed: () => boolean): void;
  /** Restores (if minimised), shows and focuses the window; makes it again when it is gone. */
  show(): void;
  /** Hides a visible window, else shows it. */
  toggle(): void;
  visible(): boolean;
}

export function createWindowHolder<W extends HeldWindow>(): WindowHolder<W> {
  let win: W | null = null;
  let factory: { create: () => W; allowed: () => boolean } | null = null;
  const current = (): W | null => (win && !win.isDestroyed() ? win : null);
  const show = (): void => {
    const w = current();
    if (!w) {
      if (factory?.allowed()) win = factory.create();
      return;
    }
    if (w.isMinimized()) w.restore();
    w.show();
    w.focus();
  };
  return {
    current,
    set(next) {
      win = next;
    },
    setFactory(create, allowed) {
      factory = { create, allowed };
    },
    show,
    toggle() {
      const w = current();
      if (w?.isVisible()) w.hide();
      else show();
    },
    visible: () => current()?.isVisible() === true,
  };
}
