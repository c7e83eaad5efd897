/**
 * The AgentSession's public methods (session/api.ts). Request bodies are exactly those of
 * lp-protocol.md §6. Every method that talks to LivePerson resolves when the server accepted it
 * and rejects with an LpError otherwise.
 */
import { randomUUID } from 'node:crypto';
import type { DiagnosableConnection } from '../connection/api';
import { LpError } from '../base/errors';
import type { AgentStatus, ChatMessage, ChatState, SessionDiagnostics, SessionSnapshot, Skill } from '../protocol/model';
import { isRecord, parseWith, rawAgentStatusSchema, rawSkillsSchema } from '../protocol/notifications';
import type { DiagnosableSession, OutboxItem } from './api';
import { REQUEST } from '../protocol/names';
import type { SessionContext } from './context';
import { copyConversation } from './conversations';
import type { RemovalReason } from '../decisions/conversations';
import { syncHistory } from './messages';
import { downloadFile, downloadRichImage, retryFile, sendFile } from './files';
import { drain } from './outbox';
import { pendingMessage } from './outbox-items';
import { mapAgentStatus, mapSkills } from '../decisions/profiles';

const FIELD_LOCATION = 'UpdateConversationField#WS';

/**
 * UpdateConversationField with the intent recorded BEFORE sending (the notification may beat the
 * response, §13). If the server accepts but no notification removes the conversation within
 * `intentFallbackMs`, it is removed anyway.
 */
async function conversationAction(ctx: SessionContext, cid: string, intent: RemovalReason, fields: unknown[]): Promise<void> {
  ctx.convs.require(cid, FIELD_LOCATION);
  const undo = ctx.convs.recordIntent(cid, intent);
  try {
    await ctx.rt.request(REQUEST.updateConversationField, { conversationId: cid, conversationField: fields });
  } catch (err) {
    undo();
    throw err;
  }
  ctx.convs.removeLater(cid, intent, ctx.rt.intentFallbackMs); // removing then is a no-op when a notification did it
}

/** A refusal that means "this ring is over on the server" (not auth, not throttling or a timeout). */
function ringRefused(err: unknown): boolean {
  return err instanceof LpError && err.code >= 400 && err.code < 500 && ![401, 403, 408, 429].includes(err.code);
}

