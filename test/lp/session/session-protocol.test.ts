/**
 * Protocol fidelity of the session layer, with frames written from lp-protocol.md (not from the
 * simulator): every request body exactly as §6 (toStrictEqual: no extra fields), the tolerant
 * reading of §5/§7/§11.6/§13 (partial participantsPId, dialogs without participantsDetails, bare
 * objects for arrays, sequence 0, notifications before responses, one bad change among good ones),
 * and diagnostics().
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createSessionOnConnection } from '../../../src-main/lp/session/on-connection';
import type { DiagnosableSession } from '../../../src-main/lp/session/api';
import type { SessionEvents } from '../../../src-main/lp/protocol/model';
import { ACCOUNT, FakeConnection, ManualClock, ME, settle } from '../helpers/fake-connection';

const T = {
  routing: '.ams.routing.RoutingTaskNotification',
  conv: '.ams.aam.ExConversationChangeNotification',
  msg: '.ams.ms.OnlineEventDistribution',
  publish: '.ams.ms.PublishEvent',
  query: '.ams.ms.QueryMessages',
  ring: '.ams.routing.UpdateRingState',
  field: '.ams.cm.UpdateConversationField',
  subConv: '.ams.aam.SubscribeExConversations',
} as const;

const sessions: DiagnosableSession[] = [];
afterEach(async () => {
  for (const s of sessions.splice(0)) await s.stop({ logout: false });
});

function harness(conn = new FakeConnection()) {
  const clock = new ManualClock();
  const logs: string[] = [];
  const session = createSessionOnConnection(conn, {
    account: { accountId: ACCOUNT }, credentials: { kind: 'password', username: 'a', password: 'p' }, clock,
    logger: { log: (level, message) => logs.push(`${level} ${message}`) },
  }, { snapshotWindowMs: 1_000, retryDelayMs: 500, intentFallbackMs: 5_000 });
  sessions.push(session);
  const events: Array<{ event: keyof SessionEvents; data: unknown }> = [];
  for (const n of ['ring/offered', 'ring/ended', 'conversation/upsert', 'conversation/removed', 'message', 'history', 'typing', 'receipt', 'error'] as const) {
    session.on(n, (data) => events.push({ event: n, data }));
  }
  const of = <K extends keyof SessionEvents>(event: K): Array<SessionEvents[K]> => events.filter((e) => e.event === event).map((e) => e.data as SessionEvents[K]);
  return { conn, clock, session, logs, of };
}

async function started(conn?: FakeConnection) {
  const h = harness(conn);
  await h.session.start();
  await settle();
  return h;
}

/** §7 ExConversationChangeNotification, as in the reference example (this agent = ME). */
function refConversation(o: { convId?: string; pids?: Record<string, unknown>; dialogs?: unknown; participants?: Record<string, unknown>; bare?: boolean } = {}) {
  const convId = o.convId ?? 'c1';
  const result = {
    convId, effectiveTTR: -1, lastUpdateTime: 1564734095888,
    numberOfunreadMessages: { cons1: 1, [ME.legacyId]: 2 },
    conversationDetails: {
      convId, skillId: '125', brandId: ACCOUNT,
      participants: o.participants ?? { CONSUMER: ['cons1'], ASSIGNED_AGENT: [ME.legacyId], READER: [] },
      participantsPId: o.pids ?? { CONSUMER: ['cons1'], ASSIGNED_AGENT: [ME.pid] },
      dialogs: o.dialogs ?? [{ dialogId: convId, dialogType: 'MAIN', channelType: 'MESSAGING', state: 'OPEN',
        participantsDetails: [{ id: ME.legacyId, role: 'ASSIGNED_AGENT', state: 'ACTIVE' }],
        creationTs: 1564685380489, metaDataLastUpdateTs: 1564734095888 }],
      state: 'OPEN', stage: 'OPEN', startTs: 1564685380489, metaDataLastUpdateTs: 1564734095888,
      firstConversation: false, csatRate: 0, ttr: { ttrType: 'NORMAL', value: 1200 }, note: '',
      context: { type: 'CustomContext', name: 'WhatsApp Business', clientProperties: {} },
      conversationHandlerDetails: { accountId: ACCOUNT, skillId: '125' },
    },
  };
  const change = { type: 'UPSERT', result };
  return { subscriptionId: 'e7f5', changes: o.bare ? change : [change] };
}

