/**
 * The store: subscribes to every event FIRST, then asks for the snapshot, then applies the buffered
 * events newer than the snapshot, then live ones — no gap, no double. A gap in seq (an event lost)
 * triggers a fresh snapshot the same way.
 *
 * Events from main change the state at once (getState() is always current) but, with a
 * `notifyLater` scheduler (the window passes `nextFrame`), components hear of them once per frame:
 * a flood of messages costs one render per frame instead of one per event (issue #15). The agent's
 * own actions (dispatch) and the events in IMMEDIATE_EVENTS (rings, focus requests, errors,
 * connection) notify at once: a ring must not wait for the next frame (or the 100 ms fallback of a
 * hidden window) behind a flood of messages.
 */
import { eventNames, onName, URGENT_EVENTS, type AppSnapshot, type EventName, type EventPayloads, type LpApi } from '../../src-preload/api';
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

/**
 * Events that need the agent's attention now, heard by components at once (not at the next frame):
 * the contract's URGENT_EVENTS (rings offered / changed / gone, a focus or banner request, an error,
 * the connection or app state), which main also sends at once rather than at the end of its task.
 * All rare, so hearing them at once costs nothing under a flood of messages.
 */
export const IMMEDIATE_EVENTS: ReadonlySet<EventName> = URGENT_EVENTS;

interface Buffered { name: EventName; data: unknown; seq: number }

/** Runs `flush` once, before the next frame is painted, or within 100 ms when no frame comes (a hidden window paints none). */
export function nextFrame(flush: () => void): void {
  let done = false;
  const run = (): void => {
    if (done) return;
    done = true;
    cancelAnimationFrame(frame);
    clearTimeout(timer);
    flush();
  };
  const frame = requestAnimationFrame(run);
  const timer = setTimeout(run, 100);
}

/**
 * `notifyLater`: how listeners hear of events from main (e.g. `nextFrame`); without it they hear at
 * once (tests, and anything that needs every intermediate state).
 */
export function createStore(lp: LpApi, now: () => number = Date.now, notifyLater?: (flush: () => void) => void): Store {
  let state = initialState;
  const listeners = new Set<() => void>();
  let notifyQueued = false;
  /** The state changed since listeners last heard. */
  let unheard = false;
  const notify = (): void => {
    unheard = false;
    for (const l of listeners) l();
  };
  const flushQueued = (): void => {
    notifyQueued = false;
    // Nothing new since an immediate notify: nobody needs to hear it again.
    if (unheard && !stopped) notify();
  };
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
    notify();
  };

  /**
   * An event from main: applied now, heard by components at the next notifyLater flush (if any),
   * or at once when it is one of IMMEDIATE_EVENTS.
   */
  const dispatchEvent = (action: EventAction): void => {
    if (!notifyLater || IMMEDIATE_EVENTS.has(action.name)) return dispatch(action);
    const next = reduce(state, action);
    if (next === state) return;
    state = next;
    unheard = true;
    if (notifyQueued || stopped) return;
    notifyQueued = true;
    notifyLater(flushQueued);
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
    dispatchEvent({ type: 'event', name, data, at } as EventAction);
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
