/**
 * The agent core's public model: what the session knows and tells. Plain data, JSON-safe
 * (no Map/Set/Date/undefined-sensitive fields), so it can cross IPC and be printed by headless mode
 * as it is. Nothing secret lives here: no password, bearer, csrf or cookie.
 */
import type { AVAILABILITIES, CHAT_STATES } from './vocabulary';
import type { LpErrorInfo } from '../base/errors';

export type { LpErrorInfo };

export type Availability = (typeof AVAILABILITIES)[number];

/**
 * Login credentials (lp-protocol.md §2: password, app key, SAML assertion). For an assertion,
 * `username` is only this client's name for the agent (the assertion's subject): the server reads
 * who it is from the assertion itself.
 */
export type Credentials =
  | { kind: 'password'; username: string; password: string }
  | { kind: 'appKey'; username: string; appKey: string; secret: string; accessToken: string; accessTokenSecret: string }
  | { kind: 'assertion'; username: string; assertion: string };

export interface AccountConfig {
  accountId: string;
  /**
   * CSDS base, default `https://adminlogin.liveperson.net`. Its scheme decides the scheme of every
   * service: http → http/ws (the simulator on loopback), https → https/wss.
   */
  csdsUrl?: string;
  /** Extra CA certificates (PEM) to trust, e.g. the simulator's self-signed one. */
  trustedCa?: string[];
}

export type ConnectionPhase =
  | 'idle' // not started
  | 'connecting' // domains / login / socket open in progress (first time)
  | 'online' // socket open, agent state and subscriptions (re)established
  | 'reconnecting' // lost; waiting nextRetryAt, or trying
  | 'offline' // stopped by the user, or a fatal error that needs new credentials
  | 'auth-failed'; // login refused (4xx): no retry until credentials change

export interface ConnectionState {
  phase: ConnectionPhase;
  /** Epoch ms of the next automatic attempt while reconnecting. */
  nextRetryAt?: number;
  /** Consecutive failed attempts in the current outage. */
  attempt?: number;
  /** Human-readable, redacted. */
  lastError?: string;
  /** Last close code seen on the socket. */
  lastCloseCode?: number;
  /** Total successful reconnects since start (diagnostics). */
  reconnects: number;
  /** Epoch ms of when the current phase began. */
  since: number;
}

export interface AgentProfile {
  accountId: string;
  /** Numeric user id. */
  userId: string;
  /** `${accountId}.${userId}` */
  legacyId: string;
  /** UUID form (config.userPid); may be absent on some accounts. */
  pid?: string;
  loginName: string;
}

export type RingState = 'WAITING' | 'ACCEPTED' | 'REJECTED' | 'EXPIRED' | 'CANCELLED' | 'AUTO_ACCEPT';

export interface Ring {
  ringId: string;
  conversationId: string;
  consumerId: string;
  skillId: string;
  state: RingState;
  /** Epoch ms when the ring expires (from ringExpirationTs, else received time + ringExpiration). */
  expiresAt: number;
  /** Epoch ms when this client first saw the ring. */
  offeredAt: number;
  /** Filled from the consumer profile when known. */
  consumerName?: string;
}

export type ParticipantRole = 'CONSUMER' | 'ASSIGNED_AGENT' | 'MANAGER' | 'READER' | 'CONTROLLER' | string;

export interface Participant {
  /** Legacy id for agents, consumer id for consumers. */
  id: string;
  role: ParticipantRole;
  pid?: string;
  /** ACTIVE, or SUGGESTED (transfer-to-agent, v=2.1). */
  state?: string;
}

export interface Conversation {
  conversationId: string;
  state: 'OPEN' | 'CLOSE';
  skillId: string;
  consumerId: string;
  consumerName?: string;
  participants: Participant[];
  /** True when this agent is the ASSIGNED_AGENT. */
  mine: boolean;
  startTs: number;
  lastUpdateTs: number;
  endTs?: number;
  closeReason?: string;
  /** Unread consumer messages as the server counts them for this agent. */
  unread: number;
  /** Epoch ms of the last consumer content message this client knows of. */
  lastConsumerMessageTs?: number;
  /** Text preview of the last content message this client knows of. */
  lastMessagePreview?: string;
  /**
   * Epoch ms of the consumer's first message not yet answered by an agent (a private message is no
   * answer); absent when nothing waits. What the response-time timer counts from.
   */
  awaitingReplySince?: number;
  /** LivePerson's time to respond for this conversation (§7 `ttr`: type and seconds), when the server sends it. */
  ttr?: { type: string; seconds: number };
  /** §7 `effectiveTTR`: epoch ms by which an answer is due; absent when the server sends none (or -1). */
  responseDueAt?: number;
}

/**
 * Structured content (§6 RichContentEvent `content`, quick replies), as the core hands it on: built by
 * decisions/rich-content.ts from an allow-list of element types and properties, bounded in depth,
 * width and string length. Every string is plain text (never HTML); a URL is an http(s) URL as the
 * sender wrote it, opened only through the desktop's external-link allow-check, never fetched by the window.
 */
export interface RichStyle {
  bold?: true;
  italic?: true;
  /** `#rgb` or `#rrggbb` only. */
  color?: string;
  size?: 'small' | 'medium' | 'large';
}

/** What clicking a button does: open an http(s) link, or an action only the consumer can perform (shown inert). */
export type RichAction =
  | { kind: 'link'; url: string }
  | { kind: 'consumer-only'; type: string }
  /**
   * A link the window never offers, and why: a scheme other than http(s) (javascript:, data:, file:…,
   * named in `scheme`), not a URL, or too long. A code, so the window words it in its language.
   */
  | { kind: 'blocked-link'; reason: 'scheme' | 'invalid' | 'too-long'; scheme?: string };

