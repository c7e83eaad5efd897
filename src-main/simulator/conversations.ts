/**
 * Conversation model and the raw wire shapes that describe it (lp-protocol.md §7):
 * OnlineEventDistribution bodies and ExConversationChangeNotification results, plus the per-socket
 * ExConversations subscriptions (snapshot, UPSERT, DELETE when a conversation stops matching).
 */
import { randomUUID } from 'node:crypto';
import type { SimConversationView, SimMessage } from './api';
import { notify } from './frames';
import { participantOf } from './participants';
import { cancelRings } from './rings';
import type { AgentRecord, AgentSocket, ConsumerProfile, Conversation, ExConvSub, Role, SimContext } from './state';

const EXCONV_NOTIFICATION = '.ams.aam.ExConversationChangeNotification';
const EVENT_NOTIFICATION = '.ams.ms.OnlineEventDistribution';

export function createConversation(ctx: SimContext, consumer: ConsumerProfile, skillId: string): Conversation {
  const now = ctx.opts.clock.now();
  const conv: Conversation = {
    convId: randomUUID(),
    skillId,
    consumer,
    state: 'OPEN',
    startTs: now,
    metaDataLastUpdateTs: now,
    participants: [{ id: consumer.consumerId, pid: consumer.consumerId, role: 'CONSUMER', state: 'ACTIVE' }],
    events: [],
    nextSequence: 0,
    routable: false,
    rings: [],
    reRingTimer: null,
    routingAttempt: 0,
    ttr: { ttrType: 'NORMAL', value: 1200 },
    csatRate: 0,
    lastRead: new Map(),
  };
  ctx.conversations.set(conv.convId, conv);
  ctx.log(`conversation ${conv.convId} opened by consumer ${consumer.firstName} on skill ${skillId}`);
  return conv;
}

export function view(conv: Conversation): SimConversationView {
  return {
    conversationId: conv.convId,
    skillId: conv.skillId,
    consumerId: conv.consumer.consumerId,
    state: conv.state,
    participants: participantsMap(conv, 'id'),
    ...(conv.closeReason ? { closeReason: conv.closeReason } : {}),
    rings: conv.rings.map((r) => ({ ringId: r.ringId, agentUserId: r.agent.legacyId, ringState: r.state, ringExpirationTs: r.expiresAt })),
  };
}

function participantsMap(conv: Conversation, key: 'id' | 'pid'): Record<string, string[]> {
  const map: Record<string, string[]> = key === 'id' ? { CONSUMER: [], ASSIGNED_AGENT: [], MANAGER: [], READER: [], CONTROLLER: [] } : {};
  for (const p of conv.participants) {
    if (p.state !== 'ACTIVE') continue;
    (map[p.role] ??= []).push(p[key]);
  }
  return map;
}

/** Body of an OnlineEventDistribution / one element of a QueryMessages response. */
export function eventBody(ctx: SimContext, conv: Conversation, m: SimMessage, originatorPId: string): Record<string, unknown> {
  const isConsumer = m.role === 'CONSUMER';
  const clientProperties = isConsumer
    ? { type: '.ClientProperties', appId: 'webAsync', ipAddress: '127.0.0.1', deviceFamily: 'DESKTOP', os: 'WINDOWS', integration: 'WEB_SDK' }
    : { type: '.ClientProperties', appId: 'lp-agent-desktop', ipAddress: '127.0.0.1', deviceFamily: 'DESKTOP', integration: 'BRAND_SDK' };
  return {
    sequence: m.sequence,
    originatorClientProperties: clientProperties,
    originatorId: m.originatorId,
    originatorPId,
    originatorMetadata: { id: originatorPId, role: m.role, clientProperties },
    serverTimestamp: m.serverTimestamp,
    event: m.event,
    conversationId: conv.convId,
    dialogId: m.dialogId,
    metadata: [],
    ...(m.messageAudience ? { messageAudience: m.messageAudience } : {}),
  };
}

export interface Originator { id: string; pid: string; role: Role }

export function originatorOfAgent(conv: Conversation, agent: AgentRecord): Originator {
  const p = participantOf(conv, agent);
  return { id: agent.legacyId, pid: agent.pid, role: p?.role ?? 'ASSIGNED_AGENT' };
}

export function originatorOfConsumer(conv: Conversation): Originator {
  return { id: conv.consumer.consumerId, pid: conv.consumer.consumerId, role: 'CONSUMER' };
}

function pidOf(ctx: SimContext, conv: Conversation, id: string): string {
  if (id === conv.consumer.consumerId) return id;
  return ctx.agents.find((a) => a.legacyId === id)?.pid ?? id;
}

