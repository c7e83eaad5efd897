/**
 * The outbox as the sending loop needs it: the persisted items (outbox-store.ts), which
 * conversations are being drained (single flight, with a "drain again" flag), which items await a
 * publish response, and the retry timer of each item.
 */
import type { KeyedTimers, SessionRuntime } from './runtime';
import { Outbox } from './outbox-store';
import type { OutboxStore } from '../decisions/outbox';

export class OutboxState {
  readonly items: Outbox;
  private readonly draining = new Set<string>();
  private readonly redrain = new Set<string>();
  /** localIds whose publish is awaiting its response. */
  private readonly inFlight = new Set<string>();
  private readonly retries: KeyedTimers;

  constructor(rt: SessionRuntime, store: OutboxStore | undefined) {
    this.items = new Outbox(store, (err) => rt.log('error', 'Outbox save failed', err));
    this.retries = rt.keyedTimers();
  }

  /** Starts draining `cid` unless it is already: then it is drained again once that finishes. */
  beginDrain(cid: string): boolean {
    if (this.draining.has(cid)) {
      this.redrain.add(cid);
      return false;
    }
    this.draining.add(cid);
    return true;
  }

  /** Draining `cid` finished; true when it must be drained again. */
  endDrain(cid: string): boolean {
    this.draining.delete(cid);
    return this.redrain.delete(cid);
  }

  isInFlight(localId: string): boolean {
    return this.inFlight.has(localId);
  }

  setInFlight(localId: string, on: boolean): void {
    if (on) this.inFlight.add(localId);
    else this.inFlight.delete(localId);
  }

  /** Runs `fn` after `ms` unless a retry is already scheduled for the item. */
  retryLater(localId: string, fn: () => void, ms: number): void {
    if (this.retries.has(localId)) return;
    this.retries.set(localId, fn, ms);
  }

  cancelRetry(localId: string): void {
    this.retries.cancel(localId);
  }
}
