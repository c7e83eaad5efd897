/**
 * Unread consumer messages per conversation, as a pure model. A live consumer message counts when
 * the agent cannot be looking at it: the window is not focused, or another conversation is on
 * screen. The count of a conversation clears when it is on screen in the focused window (the
 * renderer reports what is on screen through `attention/viewing`), and goes when the conversation
 * does. A message seen again (a delivery update, a replay after reconnect) never counts twice.
 */

export interface UnreadState {
  readonly counts: ReadonlyMap<string, number>;
  /** Highest consumer sequence seen per conversation. */
  readonly lastSequence: ReadonlyMap<string, number>;
  /** The conversation on screen in the window, or null. */
  readonly viewing: string | null;
  readonly focused: boolean;
}

export interface UnreadCounts {
  /** conversationId → unread consumer messages (only conversations with some). */
  counts: Record<string, number>;
  total: number;
}

export const initialUnread: UnreadState = { counts: new Map(), lastSequence: new Map(), viewing: null, focused: false };

export interface IncomingMessage {
  conversationId: string;
  sequence?: number;
  role: string;
  own: boolean;
}

/** Whether the agent is looking at this conversation right now. */
export function looking(state: UnreadState, conversationId: string): boolean {
  return state.focused && state.viewing === conversationId;
}

/** A live message: `counted` when it is a new consumer message the agent cannot be looking at. */
export function messageArrived(state: UnreadState, m: IncomingMessage): { state: UnreadState; counted: boolean } {
  if (m.role !== 'CONSUMER' || m.own || m.sequence === undefined) return { state, counted: false };
  const last = state.lastSequence.get(m.conversationId);
  if (last !== undefined && m.sequence <= last) return { state, counted: false };
  const lastSequence = new Map(state.lastSequence).set(m.conversationId, m.sequence);
  if (looking(state, m.conversationId)) return { state: { ...state, lastSequence }, counted: false };
  const counts = new Map(state.counts).set(m.conversationId, (state.counts.get(m.conversationId) ?? 0) + 1);
  return { state: { ...state, counts, lastSequence }, counted: true };
}

/** What is on screen and whether the window is focused changed: the conversation looked at is read. */
export function viewChanged(state: UnreadState, change: { viewing?: string | null; focused?: boolean }): UnreadState {
  const next: UnreadState = {
    ...state,
    ...(change.viewing !== undefined ? { viewing: change.viewing } : {}),
    ...(change.focused !== undefined ? { focused: change.focused } : {}),
  };
  if (next.viewing === null || !next.focused || !next.counts.has(next.viewing)) return next;
  const counts = new Map(next.counts);
  counts.delete(next.viewing);
  return { ...next, counts };
}

/** The conversation is gone (closed, transferred, back to the queue). */
export function conversationGone(state: UnreadState, conversationId: string): UnreadState {
  if (!state.counts.has(conversationId) && !state.lastSequence.has(conversationId)) return state;
  const counts = new Map(state.counts);
  const lastSequence = new Map(state.lastSequence);
  counts.delete(conversationId);
  lastSequence.delete(conversationId);
  return { ...state, counts, lastSequence };
}

/** Everything forgotten (sign-out, session switch); what is on screen and focus are kept. */
export function unreadCleared(state: UnreadState): UnreadState {
  return { ...initialUnread, viewing: state.viewing, focused: state.focused };
}

export function unreadCounts(state: UnreadState): UnreadCounts {
  let total = 0;
  const counts: Record<string, number> = {};
  for (const [id, n] of state.counts) {
    counts[id] = n;
    total += n;
  }
  return { counts, total };
}