export type RichNode =
  | { type: 'vertical' | 'horizontal' | 'carousel'; children: RichNode[] }
  | { type: 'text'; text: string; tooltip?: string; style?: RichStyle }
  /** `alt`: the sender's tooltip or caption ('' when it gave none). */
  | { type: 'image'; alt: string; caption?: string; url?: string }
  | { type: 'button'; title: string; tooltip?: string; style?: RichStyle; action?: RichAction }
  /** An element type outside the allow-list, shown as the text found in it. */
  | { type: 'unknown'; originalType: string; text: string };

export interface QuickReply {
  title: string;
  tooltip?: string;
  action?: RichAction;
}

export interface RichContent {
  /** The card (absent for a plain message that only carries quick replies). */
  root?: RichNode;
  quickReplies?: QuickReply[];
  /** Something was left out to stay within the bounds (too deep, too many elements, strings cut). */
  truncated?: true;
}

/** Delivery of the agent's own messages: queued (socket down) → sending → sent (sequence known) → read. */
export type Delivery = 'queued' | 'sending' | 'sent' | 'delivered' | 'read' | 'failed';

export interface ChatMessage {
  conversationId: string;
  /** Server sequence; absent only for the agent's own messages not yet acknowledged. 0 is a valid sequence. */
  sequence?: number;
  /** Client-side id of the agent's own outgoing message (stable from queued to read). */
  localId?: string;
  originatorId: string;
  role: 'CONSUMER' | 'AGENT' | 'SYSTEM';
  /** Sent by this agent (this login). */
  own: boolean;
  contentType: string;
  /** Plain text (for files/rich content: a short description). Never HTML. At most 64 Ki characters are kept (decisions/text-cap.ts). */
  text: string;
  /** Structured content and quick replies (§6), normalised; `text` then holds its plain-text description. */
  rich?: RichContent;
  /** Characters of the original text beyond the kept part, not kept anywhere (absent when nothing was cut). */
  truncatedChars?: number;
  /** Server time (epoch ms); local time for queued messages. */
  timestamp: number;
  delivery?: Delivery;
  /** When delivery is 'failed': why. */
  error?: string;
  /**
   * A private message (messageAudience AGENTS_AND_MANAGERS, §6 PublishEvent): seen by agents and
   * managers only, never by the consumer — a manager's whisper or an agent's private note.
   */
  private?: boolean;
}

/** Options of AgentSession.sendText. */
export interface SendOptions {
  /** A private note: published with messageAudience AGENTS_AND_MANAGERS, never shown to the consumer. */
  private?: boolean;
}

export type ChatState = (typeof CHAT_STATES)[number];

export interface TypingEvent {
  conversationId: string;
  participantId: string;
  role: 'CONSUMER' | 'AGENT';
  state: ChatState;
}

export interface Skill {
  id: string;
  name: string;
  description?: string;
}

/** An agent who can be offered a transfer (§9 agent status: `agent-view/status` records). */
export interface AgentStatus {
  /** Legacy id (`<account>.<userId>`): what a transfer suggests (§6 ParticipantsChange SUGGEST). */
  agentId: string;
  /** Nickname, else login name, else the id. */
  name: string;
  /** `currentStatus` as sent (ONLINE, AWAY, BACK_SOON, OCCUPIED, OFFLINE, …); 'UNKNOWN' when missing. */
  availability: string;
  /** This agent (the one signed in): listed, never offered. */
  self: boolean;
}

export interface ConsumerProfile {
  consumerId: string;
  firstName?: string;
  lastName?: string;
  email?: string;
  phone?: string;
  customerId?: string;
  /** Other SDE fields as label → value, text only. */
  extra?: Record<string, string>;
}

export type RingEndReason = 'accepted' | 'rejected' | 'expired' | 'cancelled' | 'taken-elsewhere' | 'removed';


/** Everything the session emits. Event name → payload. */
export interface SessionEvents {
  connection: ConnectionState;
  profile: AgentProfile;
  availability: Availability;
  'ring/offered': Ring;
  'ring/updated': Ring;
  'ring/ended': { ring: Ring; reason: RingEndReason };
  'conversation/upsert': Conversation;
  'conversation/removed': { conversationId: string; reason: 'closed' | 'removed' | 'transferred' | 'back-to-queue' };
  /** A message appeared or changed (delivery state). Keyed by (conversationId, localId ?? sequence). */
  message: ChatMessage;
  /** History loaded for a conversation (full list known so far, in order). */
  history: { conversationId: string; messages: ChatMessage[] };
  typing: TypingEvent;
  /** Consumer read/accepted the agent's messages up to these sequences. */
  receipt: { conversationId: string; sequences: number[]; status: 'ACCEPT' | 'READ' | 'ACCESS' | 'NACK' | 'ACTION' };
  error: LpErrorInfo;
}

/** Connection facts for a diagnostics view or a support report. No secrets. */
export interface SessionDiagnostics {
  /** Resolved service hosts (CSDS): service name → host. */
  domains: Record<string, string>;
  /** The current socket URL, bearer redacted; absent while no socket is open. */
  socketUrl?: string;
  /** As the session reports it (same as the `connection` event). */
  connection: ConnectionState;
  /** Successful reconnects since start. */
  reconnects: number;
  /** The last error seen (connection or session), redacted. */
  lastError?: string;
}

/** Full state, for a late or reloaded renderer: snapshot first, deltas after. */
export interface SessionSnapshot {
  connection: ConnectionState;
  profile?: AgentProfile;
  availability: Availability;
  rings: Ring[];
  conversations: Conversation[];
  /** Messages per open conversation, in order. */
  messages: Record<string, ChatMessage[]>;
}