/** §7 OnlineEventDistribution body. */
function refEvent(o: { sequence?: number; originatorId?: string; role?: string; event: Record<string, unknown>; dialogId?: string }) {
  return {
    ...(o.sequence !== undefined ? { sequence: o.sequence, serverTimestamp: 1470732437925 } : {}),
    originatorId: o.originatorId ?? 'cons1', originatorPId: o.originatorId ?? 'cons1',
    originatorClientProperties: { type: '.ClientProperties', ipAddress: '10.0.0.1' },
    originatorMetadata: { id: o.originatorId ?? 'cons1', role: o.role ?? 'CONSUMER', clientProperties: {} },
    event: o.event, dialogId: o.dialogId ?? 'c1', metadata: [],
  };
}

/** Started, with c1 (from the reference example) known and its snapshot window over. */
async function withReferenceConversation() {
  const h = await started();
  h.conn.notify(T.conv, refConversation());
  await settle();
  h.clock.advance(1_000);
  return h;
}

describe('§6 request bodies, exactly', () => {
  it('UpdateRingState ACCEPTED / REJECTED', async () => {
    const h = await started();
    h.conn.notify(T.routing, { subscriptionId: 's', changes: [{ type: 'UPSERT', result: { routingTaskId: 't1', conversationId: 'c1', consumerId: 'cons1', skillId: '-1', brandId: ACCOUNT,
      ringsDetails: [{ ringId: 'c1_123_1', ringState: 'WAITING', ringExpiration: 72000, convId: 'c1', consumerId: 'cons1', skillId: '-1', brandId: ACCOUNT }] } }] });
    h.conn.notify(T.routing, { subscriptionId: 's', changes: [{ type: 'UPSERT', result: { routingTaskId: 't2', conversationId: 'c2', consumerId: 'cons2', skillId: '-1', brandId: ACCOUNT,
      ringsDetails: [{ ringId: 'c2_123_1', ringState: 'WAITING', ringExpiration: 72000, convId: 'c2', consumerId: 'cons2', skillId: '-1', brandId: ACCOUNT }] } }] });
    await h.session.acceptRing('c1_123_1');
    await h.session.rejectRing('c2_123_1');
    expect(h.conn.of(T.ring).map((r) => r.body)).toStrictEqual([
      { ringId: 'c1_123_1', ringState: 'ACCEPTED' },
      { ringId: 'c2_123_1', ringState: 'REJECTED' },
    ]);
    expect(h.of('ring/ended').map((e) => [e.reason, e.ring.state])).toEqual([['accepted', 'ACCEPTED'], ['rejected', 'REJECTED']]);
  });

  it('SubscribeAgentsState with brandId and the legacy agentId', async () => {
    const h = await started();
    expect(h.conn.of('.ams.routing.SubscribeAgentsState').map((r) => r.body)).toStrictEqual([{ brandId: ACCOUNT, agentId: ME.legacyId }]);
  });

  it('PublishEvent: ContentEvent (+ ExternalId metadata), ChatStateEvent, AcceptStatusEvent', async () => {
    const h = await withReferenceConversation();
    const m = h.session.sendText('c1', 'Hello Ann');
    await settle();
    await h.session.setTyping('c1', 'COMPOSING');
    await h.session.markRead('c1', [0, 1.5, -1, 2]);
    await h.session.markRead('c1', []);
    const pubs = h.conn.of(T.publish);
    expect(pubs.map((r) => r.body)).toStrictEqual([
      { dialogId: 'c1', event: { type: 'ContentEvent', contentType: 'text/plain', message: 'Hello Ann' } },
      { dialogId: 'c1', event: { type: 'ChatStateEvent', chatState: 'COMPOSING' } },
      { dialogId: 'c1', event: { type: 'AcceptStatusEvent', status: 'READ', sequenceList: [0, 2] } },
    ]);
    expect(pubs[0]?.opts?.metadata).toStrictEqual([{ type: 'ExternalId', id: m.localId }]);
    expect(pubs[1]?.opts?.metadata).toBeUndefined();
  });

  it('QueryMessages: fromSeq = newerThanSequence = the last known sequence (inclusive, §13); loadHistory from 0', async () => {
    const h = await started();
    h.conn.store('c1', 'cons1', { type: 'ContentEvent', contentType: 'text/plain', message: 'm0' });
    h.conn.store('c1', 'cons1', { type: 'ContentEvent', contentType: 'text/plain', message: 'm1' });
    h.conn.notify(T.conv, refConversation());
    await settle();
    h.conn.drop();
    h.conn.goOnline(true);
    await settle();
    await h.session.loadHistory('c1');
    expect(h.conn.of(T.query).map((r) => r.body)).toStrictEqual([
      { dialogId: 'c1', fromSeq: 0, newerThanSequence: 0 },
      { dialogId: 'c1', fromSeq: 1, newerThanSequence: 1 },
      { dialogId: 'c1', fromSeq: 0, newerThanSequence: 0 },
    ]);
  });

  it('UpdateConversationField: close, back to queue, transfer (legacy userId, removal in the same request)', async () => {
    const h = await started();
    for (const c of ['c1', 'c2', 'c3']) h.conn.notify(T.conv, refConversation({ convId: c }));
    await settle();
    await h.session.closeConversation('c1');
    await h.session.backToQueue('c2');
    await h.session.transferToSkill('c3', '12');
    const removeMe = { field: 'ParticipantsChange', type: 'REMOVE', role: 'ASSIGNED_AGENT', userId: ME.legacyId };
    expect(h.conn.of(T.field).map((r) => r.body)).toStrictEqual([
      { conversationId: 'c1', conversationField: [{ field: 'ConversationStateField', conversationState: 'CLOSE' }] },
      { conversationId: 'c2', conversationField: [removeMe] },
      { conversationId: 'c3', conversationField: [{ field: 'Skill', type: 'UPDATE', skill: '12' }, removeMe] },
    ]);
  });

  it('GetUserProfile for a consumer: the body is the bare consumerId string; an array response is read too', async () => {
    const h = await started();
    h.conn.handler = (req) => {
      if (req.type !== '.ams.userprofile.GetUserProfile') return undefined;
      req.resolve([{ firstName: 'Ann', lastName: 'Lee', privateData: { mobileNum: 1, email: 'a@x' } }]);
      return 'hold';
    };
    expect(await h.session.getConsumerProfile('d51c')).toEqual({ consumerId: 'd51c', firstName: 'Ann', lastName: 'Lee', email: 'a@x', phone: '1' });
    expect(h.conn.of('.ams.userprofile.GetUserProfile').map((r) => r.body)).toStrictEqual(['d51c']);
  });
});

