/**
 * The outbox items' side of the message lists: an item's pending copy (queued/sending), its
 * completion when its sequence is known (publish acknowledged, echo, or found in history) and its
 * failure. Both the messaging path (session/messages.ts) and the sending loop (session/outbox.ts)
 * settle items through here.
 */
import type { OutboxItem } from '../decisions/outbox';
import type { ChatMessage } from '../protocol/model';
import type { SessionContext } from './context';

/** The agent's own message as known before the server acknowledged it. */
export function pendingMessage(ctx: SessionContext, item: OutboxItem, delivery: ChatMessage['delivery']): ChatMessage {
  const m: ChatMessage = {
    conversationId: item.conversationId,
    localId: item.localId,
    originatorId: ctx.link.profile?.legacyId ?? '',
    role: 'AGENT',
    own: true,
    contentType: 'text/plain',
    text: item.text,
    timestamp: item.createdAt,
  };
  if (delivery) m.delivery = delivery;
  if (item.private === true) m.private = true;
  if (item.file) {
    m.contentType = 'hosted/file';
    m.file = { ...item.file };
  }
  return m;
}

export function setPendingDelivery(ctx: SessionContext, item: OutboxItem, delivery: 'queued' | 'sending'): void {
  const list = ctx.convs.listFor(item.conversationId);
  let m = list.pending.find((x) => x.localId === item.localId);
  if (!m) {
    m = pendingMessage(ctx, item, delivery);
    list.addPending(m);
  } else if (m.delivery === delivery) {
    return;
  }
  m.delivery = delivery;
  ctx.rt.emit('message', { ...m });
}

/** The socket is gone: everything not awaiting a response reads 'queued' again. */
export function markPendingQueued(ctx: SessionContext): void {
  for (const item of ctx.outbox.items.all()) {
    if (!ctx.outbox.isInFlight(item.localId)) setPendingDelivery(ctx, item, 'queued');
  }
}

function forget(ctx: SessionContext, item: OutboxItem): void {
  ctx.outbox.items.remove(item.localId);
  ctx.outbox.cancelRetry(item.localId);
}

/** The item is on the server with this sequence. */
export function completeItem(ctx: SessionContext, item: OutboxItem, sequence: number): void {
  forget(ctx, item);
  const msg = ctx.convs.listIfAny(item.conversationId)?.acknowledge(item.localId, sequence);
  const out = msg ?? { ...pendingMessage(ctx, item, 'sent'), sequence };
  ctx.rt.emit('message', { ...out });
  // The agent answered (its publish acknowledged before any echo): the consumer no longer waits.
  const conv = ctx.convs.get(item.conversationId);
  if (conv && item.private !== true && conv.awaitingReplySince !== undefined) {
    delete conv.awaitingReplySince;
    ctx.convs.emit(conv);
  }
}

export function failItem(ctx: SessionContext, item: OutboxItem, error: string): void {
  forget(ctx, item);
  const m = ctx.convs.listIfAny(item.conversationId)?.removePending(item.localId) ?? pendingMessage(ctx, item, 'failed');
  m.delivery = 'failed';
  m.error = error;
  ctx.rt.emit('message', { ...m });
}

/** Fails the conversation's items that are not awaiting a response (those settle with it). */
export function failConversationItems(ctx: SessionContext, cid: string, error: string): void {
  for (const item of ctx.outbox.items.forConversation(cid)) {
    if (!ctx.outbox.isInFlight(item.localId)) failItem(ctx, item, error);
  }
}
