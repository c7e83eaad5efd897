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
import type { OutboxItem, OutboxStore } from '../decisions/outbox';

export type { OutboxItem, OutboxStore };
import type { Logger } from '../base/log';

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
}

/** An AgentSession as the core makes it: `diagnostics()` always present. */
export type DiagnosableSession = AgentSession & { diagnostics(): SessionDiagnostics };
