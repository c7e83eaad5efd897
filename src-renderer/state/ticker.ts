/** One 1 s interval for every countdown on screen, running only while a component listens. */

function createTicker(periodMs: number) {
  const listeners = new Set<() => void>();
  let now = Date.now();
  let timer: ReturnType<typeof setInterval> | null = null;
  return {
    get: (): number => now,
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      if (!timer) {
        now = Date.now();
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
