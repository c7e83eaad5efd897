/**
 * What every part of the session uses and none owns: time and timers, events, logs and error
 * reports, requests on the connection, and whether the session is stopped. Parts keep their own
 * state (rings.ts, conversations.ts, outbox-state.ts, link.ts); this holds no LivePerson state.
 */
import type { AgentConnection, UmsResponse } from '../connection/api';
import type { Clock } from '../base/clock';
import { realClock } from '../base/clock';
import { TypedEmitter } from '../base/emitter';
import { errorInfo, type LpErrorInfo } from '../base/errors';
import type { Logger, LogLevel } from '../base/log';
import { silentLogger } from '../base/log';
import { redact } from '../base/redact';
import type { SessionEvents } from '../protocol/model';

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
  /**
   * A gap in a conversation's live stream (a sequence skipped while the socket stays up) is asked
   * for with a history query only if still there after this (late events may fill it). Default 2 000.
   */
  gapGraceMs?: number;
}

/** Timers kept by key (one per ring, conversation or outbox item): setting a key again replaces its timer. */
export class KeyedTimers {
  private readonly handles = new Map<string, unknown>();

  constructor(private readonly rt: SessionRuntime) {}

  set(key: string, fn: () => void, ms: number): void {
    this.cancel(key);
    this.handles.set(key, this.rt.later(() => {
      this.handles.delete(key);
      fn();
    }, ms));
  }

  has(key: string): boolean {
    return this.handles.has(key);
  }

  cancel(key: string): void {
    const h = this.handles.get(key);
    if (h === undefined) return;
    this.handles.delete(key);
    this.rt.cancel(h);
  }

  /** Forgets every key (their timers were cancelled by the runtime). */
  forget(): void {
    this.handles.clear();
  }
}

export class SessionRuntime {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly events: TypedEmitter<SessionEvents>;
  readonly snapshotWindowMs: number;
  readonly retryDelayMs: number;
  readonly intentFallbackMs: number;
  readonly historyConcurrency: number;
  readonly gapGraceMs: number;
  /** Last error reported (diagnostics), redacted. */
  lastError: string | undefined;
  private isStopped = false;
  private readonly requestTimeoutMs: number | undefined;
  private readonly timers = new Set<unknown>();
  private readonly keyed: KeyedTimers[] = [];

  constructor(
    readonly connection: AgentConnection,
    opts: { clock?: Clock | undefined; logger?: Logger | undefined; requestTimeoutMs?: number | undefined },
    tuning: SessionTuning,
  ) {
    this.clock = opts.clock ?? realClock;
    this.logger = opts.logger ?? silentLogger;
    this.events = new TypedEmitter<SessionEvents>(this.logger);
    this.requestTimeoutMs = opts.requestTimeoutMs;
    this.snapshotWindowMs = tuning.snapshotWindowMs ?? 1_500;
    this.retryDelayMs = tuning.retryDelayMs ?? 2_000;
    this.intentFallbackMs = tuning.intentFallbackMs ?? 5_000;
    this.historyConcurrency = tuning.historyConcurrency ?? 4;
    this.gapGraceMs = tuning.gapGraceMs ?? 2_000;
  }

  get stopped(): boolean {
    return this.isStopped;
  }

  /** start(): timers run again. */
  resume(): void {
    this.isStopped = false;
  }

  /** stop(): every timer is cancelled and none runs any more until resume(). */
  halt(): void {
    this.isStopped = true;
    for (const h of [...this.timers]) this.cancel(h);
    for (const k of this.keyed) k.forget();
  }

  emit<K extends keyof SessionEvents>(event: K, payload: SessionEvents[K]): void {
    this.events.emit(event, payload);
  }

  // ---------- timers ----------
  /** A timer that does nothing once the session stopped, and whose callback cannot throw out. */
  later(fn: () => void, ms: number): unknown {
    const h = this.clock.setTimeout(() => {
      this.timers.delete(h);
      if (!this.isStopped) this.safely('timer', fn);
    }, Math.max(0, ms));
    this.timers.add(h);
    return h;
  }

  cancel(h: unknown): void {
    if (h === undefined) return;
    this.timers.delete(h);
    this.clock.clearTimeout(h);
  }

  keyedTimers(): KeyedTimers {
    const k = new KeyedTimers(this);
    this.keyed.push(k);
    return k;
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
}
