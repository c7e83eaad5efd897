/**
 * The store: subscribes to every event FIRST, then asks for the snapshot, then applies the buffered
 * events newer than the snapshot, then live ones — no gap, no double. A gap in seq (an event lost)
 * triggers a fresh snapshot the same way.
 */
import { eventNames, onName, type AppSnapshot, type EventName, type EventPayloads, type LpApi } from '../../src-preload/api';
import { initialState, reduce, type Action, type EventAction, type State } from './reducer';

export const TYPING_EXPIRY_MS = 6_000;

export interface Store {
  getState(): State;
  subscribe(listener: () => void): () => void;
  dispatch(action: Action): void;
  /** Subscribe + snapshot; resolves once the first snapshot is applied. */
  start(): Promise<void>;
  stop(): void;
  readonly lp: LpApi;
}

interface Buffered { name: EventName; data: unknown; seq: number }

export function createStore(lp: LpApi, now: () => number = Date.now): Store {
  let state = initialState;
  const listeners = new Set<() => void>();
  let unsubs: Array<() => void> = [];
  let syncing = true;
  let buffer: Buffered[] = [];
  let lastSeq = 0;
  const typingTimers = new Map<string, ReturnType<typeof setTimeout>>();
  let stopped = false;
  /** Each start/stop/resync is a generation; a snapshot from an older one is dropped. */
  let generation = 0;

  const dispatch = (action: Action): void => {
    const next = reduce(state, action);
    if (next === state) return;
    state = next;
    for (const l of listeners) l();
  };

  const scheduleTypingExpiry = (conversationId: string, at: number): void => {
    const old = typingTimers.get(conversationId);
    if (old) clearTimeout(old);
    typingTimers.set(conversationId, setTimeout(() => {
      typingTimers.delete(conversationId);
      dispatch({ type: 'typing/expire', conversationId, at });
    }, TYPING_EXPIRY_MS));
  };

  const apply = (name: EventName, data: unknown, seq: number): void => {
    lastSeq = seq;
    const at = now();
    dispatch({ type: 'event', name, data, at } as EventAction);
    if (name === 'conversation/typing') {
      const t = data as EventPayloads['conversation/typing'];
      if (t.role === 'CONSUMER' && t.state === 'COMPOSING') scheduleTypingExpiry(t.conversationId, at);
    }
  };

  const sync = async (): Promise<void> => {
    syncing = true;
    generation += 1;
    const mine = generation;
    let snapshot: AppSnapshot;
    try {
      snapshot = await lp.sessionSnapshot();
    } catch (err) {
      if (mine === generation) syncing = false;
      throw err;
    }
    if (stopped || mine !== generation) return;
    dispatch({ type: 'snapshot', snapshot });
    lastSeq = snapshot.seq;
    const pending = buffer.filter((b) => b.seq > snapshot.seq).sort((a, b) => a.seq - b.seq);
    buffer = [];
    syncing = false;
    for (const b of pending) receive(b.name, b.data, b.seq);
  };

  const receive = (name: EventName, data: unknown, seq: number): void => {
    if (stopped) return;
    if (syncing) {
      buffer.push({ name, data, seq });
      return;
    }
    if (seq <= lastSeq) return; // already reflected
    if (seq > lastSeq + 1) {
      // Lost something: start over from a snapshot (this event is buffered and re-checked).
      buffer.push({ name, data, seq });
      void sync().catch(() => undefined);
      return;
    }
    apply(name, data, seq);
  };

  return {
    lp,
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispatch,
    async start() {
      stopped = false;
      for (const u of unsubs) u();
      unsubs = [];
      for (const name of eventNames) {
        const on = (lp as unknown as Record<string, (l: (data: unknown, seq: number) => void) => () => void>)[onName(name)];
        if (typeof on === 'function') unsubs.push(on((data, seq) => receive(name, data, seq)));
      }
      await sync();
    },
    stop() {
      stopped = true;
      generation += 1;
      buffer = [];
      for (const u of unsubs) u();
      unsubs = [];
      for (const t of typingTimers.values()) clearTimeout(t);
      typingTimers.clear();
    },
  };
}
