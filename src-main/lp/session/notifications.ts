/**
 * Notification dispatch: routing (rings), conversations, messaging events and agent state.
 * Decisions come from the pure modules (decisions/rings, conversations, messages); this applies
 * them to the session state, timers and events. Nothing throws out of a handler: a malformed
 * notification (or a malformed change inside one) is logged without content and ignored.
 *
 * Decisions where the reference is silent (?):
 * - A waiting ring ends 'accepted' as soon as its conversation shows this agent as ASSIGNED_AGENT,
 *   whichever of notification and response comes first (§13).
 * - Removal reasons come from what this client asked for (recorded BEFORE the request, because the
 *   notification may beat the response, §13); without one: another agent or a new skill →
 *   'transferred', else 'removed'.
 * - AgentStateNotification for this agent with another availability (changed by another client of
 *   the same user) is adopted as the desired state, unless our own SetAgentState is in flight.
 * - Messaging events for dialogs of conversations this agent does not hold are dropped (§7 #80).
 */
import type { z } from 'zod';
import type { UmsNotification } from '../connection/api';
import type { Availability, Ring, RingEndReason, RingState } from '../protocol/model';
import {
  agentStateNotificationSchema, changesEnvelopeSchema, parseWith, rawConversationChangeSchema,
  parseMessagingEvent, rawRoutingChangeSchema, type RawConversationChange,
} from '../protocol/notifications';
import { applyRoutingChange, expiredRings, type RingDecision } from '../decisions/rings';
import { applyConversationChange, dialogIdsOf, type RemovalReason } from '../decisions/conversations';
import { KNOWN_NOTIFICATIONS, NOTIFICATION } from '../protocol/names';
import type { SessionContext } from './context';
import { consumerNameFor, fetchProfileInBackground } from './consumers';
import { ingestEvent, syncHistory } from './messages';
import { drain } from './outbox';
import { failConversationItems } from './outbox-items';

const AVAILABILITIES: ReadonlySet<string> = new Set<Availability>(['ONLINE', 'AWAY', 'BACK_SOON', 'OFFLINE', 'OCCUPIED']);

export function onNotification(ctx: SessionContext, n: UmsNotification): void {
  switch (n.type) {
    case NOTIFICATION.routing: return onRouting(ctx, n.body);
    case NOTIFICATION.conversations: return onConversations(ctx, n.body);
    case NOTIFICATION.messaging: return onMessaging(ctx, n.body);
    case NOTIFICATION.agentState: return onAgentState(ctx, n.body);
    default:
      // Unknown types are logged once by the connection; here only known ones this session does not handle.
      if (KNOWN_NOTIFICATIONS.has(n.type)) ctx.logger.log('debug', `Notification ${n.type} ignored`);
  }
}

function bad(ctx: SessionContext, type: string, error: string): void {
  ctx.logger.log('warn', `Ignored a malformed ${type} notification (${error})`);
}

/**
 * Parses the `changes` envelope, then each change on its own (one malformed change does not hide the
 * others) and applies the good ones, each guarded. Nothing happens before the agent is known.
 */
function eachChange<S extends z.ZodType>(
  ctx: SessionContext, body: unknown, type: string, schema: S, apply: (change: z.infer<S>) => void,
): void {
  const parsed = parseWith(changesEnvelopeSchema, body);
  if (!parsed.ok) return bad(ctx, type, parsed.error);
  if (!ctx.profile) return;
  // One log line per notification, however many of its changes are malformed (no flood from one frame).
  let badCount = 0;
  let firstError = '';
  for (const raw of parsed.value.changes) {
    const change = parseWith(schema, raw);
    if (change.ok) ctx.safely(`${type} change`, () => apply(change.value));
    else if ((badCount += 1) === 1) firstError = change.error;
  }
  if (badCount > 0) bad(ctx, `${type} change`, badCount === 1 ? firstError : `${badCount} changes; first: ${firstError}`);
}

