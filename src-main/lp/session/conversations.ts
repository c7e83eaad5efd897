/**
 * The conversations this agent holds and their message lists: the only place that changes them.
 * Decisions come from decisions/conversations.ts and decisions/messages.ts; this keeps the
 * results, the dialog → conversation map, what this client asked for each conversation (its
 * intent names a removal, §13), which histories are synced, and emits `conversation/upsert` and
 * `conversation/removed`.
 */
import { LpError } from '../base/errors';
import type { RemovalReason } from '../decisions/conversations';
import { MessageList } from '../decisions/messages';
import { RecentIds } from '../decisions/rings';
import type { ChatMessage, Conversation } from '../protocol/model';
import { LiveGaps } from './live-gaps';
import type { KeyedTimers, SessionRuntime } from './runtime';

/** Copy of a conversation for an event or a snapshot (participants are objects too). */
export function copyConversation(c: Conversation): Conversation {
  const copy = { ...c, participants: c.participants.map((p) => ({ ...p })) };
  if (c.ttr) copy.ttr = { ...c.ttr };
  return copy;
}

export class ConversationsState {
  private readonly convs = new Map<string, Conversation>();
  /** dialogId → conversationId (main dialog = convId; e.g. POST_SURVEY dialogs have their own). */
  private readonly dialogToConv = new Map<string, string>();
  private readonly lists = new Map<string, MessageList>();
  /** What this client asked for a conversation (close, back to queue, transfer): names the removal. */
  private readonly intents = new Map<string, RemovalReason>();
  private readonly intentTimers: KeyedTimers;
  /** History queries for gaps in the live streams (session/messages.ts noteLiveGap). */
  readonly gaps: LiveGaps;
  /** The most events one QueryMessages answer held in this session (session/messages.ts morePages: a server's cap, learned). */
  largestHistoryAnswer = 0;
  /** Conversations whose history was queried on the current socket. */
  private readonly synced = new Set<string>();
  /** Conversations that had at least one 'history' event. */
  private readonly everSynced = new Set<string>();
  /**
   * Conversations this session closed or saw end (removed, or reported CLOSE) and does not hold
   * again: a send to one is refused at once, even while a (re)connect's snapshot is still being
   * collected and the set of open conversations is not known.
   */
  private readonly ended = new RecentIds(2000);
  /** The last dialog forDialog resolved (forgotten whenever the dialog map changes). */
  private lastDialog: { dialogId?: string; cid?: string } = {};
  /** Conversations whose preview moved since their last `conversation/upsert` (touch). */
  private readonly touched = new Set<string>();
  private flushQueued = false;
  /** Called before a conversation is forgotten (its unsent messages fail first). */
  beforeRemove: (cid: string, reason: RemovalReason) => void = () => {};

  constructor(private readonly rt: SessionRuntime) {
    this.intentTimers = rt.keyedTimers();
    this.gaps = new LiveGaps(rt);
  }

  get(cid: string): Conversation | undefined {
    return this.convs.get(cid);
  }

  has(cid: string): boolean {
    return this.convs.has(cid);
  }

  ids(): string[] {
    return [...this.convs.keys()];
  }

  values(): IterableIterator<Conversation> {
    return this.convs.values();
  }

  require(cid: string, location: string): Conversation {
    const c = this.convs.get(cid);
    if (!c) throw new LpError({ code: 404, message: `Unknown conversation ${cid}`, location });
    return c;
  }

  /** The conversation a messaging event's dialog belongs to, if this agent holds it. */
  forDialog(dialogId: string | undefined): string | undefined {
    if (dialogId === undefined) return undefined;
    // A burst is one dialog: the last answer is checked first (a compare instead of two hash lookups).
    if (dialogId === this.lastDialog.dialogId) return this.lastDialog.cid;
    const cid = this.dialogToConv.get(dialogId) ?? (this.convs.has(dialogId) ? dialogId : undefined);
    if (cid !== undefined) this.lastDialog = { dialogId, cid };
    return cid;
  }

  upsert(conv: Conversation, dialogIds: readonly string[]): void {
    this.lastDialog = {};
    for (const dlg of dialogIds) this.dialogToConv.set(dlg, conv.conversationId);
    this.convs.set(conv.conversationId, conv);
    this.ended.delete(conv.conversationId); // held again (e.g. back to the queue, then accepted again)
    this.emit(conv);
  }

