import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { openMainWindow } from '../../../src-main/desktop/startup/window-phase';
import { createWindowHolder } from '../../../src-main/desktop/startup/window-holder';
import { fakeWindow, type FakeWindow } from './fakes';

type TestWindow = FakeWindow & {
  events: EventEmitter;
  page: EventEmitter;
  flashes: boolean[];
  on(event: string, l: (event: { reasons: readonly string[] }) => void): unknown;
  flashFrame(flag: boolean): void;
  webContents: { on(event: string, l: () => void): unknown };
};

function testWindow(): TestWindow {
  const events = new EventEmitter();
  const page = new EventEmitter();
  const flashes: boolean[] = [];
  return Object.assign(fakeWindow(), {
    events, page, flashes,
    on: (event: string, l: (event: { reasons: readonly string[] }) => void) => events.on(event, l),
    flashFrame: (flag: boolean) => { flashes.push(flag); },
    webContents: { on: (event: string, l: () => void) => page.on(event, l) },
  });
}

describe('openMainWindow', () => {
  it('holds the window until it closes; show/hide re-render the tray; focus stops the flash; loads replay', () => {
    const holder = createWindowHolder<TestWindow>();
    const win = testWindow();
    let renders = 0;
    let loads = 0;
    openMainWindow({ create: () => win, holder, renderTray: () => { renders += 1; }, onPageLoaded: () => { loads += 1; } });
    expect(holder.current()).toBe(win);
    win.events.emit('hide');
    win.events.emit('show');
    expect(renders).toBe(2);
    win.events.emit('focus');
    expect(win.flashes).toEqual([false]);
    win.page.emit('did-finish-load');
    win.page.emit('did-finish-load'); // a reload
    expect(loads).toBe(2);
    win.events.emit('closed');
    expect(holder.current()).toBeNull();
  });

  it('Windows session end (query-session-end, then session-end) is handed to the quit sequence with its reasons', () => {
    const holder = createWindowHolder<TestWindow>();
    const win = testWindow();
    const ended: string[] = [];
    openMainWindow({ create: () => win, holder, renderTray: () => undefined, onPageLoaded: () => undefined, onSessionEnd: (r) => ended.push(r) });
    win.events.emit('query-session-end', { reasons: ['logoff'] });
    win.events.emit('session-end', { reasons: [] });
    expect(ended).toEqual(['query-session-end: logoff', 'session-end: unknown']);
  });

  it('a closed window is made again (wired the same way) by the holder when allowed; the tray re-renders on close', () => {
    const holder = createWindowHolder<TestWindow>();
    const made: TestWindow[] = [];
    let renders = 0;
    let allowed = true;
    openMainWindow({
      create: () => { const w = testWindow(); made.push(w); return w; }, holder,
      renderTray: () => { renders += 1; }, onPageLoaded: () => undefined, canRecreate: () => allowed,
    });
    made[0]?.events.emit('closed');
    expect(holder.current()).toBeNull();
    expect(renders).toBe(1);
    holder.show(); // activate / notification click / tray
    expect(made).toHaveLength(2);
    expect(holder.current()).toBe(made[1]);
    made[1]?.events.emit('hide');
    expect(renders).toBe(2); // the new window is wired too
    made[1]?.events.emit('closed');
    allowed = false; // quitting
    holder.show();
    expect(made).toHaveLength(2);
  });
});
