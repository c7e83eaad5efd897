/**
 * Images main fetched for the window, in memory only, under a byte cap (least recently used dropped
 * first). Each gets an opaque random id: the renderer loads it as `app://lp/files/<id>` (app-protocol.ts),
 * never a remote URL, and learns nothing from the id (not the conversation, not the store's path).
 */
import { randomUUID } from 'node:crypto';

export interface CachedImage {
  id: string;
  /** `${conversationId}\n${sequence}`: one entry per file message. */
  key: string;
  mime: string;
  width: number;
  height: number;
  bytes: Uint8Array;
}

/** 96 MB: a few dozen photos; anything older is fetched again when looked at. */
export const FILE_CACHE_BYTES = 96 * 1024 * 1024;

export class FileCache {
  /** id → entry, in use order (oldest first: a Map keeps insertion order). */
  private readonly byId = new Map<string, CachedImage>();
  private readonly idByKey = new Map<string, string>();
  private bytes = 0;

  constructor(private readonly capBytes = FILE_CACHE_BYTES) {}

  static key(conversationId: string, sequence: number): string {
    return `${conversationId}\n${sequence}`;
  }

  /** The entry for a message, marked as just used. */
  find(key: string): CachedImage | undefined {
    const id = this.idByKey.get(key);
    return id === undefined ? undefined : this.get(id);
  }

  /** The entry with this id, marked as just used. */
  get(id: string): CachedImage | undefined {
    const e = this.byId.get(id);
    if (!e) return undefined;
    this.byId.delete(id);
    this.byId.set(id, e);
    return e;
  }

  put(key: string, image: Omit<CachedImage, 'id' | 'key'>): CachedImage {
    const old = this.idByKey.get(key);
    if (old !== undefined) this.drop(old);
    const entry: CachedImage = { ...image, id: randomUUID(), key };
    this.byId.set(entry.id, entry);
    this.idByKey.set(key, entry.id);
    this.bytes += entry.bytes.length;
    for (const id of this.byId.keys()) {
      if (this.bytes <= this.capBytes || id === entry.id) break;
      this.drop(id);
    }
    return entry;
  }

  /** Everything, e.g. on sign-out. */
  clear(): void {
    this.byId.clear();
    this.idByKey.clear();
    this.bytes = 0;
  }

  get size(): { entries: number; bytes: number } {
    return { entries: this.byId.size, bytes: this.bytes };
  }

  private drop(id: string): void {
    const e = this.byId.get(id);
    if (!e) return;
    this.byId.delete(id);
    this.idByKey.delete(e.key);
    this.bytes -= e.bytes.length;
  }
}
