/**
 * One UMS messaging socket (lp-protocol.md §4/§5): request/response matched by unique string ids
 * with per-request timeouts; every pending request fails at once on close ("socket closed");
 * sends while not open fail at once ("socket not connected"). Keepalive: `ws.ping()` AND a
 * `.GetClock` request every pingIntervalMs; if no pong and no frame arrives within deadSocketMs the
 * socket is terminated and reported closed (1006). The HTTP status of a refused upgrade (401, 502)
 * is captured and reported. Malformed frames are logged once per socket with a redacted summary;
 * unknown types are handed up as notifications. Nothing throws out of a ws handler.
 *
 * Notifications go to one handler (the connection's, `setNotificationHandler`) as a direct call, not an
 * event: this runs once per message (bench/README "The core's path, A/B"). Those that arrive before
 * the handler is set (ws may hand over frames that came with the upgrade before the connection's
 * `await open` resumes) are kept, up to EARLY_NOTIFICATIONS_KEPT, and handed over when it is.
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from '../base/clock';
import type { RequestOptions, UmsNotification, UmsResponse } from './api';
import { TypedEmitter } from '../base/emitter';
import { LpError } from '../base/errors';
import { bodyText, encodeRequest, normaliseType, parseFrame } from '../protocol/frames';
import { DEFAULT_USER_AGENT } from './http';
import type { Logger } from '../base/log';
import { redact } from '../base/redact';
import type { Transport, WebSocketLike } from './transport';
import { classifyNetworkError, presentedOf } from './network-errors';

const UMS_API_VERSION = '2.1';

/** Notifications kept for the handler while none is set yet (beyond: dropped, logged). */
const EARLY_NOTIFICATIONS_KEPT = 1000;

/** `wss|ws://{host}/ws_api/account/{acct}/messaging/brand/{bearer}?v=2.1` */
export function umsUrl(opts: { scheme: 'ws' | 'wss'; host: string; accountId: string; bearer: string }): string {
  return `${opts.scheme}://${opts.host}/ws_api/account/${encodeURIComponent(opts.accountId)}/messaging/brand/${encodeURIComponent(opts.bearer)}?v=${UMS_API_VERSION}`;
}

export interface SocketClose {
  code: number;
  reason: string;
  /** Set when this side ended the socket (dead socket, stop, reconnectNow). */
  local?: string;
}

interface SocketEvents {
  close: SocketClose;
}

interface UmsSocketOptions {
  url: string;
  /** Opens the WebSocket (Node: createNodeTransport). */
  transport: Transport;
  clock: Clock;
  logger: Logger;
  headers?: Record<string, string>;
  /** Default DEFAULT_USER_AGENT (http.ts). */
  userAgent?: string;
  /** Default 10 000. */
  requestTimeoutMs?: number;
  /** Default 30 000. 0 disables keepalive. */
  pingIntervalMs?: number;
  /** Default 2 × pingIntervalMs. */
  deadSocketMs?: number;
  /** Upgrade must complete within this. Default = requestTimeoutMs. */
  connectTimeoutMs?: number;
}

interface Pending {
  resolve: (r: UmsResponse) => void;
  reject: (e: LpError) => void;
  timer: unknown;
  type: string;
}

export class UmsSocket extends TypedEmitter<SocketEvents> {
  private readonly ws: WebSocketLike;
  private readonly pending = new Map<string, Pending>();
  private readonly idPrefix = randomBytes(3).toString('hex');
  private seq = 0;
  private lastSeen: number;
  private notificationHandler: ((n: UmsNotification) => void) | undefined;
  private early: UmsNotification[] = [];
  /** A clock read for `lastSeen` is due at the next frame (cleared for the rest of a burst: noteSeen). */
  private seenQueued = false;
  private readonly endBurst = (): void => {
    this.seenQueued = false;
  };
  private keepaliveTimer: unknown;
  private closed = false;
  private localReason: string | undefined;
  private malformed = 0;
  private readonly requestTimeoutMs: number;
  private readonly pingIntervalMs: number;
  private readonly deadSocketMs: number;

  /** Opens a socket; resolves once open, rejects with LpError (code = HTTP status of a refused upgrade, 0 for network). */
  static open(opts: UmsSocketOptions): Promise<UmsSocket> {
    return new Promise<UmsSocket>((resolve, reject) => {
      let settled = false;
      let sock: UmsSocket | undefined;
      const fail = (e: LpError): void => {
        if (settled) return;
        settled = true;
        opts.clock.clearTimeout(timer);
        reject(e);
      };
      const timeoutMs = opts.connectTimeoutMs ?? opts.requestTimeoutMs ?? 10_000;
      const timer = opts.clock.setTimeout(() => {
        fail(new LpError({ code: 0, message: `socket connect timeout after ${timeoutMs} ms`, location: 'Socket#Connect', network: true }));
        try {
          sock?.ws.terminate();
        } catch {
          // ignore
        }
      }, timeoutMs);
      try {
        sock = new UmsSocket(opts, {
          onOpen: () => {
            if (settled) return;
            settled = true;
            opts.clock.clearTimeout(timer);
            resolve(sock as UmsSocket);
          },
          onFail: fail,
        });
      } catch (err) {
        fail(new LpError({ code: 0, message: `socket error: ${err instanceof Error ? err.message : String(err)}`, location: 'Socket#Connect', cause: err }));
      }
    });
  }

