/**
 * Messaging events → ChatMessage, and the per-conversation message list (merged by sequence,
 * deduplicated, own pending messages kept by localId at the end). Pure logic, no I/O.
 */
import { CHAT_STATES } from '../protocol/vocabulary';
import type { ChatMessage, ChatState, Delivery, FileRef, RichContent } from '../protocol/model';
import { fileRefOf } from './files';
import { normaliseRichContent } from './rich-content';
import { externalIds, isRecord, type RawMessagingEvent } from '../protocol/notifications';

export interface Me {
  legacyId: string;
  pid?: string;
}

/**
 * What a raw `event` is (describeEvent). Every kind carries the same keys in the same order (the
 * ones it does not use are undefined) and is built in one place per kind below: one hidden class for
 * all of them, so the per-message reads of `kind`, `text`… stay monomorphic however typing events,
 * receipts, files and rich content interleave with texts (an object per kind with only its own keys
 * is up to six shapes at one read: megamorphic in a real session).
 */
export type EventKind =
  | { kind: 'content'; contentType: string; text: string; rich: RichContent | undefined; file: FileRef | undefined; state: undefined; status: undefined; sequences: undefined }
  | { kind: 'chatState'; contentType: undefined; text: undefined; rich: undefined; file: undefined; state: ChatState; status: undefined; sequences: undefined }
  | { kind: 'accept'; contentType: undefined; text: undefined; rich: undefined; file: undefined; state: undefined; status: ReceiptStatus; sequences: number[] }
  | { kind: 'other'; contentType: undefined; text: undefined; rich: undefined; file: undefined; state: undefined; status: undefined; sequences: undefined };

function contentKind(contentType: string, text: string, rich: RichContent | undefined, file: FileRef | undefined): EventKind {
  return { kind: 'content', contentType, text, rich, file, state: undefined, status: undefined, sequences: undefined };
}
const OTHER_EVENT: EventKind = { kind: 'other', contentType: undefined, text: undefined, rich: undefined, file: undefined, state: undefined, status: undefined, sequences: undefined };

/** The status of a receipt (§6 AcceptStatusEvent). */
export type ReceiptStatus = 'ACCEPT' | 'READ' | 'ACCESS' | 'NACK' | 'ACTION';

const MAX_DESCRIPTION = 200;
const ACCEPT_STATUSES: readonly string[] = ['ACCEPT', 'READ', 'ACCESS', 'NACK', 'ACTION'];

function clip(s: string): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > MAX_DESCRIPTION ? `${t.slice(0, MAX_DESCRIPTION - 1)}…` : t;
}

/** Structured content deeper than this is not read (real cards nest a few levels). */
const MAX_CONTENT_DEPTH = 64;
/** At most this many nodes (arrays, objects, values) of one structured content are visited. */
const MAX_CONTENT_NODES = 5_000;
/** At most this many elements give text. */
const MAX_CONTENT_ELEMENTS = 20;

/**
 * Text found in structured content (`text`, `title` of elements), in document order, capped.
 * Walked with an explicit stack under a depth and a node budget: hostile nesting (100,000 nested
 * arrays) yields what was found so far instead of a RangeError (security issue #17).
 */
function structuredContentText(content: unknown): string {
  const parts: string[] = [];
  let elements = MAX_CONTENT_ELEMENTS;
  let nodes = MAX_CONTENT_NODES;
  // Children are pushed in reverse so that they pop in document order.
  const stack: Array<{ node: unknown; depth: number }> = [{ node: content, depth: 0 }];
  while (elements > 0 && nodes > 0) {
    const top = stack.pop();
    if (top === undefined) break;
    nodes -= 1;
    const { node, depth } = top;
    if (depth > MAX_CONTENT_DEPTH) continue;
    if (Array.isArray(node)) {
      for (let i = Math.min(node.length, nodes) - 1; i >= 0; i -= 1) stack.push({ node: node[i], depth: depth + 1 });
      continue;
    }
    if (!isRecord(node)) continue;
    elements -= 1;
    for (const key of ['text', 'title'] as const) {
      const v = node[key];
      if (typeof v === 'string' && v.trim() !== '') parts.push(v);
    }
    if (node.elements !== undefined) stack.push({ node: node.elements, depth: depth + 1 });
  }
  return parts.join(' · ');
}

