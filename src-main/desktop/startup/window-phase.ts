/**
 * Phase 6: the main window (window.ts builds it with the security baseline), held by the window
 * holder until it closes. Showing or hiding it re-renders the tray (Show/Hide item); focusing it
 * stops the taskbar flash of a ring alert and, with blur, feeds the unread counting; each page load
 * replays what a fresh page missed.
 * The holder can make the window again (macOS: closed while the app runs on; window-holder.ts).
 * On Windows the window also hears the OS session ending (shutdown, restart, log-off), which
 * Electron reports only there, as the window's 'query-session-end' / 'session-end'.
 */
import type { WindowHolder, HeldWindow } from './window-holder';

export interface MainWindowLike extends HeldWindow {
  on(event: 'show' | 'hide' | 'focus' | 'blur' | 'closed', listener: () => void): unknown;
  on(event: 'query-session-end' | 'session-end', listener: (event: { reasons: readonly string[] }) => void): unknown;
  flashFrame(flag: boolean): void;
  readonly webContents: { on(event: 'did-finish-load', listener: () => void): unknown };
}

export interface OpenWindowDeps<W extends MainWindowLike> {
  create(): W;
  holder: WindowHolder<W>;
  renderTray(): void;
  /** A page (re)loaded: say again what it missed. */
  onPageLoaded(): void;
  /** Windows shutdown / log-off (quit-sequence.ts endSession). */
  onSessionEnd?(reason: string): void;
  /** Whether a closed window may be made again now (false while quitting). Default: never. */
  canRecreate?(): boolean;
  /** The window gained or lost focus (unread counting, attention/). */
  onFocusChange?(focused: boolean): void;
}

export function openMainWindow<W extends MainWindowLike>(deps: OpenWindowDeps<W>): W {
  const open = (): W => wire(deps, deps.create());
  deps.holder.setFactory(open, deps.canRecreate ?? (() => false));
  return open();
}

function wire<W extends MainWindowLike>(deps: OpenWindowDeps<W>, win: W): W {
  deps.holder.set(win);
  win.on('show', deps.renderTray);
  win.on('hide', deps.renderTray);
  win.on('focus', () => {
    deps.holder.current()?.flashFrame(false);
    deps.onFocusChange?.(true);
  });
  win.on('blur', () => deps.onFocusChange?.(false));
  win.on('closed', () => {
    deps.holder.set(null);
    deps.renderTray();
  });
  win.webContents.on('did-finish-load', deps.onPageLoaded);
  const sessionEnd = (what: string) => (event: { reasons: readonly string[] }): void =>
    deps.onSessionEnd?.(`${what}: ${event.reasons.join(', ') || 'unknown'}`);
  win.on('query-session-end', sessionEnd('query-session-end'));
  win.on('session-end', sessionEnd('session-end'));
  return win;
}
