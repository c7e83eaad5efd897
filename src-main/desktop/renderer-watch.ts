/**
 * The window's renderer process dying ('render-process-gone') or hanging ('unresponsive'): the page
 * is reloaded, and takes the session back from main's snapshot (conversations, messages, the outbox
 * all live in main). A renderer that hangs for `UNRESPONSIVE_GRACE_MS` is killed, which leads to the
 * same reload. A renderer that keeps dying (more than `MAX_RELOADS_PER_WINDOW` in `RELOAD_WINDOW_MS`)
 * is not reloaded again — a loop would hide the cause — and the log says so.
 */
export const MAX_RELOADS_PER_WINDOW = 3;
export const RELOAD_WINDOW_MS = 60_000;
export const UNRESPONSIVE_GRACE_MS = 15_000;

export type GoneDecision = 'reload' | 'ignore' | 'give-up';

/** Pure: what to do when the renderer went away for `reason`, given when it was reloaded before. */
export function decideOnRendererGone(reason: string, earlierReloads: readonly number[], now: number): GoneDecision {
  if (reason === 'clean-exit') return 'ignore';
  const recent = earlierReloads.filter((t) => now - t < RELOAD_WINDOW_MS).length;
  return recent >= MAX_RELOADS_PER_WINDOW ? 'give-up' : 'reload';
}

export interface WatchedWindow {
  on(event: 'unresponsive' | 'responsive', listener: () => void): unknown;
  isDestroyed(): boolean;
  readonly webContents: {
    on(event: 'render-process-gone', listener: (event: unknown, details: { reason: string; exitCode: number }) => void): unknown;
    reload(): void;
    forcefullyCrashRenderer(): void;
  };
}

export function watchRenderer(win: WatchedWindow, deps: {
  log(message: string): void;
  /** The page is gone: events sent now are lost (notices.ts holds its own until the next snapshot). */
  onGone(): void;
  now?(): number;
  setTimeout?(fn: () => void, ms: number): unknown;
  clearTimeout?(handle: unknown): void;
}): void {
  const now = deps.now ?? Date.now;
  const schedule = deps.setTimeout ?? ((fn: () => void, ms: number): unknown => setTimeout(fn, ms));
  const cancel = deps.clearTimeout ?? ((h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>));
  const reloads: number[] = [];
  let hang: unknown;

  win.webContents.on('render-process-gone', (_event, details) => {
    if (hang !== undefined) cancel(hang);
    hang = undefined;
    deps.onGone();
    const t = now();
    const decision = decideOnRendererGone(details.reason, reloads, t);
    deps.log(`renderer gone (${details.reason}, exit code ${details.exitCode}): ${decision === 'reload' ? 'reloading the window' : decision === 'ignore' ? 'nothing to do' : `not reloading: ${MAX_RELOADS_PER_WINDOW} reloads within a minute`}`);
    if (decision !== 'reload' || win.isDestroyed()) return;
    reloads.push(t);
    while (reloads.length > MAX_RELOADS_PER_WINDOW) reloads.shift();
    win.webContents.reload();
  });
  win.on('unresponsive', () => {
    deps.log(`window unresponsive: killing its renderer in ${UNRESPONSIVE_GRACE_MS / 1000} s unless it recovers`);
    if (hang !== undefined) return;
    hang = schedule(() => {
      hang = undefined;
      if (win.isDestroyed()) return;
      deps.log('window still unresponsive: killing its renderer (it will be reloaded)');
      win.webContents.forcefullyCrashRenderer();
    }, UNRESPONSIVE_GRACE_MS);
  });
  win.on('responsive', () => {
    if (hang === undefined) return;
    cancel(hang);
    hang = undefined;
    deps.log('window responsive again');
  });
}