// ---------- rings ----------

function onRouting(ctx: SessionContext, body: unknown): void {
  const rc = { now: ctx.clock.now(), serverOffsetMs: ctx.serverOffsetMs, myIds: ctx.myIds() };
  eachChange(ctx, body, 'RoutingTaskNotification', rawRoutingChangeSchema, (change) => {
    for (const d of applyRoutingChange(ctx.rings, ctx.endedRings, change, rc)) applyRingDecision(ctx, d);
  });
}

function applyRingDecision(ctx: SessionContext, d: RingDecision): void {
  const ring = d.entry.ring;
  if (d.type === 'ended') return endRing(ctx, ring.ringId, d.reason, ring.state);
  ctx.rings.set(ring.ringId, d.entry);
  if (d.type === 'updated') {
    ctx.emit('ring/updated', { ...ring });
    return;
  }
  const name = consumerNameFor(ctx, ring.consumerId);
  if (name) ring.consumerName = name;
  scheduleRingExpiry(ctx, ring);
  ctx.emit('ring/offered', { ...ring });
  if (!ring.consumerName && ring.consumerId) fetchProfileInBackground(ctx, ring.consumerId);
}

function scheduleRingExpiry(ctx: SessionContext, ring: Ring): void {
  ctx.cancel(ctx.ringTimers.get(ring.ringId));
  ctx.ringTimers.set(ring.ringId, ctx.later(() => {
    ctx.ringTimers.delete(ring.ringId);
    endRing(ctx, ring.ringId, 'expired', 'EXPIRED');
  }, ring.expiresAt - ctx.clock.now()));
}

/** Rings whose time passed (e.g. while the socket was down) end 'expired'. */
export function expireDueRings(ctx: SessionContext): void {
  for (const e of expiredRings(ctx.rings, ctx.clock.now())) endRing(ctx, e.ring.ringId, 'expired', 'EXPIRED');
}

const END_STATE: Record<RingEndReason, RingState> = {
  accepted: 'ACCEPTED',
  rejected: 'REJECTED',
  expired: 'EXPIRED',
  cancelled: 'CANCELLED',
  'taken-elsewhere': 'CANCELLED',
  removed: 'CANCELLED',
};

/**
 * Ends a known ring (no-op for an unknown one) and remembers its id so it is never offered again.
 * The ended ring carries a terminal state: the server's when it named one, else one for the reason.
 */
export function endRing(ctx: SessionContext, ringId: string, reason: RingEndReason, state?: RingState): void {
  const entry = ctx.rings.get(ringId);
  if (!entry) return;
  ctx.rings.delete(ringId);
  ctx.endedRings.add(ringId);
  ctx.cancelKeyed(ctx.ringTimers, ringId);
  const ring: Ring = { ...entry.ring, state: state !== undefined && state !== 'WAITING' ? state : END_STATE[reason] };
  ctx.emit('ring/ended', { ring, reason });
}

// ---------- conversations ----------

function onConversations(ctx: SessionContext, body: unknown): void {
  eachChange(ctx, body, 'ExConversationChangeNotification', rawConversationChangeSchema, (change) => applyConversation(ctx, change));
}

