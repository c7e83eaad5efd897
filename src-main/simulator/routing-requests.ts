/** Routing-domain requests (lp-protocol.md §6): SetAgentState, SubscribeRoutingTasks, UpdateRingState, SubscribeAgentsState. */
import { newSubscriptionId } from './conversations';
import { type RequestFrame, STRING_RESP, notify, rec, respond, respondError, str } from './frames';
import { ROUTING_NOTIFICATION } from './rings';
import { acceptRing, agentNoLongerRoutable, findRing, rejectRing, resendWaitingRings, routeAll } from './routing';
import { AVAILABILITIES, type AgentRecord, type AgentSocket, type Availability, type SimContext } from './state';

export const SUBSCRIBE_RESP = '.ams.GenericSubscribe$Response';
const AGENT_STATE_NOTIFICATION = '.ams.routing.AgentStateNotification';

function agentStateResult(ctx: SimContext, legacyId: string): Record<string, unknown> {
  const agent = ctx.agents.find((a) => a.legacyId === legacyId);
  const availability = agent ? ctx.agentStates.get(agent.username) ?? 'OFFLINE' : 'OFFLINE';
  return { agentUserId: legacyId, channels: ['MESSAGING'], availability, description: '' };
}

export function setAgentState(ctx: SimContext, sock: AgentSocket, req: RequestFrame): void {
  const body = rec(req.body);
  const availability = str(body.availability);
  if (!availability || !AVAILABILITIES.includes(availability as Availability)) {
    respondError(ctx, sock, req, 400, `Invalid availability: ${String(availability)}`);
    return;
  }
  const target = str(body.agentUserId);
  if (target && target !== sock.agent.legacyId && target !== sock.agent.pid && target !== sock.agent.userId) {
    respondError(ctx, sock, req, 403, 'Cannot set the state of another agent');
    return;
  }
  respond(ctx, sock, req, 202, STRING_RESP, 'Agent state updated successfully');
  changeAgentState(ctx, sock.agent, availability as Availability);
}

/**
 * Sets an agent's availability, tells AgentState subscribers, and re-evaluates routing. Leaving ONLINE
 * cancels the agent's WAITING rings unless `keepRings` (a disconnect: the ring waits for a reconnect or expiry).
 */
export function changeAgentState(ctx: SimContext, agent: AgentRecord, availability: Availability, keepRings = false): void {
  const before = ctx.agentStates.get(agent.username) ?? 'OFFLINE';
  ctx.agentStates.set(agent.username, availability);
  if (before !== availability) ctx.agentStateSince.set(agent.username, ctx.opts.clock.now());
  ctx.log(`${agent.username} is ${availability}`);
  for (const s of ctx.sockets.values()) {
    if (!s.open) continue;
    for (const [subId, watched] of s.agentsStateSubs) {
      if (watched === agent.legacyId) notify(s, AGENT_STATE_NOTIFICATION, { subscriptionId: subId, changes: [{ type: 'UPSERT', result: agentStateResult(ctx, watched) }] });
    }
  }
  if (availability === 'ONLINE') routeAll(ctx); else if (before === 'ONLINE' && !keepRings) agentNoLongerRoutable(ctx, agent);
}

export function subscribeRoutingTasks(ctx: SimContext, sock: AgentSocket, req: RequestFrame): void {
  const subscriptionId = newSubscriptionId();
  sock.routingSubId = subscriptionId;
  respond(ctx, sock, req, 200, SUBSCRIBE_RESP, { subscriptionId });
  notify(sock, ROUTING_NOTIFICATION, { subscriptionId, changes: [] });
  if (ctx.opts.resendRingsOnSubscribe) resendWaitingRings(ctx, sock);
  routeAll(ctx);
}

export function updateRoutingTaskSubscription(ctx: SimContext, sock: AgentSocket, req: RequestFrame): void {
  respond(ctx, sock, req, 200, STRING_RESP, 'OK');
}

export function updateRingState(ctx: SimContext, sock: AgentSocket, req: RequestFrame): void {
  const body = rec(req.body);
  const ringId = str(body.ringId);
  const ringState = str(body.ringState);
  const found = ringId ? findRing(ctx, ringId) : undefined;
  if (!found || found.ring.agent.username !== sock.agent.username) {
    respondError(ctx, sock, req, 400, `Ring ${String(ringId)} does not exist`);
    return;
  }
  if (ringState !== 'ACCEPTED' && ringState !== 'REJECTED') {
    respondError(ctx, sock, req, 400, `Invalid ringState: ${String(ringState)}`);
    return;
  }
  if (found.ring.state !== 'WAITING') {
    respondError(ctx, sock, req, 400, `Ring is ${found.ring.state}`);
    return;
  }
  respond(ctx, sock, req, 202, STRING_RESP, 'Ring state updated successfully');
  if (ringState === 'ACCEPTED') acceptRing(ctx, found.conv, found.ring);
  else rejectRing(ctx, found.conv, found.ring);
}

export function subscribeAgentsState(ctx: SimContext, sock: AgentSocket, req: RequestFrame): void {
  const body = rec(req.body);
  const wanted = str(body.agentId) ?? sock.agent.legacyId;
  const agent = ctx.agents.find((a) => a.legacyId === wanted || a.pid === wanted || a.userId === wanted);
  const legacyId = agent?.legacyId ?? wanted;
  const subscriptionId = newSubscriptionId();
  sock.agentsStateSubs.set(subscriptionId, legacyId);
  respond(ctx, sock, req, 200, SUBSCRIBE_RESP, { subscriptionId });
  notify(sock, AGENT_STATE_NOTIFICATION, { subscriptionId, changes: [{ type: 'UPSERT', result: agentStateResult(ctx, legacyId) }] });
}
