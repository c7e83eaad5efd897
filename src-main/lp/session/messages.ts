/**
 * Messages of the conversations this agent holds: one messaging event (live or from history) into
 * the conversation's MessageList, and history queries (QueryMessages from the last known
 * sequence, inclusive: §13, 0 is a valid sequence; duplicates are dropped by sequence).
 *
 * Hot path: a live consumer message is read once at the edge (protocol/events.ts), classified once
 * (readMessagingEvent), then costs a binary search at most (usually an append) and two events;
 * nothing here scans a conversation's messages.
 */
import { capText } from '../decisions/text-cap';
import type { ChatMessage } from '../protocol/model';
import { advanceDelivery, readMessagingEvent } from '../decisions/messages';
import type { OutboxItem } from '../decisions/outbox';
import { REQUEST } from '../protocol/names';
import { parseMessagingEvent, parseWith, queryMessagesResponseSchema, type RawMessagingEvent } from '../protocol/notifications';
import type { SessionContext } from './context';
import { completeItem } from './outbox-items';
import { nextAwaitingReplySince } from '../decisions/conversations';

const PREVIEW_MAX = 120;

/** One messaging event. Returns true if the message list changed. Events are emitted only for live events. */
export function ingestEvent(ctx: SessionContext, cid: string, raw: RawMessagingEvent, liveEvent: boolean): boolean {
  if (liveEvent) noteContiguous(ctx, cid, raw.sequence);
  const fact = readMessagingEvent(raw, cid, ctx.link.me, ctx.convs.get(cid)?.consumerId);
  switch (fact.kind) {
    case 'typing':
      if (liveEvent) ctx.rt.emit('typing', { conversationId: cid, participantId: fact.participantId, role: fact.role, state: fact.state });
      return false;
    case 'receipt':
      applyReceipt(ctx, cid, fact.status, fact.sequences, liveEvent);
      return false;
    case 'none':
      return false;
    default:
      break;
  }
  const msg = fact.message;
  const seq = msg.sequence ?? -1;
  const list = ctx.convs.listFor(cid);
  if (list.bySequence(seq)) return false; // duplicate (history ∩ live, re-sent)
  const item = msg.own ? claimOwnMessage(ctx, cid, msg, fact.externalId) : undefined;
  const capped = capText(msg.text);
  if (capped.dropped > 0) {
    msg.text = capped.text;
    msg.truncatedChars = capped.dropped;
  }
  list.addSequenced(msg);
  if (item) completeItem(ctx, item, seq); // emits the merged message
  notePreview(ctx, cid, msg, liveEvent);
  if (!item && liveEvent) ctx.rt.emit('message', { ...msg });
  return true;
}

/**
 * The outbox item an own message is the echo of: by its ExternalId, else (no ExternalId) the
 * conversation's head item when it was sent before this sequence with the same text. An
 * ExternalId of no current item (sent by an earlier run) claims the message: never matched by text.
 */
function claimOwnMessage(ctx: SessionContext, cid: string, msg: ChatMessage, externalId: string | undefined): OutboxItem | undefined {
  if (externalId !== undefined) {
    const item = ctx.outbox.items.get(externalId);
    if (!item) msg.localId = externalId;
    return item;
  }
  const head = ctx.outbox.items.head(cid);
  const seq = msg.sequence ?? -1;
  if (head && head.sentAfterSequence !== undefined && head.text === msg.text && seq > head.sentAfterSequence) return head;
  return undefined;
}

function applyReceipt(
  ctx: SessionContext, cid: string, status: 'ACCEPT' | 'READ' | 'ACCESS' | 'NACK' | 'ACTION', sequences: number[], liveEvent: boolean,
): void {
  const list = ctx.convs.listIfAny(cid);
  const delivery = status === 'READ' ? 'read' : status === 'ACCEPT' ? 'delivered' : undefined;
  if (list && delivery) {
    for (const seq of sequences) {
      const m = list.bySequence(seq);
      if (!m?.own) continue;
      const next = advanceDelivery(m.delivery, delivery);
      if (next === m.delivery) continue;
      m.delivery = next;
      if (liveEvent) ctx.rt.emit('message', { ...m });
    }
  }
  if (liveEvent) ctx.rt.emit('receipt', { conversationId: cid, sequences, status });
}

