/** Agent socket lifecycle: close (with a code), terminate (1006), and the clean-up both imply. */
import { changeAgentState } from './routing-requests';
import type { AgentSocket, SimContext } from './state';

const closeCodes = new WeakMap<AgentSocket, number>();

/**
 * Forgets the socket's per-socket state (subscriptions die with it, §4). When it was the user's last
 * open socket, the agent's availability becomes OFFLINE (state is per socket: a client must redo
 * SetAgentState after reconnecting). The agent's WAITING rings are NOT cancelled: a ring belongs to
 * the agent, survives a reconnect (re-sent on re-subscribe, §13) and otherwise expires after ringExpirationMs.
 */
function detach(ctx: SimContext, sock: AgentSocket): void {
  if (!sock.open) return;
  sock.open = false;
  ctx.opts.clock.clearTimeout(sock.idleTimer);
  sock.idleTimer = null;
  sock.routingSubId = null;
  sock.exConvSubs.clear();
  sock.agentsStateSubs.clear();
  const others = [...ctx.sockets.values()].some((s) => s.open && s.agent.username === sock.agent.username);
  if (!others && !ctx.closed && (ctx.agentStates.get(sock.agent.username) ?? 'OFFLINE') !== 'OFFLINE') changeAgentState(ctx, sock.agent, 'OFFLINE', true);
}

export function closeSocket(ctx: SimContext, sock: AgentSocket, code: number, reason: string): void {
  if (!sock.open) return;
  closeCodes.set(sock, code);
  ctx.log(`closing socket ${sock.id} of ${sock.agent.username}: ${code} ${reason}`);
  detach(ctx, sock);
  try { sock.ws.close(code, reason); } catch { sock.ws.terminate(); }
  // a client that never answers the close handshake is cut off
  const t = setTimeout(() => sock.ws.terminate(), 2000);
  t.unref();
}

/** No close frame: the client sees 1006. */
export function terminateSocket(ctx: SimContext, sock: AgentSocket): void {
  closeCodes.set(sock, 1006);
  detach(ctx, sock);
  sock.ws.terminate();
}

/** Called from the ws 'close' event. */
export function onSocketClosed(ctx: SimContext, sock: AgentSocket, clientCode: number): void {
  detach(ctx, sock);
  ctx.sockets.delete(sock.id);
  const code = closeCodes.get(sock) ?? clientCode;
  ctx.log(`socket ${sock.id} of ${sock.agent.username} closed (${code})`);
  ctx.events.emit('socketClose', { socketId: sock.id, username: sock.agent.username, code });
}
