/**
 * The seam between the connection layer (domains, auth, socket, keepalive, reconnect, refresh)
 * and the session layer (agent state, rings, conversations, messages, outbox).
 * The session only ever talks to LivePerson through an AgentConnection.
 */
import type { LpErrorInfo } from '../base/errors';
import type { AgentProfile, ConnectionState } from '../protocol/model';
import type { RequestOptions, UmsNotification, UmsResponse } from '../protocol/ums';

export type { RequestOptions, UmsNotification, UmsResponse };

/** Connection tuning (SessionOptions.timing is this type); defaults follow lp-protocol.md. */
export interface ConnectionTiming {
  /** Default 10 000. */
  requestTimeoutMs?: number;
  /** WS ping + `.GetClock` period. Default 30 000. */
  pingIntervalMs?: number;
  /** No pong / no frame for this long → reconnect. Default 2 × pingIntervalMs. */
  deadSocketMs?: number;
  /** Default 10 min, never more than sessionTTl / 3. */
  refreshIntervalMs?: number;
  /** Default 1 000. */
  backoffBaseMs?: number;
  /** Default 60 000. */
  backoffMaxMs?: number;
}

export interface ConnectionEvents {
  state: ConnectionState;
  /**
   * A fresh socket is open and authenticated. Emitted for the first connect and after every
   * reconnect: the session must redo agent state, subscriptions and history queries.
   */
  ready: { profile: AgentProfile; reconnect: boolean };
  notification: UmsNotification;
  error: LpErrorInfo;
}

export interface AgentConnection {
  readonly state: ConnectionState;
  /** Known after the first successful login. */
  readonly profile: AgentProfile | undefined;
  /** Resolved service hosts (diagnostics): service name → host. */
  readonly domains: Readonly<Record<string, string>>;
  /** Starts: domains → login → socket; then keeps the socket up until stop(). */
  start(): Promise<void>;
  /** Stops reconnecting, closes the socket, and (by default) logs out over REST. */
  stop(opts?: { logout?: boolean }): Promise<void>;
  /** Drop the current socket and reconnect now (sleep/wake, network change, "retry now"). */
  reconnectNow(reason: string): void;
  /**
   * Sends a request on the current socket. Rejects with an LpError when not connected (at once),
   * on timeout, or on a response code > 399 (the error carries the code and body text).
   */
  request(type: string, body: unknown, opts?: RequestOptions): Promise<UmsResponse>;
  /** An authenticated REST GET/POST against a CSDS service (bearer header added here, never by callers). */
  rest<T = unknown>(service: string, path: string, init?: { method?: 'GET' | 'POST'; body?: unknown }): Promise<T>;
  /**
   * One exchange with LivePerson's file store: the host CSDS names `swift` and no other, no bearer
   * (the URL is signed: lp-protocol.md §6 GenerateURLFor{Upload,Download}File, §9). `relativePath`
   * must already be checked (decisions/files.ts). Resolves with any HTTP status; rejects (LpError,
   * network: true) when there is no response, on timeout, or when the body exceeds `maxBytes`.
   */
  fileExchange(req: FileExchange): Promise<{ status: number; bytes: Uint8Array }>;
  /**
   * One GET of a public https image that rich content names (session/rich-images.ts): no bearer, no
   * cookies, no redirect followed, through the same transport (proxy, trusted certificates) as
   * everything else. Resolves with any HTTP status; rejects (LpError, network: true) when there is no
   * response, on timeout, or when the body exceeds `maxBytes`; rejects at once for a URL that is not https.
   */
  imageGet(req: { url: string; maxBytes: number; timeoutMs: number }): Promise<{ status: number; bytes: Uint8Array }>;
  on<K extends keyof ConnectionEvents>(event: K, listener: (e: ConnectionEvents[K]) => void): () => void;
}

export interface FileExchange {
  method: 'GET' | 'PUT';
  relativePath: string;
  /** temp_url_sig, temp_url_expires as GenerateURLFor…File answered. */
  query: Record<string, string>;
  /** The upload's bytes (PUT). */
  body?: Uint8Array;
  /** Largest response body accepted. */
  maxBytes: number;
  timeoutMs: number;
}

/** AgentConnection plus diagnostics. */
export interface DiagnosableConnection extends AgentConnection {
  /** The current socket URL with the bearer redacted; undefined while no socket is open. */
  readonly socketUrl: string | undefined;
}
