/**
 * The session's OutboxStore as a JSON file per account under userData/outbox/ (messages not yet
 * acknowledged survive a restart). Only message data — no secrets. Writes are atomic and flushed
 * (atomic-file.ts).
 *
 * When the file went bad (not JSON, or not our shape) it is moved aside (corrupt-file.ts) and the
 * valid items it held are still used. When a write fails (a full disk: ENOSPC), the messages stay in
 * memory — the session keeps them in its outbox anyway — the failure is reported once per outage,
 * and the newest items are written again every `retryMs` (and on every change) until a write
 * succeeds, which is reported too.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { OutboxFile, OutboxItem, OutboxStore } from '../lp/index';
import { readJsonFile, writeFileAtomic } from './atomic-file';
import { readJsonOrMoveAside } from './corrupt-file';

export const OUTBOX_RETRY_MS = 15_000;

function isItem(v: unknown): v is OutboxItem {
  const o = v as Partial<OutboxItem> | null;
  return typeof o === 'object' && o !== null && typeof o.localId === 'string' && typeof o.conversationId === 'string'
    && typeof o.text === 'string' && typeof o.createdAt === 'number'
    && (o.sentAfterSequence === undefined || typeof o.sentAfterSequence === 'number')
    && (o.private === undefined || typeof o.private === 'boolean')
    && (o.file === undefined || isFile(o.file));
}

function isFile(v: unknown): boolean {
  const f = v as Partial<OutboxFile> | null;
  return typeof f === 'object' && f !== null && typeof f.relativePath === 'string' && typeof f.fileType === 'string'
    && (f.caption === undefined || typeof f.caption === 'string') && (f.size === undefined || typeof f.size === 'number');
}

/** The file's shape: {items: [...]} with every item valid. */
function isOutboxFile(v: unknown): boolean {
  const items = (v as { items?: unknown } | null)?.items;
  return typeof v === 'object' && v !== null && Array.isArray(items) && items.every(isItem);
}

/** File for an account+user: hashed, so the name carries no identifiers and is path-safe. */
export function outboxFilePath(dir: string, accountId: string, username: string): string {
  const h = createHash('sha256').update(`${accountId}\u0000${username}`).digest('hex').slice(0, 24);
  return join(dir, `outbox-${h}.json`);
}

export interface OutboxFileOptions {
  /** The file was damaged and moved aside (the valid items in it are still loaded). */
  onMovedAside?(movedTo: string, reason: string): void;
  /** A write failed (once per outage); the items are kept in memory and retried. */
  onWriteFailed?(err: NodeJS.ErrnoException): void;
  /** A write succeeded after a failure. */
  onWriteRecovered?(): void;
  /** Test seam: the write (default: atomic + fsync). */
  write?(path: string, content: string): void;
  retryMs?: number;
  setTimeout?(fn: () => void, ms: number): unknown;
  clearTimeout?(handle: unknown): void;
}

export function fileOutboxStore(path: string, opts: OutboxFileOptions = {}): OutboxStore {
  const write = opts.write ?? ((p: string, c: string) => writeFileAtomic(p, c));
  const retryMs = opts.retryMs ?? OUTBOX_RETRY_MS;
  const schedule = opts.setTimeout ?? ((fn: () => void, ms: number): unknown => setTimeout(fn, ms).unref());
  const cancel = opts.clearTimeout ?? ((h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>));
  let failing = false;
  let retry: unknown;
  /** The newest content not yet on disk. */
  let unsaved: string | undefined;

  const attempt = (): void => {
    if (retry !== undefined) cancel(retry);
    retry = undefined;
    if (unsaved === undefined) return;
    try {
      write(path, unsaved);
    } catch (err) {
      if (!failing) opts.onWriteFailed?.(err as NodeJS.ErrnoException);
      failing = true;
      retry = schedule(attempt, retryMs);
      return;
    }
    unsaved = undefined;
    if (failing) {
      failing = false;
      opts.onWriteRecovered?.();
    }
  };

  return {
    load() {
      const read = readJsonOrMoveAside(path, isOutboxFile);
      if (read.state === 'ok') return (read.value as { items: OutboxItem[] }).items;
      if (read.state !== 'moved-aside') return [];
      opts.onMovedAside?.(read.movedTo, read.reason);
      // What can still be read of the file moved aside: its valid items (re-saved on the next change).
      const items = (readJsonFile(read.movedTo) as { items?: unknown } | undefined)?.items;
      return Array.isArray(items) ? items.filter(isItem) : [];
    },
    save(items) {
      const clean = items.map((i): OutboxItem => {
        const item: OutboxItem = { localId: i.localId, conversationId: i.conversationId, text: i.text, createdAt: i.createdAt };
        if (i.sentAfterSequence !== undefined) item.sentAfterSequence = i.sentAfterSequence;
        // A private note restored after a restart must stay private: never dropped on save.
        if (i.private === true) item.private = true;
        // An uploaded file waiting to be published: its reference, never its bytes.
        if (i.file) {
          const { relativePath, fileType, caption, size } = i.file;
          item.file = { relativePath, fileType, ...(caption !== undefined ? { caption } : {}), ...(size !== undefined ? { size } : {}) };
        }
        return item;
      });
      unsaved = `${JSON.stringify({ version: 1, items: clean })}\n`;
      attempt();
    },
  };
}
