/**
 * The session's shared state and small helpers: what every part of the session layer
 * (ready, notifications, messages, outbox, consumers, actions) reads
 * and changes. One instance per session; no I/O of its own beyond `request` and timers.
 */
import type { AgentConnection, UmsResponse } from '../connection/api';
import type { Clock } from '../base/clock';
import { realClock } from '../base/clock';
import { TypedEmitter } from '../base/emitter';
import { errorInfo, LpError } from '../base/errors';
import type { Logger, LogLevel } from '../base/log';
import { silentLogger } from '../base/log';
import type {
  AgentProfile, Availability, ConnectionState, ConsumerProfile, Conversation, LpErrorInfo, SessionEvents,
} from '../protocol/model';
import { MessageList, type Me } from '../decisions/messages';
import { Outbox } from './outbox-store';
import { redact } from '../base/redact';
import { RecentIds, type RingEntry } from '../decisions/rings';
import type { RemovalReason } from '../decisions/conversations';
import type { SessionOptions } from './api';

/** Session tuning that is not part of SessionOptions.timing (tests shorten these). */
export interface SessionTuning {
  /** After SubscribeExConversations answers, snapshot notifications are collected this long. Default 1 500. */
  snapshotWindowMs?: number;
  /** A publish with an unknown outcome (timeout) while still online is reconciled after this. Default 2 000. */
  retryDelayMs?: number;
  /** After close/back-to-queue/transfer succeed, the conversation is removed if no notification did it. Default 5 000. */
  intentFallbackMs?: number;
  /** History queries run this many at a time after a reconnect. Default 4. */
  historyConcurrency?: number;
}

/** The OPEN conversations reported on one socket within the snapshot window (session/ready.ts). */
interface SnapshotCollection {
  generation: number;
  /** Every conversation that arrived OPEN within the window. */
  ids: Set<string>;
  /** Conversations known before this socket. */
  known: Set<string>;
}

/** Copy of a conversation for an event or a snapshot (participants are objects too). */
export function copyConversation(c: Conversation): Conversation {
  const copy = { ...c, participants: c.participants.map((p) => ({ ...p })) };
  if (c.ttr) copy.ttr = { ...c.ttr };
  return copy;
}

const NO_ONE: Me = { legacyId: '' };

export class SessionContext {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly events: TypedEmitter<SessionEvents>;
  readonly requestTimeoutMs: number | undefined;
  readonly snapshotWindowMs: number;
  readonly retryDelayMs: number;
  readonly intentFallbackMs: number;
  readonly historyConcurrency: number;

  // ---------- connection and agent ----------
  profile: AgentProfile | undefined;
  /** This agent as the pure modules need it (kept in step with `profile`). */
  me: Me = NO_ONE;
  connState: ConnectionState;
  /** The phase last reported to listeners (publicState). */
  shownPhase: ConnectionState['phase'];
  desired: Availability;
  agentStateInFlight = 0;
  stopped = false;
  /** Incremented on every `ready`: work started for an older socket stops at its next step. */
  generation = 0;
  /** True between a `ready` whose setup finished and the next non-online state. */
  live = false;
  /** The socket of the current generation was lost (state left 'online') before a new `ready`. */
  socketLost = false;
  /** A conversations snapshot has been reconciled at least once since start. */
  snapshotSeen = false;
  /** Conversation snapshot being collected on the current socket. */
  snapshot: SnapshotCollection | undefined;
  /** Estimated server clock minus local clock (from live message timestamps). */
  serverOffsetMs = 0;
  /** Last error reported (diagnostics), redacted. */
  lastError: string | undefined;

  // ---------- rings ----------
  readonly rings = new Map<string, RingEntry>();
  readonly ringTimers = new Map<string, unknown>();
  readonly endedRings = new RecentIds(2000);

  // ---------- conversations and messages ----------
  readonly convs = new Map<string, Conversation>();
  /** dialogId → conversationId (main dialog = convId; e.g. POST_SURVEY dialogs have their own). */
  readonly dialogToConv = new Map<string, string>();
  readonly lists = new Map<string, MessageList>();
  /** What this client asked for a conversation (close, back to queue, transfer): names the removal. */
  readonly intents = new Map<string, RemovalReason>();
  readonly intentTimers = new Map<string, unknown>();
  readonly profiles = new Map<string, ConsumerProfile>();
  readonly profileRequests = new Map<string, Promise<ConsumerProfile>>();
  /** Conversations whose history was queried on the current socket. */
  readonly historySynced = new Set<string>();
  /** Conversations that had at least one 'history' event. */
  readonly everSynced = new Set<string>();

  // ---------- outbox ----------
  readonly outbox: Outbox;
  readonly draining = new Set<string>();
  readonly redrain = new Set<string>();
  /** localIds whose publish is awaiting its response. */
  readonly inFlight = new Set<string>();
  readonly retryTimers = new Map<string, unknown>();

  private readonly timers = new Set<unknown>();

