// nextFrame (src-renderer/state/store.ts) needs the window's requestAnimationFrame: jsdom.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { nextFrame } from '../../src-renderer/state/store';

describe('store: nextFrame', () => {
  afterEach(() => vi.useRealTimers());

  it('nextFrame runs the flush once: at the next animation frame, or after 100 ms when no frame comes (hidden window)', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'requestAnimationFrame', 'cancelAnimationFrame'] });
    const flush = vi.fn();
    nextFrame(flush);
    vi.advanceTimersToNextFrame();
    expect(flush).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(200);
    expect(flush).toHaveBeenCalledTimes(1);
    // No frame: the timer does it.
    const hidden = vi.fn();
    const raf = vi.spyOn(globalThis, 'requestAnimationFrame').mockImplementation(() => 0);
    nextFrame(hidden);
    vi.advanceTimersByTime(99);
    expect(hidden).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(hidden).toHaveBeenCalledTimes(1);
    raf.mockRestore();
  });
});
