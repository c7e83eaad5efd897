/**
 * A small view of the current session kept from its events (phase, availability, rings, and the
 * conversations' response-time facts), so the tray can re-render every second without copying the
 * whole session snapshot each time.
 */
import type { Availability, ConnectionPhase, Conversation, Ring, AgentSession } from '../lp/index';

/** The conversation's fields the response-time timer reads (src-preload/response-time.ts TimedConversation). */
const TIMED_FIELDS = ['state', 'awaitingReplySince', 'ttr', 'responseDueAt'] as const;

/** What the tray needs of a conversation: its response-time timer. */
export type TimedView = Pick<Conversation, (typeof TIMED_FIELDS)[number]>;

export interface LiveView {
  phase: ConnectionPhase;
  availability: Availability;
  rings: Map<string, Ring>;
  conversations: Map<string, TimedView>;
}

export function emptyLiveView(): LiveView {
  return { phase: 'idle', availability: 'OFFLINE', rings: new Map(), conversations: new Map() };
}

function timedView(c: Conversation): TimedView {
  const v: TimedView = { state: c.state };
  if (c.awaitingReplySince !== undefined) v.awaitingReplySince = c.awaitingReplySince;
  if (c.ttr !== undefined) v.ttr = c.ttr;
  if (c.responseDueAt !== undefined) v.responseDueAt = c.responseDueAt;
  return v;
}

/** Every TIMED_FIELDS field equal (`ttr`, the one object, by its parts): a field added there is compared too. */
function sameTimedView(a: TimedView | undefined, b: TimedView): boolean {
  if (a === undefined) return false;
  for (const field of TIMED_FIELDS) {
    if (field === 'ttr') {
      if (a.ttr?.type !== b.ttr?.type || a.ttr?.seconds !== b.ttr?.seconds) return false;
    } else if (a[field] !== b[field]) return false;
  }
  return true;
}

/** Fills `view` from the session's snapshot and keeps it current; calls `changed` after each update. */
export function trackSession(session: AgentSession, view: LiveView, changed: () => void): () => void {
  const snap = session.snapshot();
  view.phase = snap.connection.phase;
  view.availability = snap.availability;
  view.rings = new Map(snap.rings.map((r) => [r.ringId, r]));
  view.conversations = new Map(snap.conversations.filter((c) => c.mine).map((c) => [c.conversationId, timedView(c)]));
  const offs = [
    session.on('connection', (c) => {
      view.phase = c.phase;
      changed();
    }),
    session.on('availability', (a) => {
      view.availability = a;
      changed();
    }),
    session.on('ring/offered', (r) => {
      view.rings.set(r.ringId, r);
      changed();
    }),
    session.on('ring/updated', (r) => {
      view.rings.set(r.ringId, r);
      changed();
    }),
    session.on('ring/ended', ({ ring }) => {
      view.rings.delete(ring.ringId);
      changed();
    }),
    session.on('conversation/upsert', (c) => {
      // Only the agent's own conversations are timed (a conversation it merely reads is not its to answer).
      // Most upserts (a consumer message in a conversation already waiting for a reply) change none of
      // that: no render is asked for then.
      if (c.mine) {
        const next = timedView(c);
        if (sameTimedView(view.conversations.get(c.conversationId), next)) return;
        view.conversations.set(c.conversationId, next);
      } else if (!view.conversations.delete(c.conversationId)) return;
      changed();
    }),
    session.on('conversation/removed', ({ conversationId }) => {
      view.conversations.delete(conversationId);
      changed();
    }),
  ];
  return () => {
    for (const off of offs) off();
  };
}
