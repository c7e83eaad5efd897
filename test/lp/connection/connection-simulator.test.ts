/**
 * The real connection layer against the simulator over loopback (lp-protocol.md flows): login →
 * connect → request/response, token expiry, refresh 401, 1011, transport closes, keepalive vs the
 * idle timeout, 502 at upgrade, refused logins, server down then up, bad frames, two logins of
 * one user. No sleeps: every wait is for an event, with a timeout.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator } from '../../../src-main/simulator';
import type { Simulator, SimulatorOptions } from '../../../src-main/simulator/api';
import { createConnection, type ConnectionOptions } from '../../../src-main/lp/connection/connection';
import type { DiagnosableConnection } from '../../../src-main/lp/connection/api';
import { LpError } from '../../../src-main/lp/base/errors';
import { MAX_FRAME_BYTES } from '../../../src-main/lp/connection/transport';
import { createAgentSession } from '../../../src-main/lp/session/agent-session';
import type { DiagnosableSession } from '../../../src-main/lp/session/api';
import { memoryLogger, Recorder, until, type MemoryLogger } from '../helpers/recorder';

let sim: Simulator | undefined;
const conns: DiagnosableConnection[] = [];
const sessions: DiagnosableSession[] = [];

afterEach(async () => {
  for (const c of conns.splice(0)) await c.stop({ logout: false }).catch(() => undefined);
  for (const x of sessions.splice(0)) await x.stop({ logout: false }).catch(() => undefined);
  await sim?.close();
  sim = undefined;
});

async function simulator(opts: SimulatorOptions = {}): Promise<Simulator> {
  sim = await startSimulator(opts);
  return sim;
}

function connect(s: Simulator, extra: Partial<ConnectionOptions> = {}, index = 0): { conn: DiagnosableConnection; rec: Recorder; log: MemoryLogger } {
  const seed = s.agents[index]!;
  const log = memoryLogger();
  const conn = createConnection({
    account: { accountId: s.accountId, csdsUrl: s.csdsUrl },
    credentials: { kind: 'password', username: seed.username, password: seed.password },
    logger: log,
    timing: { backoffBaseMs: 20, backoffMaxMs: 200, requestTimeoutMs: 2_000, ...(extra.timing ?? {}) },
    random: () => 0.5,
    ...extra,
  });
  conns.push(conn);
  return { conn, rec: new Recorder(conn), log };
}

describe('connection against the simulator', () => {
  it('logs in, connects, answers requests, and keeps secrets out of events and logs', async () => {
    const s = await simulator();
    const seed = s.agents[0]!;
    const { conn, rec, log } = connect(s);
    await conn.start();
    const ready = await rec.wait('ready');
    expect(ready.reconnect).toBe(false);
    expect(ready.profile).toEqual({
      accountId: s.accountId, userId: seed.userId, legacyId: `${s.accountId}.${seed.userId}`, pid: seed.pid, loginName: seed.username,
    });
    expect(conn.state.phase).toBe('online');
    expect(conn.domains.agentVep).toBe(s.host);
    expect(conn.socketUrl).toContain('/messaging/brand/[REDACTED]?v=2.1');

    const clock = await conn.request('.GetClock', {});
    expect(clock.code).toBeLessThan(300);
    expect(typeof (clock.body as { currentTime: unknown }).currentTime).toBe('number');

    const st = await conn.request('routing.SetAgentState', { availability: 'ONLINE', channels: ['MESSAGING'], agentUserId: ready.profile.legacyId });
    expect(st.code).toBe(202);
    expect(s.inspect.agentState(seed.username)).toBe('ONLINE');
    expect(s.inspect.requests({ type: '.ams.routing.SetAgentState' })).toHaveLength(1);

    // a 4xx response → LpError with the code and the body text
    const err = await conn.request('.ams.cm.UpdateConversationField', { conversationId: 'nope', conversationField: [] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LpError);
    expect((err as LpError).code).toBeGreaterThan(399);

    // REST with the bearer
    const skills = await conn.rest<unknown[]>('accountConfigReadOnly', `/api/account/${s.accountId}/configuration/le-users/skills?v=2.0`);
    expect(Array.isArray(skills)).toBe(true);

    const everything = JSON.stringify(rec.events) + log.text();
    expect(everything).not.toContain(seed.password);
    expect(log.text()).not.toMatch(/brand\/(?!\[REDACTED\])[A-Za-z0-9]/);
  });

  it('token expiry (4401) → re-login and reconnect, never offline', async () => {
    const s = await simulator();
    const { conn, rec } = connect(s);
    await conn.start();
    await rec.wait('ready');
    const from = rec.mark();
    s.faults.expireTokens();
    const again = await rec.wait('ready', (r) => r.reconnect, { from });
    expect(again.reconnect).toBe(true);
    expect(s.inspect.loginCount()).toBe(2);
    const phases = rec.of('state').map((x) => x.phase);
    expect(phases).not.toContain('offline');
    expect(phases).not.toContain('auth-failed');
    expect(conn.state.lastCloseCode).toBe(4401);
    expect(conn.state.reconnects).toBe(1);
  });

  it('1011 → re-login; 1006 and 1000 → same token', async () => {
    const s = await simulator();
    const { conn, rec } = connect(s);
    await conn.start();
    await rec.wait('ready');

    let from = rec.mark();
    s.faults.dropSockets();
    await rec.wait('ready', (r) => r.reconnect, { from });
    expect(s.inspect.loginCount()).toBe(1);
    expect(conn.state.lastCloseCode).toBe(1006);

    from = rec.mark();
    s.faults.closeSockets(1000, 'bye');
    await rec.wait('ready', (r) => r.reconnect, { from });
    expect(s.inspect.loginCount()).toBe(1);

    from = rec.mark();
    s.faults.closeSockets(1011, 'server error');
    await rec.wait('ready', (r) => r.reconnect, { from });
    expect(s.inspect.loginCount()).toBe(2);
    expect(conn.state.reconnects).toBe(3);
  });

  it('refresh runs on schedule; refresh 401 → silent re-login, no logout', async () => {
    const s = await simulator();
    const { conn, rec } = connect(s, { timing: { refreshIntervalMs: 150, backoffBaseMs: 20, backoffMaxMs: 200 } });
    await conn.start();
    await rec.wait('ready');
    // two scheduled refreshes happen (the simulator has no refresh event: poll its counter)
    await until(() => s.inspect.refreshCount() >= 2);
    const from = rec.mark();
    s.faults.failRefresh(1, 401);
    await rec.wait('ready', (r) => r.reconnect, { from });
    expect(s.inspect.loginCount()).toBe(2);
    const phases = rec.events.slice(from).filter((e) => e.event === 'state').map((e) => (e.data as { phase: string }).phase);
    expect(phases).not.toContain('offline');
    expect(phases).not.toContain('auth-failed');
    expect(s.inspect.logoutCount()).toBe(0);
  });

  it('keepalive prevents the idle timeout', async () => {
    const s = await simulator({ idleTimeoutMs: 600 });
    // deadSocketMs generous: only the simulator's idle timeout is under test here
    const { conn, rec } = connect(s, { timing: { pingIntervalMs: 100, deadSocketMs: 10_000, backoffBaseMs: 20, backoffMaxMs: 200 } });
    await conn.start();
    await rec.wait('ready');
    // wait for several keepalive rounds (GetClock requests) well past the idle timeout
    for (let i = 0; i < 12; i++) await s.waitFor('request', (r) => r.type === '.GetClock' || r.type === 'GetClock', 2_000);
    expect(rec.of('ready')).toHaveLength(1);
    expect(conn.state.phase).toBe('online');
    expect(s.inspect.sockets()).toHaveLength(1);
  });

  it('without keepalive the simulator closes the idle socket and the connection comes back', async () => {
    const s = await simulator({ idleTimeoutMs: 150 });
    const { conn, rec } = connect(s, { timing: { pingIntervalMs: 0, backoffBaseMs: 20, backoffMaxMs: 200 } });
    await conn.start();
    await rec.wait('ready');
    await rec.wait('ready', (r) => r.reconnect);
    expect(s.inspect.loginCount()).toBe(1);
  });

  it('502 at the upgrade → retry with the same token', async () => {
    const s = await simulator();
    s.faults.refuseUpgrades(2, 502);
    const { conn, rec } = connect(s);
    await conn.start();
    await rec.wait('ready');
    const errs = rec.of('error');
    expect(errs[0]).toMatchObject({ code: 502, location: 'Socket#Upgrade' });
    expect(s.inspect.loginCount()).toBe(1);
    expect(rec.of('state').some((x) => x.phase === 'reconnecting' && x.attempt === 2)).toBe(true);
  });

  it('refused login (401) → auth-failed, no retries', async () => {
    const s = await simulator();
    s.faults.refuseLogins(100, 401);
    const { conn, rec } = connect(s);
    await conn.start();
    expect(conn.state.phase).toBe('auth-failed');
    expect(conn.state.lastError).toContain('401');
    expect(rec.of('error')[0]).toMatchObject({ code: 401, location: 'Login#REST' });
    conn.reconnectNow('wake');
    expect(conn.state.phase).toBe('auth-failed');
    expect(s.inspect.loginCount()).toBeLessThanOrEqual(1);
    expect(rec.of('ready')).toHaveLength(0);
  });

  it('wrong password → auth-failed', async () => {
    const s = await simulator();
    const conn = createConnection({
      account: { accountId: s.accountId, csdsUrl: s.csdsUrl },
      credentials: { kind: 'password', username: s.agents[0]!.username, password: 'wrong-password' },
    });
    conns.push(conn);
    await conn.start();
    expect(conn.state.phase).toBe('auth-failed');
  });

  it('login 5xx → retry with backoff, then online', async () => {
    const s = await simulator();
    s.faults.refuseLogins(2, 500);
    const { conn, rec } = connect(s);
    await conn.start();
    expect(conn.state.phase).toBe('reconnecting');
    expect(conn.state.nextRetryAt).toBeGreaterThan(0);
    await rec.wait('ready');
    const attempts = rec.of('state').filter((x) => x.phase === 'reconnecting').map((x) => x.attempt);
    expect(attempts).toEqual([1, 2]);
    expect(rec.of('error')[0]).toMatchObject({ code: 500, location: 'Login#REST' });
  });

  it('server down then up → reconnects', async () => {
    const s = await simulator();
    const { conn, rec } = connect(s);
    await conn.start();
    await rec.wait('ready');
    const from = rec.mark();
    s.faults.down();
    await rec.wait('state', (x) => x.phase === 'reconnecting' && (x.attempt ?? 0) >= 3, { from });
    s.faults.up();
    const r = await rec.wait('ready', (x) => x.reconnect, { from });
    expect(r.reconnect).toBe(true);
    expect(conn.state.phase).toBe('online');
  });

  it('malformed and unknown frames are tolerated', async () => {
    const s = await simulator();
    const { conn, rec, log } = connect(s);
    await conn.start();
    await rec.wait('ready');
    s.faults.sendRaw('{not json');
    s.faults.sendRaw('[1,2,3]');
    s.faults.sendRaw(JSON.stringify({ kind: 'notification', type: 'ms.SomethingNew', body: { x: 1 } }));
    const n = await rec.wait('notification', (x) => x.type === '.ams.ms.SomethingNew');
    expect(n.body).toEqual({ x: 1 });
    expect(conn.state.phase).toBe('online');
    const r = await conn.request('.GetClock', {});
    expect(r.code).toBeLessThan(300);
    expect(log.lines.filter((l) => l.message.includes('malformed') && l.level === 'warn')).toHaveLength(1);
  });

  it('a frame over MAX_FRAME_BYTES (a 9 MiB one) closes the socket with 1009 and the connection comes back; one under it is read', async () => {
    const s = await simulator();
    const { conn, rec } = connect(s);
    await conn.start();
    await rec.wait('ready');
    // 7 MiB: under the 8 MiB cap, delivered like any notification
    s.faults.sendRaw(JSON.stringify({ kind: 'notification', type: 'ms.Big', body: { text: 'a'.repeat(7 * 1024 * 1024) } }));
    const big = await rec.wait('notification', (x) => x.type === '.ams.ms.Big');
    expect((big.body as { text: string }).text).toHaveLength(7 * 1024 * 1024);
    expect(MAX_FRAME_BYTES).toBe(8 * 1024 * 1024);
    // 9 MiB: refused by the socket (1009 "message too big"), then a new socket on the same token
    s.faults.sendRaw(JSON.stringify({ kind: 'notification', type: 'ms.Huge', body: { text: 'b'.repeat(9 * 1024 * 1024) } }));
    const closed = await rec.wait('state', (x) => x.phase === 'reconnecting' && x.lastCloseCode === 1009);
    expect(closed.lastError).toMatch(/1009/);
    await rec.wait('ready', (r) => r.reconnect);
    expect(rec.of('notification').map((x) => x.type)).not.toContain('.ams.ms.Huge');
    expect(conn.state.phase).toBe('online');
    expect(s.inspect.loginCount()).toBe(1);
  });

  it('two logins of one user: the replaced one stops ("signed in elsewhere") and takes it back only when asked', async () => {
    const s = await simulator();
    const a = connect(s, { timing: { backoffBaseMs: 50, backoffMaxMs: 400, pingIntervalMs: 5_000 } });
    const b = connect(s, { timing: { backoffBaseMs: 50, backoffMaxMs: 400, pingIntervalMs: 5_000 } });
    await a.conn.start();
    await a.rec.wait('ready');
    await b.conn.start();
    await b.rec.wait('ready');
    const replaced = await a.rec.wait('state', (x) => x.phase === 'offline');
    expect(replaced.lastError).toMatch(/signed in elsewhere/);
    expect(a.rec.of('error').some((e) => /signed in elsewhere/.test(e.message))).toBe(true);
    // b keeps the only socket: a does not fight back
    expect(s.inspect.sockets().map((x) => x.username)).toEqual([s.agents[0]!.username]);
    const bSocket = s.inspect.sockets()[0]!.socketId;
    expect(b.conn.state.phase).toBe('online');
    // the user of a asks to take the session back: a reconnects (same token), b is the one replaced now
    const from = a.rec.mark();
    a.conn.reconnectNow('take the session back');
    await a.rec.wait('ready', (x) => x.reconnect, { from });
    await b.rec.wait('state', (x) => x.phase === 'offline');
    expect(s.inspect.sockets()).toHaveLength(1);
    expect(s.inspect.sockets()[0]!.socketId).not.toBe(bSocket);
    expect(s.inspect.loginCount()).toBe(2);
  });

  it('stop() logs out and goes offline; later requests fail at once', async () => {
    const s = await simulator();
    const { conn, rec } = connect(s);
    await conn.start();
    await rec.wait('ready');
    await conn.stop();
    expect(conn.state.phase).toBe('offline');
    const e = await conn.request('.GetClock', {}).catch((x: unknown) => x);
    expect((e as LpError).message).toBe('socket not connected');
    expect(s.inspect.sockets()).toHaveLength(0);
  });

  it('reconnectNow drops the socket and reconnects at once with the same token', async () => {
    const s = await simulator();
    const { conn, rec } = connect(s, { timing: { backoffBaseMs: 5_000, backoffMaxMs: 10_000 } });
    await conn.start();
    await rec.wait('ready');
    const from = rec.mark();
    conn.reconnectNow('test');
    await rec.wait('ready', (x) => x.reconnect, { from, timeoutMs: 3_000 });
    expect(s.inspect.loginCount()).toBe(1);
  });
});

describe('logout on quit, as the simulator sees it', () => {
  /** A session on the real connection layer; resolves once it is online (agent state and subscriptions in place). */
  async function onlineSession(s: Simulator): Promise<DiagnosableSession> {
    const seed = s.agents[0]!;
    const session = createAgentSession({
      account: { accountId: s.accountId, csdsUrl: s.csdsUrl },
      credentials: { kind: 'password', username: seed.username, password: seed.password },
      timing: { backoffBaseMs: 20, backoffMaxMs: 200, requestTimeoutMs: 2_000 },
    }, { snapshotWindowMs: 100 });
    sessions.push(session);
    const online = new Promise<void>((resolve) => {
      const off = session.on('connection', (c) => {
        if (c.phase !== 'online') return;
        off();
        resolve();
      });
    });
    await session.start();
    await online;
    return session;
  }

  it('session.stop() logs out exactly once (OFFLINE first); a second stop() sends nothing more', async () => {
    const s = await simulator();
    const username = s.agents[0]!.username;
    const session = await onlineSession(s);
    expect(s.inspect.logoutCount(username)).toBe(0);
    const closed = s.waitFor('socketClose', (e) => e.username === username);
    await session.stop();
    expect(s.inspect.logoutCount(username)).toBe(1);
    expect(s.inspect.logoutCount()).toBe(1);
    expect(s.inspect.agentState(username)).toBe('OFFLINE');
    expect(s.inspect.requests({ type: '.ams.routing.SetAgentState' }).map((r) => (r.body as { availability: string }).availability)).toEqual(['ONLINE', 'OFFLINE']);
    await closed;
    expect(s.inspect.sockets()).toHaveLength(0);
    await session.stop();
    expect(s.inspect.logoutCount()).toBe(1);
  });

  it('session.stop({ logout: false }) makes no logout request', async () => {
    const s = await simulator();
    const username = s.agents[0]!.username;
    const session = await onlineSession(s);
    const closed = s.waitFor('socketClose', (e) => e.username === username);
    await session.stop({ logout: false });
    await closed;
    expect(s.inspect.logoutCount()).toBe(0);
    expect(s.inspect.agentState(username)).toBe('OFFLINE');
    await session.stop();
    expect(s.inspect.logoutCount()).toBe(0); // already stopped: nothing left to log out
  });

  it('connection.stop() logs out once; stop({ logout: false }) does not', async () => {
    const s = await simulator();
    const a = connect(s);
    await a.conn.start();
    await a.rec.wait('ready');
    await a.conn.stop({ logout: false });
    expect(s.inspect.logoutCount()).toBe(0);
    const b = connect(s);
    await b.conn.start();
    await b.rec.wait('ready');
    await b.conn.stop();
    expect(s.inspect.logoutCount(s.agents[0]!.username)).toBe(1);
    expect(s.inspect.loginCount()).toBe(2);
  });
});
