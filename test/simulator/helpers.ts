/**
 * Test helpers for the simulator suite: a raw `ws` client and plain fetch calls, written from
 * lp-protocol.md (frames are built by hand here, never with the simulator's own types), so the
 * tests pin the wire shapes.
 */
import WebSocket from 'ws';
import type { Simulator } from '../../src-main/simulator';

/** A frame as lp-protocol.md §5 describes it. */
export interface Frame {
  kind: 'req' | 'resp' | 'notification';
  reqId?: string | number;
  code?: number;
  type: string;
  body: unknown;
}

/** §7 RoutingTaskNotification body. */
export interface RingDetails { ringId: string; ringState: string; ringExpiration: number; ringExpirationTs: number; weight: number; convId: string; consumerId: string; skillId: string; brandId: string }
export interface RoutingBody { subscriptionId: string; changes: Array<{ type: 'UPSERT' | 'DELETE'; result: { routingTaskId: string; taskCompleted: boolean; assignedAgentId?: string; conversationId: string; consumerId: string; skillId: string; brandId: string; ringsDetails: RingDetails[] } }> }
/** §7 OnlineEventDistribution body. */
export interface EventBody {
  sequence?: number; originatorId: string; originatorPId: string; serverTimestamp?: number;
  originatorMetadata: { id: string; role: string };
  event: { type: string; message?: unknown; chatState?: string; status?: string; sequenceList?: number[]; contentType?: string };
  dialogId: string;
  /** §6: AGENTS_AND_MANAGERS for a private message; absent = ALL. */
  messageAudience?: string;
}
/** §7 ExConversationChangeNotification body. */
export interface ExConvResult {
  convId: string; numberOfunreadMessages: Record<string, number>; lastContentEventNotification?: EventBody;
  conversationDetails: {
    convId: string; skillId: string; brandId: string; state: string; stage: string; startTs: number; metaDataLastUpdateTs: number;
    endTs?: number; closeReason?: string;
    participants: Record<string, string[]>; participantsPId: Record<string, string[]>;
    dialogs: Array<{ dialogId: string; state: string; participantsDetails: Array<{ id: string; role: string; state: string }> }>;
  };
}
export interface ExConvBody { subscriptionId: string; changes: Array<{ type: 'UPSERT' | 'DELETE'; result: ExConvResult }> }

export const ROUTING = '.ams.routing.RoutingTaskNotification';
export const EXCONV = '.ams.aam.ExConversationChangeNotification';
export const EVENT = '.ams.ms.OnlineEventDistribution';

export interface LoginResult { status: number; bearer: string; csrf: string; cookie: string; body: Record<string, unknown>; setCookie: string | null }

export async function login(sim: Simulator, username: string, password: string, v = '1.3'): Promise<LoginResult> {
  const res = await fetch(`${sim.baseUrl}/api/account/${sim.accountId}/login?v=${v}`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password }),
  });
  const body = (await res.json()) as Record<string, unknown>;
  const setCookie = res.headers.get('set-cookie');
  const cookie = /Session_id=([^;]+)/.exec(setCookie ?? '')?.[0] ?? '';
  return { status: res.status, bearer: String(body.bearer ?? ''), csrf: String(body.csrf ?? ''), cookie, body, setCookie };
}

export function wsUrl(sim: Simulator, bearer: string, v = '2'): string {
  return `${sim.baseUrl.replace(/^http/, 'ws')}/ws_api/account/${sim.accountId}/messaging/brand/${bearer}?v=${v}`;
}