/** Classifies a raw `event` object (§6 PublishEvent events). Never throws. */
export function describeEvent(event: Record<string, unknown>): EventKind {
  const type = event.type;
  if (type === 'ContentEvent') {
    const contentType = typeof event.contentType === 'string' ? event.contentType : 'text/plain';
    const message = event.message;
    if (contentType === 'text/plain' || typeof message === 'string') {
      const text = typeof message === 'string' ? message : '';
      // Quick replies offered with a text (§6 ContentEvent `quickReplies`): shown as chips.
      const rich = event.quickReplies === undefined ? undefined : normaliseRichContent(undefined, event.quickReplies);
      return contentKind(contentType, text, rich, undefined);
    }
    if (isRecord(message)) {
      const file = contentType === 'hosted/file' ? fileRefOf(message) : undefined;
      const caption = file?.caption ?? (typeof message.caption === 'string' ? message.caption : '');
      const fileType = file?.fileType ?? (typeof message.fileType === 'string' ? message.fileType : 'file');
      return contentKind(contentType, clip(`[${fileType} file]${caption ? ` ${caption}` : ''}`), undefined, file);
    }
    return contentKind(contentType, '[message]', undefined, undefined);
  }
  if (type === 'RichContentEvent') {
    const inner = structuredContentText(event.content);
    const text = clip(inner ? `[Rich content] ${inner}` : '[Rich content]');
    return contentKind('rich-content', text, normaliseRichContent(event.content, event.quickReplies), undefined);
  }
  if (type === 'ChatStateEvent' && typeof event.chatState === 'string' && (CHAT_STATES as readonly string[]).includes(event.chatState)) {
    return { kind: 'chatState', contentType: undefined, text: undefined, rich: undefined, file: undefined, state: event.chatState as ChatState, status: undefined, sequences: undefined };
  }
  if (type === 'AcceptStatusEvent' && typeof event.status === 'string' && ACCEPT_STATUSES.includes(event.status)) {
    const list = Array.isArray(event.sequenceList) ? event.sequenceList : [event.sequenceList];
    const sequences = list.filter((n): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0);
    return { kind: 'accept', contentType: undefined, text: undefined, rich: undefined, file: undefined, state: undefined, status: event.status as ReceiptStatus, sequences };
  }
  return OTHER_EVENT;
}

/** Whether a raw event was originated by this agent (legacy id, or PID in originatorMetadata / originatorPId). */
export function isOwnEvent(raw: RawMessagingEvent, me: Me): boolean {
  if (raw.originatorId !== undefined && raw.originatorId === me.legacyId) return true;
  if (me.pid !== undefined && (raw.originatorMetadata?.id === me.pid || raw.originatorPId === me.pid || raw.originatorId === me.pid)) return true;
  return false;
}

export function originatorRole(raw: RawMessagingEvent, consumerId: string | undefined): ChatMessage['role'] {
  const role = raw.originatorMetadata?.role;
  if (role === 'CONSUMER') return 'CONSUMER';
  if (role === 'CONTROLLER' || role === 'SYSTEM') return 'SYSTEM';
  if (role !== undefined) return 'AGENT';
  if (consumerId !== undefined && (raw.originatorId === consumerId || raw.originatorPId === consumerId)) return 'CONSUMER';
  return 'AGENT';
}

// Ids and content types repeat across thousands of messages: keep one copy of each string.
// The last one asked for is checked first (a burst is one sender: a compare instead of a hash lookup).
const interned = new Map<string, string>();
let lastInterned = '';
function intern(s: string): string {
  if (s === lastInterned) return lastInterned;
  const hit = interned.get(s);
  if (hit !== undefined) return (lastInterned = hit);
  if (interned.size >= 10_000) interned.clear();
  interned.set(s, s);
  return (lastInterned = s);
}

