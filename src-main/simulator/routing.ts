/**
 * Routing (lp-protocol.md §7): rings for conversations without an assigned agent.
 * - A conversation is routable only after the consumer's first message.
 * - Every ONLINE agent with an open socket subscribed to routing tasks, and allowed on the skill, gets
 *   its own ring (ringId `<convId>_<accountId>_<epochMs>`); a transfer-to-agent (SUGGEST) rings only that agent.
 * - Colleagues the simulator plays (`colleagues` option) are rung only for a transfer suggested to them,
 *   and accept it by themselves after their delay.
 * - A ring expires after ringExpirationMs (EXPIRED); when no ring of the conversation is WAITING any
 *   more (expired / rejected), the conversation is offered again after reRingDelayMs.
 * - Accepting makes the agent ASSIGNED_AGENT; the conversation's other rings become CANCELLED.
 * - Wire shapes and ring state changes: rings.ts.
 */
import { randomUUID } from 'node:crypto';
import { touch } from './conversations';
import { assignedAgentId } from './participants';
import { routingSockets, sendRing, setRingState, waitingRings } from './rings';
import type { AgentRecord, AgentSocket, Conversation, Ring, SimContext } from './state';

/** A colleague the simulator plays (no socket of its own): rung only for a transfer suggested to it. */
function playedColleague(ctx: SimContext, agent: AgentRecord): boolean {
  return ctx.colleagues.has(agent.username) && routingSockets(ctx, agent).length === 0;
}

function isEligible(ctx: SimContext, conv: Conversation, agent: AgentRecord): boolean {
  const availability = ctx.agentStates.get(agent.username);
  if (playedColleague(ctx, agent)) {
    return conv.suggestedAgent === agent.legacyId && (availability === 'ONLINE' || availability === 'OCCUPIED')
      && (!agent.skills || agent.skills.includes(conv.skillId));
  }
  // ONLINE agents are routable; OCCUPIED ones only for a transfer suggested to them (lp-protocol.md §6)
  if (availability !== 'ONLINE' && !(availability === 'OCCUPIED' && conv.suggestedAgent === agent.legacyId)) return false;
  if (agent.skills && !agent.skills.includes(conv.skillId)) return false;
  if (conv.suggestedAgent && conv.suggestedAgent !== agent.legacyId) return false;
  return routingSockets(ctx, agent).length > 0;
}

function needsRouting(conv: Conversation): boolean {
  return conv.state === 'OPEN' && conv.routable && !assignedAgentId(conv);
}

function scheduleReRing(ctx: SimContext, conv: Conversation): void {
  if (conv.reRingTimer || !needsRouting(conv) || waitingRings(conv).length > 0) return;
  conv.reRingTimer = ctx.opts.clock.setTimeout(() => {
    conv.reRingTimer = null;
    routeConversation(ctx, conv);
  }, ctx.opts.reRingDelayMs);
}

/** Offers the conversation to every eligible agent that has no WAITING ring for it yet. */
export function routeConversation(ctx: SimContext, conv: Conversation): void {
  if (!needsRouting(conv) || conv.reRingTimer || ctx.closed) return;
  const now = ctx.opts.clock.now();
  for (const agent of ctx.agents) {
    if (!isEligible(ctx, conv, agent)) continue;
    if (conv.rings.some((r) => r.state === 'WAITING' && r.agent.username === agent.username)) continue;
    conv.routingAttempt++;
    let ringId = `${conv.convId}_${ctx.opts.accountId}_${now}`;
    while (conv.rings.some((r) => r.ringId === ringId)) ringId = `${conv.convId}_${ctx.opts.accountId}_${now + conv.routingAttempt++}`;
    const ring: Ring = {
      ringId,
      routingTaskId: randomUUID(),
      convId: conv.convId,
      agent,
      state: 'WAITING',
      createdAt: now,
      expiresAt: now + ctx.opts.ringExpirationMs,
      timer: null,
    };
    ring.timer = ctx.opts.clock.setTimeout(() => {
      ring.timer = null;
      if (ring.state !== 'WAITING') return;
      ctx.log(`ring ${ring.ringId} for ${agent.username} expired`);
      setRingState(ctx, conv, ring, 'EXPIRED');
      scheduleReRing(ctx, conv);
    }, ctx.opts.ringExpirationMs);
    conv.rings.push(ring);
    ctx.log(`ring ${ring.ringId} offered to ${agent.username}`);
    sendRing(ctx, conv, ring);
    if (playedColleague(ctx, agent)) {
      ctx.opts.clock.setTimeout(() => {
        if (ring.state === 'WAITING' && conv.state === 'OPEN') acceptRing(ctx, conv, ring);
      }, ctx.colleagues.get(agent.username) ?? 0);
    }
  }
}

