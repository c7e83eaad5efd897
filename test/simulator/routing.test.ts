import { describe, expect, it } from 'vitest';
import { createManualClock, type DemoAgentSeed, startSimulator } from '../../src-main/simulator';
import { EVENT, type EventBody, EXCONV, type ExConvBody, login, onlineAgent, RawClient, ROUTING, type RoutingBody, waitEvent, waitExConv, waitRing, wsUrl } from './helpers';

describe('routing flow', () => {
  it('consumer → ring → accept → ExConversation upsert → messages from sequence 0 → typing → close', async () => {
    const sim = await startSimulator();
    try {
      const { client: c, legacyId } = await onlineAgent(sim, 'agent1');
      const subResp = c.frames.find((f) => f.kind === 'resp' && f.type === '.ams.GenericSubscribe$Response');
      expect(subResp?.body).toMatchObject({ subscriptionId: expect.any(String) as string });
      // immediate empty routing notification after the subscription
      expect(c.notifications<RoutingBody>(ROUTING)[0]?.changes).toEqual([]);
      expect(c.notifications<ExConvBody>(EXCONV)[0]?.changes).toEqual([]);

      const consumer = await sim.consumers.open({ skillId: '13', text: 'Hello there', firstName: 'Ann', lastName: 'Lee' });
      const ring = await waitRing(c, (r) => r.ringState === 'WAITING');
      expect(ring.ringId).toMatch(new RegExp(`^${consumer.conversationId}_${sim.accountId}_\\d+$`));
      expect(ring).toMatchObject({ convId: consumer.conversationId, consumerId: consumer.consumerId, skillId: '13', brandId: sim.accountId, ringExpiration: 72000 });
      expect(ring.ringExpirationTs - Number(ring.ringId.split('_').pop())).toBe(72000);
      const offered = c.notifications<RoutingBody>(ROUTING).find((b) => b.changes.length > 0);
      expect(offered?.changes[0]).toMatchObject({ type: 'UPSERT', result: { conversationId: consumer.conversationId, taskCompleted: false } });

      const acc = await c.request('.ams.routing.UpdateRingState', { ringId: ring.ringId, ringState: 'ACCEPTED' });
      expect(acc).toMatchObject({ code: 202, type: '.ReqBody$StringResp', body: 'Ring state updated successfully' });
      await waitRing(c, (r) => r.ringId === ring.ringId && r.ringState === 'ACCEPTED');
      const accepted = c.notifications<RoutingBody>(ROUTING).flatMap((b) => b.changes).find((ch) => ch.result.ringsDetails[0]?.ringState === 'ACCEPTED');
      expect(accepted?.result).toMatchObject({ taskCompleted: true, assignedAgentId: legacyId });
      const del = c.notifications<RoutingBody>(ROUTING).flatMap((b) => b.changes).find((ch) => ch.type === 'DELETE');
      expect(del?.result.ringsDetails).toBeInstanceOf(Array); // DELETE carries ringsDetails too (§13)

      const up = await waitExConv(c, (ch) => ch.type === 'UPSERT' && ch.result.convId === consumer.conversationId);
      const d = up.result.conversationDetails;
      expect(d.participants.ASSIGNED_AGENT).toEqual([legacyId]);
      expect(d.participants.CONSUMER).toEqual([consumer.consumerId]);
      expect(d.participantsPId.ASSIGNED_AGENT).toEqual([sim.agents[0]?.pid]);
      expect(d.dialogs[0]?.participantsDetails).toEqual(expect.arrayContaining([{ id: legacyId, role: 'ASSIGNED_AGENT', state: 'ACTIVE' }]));
      expect(d).toMatchObject({ state: 'OPEN', stage: 'OPEN', skillId: '13', brandId: sim.accountId });
      expect(typeof d.startTs).toBe('number');
      expect(typeof up.result.numberOfunreadMessages).toBe('object');

      const hist = await c.request('.ams.ms.QueryMessages', { dialogId: consumer.conversationId, fromSeq: 0, newerThanSequence: 0 });
      expect(hist.type).toBe('.ams.ms.QueryMessages$Response');
      const events = hist.body as EventBody[];
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ sequence: 0, originatorId: consumer.consumerId, event: { type: 'ContentEvent', message: 'Hello there', contentType: 'text/plain' } });

      const mark = c.frames.length;
      const pub = await c.request('.ams.ms.PublishEvent', { dialogId: consumer.conversationId, event: { type: 'ContentEvent', contentType: 'text/plain', message: 'Hi Ann!' } });
      expect(pub).toMatchObject({ code: 200, body: { sequence: 1 } });
      const echo = await waitEvent(c, (e) => e.sequence === 1, 4000, mark);
      expect(echo).toMatchObject({ originatorId: legacyId, originatorMetadata: { id: sim.agents[0]?.pid, role: 'ASSIGNED_AGENT' }, dialogId: consumer.conversationId });
      expect(typeof echo.serverTimestamp).toBe('number');
      expect((await consumer.nextAgentMessage()).event.message).toBe('Hi Ann!');

      consumer.typing('COMPOSING');
      const typing = await waitEvent(c, (e) => e.event.type === 'ChatStateEvent');
      expect(typing.event.chatState).toBe('COMPOSING');
      expect('sequence' in typing).toBe(false);
      expect('serverTimestamp' in typing).toBe(false);
      const sendMark = c.frames.length;
      expect(await consumer.send('Thanks')).toBe(2);
      const withLast = await waitExConv(c, (ch) => ch.result.lastContentEventNotification !== undefined, 4000, sendMark);
      expect(withLast.result.lastContentEventNotification).toMatchObject({ sequence: 2, event: { message: 'Thanks' } });
      expect(withLast.result.numberOfunreadMessages[legacyId]).toBe(1);
      expect((await waitEvent(c, (e) => e.sequence === 2)).originatorMetadata.role).toBe('CONSUMER');
      const myTyping = await c.request('.ams.ms.PublishEvent', { dialogId: consumer.conversationId, event: { type: 'ChatStateEvent', chatState: 'COMPOSING' } });
      expect(myTyping.body).toEqual({ sequence: 0 });
      consumer.read([1]);
      expect((await waitEvent(c, (e) => e.event.type === 'AcceptStatusEvent')).event).toMatchObject({ status: 'READ', sequenceList: [1] });

      await c.request('.ams.aam.SubscribeExConversations', { convState: ['OPEN', 'CLOSE'], agentIds: [legacyId] });
      const closeMark = c.frames.length;
      const closed = await c.request('.ams.cm.UpdateConversationField', { conversationId: consumer.conversationId, conversationField: [{ field: 'ConversationStateField', conversationState: 'CLOSE' }] });
      expect(closed.code).toBe(200);
      expect((await waitExConv(c, (ch) => ch.type === 'DELETE', 4000, closeMark)).result.convId).toBe(consumer.conversationId);
      const closedUp = await waitExConv(c, (ch) => ch.type === 'UPSERT' && ch.result.conversationDetails.state === 'CLOSE', 4000, closeMark);
      expect(closedUp.result.conversationDetails.closeReason).toBe('AGENT');
      expect(typeof closedUp.result.conversationDetails.endTs).toBe('number');
      expect(sim.inspect.conversation(consumer.conversationId)?.state).toBe('CLOSE');
      expect(consumer.messages().map((m) => m.sequence)).toEqual([0, 1, 2, 3]);
      expect(c.frames.filter((f) => f.type === EVENT).length).toBeGreaterThanOrEqual(5);
    } finally { await sim.close(); }
  });

  it('rings only ONLINE agents subscribed to routing', async () => {
    const sim = await startSimulator();
    try {
      const { client: c1 } = await onlineAgent(sim, 'agent1');
      const { client: c2 } = await onlineAgent(sim, 'agent2');
      await c2.request('.ams.routing.SetAgentState', { availability: 'AWAY', channels: ['MESSAGING'] });
      const consumer = await sim.consumers.open({ skillId: '11' });
      await waitRing(c1, (r) => r.convId === consumer.conversationId);
      const view = sim.inspect.conversation(consumer.conversationId);
      expect(view?.rings.map((r) => r.agentUserId)).toEqual([`${sim.accountId}.1000001`]);
      // agent2 comes back ONLINE: the waiting conversation is offered to it as well
      await c2.request('.ams.routing.SetAgentState', { availability: 'ONLINE', channels: ['MESSAGING'] });
      const r2 = await waitRing(c2, (r) => r.convId === consumer.conversationId && r.ringState === 'WAITING');
      // agent1 accepts: agent2's ring is cancelled
      const r1 = sim.inspect.conversation(consumer.conversationId)?.rings.find((r) => r.agentUserId.endsWith('.1000001'));
      await c1.request('.ams.routing.UpdateRingState', { ringId: r1?.ringId, ringState: 'ACCEPTED' });
      await waitRing(c2, (r) => r.ringId === r2.ringId && r.ringState === 'CANCELLED');
      expect((await c2.request('.ams.routing.UpdateRingState', { ringId: r2.ringId, ringState: 'ACCEPTED' })).code).toBe(400);
    } finally { await sim.close(); }
  });

  it('expires a ring after ringExpirationMs and rings again after reRingDelayMs', async () => {
    const clock = createManualClock();
    const sim = await startSimulator({ clock, ringExpirationMs: 10_000, reRingDelayMs: 2000 });
    try {
      const { client: c } = await onlineAgent(sim);
      const consumer = await sim.consumers.open();
      const first = await waitRing(c, (r) => r.ringState === 'WAITING');
      expect(first.ringExpiration).toBe(10_000);
      clock.advance(9999);
      expect(sim.inspect.conversation(consumer.conversationId)?.rings[0]?.ringState).toBe('WAITING');
      clock.advance(1);
      await waitRing(c, (r) => r.ringId === first.ringId && r.ringState === 'EXPIRED');
      clock.advance(1000);
      expect(sim.inspect.conversation(consumer.conversationId)?.rings).toHaveLength(1);
      clock.advance(1000);
      const again = await waitRing(c, (r) => r.ringState === 'WAITING' && r.ringId !== first.ringId);
      expect(again.convId).toBe(consumer.conversationId);
    } finally { await sim.close(); }
  });

  it('re-rings after a REJECTED ring', async () => {
    const clock = createManualClock();
    const sim = await startSimulator({ clock, reRingDelayMs: 3000 });
    try {
      const { client: c } = await onlineAgent(sim);
      await sim.consumers.open();
      const ring = await waitRing(c, (r) => r.ringState === 'WAITING');
      const rej = await c.request('.ams.routing.UpdateRingState', { ringId: ring.ringId, ringState: 'REJECTED' });
      expect(rej.code).toBe(202);
      await waitRing(c, (r) => r.ringId === ring.ringId && r.ringState === 'REJECTED');
      clock.advance(3000);
      await waitRing(c, (r) => r.ringState === 'WAITING' && r.ringId !== ring.ringId);
      expect((await c.request('.ams.routing.UpdateRingState', { ringId: 'nope', ringState: 'ACCEPTED' })).code).toBe(400);
    } finally { await sim.close(); }
  });

  it('back to queue: REMOVE ASSIGNED_AGENT drops the conversation from the agent and rings online agents again', async () => {
    const sim = await startSimulator();
    try {
      const a1 = await onlineAgent(sim, 'agent1');
      const consumer = await sim.consumers.open();
      const ring = await waitRing(a1.client, (r) => r.ringState === 'WAITING');
      await a1.client.request('.ams.routing.UpdateRingState', { ringId: ring.ringId, ringState: 'ACCEPTED' });
      await waitExConv(a1.client, (ch) => ch.type === 'UPSERT' && ch.result.convId === consumer.conversationId);
      const a2 = await onlineAgent(sim, 'agent2');
      expect(a2.client.notifications<RoutingBody>(ROUTING).flatMap((b) => b.changes)).toEqual([]);
      const res = await a1.client.request('.ams.cm.UpdateConversationField', {
        conversationId: consumer.conversationId,
        conversationField: { field: 'ParticipantsChange', type: 'REMOVE', role: 'ASSIGNED_AGENT', userId: a1.legacyId },
      });
      expect(res.code).toBe(200);
      await waitExConv(a1.client, (ch) => ch.type === 'DELETE' && ch.result.convId === consumer.conversationId);
      const again = await waitRing(a2.client, (r) => r.convId === consumer.conversationId && r.ringState === 'WAITING');
      expect(again.ringId).not.toBe(ring.ringId);
      expect(sim.inspect.conversation(consumer.conversationId)?.participants.ASSIGNED_AGENT).toEqual([]);
      // removing an assigned agent that is not there fails
      const again2 = await a1.client.request('.ams.cm.UpdateConversationField', {
        conversationId: consumer.conversationId,
        conversationField: [{ field: 'ParticipantsChange', type: 'REMOVE', role: 'ASSIGNED_AGENT', userId: a1.legacyId }],
      });
      expect(again2.code).toBe(400);
    } finally { await sim.close(); }
  });

  it('transfer to skill: Skill UPDATE needs REMOVE ASSIGNED_AGENT in the same request, then agents of the new skill are rung', async () => {
    const agents: DemoAgentSeed[] = [
      { username: 'billing', password: 'pw1', userId: '501', skills: ['11'] },
      { username: 'tech', password: 'pw2', userId: '502', skills: ['14'] },
    ];
    const sim = await startSimulator({ agents });
    try {
      const b = await onlineAgent(sim, 'billing');
      const t = await onlineAgent(sim, 'tech');
      const consumer = await sim.consumers.open({ skillId: '11' });
      const ring = await waitRing(b.client, (r) => r.ringState === 'WAITING');
      expect(sim.inspect.conversation(consumer.conversationId)?.rings).toHaveLength(1);
      await b.client.request('.ams.routing.UpdateRingState', { ringId: ring.ringId, ringState: 'ACCEPTED' });
      await waitExConv(b.client, (ch) => ch.type === 'UPSERT' && ch.result.convId === consumer.conversationId);
      const alone = await b.client.request('.ams.cm.UpdateConversationField', { conversationId: consumer.conversationId, conversationField: [{ field: 'Skill', type: 'UPDATE', skill: '14' }] });
      expect(alone.code).toBe(400);
      expect(sim.inspect.conversation(consumer.conversationId)?.skillId).toBe('11');
      const ok = await b.client.request('.ams.cm.UpdateConversationField', {
        conversationId: consumer.conversationId,
        conversationField: [
          { field: 'ParticipantsChange', type: 'REMOVE', role: 'ASSIGNED_AGENT', userId: b.legacyId },
          { field: 'Skill', type: 'UPDATE', skill: '14' },
        ],
      });
      expect(ok.code).toBe(200);
      const tr = await waitRing(t.client, (r) => r.convId === consumer.conversationId && r.ringState === 'WAITING');
      expect(tr.skillId).toBe('14');
      expect(sim.inspect.conversation(consumer.conversationId)?.rings.filter((r) => r.ringState === 'WAITING').map((r) => r.agentUserId)).toEqual([t.legacyId]);
    } finally { await sim.close(); }
  });

  it('re-sends a WAITING ring (same ringId) when the agent subscribes again on a new socket', async () => {
    const sim = await startSimulator();
    try {
      const first = await onlineAgent(sim, 'agent1');
      await sim.consumers.open();
      const ring = await waitRing(first.client, (r) => r.ringState === 'WAITING');
      const second = await onlineAgent(sim, 'agent1'); // evicts the first socket
      const again = await waitRing(second.client, (r) => r.ringState === 'WAITING');
      expect(again.ringId).toBe(ring.ringId);
    } finally { await sim.close(); }
  });

  it('an ONLINE agent without a routing subscription gets no ring; availability is per socket', async () => {
    const sim = await startSimulator();
    try {
      const r = await login(sim, 'agent2', 'agent2-password');
      const c = await RawClient.connect(wsUrl(sim, r.bearer));
      await c.request('.ams.routing.SetAgentState', { availability: 'ONLINE', channels: ['MESSAGING'], agentUserId: `${sim.accountId}.1000002` });
      const a1 = await onlineAgent(sim, 'agent1');
      const consumer = await sim.consumers.open();
      await waitRing(a1.client, (x) => x.convId === consumer.conversationId);
      expect(c.frames.filter((f) => f.type === ROUTING)).toEqual([]);
      expect(sim.inspect.conversation(consumer.conversationId)?.rings.map((x) => x.agentUserId)).toEqual([a1.legacyId]);
      const closed = sim.waitFor('socketClose', (e) => e.username === 'agent2');
      c.close();
      expect((await closed).code).toBe(1005); // the client closed without a status code
      expect(sim.inspect.agentState('agent2')).toBe('OFFLINE');
    } finally { await sim.close(); }
  });

  it('transfer to agent: REMOVE ASSIGNED_AGENT + SUGGEST rings only the suggested agent, who sees a SUGGESTED participant', async () => {
    const sim = await startSimulator();
    try {
      const a1 = await onlineAgent(sim, 'agent1');
      const consumer = await sim.consumers.open({ skillId: '12' });
      const ring = await waitRing(a1.client, (x) => x.ringState === 'WAITING');
      await a1.client.request('.ams.routing.UpdateRingState', { ringId: ring.ringId, ringState: 'ACCEPTED' });
      await waitExConv(a1.client, (ch) => ch.result.conversationDetails.participants.ASSIGNED_AGENT?.length === 1);
      const a2 = await onlineAgent(sim, 'agent2');
      const res = await a1.client.request('.ams.cm.UpdateConversationField', {
        conversationId: consumer.conversationId,
        conversationField: [
          { field: 'ParticipantsChange', type: 'REMOVE', role: 'ASSIGNED_AGENT', userId: a1.legacyId },
          { field: 'ParticipantsChange', type: 'SUGGEST', role: 'ASSIGNED_AGENT', userId: a2.legacyId },
          { field: 'Skill', type: 'UPDATE', skill: '12' },
        ],
      });
      expect(res.code).toBe(200);
      const r2 = await waitRing(a2.client, (x) => x.convId === consumer.conversationId && x.ringState === 'WAITING');
      const up = await waitExConv(a2.client, (ch) => ch.result.convId === consumer.conversationId);
      expect(up.result.conversationDetails.dialogs[0]?.participantsDetails).toContainEqual({ id: a2.legacyId, role: 'ASSIGNED_AGENT', state: 'SUGGESTED' });
      expect(up.result.conversationDetails.participantsPId.ASSIGNED_AGENT ?? []).toEqual([]);
      expect(sim.inspect.conversation(consumer.conversationId)?.rings.filter((x) => x.ringState === 'WAITING').map((x) => x.agentUserId)).toEqual([a2.legacyId]);
      await a2.client.request('.ams.routing.UpdateRingState', { ringId: r2.ringId, ringState: 'ACCEPTED' });
      await waitExConv(a2.client, (ch) => ch.result.conversationDetails.participants.ASSIGNED_AGENT?.[0] === a2.legacyId);
    } finally { await sim.close(); }
  });
});
