/**
 * The Node transport: REST over `node:http`/`node:https`, the socket over `ws`. `trustedCa` adds
 * PEM certificates to Node's roots (never replaces them, never disables verification); fetch in
 * Node 20 cannot take a CA, hence node:http. The default for headless, tests and bench; the
 * desktop uses it for the socket. `agentFor` routes a URL through a proxy agent (proxy-agents.ts),
 * whose refusals (ProxyError) are reported in their plain words (proxy-errors.ts).
 * A plain-HTTP request cut off by a server that answers a TLS handshake is reported as errno
 * `EPROTO` (as Node reports the reverse), so it reads "the server speaks TLS" (network-errors.ts).
 */
import * as http from 'node:http';
import type { Agent } from 'node:http';
import * as https from 'node:https';
import * as tls from 'node:tls';
import { rootCertificates } from 'node:tls';
import * as net from 'node:net';
import { isIP } from 'node:net';
import WebSocket from 'ws';
import { classifyNetworkError, presentedOf } from './network-errors';
import { ProxyError } from './proxy-errors';
import { MAX_FRAME_BYTES, TransportError, type SocketListener, type Transport, type TransportRequest, type TransportResponse, type WebSocketLike } from './transport';

export interface NodeTransportOptions {
  /** Extra CA certificates (PEM) to trust beside Node's roots, e.g. the simulator's self-signed one. */
  trustedCa?: string[];
  /** The agent for a URL (a proxy's or DIRECT); undefined = Node's default agent. */
  agentFor?: (url: URL) => Agent | undefined;
}

/** A proxy's refusal in its own words (no `code`, so the core shows the sentence). */
function proxyRefusal(err: unknown): ProxyError | undefined {
  if (err instanceof ProxyError) return err;
  const cause = (err as { cause?: unknown } | null)?.cause;
  return cause instanceof ProxyError ? cause : undefined;
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
        const all = Buffer.concat(chunks);
        resolve(req.binary ? { status: res.statusCode ?? 0, headers: res.headers, text: '', bytes: new Uint8Array(all) } : { status: res.statusCode ?? 0, headers: res.headers, text: all.toString('utf8') });
      });
    });
    r.on('error', (e: NodeJS.ErrnoException) => {
      const refusal = proxyRefusal(e);
      if (refusal) {
        reject(new TransportError(refusal.message, 'network'));
        return;
      }
      if (e.code !== 'ECONNRESET' || req.signal.aborted) {
        reject(new TransportError(e.message, 'network', e.code, presentedOf(e)));
        return;
      }
      // Cut off without a word: what a TLS server does to plain HTTP, and some plain servers to a TLS
      // hello. Ask the other way once, to say so instead of "reset".
      void (isHttps ? speaksPlainHttp(url) : speaksTls(url, ca)).then((mismatch) => reject(mismatch
        ? new TransportError(isHttps ? 'the server answers plain HTTP, not TLS' : 'the server speaks TLS: a plain HTTP request was cut off', 'network', 'EPROTO')
        : new TransportError(e.message, 'network', e.code)));
    });
    if (req.body !== undefined) r.write(req.body);
    r.end();
  });
}

/**
 * Whether the server at `url`'s host and port answers a TLS handshake (a certificate error counts:
 * the handshake happened). Verification stays on; nothing is sent over the connection.
 */
function speaksTls(url: URL, ca: string[] | undefined): Promise<boolean> {
  return new Promise((resolve) => {
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const socket = tls.connect({
      host, port: Number(url.port || 80), ...(isIP(host) === 0 ? { servername: host } : {}), ...(ca ? { ca } : {}),
    });
    const done = (yes: boolean): void => {
      socket.destroy();
      resolve(yes);
    };
    socket.setTimeout(2_000, () => done(false));
    socket.once('secureConnect', () => done(true));
    socket.once('error', (e: NodeJS.ErrnoException) => done(classifyNetworkError({ code: e.code, message: e.message }).kind.startsWith('cert-')));
  });
}

/** Whether the server at `url`'s host and port answers a plain `HEAD /` (no header of ours, no secret, sent). */
function speaksPlainHttp(url: URL): Promise<boolean> {
  return new Promise((resolve) => {
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const socket = net.connect({ host, port: Number(url.port || 443) });
    let head = '';
    const done = (yes: boolean): void => {
      socket.destroy();
      resolve(yes);
    };
    socket.setTimeout(2_000, () => done(false));
    socket.once('connect', () => socket.write(`HEAD / HTTP/1.1\r\nHost: ${url.host}\r\nConnection: close\r\n\r\n`));
    socket.on('data', (chunk: Buffer) => {
      head += chunk.toString('latin1');
      if (head.length >= 5) done(head.startsWith('HTTP/'));
    });
    socket.once('end', () => done(head.startsWith('HTTP/')));
    socket.once('error', () => done(false));
  });
}

function openWs(url: string, headers: Record<string, string>, ca: string[] | undefined, agent: Agent | undefined, l: SocketListener): WebSocketLike {
  const ws = new WebSocket(url, { headers, ...(ca ? { ca } : {}), ...(agent ? { agent } : {}), perMessageDeflate: false, maxPayload: MAX_FRAME_BYTES });
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
    // toString() with no argument is UTF-8 and goes straight to the decoder (an encoding argument
    // costs an encoding lookup and a range check per frame: ~5% of a flood in the profile).
    l.text(Buffer.isBuffer(data) ? data.toString()
      : Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data).toString('utf8'));
  });
  ws.on('pong', () => l.alive());
  ws.on('ping', () => l.alive());
  // ws answers a frame over maxPayload by sending close 1009 and dropping the socket, so its own
  // 'close' event says 1006 (no close frame read back): report the 1009 it sent.
  let tooBig = false;
  ws.on('error', (err: Error & { code?: string }) => {
    if (err.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') tooBig = true;
    const refusal = proxyRefusal(err);
    l.error(refusal ? new Error(refusal.message, { cause: err }) : err);
  });
  ws.on('close', (code, reason) => {
    if (tooBig) l.close(1009, `message too big (over ${MAX_FRAME_BYTES} bytes)`);
    else l.close(code, reason.toString('utf8'));
  });
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