/** Sockets of every agent participant (any role, ACTIVE) of the conversation. */
function participantSockets(ctx: SimContext, conv: Conversation): AgentSocket[] {
  const ids = new Set(conv.participants.filter((p) => p.role !== 'CONSUMER' && p.state === 'ACTIVE').map((p) => p.id));
  return [...ctx.sockets.values()].filter((s) => s.open && ids.has(s.agent.legacyId));
}

function deliver(ctx: SimContext, conv: Conversation, body: Record<string, unknown>): void {
  for (const s of participantSockets(ctx, conv)) notify(s, EVENT_NOTIFICATION, body);
}

/** Stores a messaging event (content, accept status, rich content) with the next per-dialog sequence and broadcasts it. */
export function storeEvent(
  ctx: SimContext, conv: Conversation, from: Originator, event: SimMessage['event'], audience?: SimMessage['messageAudience'],
): SimMessage {
  const m: SimMessage = {
    sequence: conv.nextSequence++,
    dialogId: conv.convId,
    originatorId: from.id,
    role: from.role,
    serverTimestamp: ctx.opts.clock.now(),
    event,
  };
  if (audience) m.messageAudience = audience;
  conv.events.push(m);
  const isContent = event.type === 'ContentEvent' || event.type === 'RichContentEvent';
  if (isContent) {
    conv.lastContent = m;
    conv.lastRead.set(from.id, m.sequence);
  }
  if (event.type === 'AcceptStatusEvent' && event.status === 'READ' && Array.isArray(event.sequenceList)) {
    const max = Math.max(-1, ...event.sequenceList.filter((n): n is number => typeof n === 'number'));
    if (max > (conv.lastRead.get(from.id) ?? -1)) conv.lastRead.set(from.id, max);
  }
  deliver(ctx, conv, eventBody(ctx, conv, m, from.pid));
  ctx.events.emit('message', m);
  if (isContent && from.role === 'CONSUMER' && !conv.routable) {
    conv.routable = true;
  }
  if (isContent || event.type === 'AcceptStatusEvent') touch(ctx, conv, isContent);
  return m;
}

/** Chat-state events are not stored and carry no sequence / serverTimestamp (§7). */
export function broadcastChatState(ctx: SimContext, conv: Conversation, from: Originator, event: SimMessage['event']): void {
  const clientProperties = { type: '.ClientProperties', ipAddress: '127.0.0.1' };
  deliver(ctx, conv, {
    originatorClientProperties: clientProperties,
    originatorId: from.id,
    originatorPId: from.pid,
    originatorMetadata: { id: from.pid, role: from.role, clientProperties },
    event,
    conversationId: conv.convId,
    dialogId: conv.convId,
    metadata: [],
  });
}

function unreadCounts(conv: Conversation): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of conv.participants) {
    if (p.state !== 'ACTIVE') continue;
    const last = conv.lastRead.get(p.id) ?? -1;
    out[p.id] = conv.events.filter((e) => e.sequence > last && e.originatorId !== p.id && (e.event.type === 'ContentEvent' || e.event.type === 'RichContentEvent')).length;
  }
  return out;
}

/** One ExConversationChangeNotification `result`, in the raw shape (participants maps, participantsPId always present). */
function exConvResult(ctx: SimContext, conv: Conversation, withLastContent = false): Record<string, unknown> {
  const dialog: Record<string, unknown> = {
    dialogId: conv.convId,
    dialogType: 'MAIN',
    channelType: 'MESSAGING',
    state: conv.state,
    participantsDetails: conv.participants.map((p) => ({ id: p.id, role: p.role, state: p.state })),
    creationTs: conv.startTs,
    metaDataLastUpdateTs: conv.metaDataLastUpdateTs,
  };
  if (conv.state === 'CLOSE') {
    dialog.endTs = conv.endTs;
    dialog.closedBy = conv.closedBy ?? conv.closeReason;
  }
  const details: Record<string, unknown> = {
    convId: conv.convId,
    skillId: conv.skillId,
    brandId: ctx.opts.accountId,
    participants: participantsMap(conv, 'id'),
    participantsPId: participantsMap(conv, 'pid'),
    dialogs: [dialog],
    state: conv.state,
    stage: conv.state,
    startTs: conv.startTs,
    metaDataLastUpdateTs: conv.metaDataLastUpdateTs,
    firstConversation: false,
    csatRate: conv.csatRate,
    ttr: conv.ttr,
    note: '',
    context: { type: 'SharkContext', lang: 'en-US', clientProperties: { type: '.ClientProperties', appId: 'webAsync', integration: 'WEB_SDK' } },
    conversationHandlerDetails: { accountId: ctx.opts.accountId, skillId: conv.skillId },
  };
  if (conv.state === 'CLOSE') {
    details.endTs = conv.endTs;
    details.closeReason = conv.closeReason;
  }
  const result: Record<string, unknown> = {
    convId: conv.convId,
    effectiveTTR: effectiveTtr(conv),
    lastUpdateTime: conv.metaDataLastUpdateTs,
    numberOfunreadMessages: unreadCounts(conv),
    conversationDetails: details,
  };
  if (withLastContent && conv.lastContent) {
    result.lastContentEventNotification = eventBody(ctx, conv, conv.lastContent, pidOf(ctx, conv, conv.lastContent.originatorId));
  }
  return result;
}