  private constructor(private readonly opts: UmsSocketOptions, hooks: { onOpen: () => void; onFail: (e: LpError) => void }) {
    super(opts.logger);
    this.requestTimeoutMs = opts.requestTimeoutMs ?? 10_000;
    this.pingIntervalMs = opts.pingIntervalMs ?? 30_000;
    this.deadSocketMs = opts.deadSocketMs ?? 2 * this.pingIntervalMs;
    this.lastSeen = opts.clock.now();
    let upgradeStatus: number | undefined;
    let opened = false;
    this.ws = opts.transport.openSocket(opts.url, {
      headers: { 'User-Agent': opts.userAgent ?? DEFAULT_USER_AGENT, ...(opts.headers ?? {}) },
    }, {
      refused: (status, statusText) => {
        upgradeStatus = status;
        hooks.onFail(new LpError({
          code: status,
          message: `socket upgrade refused: HTTP ${status}${statusText ? ` ${statusText}` : ''}`,
          location: 'Socket#Upgrade',
        }));
        try {
          this.ws.terminate();
        } catch {
          // ignore
        }
      },
      open: () => {
        opened = true;
        this.lastSeen = opts.clock.now();
        this.scheduleKeepalive();
        hooks.onOpen();
      },
      text: (data) => this.onText(data),
      binary: (bytes) => {
        this.lastSeen = this.opts.clock.now();
        this.reportMalformed(`binary frame (binary frame, ${bytes} bytes)`);
      },
      alive: () => {
        this.lastSeen = opts.clock.now();
      },
      error: (err) => {
        if (!opened) {
          if (upgradeStatus === undefined) {
            const f = classifyNetworkError({ code: err.code, message: err.message, scheme: opts.url.startsWith('ws:') ? 'http' : 'https', presented: presentedOf(err) });
            const message = f.kind === 'network' ? `socket error: ${err.code ?? err.message}` : f.words;
            hooks.onFail(new LpError({ code: 0, message, location: 'Socket#Connect', network: true, failure: f.kind, cause: err }));
          }
          return;
        }
        opts.logger.log('warn', `Socket error: ${redact(err.message)}`);
      },
      close: (code, reason) => {
        if (!opened && upgradeStatus === undefined) {
          hooks.onFail(new LpError({ code: 0, message: `socket closed before open (${code})`, location: 'Socket#Connect', network: true }));
        }
        this.onClose(code, reason);
      },
    });
  }

  /** The URL with the bearer redacted (diagnostics). */
  get url(): string {
    return redact(this.opts.url);
  }

  get isOpen(): boolean {
    return !this.closed && this.ws.isOpen;
  }

  get pendingCount(): number {
    return this.pending.size;
  }

  request(type: string, body: unknown, opts: RequestOptions = {}): Promise<UmsResponse> {
    const wireType = normaliseType(type);
    if (!this.isOpen) {
      return Promise.reject(new LpError({ code: 0, message: 'socket not connected', location: 'Socket#Request' }));
    }
    const id = `${this.idPrefix}-${++this.seq}`;
    const timeoutMs = opts.timeoutMs ?? this.requestTimeoutMs;
    let text: string;
    try {
      text = encodeRequest({ id, type: wireType, body, ...(opts.metadata ? { metadata: opts.metadata } : {}) });
    } catch (err) {
      return Promise.reject(new LpError({ code: 0, message: `cannot encode request: ${err instanceof Error ? err.message : String(err)}`, location: 'Socket#Request' }));
    }
    return new Promise<UmsResponse>((resolve, reject) => {
      const timer = this.opts.clock.setTimeout(() => {
        if (this.pending.delete(id)) {
          reject(new LpError({ code: 0, message: `request ${wireType} timed out after ${timeoutMs} ms`, location: 'Socket#Request' }));
        }
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer, type: wireType });
      try {
        this.ws.send(text, (err) => {
          if (err) this.failPending(id, new LpError({ code: 0, message: `send failed: ${err.message}`, location: 'Socket#Request' }));
        });
      } catch (err) {
        this.failPending(id, new LpError({ code: 0, message: `send failed: ${err instanceof Error ? err.message : String(err)}`, location: 'Socket#Request' }));
      }
    });
  }

  /** Closes with a code (default 1000); `why` is reported as the local reason. */
  close(code = 1000, why = 'closed by client'): void {
    if (this.closed) return;
    this.localReason = why;
    try {
      if (this.ws.isOpen) this.ws.close(code, why.slice(0, 120));
      else this.ws.terminate();
    } catch {
      this.ws.terminate();
    }
    // Do not wait for the server's close frame: fail everything and report now.
    this.onClose(code, why);
  }

