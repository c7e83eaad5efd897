/**
 * Shared harness for the fault suite: an agent session with an event log that can be awaited
 * (no sleeps), a seeded PRNG, and simulator helpers.
 */
import { afterEach } from 'vitest';
import type { Simulator } from '../../src-main/simulator/api';
import { createAgentSession, memoryOutboxStore, type DiagnosableSession, type OutboxStore, type SessionOptions, type SessionTuning, type SessionEvents } from '../../src-main/lp/index';

export const EVENT_NAMES: Array<keyof SessionEvents> = ['connection', 'profile', 'availability', 'ring/offered', 'ring/updated', 'ring/ended',
  'conversation/upsert', 'conversation/removed', 'message', 'history', 'typing', 'receipt', 'error'];

export interface Agent {
  session: DiagnosableSession;
  events: Array<{ event: keyof SessionEvents; data: unknown; at: number }>;
  warnings: string[];
  /** Every line the core logged (any level), in order. */
  logs: string[];
  of<K extends keyof SessionEvents>(event: K): Array<SessionEvents[K]>;
  /** Index to search from in wait(). */
  mark(): void;
  /** First event since mark() matching `pred`. */
  wait<K extends keyof SessionEvents>(event: K, pred?: (e: SessionEvents[K]) => boolean, timeoutMs?: number): Promise<SessionEvents[K]>;
  /** Resolves once `cond` holds (checked now and after every session event). */
  until(cond: () => boolean, timeoutMs?: number, what?: string | (() => string)): Promise<void>;
}

export interface AgentOptions {
  store?: OutboxStore;
  clock?: SessionOptions['clock'];
  timing?: SessionOptions['timing'];
  tuning?: SessionTuning;
  index?: number;
}

export function makeAgent(s: Simulator, o: AgentOptions = {}): Agent {
  const seed = s.agents[o.index ?? 0]!;
  const warnings: string[] = [];
  const logs: string[] = [];
  const waiters = new Set<() => void>();
  const session = createAgentSession({
    account: { accountId: s.accountId, csdsUrl: s.csdsUrl, ...(s.tls ? { trustedCa: [s.tls.cert] } : {}) },
    credentials: { kind: 'password', username: seed.username, password: seed.password },
    outboxStore: o.store ?? memoryOutboxStore(),
    logger: {
      log: (level, message) => {
        logs.push(`${level} ${message}`);
        if (level === 'warn' || level === 'error') warnings.push(message);
        for (const w of [...waiters]) w();
      },
    },
    timing: o.timing ?? { backoffBaseMs: 30, backoffMaxMs: 300, requestTimeoutMs: 1_000, pingIntervalMs: 500 },
    ...(o.clock ? { clock: o.clock } : {}),
  }, o.tuning ?? { snapshotWindowMs: 100, retryDelayMs: 50 });
  const events: Agent['events'] = [];
  for (const n of EVENT_NAMES) session.on(n, (data) => {
    events.push({ event: n, data, at: Date.now() });
    for (const w of [...waiters]) w();
  });
  let from = 0;
  const until = (cond: () => boolean, timeoutMs = 10_000, what: string | (() => string) = 'a condition'): Promise<void> => new Promise<void>((resolve, reject) => {
    if (cond()) return resolve();
    // Rechecked after every session event, and on a short tick for conditions on other state
    // (the simulator, a file) that change without a session event.
    const tick = setInterval(() => w(), 25);
    const timer = setTimeout(() => {
      waiters.delete(w);
      clearInterval(tick);
      reject(new Error(`timed out waiting for ${typeof what === 'function' ? what() : what}`));
    }, timeoutMs);
    const w = (): void => {
      if (!cond()) return;
      clearTimeout(timer);
      clearInterval(tick);
      waiters.delete(w);
      resolve();
    };
    waiters.add(w);
  });
  return {
    session,
    events,
    warnings,
    logs,
    of: <K extends keyof SessionEvents>(event: K) => events.filter((e) => e.event === event).map((e) => e.data as SessionEvents[K]),
    mark: () => { from = events.length; },
    until,
    wait: <K extends keyof SessionEvents>(event: K, pred: (e: SessionEvents[K]) => boolean = () => true, timeoutMs = 10_000) => {
      const start = from;
      let found: SessionEvents[K] | undefined;
      const check = (): boolean => {
        for (let i = start; i < events.length; i += 1) {
          const e = events[i]!;
          if (e.event === event && pred(e.data as SessionEvents[K])) {
            found = e.data as SessionEvents[K];
            return true;
          }
        }
        return false;
      };
      return until(check, timeoutMs, `"${event}"`).then(() => found as SessionEvents[K]);
    },
  };
}

/** The simulator and agent of the current test, stopped (no logout) and closed after each test. */
export interface Held { sim?: Simulator; agent?: Agent }
export function heldForTest(): Held {
  const held: Held = {};
  afterEach(async () => {
    await held.agent?.session.stop({ logout: false }).catch(() => undefined);
    held.agent = undefined;
    await held.sim?.close();
    held.sim = undefined;
  });
  return held;
}

/** mulberry32: small, seeded, deterministic. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function envInt(name: string, fallback: number): number {
  const v = process.env[name];
  if (v === undefined || v === '') return fallback;
  const n = Number.parseInt(v, 10);
  return Number.isFinite(n) ? n : fallback;
}

/** Agent ContentEvent texts the simulator stored for a conversation, in sequence order. */
export function agentTexts(s: Simulator, conversationId: string): string[] {
  return s.inspect.messages(conversationId).filter((m) => m.role !== 'CONSUMER' && m.event.type === 'ContentEvent').map((m) => String(m.event.message));
}

/** Consumer ContentEvents the simulator stored for a conversation. */
export function consumerMessages(s: Simulator, conversationId: string): Array<{ sequence: number; text: string }> {
  return s.inspect.messages(conversationId).filter((m) => m.role === 'CONSUMER' && m.event.type === 'ContentEvent')
    .map((m) => ({ sequence: m.sequence, text: String(m.event.message) }));
}

/** Texts of every ContentEvent PublishEvent request the simulator received (any socket). */
export function publishedTexts(s: Simulator): string[] {
  return s.inspect.requests().filter((r) => r.type.endsWith('PublishEvent')).map((r) => (r.body as { event?: { type?: string; message?: unknown } }).event)
    .filter((e) => e?.type === 'ContentEvent').map((e) => String(e?.message));
}