/**
 * A raw content event → ChatMessage (undefined for non-content events or a missing sequence).
 * `described` saves classifying the event again when the caller already did.
 */
export function toChatMessage(
  raw: RawMessagingEvent, conversationId: string, me: Me, consumerId: string | undefined, described?: EventKind,
): ChatMessage | undefined {
  const d = described ?? describeEvent(raw.event);
  if (d.kind !== 'content') return undefined;
  return chatMessage(raw, conversationId, me, consumerId, d.contentType, d.text, d.rich, d.file);
}

/** Whether an event carries a usable sequence (a whole number ≥ 0; §13: 0 is a valid sequence). */
export function hasSequence(raw: RawMessagingEvent): raw is RawMessagingEvent & { sequence: number } {
  return raw.sequence !== undefined && Number.isInteger(raw.sequence) && raw.sequence >= 0;
}

/** A content event's message from its parts (undefined without a valid sequence). */
function chatMessage(
  raw: RawMessagingEvent, conversationId: string, me: Me, consumerId: string | undefined,
  contentType: string, text: string, rich: RichContent | undefined, file: FileRef | undefined,
): ChatMessage | undefined {
  if (!hasSequence(raw)) return undefined;
  const own = isOwnEvent(raw, me);
  const msg: ChatMessage = {
    conversationId,
    sequence: raw.sequence,
    originatorId: intern(raw.originatorId ?? raw.originatorMetadata?.id ?? ''),
    role: own ? 'AGENT' : originatorRole(raw, consumerId),
    own,
    contentType: contentType === 'text/plain' ? 'text/plain' : intern(contentType),
    text,
    timestamp: raw.serverTimestamp ?? 0,
  };
  if (rich) msg.rich = rich;
  if (own) msg.delivery = 'sent';
  if (isPrivateEvent(raw)) msg.private = true;
  if (file) msg.file = { ...file };
  return msg;
}

/** The audience of a private message: agents and managers only (§6 PublishEvent `messageAudience`). */
export const PRIVATE_AUDIENCE = 'AGENTS_AND_MANAGERS';

/** Whether an event is private (never shown to the consumer). Any other audience, or none, is ALL. */
export function isPrivateEvent(raw: RawMessagingEvent): boolean {
  return raw.messageAudience === PRIVATE_AUDIENCE;
}

/** The localId an own event carries in its metadata (ExternalId), if any. */
function eventLocalId(raw: RawMessagingEvent): string | undefined {
  return externalIds(raw.metadata)[0];
}

/**
 * What one messaging event means for the conversation it belongs to (readMessagingEvent). Like
 * EventKind, every kind carries the same keys in the same order (one hidden class: ingestEvent's
 * reads stay monomorphic over mixed traffic); `externalId` is the localId an own message carries (§5 metadata).
 */
export type MessagingFact =
  | { kind: 'typing'; message: undefined; externalId: undefined; participantId: string; role: 'CONSUMER' | 'AGENT'; state: ChatState; status: undefined; sequences: undefined }
  | { kind: 'receipt'; message: undefined; externalId: undefined; participantId: undefined; role: undefined; state: undefined; status: ReceiptStatus; sequences: number[] }
  | { kind: 'message'; message: ChatMessage; externalId: string | undefined; participantId: undefined; role: undefined; state: undefined; status: undefined; sequences: undefined }
  | { kind: 'none'; message: undefined; externalId: undefined; participantId: undefined; role: undefined; state: undefined; status: undefined; sequences: undefined };

const NO_FACT: MessagingFact = { kind: 'none', message: undefined, externalId: undefined, participantId: undefined, role: undefined, state: undefined, status: undefined, sequences: undefined };

/**
 * One messaging event, classified once: someone else typing, someone else's receipt, a content
 * message (own or not), or nothing this client shows (own typing and receipts, unknown events,
 * content without a valid sequence).
 */
