/**
 * Rings on the wire (lp-protocol.md §7, §13): the RoutingTaskNotification a ring change sends, and the
 * ring state changes every other module makes (routing.ts offers rings; conversations.ts cancels them
 * when a conversation closes). Below both, so neither imports the other for it.
 * - A WAITING ring is one UPSERT change; a ring reaching a final state is sent as an UPSERT carrying the
 *   final ringState followed by a DELETE of the same task, in one notification. Every change carries
 *   `result.ringsDetails` (§13).
 */
import { notify } from './frames';
import { assignedAgentId } from './participants';
import type { AgentRecord, AgentSocket, Conversation, Ring, RingState, SimContext } from './state';

export const ROUTING_NOTIFICATION = '.ams.routing.RoutingTaskNotification';

export function routingSockets(ctx: SimContext, agent: AgentRecord): AgentSocket[] {
  return [...ctx.sockets.values()].filter((s) => s.open && s.routingSubId && s.agent.username === agent.username);
}

function ringResult(ctx: SimContext, conv: Conversation, ring: Ring): Record<string, unknown> {
  return {
    routingTaskId: ring.routingTaskId,
    taskCompleted: ring.state === 'ACCEPTED',
    conversationId: conv.convId,
    consumerId: conv.consumer.consumerId,
    skillId: conv.skillId,
    brandId: ctx.opts.accountId,
    assignedAgentId: assignedAgentId(conv) ?? '',
    ringsDetails: [{
      ringId: ring.ringId,
      ringState: ring.state,
      ringExpiration: ctx.opts.ringExpirationMs,
      ringExpirationTs: ring.expiresAt,
      weight: ring.createdAt,
      convId: conv.convId,
      consumerId: conv.consumer.consumerId,
      skillId: conv.skillId,
      brandId: ctx.opts.accountId,
    }],
  };
}

function ringChanges(ctx: SimContext, conv: Conversation, ring: Ring): unknown[] {
  const result = ringResult(ctx, conv, ring);
  return ring.state === 'WAITING' ? [{ type: 'UPSERT', result }] : [{ type: 'UPSERT', result }, { type: 'DELETE', result }];
}

export function sendRing(ctx: SimContext, conv: Conversation, ring: Ring, only?: AgentSocket): void {
  const targets = only ? [only] : routingSockets(ctx, ring.agent);
  for (const s of targets) {
    if (!s.routingSubId) continue;
    notify(s, ROUTING_NOTIFICATION, { subscriptionId: s.routingSubId, changes: ringChanges(ctx, conv, ring) });
  }
  if (!only) ctx.events.emit('ring', { ringId: ring.ringId, conversationId: conv.convId, agentUserId: ring.agent.legacyId, ringState: ring.state });
}

export function setRingState(ctx: SimContext, conv: Conversation, ring: Ring, state: RingState): void {
  ring.state = state;
  ctx.opts.clock.clearTimeout(ring.timer);
  ring.timer = null;
  sendRing(ctx, conv, ring);
}

export function waitingRings(conv: Conversation): Ring[] {
  return conv.rings.filter((r) => r.state === 'WAITING');
}

/** Cancels every WAITING ring of a conversation (closed, assigned by other means). */
export function cancelRings(ctx: SimContext, conv: Conversation): void {
  for (const r of waitingRings(conv)) setRingState(ctx, conv, r, 'CANCELLED');
  if (conv.reRingTimer) { ctx.opts.clock.clearTimeout(conv.reRingTimer); conv.reRingTimer = null; }
}
