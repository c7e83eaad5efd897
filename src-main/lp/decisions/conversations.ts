/**
 * Conversations: pure decisions from ExConversationChangeNotification changes (lp-protocol.md §7,
 * §11.6, §13). Tolerates partial `participantsPId`, dialogs without `participantsDetails`, bare
 * objects for arrays (parsing), and out-of-order changes (older `metaDataLastUpdateTs` ignored).
 */
import type { Conversation, Participant, SessionEvents } from '../protocol/model';
import type { RawConversationChange } from '../protocol/notifications';

export type RemovalReason = SessionEvents['conversation/removed']['reason'];

type ConversationDecision =
  | { type: 'upsert'; conversation: Conversation; isNew: boolean }
  | { type: 'removed'; conversationId: string; reason: RemovalReason }
  | { type: 'ignore'; why: string };

export interface MeIds {
  legacyId: string;
  pid?: string;
}

function isMe(id: string | undefined, me: MeIds): boolean {
  return id !== undefined && (id === me.legacyId || (me.pid !== undefined && id === me.pid));
}

/** Raw role→ids maps (+ dialog details) → participant list. */
export function participantsOf(details: NonNullable<RawConversationChange['result']['conversationDetails']>): Participant[] {
  const out: Participant[] = [];
  const pids = details.participantsPId ?? {};
  const mainDialog = details.dialogs.find((d) => d.dialogType === 'MAIN' || d.dialogId === details.convId) ?? details.dialogs[0];
  const detailList = mainDialog?.participantsDetails ?? [];
  for (const [role, ids] of Object.entries(details.participants)) {
    const rolePids = pids[role] ?? [];
    ids.forEach((id, i) => {
      const p: Participant = { id, role };
      // participantsPId may be partial (§11.6): pair by position only when the lists line up.
      const pid = rolePids.length === ids.length ? rolePids[i] : undefined;
      if (pid !== undefined && pid !== id) p.pid = pid;
      const det = detailList.find((d) => d.id === id && d.role === role);
      if (det?.state !== undefined) p.state = det.state;
      out.push(p);
    });
  }
  // SUGGESTED participants (v=2.1 transfer-to-agent) may appear only in the dialog details.
  for (const det of detailList) {
    if (!out.some((p) => p.id === det.id && p.role === det.role)) {
      const p: Participant = { id: det.id, role: det.role };
      if (det.state !== undefined) p.state = det.state;
      out.push(p);
    }
  }
  return out;
}

function isMyPidIn(details: NonNullable<RawConversationChange['result']['conversationDetails']>, role: string, me: MeIds): boolean {
  return me.pid !== undefined && (details.participantsPId?.[role] ?? []).includes(me.pid);
}

function buildConversation(
  change: RawConversationChange,
  me: MeIds,
  prev: Conversation | undefined,
  now: number,
): Conversation | undefined {
  const r = change.result;
  const details = r.conversationDetails;
  const conversationId = r.convId ?? details?.convId;
  if (!details || conversationId === undefined) return undefined;
  const participants = participantsOf(details);
  const active = (p: Participant): boolean => p.state !== 'SUGGESTED';
  const mine = participants.some((p) => p.role === 'ASSIGNED_AGENT' && active(p) && isMe(p.id, me) || (p.role === 'ASSIGNED_AGENT' && isMe(p.pid, me)))
    || isMyPidIn(details, 'ASSIGNED_AGENT', me);
  const unreadRaw = r.numberOfunreadMessages?.[me.legacyId] ?? (me.pid !== undefined ? r.numberOfunreadMessages?.[me.pid] : undefined);
  const conv: Conversation = {
    conversationId,
    state: details.state === 'CLOSE' ? 'CLOSE' : 'OPEN',
    skillId: details.skillId ?? prev?.skillId ?? '-1',
    consumerId: details.participants.CONSUMER?.[0] ?? prev?.consumerId ?? '',
    participants,
    mine,
    startTs: details.startTs ?? prev?.startTs ?? now,
    lastUpdateTs: details.metaDataLastUpdateTs ?? r.lastUpdateTime ?? prev?.lastUpdateTs ?? now,
    unread: typeof unreadRaw === 'number' ? unreadRaw : prev?.unread ?? 0,
  };
  if (details.endTs !== undefined) conv.endTs = details.endTs;
  if (details.closeReason !== undefined) conv.closeReason = details.closeReason;
  if (prev?.consumerName !== undefined) conv.consumerName = prev.consumerName;
  if (prev?.lastConsumerMessageTs !== undefined) conv.lastConsumerMessageTs = prev.lastConsumerMessageTs;
  if (prev?.lastMessagePreview !== undefined) conv.lastMessagePreview = prev.lastMessagePreview;
  if (prev?.awaitingReplySince !== undefined) conv.awaitingReplySince = prev.awaitingReplySince;
  const ttr = readTtr(details.ttr);
  if (ttr) conv.ttr = ttr;
  else if (prev?.ttr) conv.ttr = prev.ttr;
  const due = r.effectiveTTR;
  if (typeof due === 'number' && Number.isFinite(due) && due > 0) conv.responseDueAt = due;
  return conv;
}

