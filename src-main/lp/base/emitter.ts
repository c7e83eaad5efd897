/**
 * A tiny typed event emitter. `on` returns an unsubscribe function; a listener that throws is
 * logged (redacted) and never breaks `emit` nor the other listeners.
 */
import type { Logger } from './log';
import { redact } from './redact';

type Listener<T> = (payload: T) => void;

export class TypedEmitter<E> {
  private readonly listeners = new Map<keyof E, Set<Listener<never>>>();

  constructor(private readonly logger?: Logger) {}

  on<K extends keyof E>(event: K, fn: (payload: E[K]) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(fn as Listener<never>);
    return () => {
      set.delete(fn as Listener<never>);
    };
  }

  /** Like `on`, removed after the first call. */
  once<K extends keyof E>(event: K, fn: (payload: E[K]) => void): () => void {
    const off = this.on(event, (p) => {
      off();
      fn(p);
    });
    return off;
  }

  emit<K extends keyof E>(event: K, payload: E[K]): void {
    const set = this.listeners.get(event);
    if (!set || set.size === 0) return;
    // Listeners added or removed by a listener take effect from the next emit: iterate a copy
    // (none needed for a single listener, the common case on the per-message path).
    if (set.size === 1) {
      const only = set.values().next().value as Listener<E[K]>;
      this.call(event, only, payload);
      return;
    }
    for (const fn of [...set]) this.call(event, fn as Listener<E[K]>, payload);
  }

  private call<K extends keyof E>(event: K, fn: Listener<E[K]>, payload: E[K]): void {
    try {
      fn(payload);
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      try {
        this.logger?.log('error', `A "${String(event)}" listener threw: ${redact(msg)}`);
      } catch {
        // a broken logger must not break emit either
      }
    }
  }

  listenerCount<K extends keyof E>(event: K): number {
    return this.listeners.get(event)?.size ?? 0;
  }

  removeAll(): void {
    this.listeners.clear();
  }
}
