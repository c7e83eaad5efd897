/**
 * Conversation requests (lp-protocol.md §6): SubscribeExConversations / UnsubscribeExConversations
 * (per socket: snapshot then live UPSERT/DELETE), UpdateConversationField, AgentRequestConversation.
 *
 * UpdateConversationField is all-or-nothing: every field of the request is validated against a working
 * copy first; any error → 400 and nothing is applied.
 */
import { randomUUID } from 'node:crypto';
import { closeConversation, createConversation, newSubscriptionId, sendSnapshot, touch } from './conversations';
import { assignedAgentId, participantOf } from './participants';
import { type RequestFrame, STRING_RESP, asArray, num, rec, respond, respondError, str } from './frames';
import { cancelRings } from './rings';
import { requeue } from './routing';
import { SUBSCRIBE_RESP } from './routing-requests';
import type { AgentSocket, ExConvSub, Participant, SimContext } from './state';

export function subscribeExConversations(ctx: SimContext, sock: AgentSocket, req: RequestFrame): void {
  const body = rec(req.body);
  const states = asArray(body.convState).map(str).filter((s): s is string => s === 'OPEN' || s === 'CLOSE');
  if (body.convState !== undefined && states.length === 0) {
    respondError(ctx, sock, req, 400, 'convState must hold OPEN and/or CLOSE');
    return;
  }
  let agentIds: Set<string> | null = null;
  if (body.agentIds !== undefined) {
    agentIds = new Set(asArray(body.agentIds).map(str).filter((s): s is string => !!s).map((id) => {
      const a = ctx.agents.find((x) => x.legacyId === id || x.pid === id || x.userId === id);
      return a ? a.legacyId : id;
    }));
  }
  const sub: ExConvSub = {
    subscriptionId: newSubscriptionId(),
    convStates: new Set(states.length ? states : ['OPEN']),
    agentIds,
    minLastUpdatedTime: num(body.minLastUpdatedTime) ?? 0,
    visible: new Set(),
  };
  sock.exConvSubs.set(sub.subscriptionId, sub);
  respond(ctx, sock, req, 200, SUBSCRIBE_RESP, { subscriptionId: sub.subscriptionId });
  sendSnapshot(ctx, sock, sub);
}

export function unsubscribeExConversations(ctx: SimContext, sock: AgentSocket, req: RequestFrame): void {
  const id = str(rec(req.body).subscriptionId);
  if (!id || !sock.exConvSubs.delete(id)) {
    respondError(ctx, sock, req, 400, `Subscription ${String(id)} does not exist`);
    return;
  }
  respond(ctx, sock, req, 200, STRING_RESP, 'OK');
}

type Fail = { error: string };

