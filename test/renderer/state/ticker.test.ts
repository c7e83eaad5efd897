import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTicker } from '../../../src-renderer/state/ticker';

const endOfTask = (): Promise<void> => new Promise((resolve) => queueMicrotask(resolve));

describe('ticker', () => {
  afterEach(() => vi.useRealTimers());

  it('while stopped, answers the time of the current task (the same all task long), not the last tick', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    vi.setSystemTime(1_000);
    const ticker = createTicker(1_000);
    const first = ticker.get();
    expect(first).toBe(1_000);
    vi.setSystemTime(1_005);
    expect(ticker.get()).toBe(first); // same task: what a render read stays what it reads again
    await endOfTask();
    vi.setSystemTime(61_000); // a quiet minute later, no interval ran
    expect(ticker.get()).toBe(61_000);
  });

  it('starting the interval in the task that read the time keeps it (no second render), then ticks every period', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    vi.setSystemTime(5_000);
    const ticker = createTicker(1_000);
    await endOfTask();
    vi.setSystemTime(9_000);
    const rendered = ticker.get();
    vi.setSystemTime(9_003);
    const heard = vi.fn();
    const off = ticker.subscribe(heard);
    expect(ticker.get()).toBe(rendered);
    expect(ticker.activeIntervals()).toBe(1);
    await endOfTask();
    // Running: the last tick's time, whatever the clock says in between.
    vi.setSystemTime(9_500);
    expect(ticker.get()).toBe(rendered);
    vi.advanceTimersByTime(1_000);
    expect(heard).toHaveBeenCalledTimes(1);
    expect(ticker.get()).toBe(10_500);
    off();
    expect(ticker.activeIntervals()).toBe(0);
  });

  it('starting the interval in a later task takes the time afresh', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    vi.setSystemTime(1_000);
    const ticker = createTicker(1_000);
    ticker.get();
    await endOfTask();
    vi.setSystemTime(4_000);
    const off = ticker.subscribe(() => undefined);
    expect(ticker.get()).toBe(4_000);
    off();
  });
});
