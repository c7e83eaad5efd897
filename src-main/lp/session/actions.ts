/**
 * The AgentSession's public methods (session/api.ts). Request bodies are exactly those of
 * lp-protocol.md §6. Every method that talks to LivePerson resolves when the server accepted it
 * and rejects with an LpError otherwise.
 */
import { randomUUID } from 'node:crypto';
import type { DiagnosableConnection } from '../connection/api';
import { LpError } from '../base/errors';
import type { ChatMessage, ChatState, SessionDiagnostics, SessionSnapshot, Skill } from '../protocol/model';
import { parseWith, rawSkillsSchema } from '../protocol/notifications';
import type { DiagnosableSession, OutboxItem } from './api';
import { REQUEST } from '../protocol/names';
import { copyConversation, type SessionContext } from './context';
import type { RemovalReason } from '../decisions/conversations';
import { getConsumerProfile } from './consumers';
import { syncHistory } from './messages';
import { endRing, removeConversation } from './notifications';
import { drain } from './outbox';
import { pendingMessage } from './outbox-items';
import { applyAgentState } from './ready';
import { mapSkills } from '../decisions/profiles';

const FIELD_LOCATION = 'UpdateConversationField#WS';

/**
 * UpdateConversationField with the intent recorded BEFORE sending (the notification may beat the
 * response, §13). If the server accepts but no notification removes the conversation within
 * `intentFallbackMs`, it is removed anyway.
 */
async function conversationAction(ctx: SessionContext, cid: string, intent: RemovalReason, fields: unknown[]): Promise<void> {
  ctx.requireConversation(cid, FIELD_LOCATION);
  const previous = ctx.intents.get(cid);
  ctx.intents.set(cid, intent);
  try {
    await ctx.request(REQUEST.updateConversationField, { conversationId: cid, conversationField: fields });
  } catch (err) {
    if (previous === undefined) ctx.intents.delete(cid);
    else ctx.intents.set(cid, previous);
    throw err;
  }
  if (!ctx.convs.has(cid)) return;
  ctx.cancel(ctx.intentTimers.get(cid));
  ctx.intentTimers.set(cid, ctx.later(() => {
    ctx.intentTimers.delete(cid);
    removeConversation(ctx, cid, intent); // no-op when a notification did it
  }, ctx.intentFallbackMs));
}

/** A refusal that means "this ring is over on the server" (not auth, not throttling or a timeout). */
function ringRefused(err: unknown): boolean {
  return err instanceof LpError && err.code >= 400 && err.code < 500 && ![401, 403, 408, 429].includes(err.code);
}

async function updateRing(ctx: SessionContext, ringId: string, ringState: 'ACCEPTED' | 'REJECTED'): Promise<void> {
  if (!ctx.rings.has(ringId)) throw new LpError({ code: 404, message: `No waiting ring ${ringId}`, location: 'UpdateRingState#WS' });
  try {
    await ctx.request(REQUEST.updateRingState, { ringId, ringState });
  } catch (err) {
    // E.g. the ring was cancelled or taken while the socket was down, and nothing told us: the
    // server refuses it, so it ends here too instead of staying WAITING until its local expiry.
    if (ringRefused(err)) endRing(ctx, ringId, 'cancelled', 'CANCELLED');
    throw err;
  }
  endRing(ctx, ringId, ringState === 'ACCEPTED' ? 'accepted' : 'rejected', ringState);
}

/** A message that never enters the outbox. */
function refused(ctx: SessionContext, item: OutboxItem, error: string): ChatMessage {
  const m = pendingMessage(ctx, item, 'failed');
  m.error = error;
  return m;
}

function removeAssignedAgent(legacyId: string): Record<string, string> {
  return { field: 'ParticipantsChange', type: 'REMOVE', role: 'ASSIGNED_AGENT', userId: legacyId };
}

