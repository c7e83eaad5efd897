/**
 * The composer's drafts, kept in main (issue 13.2): per conversation, for one account, so a renderer
 * that dies or reloads, and the next start of the app, find the half-typed text again. Held in
 * memory; written to one file per account (hashed name like the outbox's, no identifiers in it)
 * atomically and flushed (atomic-file.ts), DRAFTS_WRITE_DELAY_MS after the last change (typing
 * writes once, not per key) and at once on `flush()` (quit, account switch). A file that is not
 * what this wrote is moved aside (corrupt-file.ts) and the drafts start empty; a write that fails
 * keeps the drafts in memory and is tried again on the next change or flush. A draft is dropped
 * when its conversation ends (drafts-phase.ts) or is sent (the window sets it empty).
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-file';
import { readJsonOrMoveAside } from './corrupt-file';

export const DRAFTS_WRITE_DELAY_MS = 400;
/** At most this many drafts are kept (the oldest changed go first): a bound on the file. */
export const MAX_DRAFTS = 200;

export interface DraftsStore {
  get(conversationId: string): string;
  /** Empty text = no draft. */
  set(conversationId: string, text: string): void;
  drop(conversationId: string): void;
  ids(): string[];
  /** Write now if anything changed since the last write. */
  flush(): void;
}

export interface DraftsStoreOptions {
  onMovedAside?(movedTo: string, reason: string): void;
  log?(message: string): void;
  /** Test seam: the write (default: atomic + fsync). */
  write?(path: string, content: string): void;
  delayMs?: number;
  setTimeout?(fn: () => void, ms: number): unknown;
  clearTimeout?(handle: unknown): void;
}

/** File for an account+user: hashed, so the name carries no identifiers and is path-safe. */
export function draftsFilePath(dir: string, accountId: string, username: string): string {
  const h = createHash('sha256').update(`${accountId}\u0000${username}`).digest('hex').slice(0, 24);
  return join(dir, `drafts-${h}.json`);
}

function isDraftsFile(v: unknown): v is { drafts: Record<string, string> } {
  const drafts = (v as { drafts?: unknown } | null)?.drafts;
  return typeof v === 'object' && v !== null && typeof drafts === 'object' && drafts !== null && !Array.isArray(drafts)
    && Object.values(drafts).every((t) => typeof t === 'string');
}

export function fileDraftsStore(path: string, opts: DraftsStoreOptions = {}): DraftsStore {
  const write = opts.write ?? ((p: string, c: string) => writeFileAtomic(p, c));
  const delayMs = opts.delayMs ?? DRAFTS_WRITE_DELAY_MS;
  const schedule = opts.setTimeout ?? ((fn: () => void, ms: number): unknown => setTimeout(fn, ms).unref());
  const cancel = opts.clearTimeout ?? ((h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>));
  // Insertion order = change order (a changed draft is deleted and re-added), so the oldest is first.
  const drafts = new Map<string, string>();
  const read = readJsonOrMoveAside(path, isDraftsFile);
  if (read.state === 'moved-aside') opts.onMovedAside?.(read.movedTo, read.reason);
  if (read.state === 'ok' && isDraftsFile(read.value)) for (const [id, text] of Object.entries(read.value.drafts)) if (text !== '') drafts.set(id, text);
  let dirty = false;
  let timer: unknown = null;

  const writeNow = (): void => {
    if (timer !== null) cancel(timer);
    timer = null;
    if (!dirty) return;
    try {
      write(path, JSON.stringify({ drafts: Object.fromEntries(drafts) }));
      dirty = false;
    } catch (err) {
      // Kept in memory; the next change or flush tries again.
      opts.log?.(`drafts could not be saved (${(err as NodeJS.ErrnoException).code ?? String(err)}); kept in memory`);
    }
  };
  const changed = (): void => {
    dirty = true;
    if (timer === null) timer = schedule(writeNow, delayMs);
  };
  return {
    get: (id) => drafts.get(id) ?? '',
    set(id, text) {
      if ((drafts.get(id) ?? '') === text) return;
      drafts.delete(id);
      if (text !== '') drafts.set(id, text);
      while (drafts.size > MAX_DRAFTS) drafts.delete(drafts.keys().next().value as string);
      changed();
    },
    drop(id) {
      if (!drafts.delete(id)) return;
      changed();
    },
    ids: () => [...drafts.keys()],
    flush: writeNow,
  };
}
