/** Messaging events into messages and the message list (decisions/messages.ts). */
import { describe, expect, it } from 'vitest';
import { describeEvent, MessageList, readMessagingEvent, toChatMessage, advanceDelivery, deliveryOf, MAX_OTHER_SEQUENCES } from '../../../src-main/lp/decisions/messages';
import { parseWith, rawMessagingEventSchema, externalIds } from '../../../src-main/lp/protocol/notifications';
import type { ChatMessage } from '../../../src-main/lp/protocol/model';
import { ME } from '../helpers/fake-connection';

const me = { legacyId: ME.legacyId, pid: ME.pid };

describe('messages', () => {
  const raw = (seq: number, originatorId: string, event: Record<string, unknown>, metadata?: unknown[]) => {
    const p = parseWith(rawMessagingEventSchema, { sequence: seq, dialogId: 'c1', originatorId, serverTimestamp: 100 + seq, event, metadata });
    if (!p.ok) throw new Error(p.error);
    return p.value;
  };
  it('describes content, files, rich content (text only), chat state and receipts', () => {
    expect(describeEvent({ type: 'ContentEvent', contentType: 'text/plain', message: 'hi' })).toEqual({ kind: 'content', contentType: 'text/plain', text: 'hi' });
    expect(describeEvent({ type: 'ContentEvent', contentType: 'hosted/file', message: { caption: 'cat', relativePath: '/x', fileType: 'JPG' } }))
      .toEqual({ kind: 'content', contentType: 'hosted/file', text: '[JPG file] cat', file: { caption: 'cat', relativePath: '/x', fileType: 'JPG' } });
    const rich = describeEvent({ type: 'RichContentEvent', content: { type: 'vertical', elements: [{ type: 'text', text: '<b>Hello</b>' }, { type: 'button', title: 'Go' }] } });
    expect(rich).toEqual({
      kind: 'content', contentType: 'rich-content', text: '[Rich content] <b>Hello</b> · Go',
      rich: { root: { type: 'vertical', children: [{ type: 'text', text: '<b>Hello</b>' }, { type: 'button', title: 'Go' }] } },
    });
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
  it('MessageList.trim lets go of the oldest beyond keep, never past syncedUpTo nor the bound given; what it let go stays known', () => {
    const mk = (seq: number): ChatMessage => ({ conversationId: 'c1', sequence: seq, originatorId: 'cons1', role: 'CONSUMER', own: false, contentType: 'text/plain', text: `m${seq}`, timestamp: seq });
    const l = new MessageList(4);
    for (let s = 0; s < 6; s++) l.addSequenced(mk(s));
    expect(l.overKeep()).toBe(true); // 6 > 4 + 4/4
    expect(l.trim(Infinity)).toBe(0); // nothing synced yet: a gap below could still be filled
    l.syncedUpTo = 0;
    expect(l.trim(Infinity)).toBe(1); // only up to the watermark
    l.syncedUpTo = 5;
    expect(l.trim(0)).toBe(0); // the bound (an unacknowledged send's sentAfterSequence) holds what is above it
    expect(l.trim(Infinity)).toBe(1);
    expect(l.list().map((m) => m.sequence)).toEqual([2, 3, 4, 5]);
    expect(l.floor).toBe(1);
    // let go, still known: a re-sent old sequence is a duplicate and is not taken in again
    expect(l.knows(0)).toBe(true);
    expect(l.knows(1)).toBe(true);
    expect(l.knows(3)).toBe(true);
    expect(l.knows(6)).toBe(false);
    expect(l.addSequenced(mk(1))).toBe(false);
    expect(l.list().map((m) => m.sequence)).toEqual([2, 3, 4, 5]);
    expect(l.addSequenced(mk(6))).toBe(true);
    expect(l.overKeep()).toBe(false); // 5 is not over 4 + 1
  });
  it('MessageList.noteSynced moves the watermark on over the messages already taken in above it, never past a gap, never back', () => {
    const mk = (seq: number): ChatMessage => ({ conversationId: 'c1', sequence: seq, originatorId: 'cons1', role: 'CONSUMER', own: false, contentType: 'text/plain', text: `m${seq}`, timestamp: seq });
    const l = new MessageList(4);
    for (const s of [0, 1, 2, 3, 5, 6]) l.addSequenced(mk(s)); // live events that beat the history answer; 4 never came
    l.noteSynced(0); // the history answer's newest event
    expect(l.syncedUpTo).toBe(3); // 1–3 are known; 4 is a gap that must stay fillable
    expect(l.trim(Infinity)).toBe(2); // 0 and 1 go (keep 4)
    l.noteSynced(1);
    expect(l.syncedUpTo).toBe(3); // never back
    l.noteSynced(4); // the gap is filled (e.g. by a receipt with that sequence)
    expect(l.syncedUpTo).toBe(6);
    for (const s of [8, 7]) l.addSequenced(mk(s)); // out of order: 8 before 7
    l.noteSynced(7);
    expect(l.syncedUpTo).toBe(8);
    expect(l.trim(Infinity)).toBe(2); // 2 and 3 go (keep 4)
    expect(l.list().map((m) => m.sequence)).toEqual([5, 6, 7, 8]);
    const empty = new MessageList(4);
    empty.noteSynced(2);
    expect(empty.syncedUpTo).toBe(2);
  });
  it('MessageList.noteSynced steps over the sequences of other events taken in (noteOther: receipts…), never over one not seen', () => {
    const mk = (seq: number): ChatMessage => ({ conversationId: 'c1', sequence: seq, originatorId: 'cons1', role: 'CONSUMER', own: false, contentType: 'text/plain', text: `m${seq}`, timestamp: seq });
    const l = new MessageList(4);
    for (const s of [0, 1, 2]) l.addSequenced(mk(s));
    l.noteOther(3); // a live receipt that beat the history answer
    for (const s of [4, 5]) l.addSequenced(mk(s));
    l.noteOther(7); // another, past a gap at 6
    l.addSequenced(mk(8));
    l.noteSynced(0); // the history answer's newest event
    expect(l.syncedUpTo).toBe(5); // over the receipt at 3, not over the gap at 6
    l.noteSynced(6); // 6 arrives, right after the watermark
    expect(l.syncedUpTo).toBe(8); // on over the receipt at 7 and the message at 8
    l.noteOther(8); // at or below the watermark: nothing to remember
    l.noteOther(11);
    l.noteSynced(12); // a jump (a later history answer) past it: forgotten, not stepped over again
    expect(l.syncedUpTo).toBe(12);
    // Bounded: past MAX_OTHER_SEQUENCES remembered, the walk stops where memory ends (conservative).
    const b = new MessageList(4);
    b.noteSynced(0);
    for (let s = 2; s <= MAX_OTHER_SEQUENCES + 2; s++) b.noteOther(s); // one more than it remembers; 1 is a gap
    b.noteSynced(1);
    expect(b.syncedUpTo).toBe(MAX_OTHER_SEQUENCES + 1);
  });
  it('delivery only moves forward', () => {
    expect(advanceDelivery('read', 'delivered')).toBe('read');
    expect(advanceDelivery('sent', 'read')).toBe('read');
    expect(advanceDelivery(undefined, 'sent')).toBe('sent');
  });
  it('a receipt means read (READ) or delivered (ACCEPT); other statuses mean no delivery', () => {
    expect(deliveryOf('READ')).toBe('read');
    expect(deliveryOf('ACCEPT')).toBe('delivered');
    for (const s of ['ACCESS', 'NACK', 'ACTION'] as const) expect(deliveryOf(s)).toBeUndefined();
  });
  it('reads ExternalId metadata', () => {
    expect(externalIds([{ type: 'ExternalId', id: 'L1' }, { type: 'Other' }])).toEqual(['L1']);
    expect(externalIds({ type: 'ExternalId', id: 'L2' })).toEqual(['L2']);
    expect(externalIds(undefined)).toEqual([]);
  });
});

describe('readMessagingEvent', () => {
  const me = { legacyId: 'a.1', pid: 'pid-a' };
  const ev = (originatorId: string, event: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    ({ sequence: 5, dialogId: 'c1', originatorId, serverTimestamp: 1000, event: { type: event.type as string, ...event }, ...extra });

  it('classifies once: typing, receipts, messages; own typing and receipts are nothing to show', () => {
    expect(readMessagingEvent(ev('cons1', { type: 'ChatStateEvent', chatState: 'COMPOSING' }), 'c1', me, 'cons1'))
      .toEqual({ kind: 'typing', participantId: 'cons1', role: 'CONSUMER', state: 'COMPOSING' });
    expect(readMessagingEvent(ev('a.1', { type: 'ChatStateEvent', chatState: 'COMPOSING' }), 'c1', me, 'cons1')).toEqual({ kind: 'none' });
    expect(readMessagingEvent(ev('cons1', { type: 'AcceptStatusEvent', status: 'READ', sequenceList: [1, 2] }), 'c1', me, 'cons1'))
      .toEqual({ kind: 'receipt', status: 'READ', sequences: [1, 2] });
    expect(readMessagingEvent(ev('a.1', { type: 'AcceptStatusEvent', status: 'READ', sequenceList: [1] }), 'c1', me, 'cons1')).toEqual({ kind: 'none' });
    const m = readMessagingEvent(ev('cons1', { type: 'ContentEvent', contentType: 'text/plain', message: 'hello' }), 'c1', me, 'cons1');
    expect(m).toMatchObject({ kind: 'message', message: { sequence: 5, role: 'CONSUMER', own: false, text: 'hello' } });
    expect(m.kind === 'message' && m.externalId).toBeUndefined();
  });

  it('an own message carries the localId it was sent with; a message without a sequence is nothing', () => {
    const own = readMessagingEvent(
      ev('a.1', { type: 'ContentEvent', contentType: 'text/plain', message: 'hi' }, { metadata: [{ type: 'ExternalId', id: 'l-9' }] }), 'c1', me, 'cons1');
    expect(own).toMatchObject({ kind: 'message', externalId: 'l-9', message: { own: true, delivery: 'sent' } });
    expect(readMessagingEvent(ev('cons1', { type: 'ContentEvent', message: 'x' }, { sequence: undefined }), 'c1', me, 'cons1')).toEqual({ kind: 'none' });
  });

  it('every kind of EventKind and of MessagingFact has the same keys in the same order (one shape on the hot path)', () => {
    const events: Array<Record<string, unknown>> = [
      { type: 'ContentEvent', contentType: 'text/plain', message: 'hi' },
      { type: 'ContentEvent', contentType: 'text/plain', message: 'pick', quickReplies: { replies: [{ type: 'button', title: 'A' }] } },
      { type: 'ContentEvent', contentType: 'hosted/file', message: { caption: 'c', relativePath: '/x', fileType: 'JPG' } },
      { type: 'RichContentEvent', content: { type: 'text', text: 'rich' } },
      { type: 'ChatStateEvent', chatState: 'COMPOSING' },
      { type: 'AcceptStatusEvent', status: 'READ', sequenceList: [1] },
      { type: 'Whatever' },
    ];
    const kindKeys = new Set(events.map((e) => Object.keys(describeEvent(e)).join(',')));
    expect([...kindKeys]).toEqual(['kind,contentType,text,rich,file,state,status,sequences']);
    const facts = [
      ...events.map((e) => readMessagingEvent(ev('cons1', e), 'c1', me, 'cons1')),
      readMessagingEvent(ev('a.1', { type: 'ContentEvent', message: 'own' }, { metadata: [{ type: 'ExternalId', id: 'l-1' }] }), 'c1', me, 'cons1'),
      readMessagingEvent(ev('a.1', { type: 'ChatStateEvent', chatState: 'COMPOSING' }), 'c1', me, 'cons1'),
    ];
    expect(new Set(facts.map((f) => f.kind))).toEqual(new Set(['message', 'typing', 'receipt', 'none']));
    expect([...new Set(facts.map((f) => Object.keys(f).join(',')))]).toEqual(['kind,message,externalId,participantId,role,state,status,sequences']);
  });

  it('reads a text exactly as describeEvent + toChatMessage do', () => {
    const events = [
      ev('cons1', { type: 'ContentEvent', contentType: 'text/plain', message: 'hello' }),
      ev('cons1', { type: 'ContentEvent', message: 'no content type' }),
      ev('cons1', { type: 'ContentEvent', contentType: 7, message: 'a mistyped content type' }),
      ev('cons1', { type: 'ContentEvent', contentType: 'text/html', message: '<b>a string of another type</b>' }),
      ev('cons1', { type: 'ContentEvent', contentType: 'text/plain', message: 'with chips', quickReplies: { type: 'quickReplies', replies: [] } }),
      ev('a.1', { type: 'ContentEvent', contentType: 'text/plain', message: 'mine' }, { metadata: [{ type: 'ExternalId', id: 'l-3' }] }),
      ev('cons1', { type: 'ContentEvent', message: 'private' }, { messageAudience: 'AGENTS_AND_MANAGERS' }),
      ev('cons1', { type: 'ContentEvent', message: 'bad sequence' }, { sequence: 1.5 }),
    ];
    for (const e of events) {
      const fact = readMessagingEvent(e, 'c1', me, 'cons1');
      const expected = toChatMessage(e, 'c1', me, 'cons1', describeEvent(e.event));
      expect(fact.kind === 'message' ? fact.message : undefined).toEqual(expected);
    }
  });
});

describe('rich content under hostile nesting (#17)', () => {
  const nested = (depth: number, leaf: unknown): unknown => {
    let v = leaf;
    for (let i = 0; i < depth; i += 1) v = [v];
    return v;
  };

  it('100,000 nested arrays are described as rich content, without throwing', () => {
    expect(describeEvent({ type: 'RichContentEvent', content: nested(100_000, { type: 'text', text: 'deep' }) }))
      .toEqual({ kind: 'content', contentType: 'rich-content', text: '[Rich content]' });
  });

  it('text before a hostile branch is kept, in document order', () => {
    const content = { type: 'vertical', elements: [{ type: 'text', text: 'Hello' }, nested(100_000, {}), { type: 'button', title: 'Go' }] };
    expect(describeEvent({ type: 'RichContentEvent', content }).kind).toBe('content');
    const d = describeEvent({ type: 'RichContentEvent', content });
    expect(d.kind === 'content' && d.text.startsWith('[Rich content] Hello')).toBe(true);
  });

  it('a very wide card is read up to its budget', () => {
    const content = { type: 'vertical', elements: Array.from({ length: 1_000_000 }, (_, i) => ({ type: 'text', text: `t${i}` })) };
    const d = describeEvent({ type: 'RichContentEvent', content });
    expect(d.kind === 'content' && d.text.startsWith('[Rich content] t0 · t1 · t2')).toBe(true);
  });
});