export function readMessagingEvent(raw: RawMessagingEvent, conversationId: string, me: Me, consumerId: string | undefined): MessagingFact {
  const d = describeEvent(raw.event);
  switch (d.kind) {
    case 'chatState':
      if (isOwnEvent(raw, me)) return NO_FACT;
      return {
        kind: 'typing', message: undefined, externalId: undefined, participantId: raw.originatorId ?? '',
        role: originatorRole(raw, consumerId) === 'CONSUMER' ? 'CONSUMER' : 'AGENT', state: d.state, status: undefined, sequences: undefined,
      };
    case 'accept':
      if (isOwnEvent(raw, me)) return NO_FACT;
      return { kind: 'receipt', message: undefined, externalId: undefined, participantId: undefined, role: undefined, state: undefined, status: d.status, sequences: d.sequences };
    case 'content':
      return contentFact(raw, chatMessage(raw, conversationId, me, consumerId, d.contentType, d.text, d.rich, d.file));
    default:
      return NO_FACT;
  }
}

function contentFact(raw: RawMessagingEvent, message: ChatMessage | undefined): MessagingFact {
  if (!message) return NO_FACT;
  const externalId = message.own ? eventLocalId(raw) : undefined;
  return { kind: 'message', message, externalId, participantId: undefined, role: undefined, state: undefined, status: undefined, sequences: undefined };
}

const DELIVERY_RANK: Record<Delivery, number> = { failed: -1, queued: 0, sending: 1, sent: 2, delivered: 3, read: 4 };

/** Delivery only moves forward (sent → delivered → read); 'failed' is set explicitly, never by a receipt. */
export function advanceDelivery(current: Delivery | undefined, next: Delivery): Delivery {
  if (current === undefined) return next;
  return DELIVERY_RANK[next] > DELIVERY_RANK[current] ? next : current;
}

/** The delivery a receipt status means for an own message: READ → read, ACCEPT → delivered, any other status none. */
export function deliveryOf(status: ReceiptStatus): 'read' | 'delivered' | undefined {
  return status === 'READ' ? 'read' : status === 'ACCEPT' ? 'delivered' : undefined;
}

/** Index of the first element whose sequence is ≥ seq (list sorted by sequence). */
function lowerBound(list: readonly ChatMessage[], seq: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid]?.sequence ?? -1) < seq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Sequenced messages one conversation keeps in main. The window shows at most 500 of them (its
 * MESSAGES_KEPT) and asks for earlier ones with a full history query; 1,000 covers that window
 * twice over (a renderer reload is served from here), and at ~0.3 KB a message keeps a long
 * conversation near 0.3 MB instead of growing all shift. Older messages are re-fetched from
 * LivePerson (QueryMessages) when asked for: full history, or one file message (src-main/lp/README.md).
 */
export const MESSAGES_KEPT_IN_MAIN = 1000;

/** Other events' sequences a MessageList remembers above its watermark (MessageList.noteOther). */
export const MAX_OTHER_SEQUENCES = 1000;

/**
 * The messages of one conversation: `sequenced` sorted by sequence (unique), then own messages not
 * yet acknowledged (`pending`, by localId, in send order). Live events usually append (O(1));
 * history merges by binary search. No per-message index structures: memory stays ~ the messages.
 *
 * Bounded: `trim` lets go of the oldest sequenced messages beyond `keep`, but only up to a sequence
 * the caller names (at most `syncedUpTo`: every sequence up to there was taken in). `floor` is the
 * highest sequence let go: anything at or below it is a duplicate (`knows`), so exactly-once holds
 * without keeping the messages.
 */
export class MessageList {
  readonly sequenced: ChatMessage[] = [];
  readonly pending: ChatMessage[] = [];
  /**
   * Every event up to this sequence is known (from a history query, or live events that followed it
   * without a gap). History queries start here, not at maxSequence(): a live message or a publish
   * acknowledgement past a gap (events missed while the socket was down, or skipped while it stayed
   * up: session/messages.ts noteLiveGap asks for those) must not hide the gap.
   */
  syncedUpTo: number | undefined;
  /** The highest sequence let go by `trim` (undefined: none). Always ≤ syncedUpTo. */
  floor: number | undefined;

