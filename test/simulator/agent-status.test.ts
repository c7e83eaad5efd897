/**
 * The simulator's agent status list (agent-status.ts, lp-protocol.md §9 msgHist agent-view/status) and
 * a transfer to one agent on the wire (§6 SUGGEST): only the suggested agent is rung. Frames by hand.
 */
import { describe, expect, it } from 'vitest';
import { startSimulator } from '../../src-main/simulator';
import { login, onlineAgent, postJson, waitRing } from './helpers';

const agents = [
  { username: 'ann', password: 'ann-pw', userId: '11' },
  { username: 'bob', password: 'bob-pw', userId: '12', skills: ['21'] },
  { username: 'cat', password: 'cat-pw', userId: '13', skills: ['22'] },
];
const skills = [{ id: '21', name: 'Billing' }, { id: '22', name: 'Tech' }];

interface Records { agentStatusRecords: Array<{ agentId: string; agentLoginName: string; currentStatus: string; skillIds: string[] }> }

describe('agent status (agent-view/status)', () => {
  it('lists agents of a skill with their current availability; 401 without a bearer; 400 for a non-object body', async () => {
    const sim = await startSimulator({ accountId: '55', agents, skills });
    try {
      const url = `${sim.baseUrl}/messaging_history/api/account/55/agent-view/status`;
      expect((await postJson(url, { skillIds: ['21'] })).status).toBe(401);
      const { client } = await onlineAgent(sim, 'bob');
      const auth = await login(sim, 'ann', 'ann-pw');
      const headers = { Authorization: `Bearer ${auth.bearer}` };
      const billing = await postJson(url, { skillIds: ['21'] }, headers);
      expect(billing.status).toBe(200);
      expect((JSON.parse(billing.text) as Records).agentStatusRecords.map((r) => [r.agentId, r.agentLoginName, r.currentStatus, r.skillIds])).toEqual([
        ['11', 'ann', 'OFFLINE', ['21', '22']],
        ['12', 'bob', 'ONLINE', ['21']],
      ]);
      const byId = JSON.parse((await postJson(url, { agentIds: ['55.13'] }, headers)).text) as Records;
      expect(byId.agentStatusRecords.map((r) => r.agentLoginName)).toEqual(['cat']);
      const all = JSON.parse((await postJson(url, '', headers)).text) as Records;
      expect(all.agentStatusRecords).toHaveLength(3);
      expect((await postJson(url, '[1]', headers)).status).toBe(400);
      expect((await fetch(url, { headers })).status).toBe(405);
      client.close();
    } finally { await sim.close(); }
  });

  it('a transfer that SUGGESTs one agent rings that agent only, on the new skill', async () => {
    const sim = await startSimulator({ accountId: '55', agents, skills, reRingDelayMs: 50 });
    try {
      const ann = await onlineAgent(sim, 'ann');
      const bob = await onlineAgent(sim, 'bob');
      const consumer = await sim.consumers.open({ skillId: '22', text: 'hello' });
      const ring = await waitRing(ann.client, (r) => r.convId === consumer.conversationId && r.ringState === 'WAITING');
      expect((await ann.client.request('.ams.routing.UpdateRingState', { ringId: ring.ringId, ringState: 'ACCEPTED' })).code).toBe(202);
      const res = await ann.client.request('.ams.cm.UpdateConversationField', { conversationId: consumer.conversationId, conversationField: [
        { field: 'ParticipantsChange', type: 'REMOVE', role: 'ASSIGNED_AGENT', userId: ann.legacyId },
        { field: 'ParticipantsChange', type: 'SUGGEST', userId: bob.legacyId, role: 'ASSIGNED_AGENT' },
        { field: 'Skill', type: 'UPDATE', skill: '21' },
      ] });
      expect(res.code).toBe(200);
      await waitRing(bob.client, (r) => r.convId === consumer.conversationId && r.ringState === 'WAITING');
      const view = sim.inspect.conversation(consumer.conversationId);
      expect(view?.skillId).toBe('21');
      expect(view?.rings.filter((r) => r.ringState === 'WAITING').map((r) => r.agentUserId)).toEqual([bob.legacyId]);
      ann.client.close();
      bob.client.close();
    } finally { await sim.close(); }
  });

  it('colleagues (demo): the other agents are played ONLINE, rung only for a transfer suggested to them, and accept it', async () => {
    const sim = await startSimulator({ accountId: '55', agents, skills, colleagues: { acceptAfterMs: 20 } });
    try {
      const ann = await onlineAgent(sim, 'ann');
      const auth = await login(sim, 'ann', 'ann-pw');
      const status = JSON.parse((await postJson(`${sim.baseUrl}/messaging_history/api/account/55/agent-view/status`, {}, { Authorization: `Bearer ${auth.bearer}` })).text) as Records;
      expect(status.agentStatusRecords.map((r) => [r.agentLoginName, r.currentStatus])).toEqual([['ann', 'ONLINE'], ['bob', 'ONLINE'], ['cat', 'ONLINE']]);
      const consumer = await sim.consumers.open({ skillId: '21', text: 'hello' });
      const ring = await waitRing(ann.client, (r) => r.convId === consumer.conversationId && r.ringState === 'WAITING');
      // bob has skill 21 and is ONLINE, but a played colleague is not rung for a new conversation
      expect(sim.inspect.conversation(consumer.conversationId)?.rings.map((r) => r.agentUserId)).toEqual([ann.legacyId]);
      await ann.client.request('.ams.routing.UpdateRingState', { ringId: ring.ringId, ringState: 'ACCEPTED' });
      const accepted = sim.waitFor('ring', (e) => e.conversationId === consumer.conversationId && e.agentUserId === '55.12' && e.ringState === 'ACCEPTED');
      const res = await ann.client.request('.ams.cm.UpdateConversationField', { conversationId: consumer.conversationId, conversationField: [
        { field: 'ParticipantsChange', type: 'REMOVE', role: 'ASSIGNED_AGENT', userId: ann.legacyId },
        { field: 'ParticipantsChange', type: 'SUGGEST', userId: '55.12', role: 'ASSIGNED_AGENT' },
        { field: 'Skill', type: 'UPDATE', skill: '21' },
      ] });
      expect(res.code).toBe(200);
      await accepted;
      expect(sim.inspect.conversation(consumer.conversationId)?.participants.ASSIGNED_AGENT).toEqual(['55.12']);
      ann.client.close();
    } finally { await sim.close(); }
  });
});
