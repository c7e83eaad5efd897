/**
 * The outbox: "never lose a word, never send one twice".
 *
 * - Items are kept in send order and persisted (OutboxStore.save after every change).
 * - Per conversation, strictly one publish at a time; the next only after the previous was acked.
 * - A publish whose outcome is unknown (socket dropped, timeout) is never blindly resent: the
 *   conversation's history is re-queried and the item reconciled with `matchSentItem` first.
 *
 * Matching rule (pure, below): an item matches
 *   1. the message carrying its localId as ExternalId metadata (exact; the session sends
 *      `metadata: [{type:"ExternalId", id: localId}]` with every publish), else
 *   2. the lowest-sequence own text message after `sentAfterSequence` with exactly the same text
 *      that is not already claimed by another localId (its own ExternalId, or an earlier ack).
 * Because items of one conversation go out one at a time and each is acked (its sequence known)
 * before the next is sent, every earlier own message with the same text is at or below
 * `sentAfterSequence` or claimed; a false match needs the same user typing the same text in the
 * same conversation from another client in the same seconds.
 */
import type { ChatMessage } from './model';
import type { OutboxItem, OutboxStore } from './session-api';

/** Own messages of the conversation (sequenced) → sequence of the message that is this item, if any. */
export function matchSentItem(item: Pick<OutboxItem, 'localId' | 'text' | 'sentAfterSequence'>, messages: readonly ChatMessage[]): number | undefined {
  for (const m of messages) {
    if (m.own && m.sequence !== undefined && m.localId === item.localId) return m.sequence;
  }
  const after = item.sentAfterSequence ?? -1;
  let best: number | undefined;
  for (const m of messages) {
    if (!m.own || m.sequence === undefined || m.localId !== undefined) continue;
    if (m.sequence <= after || m.text !== item.text) continue;
    if (best === undefined || m.sequence < best) best = m.sequence;
  }
  return best;
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

/** Items in order + persistence. The session drives sending; this only keeps state and saves it. */
export class Outbox {
  private items: OutboxItem[] = [];
  private saving: Promise<void> = Promise.resolve();

  constructor(private readonly store: OutboxStore | undefined, private readonly onSaveError: (err: unknown) => void) {}

  async load(): Promise<OutboxItem[]> {
    if (!this.store) return [];
    const loaded = await this.store.load();
    const valid = (Array.isArray(loaded) ? loaded : []).filter((i) =>
      typeof i?.localId === 'string' && typeof i.conversationId === 'string' && typeof i.text === 'string');
    const known = new Set(this.items.map((i) => i.localId));
    this.items = [...valid.filter((i) => !known.has(i.localId)).map((i) => ({ ...i })), ...this.items];
    return this.items.slice();
  }

  all(): readonly OutboxItem[] {
    return this.items;
  }

  get(localId: string): OutboxItem | undefined {
    return this.items.find((i) => i.localId === localId);
  }

  /** The first (oldest) item of a conversation: the only one that may be in flight. */
  head(conversationId: string): OutboxItem | undefined {
    return this.items.find((i) => i.conversationId === conversationId);
  }

  forConversation(conversationId: string): OutboxItem[] {
    return this.items.filter((i) => i.conversationId === conversationId);
  }

  conversations(): string[] {
    return [...new Set(this.items.map((i) => i.conversationId))];
  }

  add(item: OutboxItem): void {
    this.items.push(item);
    this.persist();
  }

  update(localId: string, patch: Partial<Pick<OutboxItem, 'sentAfterSequence'>>): void {
    const item = this.get(localId);
    if (!item) return;
    Object.assign(item, patch);
    this.persist();
  }

  remove(localId: string): OutboxItem | undefined {
    const i = this.items.findIndex((x) => x.localId === localId);
    if (i < 0) return undefined;
    const [item] = this.items.splice(i, 1);
    this.persist();
    return item;
  }

  /** Resolves when every save issued so far has finished. */
  flushed(): Promise<void> {
    return this.saving;
  }

  private persist(): void {
    const store = this.store;
    if (!store) return;
    const snapshot = this.items.map((i) => ({ ...i }));
    // Saves are chained so they land in order; a failing save is reported, not fatal.
    this.saving = this.saving.then(async () => {
      try {
        await store.save(snapshot);
      } catch (err) {
        this.onSaveError(err);
      }
    });
  }
}

/** A memory OutboxStore (tests, headless without a file). */
export function memoryOutboxStore(initial: OutboxItem[] = []): OutboxStore & { items: OutboxItem[] } {
  const s = {
    items: initial.map((i) => ({ ...i })),
    load(): OutboxItem[] {
      return s.items.map((i) => ({ ...i }));
    },
    save(items: OutboxItem[]): void {
      s.items = items.map((i) => ({ ...i }));
    },
  };
  return s;
}
