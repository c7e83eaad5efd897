import { afterEach, describe, expect, it } from 'vitest';
import { createSessionOnConnection } from '../../../src-main/lp/session/on-connection';
import { memoryOutboxStore } from '../../../src-main/lp/session/outbox-store';
import type { AgentSession, OutboxItem } from '../../../src-main/lp/session/api';
import type { ChatMessage, SessionEvents } from '../../../src-main/lp/protocol/model';
import type { Logger } from '../../../src-main/lp/base/log';
import {
  ACCOUNT, convChange, FakeConnection, ManualClock, ME, ringNotification, settle, type FakeRequest,
} from '../helpers/fake-connection';

const T = {
  routing: '.ams.routing.RoutingTaskNotification',
  conv: '.ams.aam.ExConversationChangeNotification',
  msg: '.ams.ms.OnlineEventDistribution',
  publish: '.ams.ms.PublishEvent',
  query: '.ams.ms.QueryMessages',
  setState: '.ams.routing.SetAgentState',
  ring: '.ams.routing.UpdateRingState',
  field: '.ams.cm.UpdateConversationField',
} as const;

interface Harness {
  conn: FakeConnection;
  clock: ManualClock;
  session: AgentSession;
  events: Array<{ event: keyof SessionEvents; data: unknown }>;
  logs: string[];
  store: ReturnType<typeof memoryOutboxStore>;
  of<K extends keyof SessionEvents>(event: K): Array<SessionEvents[K]>;
}

const sessions: AgentSession[] = [];
afterEach(async () => {
  for (const s of sessions.splice(0)) await s.stop({ logout: false });
});

function harness(opts: { items?: OutboxItem[] } = {}): Harness {
  const conn = new FakeConnection();
  const clock = new ManualClock();
  const logs: string[] = [];
  const logger: Logger = { log: (level, message) => logs.push(`${level} ${message}`) };
  const store = memoryOutboxStore(opts.items ?? []);
  const session = createSessionOnConnection(conn, {
    account: { accountId: ACCOUNT }, credentials: { kind: 'password', username: 'a', password: 'p' }, clock, logger, outboxStore: store,
  }, { snapshotWindowMs: 1_000, retryDelayMs: 500, intentFallbackMs: 5_000 });
  sessions.push(session);
  const events: Harness['events'] = [];
  const names: Array<keyof SessionEvents> = ['connection', 'profile', 'availability', 'ring/offered', 'ring/updated', 'ring/ended',
    'conversation/upsert', 'conversation/removed', 'message', 'history', 'typing', 'receipt', 'error'];
  for (const n of names) session.on(n, (data) => events.push({ event: n, data }));
  return {
    conn, clock, session, events, logs, store,
    of: <K extends keyof SessionEvents>(event: K) => events.filter((e) => e.event === event).map((e) => e.data as SessionEvents[K]),
  };
}

async function started(opts: { items?: OutboxItem[] } = {}): Promise<Harness> {
  const h = harness(opts);
  await h.session.start();
  await settle();
  return h;
}

/** Starts and gives the agent conversation c1 (history: one consumer message). */
async function withConversation(): Promise<Harness> {
  const h = harness();
  h.conn.store('c1', 'cons1', { type: 'ContentEvent', contentType: 'text/plain', message: 'hello' });
  await h.session.start();
  await settle();
  h.conn.notify(T.conv, convChange({ convId: 'c1' }));
  await settle();
  h.clock.advance(1_000); // snapshot window
  return h;
}

const texts = (h: Harness, cid = 'c1'): string[] => (h.session.snapshot().messages[cid] ?? []).map((m) => m.text);
const publishes = (h: Harness): FakeRequest[] => h.conn.of(T.publish).filter((r) => (r.body as { event: { type: string } }).event.type === 'ContentEvent');

