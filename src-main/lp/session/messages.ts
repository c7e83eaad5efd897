/**
 * Messages of the conversations this agent holds: one messaging event (live or from history) into
 * the conversation's MessageList, and history queries (QueryMessages from the last known
 * sequence, inclusive: §13, 0 is a valid sequence; duplicates are dropped by sequence).
 *
 * Hot path: a live consumer message is read once at the edge (protocol/events.ts), classified once
 * (readMessagingEvent), then costs a binary search at most (usually an append) and one 'message' event (the
 * conversation's preview is announced once per burst, ConversationsState.touch); nothing here
 * scans a conversation's messages. A live event past a gap (a sequence skipped while the socket
 * stays up) is the only case that does more: the gap is asked for after a grace time (noteLiveGap).
 */
import { capMessageText } from '../decisions/text-cap';
import type { ChatMessage, Conversation } from '../protocol/model';
import { advanceDelivery, deliveryOf, hasSequence, readMessagingEvent, type MessageList, type ReceiptStatus } from '../decisions/messages';
import type { OutboxItem } from '../decisions/outbox';
import type { RawMessagingEvent } from '../protocol/notifications';
import type { SessionContext } from './context';
import { queryMessages, type QueryMessagesAnswer } from './history-query';
import { completeItem } from './outbox-items';
import { nextAwaitingReplySince } from '../decisions/conversations';

const PREVIEW_MAX = 120;

/** QueryMessages pages one history sync asks for at most (morePages): a bound, whatever a server answers. */
const MAX_HISTORY_PAGES = 50;

/** An answer at least this large, and as large as any before it, may have been cut short (morePages). */
const FULL_PAGE_HINT = 25;

/** One messaging event. Returns true if the message list changed. Events are emitted only for live events. */
export function ingestEvent(ctx: SessionContext, cid: string, raw: RawMessagingEvent, liveEvent: boolean): boolean {
  // One lookup each for the conversation and its list (the hot path: once per live message).
  const conv = ctx.convs.get(cid);
  const list = ctx.convs.listFor(cid);
  const synced = list.syncedUpTo;
  if (liveEvent && synced !== undefined) {
    // The usual case is one compare: the event right after the watermark. Only a gap does more.
    // (A chat-state note may carry sequence 0, §7: it must not pass for the first event of a
    // conversation whose history was empty, watermark -1.)
    if (raw.sequence === synced + 1 && (synced !== -1 || raw.event.type !== 'ChatStateEvent')) list.noteSynced(raw.sequence);
    else if (raw.sequence !== undefined && raw.sequence > synced + 1) noteLiveGap(ctx, cid, raw);
  }
  const fact = readMessagingEvent(raw, cid, ctx.link.me, conv?.consumerId);
  // A live receipt (anyone's: LivePerson stores it with a sequence of its own) is known all the same:
  // the watermark may step over it later. Typing notes are not: they carry no real sequence (§7: none, or 0).
  if (liveEvent && fact.kind !== 'message' && raw.event.type === 'AcceptStatusEvent' && hasSequence(raw)) list.noteOther(raw.sequence);
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
  const seq = fact.message.sequence ?? -1;
  if (list.knows(seq)) return false; // duplicate (history ∩ live, re-sent)
  // (Matched on the text as sent, before the cap; the localId it may set is carried by the capped copy.)
  const item = fact.message.own ? claimOwnMessage(ctx, cid, fact.message, fact.externalId) : undefined;
  const msg = capMessageText(fact.message);
  // The newest message moves the preview (checked before adding: an append is the usual case).
  const max = list.maxSequence();
  const newest = max === undefined || seq > max;
  list.addSequenced(msg);
  if (list.overKeep()) trimList(ctx, cid, list);
  if (item) completeItem(ctx, item, seq); // emits the merged message
  if (conv && newest) notePreview(ctx, conv, msg, liveEvent);
  if (!item && liveEvent) ctx.rt.emit('message', { ...msg });
  return true;
}

