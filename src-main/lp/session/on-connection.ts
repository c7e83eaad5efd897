/**
 * The session layer: agent state, rings, conversations, messages and the outbox, on top of an
 * AgentConnection (the seam; tests drive it with a fake). Decisions live in pure modules
 * (decisions/: rings, conversations, messages, outbox, profiles). The state is kept by parts, each
 * the only one to change its own (context.ts builds them):
 * - runtime.ts: timers, events, logs, requests, stopped — no LivePerson state;
 * - link.ts: the agent, its availability, the socket generation, the reported phase, the snapshot;
 * - rings.ts, conversations.ts (with their message lists), consumers.ts, outbox-state.ts.
 * The flows over them:
 * - notifications.ts: one pass per notification (read at the edge, decided, applied);
 * - ready.ts: per-socket setup on every `ready` (agent state, subscriptions, snapshot,
 *   history re-query, outbox flush);
 * - messages.ts: messaging events into message lists, history queries;
 * - outbox.ts, outbox-items.ts, outbox-store.ts: sending the agent's messages, never twice, never lost;
 * - actions.ts: the public methods.
 * This file builds the parts and connects them to the connection's events.
 * Nothing throws out of a connection event handler.
 */
import type { AgentConnection } from '../connection/api';
import type { DiagnosableSession, SessionOptions } from './api';
import { createContext } from './context';
import type { SessionTuning } from './runtime';
import { createActions } from './actions';
import { onNotification } from './notifications';
import { failConversationItems, markPendingQueued } from './outbox-items';
import { onReady } from './ready';

export type { SessionTuning } from './runtime';

export function createSessionOnConnection(connection: AgentConnection, opts: SessionOptions, tuning: SessionTuning = {}): DiagnosableSession {
  const ctx = createContext(connection, opts, tuning);
  // A conversation that leaves this agent takes its unsent messages with it.
  ctx.convs.beforeRemove = (cid, reason) => failConversationItems(ctx, cid, reason === 'closed'
    ? 'The conversation was closed before the message could be sent'
    : 'The conversation left this agent before the message could be sent');

  connection.on('state', (state) => ctx.rt.safely('state', () => {
    if (ctx.link.noteState(state)) markPendingQueued(ctx);
    ctx.link.reportState();
  }));
  connection.on('error', (info) => {
    ctx.rt.noteError(info);
    ctx.rt.emit('error', info);
  });
  // Once per frame: no closure per notification (what rt.safely would cost), same containment.
  connection.on('notification', (n) => {
    try {
      onNotification(ctx, n);
    } catch (err) {
      ctx.rt.log('error', 'Session notification failed', err);
    }
  });
  connection.on('ready', (e) => {
    void onReady(ctx, e.profile).catch((err: unknown) => {
      if (!ctx.rt.stopped) ctx.rt.reportError(err, 'Session#Ready');
    });
  });

  return createActions(ctx);
}