describe('§7/§11/§13 tolerant reading', () => {
  it('the reference conversation: mine by legacy id, unread for me, PIDs paired', async () => {
    const h = await withReferenceConversation();
    const [c] = h.session.snapshot().conversations;
    expect(c).toMatchObject({ conversationId: 'c1', mine: true, unread: 2, skillId: '125', consumerId: 'cons1', state: 'OPEN' });
    expect(c?.participants).toContainEqual({ id: ME.legacyId, role: 'ASSIGNED_AGENT', pid: ME.pid, state: 'ACTIVE' });
  });

  it('partial participantsPId (roles missing, lists shorter) and dialogs without participantsDetails', async () => {
    const h = await started();
    h.conn.notify(T.conv, refConversation({
      participants: { CONSUMER: ['cons1'], ASSIGNED_AGENT: [ME.legacyId], MANAGER: ['123.5', '123.6'] },
      pids: { MANAGER: ['pid-5'] },
      dialogs: [{ dialogId: 'c1', dialogType: 'MAIN', state: 'OPEN' }, { dialogId: 'survey-1', dialogType: 'POST_SURVEY', state: 'OPEN' }],
    }));
    await settle();
    const [c] = h.session.snapshot().conversations;
    expect(c?.mine).toBe(true);
    expect(c?.participants).toEqual([
      { id: 'cons1', role: 'CONSUMER' },
      { id: ME.legacyId, role: 'ASSIGNED_AGENT' },
      { id: '123.5', role: 'MANAGER' },
      { id: '123.6', role: 'MANAGER' },
    ]);
    // Events of the second dialog belong to the conversation.
    h.conn.notify(T.msg, refEvent({ sequence: 0, dialogId: 'survey-1', event: { type: 'ContentEvent', contentType: 'text/plain', message: 'survey answer' } }));
    expect(h.session.snapshot().messages.c1?.map((m) => m.text)).toContain('survey answer');
  });

  it('bare objects for arrays: changes, dialogs, participant ids, ringsDetails, sequenceList, a QueryMessages body', async () => {
    const h = await started();
    h.conn.handler = (req) => {
      if (req.type !== T.query) return undefined;
      req.resolve(refEvent({ sequence: 0, event: { type: 'ContentEvent', contentType: 'text/plain', message: 'only one' } }));
      return 'hold';
    };
    const conv = refConversation({ bare: true, participants: { CONSUMER: 'cons1', ASSIGNED_AGENT: ME.legacyId } }) as { changes: { result: { conversationDetails: { dialogs: unknown } } } };
    conv.changes.result.conversationDetails.dialogs = { dialogId: 'c1', dialogType: 'MAIN', state: 'OPEN', participantsDetails: { id: ME.legacyId, role: 'ASSIGNED_AGENT', state: 'ACTIVE' } };
    h.conn.notify(T.conv, conv);
    await settle();
    expect(h.session.snapshot().conversations[0]).toMatchObject({ conversationId: 'c1', mine: true, consumerId: 'cons1' });
    expect(h.session.snapshot().messages.c1?.map((m) => m.text)).toEqual(['only one']);
    h.conn.notify(T.routing, { subscriptionId: 's', changes: { type: 'UPSERT', result: { routingTaskId: 't9', conversationId: 'c9', consumerId: 'cons9',
      ringsDetails: { ringId: 'c9_123_1', ringState: 'WAITING', ringExpiration: 72000, convId: 'c9' } } } });
    expect(h.of('ring/offered').map((r) => r.ringId)).toEqual(['c9_123_1']);
    h.conn.handler = undefined;
    const own = h.session.sendText('c1', 'mine');
    await settle();
    const seq = h.session.snapshot().messages.c1?.find((m) => m.localId === own.localId)?.sequence;
    expect(seq).toBeDefined();
    h.conn.notify(T.msg, refEvent({ event: { type: 'AcceptStatusEvent', status: 'READ', sequenceList: seq } }));
    expect(h.of('receipt').at(-1)).toEqual({ conversationId: 'c1', sequences: [seq], status: 'READ' });
    expect(h.session.snapshot().messages.c1?.find((m) => m.localId === own.localId)?.delivery).toBe('read');
  });

  it('sequence 0 is a real message; a chat-state event (no sequence) is typing, not a message', async () => {
    const h = await withReferenceConversation();
    h.conn.notify(T.msg, refEvent({ sequence: 0, event: { type: 'ContentEvent', contentType: 'text/plain', message: 'first' } }));
    h.conn.notify(T.msg, refEvent({ sequence: 0, event: { type: 'ContentEvent', contentType: 'text/plain', message: 'first' } })); // duplicate
    h.conn.notify(T.msg, refEvent({ event: { type: 'ChatStateEvent', chatState: 'COMPOSING' } }));
    expect(h.session.snapshot().messages.c1).toMatchObject([{ sequence: 0, text: 'first', role: 'CONSUMER', own: false }]);
    expect(h.of('message')).toHaveLength(1);
    expect(h.of('typing')).toEqual([{ conversationId: 'c1', participantId: 'cons1', role: 'CONSUMER', state: 'COMPOSING' }]);
  });

  it('a malformed messaging event is logged without its content and ignored; the next one is taken in', async () => {
    const h = await withReferenceConversation();
    h.conn.notify(T.msg, { ...refEvent({ sequence: 3, event: {} }), event: 'secret consumer text' });
    h.conn.notify(T.msg, refEvent({ sequence: 4, event: { type: 'ContentEvent', contentType: 'text/plain', message: 'after' } }));
    expect(h.of('message').map((m) => m.text)).toEqual(['after']);
    expect(h.logs.filter((l) => l.startsWith('warn Ignored a malformed OnlineEventDistribution notification'))).toHaveLength(1);
    expect(h.logs.join('\n')).not.toContain('secret consumer text');
  });

  it("another agent's message (§7 example: originatorId '123.4567', ASSIGNED_AGENT) is an agent line, not own", async () => {
    const h = await withReferenceConversation();
    h.conn.notify(T.msg, refEvent({ sequence: 2, originatorId: '123.4567', role: 'ASSIGNED_AGENT', event: { type: 'ContentEvent', message: 'hi', contentType: 'text/plain' } }));
    expect(h.of('message').at(-1)).toMatchObject({ sequence: 2, role: 'AGENT', own: false, text: 'hi', originatorId: '123.4567', timestamp: 1470732437925 });
  });

  it('the conversations snapshot may arrive before the SubscribeExConversations response (§13)', async () => {
    const h = await started();
    h.conn.notify(T.conv, refConversation());
    await settle();
    h.clock.advance(1_000);
    // Reconnect: hold the subscribe, deliver the snapshot first, then answer.
    h.conn.handler = (req) => (req.type === T.subConv ? 'hold' : undefined);
    h.conn.drop();
    h.conn.goOnline(true);
    await settle();
    h.conn.notify(T.conv, refConversation());
    h.conn.of(T.subConv).at(-1)?.resolve({ subscriptionId: 'sub-late' });
    await settle();
    h.clock.advance(1_000);
    expect(h.of('conversation/removed')).toEqual([]);
    expect(h.session.snapshot().conversations.map((c) => c.conversationId)).toEqual(['c1']);
  });

  it('one malformed change does not hide the good ones of the same notification', async () => {
    const h = await started();
    const good = (refConversation({ convId: 'c7' }).changes as unknown[])[0];
    h.conn.notify(T.conv, { subscriptionId: 's', changes: [{ type: 'UPSERT', result: { conversationDetails: { participants: {}, dialogs: [{ noDialogId: true }] } } }, good] });
    h.conn.notify(T.routing, { subscriptionId: 's', changes: [{ type: 'UPSERT' }, { type: 'UPSERT', result: { routingTaskId: 't3', conversationId: 'c3',
      ringsDetails: [{ ringId: 'c3_123_1', ringState: 'WAITING', ringExpiration: 72000, convId: 'c3' }] } }] });
    await settle();
    expect(h.session.snapshot().conversations.map((c) => c.conversationId)).toEqual(['c7']);
    expect(h.of('ring/offered').map((r) => r.ringId)).toEqual(['c3_123_1']);
    expect(h.logs.filter((l) => l.includes('malformed'))).toHaveLength(2);
    expect(h.logs.join('\n')).not.toContain('noDialogId');
  });

  it('a routing DELETE with an empty ringsDetails (§13) ends the task’s ring with a terminal state, never WAITING', async () => {
    const h = await started();
    const task = { routingTaskId: 't1', conversationId: 'c1', consumerId: 'cons1', skillId: '-1', brandId: ACCOUNT };
    h.conn.notify(T.routing, { subscriptionId: 's', changes: [{ type: 'UPSERT', result: { ...task, ringsDetails: [{ ringId: 'c1_123_1', ringState: 'WAITING', ringExpiration: 72000, convId: 'c1' }] } }] });
    h.conn.notify(T.routing, { subscriptionId: 's', changes: [{ type: 'DELETE', result: { ...task, taskCompleted: true, assignedAgentId: '123.5', ringsDetails: [] } }] });
    expect(h.of('ring/ended').map((e) => [e.reason, e.ring.state])).toEqual([['taken-elsewhere', 'CANCELLED']]);
    // The same ring re-sent after a resubscribe is not offered again.
    h.conn.notify(T.routing, { subscriptionId: 's', changes: [{ type: 'UPSERT', result: { ...task, ringsDetails: [{ ringId: 'c1_123_1', ringState: 'WAITING', convId: 'c1' }] } }] });
    expect(h.of('ring/offered')).toHaveLength(1);
  });
});

