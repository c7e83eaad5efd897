// The composer's drafts in main: kept per conversation, written once after typing stops (atomic, one
// file per account), read back by the next run, a damaged file moved aside, a failed write kept in
// memory and retried.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { draftsFilePath, fileDraftsStore, MAX_DRAFTS } from '../../src-main/desktop/drafts-store';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lpad-drafts-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Timers the test fires by hand. */
function manualTimers() {
  const pending: Array<() => void> = [];
  return {
    setTimeout: (fn: () => void) => { pending.push(fn); return fn; },
    clearTimeout: (h: unknown) => { const i = pending.indexOf(h as () => void); if (i >= 0) pending.splice(i, 1); },
    fire: () => { for (const fn of pending.splice(0)) fn(); },
    count: () => pending.length,
  };
}

describe('file drafts store', () => {
  it('typing writes once after the delay; the next run reads the drafts back', () => {
    const path = draftsFilePath(dir, '70071234', 'agent1');
    const t = manualTimers();
    const writes: string[] = [];
    const store = fileDraftsStore(path, { ...t, write: (p, c) => { writes.push(c); writeFileSync(p, c); } });
    for (const text of ['H', 'He', 'Hel', 'Hello']) store.set('c1', text);
    store.set('c2', 'Another');
    expect(writes).toEqual([]);
    expect(t.count()).toBe(1);
    t.fire();
    expect(writes).toHaveLength(1);
    expect(fileDraftsStore(path).get('c1')).toBe('Hello');
    expect(fileDraftsStore(path).ids()).toEqual(['c1', 'c2']);
  });

  it('flush writes at once, atomically (no temp file left); empty text and drop remove a draft', () => {
    const path = draftsFilePath(dir, 'a', 'b');
    const store = fileDraftsStore(path, manualTimers());
    store.set('c1', 'x');
    store.set('c2', 'y');
    store.flush();
    expect(readdirSync(dir)).toEqual([path.slice(dir.length + 1)]);
    store.set('c1', '');
    store.drop('c2');
    store.flush();
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ drafts: {} });
    expect(path.slice(dir.length)).toMatch(/^\/drafts-[0-9a-f]{24}\.json$/);
    expect(draftsFilePath(dir, 'a', 'b')).not.toBe(draftsFilePath(dir, 'a', 'c'));
  });

  it('a damaged file is moved aside (kept, with a timestamp) and the drafts start empty', () => {
    const path = draftsFilePath(dir, 'a', 'b');
    writeFileSync(path, '{ half a file');
    const aside: string[] = [];
    const store = fileDraftsStore(path, { onMovedAside: (to) => aside.push(to) });
    expect(store.ids()).toEqual([]);
    expect(aside).toHaveLength(1);
    expect(readFileSync(aside[0] ?? '', 'utf8')).toBe('{ half a file');
    writeFileSync(path, JSON.stringify({ drafts: { c1: 42 } }));
    expect(fileDraftsStore(path, { onMovedAside: (to) => aside.push(to) }).ids()).toEqual([]);
    expect(aside).toHaveLength(2);
  });

  it('a failed write keeps the drafts in memory and is tried again on flush', () => {
    const path = draftsFilePath(dir, 'a', 'b');
    let full = true;
    const logs: string[] = [];
    const store = fileDraftsStore(path, {
      ...manualTimers(), log: (m) => logs.push(m),
      write: (p, c) => { if (full) throw Object.assign(new Error('no space'), { code: 'ENOSPC' }); writeFileSync(p, c); },
    });
    store.set('c1', 'kept');
    store.flush();
    expect(existsSync(path)).toBe(false);
    expect(logs).toEqual(['drafts could not be saved (ENOSPC); kept in memory']);
    expect(store.get('c1')).toBe('kept');
    full = false;
    store.flush();
    expect(fileDraftsStore(path).get('c1')).toBe('kept');
  });

  it('keeps at most MAX_DRAFTS, dropping the least recently changed', () => {
    const store = fileDraftsStore(draftsFilePath(dir, 'a', 'b'), manualTimers());
    for (let i = 0; i <= MAX_DRAFTS; i += 1) store.set(`c${i}`, 't');
    store.set('c1', 'changed');
    store.set('extra', 't');
    expect(store.ids()).toHaveLength(MAX_DRAFTS);
    expect(store.get('c0')).toBe('');
    expect(store.get('c2')).toBe('');
    expect(store.get('c1')).toBe('changed');
  });
});