describe('session on ready', () => {
  it('sets agent state, subscribes with legacy ids, emits profile and availability', async () => {
    const h = await started();
    expect(h.conn.of(T.setState)[0]?.body).toEqual({ availability: 'ONLINE', channels: ['MESSAGING'], agentUserId: ME.legacyId });
    expect(h.conn.of('.ams.routing.SubscribeRoutingTasks')[0]?.body).toEqual({ brandId: ACCOUNT, agentId: ME.legacyId, channelType: 'MESSAGING' });
    expect(h.conn.of('.ams.aam.SubscribeExConversations')[0]?.body).toEqual({ convState: ['OPEN'], agentIds: [ME.legacyId], minLastUpdatedTime: 0 });
    expect(h.of('profile')).toEqual([ME]);
    expect(h.of('availability')).toEqual(['ONLINE']);
    expect(h.of('connection').map((s) => s.phase)).toEqual(['connecting', 'online']);
    expect(h.session.snapshot()).toMatchObject({ profile: ME, availability: 'ONLINE', rings: [], conversations: [], messages: {} });
  });

  it('re-applies the desired availability and subscriptions after a reconnect', async () => {
    const h = await started();
    await h.session.setAvailability('AWAY');
    h.conn.drop();
    h.conn.goOnline(true);
    await settle();
    expect(h.conn.of(T.setState).map((r) => (r.body as { availability: string }).availability)).toEqual(['ONLINE', 'AWAY', 'AWAY']);
    expect(h.conn.of('.ams.routing.SubscribeRoutingTasks')).toHaveLength(2);
    expect(h.conn.of('.ams.aam.SubscribeExConversations')).toHaveLength(2);
  });

  it('stop goes OFFLINE first, then stops the connection', async () => {
    const h = await started();
    await h.session.stop();
    expect(h.conn.of(T.setState).at(-1)?.body).toMatchObject({ availability: 'OFFLINE' });
    expect(h.conn.stopped).toBe(true);
  });
});

describe('rings', () => {
  it('offers once per ringId (re-sent after resubscribe), fills the consumer name, ends on accept', async () => {
    const h = await started();
    h.conn.notify(T.routing, ringNotification({ ringId: 'r1', convId: 'c1', expirationTs: h.clock.now() + 60_000 }));
    h.conn.notify(T.routing, ringNotification({ ringId: 'r1', convId: 'c1', expirationTs: h.clock.now() + 60_000 }));
    await settle();
    expect(h.of('ring/offered')).toHaveLength(1);
    expect(h.of('ring/offered')[0]).toMatchObject({ ringId: 'r1', conversationId: 'c1', state: 'WAITING', expiresAt: h.clock.now() + 60_000 });
    expect(h.conn.of('.ams.userprofile.GetUserProfile')[0]?.body).toBe('cons1');
    expect(h.of('ring/updated').at(-1)).toMatchObject({ ringId: 'r1', consumerName: 'Ann Lee' });
    await h.session.acceptRing('r1');
    expect(h.conn.of(T.ring)[0]?.body).toEqual({ ringId: 'r1', ringState: 'ACCEPTED' });
    expect(h.of('ring/ended')).toEqual([{ ring: expect.objectContaining({ ringId: 'r1', state: 'ACCEPTED' }), reason: 'accepted' }]);
    // the ACCEPTED notification afterwards changes nothing; a re-sent WAITING is not a new ring
    h.conn.notify(T.routing, ringNotification({ ringId: 'r1', convId: 'c1', state: 'ACCEPTED' }));
    h.conn.notify(T.routing, ringNotification({ ringId: 'r1', convId: 'c1' }));
    expect(h.of('ring/ended')).toHaveLength(1);
    expect(h.of('ring/offered')).toHaveLength(1);
  });

  it('the conversation may arrive before the accept response (§13): one conversation, ring ended once', async () => {
    const h = await started();
    h.conn.notify(T.routing, ringNotification({ ringId: 'r1', convId: 'c1' }));
    h.conn.handler = (req) => (req.type === T.ring ? 'hold' : undefined);
    const accepting = h.session.acceptRing('r1');
    await settle();
    h.conn.notify(T.conv, convChange({ convId: 'c1' }));
    await settle();
    expect(h.of('ring/ended').map((e) => e.reason)).toEqual(['accepted']);
    expect(h.of('conversation/upsert')[0]).toMatchObject({ conversationId: 'c1', mine: true });
    h.conn.of(T.ring)[0]?.resolve('Ring state updated successfully', 202);
    await accepting;
    expect(h.of('ring/ended')).toHaveLength(1);
  });

  it('expires locally when the ring time passes (also while offline), rejects, and ends on CANCELLED', async () => {
    const h = await started();
    h.conn.notify(T.routing, ringNotification({ ringId: 'r1', convId: 'c1', expiration: 72_000 }));
    h.conn.notify(T.routing, ringNotification({ ringId: 'r2', convId: 'c2' }));
    h.conn.notify(T.routing, ringNotification({ ringId: 'r3', convId: 'c3' }));
    await settle();
    await h.session.rejectRing('r2');
    h.conn.notify(T.routing, ringNotification({ ringId: 'r3', convId: 'c3', state: 'CANCELLED' }));
    h.conn.drop();
    h.clock.advance(72_000);
    expect(h.of('ring/ended').map((e) => [e.ring.ringId, e.reason])).toEqual([['r2', 'rejected'], ['r3', 'cancelled'], ['r1', 'expired']]);
    expect(h.session.snapshot().rings).toEqual([]);
    await expect(h.session.acceptRing('r1')).rejects.toMatchObject({ code: 404 });
  });
});

