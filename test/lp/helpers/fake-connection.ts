/**
 * A fake AgentConnection (the session's seam): records requests, answers them with a small
 * server-ish default (or holds them for the test to answer), and lets tests push notifications,
 * drop the socket and reconnect. Plus a manual clock.
 */
import type { AgentConnection, ConnectionEvents, FileExchange, RequestOptions, UmsResponse } from '../../../src-main/lp/connection/api';
import type { AgentProfile, ConnectionState } from '../../../src-main/lp/protocol/model';

export const ACCOUNT = '123';
export const ME: AgentProfile = { accountId: ACCOUNT, userId: '77', legacyId: `${ACCOUNT}.77`, pid: 'pid-me', loginName: 'agent1' };

export class FakeError extends Error {
  constructor(readonly code: number, message: string, readonly location = 'Fake#Request') {
    super(message);
  }
}

export interface FakeRequest {
  type: string;
  body: unknown;
  opts: RequestOptions | undefined;
  id: string;
  settled: boolean;
  resolve(body: unknown, code?: number): void;
  reject(err: Error): void;
}

export interface StoredEvent {
  sequence: number;
  dialogId: string;
  originatorId: string;
  serverTimestamp: number;
  event: Record<string, unknown>;
  metadata?: unknown[];
  originatorMetadata?: { id: string; role: string };
}

type Handler = (req: FakeRequest) => 'hold' | void;

export class FakeConnection implements AgentConnection {
  state: ConnectionState = { phase: 'idle', reconnects: 0, since: 0 };
  profile: AgentProfile | undefined;
  domains = {};
  readonly requests: FakeRequest[] = [];
  /** Per-dialog server history used by the default PublishEvent/QueryMessages answers. */
  readonly history = new Map<string, StoredEvent[]>();
  /** When set and returns 'hold', the request stays pending for the test to settle. */
  handler: Handler | undefined;
  /** When set, the default QueryMessages answer holds at most this many events, the oldest first (a server that cuts answers short). */
  queryPageMax: number | undefined;
  restCalls: Array<{ service: string; path: string }> = [];
  restResult: unknown = [];
  private nextSeq = new Map<string, number>();
  private listeners = new Map<keyof ConnectionEvents, Set<(e: never) => void>>();
  private reqCounter = 0;
  stopped = false;

  constructor(readonly me: AgentProfile = ME) {}

  on<K extends keyof ConnectionEvents>(event: K, listener: (e: ConnectionEvents[K]) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    const s = set;
    s.add(listener as (e: never) => void);
    return () => {
      s.delete(listener as (e: never) => void);
    };
  }

  private emit<K extends keyof ConnectionEvents>(event: K, payload: ConnectionEvents[K]): void {
    for (const fn of [...(this.listeners.get(event) ?? [])]) (fn as (e: ConnectionEvents[K]) => void)(payload);
  }

  async start(): Promise<void> {
    this.setState('connecting');
    this.goOnline(false);
  }

  goOnline(reconnect: boolean): void {
    this.profile = this.me;
    this.setState('online', reconnect ? this.state.reconnects + 1 : this.state.reconnects);
    this.emit('ready', { profile: this.me, reconnect });
  }

  /** Socket lost: pending requests fail at once (code 0), like the real layer. */
  drop(): void {
    this.setState('reconnecting');
    for (const r of this.requests) if (!r.settled) r.reject(new FakeError(0, 'socket closed'));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.setState('offline');
  }

  reconnectNow(): void {
    this.drop();
    this.goOnline(true);
  }

  setState(phase: ConnectionState['phase'], reconnects = this.state.reconnects): void {
    this.state = { phase, reconnects, since: 0 };
    this.emit('state', this.state);
  }

  notify(type: string, body: unknown): void {
    this.emit('notification', { type, body, frame: { kind: 'notification', type, body } });
  }

  /** File store exchanges asked for, and how they are answered (default 404). */
  fileCalls: FileExchange[] = [];
  fileHandler: (req: FileExchange) => Promise<{ status: number; bytes: Uint8Array }> = async () => ({ status: 404, bytes: new Uint8Array(0) });

  fileExchange(req: FileExchange): Promise<{ status: number; bytes: Uint8Array }> {
    this.fileCalls.push(req);
    return this.fileHandler(req);
  }