  /** Drops the socket without a close handshake (reported as 1006). */
  terminate(why: string): void {
    if (this.closed) return;
    this.localReason = why;
    try {
      this.ws.terminate();
    } catch {
      // ignore
    }
    this.onClose(1006, why);
  }

  /** Where every notification frame goes from now on (one handler: the connection's); those kept until now first, in order. */
  setNotificationHandler(fn: (n: UmsNotification) => void): void {
    this.notificationHandler = fn;
    const early = this.early;
    this.early = [];
    for (const n of early) fn(n);
  }

  private failPending(id: string, err: LpError): void {
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    this.opts.clock.clearTimeout(p.timer);
    p.reject(err);
  }

  /**
   * A frame arrived: the socket is alive. The clock is read once per burst (the frames ws hands over
   * synchronously from one read; the flag is cleared by a microtask after them), not once per
   * frame: Date.now() alone is ~10 % of what the core adds to a frame (bench/README "The core's path, A/B").
   */
  private noteSeen(): void {
    if (this.seenQueued) return;
    this.lastSeen = this.opts.clock.now(); // (first: a clock that throws must not leave the flag set)
    this.seenQueued = true;
    queueMicrotask(this.endBurst);
  }

  private onText(text: string): void {
    try {
      this.noteSeen();
      const f = parseFrame(text);
      if (f.kind === 'notification') {
        const handler = this.notificationHandler;
        if (handler !== undefined) handler(f); // already a UmsNotification (type, body, frame)
        else this.keepEarly(f);
        return;
      }
      if (f.kind === 'malformed') {
        this.reportMalformed(f.reason);
        return;
      }
      if (f.kind === 'resp') {
        const p = this.pending.get(f.reqId);
        if (!p) {
          this.opts.logger.log('debug', `Response to an unknown request id (late or duplicate), code ${f.code}`);
          return;
        }
        this.pending.delete(f.reqId);
        this.opts.clock.clearTimeout(p.timer);
        if (f.code > 399) {
          p.reject(new LpError({ code: f.code, message: bodyText(f.body) || `request ${p.type} failed with ${f.code}`, location: 'Socket#Request', body: f.body }));
        } else {
          p.resolve({ reqId: f.reqId, code: f.code, ...(f.type !== undefined ? { type: f.type } : {}), body: f.body });
        }
        return;
      }
      this.opts.logger.log('debug', `Ignoring a server request frame of type ${redact(f.type.slice(0, 100))}`);
    } catch (err) {
      this.opts.logger.log('error', `Socket message handler failed: ${redact(err instanceof Error ? err.message : String(err))}`);
    }
  }

  private keepEarly(n: UmsNotification): void {
    if (this.early.length < EARLY_NOTIFICATIONS_KEPT) this.early.push(n);
    else this.opts.logger.log('debug', `Dropped a notification that came before the socket was attached: ${redact(n.type.slice(0, 100))}`);
  }

  private reportMalformed(reason: string): void {
    this.malformed += 1;
    this.opts.logger.log(this.malformed === 1 ? 'warn' : 'debug', `Ignoring a malformed frame: ${redact(reason)}`, { count: this.malformed });
  }

  private scheduleKeepalive(): void {
    if (this.pingIntervalMs <= 0 || this.closed) return;
    this.keepaliveTimer = this.opts.clock.setTimeout(() => this.keepaliveTick(), this.pingIntervalMs);
  }

  private keepaliveTick(): void {
    this.keepaliveTimer = undefined;
    if (this.closed) return;
    const silent = this.opts.clock.now() - this.lastSeen;
    if (silent >= this.deadSocketMs) {
      this.opts.logger.log('warn', `No frame or pong for ${silent} ms: the socket is dead, dropping it`);
      this.terminate(`no frame or pong for ${silent} ms`);
      return;
    }
    try {
      this.ws.ping();
    } catch (err) {
      this.opts.logger.log('debug', `Ping failed: ${err instanceof Error ? err.message : String(err)}`);
    }
    this.request('.GetClock', {}, { timeoutMs: Math.min(this.requestTimeoutMs, this.deadSocketMs) }).catch((err: unknown) => {
      this.opts.logger.log('debug', `Keepalive .GetClock failed: ${err instanceof Error ? err.message : String(err)}`);
    });
    this.scheduleKeepalive();
  }

  private onClose(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    if (this.keepaliveTimer !== undefined) this.opts.clock.clearTimeout(this.keepaliveTimer);
    this.keepaliveTimer = undefined;
    const err = (): LpError => new LpError({ code: 0, message: 'socket closed', location: 'Socket#Request' });
    for (const id of [...this.pending.keys()]) this.failPending(id, err());
    this.emit('close', { code, reason: redact(reason), ...(this.localReason ? { local: this.localReason } : {}) });
  }
}
