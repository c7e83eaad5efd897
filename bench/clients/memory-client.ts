/**
 * Child process for the memory case (run with `node --expose-gc`): the core's session layer
 * (createSessionOnConnection, src-main/lp/session-core.ts) on a bench connection that answers
 * requests like the server would and delivers notifications exactly as the connection layer hands
 * them over (UmsNotification: type, body, frame — each frame freshly JSON.parsed). It holds
 * C open conversations (one ExConversationChangeNotification) and M consumer messages each
 * (OnlineEventDistribution). heapUsed after global.gc() before the session exists vs after
 * everything is applied, with the session still referenced. → parent: 'done' {deltaBytes, ...}.
 */
import { toParent } from '../lib/child';
import { loadCreateSessionOnConnection } from '../lib/core';
import { EXCONV, ONLINE_EVENT, consumerMessageBody, openConversationChange } from '../lib/frames';
import type { AgentConnection, ConnectionEvents, UmsResponse, AgentProfile, ConnectionState } from '../../src-main/lp/index';

const CONVS = Number(process.env.BENCH_CONVS ?? 50);
const PER = Number(process.env.BENCH_PER_CONV ?? 2000);
const ACCOUNT = '70071234';
const ME: AgentProfile = { accountId: ACCOUNT, userId: '1000001', legacyId: `${ACCOUNT}.1000001`, pid: '6f1c2a5e-0001-4c1e-9a51-000000000001', loginName: 'agent1' };

const gc = (globalThis as { gc?: () => void }).gc;

function heap(): number {
  for (let i = 0; i < 3; i++) gc?.();
  return process.memoryUsage().heapUsed;
}

class BenchConnection implements AgentConnection {
  state: ConnectionState = { phase: 'idle', reconnects: 0, since: Date.now() };
  profile: AgentProfile | undefined;
  readonly domains = {};
  private readonly listeners = new Map<keyof ConnectionEvents, Set<(e: never) => void>>();
  private sub = 0;
  readonly subscriptions = new Map<string, string>();

  on<K extends keyof ConnectionEvents>(event: K, listener: (e: ConnectionEvents[K]) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    const s = set;
    s.add(listener as (e: never) => void);
    return () => { s.delete(listener as (e: never) => void); };
  }

  emit<K extends keyof ConnectionEvents>(event: K, payload: ConnectionEvents[K]): void {
    for (const fn of [...(this.listeners.get(event) ?? [])]) (fn as (e: ConnectionEvents[K]) => void)(payload);
  }

  async start(): Promise<void> {
    this.profile = ME;
    this.state = { phase: 'online', reconnects: 0, since: Date.now() };
    this.emit('state', this.state);
    this.emit('ready', { profile: ME, reconnect: false });
  }

  async stop(): Promise<void> {
    this.state = { phase: 'offline', reconnects: 0, since: Date.now() };
    this.emit('state', this.state);
  }

  reconnectNow(): void {}

  async fileExchange(): Promise<{ status: number; bytes: Uint8Array }> {
    throw new Error('the memory bench sends no files');
  }

  async imageGet(): Promise<{ status: number; bytes: Uint8Array }> {
    throw new Error('the memory bench fetches no images');
  }

  async request(type: string, body: unknown): Promise<UmsResponse> {
    const reqId = String(++this.sub);
    if (/Subscribe/.test(type)) {
      const subscriptionId = `sub-${reqId}`;
      this.subscriptions.set(type.replace(/^.*\./, ''), subscriptionId);
      return { reqId, code: 200, type: '.ams.GenericSubscribe$Response', body: { subscriptionId } };
    }
    if (/QueryMessages$/.test(type)) return { reqId, code: 200, type: '.ams.ms.QueryMessages$Response', body: [] };
    if (/GetUserProfile$/.test(type)) {
      return { reqId, code: 200, type: '.ams.userprofile.GetUserProfile$Response', body: typeof body === 'string' ? { firstName: 'Consumer', lastName: body.slice(0, 6) } : { userId: ME.legacyId } };
    }
    return { reqId, code: 200, type: '.ReqBody$StringResp', body: 'OK' };
  }

  async rest<T>(): Promise<T> {
    return [] as T;
  }

  /** As the connection layer would: parse the wire text, normalise, hand over. */
  deliver(text: string): void {
    const frame = JSON.parse(text) as Record<string, unknown>;
    this.emit('notification', { type: String(frame.type), body: frame.body, frame });
  }
}

async function main(): Promise<void> {
  const loaded = await loadCreateSessionOnConnection();
  if (!loaded.ok) { await toParent({ t: 'error', message: loaded.reason }); return; }
  if (!gc) { await toParent({ t: 'error', message: 'global.gc is not exposed (run with node --expose-gc)' }); return; }
  const before = heap();
  const connection = new BenchConnection();
  const session = loaded.value(connection, {
    account: { accountId: ACCOUNT, csdsUrl: 'http://127.0.0.1:9' },
    credentials: { kind: 'password', username: 'agent1', password: 'unused' },
  }, { snapshotWindowMs: 50 });
  await session.start();
  await new Promise((r) => setTimeout(r, 20));
  const now = Date.now();
  const convIds = Array.from({ length: CONVS }, (_, i) => `bench-conv-${String(i).padStart(4, '0')}-7f3c2a10-5b7e-4c1d-9a51`);
  const consumerOf = (i: number): string => `consumer-${String(i).padStart(4, '0')}-2b0d6e1c-8f44-4aa1-b7d3`;
  const subscriptionId = connection.subscriptions.get('SubscribeExConversations') ?? 'sub-x';
  connection.deliver(JSON.stringify({
    kind: 'notification', type: EXCONV,
    body: { subscriptionId, changes: convIds.map((c, i) => openConversationChange(c, consumerOf(i), ME.legacyId, ME.pid ?? '', ACCOUNT, now)) },
  }));
  await new Promise((r) => setTimeout(r, 100));
  for (let m = 0; m < PER; m++) {
    for (let i = 0; i < CONVS; i++) {
      const c = convIds[i] ?? '';
      connection.deliver(JSON.stringify({ kind: 'notification', type: ONLINE_EVENT, body: consumerMessageBody(c, consumerOf(i), m + 1, now + m, `Consumer message ${m + 1} in conversation ${i}: my order has not arrived yet, can you check please?`) }));
    }
    if (m % 200 === 199) await new Promise((r) => setImmediate(r));
  }
  await new Promise((r) => setTimeout(r, 100));
  const after = heap();
  const snap = session.snapshot();
  const stored = Object.values(snap.messages).reduce((a, list) => a + list.length, 0);
  await toParent({ t: 'done', deltaBytes: after - before, before, after, conversations: snap.conversations.length, stored });
  // Keep the session reachable until the measurement is out.
  void session.stop({ logout: false });
}

main().catch((e: unknown) => void toParent({ t: 'error', message: e instanceof Error ? e.message : String(e) }));