export function createActions(ctx: SessionContext): DiagnosableSession {
  const connection = ctx.connection;
  return {
    async start() {
      ctx.stopped = false;
      const loaded = await ctx.outbox.load();
      for (const item of loaded) {
        const list = ctx.listFor(item.conversationId);
        if (!list.byLocalId(item.localId)) list.addPending(pendingMessage(ctx, item, 'queued'));
      }
      await connection.start();
    },

    async stop(o) {
      if (!ctx.stopped && ctx.live && connection.state.phase === 'online' && ctx.profile) {
        try {
          await ctx.request(REQUEST.setAgentState, { availability: 'OFFLINE', channels: ['MESSAGING'], agentUserId: ctx.profile.legacyId }, { timeoutMs: 3_000 });
        } catch (err) {
          ctx.log('info', 'Going offline before stop failed', err);
        }
      }
      ctx.stopped = true;
      ctx.live = false;
      ctx.cancelAll();
      await connection.stop(o);
      await ctx.outbox.flushed();
    },

    reconnectNow(reason) {
      connection.reconnectNow(reason);
    },

    snapshot(): SessionSnapshot {
      const messages: Record<string, ChatMessage[]> = {};
      for (const cid of ctx.convs.keys()) messages[cid] = (ctx.lists.get(cid)?.list() ?? []).map((m) => ({ ...m }));
      const s: SessionSnapshot = {
        connection: ctx.publicState(),
        availability: ctx.desired,
        rings: [...ctx.rings.values()].map((e) => ({ ...e.ring })),
        conversations: [...ctx.convs.values()].map(copyConversation),
        messages,
      };
      if (ctx.profile) s.profile = { ...ctx.profile };
      return s;
    },

    diagnostics(): SessionDiagnostics {
      const state = ctx.publicState();
      const d: SessionDiagnostics = { domains: { ...connection.domains }, connection: state, reconnects: state.reconnects };
      // DiagnosableConnection (connection/api.ts) knows its socket URL, already redacted; other connections may not.
      const url = (connection as Partial<DiagnosableConnection>).socketUrl;
      if (typeof url === 'string') d.socketUrl = url;
      const lastError = state.lastError ?? ctx.lastError;
      if (lastError !== undefined) d.lastError = lastError;
      return d;
    },

    on(event, listener) {
      return ctx.events.on(event, listener);
    },

    async setAvailability(availability) {
      ctx.desired = availability;
      ctx.emit('availability', availability);
      await applyAgentState(ctx, availability);
    },

    acceptRing: (ringId) => updateRing(ctx, ringId, 'ACCEPTED'),
    rejectRing: (ringId) => updateRing(ctx, ringId, 'REJECTED'),

    sendText(conversationId, text, options) {
      const item: OutboxItem = { localId: `l-${randomUUID()}`, conversationId, text, createdAt: ctx.clock.now() };
      if (options?.private === true) item.private = true;
      if (text.trim() === '') return refused(ctx, item, 'Empty message');
      if (ctx.knowsOpenConversations() && !ctx.convs.has(conversationId)) {
        return refused(ctx, item, 'Unknown or closed conversation; the message was not sent');
      }
      ctx.outbox.add(item);
      const m = pendingMessage(ctx, item, ctx.live ? 'sending' : 'queued');
      ctx.listFor(conversationId).addPending(m);
      ctx.emit('message', { ...m });
      drain(ctx, conversationId);
      return { ...m };
    },

    async setTyping(conversationId, state: ChatState) {
      ctx.requireConversation(conversationId, 'PublishEvent#WS');
      await ctx.request(REQUEST.publishEvent, { dialogId: conversationId, event: { type: 'ChatStateEvent', chatState: state } });
    },

    async markRead(conversationId, sequences) {
      ctx.requireConversation(conversationId, 'PublishEvent#WS');
      const list = sequences.filter((n) => Number.isInteger(n) && n >= 0);
      if (list.length === 0) return;
      await ctx.request(REQUEST.publishEvent, { dialogId: conversationId, event: { type: 'AcceptStatusEvent', status: 'READ', sequenceList: list } });
    },

    closeConversation(conversationId) {
      return conversationAction(ctx, conversationId, 'closed', [{ field: 'ConversationStateField', conversationState: 'CLOSE' }]);
    },

    backToQueue(conversationId) {
      const p = ctx.requireProfile(FIELD_LOCATION);
      return conversationAction(ctx, conversationId, 'back-to-queue', [removeAssignedAgent(p.legacyId)]);
    },

    transferToSkill(conversationId, skillId) {
      const p = ctx.requireProfile(FIELD_LOCATION);
      return conversationAction(ctx, conversationId, 'transferred', [
        { field: 'Skill', type: 'UPDATE', skill: skillId },
        removeAssignedAgent(p.legacyId),
      ]);
    },

    async loadHistory(conversationId) {
      ctx.requireConversation(conversationId, 'QueryMessages#WS');
      const messages = await syncHistory(ctx, conversationId, true);
      return messages.map((m) => ({ ...m }));
    },

    async listSkills(): Promise<Skill[]> {
      const p = ctx.requireProfile('Skills#REST');
      const body = await connection.rest('accountConfigReadOnly', `/api/account/${p.accountId}/configuration/le-users/skills?v=2.0`);
      const parsed = parseWith(rawSkillsSchema, body);
      if (!parsed.ok) throw new LpError({ code: 0, message: `Unreadable skills list (${parsed.error})`, location: 'Skills#REST' });
      return mapSkills(parsed.value);
    },

    getConsumerProfile: (consumerId) => getConsumerProfile(ctx, consumerId),
  };
}