/**
 * §7 effectiveTTR as this simulator reads it: the epoch ms by which an agent should answer — the
 * consumer's first content message since the last public agent answer, plus the conversation's ttr
 * (seconds); -1 when nobody waits.
 */
export function effectiveTtr(conv: Conversation): number {
  let since: number | undefined;
  for (const m of conv.events) {
    const isContent = m.event.type === 'ContentEvent' || m.event.type === 'RichContentEvent';
    if (!isContent || m.messageAudience !== undefined) continue;
    if (m.role === 'CONSUMER') since ??= m.serverTimestamp;
    else since = undefined;
  }
  return since === undefined ? -1 : since + conv.ttr.value * 1000;
}

function subMatches(sub: ExConvSub, conv: Conversation): boolean {
  if (!sub.convStates.has(conv.state)) return false;
  if (!sub.agentIds) return true;
  const ids = sub.agentIds;
  return conv.participants.some((p) => p.role !== 'CONSUMER' && ids.has(p.id));
}

/**
 * Sends the subscription's snapshot: every matching conversation in one notification (possibly `changes: []`).
 * Each UPSERT carries the conversation's `lastContentEventNotification` when it has one, as LivePerson's do
 * (§7): clients use its sequence to know how much history to fetch after a reconnect.
 */
export function sendSnapshot(ctx: SimContext, sock: AgentSocket, sub: ExConvSub): void {
  const changes: unknown[] = [];
  for (const conv of ctx.conversations.values()) {
    if (!subMatches(sub, conv) || conv.metaDataLastUpdateTs < sub.minLastUpdatedTime) continue;
    sub.visible.add(conv.convId);
    changes.push({ type: 'UPSERT', result: exConvResult(ctx, conv, true) });
    if (changes.length >= 1000) break;
  }
  notify(sock, EXCONV_NOTIFICATION, { subscriptionId: sub.subscriptionId, changes });
}

/**
 * Call after any change to a conversation: bumps metaDataLastUpdateTs, notifies subscriptions, emits
 * `conversation`. Live updates carry `lastContentEventNotification` only when a content event caused
 * them (snapshots carry it whenever there is one, sendSnapshot); the reference says it is sometimes
 * missing, so clients must never read messages from it.
 */
export function touch(ctx: SimContext, conv: Conversation, withLastContent = false): void {
  conv.metaDataLastUpdateTs = Math.max(conv.metaDataLastUpdateTs + 1, ctx.opts.clock.now());
  const result = exConvResult(ctx, conv, withLastContent);
  for (const sock of ctx.sockets.values()) {
    if (!sock.open) continue;
    for (const sub of sock.exConvSubs.values()) {
      if (subMatches(sub, conv)) {
        sub.visible.add(conv.convId);
        notify(sock, EXCONV_NOTIFICATION, { subscriptionId: sub.subscriptionId, changes: [{ type: 'UPSERT', result }] });
      } else if (sub.visible.has(conv.convId)) {
        sub.visible.delete(conv.convId);
        notify(sock, EXCONV_NOTIFICATION, { subscriptionId: sub.subscriptionId, changes: [{ type: 'DELETE', result }] });
      }
    }
  }
  ctx.events.emit('conversation', view(conv));
}

export function newSubscriptionId(): string {
  return randomUUID();
}

/** Closes the conversation (state CLOSE, endTs, closeReason), cancels its rings and notifies. */
export function closeConversation(ctx: SimContext, conv: Conversation, closeReason: 'AGENT' | 'CONSUMER' | 'SYSTEM', closedBy?: string): void {
  if (conv.state === 'CLOSE') return;
  cancelRings(ctx, conv);
  conv.state = 'CLOSE';
  conv.endTs = ctx.opts.clock.now();
  conv.closeReason = closeReason;
  conv.closedBy = closedBy ?? closeReason;
  ctx.log(`conversation ${conv.convId} closed by ${closeReason}`);
  touch(ctx, conv);
}
