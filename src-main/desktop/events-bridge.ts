/**
 * Main → renderer events. Every event gets the next `seq` and joins the pending batch; a batch
 * goes as ONE IPC message (EVENT_BATCH_CHANNEL: an ordered array of {name, seq, data}) to the live
 * webContents only (destroyed ones are skipped). When: at the end of the task that emitted it (a
 * microtask), so every event of one socket read (the core handles a read's frames in one go:
 * message, conversation, unread counts, receipts…) is one message instead of ~4 per consumer
 * message (issue #15: each IPC message is a task on the renderer's main thread a key press waits
 * behind) — and at most one such batch per BATCH_GAP_MS: a task that ends sooner after the last
 * batch leaves its events to a timer that sends them, with those of the tasks after it, when the
 * gap is over (a flood's ~180 socket reads a second become ~60 messages; the window draws them once
 * a frame anyway; a lone message after a quiet moment still goes at the end of its task). An
 * URGENT_EVENTS one (a ring, a focus request, an error, the connection…), or a ring's sound, goes at once, with
 * whatever waited before it, so a ring is on its way before main's next step (its sound) and the
 * order is kept. Nothing is kept past the gap: a window that appears later gets at most the events
 * of the last BATCH_GAP_MS, older than its snapshot. The snapshot carries the seq it reflects: built
 * synchronously, it sits exactly between two events (those of a batch not yet sent are ≤ it), so a
 * renderer that subscribes first and drops events with seq ≤ snapshot.seq has no gap and no double.
 */
import { EVENT_BATCH_CHANNEL, URGENT_EVENTS, type AppSnapshot, type AppState, type EventBatchEntry, type EventName, type EventPayloads, type Settings } from '../../src-preload/api';
import type { AgentSession, SessionEvents, SessionSnapshot } from '../lp/index';

export interface WebContentsLike {
  isDestroyed(): boolean;
  send(channel: string, ...args: unknown[]): void;
}

/** Session event → contract event (payloads are the same shapes). */
export const SESSION_EVENT_MAP = {
  connection: 'connection/state',
  profile: 'agent/profile',
  availability: 'agent/availability',
  'ring/offered': 'ring/offered',
  'ring/updated': 'ring/updated',
  'ring/ended': 'ring/ended',
  'conversation/upsert': 'conversation/upsert',
  'conversation/removed': 'conversation/removed',
  message: 'message/upsert',
  history: 'message/history',
  typing: 'conversation/typing',
  receipt: 'message/receipt',
  error: 'app/error',
} as const satisfies { [K in keyof SessionEvents]: EventName };

// Compile-time: every mapped payload fits the contract's payload.
type Fits = { [K in keyof SessionEvents]: SessionEvents[K] extends EventPayloads[(typeof SESSION_EVENT_MAP)[K]] ? true : never };
const _payloadsFit: Fits[keyof SessionEvents] = true;
void _payloadsFit;

export const EMPTY_SESSION_SNAPSHOT: SessionSnapshot = Object.freeze({
  connection: { phase: 'idle', reconnects: 0, since: 0 },
  availability: 'OFFLINE',
  rings: [],
  conversations: [],
  messages: {},
}) as SessionSnapshot;

export interface EventsBridge {
  readonly seq: number;
  emit<N extends EventName>(name: N, data: EventPayloads[N]): void;
  /** Forwards every session event; returns the detach function. */
  attachSession(session: AgentSession): () => void;
  snapshot(parts: { app: AppState; session: AgentSession | null; settings: Settings }): AppSnapshot;
}

/** The free-text error fields (app/error's message, connection/state's lastError) through `redact`; the rest as is. */
function redactPayload<N extends EventName>(name: N, data: EventPayloads[N], redact: (s: string) => string): EventPayloads[N] {
  if (name === 'app/error') {
    const error = data as EventPayloads['app/error'];
    return { ...error, message: redact(error.message) } as EventPayloads[N];
  }
  if (name === 'connection/state') {
    const state = data as EventPayloads['connection/state'];
    if (typeof state.lastError === 'string') return { ...state, lastError: redact(state.lastError) } as EventPayloads[N];
  }
  return data;
}

/** A ring's sound goes as its ring does, at once (a message's sound may wait for the next batch). */
function isRingSound(name: EventName, data: unknown): boolean {
  return name === 'attention/sound' && (data as EventPayloads['attention/sound']).sound === 'ring';
}

/** The shortest time between two batches of non-urgent events: one frame at 60 Hz. */
export const BATCH_GAP_MS = 16;

/**
 * `redact` is applied to error text on its way out (the core redacts too; belt and braces).
 * `batchGapMs`: the shortest time between two batches of non-urgent events (BATCH_GAP_MS).
 */
export function createEventsBridge(targets: () => readonly WebContentsLike[], redact: (s: string) => string = (s) => s, batchGapMs = BATCH_GAP_MS): EventsBridge {
  let seq = 0;
  let batch: EventBatchEntry[] = [];
  /** A flush is queued: at the end of this task (microtask) or by `timer`. */
  let flushQueued = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  /** When the last end-of-task or timer batch went (urgent sends do not count: they are rare). */
  let lastBatchAt = -Infinity;
  const flushBatch = (): void => {
    if (!flushQueued) return; // an urgent event sent it already
    lastBatchAt = performance.now();
    flush();
  };
  const flush = (): void => {
    flushQueued = false;
    if (timer !== null) {
      clearTimeout(timer);
      timer = null;
    }
    if (batch.length === 0) return;
    const sending = batch;
    batch = [];
    for (const wc of targets()) {
      if (wc.isDestroyed()) continue;
      try {
        wc.send(EVENT_BATCH_CHANNEL, sending);
      } catch {
        // Gone between the check and the send, or one entry Electron cannot clone: each entry alone,
        // so only what cannot go is lost (its seq gap makes the renderer resync from a snapshot).
        for (const entry of sending) {
          if (wc.isDestroyed()) break;
          try {
            wc.send(EVENT_BATCH_CHANNEL, [entry]);
          } catch {
            // This entry only.
          }
        }
      }
    }
  };
  const bridge: EventsBridge = {
    get seq() {
      return seq;
    },
    // A payload must not be changed after emit: it is sent (cloned) at the end of the task.
    emit(name, data) {
      seq += 1;
      batch.push({ name, seq, data: redactPayload(name, data, redact) } as EventBatchEntry);
      if (URGENT_EVENTS.has(name) || isRingSound(name, data)) {
        flush();
      } else if (!flushQueued) {
        flushQueued = true;
        const wait = lastBatchAt + batchGapMs - performance.now();
        if (wait > 0) timer = setTimeout(flushBatch, wait);
        else queueMicrotask(flushBatch);
      }
    },
    attachSession(session) {
      const offs = (Object.keys(SESSION_EVENT_MAP) as Array<keyof SessionEvents>).map((event) =>
        session.on(event, (data) => bridge.emit(SESSION_EVENT_MAP[event], data as never)),
      );
      return () => {
        for (const off of offs) off();
      };
    },
    snapshot({ app, session, settings }) {
      if (!session) return { seq, app, session: EMPTY_SESSION_SNAPSHOT, settings };
      const snap = session.snapshot();
      // The snapshot carries the same ConnectionState as connection/state events: same redaction.
      return { seq, app, session: { ...snap, connection: redactPayload('connection/state', snap.connection, redact) }, settings };
    },
  };
  return bridge;
}
