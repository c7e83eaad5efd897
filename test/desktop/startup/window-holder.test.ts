import { describe, expect, it } from 'vitest';
import { createWindowHolder } from '../../../src-main/desktop/startup/window-holder';
import { fakeWindow, type FakeWindow } from './fakes';

describe('window holder', () => {
  it('show() restores a minimised window, shows and focuses it', () => {
    const holder = createWindowHolder<FakeWindow>();
    const w = fakeWindow();
    w.minimized = true;
    holder.set(w);
    holder.show();
    expect(w.calls).toEqual(['restore', 'show', 'focus']);
  });

  it('toggle() hides a visible window and brings back a hidden one', () => {
    const holder = createWindowHolder<FakeWindow>();
    const w = fakeWindow();
    holder.set(w);
    holder.toggle();
    expect(holder.visible()).toBe(false);
    holder.toggle();
    expect(holder.visible()).toBe(true);
    expect(w.calls).toEqual(['hide', 'show', 'focus']);
  });

  it('a destroyed or closed window is never touched', () => {
    const holder = createWindowHolder<FakeWindow>();
    holder.show(); // before any window: nothing to do
    const w = fakeWindow();
    holder.set(w);
    w.destroyed = true;
    expect(holder.current()).toBeNull();
    holder.show();
    holder.toggle();
    expect(w.calls).toEqual([]);
    holder.set(null);
    expect(holder.visible()).toBe(false);
  });
});

describe('window holder: a closed window made again (macOS)', () => {
  it('show() with no window asks the factory once; the new window is held (it shows itself when drawn)', () => {
    const holder = createWindowHolder<FakeWindow>();
    const made: FakeWindow[] = [];
    holder.setFactory(() => {
      const w = fakeWindow();
      made.push(w);
      return w;
    }, () => true);
    holder.show();
    expect(made).toHaveLength(1);
    expect(holder.current()).toBe(made[0]);
    expect(made[0]?.calls).toEqual([]);
    holder.show(); // now it exists: shown, not made again
    expect(made).toHaveLength(1);
    expect(made[0]?.calls).toEqual(['show', 'focus']);
  });

  it('never makes a window while that is not allowed (the app is quitting)', () => {
    const holder = createWindowHolder<FakeWindow>();
    let made = 0;
    holder.setFactory(() => { made += 1; return fakeWindow(); }, () => false);
    holder.show();
    holder.toggle();
    expect(made).toBe(0);
    expect(holder.current()).toBeNull();
  });
});
