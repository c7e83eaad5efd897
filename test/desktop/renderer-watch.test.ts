// A dying or hanging renderer: reloaded (not in a loop), killed after a grace when it hangs.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { decideOnRendererGone, MAX_RELOADS_PER_WINDOW, UNRESPONSIVE_GRACE_MS, watchRenderer } from '../../src-main/desktop/renderer-watch';

describe('decideOnRendererGone', () => {
  it('reloads a crash or a kill, ignores a clean exit, gives up after repeated crashes in a minute', () => {
    expect(decideOnRendererGone('crashed', [], 0)).toBe('reload');
    expect(decideOnRendererGone('oom', [], 0)).toBe('reload');
    expect(decideOnRendererGone('clean-exit', [], 0)).toBe('ignore');
    const recent = Array.from({ length: MAX_RELOADS_PER_WINDOW }, (_, i) => i * 1000);
    expect(decideOnRendererGone('crashed', recent, 10_000)).toBe('give-up');
    expect(decideOnRendererGone('crashed', recent, 120_000)).toBe('reload');
  });
});

function fakeWindow() {
  const win = new EventEmitter() as EventEmitter & { isDestroyed(): boolean; webContents: EventEmitter & { reload(): void; forcefullyCrashRenderer(): void } };
  const calls: string[] = [];
  const wc = new EventEmitter() as typeof win.webContents;
  wc.reload = () => calls.push('reload');
  wc.forcefullyCrashRenderer = () => calls.push('kill');
  win.webContents = wc;
  win.isDestroyed = () => false;
  return { win, calls };
}

describe('watchRenderer', () => {
  it('reloads after render-process-gone and tells notices the page is gone; stops after the limit', () => {
    const { win, calls } = fakeWindow();
    const logs: string[] = [];
    let gone = 0;
    watchRenderer(win, { log: (m) => logs.push(m), onGone: () => (gone += 1), now: () => 0 });
    for (let i = 0; i <= MAX_RELOADS_PER_WINDOW; i += 1) win.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 133 });
    expect(calls).toEqual(Array(MAX_RELOADS_PER_WINDOW).fill('reload'));
    expect(gone).toBe(MAX_RELOADS_PER_WINDOW + 1);
    expect(logs.at(-1)).toMatch(/not reloading/);
  });

  it('a hang is given a grace: recovered → nothing; still hanging → the renderer is killed (then reloaded)', () => {
    const { win, calls } = fakeWindow();
    const timers: Array<{ fn: () => void; ms: number; cancelled: boolean }> = [];
    watchRenderer(win, {
      log: () => undefined, onGone: () => undefined,
      setTimeout: (fn, ms) => { const t = { fn, ms, cancelled: false }; timers.push(t); return t; },
      clearTimeout: (h) => { (h as { cancelled: boolean }).cancelled = true; },
    });
    win.emit('unresponsive');
    win.emit('responsive');
    expect(timers[0]).toMatchObject({ ms: UNRESPONSIVE_GRACE_MS, cancelled: true });
    win.emit('unresponsive');
    timers[1]!.fn();
    expect(calls).toEqual(['kill']);
    win.webContents.emit('render-process-gone', {}, { reason: 'killed', exitCode: 9 });
    expect(calls).toEqual(['kill', 'reload']);
  });
});