/**
 * A live event landed above the watermark + 1: a sequence between was not taken in (LivePerson
 * skipped it on the live stream, or it was lost, while the socket stayed up). Until it is known,
 * nothing above the watermark is let go, so it is asked for with a history query from the
 * watermark, after the grace time: live events may come slightly out of order and fill it by
 * themselves. Bounds (one query at a time per conversation, spacing, backoff): session/live-gaps.ts.
 * A reconnect re-syncs every conversation anyway (ready.ts), so only while live.
 */
function noteLiveGap(ctx: SessionContext, cid: string, raw: RawMessagingEvent): void {
  // Chat-state events are not stored (§6, §7: sequence 0 or none): they tell nothing about a gap.
  if (raw.event.type === 'ChatStateEvent' || !hasSequence(raw) || !ctx.link.live || !ctx.convs.gaps.idle(cid)) return;
  const revealedBy = raw.sequence;
  const gen = ctx.link.generation;
  ctx.convs.gaps.schedule(cid, () => queryLiveGap(ctx, cid, revealedBy, gen));
}

/**
 * The grace time is over: if the gap is still there (the watermark below the event that revealed
 * it, or below the newest message: another gap opened meanwhile), QueryMessages from the watermark
 * (syncHistory). Its answer moves the watermark to its newest event, over sequences LivePerson never
 * returns too (noteSynced), so trimming resumes. Failures are logged without content, never thrown
 * (nor logged at all once the socket changed or the session stopped: that is why it failed). A gap
 * wider than one answer is paged through by syncHistory (morePages: the event that revealed it is newer).
 */
