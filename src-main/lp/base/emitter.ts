/**
 * A tiny typed event emitter. `on` returns an unsubscribe function; a listener that throws is
 * logged (redacted) and never breaks `emit` nor the other listeners.
 */
import type { Logger } from './log';
import { redact } from './redact';

type Listener<T> = (payload: T) => void;

export class TypedEmitter<E> {
  /**
   * Listeners per event, copy-on-write: on/off replace the array, so emit walks the array it read
   * (listeners added or removed by a listener take effect from the next emit) with no copy and no
   * iterator per emit — emit runs several times per message on the socket's hot path.
   */
  private readonly listeners = new Map<keyof E, ReadonlyArray<Listener<never>>>();

  constructor(private readonly logger?: Logger) {}

  on<K extends keyof E>(event: K, fn: (payload: E[K]) => void): () => void {
    const l = fn as Listener<never>;
    const current = this.listeners.get(event) ?? [];
    if (!current.includes(l)) this.listeners.set(event, [...current, l]); // a listener is added once (as a Set would)
    return () => {
      const now = this.listeners.get(event);
      if (!now?.includes(l)) return;
      const rest = now.filter((x) => x !== l);
      if (rest.length === 0) this.listeners.delete(event);
      else this.listeners.set(event, rest);
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
    const list = this.listeners.get(event) as ReadonlyArray<Listener<E[K]>> | undefined;
    if (list === undefined) return;
    for (let i = 0; i < list.length; i += 1) this.call(event, list[i] as Listener<E[K]>, payload);
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
    return this.listeners.get(event)?.length ?? 0;
  }

  removeAll(): void {
    this.listeners.clear();
  }
}
