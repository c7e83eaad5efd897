/**
 * Phase 8: a clean quit. The first 'before-quit' is held back: the adapters stop (power watch,
 * shortcuts, notifications, tray), the session logs out and the simulator stops — awaited at most
 * `timeoutMs`, so a dead network cannot keep the app alive — then IPC is released and the app
 * really quits. Closing the last window quits too, except on macOS.
 *
 * Windows shutdown and log-off emit no 'before-quit' / 'will-quit' (Electron docs, app 'before-quit':
 * "will not be emitted if the application is closed due to a shutdown/restart of the system or a user
 * logout"); the window's 'query-session-end' / 'session-end' call `endSession` instead, which runs the
 * same cleanup, so the agent does not stay ONLINE on the server. It starts at 'query-session-end'
 * because after 'session-end' Windows may end the process at any moment, too soon for a logout
 * round trip: a shutdown cancelled afterwards leaves the app quit and signed out, never online and away.
 */
export const QUIT_CLEANUP_TIMEOUT_MS = 5_000;

export interface QuitApp {
  on(event: 'before-quit', listener: (event: { preventDefault(): void }) => void): unknown;
  on(event: 'window-all-closed', listener: () => void): unknown;
  quit(): void;
}

export interface QuitDeps {
  app: QuitApp;
  platform: string;
  /** Synchronous stops done first (the tray is gone before the possibly slow logout). */
  stopAdapters(): void;
  /** Logs out and stops the simulator. */
  signOut(): Promise<void>;
  /** Done last, after the sign-out or its timeout. */
  releaseIpc(): void;
  log(message: string): void;
  timeoutMs?: number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface QuitSequence {
  /** True from the first quit request on (close-to-tray then really closes). */
  isQuitting(): boolean;
  /** The OS session is ending (Windows shutdown/log-off): sign out and quit, once. */
  endSession(reason: string): void;
}

export function installQuitSequence(deps: QuitDeps): QuitSequence {
  let quitting = false;
  let cleanedUp = false;
  let cleaning: Promise<void> | null = null;
  const timeoutMs = deps.timeoutMs ?? QUIT_CLEANUP_TIMEOUT_MS;

  const signOutWithin = async (): Promise<void> => {
    let timer: unknown;
    const timeout = new Promise<void>((resolve) => {
      timer = deps.setTimeout(resolve, timeoutMs);
    });
    try {
      await Promise.race([deps.signOut(), timeout]);
    } catch (err) {
      deps.log(`sign-out on quit failed: ${String(err)}`);
    } finally {
      deps.clearTimeout(timer);
    }
  };
  const cleanup = async (): Promise<void> => {
    deps.stopAdapters();
    await signOutWithin();
    deps.releaseIpc();
    deps.log('quit');
  };

  const startCleanup = (): void => {
    // A second quit request while cleaning up waits for the same cleanup.
    cleaning ??= cleanup()
      .catch((err: unknown) => deps.log(`quit cleanup failed: ${String(err)}`))
      .finally(() => {
        cleanedUp = true;
        deps.app.quit();
      });
  };
  deps.app.on('before-quit', (event) => {
    quitting = true;
    if (cleanedUp) return;
    event.preventDefault();
    startCleanup();
  });
  deps.app.on('window-all-closed', () => {
    if (deps.platform !== 'darwin') deps.app.quit();
  });
  return {
    isQuitting: () => quitting,
    endSession(reason) {
      if (cleanedUp) return;
      if (!quitting) deps.log(`session ending (${reason}): signing out`);
      quitting = true;
      startCleanup();
    },
  };
}