describe('diagnostics', () => {
  class DiagnosableFake extends FakeConnection {
    override domains = { agentVep: 'va.agentvep.liveperson.net', facadeMsg: 'va.facade.liveperson.net' };
    socketUrl: string | undefined = 'wss://va.facade.liveperson.net/ws_api/account/123/messaging/brand/[REDACTED]?v=2.1';
  }

  it('domains, the redacted socket URL, the state as reported, reconnects and the last error', async () => {
    const conn = new DiagnosableFake();
    const h = await started(conn);
    expect(h.session.diagnostics()).toStrictEqual({
      domains: { agentVep: 'va.agentvep.liveperson.net', facadeMsg: 'va.facade.liveperson.net' },
      socketUrl: 'wss://va.facade.liveperson.net/ws_api/account/123/messaging/brand/[REDACTED]?v=2.1',
      connection: h.session.snapshot().connection,
      reconnects: 0,
    });
    conn.drop();
    conn.socketUrl = undefined;
    expect(h.session.diagnostics().connection.phase).toBe('reconnecting');
    expect(h.session.diagnostics()).not.toHaveProperty('socketUrl');
    conn.goOnline(true);
    await settle();
    expect(h.session.diagnostics()).toMatchObject({ reconnects: 1, connection: { phase: 'online', reconnects: 1 } });
    h.conn.handler = (req) => {
      if (req.type === '.ams.routing.SetAgentState') req.reject(Object.assign(new Error('bearer=abcdef123 refused'), { code: 400, location: 'SetAgentState#WS' }));
      return req.type === '.ams.routing.SetAgentState' ? 'hold' : undefined;
    };
    await h.session.setAvailability('AWAY').catch(() => undefined);
    conn.drop();
    conn.goOnline(true);
    await settle();
    const d = h.session.diagnostics();
    expect(d.lastError).toContain('SetAgentState#WS 400');
    expect(JSON.stringify(d)).not.toContain('abcdef123');
    expect(h.of('error').at(-1)?.message).not.toContain('abcdef123');
    // A copy: changing it changes nothing in the session.
    d.domains.agentVep = 'x';
    expect(h.session.diagnostics().domains.agentVep).toBe('va.agentvep.liveperson.net');
  });

  it('a connection without socketUrl (the AgentConnection seam alone) still gives diagnostics', async () => {
    const h = await started();
    expect(h.session.diagnostics()).toStrictEqual({ domains: {}, connection: h.session.snapshot().connection, reconnects: 0 });
  });
});