  constructor(readonly connection: AgentConnection, opts: SessionOptions, tuning: SessionTuning) {
    this.clock = opts.clock ?? realClock;
    this.logger = opts.logger ?? silentLogger;
    this.events = new TypedEmitter<SessionEvents>(this.logger);
    this.requestTimeoutMs = opts.timing?.requestTimeoutMs;
    this.snapshotWindowMs = tuning.snapshotWindowMs ?? 1_500;
    this.retryDelayMs = tuning.retryDelayMs ?? 2_000;
    this.intentFallbackMs = tuning.intentFallbackMs ?? 5_000;
    this.historyConcurrency = tuning.historyConcurrency ?? 4;
    this.desired = opts.initialAvailability ?? 'ONLINE';
    this.connState = connection.state;
    this.shownPhase = connection.state.phase;
    this.outbox = new Outbox(opts.outboxStore, (err) => this.log('error', 'Outbox save failed', err));
    if (connection.profile) this.setProfile(connection.profile);
  }

  emit<K extends keyof SessionEvents>(event: K, payload: SessionEvents[K]): void {
    this.events.emit(event, payload);
  }

  emitConversation(c: Conversation): void {
    this.emit('conversation/upsert', copyConversation(c));
  }

  setProfile(p: AgentProfile): void {
    this.profile = p;
    this.me = p.pid !== undefined ? { legacyId: p.legacyId, pid: p.pid } : { legacyId: p.legacyId };
  }

  /** Ids that denote this agent: legacy id, numeric user id, PID. */
  myIds(): Set<string> {
    const ids = new Set<string>();
    const p = this.profile;
    if (p) {
      ids.add(p.legacyId);
      ids.add(p.userId);
      if (p.pid) ids.add(p.pid);
    }
    return ids;
  }

  /** Whether the set of OPEN conversations is known (a snapshot was reconciled and none is being collected). */
  knowsOpenConversations(): boolean {
    return this.snapshotSeen && !this.snapshot;
  }

  // ---------- timers ----------
  /** A timer that does nothing once the session stopped, and whose callback cannot throw out. */
  later(fn: () => void, ms: number): unknown {
    const h = this.clock.setTimeout(() => {
      this.timers.delete(h);
      if (!this.stopped) this.safely('timer', fn);
    }, Math.max(0, ms));
    this.timers.add(h);
    return h;
  }

  cancel(h: unknown): void {
    if (h === undefined) return;
    this.timers.delete(h);
    this.clock.clearTimeout(h);
  }

  /** Cancels the timer kept under `key` in `timers` (if any) and forgets it. */
  cancelKeyed(timers: Map<string, unknown>, key: string): void {
    this.cancel(timers.get(key));
    timers.delete(key);
  }

  cancelAll(): void {
    for (const h of [...this.timers]) this.cancel(h);
    this.ringTimers.clear();
    this.retryTimers.clear();
    this.intentTimers.clear();
  }

  // ---------- errors and logs ----------
  /** Logs `what: <redacted error message>`. */
  log(level: LogLevel, what: string, err?: unknown): void {
    this.logger.log(level, err === undefined ? what : `${what}: ${redact(errorInfo(err, '').message)}`);
  }

  safely(where: string, fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.log('error', `Session ${where} failed`, err);
    }
  }

  /** Logs and emits an `error` event (redacted). */
  reportError(err: unknown, location: string): void {
    const info = errorInfo(err, location);
    this.noteError(info);
    this.logger.log('warn', `${info.location}: ${info.message}`, { code: info.code });
    this.emit('error', info);
  }

  noteError(info: LpErrorInfo): void {
    this.lastError = redact(`${info.location} ${info.code}: ${info.message}`);
  }

  // ---------- requests ----------
  request(type: string, body: unknown, extra?: { metadata?: unknown[]; timeoutMs?: number }): Promise<UmsResponse> {
    const ro: { timeoutMs?: number; metadata?: unknown[] } = {};
    const t = extra?.timeoutMs ?? this.requestTimeoutMs;
    if (t !== undefined) ro.timeoutMs = t;
    if (extra?.metadata) ro.metadata = extra.metadata;
    return this.connection.request(type, body, ro);
  }

  requireProfile(location: string): AgentProfile {
    if (!this.profile) throw new LpError({ code: 0, message: 'Not logged in yet', location });
    return this.profile;
  }

  requireConversation(cid: string, location: string): Conversation {
    const c = this.convs.get(cid);
    if (!c) throw new LpError({ code: 404, message: `Unknown conversation ${cid}`, location });
    return c;
  }

  listFor(conversationId: string): MessageList {
    let l = this.lists.get(conversationId);
    if (!l) this.lists.set(conversationId, (l = new MessageList()));
    return l;
  }

  // ---------- connection state as the session reports it ----------
  /**
   * 'online' only once agent state and subscriptions are in place on the current socket (protocol/model.ts);
   * until then an open socket still reads as connecting/reconnecting.
   */
  publicState(): ConnectionState {
    const s = this.connState;
    if (s.phase !== 'online' || this.live) return { ...s };
    return { ...s, phase: this.shownPhase === 'online' || this.shownPhase === 'idle' ? 'connecting' : this.shownPhase };
  }

  emitConnection(): void {
    const state = this.publicState();
    this.shownPhase = state.phase;
    this.emit('connection', state);
  }
}
