/**
 * The Node transport: REST over `node:http`/`node:https`, the socket over `ws`. `trustedCa` adds
 * PEM certificates to Node's roots (never replaces them, never disables verification); fetch in
 * Node 20 cannot take a CA, hence node:http. `agentFor` routes a URL through a proxy agent
 * (proxy-agents.ts); network failures are reported in plain words (network-errors.ts). The
 * default for headless, tests and bench; the desktop uses it for the socket.
 */
import * as http from 'node:http';
import type { Agent } from 'node:http';
import * as https from 'node:https';
import { rootCertificates } from 'node:tls';
import WebSocket from 'ws';
import { explainNetworkError } from './network-errors';
import { TransportError, type SocketListener, type Transport, type TransportRequest, type TransportResponse, type WebSocketLike } from './transport';

export interface NodeTransportOptions {
  /** Extra CA certificates (PEM) to trust beside Node's roots, e.g. the simulator's self-signed one. */
  trustedCa?: string[];
  /** The agent for a URL (a proxy's or DIRECT); undefined = Node's default agent. */
  agentFor?: (url: URL) => Agent | undefined;
}

/** An error in plain words: no `code`, so the core shows the sentence, not `ECONNREFUSED`. */
function plain(err: Error & { code?: string }): Error & { code?: string } {
  const p = explainNetworkError(err);
  return p.kind === 'network' ? err : Object.assign(new Error(p.message, { cause: err }), { kind: p.kind });
}

export function createNodeTransport(opts: NodeTransportOptions = {}): Transport {
  // `ca` replaces Node's roots, so keep them and add ours.
  const ca = opts.trustedCa && opts.trustedCa.length > 0 ? [...rootCertificates, ...opts.trustedCa] : undefined;
  return {
    request: (req) => nodeRequest(req, ca, opts.agentFor?.(new URL(req.url))),
    openSocket: (url, o, listener) => openWs(url, o.headers, ca, opts.agentFor?.(new URL(url)), listener),
  };
}

function nodeRequest(req: TransportRequest, ca: string[] | undefined, agent: Agent | undefined): Promise<TransportResponse> {
  return new Promise<TransportResponse>((resolve, reject) => {
    const url = new URL(req.url);
    const isHttps = url.protocol === 'https:';
    const headers: Record<string, string> = { ...req.headers };
    if (req.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(req.body));
    const mod = isHttps ? https : http;
    const r = mod.request(url, { method: req.method, headers, signal: req.signal, ...(isHttps && ca ? { ca } : {}), ...(agent ? { agent } : {}) }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > req.maxBodyBytes) {
          r.destroy();
          reject(new TransportError('response too large', 'too-large'));
          return;
        }
        chunks.push(c);
      });
      res.on('error', (e) => reject(new TransportError(e.message, 'network')));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') });
      });
    });
    r.on('error', (e: NodeJS.ErrnoException) => {
      const p = explainNetworkError(e);
      reject(p.kind === 'network' ? new TransportError(e.message, 'network', e.code) : new TransportError(p.message, 'network'));
    });
    if (req.body !== undefined) r.write(req.body);
    r.end();
  });
}

function openWs(url: string, headers: Record<string, string>, ca: string[] | undefined, agent: Agent | undefined, l: SocketListener): WebSocketLike {
  const ws = new WebSocket(url, { headers, ...(ca ? { ca } : {}), ...(agent ? { agent } : {}), perMessageDeflate: false });
  ws.on('unexpected-response', (_req, res) => {
    const status = res.statusCode ?? 0;
    res.resume();
    l.refused(status, res.statusMessage ?? '');
  });
  ws.on('open', () => l.open());
  ws.on('message', (data, isBinary) => {
    if (isBinary) {
      l.binary(Buffer.isBuffer(data) ? data.length : Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : data.byteLength);
      return;
    }
    // A Buffer (the usual case) is decoded in place: Buffer.from(buffer) would copy every frame first.
    l.text(Buffer.isBuffer(data) ? data.toString('utf8')
      : Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data).toString('utf8'));
  });
  ws.on('pong', () => l.alive());
  ws.on('ping', () => l.alive());
  ws.on('error', (err: Error & { code?: string }) => l.error(plain(err)));
  ws.on('close', (code, reason) => l.close(code, reason.toString('utf8')));
  return {
    get isOpen() {
      return ws.readyState === WebSocket.OPEN;
    },
    send: (text, done) => ws.send(text, (err) => done(err ?? undefined)),
    ping: () => ws.ping(),
    close: (code, reason) => ws.close(code, reason),
    terminate: () => ws.terminate(),
  };
}