function applyConversation(ctx: SessionContext, change: RawConversationChange): void {
  const cid = change.result.convId ?? change.result.conversationDetails?.convId;
  if (cid === undefined) return bad(ctx, 'ExConversationChangeNotification', 'no convId');
  const closing = change.type === 'DELETE' || change.result.conversationDetails?.state === 'CLOSE';
  if (ctx.snapshot && change.type === 'UPSERT' && !closing) ctx.snapshot.ids.add(cid);
  if (closing && !ctx.convs.has(cid)) ctx.endedConversations.add(cid);
  const prev = ctx.convs.get(cid);
  const d = applyConversationChange(prev, change, ctx.me, ctx.clock.now(), ctx.intents.get(cid));
  if (d.type === 'ignore') {
    ctx.logger.log('debug', `Conversation change ignored: ${d.why}`);
    return;
  }
  if (d.type === 'removed') return removeConversation(ctx, cid, d.reason);
  const conv = d.conversation;
  for (const dlg of dialogIdsOf(change)) ctx.dialogToConv.set(dlg, cid);
  if (!conv.consumerName) {
    const name = consumerNameFor(ctx, conv.consumerId);
    if (name) conv.consumerName = name;
  }
  ctx.convs.set(cid, conv);
  ctx.endedConversations.delete(cid); // held again (e.g. back to the queue, then accepted again)
  ctx.emitConversation(conv);
  // A waiting ring for a conversation that is now ours was accepted (maybe elsewhere: §13 ordering).
  if (conv.mine) {
    for (const e of [...ctx.rings.values()]) if (e.ring.conversationId === cid) endRing(ctx, e.ring.ringId, 'accepted', 'ACCEPTED');
  }
  if (!d.isNew) return;
  if (!conv.consumerName && conv.consumerId) fetchProfileInBackground(ctx, conv.consumerId);
  if (ctx.live) {
    void syncHistory(ctx, cid)
      .catch((err: unknown) => ctx.log('warn', 'History query failed', err))
      .finally(() => drain(ctx, cid));
  }
}

export function removeConversation(ctx: SessionContext, cid: string, reason: RemovalReason): void {
  if (!ctx.convs.has(cid)) return;
  failConversationItems(ctx, cid, reason === 'closed'
    ? 'The conversation was closed before the message could be sent'
    : 'The conversation left this agent before the message could be sent');
  ctx.convs.delete(cid);
  ctx.endedConversations.add(cid);
  ctx.lists.delete(cid);
  ctx.historySynced.delete(cid);
  ctx.everSynced.delete(cid);
  ctx.intents.delete(cid);
  ctx.cancelKeyed(ctx.intentTimers, cid);
  for (const [dlg, c] of ctx.dialogToConv) if (c === cid) ctx.dialogToConv.delete(dlg);
  ctx.emit('conversation/removed', { conversationId: cid, reason });
}

// ---------- agent state ----------

function onAgentState(ctx: SessionContext, body: unknown): void {
  const parsed = parseWith(agentStateNotificationSchema, body);
  if (!parsed.ok) return bad(ctx, 'AgentStateNotification', parsed.error);
  const ids = ctx.myIds();
  for (const c of parsed.value.changes) {
    const a = c.result.availability;
    if (c.type !== 'UPSERT' || c.result.agentUserId === undefined || !ids.has(c.result.agentUserId)) continue;
    if (a === undefined || !AVAILABILITIES.has(a)) continue;
    // Changed elsewhere (another client of this user): adopt it, unless ours is on its way.
    if (a !== ctx.desired && ctx.agentStateInFlight === 0) {
      ctx.desired = a as Availability;
      ctx.emit('availability', ctx.desired);
    }
  }
}

// ---------- messaging (hot path: one call per message) ----------

function onMessaging(ctx: SessionContext, body: unknown): void {
  const parsed = parseMessagingEvent(body);
  if (!parsed.ok) return bad(ctx, 'OnlineEventDistribution', parsed.error);
  const raw = parsed.value;
  const dialogId = raw.dialogId;
  const cid = dialogId === undefined ? undefined : ctx.dialogToConv.get(dialogId) ?? (ctx.convs.has(dialogId) ? dialogId : undefined);
  if (cid === undefined) {
    ctx.logger.log('debug', 'Messaging event for a conversation this agent does not hold: ignored');
    return;
  }
  if (raw.serverTimestamp !== undefined && raw.sequence !== undefined) ctx.serverOffsetMs = raw.serverTimestamp - ctx.clock.now();
  ingestEvent(ctx, cid, raw, true);
}
