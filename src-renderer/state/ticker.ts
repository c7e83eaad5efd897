/** One 1 s interval for every countdown on screen, running only while a component listens. */

export function createTicker(periodMs: number) {
  const listeners = new Set<() => void>();
  let now = Date.now();
  let timer: ReturnType<typeof setInterval> | null = null;
  /** `now` was read in this task while the interval was stopped: it is fresh, and stays the same until the task ends. */
  let pinned = false;
  return {
    /**
     * The time of the last tick; while no interval runs, the time of this task (read once, then the
     * same for the rest of the task, as useSyncExternalStore requires). So a countdown that appears
     * after a quiet spell (the first ring) renders the right time at once, instead of a stale time
     * and a second render when its subscription restarts the interval (ring latency, issue #15).
     */
    get: (): number => {
      if (!timer && !pinned) {
        now = Date.now();
        pinned = true;
        queueMicrotask(() => {
          pinned = false;
        });
      }
      return now;
    },
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      if (!timer) {
        // Read in this task already: keep it (what was rendered stays current, no second render).
        if (!pinned) now = Date.now();
        timer = setInterval(() => {
          now = Date.now();
          for (const l of listeners) l();
        }, periodMs);
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && timer) {
          clearInterval(timer);
          timer = null;
        }
      };
    },
    /** Tests: how many intervals run (0 or 1). */
    activeIntervals: (): number => (timer ? 1 : 0),
  };
}

export const nowTicker = createTicker(1_000);
