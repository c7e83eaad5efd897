/**
 * Tiny purpose-built servers for focused tests: a programmable HTTP server (route handler per
 * test) and a UMS-like WebSocket server whose behaviour each test scripts. Loopback, ephemeral ports.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export interface HttpCall { method: string; url: string; headers: IncomingMessage['headers']; body: string }

export interface TestHttpServer {
  readonly base: string;
  readonly host: string;
  readonly server: Server;
  readonly calls: HttpCall[];
  handle(fn: (call: HttpCall, res: ServerResponse) => void): void;
  close(): Promise<void>;
}

export async function startHttp(handler?: (call: HttpCall, res: ServerResponse) => void): Promise<TestHttpServer> {
  let fn = handler ?? ((_c: HttpCall, res: ServerResponse) => { res.statusCode = 404; res.end(); });
  const calls: HttpCall[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const call = { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      calls.push(call);
      fn(call, res);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    base: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    server,
    calls,
    handle(h) { fn = h; },
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string | string[]> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(body === undefined ? '' : JSON.stringify(body));
}

export interface WsFrame { kind?: string; id?: string; type?: string; body?: unknown; metadata?: unknown }

export interface TestWsServer {
  readonly url: string;
  readonly host: string;
  readonly frames: WsFrame[];
  readonly sockets: Set<WebSocket>;
  /** How requests are answered: return a frame object to send, undefined to stay silent. Default: 200 {} per request. */
  onRequest(fn: (f: WsFrame, ws: WebSocket) => unknown): void;
  /** Status to refuse the next upgrades with (undefined = accept). */
  refuseWith(status: number | undefined, count?: number): void;
  pings: number;
  upgradeUrls: string[];
  /** Request headers of every upgrade, in order (lower-case names). */
  upgradeHeaders: Array<Record<string, string | string[] | undefined>>;
  waitForConnection(): Promise<WebSocket>;
  broadcast(text: string): void;
  close(): Promise<void>;
}

export async function startWs(): Promise<TestWsServer> {
  const server = createServer();
  const wss = new WebSocketServer({ noServer: true });
  const frames: WsFrame[] = [];
  const sockets = new Set<WebSocket>();
  let respond: (f: WsFrame, ws: WebSocket) => unknown = (f) => ({ kind: 'resp', reqId: f.id, code: 200, type: '.ReqBody$StringResp', body: {} });
  let refuse: { status: number; count: number } | undefined;
  const connWaiters: Array<(ws: WebSocket) => void> = [];
  const upgradeUrls: string[] = [];
  const upgradeHeaders: TestWsServer['upgradeHeaders'] = [];
  const api: TestWsServer = {
    url: '',
    host: '',
    frames,
    sockets,
    pings: 0,
    upgradeUrls,
    upgradeHeaders,
    onRequest(fn) { respond = fn; },
    refuseWith(status, count = Infinity) { refuse = status === undefined ? undefined : { status, count }; },
    waitForConnection() { return new Promise((r) => connWaiters.push(r)); },
    broadcast(text) { for (const s of sockets) s.send(text); },
    close: () => new Promise<void>((r) => {
      for (const s of sockets) s.terminate();
      wss.close();
      server.closeAllConnections();
      server.close(() => r());
    }),
  };
  server.on('upgrade', (req, socket, head) => {
    upgradeUrls.push(req.url ?? '');
    upgradeHeaders.push({ ...req.headers });
    if (refuse && refuse.count > 0) {
      refuse.count -= 1;
      socket.end(`HTTP/1.1 ${refuse.status} Refused\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.on('ping', () => { api.pings += 1; });
      ws.on('message', (data) => {
        let f: WsFrame;
        try { f = JSON.parse(String(data)) as WsFrame; } catch { return; }
        frames.push(f);
        const out = respond(f, ws);
        if (out !== undefined) ws.send(typeof out === 'string' ? out : JSON.stringify(out));
      });
      for (const w of connWaiters.splice(0)) w(ws);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  Object.assign(api, { url: `ws://127.0.0.1:${port}`, host: `127.0.0.1:${port}` });
  return api;
}
