/**
 * The seam between the connection layer (domains, auth, socket, keepalive, reconnect, refresh)
 * and the session layer (agent state, rings, conversations, messages, outbox).
 * The session only ever talks to LivePerson through an AgentConnection.
 */
import type { AgentProfile, ConnectionState, LpErrorInfo } from './model';

export interface UmsResponse {
  reqId: string;
  code: number;
  /** Response type as sent, e.g. `.ReqBody$StringResp`; not relied on (match by reqId). */
  type?: string;
  body: unknown;
}

export interface UmsNotification {
  /** Normalised to the `.ams.`-prefixed form, e.g. `.ams.routing.RoutingTaskNotification`. */
  type: string;
  body: unknown;
  /** The whole frame as parsed (for metadata / unknown siblings). */
  frame: Record<string, unknown>;
}

export interface RequestOptions {
  /** Default 10 000 ms. */
  timeoutMs?: number;
  /**
   * Frame-level `metadata` sibling of `body` (§5), e.g. `[{"type":"ExternalId","id":"l-…"}]`.
   * The session sends its outbox localId this way so an echo can be matched exactly.
   */
  metadata?: unknown[];
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
  on<K extends keyof ConnectionEvents>(event: K, listener: (e: ConnectionEvents[K]) => void): () => void;
}
