/**
 * The simulator's public, in-process API: what tests, demo mode and the CLI use to start and drive
 * a LivePerson stand-in on loopback. Types only. The simulator is an independent reading of
 * ../shared/lp-protocol.md: nothing here (or anywhere under src-main/simulator) imports src-main/lp.
 *
 * Implementations may add members; they must not change or remove these without updating every user.
 */

/** Timers the simulator uses, injectable so a test can run a 24-hour shift on a fake clock. */
export interface SimClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface SimAgentSeed {
  username: string;
  password: string;
  /** Numeric LivePerson user id; the legacy id on the wire is `${accountId}.${userId}`. */
  userId: string;
  /** UUID form of the same user (config.userPid). Generated when absent. */
  pid?: string;
  /** For app-key login (lp-protocol.md §2): when set, the app-key body is accepted for this user. */
  appKey?: { appKey: string; secret: string; accessToken: string; accessTokenSecret: string };
}

export interface SimSkillSeed {
  id: string; // numeric string, e.g. "12"
  name: string;
  description?: string;
}

export interface SimulatorOptions {
  /** 0 (default) = ephemeral port. One port serves HTTP (CSDS, login, skills, consumer API) and WS. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Serve https/wss with a freshly generated self-signed certificate (see Simulator.tls). */
  tls?: boolean;
  accountId?: string;
  agents?: SimAgentSeed[];
  skills?: SimSkillSeed[];
  /** sessionTTl reported at login, and when the bearer stops being valid unless refreshed. Default 8 h. */
  sessionTtlMs?: number;
  /**
   * Server closes a socket after this much silence from the client (no frame, no ping). Default 90 000:
   * the 60 s a client must keep to (lp-protocol.md §4; node-agent-sdk pings exactly every 60 s) plus
   * 30 s of grace, as a real server allows, so a client pinging on time is never closed.
   */
  idleTimeoutMs?: number;
  /** Ring lifetime (ringExpiration, ms). Default 72 000. */
  ringExpirationMs?: number;
  /** After a ring expires or is rejected, the conversation is offered again after this delay. Default 2 000. */
  reRingDelayMs?: number;
  /** Simulated consumers that open conversations on their own and answer agents (demo mode). Default off. */
  demoConsumers?: boolean | { everyMs?: number; maxOpen?: number; replyDelayMs?: number };
  /** Re-send WAITING rings when an agent (re)subscribes to routing (lp-protocol.md §13: both must work). Default true. */
  resendRingsOnSubscribe?: boolean;
  /**
   * The simulator's own HTTP API under /sim/ (consumer API and fault injection, see consumers.ts and
   * fault-http.ts). Off by default (404): any local process or web page could drive it. `true` = on
   * behind a random per-run token (Simulator.httpApi.token); `{ token }` = behind that token (at least
   * 16 of A-Z a-z 0-9 _ -). Every call must carry `Authorization: Bearer <token>` (else 403) and a Host
   * of 127.0.0.1, localhost or [::1] with this port (else 403); a POST must be `Content-Type:
   * application/json` (else 415).
   */
  httpApi?: boolean | { token: string };
  /**
   * Every seeded agent gets a random password for this run, and no app-key or SAML login (demo mode:
   * nobody else on the machine can sign in as the demo agent and take over its session). Default false.
   */
  randomCredentials?: boolean;
  /** How long a signed file URL (GenerateURLFor{Upload,Download}File, files.ts) stays valid. Default 300 000 (5 min). */
  fileUrlTtlMs?: number;
  /** Largest file an upload URL is given for, and a PUT may carry. Default 25 MiB. */
  fileMaxBytes?: number;
  /**
   * At most this many events in one QueryMessages answer, whatever the request asks (as maxQuantity
   * cuts it: the oldest first, the newest with olderThanSequence). LivePerson documents no such cap
   * (lp-protocol.md §6, ?); a client must page through one all the same. Default none.
   */
  queryMessagesCap?: number;
  /**
   * Colleagues for transfer to an agent (demo mode): every seeded agent but the first is played by the
   * simulator — ONLINE in agent status (agent-status.ts) without a socket, rung only when a transfer
   * SUGGESTs it (lp-protocol.md §6), and accepting that ring after `acceptAfterMs` (default 4 000; its
   * ring is visible meanwhile in `inspect.conversation(id).rings`). An agent that signs in itself is
   * routed as usual while its socket is open. Default off.
   */
  colleagues?: boolean | { acceptAfterMs?: number };
  /**
   * The identity provider (idp.ts, idp-pages.ts): `acsUrl` is where its sign-in page posts the
   * SAMLResponse (default: this simulator's login URL, `{baseUrl}/api/account/{accountId}/login`);
   * `assertionTtlMs` how long an assertion it issues is valid (NotOnOrAfter; default 5 min).
   */
  idp?: { acsUrl?: string; assertionTtlMs?: number };
  clock?: SimClock;
  /** One line per notable server event; secrets redacted. Default: silent. */
  log?: (line: string) => void;
}

