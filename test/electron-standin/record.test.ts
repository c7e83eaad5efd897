import { describe, expect, it } from 'vitest';
import { changed, onChange, setStatePushGap } from './electron/record';

/** Long enough that the burst below surely starts within it, even with a GC pause between. */
const GAP_MS = 100;

/** The pushes the change feed makes, with when each went; `next()` resolves at the next one. */
function pushes() {
  const at: number[] = [];
  let wake: (() => void) | null = null;
  onChange(() => {
    at.push(performance.now());
    wake?.();
    wake = null;
  });
  const next = (): Promise<void> => new Promise((res) => {
    wake = res;
  });
  return { at, next };
}

describe('stand-in change feed', () => {
  it('with a gap set: a change after a quiet spell goes at the end of its tick, a burst within the gap as one push at the gap\'s end', async () => {
    setStatePushGap(GAP_MS);
    const p = pushes();
    changed();
    changed(); // same tick: the same push
    await new Promise<void>((res) => setImmediate(res));
    expect(p.at).toHaveLength(1);

    // A burst right after that push: held until the gap is over, then one push for all of it.
    const burst = p.next();
    for (let i = 0; i < 50; i++) changed();
    await new Promise<void>((res) => setImmediate(res));
    expect(p.at).toHaveLength(1);
    await burst;
    expect(p.at).toHaveLength(2);
    // Timers may fire up to a millisecond early on Node's cached loop clock.
    expect(p.at[1]! - p.at[0]!).toBeGreaterThanOrEqual(GAP_MS - 1);

    // Nothing changed after it: no further push.
    await new Promise<void>((res) => setTimeout(res, GAP_MS * 2));
    expect(p.at).toHaveLength(2);

    // A change after the gap has passed goes at the end of its own tick again.
    changed();
    await new Promise<void>((res) => setImmediate(res));
    expect(p.at).toHaveLength(3);
  });

  it('without a gap (the default, as tests run): every tick with a change makes its own push', async () => {
    setStatePushGap(0);
    const p = pushes();
    for (let tick = 1; tick <= 3; tick += 1) {
      changed();
      changed();
      await new Promise<void>((res) => setImmediate(res));
      expect(p.at).toHaveLength(tick);
    }
  });
});