async function updateRing(ctx: SessionContext, ringId: string, ringState: 'ACCEPTED' | 'REJECTED'): Promise<void> {
  if (!ctx.rings.has(ringId)) throw new LpError({ code: 404, message: `No waiting ring ${ringId}`, location: 'UpdateRingState#WS' });
  try {
    await ctx.rt.request(REQUEST.updateRingState, { ringId, ringState });
  } catch (err) {
    // E.g. the ring was cancelled or taken while the socket was down, and nothing told us: the
    // server refuses it, so it ends here too instead of staying WAITING until its local expiry.
    if (ringRefused(err)) ctx.rings.end(ringId, 'cancelled', 'CANCELLED');
    throw err;
  }
  ctx.rings.end(ringId, ringState === 'ACCEPTED' ? 'accepted' : 'rejected', ringState);
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
  const connection = ctx.rt.connection;
  return {
    async start() {
      ctx.rt.resume();
      const loaded = await ctx.outbox.items.load();
      for (const item of loaded) {
        const list = ctx.convs.listFor(item.conversationId);
        if (!list.byLocalId(item.localId)) list.addPending(pendingMessage(ctx, item, 'queued'));
      }
      await connection.start();
    },

    async stop(o) {
      if (!ctx.rt.stopped && ctx.link.live && connection.state.phase === 'online' && ctx.link.profile) {
        try {
          await ctx.rt.request(REQUEST.setAgentState, { availability: 'OFFLINE', channels: ['MESSAGING'], agentUserId: ctx.link.profile.legacyId }, { timeoutMs: 3_000 });
        } catch (err) {
          ctx.rt.log('info', 'Going offline before stop failed', err);
        }
      }
      ctx.rt.halt();
      ctx.link.endLive();
      await connection.stop(o);
      await ctx.outbox.items.flushed();
    },

    reconnectNow(reason) {
      connection.reconnectNow(reason);
    },

    snapshot(): SessionSnapshot {
      const s: SessionSnapshot = {
        connection: ctx.link.publicState(),
        availability: ctx.link.desired,
        rings: ctx.rings.list(),
        conversations: [...ctx.convs.values()].map(copyConversation),
        messages: ctx.convs.messagesSnapshot(),
      };
      if (ctx.link.profile) s.profile = { ...ctx.link.profile };
      return s;
    },

    diagnostics(): SessionDiagnostics {
      const state = ctx.link.publicState();
      const d: SessionDiagnostics = { domains: { ...connection.domains }, connection: state, reconnects: state.reconnects };
      // DiagnosableConnection (connection/api.ts) knows its socket URL, already redacted; other connections may not.
      const url = (connection as Partial<DiagnosableConnection>).socketUrl;
      if (typeof url === 'string') d.socketUrl = url;
      const lastError = state.lastError ?? ctx.rt.lastError;
      if (lastError !== undefined) d.lastError = lastError;
      return d;
    },

    on(event, listener) {
      return ctx.rt.events.on(event, listener);
    },

    async setAvailability(availability) {
      ctx.link.choose(availability);
      await ctx.link.applyAgentState(availability);
    },

    acceptRing: (ringId) => updateRing(ctx, ringId, 'ACCEPTED'),
    rejectRing: (ringId) => updateRing(ctx, ringId, 'REJECTED'),

    sendText(conversationId, text, options) {
      const item: OutboxItem = { localId: `l-${randomUUID()}`, conversationId, text, createdAt: ctx.rt.clock.now() };
      if (options?.private === true) item.private = true;
      if (text.trim() === '') return refused(ctx, item, 'Empty message');
      // Known ended (closed here or seen closed) → refuse whatever the snapshot state; else refuse an
      // unknown one only once the open conversations are known (right after a connect they are not yet).
      if (!ctx.convs.has(conversationId) && (ctx.convs.isEnded(conversationId) || ctx.link.knowsOpenConversations())) {
        return refused(ctx, item, 'Unknown or closed conversation; the message was not sent');
      }
      ctx.outbox.items.add(item);
      const m = pendingMessage(ctx, item, ctx.link.live ? 'sending' : 'queued');
      ctx.convs.listFor(conversationId).addPending(m);
      ctx.rt.emit('message', { ...m });
      drain(ctx, conversationId);
      return { ...m };
    },

    async setTyping(conversationId, state: ChatState) {
      ctx.convs.require(conversationId, 'PublishEvent#WS');
      await ctx.rt.request(REQUEST.publishEvent, { dialogId: conversationId, event: { type: 'ChatStateEvent', chatState: state } });
    },

    async markRead(conversationId, sequences) {
      ctx.convs.require(conversationId, 'PublishEvent#WS');
      const list = sequences.filter((n) => Number.isInteger(n) && n >= 0);
      if (list.length === 0) return;
      const resp = await ctx.rt.request(REQUEST.publishEvent, { dialogId: conversationId, event: { type: 'AcceptStatusEvent', status: 'READ', sequenceList: list } });
      // The receipt is stored with a sequence of its own (§6: the answer's `sequence`): known now, echoed live or not.
      const seq = isRecord(resp.body) ? resp.body.sequence : undefined;
      if (typeof seq === 'number' && Number.isInteger(seq) && seq >= 0) ctx.convs.listIfAny(conversationId)?.noteOther(seq);
    },

    closeConversation(conversationId) {
      return conversationAction(ctx, conversationId, 'closed', [{ field: 'ConversationStateField', conversationState: 'CLOSE' }]);
    },

    backToQueue(conversationId) {
      const p = ctx.link.requireProfile(FIELD_LOCATION);
      return conversationAction(ctx, conversationId, 'back-to-queue', [removeAssignedAgent(p.legacyId)]);
    },

    transferToSkill(conversationId, skillId) {
      const p = ctx.link.requireProfile(FIELD_LOCATION);
      return conversationAction(ctx, conversationId, 'transferred', [
        { field: 'Skill', type: 'UPDATE', skill: skillId },
        removeAssignedAgent(p.legacyId),
      ]);
    },

    transferToAgent(conversationId, skillId, agentId) {
      const p = ctx.link.requireProfile(FIELD_LOCATION);
      if (agentId === p.legacyId) {
        return Promise.reject(new LpError({ code: 400, message: 'A conversation cannot be transferred to yourself', location: FIELD_LOCATION }));
      }
      // §6 agent transfer: remove myself, suggest the agent, set the skill — one request (v=2.1 tells the agent).
      return conversationAction(ctx, conversationId, 'transferred', [
        removeAssignedAgent(p.legacyId),
        { field: 'ParticipantsChange', type: 'SUGGEST', userId: agentId, role: 'ASSIGNED_AGENT' },
        { field: 'Skill', type: 'UPDATE', skill: skillId },
      ]);
    },

    async listAgents(skillId): Promise<AgentStatus[]> {
      const p = ctx.link.requireProfile('AgentStatus#REST');
      // §9 msgHist agent-view/status; the skillIds filter is our reading (the reference names agentIds only).
      const body = await connection.rest('msgHist', `/messaging_history/api/account/${p.accountId}/agent-view/status`, { method: 'POST', body: { skillIds: [skillId] } });
      const parsed = parseWith(rawAgentStatusSchema, body);
      if (!parsed.ok) throw new LpError({ code: 0, message: `Unreadable agent status list (${parsed.error})`, location: 'AgentStatus#REST' });
      return mapAgentStatus(p.accountId, p.legacyId, parsed.value.agentStatusRecords);
    },

    async loadHistory(conversationId) {
      ctx.convs.require(conversationId, 'QueryMessages#WS');
      const messages = await syncHistory(ctx, conversationId, true);
      return messages.map((m) => ({ ...m }));
    },

    async listSkills(): Promise<Skill[]> {
      const p = ctx.link.requireProfile('Skills#REST');
      const body = await connection.rest('accountConfigReadOnly', `/api/account/${p.accountId}/configuration/le-users/skills?v=2.0`);
      const parsed = parseWith(rawSkillsSchema, body);
      if (!parsed.ok) throw new LpError({ code: 0, message: `Unreadable skills list (${parsed.error})`, location: 'Skills#REST' });
      return mapSkills(parsed.value);
    },

    getConsumerProfile: (consumerId) => ctx.consumers.get(consumerId),
    downloadFile: (conversationId, sequence) => downloadFile(ctx, conversationId, sequence),
    downloadRichImage: (conversationId, sequence, imageIndex) => downloadRichImage(ctx, conversationId, sequence, imageIndex),
    sendFile: (conversationId, input) => sendFile(ctx, conversationId, input),
    retryFile: (localId) => retryFile(ctx, localId),
  };
}
