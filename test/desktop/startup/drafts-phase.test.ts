// Drafts follow the signed-in account: a live account's are persisted and read back after a
// restart, a demo's stay in memory; a conversation that ends loses its draft; signed out, none.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Conversation } from '../../../src-main/lp/index';
import type { ModeInfo } from '../../../src-main/desktop/modes';
import { createDrafts } from '../../../src-main/desktop/startup/drafts-phase';
import { FakeSession } from '../fakes';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lpad-drafts-phase-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function fakeModes(initial: ModeInfo) {
  let info = initial;
  const listeners = new Set<(i: ModeInfo) => void>();
  return {
    current: () => info,
    onChange: (l: (i: ModeInfo) => void) => { listeners.add(l); return () => listeners.delete(l); },
    switchTo(next: ModeInfo) { info = next; for (const l of listeners) l(next); },
  };
}

const conv = (id: string, state: 'OPEN' | 'CLOSE'): Conversation => ({
  conversationId: id, state, skillId: '11', consumerId: 'u', participants: [], mine: true, startTs: 0, lastUpdateTs: 0, unread: 0,
});

const live = (session: FakeSession | null): ModeInfo => ({ mode: 'live', session, account: { accountId: '70071234', username: 'agent1' } });

describe('drafts phase', () => {
  it('a live account\'s drafts survive a restart (a new phase on the same folder)', () => {
    const modes = fakeModes(live(new FakeSession()));
    const drafts = createDrafts({ modes, dir, log: () => undefined, onMovedAside: () => undefined });
    expect(drafts.set('c1', 'Half a sentence')).toBe(true);
    drafts.dispose(); // quit: flushed
    const next = createDrafts({ modes: fakeModes(live(new FakeSession())), dir, log: () => undefined, onMovedAside: () => undefined });
    expect(next.get('c1')).toBe('Half a sentence');
    next.dispose();
  });

  it('a conversation that ends (closed or removed) loses its draft', () => {
    const session = new FakeSession();
    const drafts = createDrafts({ modes: fakeModes(live(session)), dir, log: () => undefined, onMovedAside: () => undefined });
    drafts.set('c1', 'one');
    drafts.set('c2', 'two');
    drafts.set('c3', 'three');
    session.emit('conversation/upsert', conv('c1', 'OPEN'));
    session.emit('conversation/upsert', conv('c2', 'CLOSE'));
    session.emit('conversation/removed', { conversationId: 'c3', reason: 'transferred' });
    expect([drafts.get('c1'), drafts.get('c2'), drafts.get('c3')]).toEqual(['one', '', '']);
    drafts.dispose();
  });

  it('demo drafts stay in memory; signed out there are none and set is refused; switching accounts keeps them apart', () => {
    const demoSession = new FakeSession();
    const modes = fakeModes({ mode: 'demo', session: demoSession, account: { accountId: 'demo', username: 'agent1' } });
    const drafts = createDrafts({ modes, dir, log: () => undefined, onMovedAside: () => undefined });
    drafts.set('d1', 'demo text');
    expect(drafts.get('d1')).toBe('demo text');
    modes.switchTo({ mode: 'signed-out', session: null });
    expect(drafts.get('d1')).toBe('');
    expect(drafts.set('d1', 'x')).toBe(false);
    modes.switchTo(live(new FakeSession()));
    drafts.set('c1', 'agent1 text');
    modes.switchTo({ mode: 'live', session: new FakeSession(), account: { accountId: '70071234', username: 'agent2' } });
    expect(drafts.get('c1')).toBe('');
    modes.switchTo(live(new FakeSession()));
    expect(drafts.get('c1')).toBe('agent1 text');
    drafts.dispose();
  });
});
