import { describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src-main/simulator';
import { type EventBody, type ExConvBody, login, onlineAgent, RawClient, waitEvent, waitExConv, waitRing, wsUrl } from './helpers';

/** An assigned conversation with four messages (sequences 0–3), and QueryMessages on it → the sequences answered. */
async function fourMessages(sim: Simulator): Promise<{ a: Awaited<ReturnType<typeof onlineAgent>>; q: (body: Record<string, unknown>) => Promise<number[]> }> {
  const { a, convId } = await assigned(sim);
  const consumer = sim.consumers.get(convId);
  for (const t of ['b', 'c', 'd']) await consumer?.send(t);
  const q = async (body: Record<string, unknown>): Promise<number[]> =>
    ((await a.client.request('.ams.ms.QueryMessages', { dialogId: convId, ...body })).body as EventBody[]).map((e) => e.sequence ?? -1);
  return { a, q };
}

async function assigned(sim: Simulator): Promise<{ a: Awaited<ReturnType<typeof onlineAgent>>; convId: string; consumerId: string }> {
  const a = await onlineAgent(sim, 'agent1');
  const consumer = await sim.consumers.open({ skillId: '12', firstName: 'Ann', lastName: 'Lee', email: 'ann@example.com', phone: '555-1', customerId: 'C-42' });
  const ring = await waitRing(a.client, (r) => r.ringState === 'WAITING');
  await a.client.request('.ams.routing.UpdateRingState', { ringId: ring.ringId, ringState: 'ACCEPTED' });
  await waitExConv(a.client, (ch) => ch.result.convId === consumer.conversationId && ch.result.conversationDetails.participants.ASSIGNED_AGENT?.length === 1);
  return { a, convId: consumer.conversationId, consumerId: consumer.consumerId };
}

describe('requests', () => {
  it('GetUserProfile: own profile, consumer by bare string and by {userId}', async () => {
    const sim = await startSimulator();
    try {
      const { a, consumerId } = await assigned(sim);
      const own = await a.client.request('.ams.userprofile.GetUserProfile', {});
      expect(own).toMatchObject({ code: 200, type: '.ams.userprofile.GetUserProfile$Response', body: { userId: a.legacyId } });
      for (const body of [consumerId, { userId: consumerId }]) {
        const p = await a.client.request('.ams.userprofile.GetUserProfile', body);
        expect(p.code).toBe(200);
        const prof = p.body as { firstName: string; lastName: string; privateData: { mobileNum: string; email: string; userId?: string }; authenticatedData: { lp_sdes: Array<{ type: string; info?: { customerId: string } }> } };
        expect(prof).toMatchObject({ firstName: 'Ann', lastName: 'Lee', privateData: { mobileNum: '555-1', email: 'ann@example.com' } });
        expect(prof.authenticatedData.lp_sdes.find((s) => s.type === 'ctmrinfo')?.info?.customerId).toBe('C-42');
        // privateData.userId is what node-agent-sdk reports as the customerId (§6): the brand's id, one id per profile
        expect(prof.privateData.userId).toBe('C-42');
        expect(JSON.stringify(prof)).not.toContain(consumerId);
      }
      expect((await a.client.request('.ams.userprofile.GetUserProfile', 'nobody')).code).toBe(400);
    } finally { await sim.close(); }
  });

  it('SetAgentState validates availability; SubscribeAgentsState notifies current and later states', async () => {
    const sim = await startSimulator();
    try {
      const r = await login(sim, 'agent1', 'agent1-password');
      const c = await RawClient.connect(wsUrl(sim, r.bearer));
      const legacy = `${sim.accountId}.1000001`;
      expect((await c.request('.ams.routing.SetAgentState', { availability: 'SLEEPING', channels: ['MESSAGING'], agentUserId: legacy })).code).toBe(400);
      const sub = await c.request('.ams.routing.SubscribeAgentsState', { brandId: sim.accountId, agentId: legacy });
      expect(sub.body).toMatchObject({ subscriptionId: expect.any(String) as string });
      const state = (avail: string) => c.waitFrame((f) => f.type === '.ams.routing.AgentStateNotification' && JSON.stringify(f.body).includes(`"availability":"${avail}"`));
      const first = await state('OFFLINE');
      expect(first.body).toMatchObject({ changes: [{ type: 'UPSERT', result: { agentUserId: legacy, channels: ['MESSAGING'], availability: 'OFFLINE' } }] });
      for (const availability of ['ONLINE', 'AWAY', 'BACK_SOON', 'OCCUPIED', 'OFFLINE']) {
        expect((await c.request('.ams.routing.SetAgentState', { availability, channels: ['MESSAGING'], agentUserId: legacy })).code).toBe(202);
        expect(sim.inspect.agentState('agent1')).toBe(availability);
      }
      await state('BACK_SOON');
      expect(sim.inspect.agentState('agent2')).toBe('OFFLINE');
      expect((await c.request('.ams.routing.UpdateRoutingTaskSubscription', {})).code).toBe(200);
    } finally { await sim.close(); }
  });

  it('SubscribeExConversations: snapshot of matching conversations, filters, Unsubscribe', async () => {
    const sim = await startSimulator();
    try {
      const { a, convId } = await assigned(sim);
      await sim.consumers.open({ skillId: '11' }); // unassigned: not in an agentIds-filtered snapshot
      const mark = a.client.frames.length;
      const sub = await a.client.request('.ams.aam.SubscribeExConversations', { convState: ['OPEN'], agentIds: [a.legacyId], minLastUpdatedTime: 0 });
      const subId = (sub.body as { subscriptionId: string }).subscriptionId;
      const snap = await a.client.waitFrame((f) => f.kind === 'notification' && (f.body as { subscriptionId: string }).subscriptionId === subId, 4000, mark);
      const changes = (snap.body as { changes: Array<{ type: string; result: { convId: string } }> }).changes;
      expect(changes.map((ch) => [ch.type, ch.result.convId])).toEqual([['UPSERT', convId]]);
      const all = await a.client.request('.ams.aam.SubscribeExConversations', { convState: ['OPEN'] });
      const allId = (all.body as { subscriptionId: string }).subscriptionId;
      const allSnap = await a.client.waitFrame((f) => f.kind === 'notification' && (f.body as { subscriptionId: string }).subscriptionId === allId);
      expect((allSnap.body as { changes: unknown[] }).changes).toHaveLength(2);
      const closedOnly = await a.client.request('.ams.aam.SubscribeExConversations', { convState: ['CLOSE'], agentIds: [a.legacyId] });
      const closedId = (closedOnly.body as { subscriptionId: string }).subscriptionId;
      const closedSnap = await a.client.waitFrame((f) => f.kind === 'notification' && (f.body as { subscriptionId?: string } | null)?.subscriptionId === closedId);
      expect((closedSnap.body as { changes: unknown[] }).changes).toEqual([]);
      expect((await a.client.request('.ams.aam.UnsubscribeExConversations', { subscriptionId: allId })).code).toBe(200);
      expect((await a.client.request('.ams.aam.UnsubscribeExConversations', { subscriptionId: allId })).code).toBe(400);
      expect(sim.inspect.sockets()[0]?.subscriptions.some((s) => s.includes(allId))).toBe(false);
    } finally { await sim.close(); }
  });

  it('SubscribeExConversations: snapshot UPSERTs carry lastContentEventNotification (the newest content event, as sent live); none without one', async () => {
    const sim = await startSimulator();
    try {
      const { a, convId, consumerId } = await assigned(sim);
      const consumer = sim.consumers.get(convId)!;
      await consumer.send('b');
      const mark = a.client.frames.length;
      const newest = await consumer.send('c');
      const live = await waitEvent(a.client, (e) => e.dialogId === convId && e.sequence === newest, 4000, mark);
      // proactive: assigned to the agent, no content event yet
      const req = await a.client.request('.ams.cm.AgentRequestConversation', { channelType: 'MESSAGING', consumerId, conversationContext: { type: 'ProactiveContext', originConversationId: convId } });
      const silentId = (req.body as { conversationId: string }).conversationId;
      const subMark = a.client.frames.length;
      const sub = await a.client.request('.ams.aam.SubscribeExConversations', { convState: ['OPEN'], agentIds: [a.legacyId], minLastUpdatedTime: 0 });
      const subId = (sub.body as { subscriptionId: string }).subscriptionId;
      const snap = await a.client.waitFrame((f) => f.kind === 'notification' && (f.body as { subscriptionId?: string } | null)?.subscriptionId === subId, 4000, subMark);
      const changes = (snap.body as ExConvBody).changes;
      expect(changes.map((ch) => ch.type)).toEqual(['UPSERT', 'UPSERT']);
      const withContent = changes.find((ch) => ch.result.convId === convId);
      expect(withContent?.result.lastContentEventNotification).toMatchObject({ sequence: newest, event: { type: 'ContentEvent', message: 'c' } });
      expect(withContent?.result.lastContentEventNotification).toEqual(live); // the OnlineEventDistribution body, field for field
      const silent = changes.find((ch) => ch.result.convId === silentId);
      expect(silent).toBeDefined();
      expect(silent && 'lastContentEventNotification' in silent.result).toBe(false);
    } finally { await sim.close(); }
  });

  it('PublishEvent: 400 without message, 400 for a non-participant; AcceptStatusEvent is stored with a sequence', async () => {
    const sim = await startSimulator();
    try {
      const { a, convId } = await assigned(sim);
      const missing = await a.client.request('.ams.ms.PublishEvent', { dialogId: convId, event: { type: 'ContentEvent', contentType: 'text/plain' } });
      expect(missing.code).toBe(400);
      const b = await onlineAgent(sim, 'agent2');
      const notMine = await b.client.request('.ams.ms.PublishEvent', { dialogId: convId, event: { type: 'ContentEvent', contentType: 'text/plain', message: 'hi' } });
      expect(notMine).toMatchObject({ code: 400, body: 'Agent does not exist in conversation' });
      const read = await a.client.request('ms.PublishEvent', { dialogId: convId, event: { type: 'AcceptStatusEvent', status: 'READ', sequenceList: [0] } });
      expect(read.body).toEqual({ sequence: 1 });
      expect(sim.inspect.messages(convId).map((m) => m.event.type)).toEqual(['ContentEvent', 'AcceptStatusEvent']);
    } finally { await sim.close(); }
  });

  it('QueryMessages: newerThanSequence equal to fromSeq is inclusive, otherwise exclusive; maxQuantity', async () => {
    const sim = await startSimulator();
    try {
      const { a, q } = await fourMessages(sim);
      expect(await q({ fromSeq: 0, newerThanSequence: 0 })).toEqual([0, 1, 2, 3]);
      expect(await q({ fromSeq: 2, newerThanSequence: 2 })).toEqual([2, 3]);
      expect(await q({ fromSeq: 0, newerThanSequence: 1 })).toEqual([2, 3]);
      expect(await q({ fromSeq: 0, maxQuantity: 2 })).toEqual([0, 1]);
      expect(await q({ olderThanSequence: 3, maxQuantity: 2 })).toEqual([1, 2]);
      expect((await a.client.request('ms.QueryMessages', { dialogId: 'nope', fromSeq: 0 })).code).toBe(400);
    } finally { await sim.close(); }
  });

  it('QueryMessages with queryMessagesCap: at most that many events, as maxQuantity cuts them; a smaller maxQuantity still wins', async () => {
    const sim = await startSimulator({ queryMessagesCap: 2 });
    try {
      const { q } = await fourMessages(sim);
      expect(await q({ fromSeq: 0, newerThanSequence: 0 })).toEqual([0, 1]);
      expect(await q({ fromSeq: 1, newerThanSequence: 1, maxQuantity: 10 })).toEqual([1, 2]);
      expect(await q({ fromSeq: 0, maxQuantity: 1 })).toEqual([0]);
      expect(await q({ olderThanSequence: 4 })).toEqual([2, 3]);
    } finally { await sim.close(); }
  });

  it('UpdateConversationField: join as MANAGER (single object), TTR, CSAT, DialogChange close; non-participants get 400', async () => {
    const sim = await startSimulator();
    try {
      const { a, convId } = await assigned(sim);
      const b = await onlineAgent(sim, 'agent2');
      const ttrDenied = await b.client.request('cm.UpdateConversationField', { conversationId: convId, conversationField: { field: 'TTRField', ttrType: 'URGENT', value: 60 } });
      expect(ttrDenied).toMatchObject({ code: 400, body: 'Agent does not exist in conversation' });
      const join = await b.client.request('.ams.cm.UpdateConversationField', { conversationId: convId, conversationField: { field: 'ParticipantsChange', type: 'ADD', role: 'MANAGER' } });
      expect(join).toMatchObject({ code: 200, type: '.ReqBody$StringResp', body: 'OK Agent added successfully' });
      expect(sim.inspect.conversation(convId)?.participants.MANAGER).toEqual([b.legacyId]);
      const mark = b.client.frames.length;
      await sim.consumers.get(convId)?.send('manager sees this');
      const seen = await waitEvent(b.client, (e) => e.event.message === 'manager sees this', 4000, mark);
      expect(seen.sequence).toBe(1);
      expect((await a.client.request('cm.UpdateConversationField', { conversationId: convId, conversationField: [{ field: 'TTRField', ttrType: 'URGENT', value: 60 }] })).code).toBe(200);
      expect((await a.client.request('cm.UpdateConversationField', { conversationId: convId, conversationField: [{ field: 'CSATRate', csatRate: 5, csatResolutionConfirmation: true, status: 'FILLED' }] })).code).toBe(200);
      expect((await a.client.request('cm.UpdateConversationField', { conversationId: convId, conversationField: [{ field: 'Bogus' }] })).code).toBe(400);
      const closeDialog = await a.client.request('.ams.cm.UpdateConversationField', { conversationId: convId, conversationField: [{ field: 'DialogChange', type: 'UPDATE', dialog: { dialogId: convId, state: 'CLOSE' } }] });
      expect(closeDialog.code).toBe(200);
      expect(sim.inspect.conversation(convId)).toMatchObject({ state: 'CLOSE', closeReason: 'AGENT' });
      expect((await a.client.request('.ams.ms.PublishEvent', { dialogId: convId, event: { type: 'ContentEvent', contentType: 'text/plain', message: 'late' } })).code).toBe(400);
    } finally { await sim.close(); }
  });

  it('AgentRequestConversation and file URL requests answer with plausible shapes', async () => {
    const sim = await startSimulator();
    try {
      const { a, convId, consumerId } = await assigned(sim);
      const req = await a.client.request('.ams.cm.AgentRequestConversation', { channelType: 'MESSAGING', consumerId, conversationContext: { type: 'ProactiveContext', originConversationId: convId } });
      const newId = (req.body as { conversationId: string }).conversationId;
      expect(typeof newId).toBe('string');
      expect(sim.inspect.conversation(newId)?.participants.ASSIGNED_AGENT).toEqual([a.legacyId]);
      const up = await a.client.request('.ams.ms.GenerateURLForUploadFile', { fileSize: 5020, fileType: 'JPEG' });
      const upBody = up.body as { relativePath: string; queryParams: { temp_url_sig: string; temp_url_expires: string } };
      expect(upBody.relativePath).toMatch(/^\//);
      expect(typeof upBody.queryParams.temp_url_sig).toBe('string');
      expect(typeof upBody.queryParams.temp_url_expires).toBe('string');
      expect((await a.client.request('.ams.ms.GenerateURLForUploadFile', { fileSize: 5020, fileType: 'EXE' })).code).toBe(400);
      // a download URL only once something is stored there (files.test.ts)
      expect((await a.client.request('.ams.ms.GenerateURLForDownloadFile', { relativePath: upBody.relativePath })).code).toBe(400);
    } finally { await sim.close(); }
  });
});
