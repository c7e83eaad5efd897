import { describe, expect, it } from 'vitest';
import { createManualClock, type Simulator, startSimulator } from '../../src-main/simulator';
import { onlineAgent, postJson, waitEvent, waitRing } from './helpers';

/** The token the simulator's HTTP API wants (sim-http.ts), as a header. */
const auth = (sim: Simulator): Record<string, string> => ({ Authorization: `Bearer ${sim.httpApi?.token ?? ''}` });

describe('HTTP consumer API', () => {
  it('opens a conversation, sends, lists messages, types, reads and closes', async () => {
    const sim = await startSimulator({ httpApi: true });
    try {
      const { client: c } = await onlineAgent(sim);
      const base = `${sim.baseUrl}/sim/consumer/conversations`;
      const opened = await postJson(base, { skillId: '14', text: 'My router is blinking', firstName: 'Kim' }, auth(sim));
      expect(opened.status).toBe(201);
      const { conversationId, consumerId } = JSON.parse(opened.text) as { conversationId: string; consumerId: string };
      expect(typeof consumerId).toBe('string');
      const ring = await waitRing(c, (r) => r.convId === conversationId);
      await c.request('.ams.routing.UpdateRingState', { ringId: ring.ringId, ringState: 'ACCEPTED' });
      const sent = await postJson(`${base}/${conversationId}/messages`, { text: 'Are you there?' }, auth(sim));
      expect(JSON.parse(sent.text)).toEqual({ sequence: 1 });
      await waitEvent(c, (e) => e.event.message === 'Are you there?');
      expect((await postJson(`${base}/${conversationId}/typing`, { state: 'COMPOSING' }, auth(sim))).status).toBe(204);
      await waitEvent(c, (e) => e.event.type === 'ChatStateEvent' && e.event.chatState === 'COMPOSING');
      expect((await postJson(`${base}/${conversationId}/read`, { sequences: [0] }, auth(sim))).status).toBe(204);
      const msgs = (await (await fetch(`${base}/${conversationId}/messages`, { headers: auth(sim) })).json()) as Array<{ sequence: number; event: { type: string; message?: string } }>;
      expect(msgs.map((m) => [m.sequence, m.event.type])).toEqual([[0, 'ContentEvent'], [1, 'ContentEvent'], [2, 'AcceptStatusEvent']]);
      const one = (await (await fetch(`${base}/${conversationId}`, { headers: auth(sim) })).json()) as { state: string; skillId: string };
      expect(one).toMatchObject({ state: 'OPEN', skillId: '14' });
      expect((await postJson(`${base}/${conversationId}/messages`, {}, auth(sim))).status).toBe(400);
      expect((await postJson(`${base}/nope/messages`, { text: 'x' }, auth(sim))).status).toBe(404);
      expect((await postJson(base, { skillId: '999' }, auth(sim))).status).toBe(400);
      const closed = await postJson(`${base}/${conversationId}/close`, {}, auth(sim));
      expect(JSON.parse(closed.text)).toEqual({ conversationId, state: 'CLOSE' });
      expect(sim.inspect.conversation(conversationId)?.closeReason).toBe('CONSUMER');
      expect((await postJson(`${base}/${conversationId}/messages`, { text: 'late' }, auth(sim))).status).toBe(409);
      const list = (await (await fetch(base, { headers: auth(sim) })).json()) as unknown[];
      expect(list).toHaveLength(1);
    } finally { await sim.close(); }
  });

  it('a returning consumer (consumerId of an earlier conversation) keeps id and profile; an unknown id is refused', async () => {
    const sim = await startSimulator({ httpApi: true });
    try {
      const { client: c } = await onlineAgent(sim);
      const base = `${sim.baseUrl}/sim/consumer/conversations`;
      const first = JSON.parse((await postJson(base, { text: 'first visit', firstName: 'Kim', lastName: 'Lee', email: 'kim@example.com' }, auth(sim))).text) as { conversationId: string; consumerId: string };
      const again = await postJson(base, { text: 'back again', consumerId: first.consumerId, firstName: 'Ignored' }, auth(sim));
      expect(again.status).toBe(201);
      const second = JSON.parse(again.text) as { conversationId: string; consumerId: string };
      expect(second.consumerId).toBe(first.consumerId);
      expect(second.conversationId).not.toBe(first.conversationId);
      const profile = await c.request('.ams.userprofile.GetUserProfile', first.consumerId);
      expect(profile.body).toMatchObject({ firstName: 'Kim', lastName: 'Lee', privateData: { email: 'kim@example.com' } });
      const unknown = await postJson(base, { text: 'who?', consumerId: 'no-such-consumer' }, auth(sim));
      expect(unknown.status).toBe(400);
      expect(unknown.text).toContain('unknown consumerId');
      await expect(sim.consumers.open({ consumerId: 'no-such-consumer' })).rejects.toThrow(/unknown consumerId/);
    } finally { await sim.close(); }
  });
});