  constructor(readonly keep = MESSAGES_KEPT_IN_MAIN) {}

  list(): ChatMessage[] {
    return this.pending.length === 0 ? this.sequenced.slice() : [...this.sequenced, ...this.pending];
  }

  bySequence(seq: number): ChatMessage | undefined {
    const last = this.sequenced[this.sequenced.length - 1]; // (an index, not .at(): this runs per message)
    if (last === undefined || (last.sequence ?? -1) < seq) return undefined; // a live message past the end: no search
    if (last.sequence === seq) return last;
    const i = lowerBound(this.sequenced, seq);
    const m = this.sequenced[i];
    return m !== undefined && m.sequence === seq ? m : undefined;
  }

  /**
   * Sequences above the watermark of events taken in that are not kept as messages (live receipts:
   * session/messages.ts): known all the same, so the watermark's walk steps over them. Bounded
   * (MAX_OTHER_SEQUENCES): past that, the walk stops there again, as it did before, until a history
   * answer moves it (conservative: nothing is ever claimed that was not seen).
   */
  private readonly others = new Set<number>();

  /**
   * The newest sequence a conversation notification said exists (its `lastContentEventNotification`,
   * lp-protocol.md §7: sometimes missing, so never more than a hint, and never read as a message):
   * a history sync cut short goes on while the watermark is below it (session/messages.ts
   * morePages). Used up by the sync after it (`forgetAnnounced`).
   */
  private announced: number | undefined;

  noteAnnounced(seq: number): void {
    if (this.announced === undefined || seq > this.announced) this.announced = seq;
  }

  /** Forgets the announced sequence (noteAnnounced): a sync has gone as far as it could. */
  forgetAnnounced(): void {
    this.announced = undefined;
  }

  /** The announced sequence, if any (noteAnnounced). */
  announcedSequence(): number | undefined {
    return this.announced;
  }

  /**
   * An event that is not a message was taken in at `seq` (see `others`): the watermark moves on over
   * it at once when it is the next sequence (this agent's own read receipt, known by its PublishEvent
   * answer, may never be echoed live: not documented (?)), else it is remembered.
   */
  noteOther(seq: number): void {
    if (this.syncedUpTo !== undefined && seq <= this.syncedUpTo) return;
    if (this.syncedUpTo !== undefined && seq === this.syncedUpTo + 1) return this.noteSynced(seq);
    if (this.others.size >= MAX_OTHER_SEQUENCES) this.forgetOthersUpTo(this.syncedUpTo ?? -1);
    if (this.others.size < MAX_OTHER_SEQUENCES) this.others.add(seq);
  }

  /**
   * Every event up to `upTo` is known now (a history answer's newest event, or the live event right
   * after the watermark): the watermark moves there, never back, and on over the events already
   * taken in right above it: sequenced messages (live events that arrived before a history answer,
   * or out of order) and other events (`noteOther`, e.g. a live receipt that beat the answer).
   * Without that walk, live events that beat the answer leave the watermark behind them for good: a
   * live event never again lands right after it, so nothing is ever let go (the window grew without
   * bound in the throughput bench). Stops at the first sequence not taken in (a gap): conservative,
   * it never claims an unknown sequence.
   */
  noteSynced(upTo: number): void {
    const was = this.syncedUpTo ?? -1;
    let w = upTo > was ? upTo : was;
    // A jump (a history answer; a live event moves it by one) may pass other events' sequences.
    if (w > was + 1 && this.others.size > 0) this.forgetOthersUpTo(w);
    const list = this.sequenced;
    const last = list[list.length - 1]; // per live message: one compare when nothing is above the watermark
    if (this.others.size > 0 || (last !== undefined && (last.sequence ?? -1) > w)) {
      let i = lowerBound(list, w + 1);
      for (;;) {
        if (i < list.length && list[i]?.sequence === w + 1) i += 1;
        else if (!this.others.delete(w + 1)) break;
        w += 1;
      }
    }
    this.syncedUpTo = w;
  }

