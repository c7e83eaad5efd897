import { describe, expect, it } from 'vitest';
import { createQuickActions } from '../../../src-main/desktop/startup/quick-actions';
import { FakeSession, ring } from '../fakes';
import { deferred, FakeModes } from './fakes';

function setUp() {
  const modes = new FakeModes();
  const session = new FakeSession();
  modes.switchTo(session);
  const emitted: Array<{ name: string; data: unknown }> = [];
  const done = deferred<void>();
  const windowCalls: string[] = [];
  const lines: string[] = [];
  let quits = 0;
  const actions = createQuickActions({
    modes,
    events: { emit: (name, data) => { emitted.push({ name, data }); done.resolve(); } },
    window: { show: () => windowCalls.push('show'), toggle: () => windowCalls.push('toggle') },
    quit: () => { quits += 1; },
    log: (l) => { lines.push(l); done.resolve(); },
  });
  return { modes, session, emitted, done, windowCalls, lines, actions, quits: () => quits };
}

describe('quick actions (tray and shortcut)', () => {
  it('tray Accept accepts that ring, then brings the window up on it', async () => {
    const t = setUp();
    t.actions.onTrayAction({ kind: 'accept', ringId: 'r9' });
    await t.done.promise;
    expect(t.session.calls).toEqual([['acceptRing', 'r9']]);
    expect(t.windowCalls).toEqual(['show']);
    expect(t.emitted).toEqual([{ name: 'ui/focus', data: { ringId: 'r9' } }]);
  });

  it('the shortcut accepts the oldest waiting ring and focuses it', async () => {
    const t = setUp();
    t.session.rings = [ring({ ringId: 'b', offeredAt: 2 }), ring({ ringId: 'a', offeredAt: 1 })];
    t.actions.acceptOldestFromShortcut();
    await t.done.promise;
    expect(t.session.calls).toEqual([['acceptRing', 'a']]);
    expect(t.emitted).toEqual([{ name: 'ui/focus', data: { ringId: 'a' } }]);
  });

  it('a failed accept is logged with where it came from', async () => {
    const t = setUp();
    t.session.rings = [ring({ ringId: 'a' })];
    t.session.acceptRing = async () => { throw new Error('ring expired'); };
    t.actions.onTrayAction({ kind: 'accept-oldest' });
    await t.done.promise;
    expect(t.lines).toEqual(['tray action accept-oldest failed: ring expired']);
    expect(t.windowCalls).toEqual([]);
  });

  it('availability, show/hide and quit', () => {
    const t = setUp();
    t.actions.onTrayAction({ kind: 'availability', availability: 'AWAY' });
    t.actions.onTrayAction({ kind: 'toggle-window' });
    t.actions.onTrayAction({ kind: 'quit' });
    expect(t.session.calls).toEqual([['setAvailability', 'AWAY']]);
    expect(t.windowCalls).toEqual(['toggle']);
    expect(t.quits()).toBe(1);
  });

  it('a tray icon click shows the window on the oldest ring, or just the window when none waits', () => {
    const t = setUp();
    t.actions.onTrayAction({ kind: 'show-window', ringId: 'r1' });
    t.actions.onTrayAction({ kind: 'show-window' });
    expect(t.windowCalls).toEqual(['show', 'show']);
    expect(t.emitted).toEqual([{ name: 'ui/focus', data: { ringId: 'r1' } }]);
    expect(t.session.calls).toEqual([]);
  });
});