  emit(conv: Conversation): void {
    this.touched.delete(conv.conversationId); // this upsert carries whatever a touch was about to announce
    this.rt.emit('conversation/upsert', copyConversation(conv));
  }

  /**
   * A live message moved this conversation's preview (and response timer): announced by one
   * `conversation/upsert` once the frames at hand are processed (a microtask: ws hands every frame
   * of a read over synchronously), so a burst of N messages copies and emits the conversation once,
   * not N times. Each 'message' event is still emitted as it happens; state (snapshot()) is current
   * at once. An upsert emitted meanwhile for another reason takes the touch with it.
   */
  touch(cid: string): void {
    this.touched.add(cid);
    if (this.flushQueued) return;
    this.flushQueued = true;
    queueMicrotask(() => this.flushTouched());
  }

  private flushTouched(): void {
    this.flushQueued = false;
    if (this.touched.size === 0) return;
    const cids = [...this.touched];
    this.touched.clear();
    for (const cid of cids) {
      const conv = this.convs.get(cid);
      if (conv && !this.rt.stopped) this.emit(conv);
    }
  }

  /** Forgets a known conversation (no-op for an unknown one) and tells why. */
  remove(cid: string, reason: RemovalReason): void {
    if (!this.convs.has(cid)) return;
    this.beforeRemove(cid, reason);
    this.convs.delete(cid);
    this.ended.add(cid);
    this.lists.delete(cid);
    this.touched.delete(cid);
    this.synced.delete(cid);
    this.everSynced.delete(cid);
    this.intents.delete(cid);
    this.intentTimers.cancel(cid);
    this.gaps.forget(cid);
    for (const [dlg, c] of this.dialogToConv) if (c === cid) this.dialogToConv.delete(dlg);
    this.lastDialog = {};
    this.rt.emit('conversation/removed', { conversationId: cid, reason });
  }

  /** Known to have ended here (closed, or left this agent) and not held again. */
  isEnded(cid: string): boolean {
    return this.ended.has(cid);
  }

  /** A conversation this agent does not hold was reported closed. */
  noteEnded(cid: string): void {
    if (!this.convs.has(cid)) this.ended.add(cid);
  }

  // ---------- messages ----------
  listFor(cid: string): MessageList {
    let l = this.lists.get(cid);
    if (!l) this.lists.set(cid, (l = new MessageList()));
    return l;
  }

  /** The list when one exists (never creates one). */
  listIfAny(cid: string): MessageList | undefined {
    return this.lists.get(cid);
  }

  /** Messages per held conversation, copied (snapshot). */
  messagesSnapshot(): Record<string, ChatMessage[]> {
    const out: Record<string, ChatMessage[]> = {};
    for (const cid of this.convs.keys()) out[cid] = (this.lists.get(cid)?.list() ?? []).map((m) => ({ ...m }));
    return out;
  }

  // ---------- history ----------
  isSynced(cid: string): boolean {
    return this.synced.has(cid);
  }

  markSynced(cid: string): void {
    this.synced.add(cid);
  }

  /** Its history must be queried again before anything is sent (a publish with an unknown outcome). */
  unsync(cid: string): void {
    this.synced.delete(cid);
  }

  /** A new socket: nothing is synced on it yet. */
  unsyncAll(): void {
    this.synced.clear();
  }

  /** True the first time per conversation (its first 'history' event). */
  firstHistory(cid: string): boolean {
    if (this.everSynced.has(cid)) return false;
    this.everSynced.add(cid);
    return true;
  }

  // ---------- intents (§13: recorded before the request) ----------
  intentFor(cid: string): RemovalReason | undefined {
    return this.intents.get(cid);
  }

  /** Records an intent; returns how to undo it if the request fails. */
  recordIntent(cid: string, intent: RemovalReason): () => void {
    const previous = this.intents.get(cid);
    this.intents.set(cid, intent);
    return () => {
      if (previous === undefined) this.intents.delete(cid);
      else this.intents.set(cid, previous);
    };
  }

  /** The server accepted: remove the conversation after `ms` if no notification did it first. */
  removeLater(cid: string, intent: RemovalReason, ms: number): void {
    if (!this.convs.has(cid)) return;
    this.intentTimers.set(cid, () => this.remove(cid, intent), ms);
  }

  /** A consumer's name became known. */
  nameConsumer(consumerId: string, name: string): void {
    for (const c of this.convs.values()) {
      if (c.consumerId === consumerId && c.consumerName !== name) {
        c.consumerName = name;
        this.emit(c);
      }
    }
  }
}
