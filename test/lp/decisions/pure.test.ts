import { describe, expect, it } from 'vitest';
import { applyRoutingChange, ringExpiresAt, RecentIds, type RingEntry } from '../../../src-main/lp/decisions/rings';
import { applyConversationChange, participantsOf } from '../../../src-main/lp/decisions/conversations';
import { describeEvent, MessageList, toChatMessage, advanceDelivery } from '../../../src-main/lp/decisions/messages';
import { classifyPublishError, matchSentItem } from '../../../src-main/lp/decisions/outbox';
import { mapConsumerProfile, mapSkills, consumerDisplayName } from '../../../src-main/lp/decisions/profiles';
import {
  conversationNotificationSchema, parseMessagingEvent, parseWith, rawMessagingEventSchema, routingNotificationSchema, externalIds,
} from '../../../src-main/lp/protocol/notifications';
import type { ChatMessage, Conversation } from '../../../src-main/lp/protocol/model';
import { convChange, ME, ringNotification } from '../helpers/fake-connection';

const me = { legacyId: ME.legacyId, pid: ME.pid };
const myIds = new Set([ME.legacyId, ME.pid ?? '', ME.userId]);

function routingChanges(body: unknown) {
  const p = parseWith(routingNotificationSchema, body);
  if (!p.ok) throw new Error(p.error);
  return p.value.changes;
}
function convChanges(body: unknown) {
  const p = parseWith(conversationNotificationSchema, body);
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

describe('applyConversationChange', () => {
  const now = 5;
  it('upserts a conversation assigned to me, tolerating a bare dialogs object and missing participantsDetails', () => {
    const [change] = convChanges(convChange({ convId: 'c1', bare: true, noDetails: true, unread: 3 }));
    const d = applyConversationChange(undefined, change!, me, now, undefined);
    expect(d.type).toBe('upsert');
    if (d.type !== 'upsert') return;
    expect(d.isNew).toBe(true);
    expect(d.conversation).toMatchObject({ conversationId: 'c1', mine: true, consumerId: 'cons1', state: 'OPEN', skillId: '125', unread: 3 });
  });
  it('pairs PIDs only when the maps line up (partial participantsPId)', () => {
    const [change] = convChanges(convChange({ convId: 'c1' }));
    const details = change!.result.conversationDetails!;
    expect(participantsOf(details)).toContainEqual({ id: ME.legacyId, role: 'ASSIGNED_AGENT', pid: ME.pid, state: 'ACTIVE' });
    delete details.participantsPId;
    expect(participantsOf(details)).toContainEqual({ id: ME.legacyId, role: 'ASSIGNED_AGENT', state: 'ACTIVE' });
  });
  const prevOf = (): Conversation => {
    const [c] = convChanges(convChange({ convId: 'c1', ts: 10 }));
    const d = applyConversationChange(undefined, c!, me, now, undefined);
    if (d.type !== 'upsert') throw new Error('expected upsert');
    return d.conversation;
  };
  it('closed → removed closed; DELETE → removed with the intent', () => {
    const prev = prevOf();
    const [closed] = convChanges(convChange({ convId: 'c1', state: 'CLOSE', ts: 20 }));
    expect(applyConversationChange(prev, closed!, me, now, undefined)).toEqual({ type: 'removed', conversationId: 'c1', reason: 'closed' });
    const [del] = convChanges(convChange({ convId: 'c1', type: 'DELETE', ts: 20 }));
    expect(applyConversationChange(prev, del!, me, now, 'back-to-queue')).toEqual({ type: 'removed', conversationId: 'c1', reason: 'back-to-queue' });
  });
  it('agent removed: the intent names the reason; else transferred when another agent or skill took it', () => {
    const prev = prevOf();
    const [gone] = convChanges(convChange({ convId: 'c1', agent: null, ts: 20 }));
    expect(applyConversationChange(prev, gone!, me, now, 'back-to-queue')).toMatchObject({ type: 'removed', reason: 'back-to-queue' });
    expect(applyConversationChange(prev, gone!, me, now, undefined)).toMatchObject({ type: 'removed', reason: 'removed' });
    const [other] = convChanges(convChange({ convId: 'c1', agent: '123.99', ts: 20 }));
    expect(applyConversationChange(prev, other!, me, now, undefined)).toMatchObject({ type: 'removed', reason: 'transferred' });
  });
  it('ignores stale changes and conversations I am not in', () => {
    const prev = prevOf();
    const [old] = convChanges(convChange({ convId: 'c1', ts: 5 }));
    expect(applyConversationChange(prev, old!, me, now, undefined).type).toBe('ignore');
    const [other] = convChanges(convChange({ convId: 'c2', agent: '123.99' }));
    expect(applyConversationChange(undefined, other!, me, now, undefined).type).toBe('ignore');
  });
});

describe('messages', () => {
  const raw = (seq: number, originatorId: string, event: Record<string, unknown>, metadata?: unknown[]) => {
    const p = parseWith(rawMessagingEventSchema, { sequence: seq, dialogId: 'c1', originatorId, serverTimestamp: 100 + seq, event, metadata });
    if (!p.ok) throw new Error(p.error);
    return p.value;
  };
  it('describes content, files, rich content (text only), chat state and receipts', () => {
    expect(describeEvent({ type: 'ContentEvent', contentType: 'text/plain', message: 'hi' })).toEqual({ kind: 'content', contentType: 'text/plain', text: 'hi' });
    expect(describeEvent({ type: 'ContentEvent', contentType: 'hosted/file', message: { caption: 'cat', relativePath: '/x', fileType: 'JPG' } }))
      .toEqual({ kind: 'content', contentType: 'hosted/file', text: '[JPG file] cat' });
    const rich = describeEvent({ type: 'RichContentEvent', content: { type: 'vertical', elements: [{ type: 'text', text: '<b>Hello</b>' }, { type: 'button', title: 'Go' }] } });
    expect(rich).toEqual({ kind: 'content', contentType: 'rich-content', text: '[Rich content] <b>Hello</b> · Go' });
    expect(describeEvent({ type: 'ChatStateEvent', chatState: 'COMPOSING' })).toEqual({ kind: 'chatState', state: 'COMPOSING' });
    expect(describeEvent({ type: 'AcceptStatusEvent', status: 'READ', sequenceList: [0, 1] })).toEqual({ kind: 'accept', status: 'READ', sequences: [0, 1] });
    expect(describeEvent({ type: 'AcceptStatusEvent', status: 'READ', sequenceList: 4 })).toEqual({ kind: 'accept', status: 'READ', sequences: [4] });
    expect(describeEvent({ type: 'Whatever' })).toEqual({ kind: 'other' });
  });
  it('marks own messages by legacy id or PID; sequence 0 is valid', () => {
    const m = toChatMessage(raw(0, ME.legacyId, { type: 'ContentEvent', contentType: 'text/plain', message: 'yo' }), 'c1', me, 'cons1');
    expect(m).toMatchObject({ sequence: 0, own: true, role: 'AGENT', delivery: 'sent', text: 'yo' });
    const byPid = parseWith(rawMessagingEventSchema, { sequence: 1, dialogId: 'c1', originatorId: 'x', originatorMetadata: { id: ME.pid, role: 'ASSIGNED_AGENT' }, event: { type: 'ContentEvent', message: 'a' } });
    expect(byPid.ok && toChatMessage(byPid.value, 'c1', me, 'cons1')?.own).toBe(true);
    const c = toChatMessage(raw(2, 'cons1', { type: 'ContentEvent', contentType: 'text/plain', message: 'hey' }), 'c1', me, 'cons1');
    expect(c).toMatchObject({ own: false, role: 'CONSUMER' });
    expect(c?.delivery).toBeUndefined();
  });
  it('MessageList merges history and live by sequence, dedupes, and acknowledges pending by localId', () => {
    const l = new MessageList();
    const mk = (seq: number, text = `m${seq}`): ChatMessage => ({ conversationId: 'c1', sequence: seq, originatorId: 'cons1', role: 'CONSUMER', own: false, contentType: 'text/plain', text, timestamp: seq });
    expect(l.addSequenced(mk(5))).toBe(true);
    expect(l.addSequenced(mk(0))).toBe(true);
    expect(l.addSequenced(mk(3))).toBe(true);
    expect(l.addSequenced(mk(3))).toBe(false);
    expect(l.list().map((m) => m.sequence)).toEqual([0, 3, 5]);
    expect(l.maxSequence()).toBe(5);
    l.addPending({ conversationId: 'c1', localId: 'L1', originatorId: ME.legacyId, role: 'AGENT', own: true, contentType: 'text/plain', text: 'x', timestamp: 1, delivery: 'sending' });
    expect(l.list().at(-1)?.localId).toBe('L1');
    const acked = l.acknowledge('L1', 6);
    expect(acked).toMatchObject({ localId: 'L1', sequence: 6, delivery: 'sent' });
    expect(l.pending).toHaveLength(0);
    // echo arrived first: the echo takes the localId, no duplicate
    l.addSequenced({ ...mk(7, 'y'), own: true, originatorId: ME.legacyId, delivery: 'sent' });
    l.addPending({ conversationId: 'c1', localId: 'L2', originatorId: ME.legacyId, role: 'AGENT', own: true, contentType: 'text/plain', text: 'y', timestamp: 1, delivery: 'sending' });
    l.acknowledge('L2', 7);
    expect(l.list().filter((m) => m.text === 'y')).toHaveLength(1);
    expect(l.bySequence(7)?.localId).toBe('L2');
  });
  it('delivery only moves forward', () => {
    expect(advanceDelivery('read', 'delivered')).toBe('read');
    expect(advanceDelivery('sent', 'read')).toBe('read');
    expect(advanceDelivery(undefined, 'sent')).toBe('sent');
  });
  it('reads ExternalId metadata', () => {
    expect(externalIds([{ type: 'ExternalId', id: 'L1' }, { type: 'Other' }])).toEqual(['L1']);
    expect(externalIds({ type: 'ExternalId', id: 'L2' })).toEqual(['L2']);
    expect(externalIds(undefined)).toEqual([]);
  });
});

describe('outbox reconciliation', () => {
  const own = (seq: number, text: string, localId?: string): ChatMessage => ({
    conversationId: 'c1', sequence: seq, originatorId: ME.legacyId, role: 'AGENT', own: true, contentType: 'text/plain', text, timestamp: seq,
    ...(localId ? { localId } : {}),
  });
  const consumer = (seq: number, text: string): ChatMessage => ({ ...own(seq, text), own: false, role: 'CONSUMER', originatorId: 'cons1' });
  it('matches by ExternalId first, wherever it is', () => {
    expect(matchSentItem({ localId: 'L', text: 'ok', sentAfterSequence: 10 }, [own(3, 'other', 'L')])).toBe(3);
  });
  it('else the first unclaimed own message with the same text after sentAfterSequence', () => {
    const msgs = [own(2, 'ok'), consumer(4, 'ok'), own(5, 'ok', 'OTHER'), own(6, 'ok'), own(8, 'ok')];
    expect(matchSentItem({ localId: 'L', text: 'ok', sentAfterSequence: 3 }, msgs)).toBe(6);
    expect(matchSentItem({ localId: 'L', text: 'ok', sentAfterSequence: 8 }, msgs)).toBeUndefined();
    expect(matchSentItem({ localId: 'L', text: 'OK', sentAfterSequence: 0 }, msgs)).toBeUndefined();
  });
  it('a never-attempted item (sentAfterSequence -1) can match sequence 0', () => {
    expect(matchSentItem({ localId: 'L', text: 'hi', sentAfterSequence: -1 }, [own(0, 'hi')])).toBe(0);
  });
  it('classifies publish failures', () => {
    expect(classifyPublishError({ code: 400, message: 'Agent does not exist in conversation' }).kind).toBe('rejected');
    expect(classifyPublishError({ code: 503, message: 'x' }).kind).toBe('retry-later');
    expect(classifyPublishError({ code: 0, message: 'Request has timed out' }).kind).toBe('unknown');
    expect(classifyPublishError(new Error('x')).kind).toBe('unknown');
  });
});

describe('consumer profile and skills mapping', () => {
  it('maps names, private data and SDEs to text', () => {
    const p = mapConsumerProfile('cons1', {
      privateData: { mobileNum: 5551234, email: 'a@x' },
      authenticatedData: { lp_sdes: [
        { type: 'personal', personal: { firstname: 'Ann', lastname: 'Lee', contacts: [{ email: 'b@x', phone: '1' }], company: 'ACME' } },
        { type: 'ctmrinfo', info: { customerId: '42', cstatus: 'gold', nested: { a: 1 } } },
      ] },
    });
    expect(p).toEqual({ consumerId: 'cons1', firstName: 'Ann', lastName: 'Lee', email: 'a@x', phone: '5551234', customerId: '42', extra: { company: 'ACME', cstatus: 'gold' } });
    expect(consumerDisplayName(p)).toBe('Ann Lee');
    expect(mapConsumerProfile('c', {})).toEqual({ consumerId: 'c' });
    expect(consumerDisplayName({})).toBeUndefined();
  });
  it('maps skills dropping deleted ones', () => {
    expect(mapSkills([{ id: '12', name: 'Sales' }, { id: '13', name: 'Old', deleted: true }, { id: '14' }]))
      .toEqual([{ id: '12', name: 'Sales' }, { id: '14', name: 'Skill 14' }]);
  });
});

describe('parseMessagingEvent (the per-message fast path)', () => {
  const body = {
    sequence: 2, originatorId: '123.4567', originatorPId: '3b5b', serverTimestamp: 1470732437925,
    originatorClientProperties: { type: '.ClientProperties', ipAddress: '10.0.0.1' },
    originatorMetadata: { id: '3b5b', role: 'ASSIGNED_AGENT', clientProperties: {} },
    event: { type: 'ContentEvent', message: 'hi', contentType: 'text/plain' }, dialogId: 'c1', metadata: [],
  };
  it('gives what the schema gives for the wire shape of §7', () => {
    const fast = parseMessagingEvent(body);
    const slow = parseWith(rawMessagingEventSchema, body);
    expect(fast).toEqual(slow);
    expect(fast.ok && fast.value).toBe(body); // no copy
  });
  it('falls back to the schema for tolerated variants, and rejects what the schema rejects', () => {
    const variant = { ...body, sequence: '3', dialogId: 42, metadata: { type: 'ExternalId', id: 'l-1' } };
    const r = parseMessagingEvent(variant);
    expect(r.ok && r.value).toMatchObject({ sequence: 3, dialogId: '42', metadata: [{ type: 'ExternalId', id: 'l-1' }] });
    for (const bad of [null, 'x', [], { ...body, event: 'text' }, { ...body, event: {} }, { ...body, originatorMetadata: 'x' }, { ...body, sequence: null }]) {
      expect(parseMessagingEvent(bad).ok).toBe(false);
      expect(parseWith(rawMessagingEventSchema, bad).ok).toBe(false);
    }
  });
});
