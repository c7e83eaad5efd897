/**
 * The outbox's items in send order, persisted through an OutboxStore after every change (saves are
 * chained so they land in order). The session drives sending (session/outbox.ts); the matching and
 * classification rules are pure (decisions/outbox.ts).
 */
import type { OutboxItem, OutboxStore } from '../decisions/outbox';

/** Items in order + persistence. The session drives sending; this only keeps state and saves it. */
export class Outbox {
  private items: OutboxItem[] = [];
  private saving: Promise<void> = Promise.resolve();

  constructor(private readonly store: OutboxStore | undefined, private readonly onSaveError: (err: unknown) => void) {}

  async load(): Promise<OutboxItem[]> {
    if (!this.store) return [];
    const loaded = await this.store.load();
    const valid = (Array.isArray(loaded) ? loaded : []).filter((i) =>
      typeof i?.localId === 'string' && typeof i.conversationId === 'string' && typeof i.text === 'string'
      && (i.file === undefined || (typeof i.file === 'object' && i.file !== null && typeof i.file.relativePath === 'string' && typeof i.file.fileType === 'string')));
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
