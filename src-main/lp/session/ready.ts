/**
 * Per-socket setup. State is per socket (lp-protocol.md §4), so on every `ready`:
 * SetAgentState (desired availability) → SubscribeRoutingTasks + SubscribeExConversations
 * (+ SubscribeAgentsState, best effort) → 'online' → QueryMessages for every known conversation
 * from its last known sequence (inclusive; duplicates are dropped by sequence) → outbox flush.
 *
 * Conversation snapshot (the reference is silent (?)): the OPEN conversations that arrive within
 * `snapshotWindowMs` after a (re)subscribe are the snapshot; a conversation known before the
 * reconnect but absent from it ended while we were away → 'conversation/removed' (reason: our
 * pending intent, else 'closed'). Snapshot notifications may arrive before the subscribe response
 * (§13): collection starts before the request is sent.
 */
import type { AgentProfile } from '../protocol/model';
import { REQUEST } from '../protocol/names';
import type { SessionContext } from './context';
import { syncHistory } from './messages';
import { drain } from './outbox';
import { failConversationItems } from './outbox-items';

export async function onReady(ctx: SessionContext, p: AgentProfile): Promise<void> {
  // Collect this socket's conversation snapshot from now on (nothing of the old socket survives).
  const gen = ctx.link.beginSocket(p, ctx.convs.ids());
  ctx.convs.unsyncAll();
  ctx.rt.emit('profile', p);
  ctx.rings.expireDue();

  const stale = (): boolean => gen !== ctx.link.generation || ctx.rt.stopped;
  // A failure of a request made for an older socket (or before a stop) is no news: staleness first.
  await ctx.link.applyAgentState(ctx.link.desired).catch((err: unknown) => {
    if (!stale()) ctx.rt.reportError(err, 'SetAgentState#WS');
  });
  if (stale()) return;
  ctx.rt.emit('availability', ctx.link.desired); // as (re)applied on this socket

  await subscribe(ctx, p, gen);
  if (stale()) return;
  // The socket may have dropped while we were setting up (no new `ready` yet): stay not-live then.
  ctx.link.goLive();

  await requeryHistory(ctx, stale);
  if (stale()) return;
  for (const cid of ctx.outbox.items.conversations()) drain(ctx, cid);
  for (const c of ctx.convs.values()) if (!c.consumerName && c.consumerId) ctx.consumers.learnInBackground(c.consumerId);
}

/** The three subscriptions of §6, in parallel. Only the conversations one starts the snapshot window. */
async function subscribe(ctx: SessionContext, p: AgentProfile, gen: number): Promise<void> {
  const [routing, conversations, agents] = await Promise.allSettled([
    ctx.rt.request(REQUEST.subscribeRouting, { brandId: p.accountId, agentId: p.legacyId, channelType: 'MESSAGING' }),
    ctx.rt.request(REQUEST.subscribeConversations, { convState: ['OPEN'], agentIds: [p.legacyId], minLastUpdatedTime: 0 }),
    ctx.rt.request(REQUEST.subscribeAgentsState, { brandId: p.accountId, agentId: p.legacyId }),
  ]);
  if (gen !== ctx.link.generation || ctx.rt.stopped) return;
  if (routing.status === 'rejected') ctx.rt.reportError(routing.reason, 'SubscribeRoutingTasks#WS');
  if (agents.status === 'rejected') ctx.rt.log('info', 'SubscribeAgentsState refused', agents.reason);
  if (conversations.status === 'rejected') {
    ctx.rt.reportError(conversations.reason, 'SubscribeExConversations#WS');
    return;
  }
  ctx.rt.later(() => finishSnapshot(ctx, gen), ctx.rt.snapshotWindowMs);
}

/** Re-queries the history of every known conversation (a few at a time), flushing each one's outbox after. */
async function requeryHistory(ctx: SessionContext, stale: () => boolean): Promise<void> {
  const ids = ctx.convs.ids();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < ids.length && !stale()) {
      const id = ids[next++];
      if (id === undefined || !ctx.convs.has(id)) continue;
      await syncHistory(ctx, id).catch((err: unknown) => {
        if (!stale()) ctx.rt.log('warn', 'History re-query failed', err);
      });
      drain(ctx, id);
    }
  };
  await Promise.all(Array.from({ length: Math.min(ctx.rt.historyConcurrency, ids.length) }, worker));
}

function finishSnapshot(ctx: SessionContext, gen: number): void {
  const s = ctx.link.finishSnapshot(gen);
  if (!s) return;
  // Conversations known before this socket but absent from its OPEN snapshot ended while we were away.
  for (const id of s.known) {
    if (ctx.convs.has(id) && !s.ids.has(id)) ctx.convs.remove(id, ctx.convs.intentFor(id) ?? 'closed');
  }
  // Queued messages for conversations that are not open (any more) can never be sent.
  for (const cid of ctx.outbox.items.conversations()) {
    if (!ctx.convs.has(cid)) failConversationItems(ctx, cid, 'The conversation is no longer open; the message was not sent');
  }
}
