/**
 * The agent session's public API: what desktop main, headless mode and tests call.
 * Every method that talks to LivePerson resolves when the server accepted it and rejects with an
 * LpError (code, message, location) otherwise. Events: see SessionEvents in protocol/model.ts.
 */
import type {
  AccountConfig, AgentStatus, Availability, ChatMessage, ChatState, ConsumerProfile, Credentials,
  SendOptions, SessionDiagnostics, SessionEvents, SessionSnapshot, Skill,
} from '../protocol/model';
import type { Clock } from '../base/clock';
import type { ConnectionTiming } from '../connection/api';
import type { Transport } from '../connection/transport';
import type { OutboxFile, OutboxItem, OutboxStore } from '../decisions/outbox';

export type { OutboxFile, OutboxItem, OutboxStore };
import type { Logger } from '../base/log';
import type { ImageKind } from '../protocol/model';

/** An image fetched from the file store and judged by content (session/files.ts). Bytes: not JSON-safe, never an event. */
export interface FileDownload {
  kind: ImageKind;
  mime: string;
  width: number;
  height: number;
  size: number;
  bytes: Uint8Array;
}

export interface SendFileInput {
  bytes: Uint8Array;
  caption?: string;
  /** A private file (messageAudience AGENTS_AND_MANAGERS). */
  private?: boolean;
}

export interface SessionOptions {
  account: AccountConfig;
  credentials: Credentials;
  /** Availability to set on every (re)connect until changed. Default ONLINE. */
  initialAvailability?: Availability;
  logger?: Logger;
  outboxStore?: OutboxStore;
  /** Injectable time source and timers (fake clock in tests). */
  clock?: Clock;
  /** Tuning; defaults follow lp-protocol.md (see ConnectionTiming). */
  timing?: ConnectionTiming;
  /** How LivePerson is reached (see ConnectionOptions.transport). Default: the Node transport. */
  transport?: Transport;
  /** User-Agent for REST calls and the socket upgrade. Default `LPAgentDesktop/0.1.0`; the desktop passes its app version. */
  userAgent?: string;
}

export interface AgentSession {
  start(): Promise<void>;
  /** Goes offline, closes the socket, logs out (unless logout:false). */
  stop(opts?: { logout?: boolean }): Promise<void>;
  reconnectNow(reason: string): void;
  snapshot(): SessionSnapshot;
  /**
   * What support needs to see about the connection (no secrets: the socket URL has its bearer
   * redacted). Every session the core makes has it (see DiagnosableSession); optional here only so
   * that AgentSession fakes written before it (test/desktop/fakes.ts) still type-check — make it
   * required once they implement it.
   */
  diagnostics(): SessionDiagnostics;
  on<K extends keyof SessionEvents>(event: K, listener: (e: SessionEvents[K]) => void): () => void;

  setAvailability(availability: Availability): Promise<void>;
  acceptRing(ringId: string): Promise<void>;
  rejectRing(ringId: string): Promise<void>;
  /**
   * Queues (and sends when connected). Returns the message as first known (delivery queued/sending).
   * `{ private: true }`: a private note, seen by agents and managers only.
   */
  sendText(conversationId: string, text: string, options?: SendOptions): ChatMessage;
  setTyping(conversationId: string, state: ChatState): Promise<void>;
  markRead(conversationId: string, sequences: number[]): Promise<void>;
  closeConversation(conversationId: string): Promise<void>;
  backToQueue(conversationId: string): Promise<void>;
  transferToSkill(conversationId: string, skillId: string): Promise<void>;
  /**
   * Transfer to one agent (§6: REMOVE me + SUGGEST the agent + Skill UPDATE): the conversation goes to
   * `skillId` and rings only `agentId` (a legacy id from listAgents).
   */
  transferToAgent(conversationId: string, skillId: string, agentId: string): Promise<void>;
  /** The agents of a skill with their availability (§9 agent status), available first. */
  listAgents(skillId: string): Promise<AgentStatus[]>;
  loadHistory(conversationId: string): Promise<ChatMessage[]>;
  listSkills(): Promise<Skill[]>;
  getConsumerProfile(consumerId: string): Promise<ConsumerProfile>;
  /**
   * The image a file message (conversation, sequence) names, fetched from LivePerson's file store
   * and judged by content (session/files.ts). Rejects with a FileError (`problem`) otherwise.
   */
  downloadFile(conversationId: string, sequence: number): Promise<FileDownload>;
  /**
   * The `imageIndex`-th image (document order) of a message's structured content: its https URL taken
   * from the normalised card (never from the caller), fetched through the app's transport with the
   * same 25 MB cap and judged by content exactly as downloadFile. Rejects with a FileError otherwise.
   */
  downloadRichImage(conversationId: string, sequence: number, imageIndex: number): Promise<FileDownload>;
  /**
   * Sends an image (JPEG/PNG/GIF by content, ≤ 25 MB, ≤ 50 megapixels) with an optional caption:
   * returned at once as a pending message (file.uploading); upload and publish follow, each told by
   * a `message` event. A refused file comes back `failed` with the reason and nothing is sent.
   */
  sendFile(conversationId: string, input: SendFileInput): ChatMessage;
  /** Starts a failed upload again (same localId); undefined when no failed upload has that id. */
  retryFile(localId: string): ChatMessage | undefined;
}

/** An AgentSession as the core makes it: `diagnostics()` always present. */
export type DiagnosableSession = AgentSession & { diagnostics(): SessionDiagnostics };