/** The conversation's preview follows its newest message. */
function notePreview(ctx: SessionContext, cid: string, msg: ChatMessage, liveEvent: boolean): void {
  const conv = ctx.convs.get(cid);
  if (!conv) return;
  const last = ctx.convs.listIfAny(cid)?.maxSequence();
  if (last !== undefined && msg.sequence !== undefined && msg.sequence < last) return;
  conv.lastMessagePreview = msg.text.length > PREVIEW_MAX ? `${msg.text.slice(0, PREVIEW_MAX - 1)}…` : msg.text;
  if (msg.role === 'CONSUMER') conv.lastConsumerMessageTs = msg.timestamp;
  const since = nextAwaitingReplySince(conv.awaitingReplySince, msg);
  if (since === undefined) delete conv.awaitingReplySince;
  else conv.awaitingReplySince = since;
  if (liveEvent) ctx.convs.emit(conv);
}

/** A live event right after the synced watermark moves it on (a gap stops it: the next query fills the gap). */
function noteContiguous(ctx: SessionContext, cid: string, seq: number | undefined): void {
  const list = ctx.convs.listIfAny(cid);
  if (list?.syncedUpTo !== undefined && seq === list.syncedUpTo + 1) list.syncedUpTo = seq;
}

/**
 * QueryMessages from the last known sequence (or 0 with `full`), merged into the list. Emits
 * 'history' when something changed, when asked for the full list, and the first time per conversation.
 */
export async function syncHistory(ctx: SessionContext, cid: string, full = false): Promise<ChatMessage[]> {
  const gen = ctx.link.generation;
  const list = ctx.convs.listFor(cid);
  const from = full ? 0 : list.syncedUpTo ?? 0;
  const resp = await ctx.rt.request(REQUEST.queryMessages, { dialogId: cid, fromSeq: from, newerThanSequence: from });
  if (!ctx.convs.has(cid)) return [];
  const events = parseWith(queryMessagesResponseSchema, resp.body);
  let changed = false;
  let badCount = 0;
  if (events.ok) {
    const parsedEvents: RawMessagingEvent[] = [];
    for (const e of events.value) {
      const p = parseMessagingEvent(e);
      if (p.ok) parsedEvents.push(p.value);
      else badCount += 1;
    }
    parsedEvents.sort((a, b) => (a.sequence ?? 0) - (b.sequence ?? 0));
    for (const e of parsedEvents) {
      // One event that cannot be taken in is skipped and counted: it never aborts the page (#17).
      try {
        if (ingestEvent(ctx, cid, e, false)) changed = true;
      } catch (err) {
        badCount += 1;
        ctx.rt.log('warn', 'QueryMessages: an event could not be taken in', err);
      }
    }
    // Everything up to the newest event of the answer is known now (the query started at a known point).
    const top = parsedEvents.at(-1)?.sequence;
    const synced = ctx.convs.listIfAny(cid);
    if (synced && top !== undefined && (synced.syncedUpTo === undefined || top > synced.syncedUpTo)) synced.syncedUpTo = top;
  } else {
    badCount += 1;
  }
  if (badCount > 0) ctx.rt.logger.log('warn', `QueryMessages: ${badCount} malformed event(s) ignored`);
  if (gen === ctx.link.generation) ctx.convs.markSynced(cid);
  const first = ctx.convs.firstHistory(cid);
  const messages = ctx.convs.listFor(cid).list();
  const conv = ctx.convs.get(cid);
  if (changed && conv) ctx.convs.emit(conv); // preview and response timer may have moved
  if (changed || full || first) ctx.rt.emit('history', { conversationId: cid, messages: messages.map((m) => ({ ...m })) });
  return messages;
}