export class RawClient {
  readonly frames: Frame[] = [];
  readonly raw: string[] = [];
  private waiters: Array<() => void> = [];
  private nextId = 1;
  readonly closed: Promise<{ code: number; reason: string }>;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const text = String(data);
      this.raw.push(text);
      try { this.frames.push(JSON.parse(text) as Frame); } catch { /* raw frames are kept in `raw` */ }
      for (const w of this.waiters.splice(0)) w();
    });
    this.closed = new Promise((resolve) => ws.on('close', (code, reason) => {
      resolve({ code, reason: reason.toString() });
      for (const w of this.waiters.splice(0)) w();
    }));
  }

  static connect(url: string, opts: WebSocket.ClientOptions = {}): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, opts);
      const client = new RawClient(ws);
      ws.once('open', () => resolve(client));
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
      ws.once('error', reject);
    });
  }

  sendRaw(text: string): void { this.ws.send(text); }

  /** Sends `{kind:'req', id, type, body}` and resolves with the response frame (whatever its code). */
  async request(type: string, body: unknown, id: string | number = `r${this.nextId++}`): Promise<Frame> {
    this.ws.send(JSON.stringify({ kind: 'req', id, type, body }));
    return this.waitFrame((f) => f.kind === 'resp' && f.reqId === id);
  }

  /** First frame (from index `from`) matching the predicate; waits for it if needed. */
  waitFrame(pred: (f: Frame) => boolean, timeoutMs = 4000, from = 0): Promise<Frame> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => { reject(new Error(`no matching frame within ${timeoutMs} ms; got types ${this.frames.map((f) => f.type).join(',')}`)); }, timeoutMs);
      const check = (): void => {
        const f = this.frames.slice(from).find(pred);
        if (f) { clearTimeout(timer); resolve(f); return; }
        if (this.ws.readyState === WebSocket.CLOSED) { clearTimeout(timer); reject(new Error('socket closed')); return; }
        this.waiters.push(check);
      };
      check();
    });
  }

  notifications<T>(type: string): T[] {
    return this.frames.filter((f) => f.kind === 'notification' && f.type === type).map((f) => f.body as T);
  }

  close(): void { this.ws.close(); }
}

/** Login + socket + ONLINE + routing subscription + ExConversations (OPEN, own agentId). */
export async function onlineAgent(sim: Simulator, username = 'agent1'): Promise<{ client: RawClient; legacyId: string; auth: LoginResult }> {
  const agent = sim.agents.find((a) => a.username === username);
  if (!agent) throw new Error(`no agent ${username}`);
  const auth = await login(sim, agent.username, agent.password);
  const client = await RawClient.connect(wsUrl(sim, auth.bearer));
  const legacyId = `${sim.accountId}.${agent.userId}`;
  const st = await client.request('.ams.routing.SetAgentState', { availability: 'ONLINE', channels: ['MESSAGING'], agentUserId: legacyId });
  if (st.code !== 202) throw new Error(`SetAgentState ${String(st.code)}`);
  await client.request('.ams.routing.SubscribeRoutingTasks', { brandId: sim.accountId, agentId: legacyId, channelType: 'MESSAGING' });
  await client.request('.ams.aam.SubscribeExConversations', { convState: ['OPEN'], agentIds: [legacyId], minLastUpdatedTime: 0 });
  return { client, legacyId, auth };
}

export function waitRing(client: RawClient, pred: (r: RingDetails, change: RoutingBody['changes'][number]) => boolean, timeoutMs = 4000): Promise<RingDetails> {
  const match = (f: Frame): RingDetails | undefined => {
    if (f.kind !== 'notification' || f.type !== ROUTING) return undefined;
    for (const c of (f.body as RoutingBody).changes) for (const r of c.result.ringsDetails) if (pred(r, c)) return r;
    return undefined;
  };
  return client.waitFrame((f) => match(f) !== undefined, timeoutMs).then((f) => match(f) as RingDetails);
}

export function waitExConv(client: RawClient, pred: (c: ExConvBody['changes'][number]) => boolean, timeoutMs = 4000, from = 0): Promise<ExConvBody['changes'][number]> {
  const match = (f: Frame): ExConvBody['changes'][number] | undefined =>
    f.kind === 'notification' && f.type === EXCONV ? (f.body as ExConvBody).changes.find(pred) : undefined;
  return client.waitFrame((f) => match(f) !== undefined, timeoutMs, from).then((f) => match(f) as ExConvBody['changes'][number]);
}

export function waitEvent(client: RawClient, pred: (e: EventBody) => boolean, timeoutMs = 4000, from = 0): Promise<EventBody> {
  return client.waitFrame((f) => f.kind === 'notification' && f.type === EVENT && pred(f.body as EventBody), timeoutMs, from).then((f) => f.body as EventBody);
}

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; text: string; headers: Headers }> {
  const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: res.status, text: await res.text(), headers: res.headers };
}
