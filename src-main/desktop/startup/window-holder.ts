/**
 * Owns the one main window reference: set when it opens, cleared when it closes. Everything else
 * asks here, and gets null for a window that is gone (destroyed windows are never touched).
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
  /** Restores (if minimised), shows and focuses the window. */
  show(): void;
  /** Hides a visible window, else shows it. */
  toggle(): void;
  visible(): boolean;
}

export function createWindowHolder<W extends HeldWindow>(): WindowHolder<W> {
  let win: W | null = null;
  const current = (): W | null => (win && !win.isDestroyed() ? win : null);
  const show = (): void => {
    const w = current();
    if (!w) return;
    if (w.isMinimized()) w.restore();
    w.show();
    w.focus();
  };
  return {
    current,
    set(next) {
      win = next;
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