describe('conversations and messages', () => {
  it('loads history of a new conversation and merges live events by sequence, filtering others (§7 #80)', async () => {
    const h = await withConversation();
    expect(h.conn.of(T.query)[0]?.body).toEqual({ dialogId: 'c1', fromSeq: 0, newerThanSequence: 0 });
    expect(h.of('history')[0]?.messages.map((m) => [m.sequence, m.text])).toEqual([[0, 'hello']]);
    const e1 = h.conn.store('c1', 'cons1', { type: 'ContentEvent', contentType: 'text/plain', message: 'are you there?' }, { originatorMetadata: { id: 'cons1', role: 'CONSUMER' } });
    h.conn.deliver(e1);
    h.conn.deliver(e1); // duplicate
    h.conn.notify(T.msg, { sequence: 1, dialogId: 'unknown-conv', originatorId: 'x', event: { type: 'ContentEvent', message: 'nope' } });
    expect(texts(h)).toEqual(['hello', 'are you there?']);
    expect(h.of('message').filter((m) => !m.own)).toHaveLength(1);
    expect(h.session.snapshot().conversations[0]).toMatchObject({ lastMessagePreview: 'are you there?', consumerName: 'Ann Lee' });
  });

  it('one event that cannot be taken in never aborts a history page; 100,000-deep rich content is shown as such (#17)', async () => {
    const h = harness();
    let deep: unknown = { type: 'text', text: 'deep' };
    for (let i = 0; i < 100_000; i += 1) deep = [deep];
    h.conn.store('c1', 'cons1', { type: 'ContentEvent', contentType: 'text/plain', message: 'first' });
    h.conn.store('c1', 'cons1', {
      type: 'ContentEvent', contentType: 'text/plain',
      get message(): string {
        throw new RangeError('Maximum call stack size exceeded');
      },
    });
    h.conn.store('c1', 'cons1', { type: 'RichContentEvent', content: deep });
    h.conn.store('c1', 'cons1', { type: 'ContentEvent', contentType: 'text/plain', message: 'last' });
    await h.session.start();
    await settle();
    h.conn.notify(T.conv, convChange({ convId: 'c1' }));
    await settle();
    expect(h.of('history')[0]?.messages.map((m) => [m.sequence, m.text])).toEqual([[0, 'first'], [2, '[Rich content]'], [3, 'last']]);
    expect(h.logs.some((l) => l.startsWith('warn QueryMessages: 1 malformed event(s) ignored'))).toBe(true);
  });

  it('typing and receipts; delivery of own messages moves to read', async () => {
    const h = await withConversation();
    h.conn.notify(T.msg, { dialogId: 'c1', originatorId: 'cons1', originatorMetadata: { id: 'cons1', role: 'CONSUMER' }, event: { type: 'ChatStateEvent', chatState: 'COMPOSING' } });
    expect(h.of('typing')).toEqual([{ conversationId: 'c1', participantId: 'cons1', role: 'CONSUMER', state: 'COMPOSING' }]);
    h.session.sendText('c1', 'hi there');
    await settle();
    const sent = h.session.snapshot().messages.c1?.find((m) => m.text === 'hi there');
    expect(sent).toMatchObject({ delivery: 'sent', sequence: 1 });
    h.conn.deliver(h.conn.store('c1', 'cons1', { type: 'AcceptStatusEvent', status: 'READ', sequenceList: [1] }));
    expect(h.of('receipt')).toEqual([{ conversationId: 'c1', sequences: [1], status: 'READ' }]);
    expect(h.of('message').at(-1)).toMatchObject({ localId: sent?.localId, delivery: 'read' });
    await h.session.setTyping('c1', 'COMPOSING');
    await h.session.markRead('c1', [0]);
    expect(h.conn.of(T.publish).map((r) => (r.body as { event: unknown }).event)).toEqual([
      { type: 'ContentEvent', contentType: 'text/plain', message: 'hi there' },
      { type: 'ChatStateEvent', chatState: 'COMPOSING' },
      { type: 'AcceptStatusEvent', status: 'READ', sequenceList: [0] },
    ]);
  });

  it('close: request shape, removed closed, messages dropped', async () => {
    const h = await withConversation();
    await h.session.closeConversation('c1');
    expect(h.conn.of(T.field)[0]?.body).toEqual({ conversationId: 'c1', conversationField: [{ field: 'ConversationStateField', conversationState: 'CLOSE' }] });
    h.conn.notify(T.conv, convChange({ convId: 'c1', state: 'CLOSE', ts: 20 }));
    expect(h.of('conversation/removed')).toEqual([{ conversationId: 'c1', reason: 'closed' }]);
    expect(h.session.snapshot()).toMatchObject({ conversations: [], messages: {} });
  });

  it('back to queue and transfer: one request each, reason from the intent even when the notification comes first', async () => {
    const h = await withConversation();
    h.conn.notify(T.conv, convChange({ convId: 'c2', ts: 10 }));
    await settle();
    h.conn.handler = (req) => (req.type === T.field ? 'hold' : undefined);
    const b = h.session.backToQueue('c1');
    const t = h.session.transferToSkill('c2', '12');
    await settle();
    expect(h.conn.of(T.field).map((r) => r.body)).toEqual([
      { conversationId: 'c1', conversationField: [{ field: 'ParticipantsChange', type: 'REMOVE', role: 'ASSIGNED_AGENT', userId: ME.legacyId }] },
      { conversationId: 'c2', conversationField: [
        { field: 'Skill', type: 'UPDATE', skill: '12' },
        { field: 'ParticipantsChange', type: 'REMOVE', role: 'ASSIGNED_AGENT', userId: ME.legacyId },
      ] },
    ]);
    h.conn.notify(T.conv, convChange({ convId: 'c1', agent: null, ts: 20 }));
    h.conn.notify(T.conv, convChange({ convId: 'c2', agent: null, skillId: '12', ts: 20 }));
    for (const r of h.conn.of(T.field)) r.resolve('OK Agent removed successfully');
    await Promise.all([b, t]);
    expect(h.of('conversation/removed')).toEqual([
      { conversationId: 'c1', reason: 'back-to-queue' },
      { conversationId: 'c2', reason: 'transferred' },
    ]);
    h.clock.advance(10_000);
    expect(h.of('conversation/removed')).toHaveLength(2);
  });

  it('a known conversation missing from the snapshot after a reconnect is removed', async () => {
    const h = await withConversation();
    h.conn.drop();
    h.conn.goOnline(true);
    await settle();
    h.clock.advance(1_000);
    expect(h.of('conversation/removed')).toEqual([{ conversationId: 'c1', reason: 'closed' }]);
  });

  it('an empty conversation still gets one history event; another client changing availability is adopted', async () => {
    const h = await started();
    h.conn.notify(T.conv, convChange({ convId: 'c9' }));
    await settle();
    expect(h.of('history')).toEqual([{ conversationId: 'c9', messages: [] }]);
    h.conn.notify('.ams.routing.AgentStateNotification', { subscriptionId: 's', changes: [{ type: 'UPSERT', result: { agentUserId: ME.legacyId, channels: ['MESSAGING'], availability: 'AWAY', description: '' } }] });
    h.conn.notify('.ams.routing.AgentStateNotification', { subscriptionId: 's', changes: [{ type: 'UPSERT', result: { agentUserId: '123.5', availability: 'OFFLINE' } }] });
    expect(h.of('availability')).toEqual(['ONLINE', 'AWAY']);
    expect(h.session.snapshot().availability).toBe('AWAY');
  });

  it('bad notifications are logged once each and ignored; a throwing listener breaks nothing', async () => {
    const h = await withConversation();
    h.session.on('message', () => {
      throw new Error('listener bug');
    });
    h.conn.notify(T.routing, { changes: [{ type: 'UPSERT', result: { ringsDetails: [{ ringState: 'WAITING' }] } }] });
    h.conn.notify(T.conv, 'garbage');
    h.conn.notify(T.msg, { dialogId: 'c1', event: 'not an object' });
    expect(h.logs.filter((l) => l.includes('malformed'))).toHaveLength(3);
    h.conn.deliver(h.conn.store('c1', 'cons1', { type: 'ContentEvent', contentType: 'text/plain', message: 'still fine' }));
    expect(texts(h)).toContain('still fine');
    expect(h.logs.some((l) => l.includes('listener threw'))).toBe(true);
  });
});

