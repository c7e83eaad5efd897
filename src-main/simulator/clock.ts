/** Clocks for the simulator: the real one, and a manual one a test can advance by hand. */
import type { SimClock } from './api';

export const realClock: SimClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface ManualClock extends SimClock {
  /** Moves time forward by `ms`, firing every timer that falls due, in due order. */
  advance(ms: number): void;
  /** Number of timers still pending. */
  pending(): number;
}

/** A fake clock: time only moves when advance() is called. */
export function createManualClock(startMs: number = Date.now()): ManualClock {
  let now = startMs;
  let nextId = 1;
  const timers = new Map<number, { at: number; fn: () => void }>();
  return {
    now: () => now,
    setTimeout(fn, ms) {
      const id = nextId++;
      timers.set(id, { at: now + Math.max(0, ms), fn });
      return id;
    },
    clearTimeout(handle) {
      if (typeof handle === 'number') timers.delete(handle);
    },
    advance(ms) {
      const target = now + ms;
      for (;;) {
        let dueId = -1;
        let dueAt = Infinity;
        for (const [id, t] of timers) {
          if (t.at <= target && t.at < dueAt) { dueAt = t.at; dueId = id; }
        }
        if (dueId < 0) break;
        const t = timers.get(dueId);
        timers.delete(dueId);
        now = Math.max(now, dueAt);
        t?.fn();
      }
      now = target;
    },
    pending: () => timers.size,
  };
}
