import { describe, expect, it } from 'vitest';
import { installQuitSequence, QUIT_CLEANUP_TIMEOUT_MS } from '../../../src-main/desktop/startup/quit-sequence';
import { deferred } from './fakes';

function setUp(opts: { signOut: () => Promise<void>; platform?: string }) {
  const handlers = new Map<string, (event: { preventDefault(): void }) => void>();
  const steps: string[] = [];
  const quitCalled = deferred<void>();
  const timerArmed = deferred<number>();
  let fireTimer: (() => void) | undefined;
  let prevented = 0;
  const app = {
    on: (event: string, l: (event: { preventDefault(): void }) => void) => handlers.set(event, l),
    quit: () => {
      steps.push('app.quit');
      quitCalled.resolve();
      // Electron emits before-quit again on every quit() call.
      handlers.get('before-quit')?.({ preventDefault: () => { prevented += 1; } });
    },
  };
  const seq = installQuitSequence({
    app, platform: opts.platform ?? 'linux',
    stopAdapters: () => steps.push('stop adapters'),
    signOut: () => { steps.push('sign out'); return opts.signOut(); },
    releaseIpc: () => steps.push('release ipc'),
    log: (l) => steps.push(`log: ${l}`),
    setTimeout: (fn, ms) => { fireTimer = fn; timerArmed.resolve(ms); return 1; },
    clearTimeout: () => { fireTimer = undefined; },
  });
  const requestQuit = (): void => handlers.get('before-quit')?.({ preventDefault: () => { prevented += 1; } });
  return { seq, steps, handlers, quitCalled, timerArmed, requestQuit, fire: () => fireTimer?.(), prevented: () => prevented };
}

describe('quit sequence', () => {
  it('holds the first quit, stops adapters, awaits the logout, releases IPC, then really quits', async () => {
    const logout = deferred<void>();
    const t = setUp({ signOut: () => logout.promise });
    t.requestQuit();
    expect(t.seq.isQuitting()).toBe(true);
    expect(t.prevented()).toBe(1);
    await t.timerArmed.promise;
    expect(t.steps).toEqual(['stop adapters', 'sign out']);
    logout.resolve();
    await t.quitCalled.promise;
    expect(t.steps).toEqual(['stop adapters', 'sign out', 'release ipc', 'log: quit', 'app.quit']);
    expect(t.prevented()).toBe(1); // the final quit goes through
  });

  it('a logout that never ends is awaited at most the timeout, then the app exits', async () => {
    const t = setUp({ signOut: () => new Promise<void>(() => undefined) });
    t.requestQuit();
    expect(await t.timerArmed.promise).toBe(QUIT_CLEANUP_TIMEOUT_MS);
    expect(t.steps).not.toContain('app.quit');
    t.fire();
    await t.quitCalled.promise;
    expect(t.steps.slice(-3)).toEqual(['release ipc', 'log: quit', 'app.quit']);
  });

  it('a failed logout is logged and the app still exits; a second quit request runs no second cleanup', async () => {
    const t = setUp({ signOut: () => Promise.reject(new Error('network down')) });
    t.requestQuit();
    t.requestQuit();
    await t.quitCalled.promise;
    expect(t.steps.filter((s) => s === 'stop adapters')).toHaveLength(1);
    expect(t.steps).toContain('log: sign-out on quit failed: Error: network down');
    expect(t.steps.at(-1)).toBe('app.quit');
  });

  it('Windows session end (no before-quit comes): signs out and quits once, however often it is reported', async () => {
    const t = setUp({ signOut: async () => undefined, platform: 'win32' });
    t.seq.endSession('query-session-end: shutdown');
    t.seq.endSession('session-end: shutdown');
    expect(t.seq.isQuitting()).toBe(true);
    await t.quitCalled.promise;
    expect(t.steps).toEqual([
      'log: session ending (query-session-end: shutdown): signing out', 'stop adapters', 'sign out', 'release ipc', 'log: quit', 'app.quit',
    ]);
    t.seq.endSession('session-end: logoff'); // after the cleanup: nothing more
    expect(t.steps.filter((s) => s === 'sign out')).toHaveLength(1);
  });

  it('closing the last window quits, except on macOS', () => {
    const linux = setUp({ signOut: async () => undefined });
    linux.handlers.get('window-all-closed')?.({ preventDefault: () => undefined });
    expect(linux.steps[0]).toBe('app.quit');
    const mac = setUp({ signOut: async () => undefined, platform: 'darwin' });
    mac.handlers.get('window-all-closed')?.({ preventDefault: () => undefined });
    expect(mac.steps).toEqual([]);
  });
});
