/** The simulator's in-memory state: one SimContext shared by every module. */
import type { IdpState } from './idp';
import type { WebSocket } from 'ws';
import type { SimClock, SimMessage, SimRequestRecord, SimSkillSeed } from './api';
import type { SimEventHub } from './events';
import type { LogFn } from './log';

export type Role = SimMessage['role'];
export type Availability = 'ONLINE' | 'AWAY' | 'BACK_SOON' | 'OFFLINE' | 'OCCUPIED';
export const AVAILABILITIES: readonly Availability[] = ['ONLINE', 'AWAY', 'BACK_SOON', 'OFFLINE', 'OCCUPIED'];

interface ResolvedOptions {
  host: string;
  port: number;
  tls: boolean;
  accountId: string;
  sessionTtlMs: number;
  idleTimeoutMs: number;
  ringExpirationMs: number;
  reRingDelayMs: number;
  resendRingsOnSubscribe: boolean;
  /** How long a signed file URL stays valid (files.ts). */
  fileUrlTtlMs: number;
  /** Largest file an upload URL is given for. */
  fileMaxBytes: number;
  /** At most this many events in one QueryMessages answer (undefined: no cap). */
  queryMessagesCap: number | undefined;
  clock: SimClock;
}

/** One file of the file store (files.ts): reserved by an upload URL, filled by its PUT (or by a consumer). */
export interface StoredFile {
  relativePath: string;
  fileType: string;
  announcedSize: number;
  /** null until uploaded */
  bytes: Buffer | null;
  createdAt: number;
}

export interface AgentRecord {
  username: string;
  password: string;
  userId: string;
  pid: string;
  /** `${accountId}.${userId}` */
  legacyId: string;
  appKey?: { appKey: string; secret: string; accessToken: string; accessTokenSecret: string };
  samlAssertion?: string;
  /** Skills this agent is rung for; undefined = every skill. */
  skills?: string[];
}

export interface Session {
  bearer: string;
  csrf: string;
  wsuk: string;
  sessionCookie: string;
  agent: AgentRecord;
  expiresAt: number;
  valid: boolean;
  timer: unknown;
}

export interface ExConvSub {
  subscriptionId: string;
  convStates: Set<string>;
  agentIds: Set<string> | null;
  minLastUpdatedTime: number;
  /** Conversations this subscription has been told about with an UPSERT (so it gets a DELETE when they stop matching). */
  visible: Set<string>;
}

export interface AgentSocket {
  id: number;
  ws: WebSocket;
  agent: AgentRecord;
  bearer: string;
  idleTimer: unknown;
  routingSubId: string | null;
  /** subscriptionId → legacy id of the watched agent */
  agentsStateSubs: Map<string, string>;
  exConvSubs: Map<string, ExConvSub>;
  open: boolean;
}

export interface Participant {
  /** legacy id for agents, consumer id for the consumer */
  id: string;
  pid: string;
  role: Exclude<Role, 'SYSTEM'>;
  state: 'ACTIVE' | 'SUGGESTED';
}

export type RingState = 'WAITING' | 'ACCEPTED' | 'REJECTED' | 'EXPIRED' | 'CANCELLED';

export interface Ring {
  ringId: string;
  routingTaskId: string;
  convId: string;
  agent: AgentRecord;
  state: RingState;
  createdAt: number;
  expiresAt: number;
  timer: unknown;
}

export interface ConsumerProfile {
  consumerId: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  customerId: string;
}

export interface Conversation {
  convId: string;
  skillId: string;
  consumer: ConsumerProfile;
  state: 'OPEN' | 'CLOSE';
  startTs: number;
  endTs?: number;
  closeReason?: string;
  closedBy?: string;
  metaDataLastUpdateTs: number;
  participants: Participant[];
  events: SimMessage[];
  nextSequence: number;
  /** Routed only after the consumer's first message (lp-protocol.md §7). */
  routable: boolean;
  rings: Ring[];
  reRingTimer: unknown;
  routingAttempt: number;
  /** Agent suggested by a transfer-to-agent: only this agent is rung while set. */
  suggestedAgent?: string;
  ttr: { ttrType: string; value: number };
  csatRate: number;
  /** participant id → highest sequence it has read (or sent) */
  lastRead: Map<string, number>;
  lastContent?: SimMessage;
}

interface FaultState {
  refuseLogins: { count: number; status: 401 | 500 | 503 };
  loginDelayMs: number;
  failRefresh: { count: number; status: 401 | 500 | 503 };
  refuseUpgrades: { count: number; status: number };
  delayResponses: { ms: number; match: (type: string) => boolean } | null;
  dropResponses: { count: number; match: (type: string) => boolean };
  down: boolean;
}

export function freshFaults(): FaultState {
  return {
    refuseLogins: { count: 0, status: 401 },
    loginDelayMs: 0,
    failRefresh: { count: 0, status: 401 },
    refuseUpgrades: { count: 0, status: 502 },
    delayResponses: null,
    dropResponses: { count: 0, match: () => true },
    down: false,
  };
}

export interface SimContext {
  opts: ResolvedOptions;
  /** host:port once listening */
  hostPort: string;
  agents: AgentRecord[];
  skills: SimSkillSeed[];
  sessions: Map<string, Session>;
  sockets: Map<number, AgentSocket>;
  conversations: Map<string, Conversation>;
  /** relativePath → file (files.ts) */
  files: Map<string, StoredFile>;
  /** name → a public image (Simulator.serveImage, files.ts) */
  staticImages: Map<string, { bytes: Buffer; contentType: string }>;
  agentStates: Map<string, Availability>;
  /**
   * Agents the simulator plays itself (the `colleagues` option), username → ms before it accepts a
   * transfer suggested to it. Rung only for such a transfer, and only while it has no socket of its own.
   */
  colleagues: Map<string, number>;
  /** username → epoch ms of the last availability change (agent-status.ts currentStatusStartTime). */
  agentStateSince: Map<string, number>;
  events: SimEventHub;
  faults: FaultState;
  requests: SimRequestRecord[];
  loginCounts: Map<string, number>;
  refreshCounts: Map<string, number>;
  logoutCounts: Map<string, number>;
  nextSocketId: number;
  closed: boolean;
  log: LogFn;
  /** The identity provider (idp.ts): its signing key, issuer, audience and spent assertion IDs. */
  idp: IdpState;
}
