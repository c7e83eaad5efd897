/** Ring decisions (decisions/rings.ts, lp-protocol.md §7, §13). */
import { describe, expect, it } from 'vitest';
import { applyRoutingChange, ringExpiresAt, RecentIds, type RingEntry } from '../../../src-main/lp/decisions/rings';
import { parseWith, routingNotificationSchema } from '../../../src-main/lp/protocol/notifications';
import { ME, ringNotification } from '../helpers/fake-connection';

const myIds = new Set([ME.legacyId, ME.pid ?? '', ME.userId]);

function routingChanges(body: unknown) {
  const p = parseWith(routingNotificationSchema, body);
  if (!p.ok) throw new Error(p.error);
  return p.value.changes;
}

describe('ringExpiresAt', () => {
  it('uses ringExpirationTs when plausible', () => {
    expect(ringExpiresAt({ ringExpiration: 72_000, ringExpirationTs: 1_050_000 }, 1_000_000, 0)).toBe(1_050_000);
  });
  it('corrects by the server offset', () => {
    // server is 10 s ahead
    expect(ringExpiresAt({ ringExpiration: 72_000, ringExpirationTs: 1_082_000 }, 1_000_000, 10_000)).toBe(1_072_000);
  });
  it('falls back to receipt time + ringExpiration when the clocks disagree', () => {
    expect(ringExpiresAt({ ringExpiration: 72_000, ringExpirationTs: 1_000_000 + 3_600_000 }, 1_000_000, 0)).toBe(1_072_000);
    expect(ringExpiresAt({ ringExpiration: 72_000, ringExpirationTs: 1_000_000 - 3_600_000 }, 1_000_000, 0)).toBe(1_072_000);
    expect(ringExpiresAt({}, 1_000_000, 0)).toBe(1_072_000);
  });
});

describe('applyRoutingChange', () => {
  const ctx = { now: 1_000_000, serverOffsetMs: 0, myIds };
  it('offers a WAITING ring once; a re-sent ring is the same ring', () => {
    const known = new Map<string, RingEntry>();
    const [change] = routingChanges(ringNotification({ ringId: 'r1', convId: 'c1', expirationTs: 1_060_000 }));
    const d1 = applyRoutingChange(known, new RecentIds(), change!, ctx);
    expect(d1).toHaveLength(1);
    expect(d1[0]?.type).toBe('offered');
    expect(d1[0]?.entry.ring).toMatchObject({ ringId: 'r1', conversationId: 'c1', consumerId: 'cons1', state: 'WAITING', expiresAt: 1_060_000 });
    known.set('r1', d1[0]!.entry);
    expect(applyRoutingChange(known, new RecentIds(), change!, ctx)).toEqual([]);
  });
  it('never re-offers an ended ring', () => {
    const ended = new RecentIds();
    ended.add('r1');
    const [change] = routingChanges(ringNotification({ ringId: 'r1', convId: 'c1' }));
    expect(applyRoutingChange(new Map(), ended, change!, ctx)).toEqual([]);
  });
  it.each([
    ['ACCEPTED', 'accepted'], ['REJECTED', 'rejected'], ['EXPIRED', 'expired'], ['CANCELLED', 'cancelled'], ['AUTO_ACCEPT', 'accepted'],
  ])('ends a known ring on %s', (state, reason) => {
    const [w] = routingChanges(ringNotification({ ringId: 'r1', convId: 'c1' }));
    const entry = applyRoutingChange(new Map(), new RecentIds(), w!, ctx)[0]!.entry;
    const [change] = routingChanges(ringNotification({ ringId: 'r1', convId: 'c1', state }));
    const d = applyRoutingChange(new Map([['r1', entry]]), new RecentIds(), change!, ctx);
    expect(d).toEqual([{ type: 'ended', entry: { ...entry, ring: { ...entry.ring, state } }, reason }]);
  });
  it('ignores terminal states of unknown rings and unknown states', () => {
    const [c1] = routingChanges(ringNotification({ ringId: 'r9', convId: 'c1', state: 'EXPIRED' }));
    const [c2] = routingChanges(ringNotification({ ringId: 'r9', convId: 'c1', state: 'SOMETHING_NEW' }));
    expect(applyRoutingChange(new Map(), new RecentIds(), c1!, ctx)).toEqual([]);
    expect(applyRoutingChange(new Map(), new RecentIds(), c2!, ctx)).toEqual([]);
  });
  it('DELETE of a task ends its rings (taken elsewhere when another agent is assigned)', () => {
    const [w] = routingChanges(ringNotification({ ringId: 'r1', convId: 'c1' }));
    const entry = applyRoutingChange(new Map(), new RecentIds(), w!, ctx)[0]!.entry;
    const del = { subscriptionId: 's', changes: [{ type: 'DELETE', result: { routingTaskId: 'task-c1', assignedAgentId: '123.99', ringsDetails: [] } }] };
    const [change] = routingChanges(del);
    const d = applyRoutingChange(new Map([['r1', entry]]), new RecentIds(), change!, ctx);
    expect(d).toEqual([{ type: 'ended', entry, reason: 'taken-elsewhere' }]);
  });
  it('skips rings naming another agent, tolerates a bare ringsDetails object', () => {
    const body = { changes: { type: 'UPSERT', result: { routingTaskId: 't', conversationId: 'c', ringsDetails: { ringId: 'rx', ringState: 'WAITING', agentId: '123.5', convId: 'c' } } } };
    const [change] = routingChanges(body);
    expect(applyRoutingChange(new Map(), new RecentIds(), change!, ctx)).toEqual([]);
  });
});

describe('RecentIds', () => {
  it('is bounded', () => {
    const r = new RecentIds(2);
    r.add('a'); r.add('b'); r.add('c');
    expect(r.has('a')).toBe(false);
    expect(r.has('c')).toBe(true);
  });
});