describe('outbox', () => {
  it('sends strictly in order, one at a time; sending → sent with sequence; persisted until acked', async () => {
    const h = await withConversation();
    h.conn.handler = (req) => (req.type === T.publish ? 'hold' : undefined);
    const m1 = h.session.sendText('c1', 'one');
    const m2 = h.session.sendText('c1', 'two');
    expect(m1).toMatchObject({ delivery: 'sending', own: true, text: 'one' });
    expect(m1.localId).toMatch(/^l-/);
    await settle();
    expect(publishes(h)).toHaveLength(1);
    expect(publishes(h)[0]?.opts?.metadata).toEqual([{ type: 'ExternalId', id: m1.localId }]);
    expect(h.store.items.map((i) => i.text)).toEqual(['one', 'two']);
    const p1 = publishes(h)[0]!;
    p1.resolve({ sequence: h.conn.applyPublish(p1)!.sequence });
    await settle();
    expect(publishes(h)).toHaveLength(2);
    const p2 = publishes(h)[1]!;
    p2.resolve({ sequence: h.conn.applyPublish(p2)!.sequence });
    await settle();
    expect(h.store.items).toEqual([]);
    const mine = h.session.snapshot().messages.c1?.filter((m) => m.own) ?? [];
    expect(mine.map((m) => [m.sequence, m.text, m.delivery, m.localId])).toEqual([[1, 'one', 'sent', m1.localId], [2, 'two', 'sent', m2.localId]]);
  });

  it('queued while offline, sent after reconnect (after the history re-query)', async () => {
    const h = await withConversation();
    h.conn.drop();
    const m = h.session.sendText('c1', 'offline words');
    expect(m.delivery).toBe('queued');
    h.conn.goOnline(true);
    await settle();
    h.conn.notify(T.conv, convChange({ convId: 'c1', ts: 11 }));
    await settle();
    h.clock.advance(1_000);
    await settle();
    expect(publishes(h)).toHaveLength(1);
    expect(h.of('message').filter((x) => x.localId === m.localId).map((x) => x.delivery)).toEqual(['queued', 'sending', 'sent']);
  });

  it('echo before the response: one message, not two', async () => {
    const h = await withConversation();
    h.conn.handler = (req) => (req.type === T.publish ? 'hold' : undefined);
    const m = h.session.sendText('c1', 'fast echo');
    await settle();
    const p = publishes(h)[0]!;
    const e = h.conn.applyPublish(p)!;
    h.conn.deliver(e);
    p.resolve({ sequence: e.sequence });
    await settle();
    const own = h.session.snapshot().messages.c1?.filter((x) => x.own) ?? [];
    expect(own).toEqual([expect.objectContaining({ localId: m.localId, sequence: e.sequence, delivery: 'sent' })]);
  });

  for (const echoMetadata of [true, false]) {
    it(`response lost (publish applied, socket dropped): found in history, never sent twice — ${echoMetadata ? 'ExternalId' : 'text match'}`, async () => {
      const h = await withConversation();
      // an earlier own "ok" must not be taken for the lost one
      h.session.sendText('c1', 'ok');
      await settle();
      h.conn.handler = (req) => (req.type === T.publish ? 'hold' : undefined);
      const m = h.session.sendText('c1', 'ok');
      await settle();
      const p = publishes(h)[1]!;
      const applied = h.conn.applyPublish(p)!;
      if (!echoMetadata) delete applied.metadata;
      h.conn.drop(); // response lost
      expect(h.of('message').at(-1)).toMatchObject({ localId: m.localId });
      h.conn.handler = undefined;
      h.conn.goOnline(true);
      h.conn.notify(T.conv, convChange({ convId: 'c1', ts: 11 }));
      await settle();
      h.clock.advance(1_000);
      await settle();
      expect(publishes(h)).toHaveLength(2);
      const own = h.session.snapshot().messages.c1?.filter((x) => x.own) ?? [];
      expect(own.map((x) => [x.sequence, x.text, x.delivery])).toEqual([[1, 'ok', 'sent'], [applied.sequence, 'ok', 'sent']]);
      expect(own[1]?.localId).toBe(m.localId);
      expect(h.store.items).toEqual([]);
    });
  }

  it('publish never reached the server (socket dropped): sent again exactly once', async () => {
    const h = await withConversation();
    h.conn.handler = (req) => (req.type === T.publish ? 'hold' : undefined);
    const m = h.session.sendText('c1', 'lost in transit');
    await settle();
    h.conn.drop();
    h.conn.handler = undefined;
    h.conn.goOnline(true);
    h.conn.notify(T.conv, convChange({ convId: 'c1', ts: 11 }));
    await settle();
    expect(publishes(h)).toHaveLength(2);
    expect(h.conn.history.get('c1')?.filter((e) => e.originatorId === ME.legacyId)).toHaveLength(1);
    expect(h.session.snapshot().messages.c1?.filter((x) => x.own)).toEqual([expect.objectContaining({ localId: m.localId, delivery: 'sent' })]);
  });

  it('timeout while still online: reconciled after a delay, not duplicated', async () => {
    const h = await withConversation();
    let first = true;
    h.conn.handler = (req) => {
      if (req.type === T.publish && first) {
        first = false;
        h.conn.applyPublish(req);
        req.reject(Object.assign(new Error('Request has timed out'), { code: 0 }));
      }
    };
    h.session.sendText('c1', 'slow');
    await settle();
    h.clock.advance(500);
    await settle();
    expect(publishes(h)).toHaveLength(1);
    expect(h.session.snapshot().messages.c1?.filter((x) => x.own).map((x) => x.delivery)).toEqual(['sent']);
  });

  it('4xx → failed with the server text; closed conversation → queued messages failed', async () => {
    const h = await withConversation();
    h.conn.handler = (req) => {
      if (req.type === T.publish) req.reject(Object.assign(new Error('Agent does not exist in conversation'), { code: 400 }));
    };
    h.session.sendText('c1', 'nope');
    await settle();
    expect(h.of('message').at(-1)).toMatchObject({ delivery: 'failed', error: expect.stringContaining('Agent does not exist') });
    h.conn.handler = undefined;
    h.conn.drop();
    const q = h.session.sendText('c1', 'queued then closed');
    h.conn.notify(T.conv, convChange({ convId: 'c1', state: 'CLOSE', ts: 30 }));
    expect(h.of('message').filter((x) => x.localId === q.localId).at(-1)).toMatchObject({ delivery: 'failed', error: expect.stringContaining('closed') });
    expect(h.store.items).toEqual([]);
  });

  it('loads the outbox at start: an item already applied before a crash is not sent again; a fresh one is', async () => {
    const h = harness({ items: [
      { localId: 'l-old', conversationId: 'c1', text: 'before crash', createdAt: 1, sentAfterSequence: 0 },
      { localId: 'l-new', conversationId: 'c1', text: 'never tried', createdAt: 2 },
    ] });
    h.conn.store('c1', 'cons1', { type: 'ContentEvent', contentType: 'text/plain', message: 'hello' });
    h.conn.store('c1', ME.legacyId, { type: 'ContentEvent', contentType: 'text/plain', message: 'before crash' });
    await h.session.start();
    await settle();
    h.conn.notify(T.conv, convChange({ convId: 'c1' }));
    await settle();
    expect(publishes(h).map((p) => (p.body as { event: { message: string } }).event.message)).toEqual(['never tried']);
    expect(h.session.snapshot().messages.c1?.map((x) => [x.sequence, x.text, x.localId])).toEqual([
      [0, 'hello', undefined], [1, 'before crash', 'l-old'], [2, 'never tried', 'l-new'],
    ]);
    expect(h.store.items).toEqual([]);
  });

  it('items for a conversation that is not open after the snapshot fail clearly', async () => {
    const h = harness({ items: [{ localId: 'l-x', conversationId: 'gone', text: 'hi', createdAt: 1 }] });
    await h.session.start();
    await settle();
    h.clock.advance(1_000);
    expect(h.of('message').at(-1)).toMatchObject({ localId: 'l-x', delivery: 'failed' });
    const again = h.session.sendText('gone', 'x');
    expect(again.delivery).toBe('failed');
  });
});

describe('profiles and skills', () => {
  it('getConsumerProfile sends the bare consumer id, caches, and names conversations', async () => {
    const h = await withConversation();
    const p = await h.session.getConsumerProfile('cons1');
    expect(p).toEqual({ consumerId: 'cons1', firstName: 'Ann', lastName: 'Lee', email: 'ann@example.com' });
    await h.session.getConsumerProfile('cons1');
    expect(h.conn.of('.ams.userprofile.GetUserProfile').map((r) => r.body)).toEqual(['cons1']);
  });

  it('listSkills reads accountConfigReadOnly and drops deleted skills', async () => {
    const h = await started();
    h.conn.restResult = [{ id: 12, name: 'Sales', deleted: false }, { id: 13, name: 'Gone', deleted: true }];
    expect(await h.session.listSkills()).toEqual([{ id: '12', name: 'Sales' }]);
    expect(h.conn.restCalls).toEqual([{ service: 'accountConfigReadOnly', path: `/api/account/${ACCOUNT}/configuration/le-users/skills?v=2.0` }]);
  });
});

// Type-only use to keep ChatMessage import meaningful for readers of the helpers above.
export type _M = ChatMessage;
