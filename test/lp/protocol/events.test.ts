/** A notification read once into a typed event (protocol/events.ts, lp-protocol.md §7). */
import { describe, expect, it } from 'vitest';
import { readNotification } from '../../../src-main/lp/protocol/events';

const routingChange = (ringId: string) => ({
  type: 'UPSERT',
  result: { routingTaskId: 't1', conversationId: 'c1', ringsDetails: [{ ringId, ringState: 'WAITING' }] },
});

describe('readNotification', () => {
  it('reads each change on its own: one malformed change does not hide the others', () => {
    const e = readNotification({
      type: '.ams.routing.RoutingTaskNotification',
      body: { changes: [routingChange('r1'), { type: 'UPSERT', result: { ringsDetails: [{ ringState: 'WAITING' }] } }, routingChange('r2')] },
      frame: {},
    });
    expect(e.kind).toBe('routing');
    if (e.kind !== 'routing') return;
    expect(e.changes.map((c) => c.result.ringsDetails[0]?.ringId)).toEqual(['r1', 'r2']);
    expect(e.bad?.count).toBe(1);
    expect(e.bad?.first).toContain('ringId');
  });

  it('a bare change where a list is expected is a one-change list (§5)', () => {
    const e = readNotification({ type: '.ams.routing.RoutingTaskNotification', body: { changes: routingChange('r1') }, frame: {} });
    expect(e.kind === 'routing' && e.changes.length).toBe(1);
  });

  it('an unreadable envelope is malformed, described without content', () => {
    const e = readNotification({ type: '.ams.aam.ExConversationChangeNotification', body: 'secret consumer text', frame: {} });
    expect(e.kind).toBe('malformed');
    expect(JSON.stringify(e)).not.toContain('secret consumer text');
  });

  it('agent state keeps only UPSERTs naming a user and a known availability', () => {
    const e = readNotification({
      type: '.ams.routing.AgentStateNotification',
      body: {
        changes: [
          { type: 'UPSERT', result: { agentUserId: 'a.1', availability: 'AWAY' } },
          { type: 'UPSERT', result: { agentUserId: 'a.1', availability: 'SLEEPING' } },
          { type: 'DELETE', result: { agentUserId: 'a.1', availability: 'ONLINE' } },
          { type: 'UPSERT', result: { availability: 'ONLINE' } },
        ],
      },
      frame: {},
    });
    expect(e).toEqual({ kind: 'agentState', changes: [{ agentUserId: 'a.1', availability: 'AWAY' }] });
  });

  it('a messaging event is parsed through the fast path; other types are ignored, known or not', () => {
    const m = readNotification({ type: '.ams.ms.OnlineEventDistribution', body: { sequence: 3, dialogId: 'c1', event: { type: 'ContentEvent', message: 'hi' } }, frame: {} });
    expect(m.kind === 'messaging' && m.event.sequence).toBe(3);
    expect(readNotification({ type: '.ams.routing.RingUpdated', body: {}, frame: {} })).toEqual({ kind: 'ignored', known: true });
    expect(readNotification({ type: '.ams.something.New', body: {}, frame: {} })).toEqual({ kind: 'ignored', known: false });
  });
});
