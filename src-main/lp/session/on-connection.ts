/**
 * The session layer: agent state, rings, conversations, messages and the outbox, on top of an
 * AgentConnection (the seam; tests drive it with a fake). Decisions live in pure modules
 * (decisions/: rings, conversations, messages, outbox, profiles); the session wires them to the connection,
 * timers and events, in parts:
 * - context.ts: the shared state and helpers (events, timers, requests, reported phase);
 * - ready.ts: per-socket setup on every `ready` (agent state, subscriptions, snapshot,
 *   history re-query, outbox flush);
 * - notifications.ts: notification dispatch (rings, conversations, agent state, messaging);
 * - messages.ts: messaging events into message lists, history queries;
 * - outbox.ts, outbox-items.ts, outbox-store.ts: sending the agent's messages, never twice, never lost;
 * - consumers.ts: consumer profiles and names;
 * - actions.ts: the public methods.
 * This file creates the context and connects it to the connection's events.
 * Nothing throws out of a connection event handler.
 */
import type { AgentConnection } from '../connection/api';
import type { DiagnosableSession, SessionOptions } from './api';
import { SessionContext, type SessionTuning } from './context';
import { createActions } from './actions';
import { onNotification } from './notifications';
import { markPendingQueued } from './outbox-items';
import { onReady } from './ready';

export type { SessionTuning } from './context';

export function createSessionOnConnection(connection: AgentConnection, opts: SessionOptions, tuning: SessionTuning = {}): DiagnosableSession {
  const ctx = new SessionContext(connection, opts, tuning);

  connection.on('state', (state) => ctx.safely('state', () => {
    ctx.connState = state;
    // 'connecting' may precede `ready` on the first connect; anything else that is not online is a lost socket.
    if (state.phase !== 'online' && state.phase !== 'connecting') {
      ctx.socketLost = true;
      if (ctx.live) {
        ctx.live = false;
        markPendingQueued(ctx);
      }
    }
    // An open socket that is not set up yet changes nothing the user sees: 'online' follows from onReady.
    if (state.phase === 'online' && !ctx.live) return;
    ctx.emitConnection();
  }));
  connection.on('error', (info) => {
    ctx.noteError(info);
    ctx.emit('error', info);
  });
  connection.on('notification', (n) => ctx.safely('notification', () => onNotification(ctx, n)));
  connection.on('ready', (e) => {
    void onReady(ctx, e.profile).catch((err: unknown) => {
      if (!ctx.stopped) ctx.reportError(err, 'Session#Ready');
    });
  });

  return createActions(ctx);
}
