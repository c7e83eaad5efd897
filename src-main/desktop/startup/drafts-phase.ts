/**
 * The drafts of the signed-in account (drafts-store.ts) behind the `draft/*` requests: on every mode
 * switch the previous account's drafts are flushed and the new account's file is opened; a live
 * account's drafts are persisted, a demo's kept in memory only (the demo's conversations end with the
 * app, so a draft of one could never be used again). A conversation that ends (removed, or upserted
 * CLOSE) loses its draft.
 */
import type { AgentSession } from '../../lp';
import { draftsFilePath, fileDraftsStore, type DraftsStore } from '../drafts-store';
import type { ModeInfo, ModeManager } from '../modes';

export interface Drafts {
  /** The current account's draft for the conversation ('' when none or signed out). */
  get(conversationId: string): string;
  /** Refused (false) when signed out. */
  set(conversationId: string, text: string): boolean;
  flush(): void;
  dispose(): void;
}

export interface DraftsPhaseDeps {
  modes: Pick<ModeManager, 'current' | 'onChange'>;
  dir: string;
  log(message: string): void;
  onMovedAside(movedTo: string, reason: string): void;
  /** Test seam: open an account's store (default: the file store). */
  open?(path: string | null): DraftsStore;
}

/** A store that writes nowhere (demo mode). */
export function memoryDraftsStore(): DraftsStore {
  const drafts = new Map<string, string>();
  return {
    get: (id) => drafts.get(id) ?? '',
    set: (id, text) => { if (text === '') drafts.delete(id); else drafts.set(id, text); },
    drop: (id) => { drafts.delete(id); },
    ids: () => [...drafts.keys()],
    flush: () => undefined,
  };
}

export function createDrafts(deps: DraftsPhaseDeps): Drafts {
  const open = deps.open ?? ((path: string | null) => (path === null ? memoryDraftsStore() : fileDraftsStore(path, { onMovedAside: deps.onMovedAside, log: deps.log })));
  let store: DraftsStore | null = null;
  let detach: Array<() => void> = [];

  const watch = (session: AgentSession, s: DraftsStore): Array<() => void> => {
    for (const c of session.snapshot().conversations) if (c.state === 'CLOSE') s.drop(c.conversationId);
    return [
      session.on('conversation/removed', ({ conversationId }) => s.drop(conversationId)),
      session.on('conversation/upsert', (c) => { if (c.state === 'CLOSE') s.drop(c.conversationId); }),
    ];
  };
  const switchTo = (info: ModeInfo): void => {
    for (const off of detach.splice(0)) off();
    store?.flush();
    store = null;
    if (!info.account || info.mode === 'signed-out') return;
    store = open(info.mode === 'live' ? draftsFilePath(deps.dir, info.account.accountId, info.account.username) : null);
    if (info.session) detach = watch(info.session, store);
  };
  switchTo(deps.modes.current());
  const off = deps.modes.onChange(switchTo);
  return {
    get: (id) => store?.get(id) ?? '',
    set(id, text) {
      if (!store) return false;
      store.set(id, text);
      return true;
    },
    flush: () => store?.flush(),
    dispose() {
      off();
      for (const d of detach.splice(0)) d();
      store?.flush();
      store = null;
    },
  };
}