describe('demo consumers', () => {
  it('open conversations on their own, reply to the agent with typing first, and close after a few exchanges', async () => {
    const clock = createManualClock();
    const sim = await startSimulator({ clock, demoConsumers: { everyMs: 1000, maxOpen: 1, replyDelayMs: 400 } });
    try {
      const { client: c } = await onlineAgent(sim);
      clock.advance(1000);
      const ring = await waitRing(c, (r) => r.ringState === 'WAITING');
      clock.advance(5000); // maxOpen 1: no second conversation
      expect(sim.inspect.conversations()).toHaveLength(1);
      await c.request('.ams.routing.UpdateRingState', { ringId: ring.ringId, ringState: 'ACCEPTED' });
      const convId = ring.convId;
      for (let i = 0; i < 6 && sim.inspect.conversation(convId)?.state === 'OPEN'; i++) {
        const mark = c.frames.length;
        const pub = await c.request('.ams.ms.PublishEvent', { dialogId: convId, event: { type: 'ContentEvent', contentType: 'text/plain', message: `question ${i}` } });
        if (pub.code !== 200) break;
        const mySeq = (pub.body as { sequence: number }).sequence;
        clock.advance(100);
        await waitEvent(c, (e) => e.event.type === 'ChatStateEvent' && e.event.chatState === 'COMPOSING', 4000, mark);
        clock.advance(300);
        const reply = await waitEvent(c, (e) => e.originatorMetadata.role === 'CONSUMER' && e.event.type === 'ContentEvent', 4000, mark);
        expect(reply.sequence).toBeGreaterThan(mySeq);
        expect(typeof reply.event.message).toBe('string');
        clock.advance(400);
      }
      expect(sim.inspect.conversation(convId)).toMatchObject({ state: 'CLOSE', closeReason: 'CONSUMER' });
      clock.advance(1000);
      expect(sim.inspect.conversations().filter((v) => v.state === 'OPEN')).toHaveLength(1);
    } finally { await sim.close(); }
  });
});

describe('private messages (messageAudience, lp-protocol.md §6)', () => {
  it('a whisper over HTTP reaches the agent as AGENTS_AND_MANAGERS from a MANAGER; an agent note is stored private; a bad audience is refused', async () => {
    const sim = await startSimulator({ httpApi: true });
    try {
      const { client: c } = await onlineAgent(sim);
      const base = `${sim.baseUrl}/sim/consumer/conversations`;
      const { conversationId } = JSON.parse((await postJson(base, { text: 'hello' }, auth(sim))).text) as { conversationId: string };
      const ring = await waitRing(c, (r) => r.convId === conversationId);
      await c.request('.ams.routing.UpdateRingState', { ringId: ring.ringId, ringState: 'ACCEPTED' });

      const w = await postJson(`${base}/${conversationId}/whisper`, { text: 'Offer 10%' }, auth(sim));
      expect(w.status).toBe(200);
      const whisper = await waitEvent(c, (e) => e.event.message === 'Offer 10%');
      expect(whisper).toMatchObject({ messageAudience: 'AGENTS_AND_MANAGERS', originatorMetadata: { role: 'MANAGER' } });
      expect((await postJson(`${base}/${conversationId}/whisper`, {}, auth(sim))).status).toBe(400);

      const note = await c.request('.ams.ms.PublishEvent', { dialogId: conversationId, event: { type: 'ContentEvent', contentType: 'text/plain', message: 'note to self' }, messageAudience: 'AGENTS_AND_MANAGERS' });
      expect(note.code).toBe(200);
      const echoed = await waitEvent(c, (e) => e.event.message === 'note to self');
      expect(echoed.messageAudience).toBe('AGENTS_AND_MANAGERS');
      const bad = await c.request('.ams.ms.PublishEvent', { dialogId: conversationId, event: { type: 'ContentEvent', message: 'x' }, messageAudience: 'EVERYONE' });
      expect(bad.code).toBe(400);

      // The consumer side never takes a private message for an agent answer.
      const consumer = sim.consumers.get(conversationId)!;
      await c.request('.ams.ms.PublishEvent', { dialogId: conversationId, event: { type: 'ContentEvent', contentType: 'text/plain', message: 'public answer' } });
      expect((await consumer.nextAgentMessage()).event.message).toBe('public answer');
      const history = await c.request('.ams.ms.QueryMessages', { dialogId: conversationId, fromSeq: 0, newerThanSequence: 0 });
      const audiences = (history.body as Array<{ event: { message?: unknown }; messageAudience?: string }>).map((e) => [e.event.message, e.messageAudience ?? 'ALL']);
      expect(audiences).toEqual([['hello', 'ALL'], ['Offer 10%', 'AGENTS_AND_MANAGERS'], ['note to self', 'AGENTS_AND_MANAGERS'], ['public answer', 'ALL']]);
    } finally { await sim.close(); }
  });
});
