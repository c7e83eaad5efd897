/**
 * Messages of the conversations this agent holds: one messaging event (live or from history) into
 * the conversation's MessageList, and history queries (QueryMessages from the last known
 * sequence, inclusive: §13, 0 is a valid sequence; duplicates are dropped by sequence).
 *
 * Hot path: a live consumer message costs one parse (in the caller), one classification, a binary
 * search at most (usually an append) and two events; nothing here scans a conversation's messages.
 */
import type { ChatMessage } from '../protocol/model';
import { advanceDelivery, describeEvent, eventLocalId, isOwnEvent, originatorRole, toChatMessage } from '../decisions/messages';
import { parseMessagingEvent, parseWith, queryMessagesResponseSchema, type RawMessagingEvent } from '../protocol/notifications';
import type { OutboxItem } from '../decisions/outbox';
import { REQUEST } from '../protocol/names';
import type { SessionContext } from './context';
import { completeItem } from './outbox-items';
import { nextAwaitingReplySince } from '../decisions/conversations';

const PREVIEW_MAX = 120;

/** One messaging event. Returns true if the message list changed. Events are emitted only for live events. */
export function ingestEvent(ctx: SessionContext, cid: string, raw: RawMessagingEvent, liveEvent: boolean): boolean {
  if (liveEvent) noteContiguous(ctx.lists.get(cid), raw.sequence);
  const d = describeEvent(raw.event);
  switch (d.kind) {
    case 'chatState':
      if (liveEvent && !isOwnEvent(raw, ctx.me)) {
        const role = originatorRole(raw, ctx.convs.get(cid)?.consumerId) === 'CONSUMER' ? 'CONSUMER' : 'AGENT';
        ctx.emit('typing', { conversationId: cid, participantId: raw.originatorId ?? '', role, state: d.state });
      }
      return false;
    case 'accept':
      if (!isOwnEvent(raw, ctx.me)) applyReceipt(ctx, cid, d.status, d.sequences, liveEvent);
      return false;
    case 'content':
      break;
    default:
      return false;
  }
  const msg = toChatMessage(raw, cid, ctx.me, ctx.convs.get(cid)?.consumerId, d);
  if (!msg || msg.sequence === undefined) return false;
  const list = ctx.listFor(cid);
  if (list.bySequence(msg.sequence)) return false; // duplicate (history ∩ live, re-sent)
  const item = msg.own ? claimOwnMessage(ctx, cid, raw, msg) : undefined;
  list.addSequenced(msg);
  if (item) completeItem(ctx, item, msg.sequence); // emits the merged message
  notePreview(ctx, cid, msg, liveEvent);
  if (!item && liveEvent) ctx.emit('message', { ...msg });
  return true;
}

/**
 * The outbox item an own message is the echo of: by its ExternalId, else (no ExternalId) the
 * conversation's head item when it was sent before this sequence with the same text. An
 * ExternalId of no current item (sent by an earlier run) claims the message: never matched by text.
 */
function claimOwnMessage(ctx: SessionContext, cid: string, raw: RawMessagingEvent, msg: ChatMessage): OutboxItem | undefined {
  const ext = eventLocalId(raw);
  if (ext !== undefined) {
    const item = ctx.outbox.get(ext);
    if (!item) msg.localId = ext;
    return item;
  }
  const head = ctx.outbox.head(cid);
  const seq = msg.sequence ?? -1;
  if (head && head.sentAfterSequence !== undefined && head.text === msg.text && seq > head.sentAfterSequence) return head;
  return undefined;
}

function applyReceipt(
  ctx: SessionContext, cid: string, status: 'ACCEPT' | 'READ' | 'ACCESS' | 'NACK' | 'ACTION', sequences: number[], liveEvent: boolean,
): void {
  const list = ctx.lists.get(cid);
  const delivery = status === 'READ' ? 'read' : status === 'ACCEPT' ? 'delivered' : undefined;
  if (list && delivery) {
    for (const seq of sequences) {
      const m = list.bySequence(seq);
      if (!m?.own) continue;
      const next = advanceDelivery(m.delivery, delivery);
      if (next === m.delivery) continue;
      m.delivery = next;
      if (liveEvent) ctx.emit('message', { ...m });
    }
  }
  if (liveEvent) ctx.emit('receipt', { conversationId: cid, sequences, status });
}

/** The conversation's preview follows its newest message. */
function notePreview(ctx: SessionContext, cid: string, msg: ChatMessage, liveEvent: boolean): void {
  const conv = ctx.convs.get(cid);
  if (!conv) return;
  const last = ctx.lists.get(cid)?.maxSequence();
  if (last !== undefined && msg.sequence !== undefined && msg.sequence < last) return;
  conv.lastMessagePreview = msg.text.length > PREVIEW_MAX ? `${msg.text.slice(0, PREVIEW_MAX - 1)}…` : msg.text;
  if (msg.role === 'CONSUMER') conv.lastConsumerMessageTs = msg.timestamp;
  const since = nextAwaitingReplySince(conv.awaitingReplySince, msg);
  if (since === undefined) delete conv.awaitingReplySince;
  else conv.awaitingReplySince = since;
  if (liveEvent) ctx.emitConversation(conv);
}

/** A live event right after the synced watermark moves it on (a gap stops it: the next query fills the gap). */
function noteContiguous(list: { syncedUpTo: number | undefined } | undefined, seq: number | undefined): void {
  if (list?.syncedUpTo !== undefined && seq === list.syncedUpTo + 1) list.syncedUpTo = seq;
}

/**
 * QueryMessages from the last known sequence (or 0 with `full`), merged into the list. Emits
 * 'history' when something changed, when asked for the full list, and the first time per conversation.
 */
export async function syncHistory(ctx: SessionContext, cid: string, full = false): Promise<ChatMessage[]> {
  const gen = ctx.generation;
  const list = ctx.listFor(cid);
  const from = full ? 0 : list.syncedUpTo ?? 0;
  const resp = await ctx.request(REQUEST.queryMessages, { dialogId: cid, fromSeq: from, newerThanSequence: from });
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
      if (ingestEvent(ctx, cid, e, false)) changed = true;
    }
    // Everything up to the newest event of the answer is known now (the query started at a known point).
    const top = parsedEvents.at(-1)?.sequence;
    const synced = ctx.lists.get(cid);
    if (synced && top !== undefined && (synced.syncedUpTo === undefined || top > synced.syncedUpTo)) synced.syncedUpTo = top;
  } else {
    badCount += 1;
  }
  if (badCount > 0) ctx.logger.log('warn', `QueryMessages: ${badCount} malformed event(s) ignored`);
  if (gen === ctx.generation) ctx.historySynced.add(cid);
  const first = !ctx.everSynced.has(cid);
  ctx.everSynced.add(cid);
  const messages = ctx.listFor(cid).list();
  const conv = ctx.convs.get(cid);
  if (changed && conv) ctx.emitConversation(conv); // preview and response timer may have moved
  if (changed || full || first) ctx.emit('history', { conversationId: cid, messages: messages.map((m) => ({ ...m })) });
  return messages;
}
