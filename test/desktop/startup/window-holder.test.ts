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
