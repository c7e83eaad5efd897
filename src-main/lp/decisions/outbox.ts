/**
 * The outbox: "never lose a word, never send one twice".
 *
 * - Items are kept in send order and persisted (OutboxStore.save after every change: session/outbox-store.ts).
 * - Per conversation, strictly one publish at a time; the next only after the previous was acked.
 * - A publish whose outcome is unknown (socket dropped, timeout) is never blindly resent: the
 *   conversation's history is re-queried and the item reconciled with `matchSentItem` first.
 *
 * Matching rule (pure, below): an item matches
 *   1. the message carrying its localId as ExternalId metadata (exact; the session sends
 *      `metadata: [{type:"ExternalId", id: localId}]` with every publish), else
 *   2. the lowest-sequence own message after `sentAfterSequence` with the same content — for a text,
 *      exactly the same text (never a file message); for a file, the same relativePath (unique per upload) —
 *      and the same audience (a private note never matches a message to the consumer) that is not already claimed by another localId (its own ExternalId, or an earlier ack).
 * Because items of one conversation go out one at a time and each is acked (its sequence known)
 * before the next is sent, every earlier own message with the same text is at or below
 * `sentAfterSequence` or claimed; a false match needs the same user typing the same text in the
 * same conversation from another client in the same seconds.
 */
import type { ChatMessage } from '../protocol/model';

export interface OutboxItem {
  localId: string;
  conversationId: string;
  text: string;
  createdAt: number;
  /** A private note (messageAudience AGENTS_AND_MANAGERS): never shown to the consumer. */
  private?: boolean;
  /**
   * A file already uploaded to the file store, to publish as `hosted/file` (§6) with `text` unused
   * (its description). Uploading happens before the item enters the outbox (session/files.ts).
   */
  file?: OutboxFile;
  /**
   * Set when a publish was first attempted: the highest sequence this client knew in the
   * conversation at that moment (-1 when none). Its presence means "may have reached the server":
   * before resending, history after this sequence is searched for the message (never send twice).
   */
  sentAfterSequence?: number;
}

export interface OutboxFile {
  relativePath: string;
  fileType: string;
  caption?: string;
  size?: number;
}

/** Where queued outgoing messages are kept across restarts (desktop: a file; tests: memory). No secrets. */
export interface OutboxStore {
  load(): Promise<OutboxItem[]> | OutboxItem[];
  save(items: OutboxItem[]): Promise<void> | void;
}

/** Own messages of the conversation (sequenced) → sequence of the message that is this item, if any. */
export function matchSentItem(item: Pick<OutboxItem, 'localId' | 'text' | 'sentAfterSequence' | 'private' | 'file'>, messages: readonly ChatMessage[]): number | undefined {
  for (const m of messages) {
    if (m.own && m.sequence !== undefined && m.localId === item.localId) return m.sequence;
  }
  const after = item.sentAfterSequence ?? -1;
  let best: number | undefined;
  for (const m of messages) {
    if (!m.own || m.sequence === undefined || m.localId !== undefined) continue;
    if (m.sequence <= after || !sameContent(m, item) || (m.private === true) !== (item.private === true)) continue;
    if (best === undefined || m.sequence < best) best = m.sequence;
  }
  return best;
}

function sameContent(m: ChatMessage, item: Pick<OutboxItem, 'text' | 'file'>): boolean {
  if (item.file) return m.file?.relativePath === item.file.relativePath;
  return m.file === undefined && m.text === item.text;
}

export type PublishOutcome =
  | { kind: 'acked'; sequence: number }
  | { kind: 'rejected'; code: number; message: string } // 4xx: the server will not take it
  | { kind: 'retry-later'; code: number; message: string } // 5xx: it did not take it this time
  | { kind: 'unknown'; message: string }; // timeout / socket gone: may or may not have been applied

/** Classifies a publish failure by the LpError code (0 = local: timeout or not connected). */
export function classifyPublishError(err: unknown): PublishOutcome {
  const e = err as { code?: unknown; message?: unknown };
  const code = typeof e.code === 'number' ? e.code : 0;
  const message = typeof e.message === 'string' ? e.message : String(err);
  if (code >= 400 && code < 500) return { kind: 'rejected', code, message };
  if (code >= 500) return { kind: 'retry-later', code, message };
  return { kind: 'unknown', message };
}
