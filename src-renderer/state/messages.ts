/**
 * Per-conversation message lists: merged by localId ?? sequence, in order; own delivery never regresses.
 * Memory cap: a list keeps its newest MESSAGES_KEPT messages (more only after the agent asked for
 * earlier ones); older ones stay in main and come back on demand through conversation history.
 */
import type { ChatMessage, Delivery } from '../../src-preload/api';

const RANK: Record<Delivery, number> = { queued: 0, sending: 1, failed: 1.5, sent: 2, delivered: 3, read: 4 };

/**
 * A message that should get the agent's attention (announced, and alerted where messages alert): the
 * consumer's, and a private message (a manager's whisper) from someone else. Never the agent's own.
 */
export function alertsAgent(m: ChatMessage): boolean {
  if (m.own) return false;
  return m.role === 'CONSUMER' || m.private === true;
}

export function messageKey(m: ChatMessage): string {
  return m.localId !== undefined ? `l:${m.localId}` : `s:${m.sequence ?? `t${m.timestamp}`}`;
}

/** Sequenced messages in sequence order; not-yet-acknowledged ones after them, by time. */
export function compareMessages(a: ChatMessage, b: ChatMessage): number {
  if (a.sequence !== undefined && b.sequence !== undefined) return a.sequence - b.sequence;
  if (a.sequence !== undefined) return -1;
  if (b.sequence !== undefined) return 1;
  return a.timestamp - b.timestamp;
}

function mergeOne(prev: ChatMessage, next: ChatMessage): ChatMessage {
  const merged: ChatMessage = { ...prev, ...next };
  if (prev.sequence !== undefined && next.sequence === undefined) merged.sequence = prev.sequence;
  if (prev.localId !== undefined && next.localId === undefined) merged.localId = prev.localId;
  if (prev.delivery && next.delivery && next.delivery !== 'failed' && RANK[next.delivery] < RANK[prev.delivery]) {
    merged.delivery = prev.delivery;
  }
  if (merged.delivery !== 'failed') delete merged.error;
  return merged;
}

function findIndex(list: readonly ChatMessage[], m: ChatMessage): number {
  for (let i = list.length - 1; i >= 0; i--) {
    const x = list[i] as ChatMessage;
    if (m.localId !== undefined && x.localId === m.localId) return i;
    if (m.sequence !== undefined && x.sequence === m.sequence) return i;
  }
  return -1;
}

/** One message in (new or changed). Returns a new array. */
export function upsertMessage(list: readonly ChatMessage[], m: ChatMessage): ChatMessage[] {
  const i = findIndex(list, m);
  const out = list.slice();
  if (i >= 0) {
    const merged = mergeOne(out[i] as ChatMessage, m);
    out.splice(i, 1);
    return insertSorted(out, merged);
  }
  return insertSorted(out, m);
}

function insertSorted(out: ChatMessage[], m: ChatMessage): ChatMessage[] {
  let j = out.length;
  while (j > 0 && compareMessages(out[j - 1] as ChatMessage, m) > 0) j--;
  out.splice(j, 0, m);
  return out;
}

/** Many at once (history): one pass with a key map, one sort. */
export function mergeMessages(list: readonly ChatMessage[], incoming: readonly ChatMessage[]): ChatMessage[] {
  const bySeq = new Map<number, number>();
  const byLocal = new Map<string, number>();
  const out = list.slice();
  out.forEach((m, i) => {
    if (m.sequence !== undefined) bySeq.set(m.sequence, i);
    if (m.localId !== undefined) byLocal.set(m.localId, i);
  });
  for (const m of incoming) {
    const i = (m.localId !== undefined ? byLocal.get(m.localId) : undefined) ?? (m.sequence !== undefined ? bySeq.get(m.sequence) : undefined);
    if (i !== undefined) {
      out[i] = mergeOne(out[i] as ChatMessage, m);
    } else {
      out.push(m);
      const k = out.length - 1;
      if (m.sequence !== undefined) bySeq.set(m.sequence, k);
      if (m.localId !== undefined) byLocal.set(m.localId, k);
    }
  }
  return out.sort(compareMessages);
}

/** A consumer receipt: own messages with these sequences become delivered / read. */
export function applyReceipt(list: readonly ChatMessage[], sequences: readonly number[], status: string): ChatMessage[] {
  const to: Delivery | null = status === 'READ' ? 'read' : status === 'ACCEPT' ? 'delivered' : null;
  if (!to) return list.slice();
  const set = new Set(sequences);
  return list.map((m) => {
    if (!m.own || m.sequence === undefined || !set.has(m.sequence)) return m;
    if (m.delivery && RANK[m.delivery] >= RANK[to]) return m;
    return { ...m, delivery: to };
  });
}

/** Messages of one conversation kept in the window's memory by default; "Show earlier" raises it by as many. */
export const MESSAGES_KEPT = 500;

/** The newest `limit` messages of a (sorted) list, and how many older ones were left out. Unsent own messages sort last: always kept. */
export function keepNewest(list: ChatMessage[], limit: number): { list: ChatMessage[]; notKept: number } {
  if (list.length <= limit) return { list, notKept: 0 };
  return { list: list.slice(list.length - limit), notKept: list.length - limit };
}
