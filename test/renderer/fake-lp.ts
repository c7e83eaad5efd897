/** A fake window.lp implementing LpApi: records calls, answers from overridable handlers, emits events with seq. */
import { camel, eventNames, onName, requests, DEFAULT_SETTINGS, type AppSnapshot, type EventName, type EventPayloads, type LpApi, type RequestName } from '../../src-preload/api';
import type { ChatMessage, Conversation, Ring } from '../../src-preload/api';

export interface Call { method: string; args: unknown }

type Handler = (args: unknown) => unknown;

export interface FakeLp {
  api: LpApi;
  calls: Call[];
  /** Calls to one method (camelCase), args only. */
  callsTo(method: string): unknown[];
  /** Make a method answer (value, or a function of args; throw / return a rejected promise to fail). */
  handle(method: string, handler: Handler): void;
  /** Emit an event with the next seq (or a given one). Returns the seq used. */
  emit<N extends EventName>(name: N, data: EventPayloads[N], seq?: number): number;
  seq: number;
  snapshot: AppSnapshot;
  listenerCount(name: EventName): number;
}

export function baseSnapshot(over: Partial<AppSnapshot> = {}): AppSnapshot {
  return {
    seq: 0,
    app: { mode: 'demo', account: { accountId: 'demo', username: 'agent' }, secretStorage: 'os-encrypted', secretsPersisted: false, version: '0.1.0', platform: 'linux', language: 'en' },
    session: {
      connection: { phase: 'online', reconnects: 0, since: 0 },
      availability: 'ONLINE',
      rings: [],
      conversations: [],
      messages: {},
    },
    settings: structuredClone(DEFAULT_SETTINGS),
    ...over,
  };
}

export function signedOutSnapshot(): AppSnapshot {
  const s = baseSnapshot();
  s.app = { mode: 'signed-out', secretStorage: 'os-encrypted', secretsPersisted: false, version: '0.1.0', platform: 'linux', language: 'en' };
  s.session.connection = { phase: 'idle', reconnects: 0, since: 0 };
  return s;
}

export function createFakeLp(snapshot: AppSnapshot = baseSnapshot()): FakeLp {
  const calls: Call[] = [];
  const listeners = new Map<string, Set<(data: unknown, seq: number) => void>>();
  const handlers = new Map<string, Handler>();
  const fake: FakeLp = {
    api: {} as LpApi,
    calls,
    seq: snapshot.seq,
    snapshot,
    callsTo: (method) => calls.filter((c) => c.method === method).map((c) => c.args),
    handle: (method, handler) => void handlers.set(method, handler),
    emit(name, data, seq) {
      const s = seq ?? fake.seq + 1;
      fake.seq = Math.max(fake.seq, s);
      for (const l of listeners.get(name) ?? []) l(data, s);
      return s;
    },
    listenerCount: (name) => listeners.get(name)?.size ?? 0,
  };
  const defaults: Record<string, Handler> = {
    sessionSnapshot: () => structuredClone({ ...fake.snapshot, seq: fake.snapshot.seq }),
    conversationHistory: () => [],
    skillsList: () => [],
    agentsList: () => [],
    consumerProfile: (a) => ({ consumerId: (a as { consumerId: string }).consumerId }),
    settingsSet: (a) => {
      fake.snapshot = { ...fake.snapshot, settings: { ...fake.snapshot.settings, ...(a as object) } };
      return fake.snapshot.settings;
    },
    networkGet: () => ({ proxy: { mode: 'system', url: '', bypass: '' }, proxyLocked: false, certificates: [], certificateErrors: [] }),
    diagnosticsGet: () => ({ domains: {}, connection: { phase: 'online', reconnects: 0, since: 0 }, reconnects: 0, logLines: 0 }),
    shellOpenExternal: () => ({ opened: true }),
    attentionViewing: () => ({ counts: {}, total: 0 }),
    draftGet: () => ({ text: '' }),
    sessionLogin: () => ({ remembered: false }),
    sessionLoginSso: () => ({ remembered: false }),
    messageSend: (a) => {
      const { conversationId, text, private: isPrivate } = a as { conversationId: string; text: string; private?: boolean };
      const m: ChatMessage = { conversationId, text, localId: `L${calls.length}`, originatorId: 'me', role: 'AGENT', own: true, contentType: 'text/plain', timestamp: Date.now(), delivery: 'sending' };
      if (isPrivate === true) m.private = true;
      return m;
    },
  };
  const api: Record<string, unknown> = {};
  for (const name of Object.keys(requests) as RequestName[]) {
    const method = camel(name);
    api[method] = (args?: unknown): Promise<unknown> => {
      calls.push({ method, args });
      const h = handlers.get(method) ?? defaults[method];
      try {
        return Promise.resolve(h ? h(args) : null);
      } catch (err) {
        return Promise.reject(err);
      }
    };
  }
  for (const name of eventNames) {
    api[onName(name)] = (listener: (data: unknown, seq: number) => void) => {
      let set = listeners.get(name);
      if (!set) listeners.set(name, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    };
  }
  fake.api = api as unknown as LpApi;
  return fake;
}

// ---- builders

export function ring(over: Partial<Ring> = {}): Ring {
  return { ringId: 'r1', conversationId: 'c1', consumerId: 'u1', skillId: 's1', state: 'WAITING', expiresAt: Date.now() + 60_000, offeredAt: Date.now(), consumerName: 'Ada', ...over };
}

export function conversation(over: Partial<Conversation> = {}): Conversation {
  return {
    conversationId: 'c1', state: 'OPEN', skillId: 's1', consumerId: 'u1', consumerName: 'Ada', participants: [],
    mine: true, startTs: 1, lastUpdateTs: 1, unread: 0, ...over,
  };
}

export function message(over: Partial<ChatMessage> = {}): ChatMessage {
  return { conversationId: 'c1', sequence: 0, originatorId: 'u1', role: 'CONSUMER', own: false, contentType: 'text/plain', text: 'hello', timestamp: 1_700_000_000_000, ...over };
}
