/**
 * One pass per notification: read once at the edge into a typed event (protocol/events.ts), decide
 * with the pure modules (decisions/rings, conversations, messages), and let the part that owns the
 * state apply it and emit. Nothing throws out of a handler: a malformed notification (or a
 * malformed change inside one) is logged without content and ignored.
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
import { applyConversationChange, dialogIdsOf } from '../decisions/conversations';
import { readNotification, type BadChanges } from '../protocol/events';
import { NOTIFICATION } from '../protocol/names';
import { readMessagingEventBody, type RawConversationChange, type RawMessagingEvent } from '../protocol/notifications';
import type { UmsNotification } from '../protocol/ums';
import type { SessionContext } from './context';
import { ingestEvent, syncHistory } from './messages';
import { drain } from './outbox';

export function onNotification(ctx: SessionContext, n: UmsNotification): void {
  if (n.type === NOTIFICATION.messaging) {
    // The hot path (one per message): read as readNotification would, without its wrapper.
    const event = readMessagingEventBody(n.body);
    if (typeof event === 'string') return bad(ctx, 'OnlineEventDistribution', event);
    return onMessaging(ctx, event);
  }
  const e = readNotification(n);
  switch (e.kind) {
    case 'routing':
      if (!ctx.link.profile) return; // nothing happens before the agent is known
      for (const change of e.changes) {
        ctx.rt.safely('RoutingTaskNotification change', () => ctx.rings.applyChange(change, { serverOffsetMs: ctx.link.serverOffsetMs, myIds: ctx.link.myIds() }));
      }
      return reportBadChanges(ctx, 'RoutingTaskNotification', e.bad);
    case 'conversations':
      if (!ctx.link.profile) return;
      for (const change of e.changes) ctx.rt.safely('ExConversationChangeNotification change', () => applyConversation(ctx, change));
      return reportBadChanges(ctx, 'ExConversationChangeNotification', e.bad);
    case 'agentState': {
      const ids = ctx.link.myIds();
      for (const c of e.changes) if (ids.has(c.agentUserId)) ctx.link.adoptRemote(c.availability);
      return;
    }
    case 'messaging':
      return onMessaging(ctx, e.event);
    case 'malformed':
      return bad(ctx, e.name, e.error);
    case 'ignored':
      // Unknown types are logged once by the connection; here only known ones this session does not handle.
      if (e.known) ctx.rt.logger.log('debug', `Notification ${n.type} ignored`);
  }
}

function bad(ctx: SessionContext, type: string, error: string): void {
  ctx.rt.logger.log('warn', `Ignored a malformed ${type} notification (${error})`);
}

/** One log line per notification, however many of its changes are malformed (no flood from one frame). */
function reportBadChanges(ctx: SessionContext, type: string, b: BadChanges | undefined): void {
  if (b) bad(ctx, `${type} change`, b.count === 1 ? b.first : `${b.count} changes; first: ${b.first}`);
}

/**
 * The sequence of the conversation's newest content event, as the change announces it
 * (`lastContentEventNotification.sequence`, lp-protocol.md §7; sometimes missing): a paging hint for
 * history syncs (MessageList.noteAnnounced), never a message. Anything but a sequence is ignored.
 */
function announcedSequence(change: RawConversationChange): number | undefined {
  const last = change.result.lastContentEventNotification;
  if (typeof last !== 'object' || last === null) return undefined;
  const seq = (last as { sequence?: unknown }).sequence;
  return typeof seq === 'number' && Number.isSafeInteger(seq) && seq >= 0 ? seq : undefined;
}

function applyConversation(ctx: SessionContext, change: RawConversationChange): void {
  const cid = change.result.convId ?? change.result.conversationDetails?.convId;
  if (cid === undefined) return bad(ctx, 'ExConversationChangeNotification', 'no convId');
  const closing = change.type === 'DELETE' || change.result.conversationDetails?.state === 'CLOSE';
  if (change.type === 'UPSERT' && !closing) ctx.link.noteOpen(cid);
  if (closing) ctx.convs.noteEnded(cid);
  const d = applyConversationChange(ctx.convs.get(cid), change, ctx.link.me, ctx.rt.clock.now(), ctx.convs.intentFor(cid));
  if (d.type === 'ignore') {
    ctx.rt.logger.log('debug', `Conversation change ignored: ${d.why}`);
    return;
  }
  if (d.type === 'removed') return ctx.convs.remove(cid, d.reason);
  const conv = d.conversation;
  if (!conv.consumerName) {
    const name = ctx.consumers.nameFor(conv.consumerId);
    if (name) conv.consumerName = name;
  }
  ctx.convs.upsert(conv, dialogIdsOf(change));
  const announced = announcedSequence(change);
  if (announced !== undefined) ctx.convs.listFor(cid).noteAnnounced(announced);
  if (conv.mine) ctx.rings.acceptedWith(cid);
  if (!d.isNew) return;
  if (!conv.consumerName && conv.consumerId) ctx.consumers.learnInBackground(conv.consumerId);
  if (ctx.link.live) {
    void syncHistory(ctx, cid)
      .catch((err: unknown) => ctx.rt.log('warn', 'History query failed', err))
      .finally(() => drain(ctx, cid));
  }
}

// ---------- messaging (hot path: one call per message) ----------

function onMessaging(ctx: SessionContext, raw: RawMessagingEvent): void {
  const cid = ctx.convs.forDialog(raw.dialogId);
  if (cid === undefined) {
    ctx.rt.logger.log('debug', 'Messaging event for a conversation this agent does not hold: ignored');
    return;
  }
  if (raw.serverTimestamp !== undefined && raw.sequence !== undefined) ctx.link.noteServerTime(raw.serverTimestamp);
  ingestEvent(ctx, cid, raw, true);
}