export function updateConversationField(ctx: SimContext, sock: AgentSocket, req: RequestFrame): void {
  const body = rec(req.body);
  const convId = str(body.conversationId) ?? str(body.convId);
  const conv = convId ? ctx.conversations.get(convId) : undefined;
  if (!conv) { respondError(ctx, sock, req, 400, `Conversation ${String(convId)} does not exist`); return; }
  const fields = asArray(body.conversationField).map(rec);
  if (fields.length === 0) { respondError(ctx, sock, req, 400, 'conversationField is required'); return; }

  const me = sock.agent;
  const wasParticipant = !!participantOf(conv, me);
  const parts: Participant[] = conv.participants.map((p) => ({ ...p }));
  let close = false;
  let skillId = conv.skillId;
  let skillChanged = false;
  let removedAssigned = false;
  const previousSuggested = conv.suggestedAgent;
  let suggested: string | undefined = conv.suggestedAgent;
  let ttr = conv.ttr;
  let csat = conv.csatRate;
  const messages: string[] = [];
  const toLegacy = (id: string | undefined): string | undefined => {
    if (!id) return me.legacyId;
    return ctx.agents.find((a) => a.legacyId === id || a.pid === id || a.userId === id)?.legacyId;
  };
  const pidOf = (legacy: string): string => ctx.agents.find((a) => a.legacyId === legacy)?.pid ?? legacy;

  const apply = (f: Record<string, unknown>): Fail | undefined => {
    const field = str(f.field);
    const needParticipant = (): Fail | undefined => (wasParticipant ? undefined : { error: 'Agent does not exist in conversation' });
    switch (field) {
      case 'ConversationStateField': {
        if (str(f.conversationState) !== 'CLOSE') return { error: 'conversationState must be CLOSE' };
        const e = needParticipant(); if (e) return e;
        close = true; messages.push('OK Conversation closed'); return undefined;
      }
      case 'DialogChange': {
        const dialog = rec(f.dialog);
        if (str(dialog.state) !== 'CLOSE') return { error: 'dialog.state must be CLOSE' };
        const dialogId = str(dialog.dialogId);
        if (dialogId && dialogId !== conv.convId) return { error: `Dialog ${dialogId} does not exist` };
        const e = needParticipant(); if (e) return e;
        close = true; messages.push('OK Dialog closed'); return undefined;
      }
      case 'ParticipantsChange': {
        const type = str(f.type);
        const role = str(f.role);
        if (role !== 'ASSIGNED_AGENT' && role !== 'MANAGER' && role !== 'READER' && role !== 'CONTROLLER') return { error: `Invalid role ${String(role)}` };
        const userId = toLegacy(str(f.userId));
        if (!userId) return { error: `Agent ${String(f.userId)} does not exist` };
        const current = parts.find((p) => p.id === userId && p.state === 'ACTIVE');
        if (type === 'ADD') {
          if (conv.state === 'CLOSE') return { error: 'Conversation is closed' };
          if (role === 'ASSIGNED_AGENT' && parts.some((p) => p.role === 'ASSIGNED_AGENT' && p.state === 'ACTIVE' && p.id !== userId)) return { error: 'Conversation already has an assigned agent' };
          if (userId !== me.legacyId) { const e = needParticipant(); if (e) return e; }
          if (current) current.role = role;
          else parts.push({ id: userId, pid: pidOf(userId), role, state: 'ACTIVE' });
          messages.push('OK Agent added successfully'); return undefined;
        }
        if (type === 'REMOVE') {
          if (!current || current.role !== role) return { error: role === 'ASSIGNED_AGENT' ? 'Conversation has no such assigned agent' : 'Agent does not exist in conversation' };
          if (userId !== me.legacyId) { const e = needParticipant(); if (e) return e; }
          parts.splice(parts.indexOf(current), 1);
          if (role === 'ASSIGNED_AGENT') removedAssigned = true;
          messages.push('OK Agent removed successfully'); return undefined;
        }
        if (type === 'UPDATE') {
          if (!current) return { error: 'Agent does not exist in conversation' };
          const e = needParticipant(); if (e) return e;
          current.role = role; messages.push('OK Agent updated successfully'); return undefined;
        }
        if (type === 'SUGGEST') {
          if (role !== 'ASSIGNED_AGENT') return { error: 'Only ASSIGNED_AGENT can be suggested' };
          const e = needParticipant(); if (e) return e;
          for (let i = parts.length - 1; i >= 0; i--) if (parts[i]?.state === 'SUGGESTED') parts.splice(i, 1);
          parts.push({ id: userId, pid: pidOf(userId), role: 'ASSIGNED_AGENT', state: 'SUGGESTED' });
          suggested = userId; messages.push('OK Agent suggested successfully'); return undefined;
        }
        return { error: `Invalid ParticipantsChange type ${String(type)}` };
      }
      case 'Skill': {
        const skill = str(f.skill);
        if (str(f.type) !== 'UPDATE' || !skill) return { error: 'Skill change needs type UPDATE and skill' };
        if (!ctx.skills.some((s) => s.id === skill) && skill !== '-1') return { error: `Skill ${skill} does not exist` };
        const e = needParticipant(); if (e) return e;
        skillId = skill; skillChanged = true; messages.push('OK Skill updated successfully'); return undefined;
      }
      case 'TTRField': {
        const value = num(f.value);
        const ttrType = str(f.ttrType);
        if (!ttrType || !['CUSTOM', 'NORMAL', 'PRIORITIZED', 'URGENT'].includes(ttrType)) return { error: `Invalid ttrType ${String(ttrType)}` };
        const e = needParticipant(); if (e) return e;
        ttr = { ttrType, value: value ?? 1200 }; messages.push('OK TTR updated successfully'); return undefined;
      }
      case 'CSATRate': {
        const rate = num(f.csatRate);
        if (rate === undefined) return { error: 'csatRate is required' };
        csat = rate; messages.push('OK CSAT updated successfully'); return undefined;
      }
      default:
        return { error: `Unsupported conversation field ${String(field)}` };
    }
  };

  for (const f of fields) {
    const failed = apply(f);
    if (failed) { respondError(ctx, sock, req, 400, failed.error); return; }
  }
  const hadAssigned = conv.participants.some((p) => p.role === 'ASSIGNED_AGENT' && p.state === 'ACTIVE');
  if (skillChanged && hadAssigned && !removedAssigned) {
    respondError(ctx, sock, req, 400, 'Skill transfer requires removing the assigned agent in the same request');
    return;
  }
  if ((close || skillChanged || removedAssigned) && conv.state === 'CLOSE') {
    respondError(ctx, sock, req, 400, 'Conversation is closed');
    return;
  }

  conv.participants = parts;
  conv.skillId = skillId;
  conv.suggestedAgent = suggested;
  conv.ttr = ttr;
  conv.csatRate = csat;
  respond(ctx, sock, req, 200, STRING_RESP, messages[0] ?? 'OK');
  if (close) { closeConversation(ctx, conv, 'AGENT', me.legacyId); return; }
  if (assignedAgentId(conv)) cancelRings(ctx, conv); // assigned by ADD: pending rings are void
  touch(ctx, conv);
  if (removedAssigned || skillChanged || suggested !== previousSuggested) requeue(ctx, conv);
}

export function agentRequestConversation(ctx: SimContext, sock: AgentSocket, req: RequestFrame): void {
  const body = rec(req.body);
  const consumerId = str(body.consumerId);
  if (!consumerId) { respondError(ctx, sock, req, 400, 'consumerId is required'); return; }
  const known = [...ctx.conversations.values()].find((c) => c.consumer.consumerId === consumerId)?.consumer;
  const origin = str(rec(body.conversationContext).originConversationId);
  const skillId = (origin ? ctx.conversations.get(origin)?.skillId : undefined) ?? ctx.skills[0]?.id ?? '-1';
  const conv = createConversation(ctx, known ?? { consumerId, firstName: 'Consumer', lastName: consumerId.slice(0, 6), email: '', phone: '', customerId: randomUUID().slice(0, 8) }, skillId);
  conv.routable = true;
  conv.participants.push({ id: sock.agent.legacyId, pid: sock.agent.pid, role: 'ASSIGNED_AGENT', state: 'ACTIVE' });
  respond(ctx, sock, req, 200, '.ams.cm.AgentRequestConversation$Response', { conversationId: conv.convId });
  touch(ctx, conv);
}