function queryLiveGap(ctx: SessionContext, cid: string, revealedBy: number, gen: number): void {
  const list = ctx.convs.listIfAny(cid);
  // Gone, not live, or a new socket since (its re-sync asked from the watermark already).
  if (!list || !ctx.convs.has(cid) || !ctx.link.live || gen !== ctx.link.generation) return;
  const before = list.syncedUpTo ?? -1;
  if (before >= Math.max(revealedBy, list.maxSequence() ?? -1)) return; // filled by late live events
  const gaps = ctx.convs.gaps;
  const token = gaps.begin(cid);
  const cutOff = (): boolean => ctx.rt.stopped || gen !== ctx.link.generation;
  void syncHistory(ctx, cid)
    .catch((err: unknown) => { if (!cutOff()) ctx.rt.log('warn', 'History query for a live gap failed', err); })
    .finally(() => gaps.end(cid, token, cutOff() || (ctx.convs.listIfAny(cid)?.syncedUpTo ?? -1) > before));
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
  ctx: SessionContext, cid: string, status: ReceiptStatus, sequences: number[], liveEvent: boolean,
): void {
  const list = ctx.convs.listIfAny(cid);
  const delivery = deliveryOf(status);
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

/**
 * Main keeps the newest messages of a conversation (MessageList.keep), letting go of older ones
 * only where nothing can still need them: at or below the synced watermark (no gap to fill), and at
 * or below every unacknowledged send's `sentAfterSequence` (its echo, above that, must stay findable:
 * matchSentItem reconciles against the list before any resend).
 */
function trimList(ctx: SessionContext, cid: string, list: MessageList): void {
  let upTo = Infinity;
  for (const item of ctx.outbox.items.forConversation(cid)) {
    if (item.sentAfterSequence !== undefined && item.sentAfterSequence < upTo) upTo = item.sentAfterSequence;
  }
  list.trim(upTo);
}

/**
 * The conversation's preview follows its newest message. A live change is announced once per burst
 * (ConversationsState.touch: one `conversation/upsert` after the frames at hand, not one per message).
 */
function notePreview(ctx: SessionContext, conv: Conversation, msg: ChatMessage, liveEvent: boolean): void {
  conv.lastMessagePreview = msg.text.length > PREVIEW_MAX ? `${msg.text.slice(0, PREVIEW_MAX - 1)}…` : msg.text;
  if (msg.role === 'CONSUMER') conv.lastConsumerMessageTs = msg.timestamp;
  const since = nextAwaitingReplySince(conv.awaitingReplySince, msg);
  if (since === undefined) delete conv.awaitingReplySince;
  else conv.awaitingReplySince = since;
  if (liveEvent) ctx.convs.touch(conv.conversationId);
}

/**
 * QueryMessages from the last known sequence (or 0 with `full`), merged into the list. Emits
 * 'history' when something changed, when asked for the full list, and the first time per conversation.
 */
export async function syncHistory(ctx: SessionContext, cid: string, full = false): Promise<ChatMessage[]> {
  const gen = ctx.link.generation;
  let changed = false;
  let badCount = 0;
  let older: ChatMessage[] = [];
  for (let page = 1; ; page += 1) {
    const from = full ? 0 : Math.max(0, ctx.convs.listFor(cid).syncedUpTo ?? 0); // (-1: an empty conversation, asked from its start)
    let answer: QueryMessagesAnswer;
    try {
      answer = await queryMessages(ctx, cid, from);
    } catch (err) {
      if (page === 1) throw err;
      // A later page failed: the earlier ones are taken in already, so the window is told below
      // (a 'history' event), and the gap logic or the next re-sync asks again from the watermark.
      if (!ctx.rt.stopped && gen === ctx.link.generation) ctx.rt.log('warn', `History query failed on page ${page}`, err);
      break;
    }
    if (!ctx.convs.has(cid)) return [];
    const r = takeHistoryAnswer(ctx, cid, from, answer, full);
    changed ||= r.changed;
    badCount += r.malformed;
    if (full) older = r.older;
    if (full || ctx.rt.stopped || gen !== ctx.link.generation) break;
    const events = answer.events?.length ?? 0;
    const largest = ctx.convs.largestHistoryAnswer;
    ctx.convs.largestHistoryAnswer = Math.max(largest, events);
    if (!morePages(ctx, cid, from, events, largest)) break;
    if (page >= MAX_HISTORY_PAGES) {
      ctx.rt.logger.log('debug', `History sync stopped after ${MAX_HISTORY_PAGES} pages; the rest is asked for by the next gap or re-sync`);
      break;
    }
  }
  if (badCount > 0) ctx.rt.logger.log('warn', `QueryMessages: ${badCount} malformed event(s) ignored`);
  // The announced newest sequence has served this sync (reached, or out of reach: a server that never
  // returns it must not cost a page per sync); the next conversation notification may announce again.
  if (!full) ctx.convs.listIfAny(cid)?.forgetAnnounced();
  if (gen === ctx.link.generation) ctx.convs.markSynced(cid);
  const first = ctx.convs.firstHistory(cid);
  const kept = ctx.convs.listFor(cid).list();
  const messages = older.length > 0 ? [...older, ...kept] : kept;
  const conv = ctx.convs.get(cid);
  if (changed && conv) ctx.convs.emit(conv); // preview and response timer may have moved
  if (changed || full || first) ctx.rt.emit('history', { conversationId: cid, messages: messages.map((m) => ({ ...m })) });
  return messages;
}

/**
 * Whether to ask for the next page. LivePerson does not document a cap on one QueryMessages answer
 * (lp-protocol.md §6, ?); a server that cuts answers short would leave the rest unfetched until the
 * next live event, and a consumer waiting for the agent sends none. Only when the answer moved the
 * watermark (not empty, not stuck: a server that ignores fromSeq ends it) and either
 * - a newer sequence is known already (a live event past the watermark: a wide live gap, or a
 *   reconnect's re-sync that the consumer's next message overtook; or the newest sequence a
 *   conversation notification announced, MessageList.noteAnnounced: a consumer who wrote while the
 *   socket was down and now waits), or
 * - the answer was large (FULL_PAGE_HINT) and as large as `largest`, the largest this session saw
 *   before it: the cap, learned (a server without one costs one extra request each time the largest
 *   answer grows).
 * Otherwise one request per sync, as before.
 */
function morePages(ctx: SessionContext, cid: string, from: number, events: number, largest: number): boolean {
  const list = ctx.convs.listIfAny(cid);
  const w = list?.syncedUpTo;
  if (w === undefined || w <= from) return false;
  const newest = Math.max(list?.maxSequence() ?? -1, list?.announcedSequence() ?? -1);
  if (newest > w) return true;
  return events >= FULL_PAGE_HINT && events >= largest;
}

/** One QueryMessages answer merged into the conversation's list (syncHistory). */
function takeHistoryAnswer(ctx: SessionContext, cid: string, from: number, answer: QueryMessagesAnswer, full: boolean): { changed: boolean; malformed: number; older: ChatMessage[] } {
  let changed = false;
  let badCount = answer.malformed;
  let older: ChatMessage[] = [];
  if (answer.events) {
    const parsedEvents = answer.events;
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
    // (and on over live messages that beat this answer: MessageList.noteSynced)
    if (synced && top !== undefined) synced.noteSynced(top);
    // An empty answer from the start (no event stored, none malformed): nothing exists below 0, so
    // the watermark starts at -1 and live events from 0 on move it (without it, such a conversation
    // would never let a message go, nor see a gap).
    else if (synced && from === 0 && parsedEvents.length === 0 && badCount === 0 && synced.syncedUpTo === undefined) synced.noteSynced(-1);
    if (synced && synced.sequenced.length > synced.keep) trimList(ctx, cid, synced);
    if (full) older = olderThanKept(ctx, cid, parsedEvents);
  }
  return { changed, malformed: badCount, older };
}

/**
 * The messages of a history answer that main no longer keeps (below the oldest kept one): read as
 * they would have been taken in (text cap, the localId an own message carries) with the answer's
 * own receipts applied, for the caller only (loadHistory: "Show earlier messages"); not retained.
 */
function olderThanKept(ctx: SessionContext, cid: string, events: readonly RawMessagingEvent[]): ChatMessage[] {
  const list = ctx.convs.listIfAny(cid);
  const oldestKept = list?.sequenced[0]?.sequence;
  if (list?.floor === undefined) return [];
  const below = (seq: number | undefined): boolean => seq !== undefined && (oldestKept === undefined ? seq <= (list.floor ?? -1) : seq < oldestKept);
  const out: ChatMessage[] = [];
  const bySeq = new Map<number, ChatMessage>();
  const consumerId = ctx.convs.get(cid)?.consumerId;
  for (const e of events) {
    const fact = readMessagingEvent(e, cid, ctx.link.me, consumerId);
    if (fact.kind === 'message' && below(fact.message.sequence) && !bySeq.has(fact.message.sequence ?? -1)) {
      const m = capMessageText(fact.message);
      if (fact.externalId !== undefined) m.localId = fact.externalId;
      bySeq.set(m.sequence ?? -1, m);
      out.push(m);
    } else if (fact.kind === 'receipt') {
      const delivery = deliveryOf(fact.status);
      if (!delivery) continue;
      for (const seq of fact.sequences) {
        const m = bySeq.get(seq);
        if (m?.own) m.delivery = advanceDelivery(m.delivery, delivery);
      }
    }
  }
  return out;
}

/**
 * The message at `sequence`: the kept one, else (let go by the window) read back from LivePerson
 * with QueryMessages from that sequence (§6, the same request as history). Undefined when unknown.
 */
export async function messageAt(ctx: SessionContext, cid: string, sequence: number): Promise<ChatMessage | undefined> {
  const list = ctx.convs.listIfAny(cid);
  const kept = list?.bySequence(sequence);
  if (kept || list?.floor === undefined || sequence > list.floor || !Number.isInteger(sequence) || sequence < 0) return kept;
  const { events } = await queryMessages(ctx, cid, sequence);
  const e = events?.find((ev) => ev.sequence === sequence);
  if (!e) return undefined;
  const fact = readMessagingEvent(e, cid, ctx.link.me, ctx.convs.get(cid)?.consumerId);
  return fact.kind === 'message' ? fact.message : undefined;
}