/** A request as the simulator received it (for assertions: "exactly once", order, wire shape). */
export interface SimRequestRecord {
  at: number;
  username: string;
  socketId: number;
  /** The type exactly as the client sent it (short alias or .ams. form). */
  type: string;
  id: string | number;
  body: unknown;
  raw: string;
}

/** One stored messaging event of a dialog, as the simulator keeps it. */
export interface SimMessage {
  sequence: number;
  dialogId: string;
  originatorId: string; // legacy id for agents, consumer id for consumers
  role: 'CONSUMER' | 'ASSIGNED_AGENT' | 'MANAGER' | 'READER' | 'CONTROLLER' | 'SYSTEM';
  serverTimestamp: number;
  event: { type: string; [k: string]: unknown };
  /**
   * AGENTS_AND_MANAGERS for a private message (a manager's whisper, an agent's private note): sent on
   * the wire as `messageAudience`, never seen by the consumer. Absent = ALL.
   */
  messageAudience?: 'AGENTS_AND_MANAGERS';
}

export interface SimConversationView {
  conversationId: string;
  skillId: string;
  consumerId: string;
  state: 'OPEN' | 'CLOSE';
  /** Raw participant map, role → ids (legacy ids for agents). */
  participants: Record<string, string[]>;
  closeReason?: string;
  rings: Array<{ ringId: string; agentUserId: string; ringState: string; ringExpirationTs: number }>;
}

export interface SimConsumer {
  readonly consumerId: string;
  readonly conversationId: string;
  /** Sends a ContentEvent text/plain as the consumer; resolves with its sequence. */
  send(text: string): Promise<number>;
  typing(state: 'COMPOSING' | 'PAUSE' | 'ACTIVE'): void;
  /** AcceptStatusEvent READ for the given agent-message sequences. */
  read(sequences: number[]): void;
  /** Consumer closes the conversation. */
  close(): Promise<void>;
  /** Every stored event of the conversation so far, in sequence order. */
  messages(): SimMessage[];
  /**
   * A manager of the account whispers in this conversation: a ContentEvent with messageAudience
   * AGENTS_AND_MANAGERS, originator role MANAGER (the simulator's supervisor, legacy id
   * `<account>.9900`), delivered to the agents only. Resolves with its sequence.
   */
  whisper(text: string): Promise<number>;
  /**
   * Sends a file as the consumer (lp-protocol.md §6): the bytes go into the file store under a new
   * relativePath, then a ContentEvent `hosted/file` with message {caption, relativePath, fileType} is
   * stored. The bytes are stored as given (never checked: hostile tests send lies). `relativePath`
   * instead of bytes sends that path as is (a path the store does not hold, `../` tricks).
   */
  sendFile(file: SimConsumerFile): Promise<{ sequence: number; relativePath: string }>;
  /**
   * Sends structured content as the consumer: a RichContentEvent `{type, content}` (lp-protocol.md §6),
   * with `quickReplies` when given. Stored exactly as passed (tests send hostile content on purpose).
   * Resolves with its sequence.
   */
  sendRich(content: unknown, opts?: { quickReplies?: unknown }): Promise<number>;
  /** Resolves with the next agent ContentEvent the consumer sees (private ones never) matching `predicate` (already stored ones count). */
  nextAgentMessage(predicate?: (m: SimMessage) => boolean, timeoutMs?: number): Promise<SimMessage>;
}

export interface SimConsumerFile {
  fileType: string;
  caption?: string;
  bytes?: Uint8Array;
  relativePath?: string;
}

/** A file of the simulator's file store. */
export interface SimStoredFile {
  relativePath: string;
  fileType: string;
  /** null while an upload URL was given but nothing PUT yet */
  bytes: Uint8Array | null;
}

export interface SimConsumerApi {
  /** Opens a conversation on a skill and sends the first message (routing starts after it, §7). */
  open(opts?: {
    skillId?: string;
    text?: string;
    firstName?: string;
    lastName?: string;
    email?: string;
    phone?: string;
    customerId?: string;
    /** A returning consumer: the consumer of an earlier conversation (same id and profile; the other fields are ignored). Unknown ids reject. */
    consumerId?: string;
  }): Promise<SimConsumer>;
  get(conversationId: string): SimConsumer | undefined;
}

