import { describe, expect, it } from 'vitest';
import type { EventBatchEntry } from '../../../src-preload/api';
import { createAppStateStore } from '../../../src-main/desktop/app-state';
import { createEventsBridge } from '../../../src-main/desktop/events-bridge';
import { emptyLiveView } from '../../../src-main/desktop/live-view';
import { wireAppState, wireSessions } from '../../../src-main/desktop/startup/session-wiring';
import { createSkillsCache } from '../../../src-main/desktop/startup/skills-cache';
import type { Ring } from '../../../src-main/lp';
import { FakeSession, ring } from '../fakes';
import { FakeModes, manualTicks } from './fakes';

function setUp() {
  /** Every alert, renderer event and attention call, in the order they happened. */
  const timeline: string[] = [];
  const sent: Array<{ name: string; data: unknown }> = [];
  const events = createEventsBridge(() => [{
    isDestroyed: () => false,
    send: (_channel, batch) => {
      for (const e of batch as EventBatchEntry[]) {
        timeline.push(`renderer ${e.name}`);
        sent.push({ name: e.name, data: e.data });
      }
    },
  }]);
  const offered: string[] = [];
  const ended: string[] = [];
  let closedAll = 0;
  const notifier = {
    offered: (r: Ring) => {
      timeline.push(`alert ${r.ringId}`);
      offered.push(r.ringId);
    },
    ended: (id: string) => ended.push(id),
    closeAll: () => { closedAll += 1; },
  };
  const attentionLog: string[] = [];
  const attention = {
    ringOffered: (id: string) => {
      timeline.push(`attention offered ${id}`);
      attentionLog.push(`offered ${id}`);
    },
    ringEnded: (id: string) => attentionLog.push(`ended ${id}`),
    message: (m: { conversationId: string; text: string }, name?: string) => attentionLog.push(`message ${m.conversationId} ${m.text} ${name ?? '-'}`),
    conversationGone: (id: string) => attentionLog.push(`gone ${id}`),
    clear: () => attentionLog.push('clear'),
  };
  const modes = new FakeModes();
  const skills = createSkillsCache({ log: () => undefined });
  const view = emptyLiveView();
  const ticks = manualTicks();
  let trayRenders = 0;
  let refreshes = 0;
  const detachAll = wireSessions({
    modes, notifier, attention, events, skills, view, defer: ticks.defer,
    renderTray: () => { trayRenders += 1; },
    refreshAppState: () => { refreshes += 1; },
  });
  return {
    timeline, sent, offered, ended, attentionLog, modes, skills, view, ticks, detachAll,
    closedAll: () => closedAll, trayRenders: () => trayRenders, refreshes: () => refreshes,
  };
}