  readonly imageCalls: string[] = [];
  imageGet(req: { url: string; maxBytes: number; timeoutMs: number }): Promise<{ status: number; bytes: Uint8Array }> {
    this.imageCalls.push(req.url);
    return Promise.resolve({ status: 404, bytes: new Uint8Array(0) });
  }

  async rest<T = unknown>(service: string, path: string): Promise<T> {
    this.restCalls.push({ service, path });
    return this.restResult as T;
  }

  of(type: string): FakeRequest[] {
    return this.requests.filter((r) => r.type === type);
  }

  /** Appends an event to the fake server history (and returns it) without notifying. */
  store(dialogId: string, originatorId: string, event: Record<string, unknown>, extra: Partial<StoredEvent> = {}): StoredEvent {
    const seq = this.nextSeq.get(dialogId) ?? 0;
    this.nextSeq.set(dialogId, seq + 1);
    const e: StoredEvent = { sequence: seq, dialogId, originatorId, serverTimestamp: 1_000 + seq, event, ...extra };
    const list = this.history.get(dialogId) ?? [];
    list.push(e);
    this.history.set(dialogId, list);
    return e;
  }

  /** Stores and pushes an event as an OnlineEventDistribution. */
  deliver(e: StoredEvent): void {
    this.notify('.ams.ms.OnlineEventDistribution', e);
  }

  request(type: string, body: unknown, opts?: RequestOptions): Promise<UmsResponse> {
    return new Promise<UmsResponse>((resolve, reject) => {
      const id = String(++this.reqCounter);
      const req: FakeRequest = {
        type, body, opts, id, settled: false,
        resolve: (b, code = 200) => {
          if (req.settled) return;
          req.settled = true;
          resolve({ reqId: id, code, body: b });
        },
        reject: (err) => {
          if (req.settled) return;
          req.settled = true;
          reject(err);
        },
      };
      this.requests.push(req);
      if (this.state.phase !== 'online') {
        req.reject(new FakeError(0, 'not connected'));
        return;
      }
      if (this.handler?.(req) === 'hold') return;
      if (req.settled) return;
      this.defaultAnswer(req);
    });
  }

  /** Applies a publish to the fake history (what the server does before answering). */
  applyPublish(req: FakeRequest): StoredEvent | undefined {
    const b = req.body as { dialogId: string; event: Record<string, unknown> };
    if (b.event.type === 'ChatStateEvent') return undefined;
    return this.store(b.dialogId, this.me.legacyId, b.event, { metadata: req.opts?.metadata ?? [] });
  }

  defaultAnswer(req: FakeRequest): void {
    switch (req.type) {
      case '.ams.routing.SubscribeRoutingTasks':
      case '.ams.aam.SubscribeExConversations':
      case '.ams.routing.SubscribeAgentsState':
        req.resolve({ subscriptionId: `sub-${req.id}` });
        return;
      case '.ams.ms.PublishEvent': {
        const e = this.applyPublish(req);
        req.resolve({ sequence: e ? e.sequence : 0 });
        return;
      }
      case '.ams.ms.QueryMessages': {
        const b = req.body as { dialogId: string; fromSeq?: number; newerThanSequence?: number };
        const from = b.fromSeq ?? 0;
        const events = (this.history.get(b.dialogId) ?? []).filter((e) => e.sequence >= from);
        req.resolve(this.queryPageMax === undefined ? events : events.slice(0, this.queryPageMax));
        return;
      }
      case '.ams.userprofile.GetUserProfile':
        req.resolve({ firstName: 'Ann', lastName: 'Lee', privateData: { email: 'ann@example.com' } });
        return;
      default:
        req.resolve('OK', 202);
    }
  }
}

export class ManualClock {
  private t = 1_000_000;
  private seq = 0;
  private timers = new Map<number, { at: number; fn: () => void }>();
  now = (): number => this.t;
  setTimeout = (fn: () => void, ms: number): unknown => {
    const id = ++this.seq;
    this.timers.set(id, { at: this.t + Math.max(0, ms), fn });
    return id;
  };
  clearTimeout = (h: unknown): void => {
    this.timers.delete(h as number);
  };
  /** Moves time forward, running due timers in time order. */
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      let next: [number, { at: number; fn: () => void }] | undefined;
      for (const e of this.timers) if (e[1].at <= end && (!next || e[1].at < next[1].at)) next = e;
      if (!next) break;
      this.timers.delete(next[0]);
      this.t = next[1].at;
      next[1].fn();
    }
    this.t = end;
  }
  pending(): number {
    return this.timers.size;
  }
}