export interface SimFaults {
  /** Terminates matching sockets without a close frame (client sees 1006). Returns how many. */
  dropSockets(filter?: { username?: string }): number;
  /** Closes matching sockets with a chosen close code. Returns how many. */
  closeSockets(code: number, reason?: string, filter?: { username?: string }): number;
  /** The next `count` logins fail with `status` (401 → wrong credentials body, 500 → "LeLogin1 failed"). */
  refuseLogins(count: number, status?: 401 | 500 | 503): void;
  /** Every login waits this long before answering (0 = off). */
  delayLogins(ms: number): void;
  /** The next `count` refreshes fail with `status` (401 = CSRF invalid body). */
  failRefresh(count: number, status?: 401 | 500 | 503): void;
  /** Invalidates every bearer now; open sockets close with `closeCode` (default 4401). */
  expireTokens(opts?: { closeCode?: number; username?: string }): void;
  /** The next `count` WS upgrades fail with HTTP `status` (default 502). */
  refuseUpgrades(count: number, status?: number): void;
  /** Responses to requests whose type matches are delayed by `ms` (the action itself is applied at once). */
  delayResponses(ms: number, match?: (type: string) => boolean): void;
  /** The next `count` responses to matching requests are never sent (the action IS applied): "response lost". */
  dropResponses(count: number, match?: (type: string) => boolean): void;
  /** Sends a raw text frame (malformed JSON, unknown types, ...) to matching sockets. */
  sendRaw(frame: string, filter?: { username?: string }): number;
  /** Server goes away: every socket dropped, every HTTP and WS request refused (connection reset) until up(). */
  down(): void;
  up(): void;
  /** Clears every pending fault. */
  reset(): void;
}

export interface SimInspect {
  conversations(): SimConversationView[];
  conversation(conversationId: string): SimConversationView | undefined;
  messages(conversationId: string): SimMessage[];
  /** Current availability per username, as last set by SetAgentState (OFFLINE when never set). */
  agentState(username: string): string;
  /** Requests received so far, oldest first. */
  requests(filter?: { username?: string; type?: string }): SimRequestRecord[];
  /** Open agent sockets. */
  sockets(): Array<{ socketId: number; username: string; subscriptions: string[] }>;
  loginCount(username?: string): number;
  refreshCount(username?: string): number;
  /** Logout requests whose Session_id cookie named a session of the user (any outcome: a bad csrf counts too). */
  logoutCount(username?: string): number;
  /** Every file of the file store (reserved by an upload URL, uploaded, or a consumer's), oldest first. */
  files(): SimStoredFile[];
}

export interface SimEvents {
  request: SimRequestRecord;
  /** An agent socket opened (after a successful upgrade) or closed. */
  socketOpen: { socketId: number; username: string };
  socketClose: { socketId: number; username: string; code: number };
  login: { username: string; ok: boolean; status: number };
  ring: { ringId: string; conversationId: string; agentUserId: string; ringState: string };
  /** A message event was stored (consumer or agent). */
  message: SimMessage;
  conversation: SimConversationView;
}

export interface Simulator {
  readonly accountId: string;
  /** e.g. http://127.0.0.1:51234 (https with tls). Every service lives here. */
  readonly baseUrl: string;
  /** What a client passes as its CSDS override: GET {csdsUrl}/api/account/{id}/service/baseURI.json?version=1.0 */
  readonly csdsUrl: string;
  /** host:port, as CSDS reports it for every service (no scheme, like real baseURIs). */
  readonly host: string;
  /** With tls: the PEM certificate a client must trust. */
  readonly tls?: { cert: string };
  /** With the httpApi option: the token every /sim/ call carries as `Authorization: Bearer <token>`. */
  readonly httpApi?: { token: string };
  readonly agents: ReadonlyArray<Required<Pick<SimAgentSeed, 'username' | 'password' | 'userId' | 'pid'>>>;
  readonly skills: ReadonlyArray<SimSkillSeed>;
  readonly consumers: SimConsumerApi;
  readonly faults: SimFaults;
  readonly idp: SimIdp;
  readonly inspect: SimInspect;
  /**
   * A public image (a CDN's, as rich content names): `bytes` served as they are, with `contentType`
   * (default image/png), at GET {baseUrl}/static/images/{name} — no signature, no content check.
   * Returns that URL. `name`: 1–64 of A-Z a-z 0-9 . _ -.
   */
  serveImage(name: string, bytes: Uint8Array, contentType?: string): string;
  on<K extends keyof SimEvents>(event: K, listener: (e: SimEvents[K]) => void): () => void;
  /** Resolves with the first event of `event` for which `predicate` holds, or rejects after `timeoutMs` (default 5 000). */
  waitFor<K extends keyof SimEvents>(event: K, predicate?: (e: SimEvents[K]) => boolean, timeoutMs?: number): Promise<SimEvents[K]>;
  close(): Promise<void>;
}

/** The simulator's identity provider (SAML 2.0, HTTP-POST binding; idp.ts states its assumptions). */
export interface SimIdp {
  /** The sign-in page: a user field (an agent's username) and a "Sign in" button. */
  readonly signInUrl: string;
  /** Where the sign-in page posts `SAMLResponse` (SimulatorOptions.idp.acsUrl). */
  readonly acsUrl: string;
  /** The Issuer of its assertions, and the Audience they are for. */
  readonly issuer: string;
  readonly audience: string;
  /** What the sign-in page issues from now on: valid (default), already expired, or signed with a wrong key. */
  issueAs(mode: 'valid' | 'expired' | 'forged'): void;
  /** A base64 SAMLResponse for this user, as the sign-in page would post it. */
  issue(username: string, mode?: 'valid' | 'expired' | 'forged'): string;
}

export type StartSimulator = (opts?: SimulatorOptions) => Promise<Simulator>;
