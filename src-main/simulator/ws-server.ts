/**
 * The agent messaging socket (lp-protocol.md §4):
 *   /ws_api/account/{id}/messaging/brand/{bearer}?v=2     (v=2 or 2.1; missing v accepted)
 *   /ws_api/account/{id}/messaging/brand?v=2              + header `Authorization: jwt <bearer>`
 * Bad or expired bearer → HTTP 401 at the upgrade (no WebSocket is opened).
 *
 * Choices where the reference is silent (?):
 * - One session per agent user: a NEW SOCKET for a user closes that user's older socket(s) with
 *   1000 "replaced by a new session". A new login alone evicts nobody (older bearers stay valid).
 * - Idle close: after idleTimeoutMs (default 60 s + 30 s grace, §4) with neither a frame nor a ping from the client, close 1000 "idle timeout".
 *   Pings are answered with pongs (by `ws`) and count as activity.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { handleFrame } from './requests';
import { validSession } from './sessions';
import { closeSocket, onSocketClosed } from './sockets';
import type { AgentSocket, SimContext } from './state';

const REPLACED_CLOSE_CODE = 1000;
const REPLACED_CLOSE_REASON = 'replaced by a new session';
const IDLE_CLOSE_CODE = 1000;

const PATH = /^\/ws_api\/account\/([^/]+)\/messaging\/brand(?:\/([^/?]+))?\/?$/;

const STATUS_TEXT: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable' };

function rejectUpgrade(socket: Duplex, status: number, message: string): void {
  const body = JSON.stringify({ error: { message, internalCode: status, responseStatus: (STATUS_TEXT[status] ?? 'Error').toUpperCase().replace(/ /g, '_') } });
  try {
    socket.write(`HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? 'Error'}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  } finally {
    socket.destroy();
  }
}

export class AgentWsServer {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 4 * 1024 * 1024 });

  constructor(private readonly ctx: SimContext) {}

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const ctx = this.ctx;
    const url = new URL(req.url ?? '/', 'http://sim');
    const m = PATH.exec(url.pathname);
    if (!m) { rejectUpgrade(socket, 404, 'Not found'); return; }
    const fault = ctx.faults.refuseUpgrades;
    if (fault.count > 0) {
      fault.count--;
      ctx.log(`fault: upgrade refused with ${fault.status}`);
      rejectUpgrade(socket, fault.status, 'Upgrade refused');
      return;
    }
    const v = url.searchParams.get('v');
    if (v !== null && v !== '2' && v !== '2.1') { rejectUpgrade(socket, 400, `Unsupported API version ${v}`); return; }
    const headerToken = /^jwt\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const bearer = m[2] ? decodeURIComponent(m[2]) : headerToken;
    const session = validSession(ctx, bearer);
    if (!session || decodeURIComponent(m[1] ?? '') !== ctx.opts.accountId) {
      ctx.log('upgrade refused: 401 bad or expired token');
      rejectUpgrade(socket, 401, 'Token is missing, invalid or expired');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.attach(ws, session.bearer));
  }

  private attach(ws: WebSocket, bearer: string): void {
    const ctx = this.ctx;
    const session = ctx.sessions.get(bearer);
    if (!session || !session.valid) { ws.close(4401, 'Token expired'); return; }
    const sock: AgentSocket = {
      id: ctx.nextSocketId++,
      ws,
      agent: session.agent,
      bearer,
      idleTimer: null,
      routingSubId: null,
      agentsStateSubs: new Map(),
      exConvSubs: new Map(),
      open: true,
    };
    for (const other of ctx.sockets.values()) {
      if (other.open && other.agent.username === sock.agent.username) closeSocket(ctx, other, REPLACED_CLOSE_CODE, REPLACED_CLOSE_REASON);
    }
    ctx.sockets.set(sock.id, sock);
    const bumpIdle = (): void => {
      if (!sock.open) return;
      ctx.opts.clock.clearTimeout(sock.idleTimer);
      sock.idleTimer = ctx.opts.clock.setTimeout(() => {
        sock.idleTimer = null;
        closeSocket(ctx, sock, IDLE_CLOSE_CODE, 'idle timeout');
      }, ctx.opts.idleTimeoutMs);
    };
    bumpIdle();
    ws.on('ping', bumpIdle);
    ws.on('message', (data, isBinary) => {
      if (!sock.open) return;
      bumpIdle();
      void isBinary;
      const buf = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
      const text = buf.toString('utf8');
      handleFrame(ctx, sock, text);
    });
    ws.on('close', (code) => onSocketClosed(ctx, sock, code));
    ws.on('error', (e) => ctx.log(`socket ${sock.id} error: ${e.message}`));
    ctx.log(`socket ${sock.id} opened for ${sock.agent.username}`);
    ctx.events.emit('socketOpen', { socketId: sock.id, username: sock.agent.username });
  }

  close(): void {
    for (const c of this.wss.clients) c.terminate();
    this.wss.close();
  }
}
