import { describe, expect, it } from 'vitest';
import { coalesceRenders, throttleRenders } from '../../../src-main/desktop/startup/render-coalescer';
import { manualTicks } from './fakes';

describe('coalesceRenders', () => {
  it('N requests in one tick make one render; the next tick renders again', () => {
    const ticks = manualTicks();
    let renders = 0;
    const request = coalesceRenders(() => { renders += 1; }, { defer: ticks.defer, log: () => undefined, what: 'tray' });
    for (let i = 0; i < 7; i += 1) request();
    expect(renders).toBe(0);
    expect(ticks.flush()).toBe(1);
    expect(renders).toBe(1);
    request();
    request();
    ticks.flush();
    expect(renders).toBe(2);
  });

  it('a render that throws is logged and does not block later renders', () => {
    const ticks = manualTicks();
    const lines: string[] = [];
    let fail = true;
    let renders = 0;
    const request = coalesceRenders(() => {
      renders += 1;
      if (fail) throw new Error('menu broke');
    }, { defer: ticks.defer, log: (l) => lines.push(l), what: 'tray' });
    request();
    ticks.flush();
    expect(lines).toEqual(['tray render failed: menu broke']);
    fail = false;
    request();
    ticks.flush();
    expect(renders).toBe(2);
  });
});

describe('throttleRenders', () => {
  function setUp(ms: number) {
    const clock = { now: 1_000 };
    const timers: Array<{ fn: () => void; at: number }> = [];
    let renders = 0;
    const request = throttleRenders(() => { renders += 1; }, {
      now: () => clock.now, ms,
      setTimeout: (fn, wait) => timers.push({ fn, at: clock.now + wait }),
    });
    /** Moves the clock on and runs the timers that are due. */
    const advance = (by: number): void => {
      clock.now += by;
      for (const t of timers.splice(0)) {
        if (t.at <= clock.now) t.fn();
        else timers.push(t);
      }
    };
    return { request, advance, timers, renders: () => renders };
  }

  it('the first request after a quiet spell renders at once; a burst within the wait makes one render at its end', () => {
    const t = setUp(250);
    t.request();
    expect(t.renders()).toBe(1);
    t.advance(10);
    for (let i = 0; i < 40; i += 1) t.request();
    expect(t.renders()).toBe(1);
    expect(t.timers).toHaveLength(1);
    t.advance(239);
    expect(t.renders()).toBe(1);
    t.advance(1); // 250 ms after the first render
    expect(t.renders()).toBe(2);
    // Quiet since: the next request renders at once again.
    t.advance(300);
    t.request();
    expect(t.renders()).toBe(3);
    expect(t.timers).toHaveLength(0);
  });

  it('a wall clock set back does not hold the render longer than the wait', () => {
    const t = setUp(250);
    t.request();
    t.advance(-3_600_000); // the clock goes back an hour
    t.request();
    expect(t.renders()).toBe(1);
    expect(t.timers.map((x) => x.at - (1_000 - 3_600_000))).toEqual([250]);
    t.advance(250);
    expect(t.renders()).toBe(2);
  });

  it('a steady stream renders once per wait, never more', () => {
    const t = setUp(250);
    for (let ms = 0; ms < 10_000; ms += 2) { // a request every 2 ms for 10 s: 5,000 of them
      t.request();
      t.advance(2);
    }
    expect(t.renders()).toBeGreaterThanOrEqual(40);
    expect(t.renders()).toBeLessThanOrEqual(41);
  });
});