/** §7 `ttr: {ttrType, value}` (value in seconds) → the model's shape; anything else → undefined. */
export function readTtr(raw: unknown): Conversation['ttr'] {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const { ttrType, value } = raw as { ttrType?: unknown; value?: unknown };
  const seconds = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds <= 0) return undefined;
  return { type: typeof ttrType === 'string' ? ttrType.slice(0, 32) : 'NORMAL', seconds };
}

/**
 * The response-time watermark after a content message (in sequence order): the consumer's first
 * unanswered message starts it, any agent's public message ends it, a private one changes nothing.
 */
export function nextAwaitingReplySince(current: number | undefined, msg: { role: string; private?: boolean; timestamp: number }): number | undefined {
  if (msg.private === true || msg.role === 'SYSTEM') return current;
  if (msg.role === 'CONSUMER') return current ?? msg.timestamp;
  return undefined;
}

/** Whether this agent takes part (any role, not merely SUGGESTED). */
function isParticipant(conv: Conversation, me: MeIds): boolean {
  return conv.participants.some((p) => p.state !== 'SUGGESTED' && (isMe(p.id, me) || isMe(p.pid, me))) || conv.mine;
}

/**
 * Decides what one change means for the known conversation `prev`.
 * `intent` is what this client asked for the conversation (recorded BEFORE the request, since the
 * notification may arrive before the response, §13) and names the removal reason when it happens.
 */
export function applyConversationChange(
  prev: Conversation | undefined,
  change: RawConversationChange,
  me: MeIds,
  now: number,
  intent: RemovalReason | undefined,
): ConversationDecision {
  const conversationId = change.result.convId ?? change.result.conversationDetails?.convId;
  if (conversationId === undefined) return { type: 'ignore', why: 'no convId' };
  if (change.type === 'DELETE') {
    if (!prev) return { type: 'ignore', why: 'delete of unknown conversation' };
    const closed = change.result.conversationDetails?.state === 'CLOSE';
    return { type: 'removed', conversationId, reason: closed ? 'closed' : intent ?? 'removed' };
  }
  if (change.type !== 'UPSERT') return { type: 'ignore', why: `change type ${change.type}` };
  const conv = buildConversation(change, me, prev, now);
  if (!conv) return { type: 'ignore', why: 'no conversationDetails' };
  if (prev && conv.lastUpdateTs < prev.lastUpdateTs) return { type: 'ignore', why: 'stale change' };
  if (conv.state === 'CLOSE') {
    return prev ? { type: 'removed', conversationId, reason: 'closed' } : { type: 'ignore', why: 'closed, unknown' };
  }
  if (!isParticipant(conv, me)) {
    if (!prev) return { type: 'ignore', why: 'not a participant' };
    if (intent !== undefined) return { type: 'removed', conversationId, reason: intent };
    const otherAgent = conv.participants.some((p) => p.role === 'ASSIGNED_AGENT' && p.state !== 'SUGGESTED');
    const skillChanged = conv.skillId !== prev.skillId;
    return { type: 'removed', conversationId, reason: otherAgent || skillChanged ? 'transferred' : 'removed' };
  }
  return { type: 'upsert', conversation: conv, isNew: !prev };
}

/** Dialog ids of a change (main dialog = convId; e.g. POST_SURVEY dialogs have their own). */
export function dialogIdsOf(change: RawConversationChange): string[] {
  const d = change.result.conversationDetails;
  const ids = new Set<string>((d?.dialogs ?? []).map((x) => x.dialogId));
  const cid = change.result.convId ?? d?.convId;
  if (cid !== undefined) ids.add(cid);
  return [...ids];
}