export function routeAll(ctx: SimContext): void {
  for (const conv of ctx.conversations.values()) routeConversation(ctx, conv);
}

export function findRing(ctx: SimContext, ringId: string): { conv: Conversation; ring: Ring } | undefined {
  for (const conv of ctx.conversations.values()) {
    const ring = conv.rings.find((r) => r.ringId === ringId);
    if (ring) return { conv, ring };
  }
  return undefined;
}

export function acceptRing(ctx: SimContext, conv: Conversation, ring: Ring): void {
  // participant first, so the ACCEPTED ring notification already names the assigned agent
  conv.participants = conv.participants.filter((p) => !(p.state === 'SUGGESTED' && p.role === 'ASSIGNED_AGENT'));
  conv.suggestedAgent = undefined;
  const existing = conv.participants.find((p) => p.id === ring.agent.legacyId);
  if (existing) { existing.role = 'ASSIGNED_AGENT'; existing.state = 'ACTIVE'; } else {
    conv.participants.push({ id: ring.agent.legacyId, pid: ring.agent.pid, role: 'ASSIGNED_AGENT', state: 'ACTIVE' });
  }
  setRingState(ctx, conv, ring, 'ACCEPTED');
  for (const other of waitingRings(conv)) setRingState(ctx, conv, other, 'CANCELLED');
  ctx.log(`${ring.agent.username} accepted conversation ${conv.convId}`);
  touch(ctx, conv);
}

export function rejectRing(ctx: SimContext, conv: Conversation, ring: Ring): void {
  setRingState(ctx, conv, ring, 'REJECTED');
  scheduleReRing(ctx, conv);
}

/** Called when an agent leaves ONLINE: its WAITING rings are cancelled and the conversations offered elsewhere. */
export function agentNoLongerRoutable(ctx: SimContext, agent: AgentRecord): void {
  for (const conv of ctx.conversations.values()) {
    let touched = false;
    for (const r of waitingRings(conv)) {
      if (r.agent.username !== agent.username || isEligible(ctx, conv, agent)) continue;
      setRingState(ctx, conv, r, 'CANCELLED');
      touched = true;
    }
    if (touched && waitingRings(conv).length === 0) routeConversation(ctx, conv);
  }
}

/** Re-sends the agent's WAITING rings to one socket (resendRingsOnSubscribe): same ringId, not a new ring. */
export function resendWaitingRings(ctx: SimContext, sock: AgentSocket): void {
  for (const conv of ctx.conversations.values()) {
    for (const r of waitingRings(conv)) {
      if (r.agent.username === sock.agent.username) sendRing(ctx, conv, r, sock);
    }
  }
}

/** The conversation lost its assigned agent (back to queue, transfer): forget old rings' cooldown and offer it again. */
export function requeue(ctx: SimContext, conv: Conversation): void {
  if (conv.reRingTimer) { ctx.opts.clock.clearTimeout(conv.reRingTimer); conv.reRingTimer = null; }
  routeConversation(ctx, conv);
}
