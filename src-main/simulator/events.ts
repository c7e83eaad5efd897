/** Typed event hub behind Simulator.on / Simulator.waitFor. */
import type { SimEvents } from './api';

type Listener<K extends keyof SimEvents> = (e: SimEvents[K]) => void;

export class SimEventHub {
  private readonly listeners = new Map<keyof SimEvents, Set<(e: never) => void>>();

  on<K extends keyof SimEvents>(event: K, listener: Listener<K>): () => void {
    let set = this.listeners.get(event);
    if (!set) { set = new Set(); this.listeners.set(event, set); }
    set.add(listener as (e: never) => void);
    return () => { set.delete(listener as (e: never) => void); };
  }

  emit<K extends keyof SimEvents>(event: K, payload: SimEvents[K]): void {
    const set = this.listeners.get(event);
    if (!set) return;
    for (const l of [...set]) {
      try { (l as Listener<K>)(payload); } catch { /* a listener's failure is its own business */ }
    }
  }

  /** Real-time timeout on purpose: it bounds how long a test waits, whatever SimClock the simulator runs on. */
  waitFor<K extends keyof SimEvents>(event: K, predicate?: (e: SimEvents[K]) => boolean, timeoutMs = 5000): Promise<SimEvents[K]> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => { off(); reject(new Error(`waitFor('${String(event)}') timed out after ${timeoutMs} ms`)); }, timeoutMs);
      const off = this.on(event, (e) => {
        if (predicate && !predicate(e)) return;
        clearTimeout(timer);
        off();
        resolve(e);
      });
    });
  }
}