  private forgetOthersUpTo(seq: number): void {
    for (const s of this.others) if (s <= seq) this.others.delete(s);
  }

  /** Whether this sequence was taken in already (kept, or let go by `trim`): a duplicate when it comes again. */
  knows(seq: number): boolean {
    return (this.floor !== undefined && seq <= this.floor) || this.bySequence(seq) !== undefined;
  }

  /** Whether `trim` has work: over `keep` by a quarter (so trimming runs once per keep/4 messages, not per message). */
  overKeep(): boolean {
    return this.sequenced.length > this.keep + (this.keep >> 2);
  }

  /**
   * Lets go of the oldest sequenced messages until `keep` remain, never one above `upTo` nor above
   * `syncedUpTo` (a gap below must stay fillable). Returns how many were let go.
   */
  trim(upTo: number): number {
    const bound = Math.min(upTo, this.syncedUpTo ?? -1);
    const excess = this.sequenced.length - this.keep;
    let n = 0;
    while (n < excess && (this.sequenced[n]?.sequence ?? Infinity) <= bound) n += 1;
    if (n === 0) return 0;
    this.floor = this.sequenced[n - 1]?.sequence;
    this.sequenced.splice(0, n);
    return n;
  }

  byLocalId(localId: string): ChatMessage | undefined {
    return this.pending.find((m) => m.localId === localId) ?? this.findSequencedLocal(localId);
  }

  private findSequencedLocal(localId: string): ChatMessage | undefined {
    for (let i = this.sequenced.length - 1; i >= 0; i -= 1) {
      const m = this.sequenced[i];
      if (m?.localId === localId) return m;
    }
    return undefined;
  }

  /** Highest sequence known (undefined when none: 0 is a valid sequence). */
  maxSequence(): number | undefined {
    return this.sequenced[this.sequenced.length - 1]?.sequence;
  }

  /** Adds a sequenced message; returns false when that sequence is already known (duplicate). */
  addSequenced(msg: ChatMessage): boolean {
    const seq = msg.sequence;
    if (seq === undefined || (this.floor !== undefined && seq <= this.floor)) return false;
    const last = this.sequenced[this.sequenced.length - 1]; // (an index, not .at(): this runs per message)
    if (last === undefined || (last.sequence ?? -1) < seq) {
      this.sequenced.push(msg);
      return true;
    }
    const i = lowerBound(this.sequenced, seq);
    if (this.sequenced[i]?.sequence === seq) return false;
    this.sequenced.splice(i, 0, msg);
    return true;
  }

  addPending(msg: ChatMessage): void {
    this.pending.push(msg);
  }

  removePending(localId: string): ChatMessage | undefined {
    const i = this.pending.findIndex((m) => m.localId === localId);
    if (i < 0) return undefined;
    return this.pending.splice(i, 1)[0];
  }

  /**
   * The own message `localId` got `sequence` (publish acknowledged, or matched in history).
   * If the echo with that sequence is already in the list, the two become one (the echo takes the
   * localId); otherwise the pending message moves into sequence order. Returns the merged message.
   */
  acknowledge(localId: string, sequence: number): ChatMessage | undefined {
    const pending = this.removePending(localId);
    const existing = this.bySequence(sequence);
    if (existing) {
      existing.localId = localId;
      existing.own = true;
      existing.delivery = advanceDelivery(existing.delivery, 'sent');
      delete existing.error;
      return existing;
    }
    if (!pending) return undefined;
    pending.sequence = sequence;
    pending.delivery = advanceDelivery(pending.delivery === 'failed' ? 'sending' : pending.delivery, 'sent');
    delete pending.error;
    this.addSequenced(pending);
    return pending;
  }
}