describe('session wiring', () => {
  it('forwards the current session: ring → OS alert, every event → renderer, state → live view', () => {
    const t = setUp();
    const session = new FakeSession();
    t.modes.switchTo(session);
    session.emit('ring/offered', ring({ ringId: 'r1' }));
    session.emit('ring/ended', { ring: ring({ ringId: 'r1' }), reason: 'expired' });
    expect(t.offered).toEqual(['r1']);
    expect(t.ended).toEqual(['r1']);
    expect(t.sent.map((s) => s.name)).toEqual(['ring/offered', 'ring/ended']);
    expect(t.view.rings.size).toBe(0);
    expect(t.refreshes()).toBe(1);
  });

  it('rings, messages and conversations reach the attention service (with the consumer name); a switch clears it', () => {
    const t = setUp();
    const session = new FakeSession();
    session.rings = [ring({ ringId: 'r0' })];
    t.modes.switchTo(session);
    session.emit('ring/offered', ring({ ringId: 'r1' }));
    session.emit('ring/ended', { ring: ring({ ringId: 'r1' }), reason: 'accepted' });
    session.emit('conversation/upsert', {
      conversationId: 'c1', state: 'OPEN', skillId: '11', consumerId: 'u1', consumerName: 'Dana', participants: [], mine: true,
      startTs: 1, lastUpdateTs: 1, unread: 0,
    });
    session.emit('message', { conversationId: 'c1', sequence: 1, originatorId: 'u1', role: 'CONSUMER', own: false, contentType: 'text/plain', text: 'hi', timestamp: 2 });
    session.emit('conversation/removed', { conversationId: 'c1', reason: 'closed' });
    t.modes.switchTo(null);
    expect(t.attentionLog).toEqual(['clear', 'offered r0', 'offered r1', 'ended r1', 'message c1 hi Dana', 'gone c1', 'clear']);
  });

  it('a ring: the OS alert first, then the renderer\'s ring, then the ring sound (the window draws the ring before it sets up the sound)', () => {
    const t = setUp();
    const session = new FakeSession();
    t.modes.switchTo(session);
    t.timeline.length = 0;
    session.emit('ring/offered', ring({ ringId: 'r1' }));
    expect(t.timeline).toEqual(['alert r1', 'renderer ring/offered', 'attention offered r1']);
  });

  it('events of a replaced session are not forwarded anywhere', () => {
    const t = setUp();
    const old = new FakeSession();
    const next = new FakeSession();
    t.modes.switchTo(old);
    old.emit('ring/offered', ring({ ringId: 'old-1' }));
    t.modes.switchTo(next);
    t.sent.length = 0;
    const rendersBefore = t.trayRenders();
    old.emit('ring/offered', ring({ ringId: 'old-2' }));
    old.emit('availability', 'AWAY');
    expect(t.offered).toEqual(['old-1']);
    expect(t.sent).toEqual([]);
    expect(t.view.rings.has('old-2')).toBe(false);
    expect(t.trayRenders()).toBe(rendersBefore);
    next.emit('ring/offered', ring({ ringId: 'new-1' }));
    expect(t.offered).toEqual(['old-1', 'new-1']);
    expect(t.sent.map((s) => (s.data as Ring).ringId)).toEqual(['new-1']);
  });

  it('a switch closes the old notifications and resets skills and the live view; sign-out attaches nothing', async () => {
    const t = setUp();
    const session = new FakeSession();
    t.modes.switchTo(session);
    await t.skills.list(session);
    session.emit('ring/offered', ring({ ringId: 'r1' }));
    expect(t.skills.known()).toHaveLength(1);
    t.modes.switchTo(null);
    expect(t.closedAll()).toBe(2);
    expect(t.skills.known()).toEqual([]);
    expect(t.view).toEqual(emptyLiveView());
    session.emit('ring/offered', ring({ ringId: 'r2' }));
    expect(t.offered).toEqual(['r1']);
  });

  it('skills are listed after the session is online (deferred out of the core\'s emit)', () => {
    const t = setUp();
    const session = new FakeSession();
    let asked = 0;
    session.listSkills = async () => { asked += 1; return [{ id: '11', name: 'Billing' }]; };
    t.modes.switchTo(session);
    session.emit('connection', { phase: 'online', reconnects: 0, since: 1 });
    expect(asked).toBe(0);
    t.ticks.flush();
    expect(asked).toBe(1);
  });

  it('the detach-all stops forwarding; app state goes to the renderer and the tray', () => {
    const t = setUp();
    const session = new FakeSession();
    t.modes.switchTo(session);
    t.detachAll();
    session.emit('ring/offered', ring({ ringId: 'late' }));
    expect(t.offered).toEqual([]);

    const appState = createAppStateStore({ mode: 'signed-out', secretStorage: 'os-encrypted', secretsPersisted: false, version: '1', platform: 'linux', language: 'en' });
    const sent: string[] = [];
    let renders = 0;
    wireAppState(appState, { emit: (name) => sent.push(name) }, () => { renders += 1; });
    appState.update({ mode: 'demo' });
    expect(sent).toEqual(['app/state']);
    expect(renders).toBe(1);
  });
});
