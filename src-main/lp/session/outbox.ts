/**
 * Sending the agent's messages: the outbox (outbox-state.ts, outbox-store.ts: order, persistence;
 * decisions/outbox.ts: matching rules) driven against the socket. Per conversation strictly one publish at a time, in order; a publish whose
 * outcome is unknown is reconciled against history before any resend (never send twice); the
 * pending copy in the conversation's MessageList carries the delivery state the UI shows.
 */
import { classifyPublishError, matchSentItem, type OutboxItem, type PublishOutcome } from '../decisions/outbox';
import { PRIVATE_AUDIENCE } from '../decisions/messages';
import { REQUEST } from '../protocol/names';
import type { SessionContext } from './context';
import { syncHistory } from './messages';
import { completeItem, failConversationItems, failItem, pendingMessage, setPendingDelivery } from './outbox-items';

function scheduleRetry(ctx: SessionContext, cid: string, item: OutboxItem): void {
  ctx.outbox.retryLater(item.localId, () => drain(ctx, cid), ctx.rt.retryDelayMs);
}

/** Sends the conversation's queued items, strictly one at a time, in order. Single-flight per conversation. */
export function drain(ctx: SessionContext, cid: string): void {
  if (!ctx.outbox.beginDrain(cid)) return;
  void drainLoop(ctx, cid)
    .catch((err: unknown) => ctx.rt.log('error', 'Outbox drain failed', err))
    .finally(() => {
      if (ctx.outbox.endDrain(cid)) drain(ctx, cid);
    });
}

/** What drainLoop does after one step: go on with the next item, or stop until drained again. */
type Step = 'next' | 'stop';

async function drainLoop(ctx: SessionContext, cid: string): Promise<void> {
  while (!ctx.rt.stopped && ctx.link.live) {
    const item = ctx.outbox.items.head(cid);
    if (!item) return;
    if ((await sendHead(ctx, cid, item)) === 'stop') return;
  }
}

async function sendHead(ctx: SessionContext, cid: string, item: OutboxItem): Promise<Step> {
  if (!ctx.convs.has(cid)) {
    if (ctx.link.knowsOpenConversations()) failConversationItems(ctx, cid, 'The conversation is no longer open; the message was not sent');
    return 'stop'; // else: wait until the conversation is known
  }
  if (!ctx.convs.isSynced(cid)) {
    try {
      await syncHistory(ctx, cid);
      return 'next';
    } catch (err) {
      ctx.rt.log('warn', 'History query before sending failed', err);
      if (ctx.link.live) scheduleRetry(ctx, cid, item);
      return 'stop';
    }
  }
  const list = ctx.convs.listFor(cid);
  if (item.sentAfterSequence !== undefined) {
    // Maybe applied already (response lost): look for it before sending again.
    const seq = matchSentItem(item, list.sequenced);
    if (seq !== undefined) {
      ctx.rt.logger.log('info', 'Outbox: an unacknowledged message was found in history; not sending it again');
      completeItem(ctx, item, seq);
      return 'next';
    }
  }
  ctx.outbox.items.update(item.localId, { sentAfterSequence: list.maxSequence() ?? -1 });
  setPendingDelivery(ctx, item, 'sending');
  const gen = ctx.link.generation;
  const outcome = await publish(ctx, cid, item);
  const still = ctx.outbox.items.get(item.localId);
  switch (outcome.kind) {
    case 'acked':
      if (still) completeItem(ctx, still, outcome.sequence);
      else reconcileLateAck(ctx, item, outcome.sequence);
      return 'next';
    case 'rejected':
      if (still) failItem(ctx, still, `Not sent: ${outcome.message}`);
      return 'next';
    default:
      break;
  }
  if (!still) return 'next'; // completed meanwhile by its echo
  if (!ctx.convs.has(cid)) {
    failItem(ctx, still, 'The conversation ended while the message was being sent; it may not have been delivered');
    return 'next';
  }
  // unknown / 5xx: reconcile against history before any resend.
  ctx.convs.unsync(cid);
  if (ctx.link.live && gen === ctx.link.generation) scheduleRetry(ctx, cid, still);
  else setPendingDelivery(ctx, still, 'queued');
  return 'stop';
}

/**
 * PublishEvent ContentEvent (§6: text/plain, or hosted/file {caption, relativePath, fileType} for an uploaded file) with the localId as ExternalId metadata, so the echo matches
 * exactly; a private note carries `messageAudience: AGENTS_AND_MANAGERS`.
 */
async function publish(ctx: SessionContext, cid: string, item: OutboxItem): Promise<PublishOutcome> {
  ctx.outbox.setInFlight(item.localId, true);
  try {
    const resp = await ctx.rt.request(REQUEST.publishEvent, {
      dialogId: cid,
      event: item.file
        ? { type: 'ContentEvent', contentType: 'hosted/file', message: { ...(item.file.caption ? { caption: item.file.caption } : {}), relativePath: item.file.relativePath, fileType: item.file.fileType } }
        : { type: 'ContentEvent', contentType: 'text/plain', message: item.text },
      ...(item.private === true ? { messageAudience: PRIVATE_AUDIENCE } : {}),
    }, { metadata: [{ type: 'ExternalId', id: item.localId }] });
    const seq = (resp.body as { sequence?: unknown } | undefined)?.sequence;
    return typeof seq === 'number' ? { kind: 'acked', sequence: seq } : { kind: 'unknown', message: 'publish response without a sequence' };
  } catch (err) {
    return classifyPublishError(err);
  } finally {
    ctx.outbox.setInFlight(item.localId, false);
  }
}

/** The echo completed the item first; the response names the definitive sequence. */
function reconcileLateAck(ctx: SessionContext, item: OutboxItem, sequence: number): void {
  const list = ctx.convs.listIfAny(item.conversationId);
  if (!list) return;
  const byLocal = list.byLocalId(item.localId);
  if (byLocal?.sequence === sequence) return;
  // The text-matched echo was another message: give the localId to the right sequence.
  ctx.rt.logger.log('warn', 'Outbox: echo matched by text was not this message; corrected by the publish response');
  if (byLocal) delete byLocal.localId;
  const target = list.bySequence(sequence);
  if (target) {
    target.localId = item.localId;
    ctx.rt.emit('message', { ...target });
  } else {
    const m = { ...pendingMessage(ctx, item, 'sent'), sequence };
    list.addSequenced(m);
    ctx.rt.emit('message', { ...m });
  }
  if (byLocal) ctx.rt.emit('message', { ...byLocal });
}
