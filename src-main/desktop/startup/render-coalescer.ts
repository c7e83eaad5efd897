/**
 * One render per tick: the first request of a tick schedules a render (through `defer`, e.g.
 * setImmediate), later requests of the same tick join it. A render that throws is logged, not
 * rethrown (it runs outside any caller).
 */
export function coalesceRenders(render: () => void, deps: { defer(fn: () => void): void; log(message: string): void; what: string }): () => void {
  let queued = false;
  return () => {
    if (queued) return;
    queued = true;
    deps.defer(() => {
      queued = false;
      try {
        render();
      } catch (err) {
        deps.log(`${deps.what} render failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    });
  };
}

/**
 * A render that may wait, for changes nobody is waiting on (the unread count in the badge and the
 * tooltip): the first request after a quiet `ms` renders at once (through `render`, the per-tick
 * one), later ones within `ms` of it make one render when `ms` is over. A flood of consumer messages
 * asked for a render every tick (~1,300 in the flood bench's 10 s), each rebuilding the tray's model
 * and its translated labels, and each a badge call to the OS; now at most 1000 / `ms` a second.
 */
export function throttleRenders(render: () => void, deps: { now(): number; setTimeout(fn: () => void, ms: number): unknown; ms: number }): () => void {
  let last = Number.NEGATIVE_INFINITY;
  let waiting = false;
  const go = (): void => {
    last = deps.now();
    render();
  };
  return () => {
    if (waiting) return;
    const wait = last + deps.ms - deps.now();
    if (wait <= 0) {
      go();
      return;
    }
    waiting = true;
    // Never longer than `ms`: a wall clock set back (NTP, by hand) must not hold the badge for hours.
    deps.setTimeout(() => {
      waiting = false;
      go();
    }, Math.min(wait, deps.ms));
  };
}
