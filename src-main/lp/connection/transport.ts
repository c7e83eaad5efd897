/**
 * How the core reaches LivePerson: one HTTP exchange and one WebSocket, injected. The core never
 * builds `node:http` requests or `ws` sockets itself; headless, tests and bench use the Node
 * transport (node-transport.ts), the desktop can pass one built on its own network stack (a
 * fetch-based `request`, an `openSocket` over `ws` with a proxy agent). Certificate checks are the
 * transport's and are never switched off.
 *
 * Timeouts, error classification (lp-protocol.md §2/§8), cookies and redaction stay in the core
 * (http.ts, socket.ts): a transport only moves bytes and reports what happened.
 */
import type { PresentedCertificate } from './proxy-errors';

export interface TransportRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  /** Complete header set (User-Agent, Accept, Content-Type, Cookie, Authorization…). */
  headers: Record<string, string>;
  /** UTF-8 text (JSON) or raw bytes (a file upload), absent for a bodyless request. */
  body?: string | Uint8Array;
  /** The response body is wanted as bytes (TransportResponse.bytes) — a file download. */
  binary?: boolean;
  /** Aborted by the core on its own timeout: the transport stops and may reject with anything. */
  signal: AbortSignal;
  /** A response body larger than this is refused with TransportError 'too-large'. */
  maxBodyBytes: number;
}

export interface TransportResponse {
  status: number;
  /** Lower-case names; `set-cookie` as a list of its header values. */
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** The body as bytes, when the request asked for `binary` (then `text` may be empty). */
  bytes?: Uint8Array;
}

/** Why an exchange produced no response: the network (refused, reset, DNS, TLS…) or a too-large body. */
export class TransportError extends Error {
  override readonly name = 'TransportError';
  constructor(
    message: string,
    readonly reason: 'network' | 'too-large',
    /** System error code when known, e.g. `ECONNREFUSED`, `CERT_HAS_EXPIRED`. */
    readonly errno?: string,
    /** The certificate a failed handshake presented (its issuer is named in the error). */
    readonly presentedCertificate?: PresentedCertificate,
  ) {
    super(message);
  }
}

/** What the socket layer hears from an open attempt and an open socket. Called at most as documented. */
export interface SocketListener {
  /** The upgrade completed. */
  open(): void;
  /** The server refused the upgrade with this HTTP status (then `close` may follow). */
  refused(status: number, statusText: string): void;
  /** A text frame. */
  text(data: string): void;
  /** A binary frame (the core does not use them; only its size is reported). */
  binary(byteLength: number): void;
  /** A ping or pong from the server: the socket is alive. */
  alive(): void;
  error(err: Error & { code?: string }): void;
  close(code: number, reason: string): void;
}

/** A socket as the core drives it. */
export interface WebSocketLike {
  /** True while frames can be sent. */
  readonly isOpen: boolean;
  /** Sends one text frame; `done` gets an error when it could not be sent. */
  send(text: string, done: (err?: Error) => void): void;
  /** A protocol-level ping, when the implementation has one (else a no-op). */
  ping(): void;
  /** Close handshake with a code and a reason (≤ 123 bytes). */
  close(code: number, reason: string): void;
  /** Drop without a handshake. */
  terminate(): void;
}

/**
 * The largest frame a socket accepts (8 MiB; ws's default is 100 MiB). A transport refuses a larger
 * one by closing the socket with 1009 ("message too big"); the connection then reconnects.
 */
export const MAX_FRAME_BYTES = 8 * 1024 * 1024;

export interface SocketOpenOptions {
  headers: Record<string, string>;
}

export interface Transport {
  /** One HTTP exchange. Rejects (TransportError, or anything on abort) only when there is no response. */
  request(req: TransportRequest): Promise<TransportResponse>;
  /** Starts opening a WebSocket; everything that happens is told to `listener`. */
  openSocket(url: string, opts: SocketOpenOptions, listener: SocketListener): WebSocketLike;
}