/** Lets queued promise callbacks and I/O callbacks run (not a sleep: one event-loop turn per round). */
export async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i += 1) await new Promise<void>((r) => setImmediate(r));
}

// ---------- raw notification builders (wire shapes of lp-protocol.md §7) ----------

export function ringNotification(opts: {
  ringId: string; convId: string; state?: string; consumerId?: string; taskId?: string;
  expiration?: number; expirationTs?: number; type?: string; assignedAgentId?: string; taskCompleted?: boolean;
}): unknown {
  const ring = {
    ringId: opts.ringId, ringState: opts.state ?? 'WAITING', ringExpiration: opts.expiration ?? 72_000,
    ringExpirationTs: opts.expirationTs, weight: 1, convId: opts.convId, consumerId: opts.consumerId ?? 'cons1', skillId: '-1', brandId: ACCOUNT,
  };
  return {
    subscriptionId: 'sub-r',
    changes: [{
      type: opts.type ?? 'UPSERT',
      result: {
        routingTaskId: opts.taskId ?? `task-${opts.convId}`, taskCompleted: opts.taskCompleted ?? false, conversationId: opts.convId,
        consumerId: opts.consumerId ?? 'cons1', skillId: '-1', brandId: ACCOUNT,
        ...(opts.assignedAgentId ? { assignedAgentId: opts.assignedAgentId } : {}),
        ringsDetails: [ring],
      },
    }],
  };
}

export function convChange(opts: {
  convId: string; agent?: string | null; state?: 'OPEN' | 'CLOSE'; skillId?: string; ts?: number; type?: string;
  consumerId?: string; bare?: boolean; noDetails?: boolean; subscriptionId?: string; unread?: number;
  /** `lastContentEventNotification`: its `sequence` (any value, to test hostile ones), or the whole object. */
  lastContent?: { sequence: unknown } | unknown;
}): unknown {
  const consumer = opts.consumerId ?? 'cons1';
  const agent = opts.agent === undefined ? ME.legacyId : opts.agent;
  const participants: Record<string, string[]> = { CONSUMER: [consumer], READER: [] };
  if (agent) participants.ASSIGNED_AGENT = [agent];
  const dialog: Record<string, unknown> = {
    dialogId: opts.convId, dialogType: 'MAIN', channelType: 'MESSAGING', state: opts.state ?? 'OPEN', creationTs: 1,
    metaDataLastUpdateTs: opts.ts ?? 10,
  };
  if (!opts.noDetails) dialog.participantsDetails = agent ? [{ id: agent, role: 'ASSIGNED_AGENT', state: 'ACTIVE' }] : [];
  const change = {
    type: opts.type ?? 'UPSERT',
    result: {
      convId: opts.convId, effectiveTTR: -1, lastUpdateTime: opts.ts ?? 10,
      numberOfunreadMessages: { [consumer]: 0, ...(agent ? { [agent]: opts.unread ?? 0 } : {}) },
      conversationDetails: {
        convId: opts.convId, skillId: opts.skillId ?? '125', brandId: ACCOUNT,
        participants,
        participantsPId: agent === ME.legacyId ? { CONSUMER: [consumer], ASSIGNED_AGENT: [ME.pid] } : { CONSUMER: [consumer] },
        dialogs: opts.bare ? dialog : [dialog],
        state: opts.state ?? 'OPEN', stage: opts.state ?? 'OPEN', startTs: 1, metaDataLastUpdateTs: opts.ts ?? 10,
        ...(opts.state === 'CLOSE' ? { endTs: 99, closeReason: 'AGENT' } : {}),
      },
      ...(opts.lastContent === undefined ? {} : { lastContentEventNotification: opts.lastContent }),
    },
  };
  return { subscriptionId: opts.subscriptionId ?? 'sub-c', changes: opts.bare ? change : [change] };
}
