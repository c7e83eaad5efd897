/**
 * createConnection against a tiny scripted LivePerson (CSDS + agentVep + REST on one HTTP server,
 * UMS on a ws server): login bodies, cookies and csrf on refresh/logout, refresh cadence from
 * sessionTTl, upgrade 401 → re-login, REST 401 → one re-login and one retry, CSDS cache and
 * refusals, invalid login state, stop semantics.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createConnection, type ConnectionOptions } from '../../../src-main/lp/connection/connection';
import type { DiagnosableConnection } from '../../../src-main/lp/connection/api';
import { LpError } from '../../../src-main/lp/base/errors';
import type { Credentials } from '../../../src-main/lp/protocol/model';
import { json, startHttp, startWs, type HttpCall, type TestHttpServer, type TestWsServer } from '../helpers/servers';
import { memoryLogger, Recorder, until } from '../helpers/recorder';

interface FakeLp {
  http: TestHttpServer;
  ws: TestWsServer;
  logins: number;
  bearer: () => string;
  /** Login answer override (status, body). */
  loginReply?: (call: HttpCall) => { status: number; body: unknown } | undefined;
  refreshStatus: number;
  restStatus: (call: HttpCall) => number;
  csdsStatus: number;
  close(): Promise<void>;
}

let lp: FakeLp | undefined;
const conns: DiagnosableConnection[] = [];
afterEach(async () => {
  for (const c of conns.splice(0)) await c.stop({ logout: false });
  await lp?.close();
  lp = undefined;
});

async function fakeLp(ttl = '28800000'): Promise<FakeLp> {
  const ws = await startWs();
  const http = await startHttp();
  const f: FakeLp = {
    http, ws, logins: 0, refreshStatus: 200, csdsStatus: 200,
    bearer: () => `bearer-${f.logins}-xyz`,
    restStatus: () => 200,
    close: async () => { await ws.close(); await http.close(); },
  };
  http.handle((call, res) => {
    if (call.url.includes('/service/baseURI.json')) {
      if (f.csdsStatus !== 200) return json(res, f.csdsStatus, { error: { message: 'account not found' } });
      return json(res, 200, { baseURIs: [
        { service: 'agentVep', account: '9', baseURI: http.host },
        { service: 'facadeMsg', account: '9', baseURI: ws.host },
        { service: 'accountConfigReadOnly', account: '9', baseURI: http.host },
      ] });
    }
    if (call.url.startsWith('/api/account/9/login')) {
      const o = f.loginReply?.(call);
      if (o) return json(res, o.status, o.body);
      f.logins += 1;
      return json(res, 200, { csrf: `csrf-${f.logins}-abc`, wsuk: 'wsuk-1234', sessionTTl: ttl, bearer: f.bearer(), config: { userId: '77', userPid: 'pid-77', loginName: 'bot1' } },
        { 'Set-Cookie': [`Session_id=sess-${f.logins}-cookie; Path=/; HttpOnly`] });
    }
    if (call.url.startsWith('/api/account/9/refresh')) return json(res, f.refreshStatus, f.refreshStatus === 200 ? undefined : { error: { message: 'CSRF token invalid!', internalCode: 10 } });
    if (call.url.startsWith('/api/account/9/logout')) return json(res, 200, undefined);
    if (call.url.startsWith('/api/account/9/configuration')) {
      const st = f.restStatus(call);
      return st === 200 ? json(res, 200, [{ id: 1, name: 'Sales' }]) : json(res, st, { error: { message: 'bad token' } });
    }
    json(res, 404, { error: 'no route' });
  });
  lp = f;
  return f;
}

function connect(f: FakeLp, extra: Partial<ConnectionOptions> = {}, credentials: Credentials = { kind: 'password', username: 'bot1', password: 'pw-secret-1' }) {
  const log = memoryLogger();
  const conn = createConnection({
    account: { accountId: '9', csdsUrl: f.http.base },
    credentials,
    logger: log,
    random: () => 0.5,
    ...extra,
    timing: { backoffBaseMs: 20, backoffMaxMs: 200, requestTimeoutMs: 2_000, ...(extra.timing ?? {}) },
  });
  conns.push(conn);
  return { conn, rec: new Recorder(conn), log };
}

const calls = (f: FakeLp, part: string): HttpCall[] => f.http.calls.filter((c) => c.url.includes(part));

describe('createConnection', () => {
  it('password login, socket URL with the bearer and v=2.1, cookies and csrf on refresh and logout', async () => {
    const f = await fakeLp('300'); // sessionTTl 300 ms → refresh every 100 ms
    const { conn, rec, log } = connect(f);
    await conn.start();
    const ready = await rec.wait('ready');
    expect(ready.profile).toEqual({ accountId: '9', userId: '77', legacyId: '9.77', pid: 'pid-77', loginName: 'bot1' });
    expect(JSON.parse(calls(f, '/login')[0]!.body)).toEqual({ username: 'bot1', password: 'pw-secret-1' });
    expect(calls(f, '/login')[0]!.url).toBe('/api/account/9/login?v=1.3');
    expect(calls(f, '/login')[0]!.headers['user-agent']).toMatch(/^LPAgentDesktop\//);
    expect(f.ws.upgradeUrls[0]).toBe('/ws_api/account/9/messaging/brand/bearer-1-xyz?v=2.1');
    await until(() => calls(f, '/refresh').length >= 2);
    const r = calls(f, '/refresh')[0]!;
    expect(r.url).toBe('/api/account/9/refresh?v=1.3');
    expect(JSON.parse(r.body)).toEqual({ csrf: 'csrf-1-abc' });
    expect(r.headers.cookie).toBe('Session_id=sess-1-cookie');
    await conn.stop();
    const lo = calls(f, '/logout');
    expect(lo).toHaveLength(1);
    expect(JSON.parse(lo[0]!.body)).toEqual({ csrf: 'csrf-1-abc' });
    expect(lo[0]!.headers.cookie).toBe('Session_id=sess-1-cookie');
    expect(conn.state.phase).toBe('offline');
    const out = JSON.stringify(rec.events) + log.text();
    for (const secret of ['pw-secret-1', 'bearer-1-xyz', 'csrf-1-abc', 'sess-1-cookie', 'wsuk-1234']) expect(out).not.toContain(secret);
    // no refresh after stop
    const n = calls(f, '/refresh').length;
    await new Promise<void>((res) => setTimeout(res, 250));
    expect(calls(f, '/refresh').length).toBe(n);
  });

  it('User-Agent: LPAgentDesktop/0.1.0 by default, the userAgent option on REST and on the upgrade; bearer in the path, no Authorization header (§4 path form)', async () => {
    const f = await fakeLp();
    const a = connect(f);
    await a.conn.start();
    await a.rec.wait('ready');
    expect(calls(f, '/login')[0]!.headers['user-agent']).toBe('LPAgentDesktop/0.1.0');
    expect(f.ws.upgradeHeaders[0]!['user-agent']).toBe('LPAgentDesktop/0.1.0');
    expect(f.ws.upgradeHeaders[0]!.authorization).toBeUndefined();
    expect(f.ws.upgradeUrls[0]).toMatch(/^\/ws_api\/account\/9\/messaging\/brand\/bearer-1-xyz\?v=2\.1$/);
    expect(a.conn.socketUrl).toBe(`${f.ws.url}/ws_api/account/9/messaging/brand/[REDACTED]?v=2.1`);
    await a.conn.stop({ logout: false });
    const b = connect(f, { userAgent: 'LPAgentDesktop/7.8.9' });
    await b.conn.start();
    await b.rec.wait('ready');
    expect(calls(f, '/login').at(-1)!.headers['user-agent']).toBe('LPAgentDesktop/7.8.9');
    expect(calls(f, '/baseURI.json').at(-1)!.headers['user-agent']).toBe('LPAgentDesktop/7.8.9');
    expect(f.ws.upgradeHeaders.at(-1)!['user-agent']).toBe('LPAgentDesktop/7.8.9');
  });

  it('app-key login body', async () => {
    const f = await fakeLp();
    const { conn, rec } = connect(f, {}, { kind: 'appKey', username: 'bot1', appKey: 'ak-1234', secret: 'sec-1234', accessToken: 'at-1234', accessTokenSecret: 'ats-1234' });
    await conn.start();
    await rec.wait('ready');
    expect(JSON.parse(calls(f, '/login')[0]!.body)).toEqual({ username: 'bot1', appKey: 'ak-1234', secret: 'sec-1234', accessToken: 'at-1234', accessTokenSecret: 'ats-1234' });
  });

  it('stop({logout:false}) does not log out', async () => {
    const f = await fakeLp();
    const { conn, rec } = connect(f);
    await conn.start();
    await rec.wait('ready');
    await conn.stop({ logout: false });
    expect(calls(f, '/logout')).toHaveLength(0);
  });

  it('upgrade 401 → re-login with a new bearer, then online', async () => {
    const f = await fakeLp();
    f.ws.refuseWith(401, 1);
    const { conn, rec } = connect(f);
    await conn.start();
    await rec.wait('ready');
    expect(f.logins).toBe(2);
    expect(f.ws.upgradeUrls).toEqual([
      '/ws_api/account/9/messaging/brand/bearer-1-xyz?v=2.1',
      '/ws_api/account/9/messaging/brand/bearer-2-xyz?v=2.1',
    ]);
    expect(rec.of('error')[0]).toMatchObject({ code: 401, location: 'Socket#Upgrade' });
  });

  it('REST adds the bearer; a 401 → one re-login and one retry; a second 401 is returned', async () => {
    const f = await fakeLp();
    const { conn, rec } = connect(f);
    await conn.start();
    await rec.wait('ready');
    const skills = await conn.rest<unknown[]>('accountConfigReadOnly', '/api/account/9/configuration/le-users/skills?v=2.0');
    expect(skills).toEqual([{ id: 1, name: 'Sales' }]);
    expect(calls(f, '/configuration')[0]!.headers.authorization).toBe('Bearer bearer-1-xyz');

    f.restStatus = (c) => (c.headers.authorization === 'Bearer bearer-1-xyz' ? 401 : 200);
    const from = rec.mark();
    expect(await conn.rest('accountConfigReadOnly', '/api/account/9/configuration/x')).toEqual([{ id: 1, name: 'Sales' }]);
    expect(f.logins).toBe(2);
    await rec.wait('ready', (r) => r.reconnect, { from });
    expect(f.ws.upgradeUrls.at(-1)).toContain('bearer-2-xyz');

    f.restStatus = () => 401;
    const e = await conn.rest('accountConfigReadOnly', '/api/account/9/configuration/y').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(LpError);
    expect((e as LpError).code).toBe(401);
    expect(f.logins).toBe(3);
    await expect(conn.rest('nope', '/x')).rejects.toThrow(/unknown service/);
  });

  it('refresh 401 → re-login and reconnect, never offline', async () => {
    const f = await fakeLp('300');
    f.refreshStatus = 401;
    const { conn, rec } = connect(f);
    await conn.start();
    await rec.wait('ready');
    await rec.wait('ready', (r) => r.reconnect);
    expect(f.logins).toBeGreaterThanOrEqual(2);
    expect(rec.of('state').map((s) => s.phase)).not.toContain('offline');
    expect(calls(f, '/logout')).toHaveLength(0);
  });

  it('CSDS answers are cached across reconnects', async () => {
    const f = await fakeLp();
    const { conn, rec } = connect(f);
    await conn.start();
    await rec.wait('ready');
    for (let i = 0; i < 3; i++) {
      const from = rec.mark();
      conn.reconnectNow('test');
      await rec.wait('ready', (r) => r.reconnect, { from });
    }
    expect(calls(f, 'baseURI.json')).toHaveLength(1);
    expect(f.logins).toBe(1);
    expect(conn.state.reconnects).toBe(3);
  });

  it('CSDS 404 (unknown account) → auth-failed, no retries', async () => {
    const f = await fakeLp();
    f.csdsStatus = 404;
    const { conn } = connect(f);
    await conn.start();
    expect(conn.state.phase).toBe('auth-failed');
    expect(conn.state.lastError).toContain('404');
    expect(calls(f, 'baseURI.json')).toHaveLength(1);
  });

  it('login 400/401/403 → auth-failed at once; start() resolves', async () => {
    for (const status of [400, 401, 403]) {
      const f = await fakeLp();
      f.loginReply = () => ({ status, body: { error: { message: 'Invalid credentials', internalCode: 1 } } });
      const { conn, rec } = connect(f);
      await conn.start();
      expect(conn.state.phase).toBe('auth-failed');
      expect(rec.of('error')).toEqual([{ code: status, message: 'Invalid credentials', location: 'Login#REST' }]);
      expect(calls(f, '/login')).toHaveLength(1);
      await conn.stop();
      expect(calls(f, '/logout')).toHaveLength(0);
      await f.close();
      lp = undefined;
    }
  });

  it('a login response without config.userId → "invalid login state", retried with backoff', async () => {
    const f = await fakeLp();
    let bad = 2;
    f.loginReply = () => (bad-- > 0 ? { status: 200, body: { bearer: 'b-123456', csrf: 'c-123456' } } : undefined);
    const { conn, rec } = connect(f);
    await conn.start();
    expect(conn.state.phase).toBe('reconnecting');
    expect(conn.state.lastError).toMatch(/invalid login state/);
    await rec.wait('ready');
  });

  it('requests while not connected fail at once; reconnectNow before start is a no-op', async () => {
    const f = await fakeLp();
    const { conn } = connect(f);
    conn.reconnectNow('early');
    expect(conn.state.phase).toBe('idle');
    await expect(conn.request('.GetClock', {})).rejects.toThrow('socket not connected');
  });

  it('a UMS 4401 close → re-login; 1001 → same bearer', async () => {
    const f = await fakeLp();
    const { conn, rec } = connect(f);
    await conn.start();
    await rec.wait('ready');
    let from = rec.mark();
    for (const ws of f.ws.sockets) ws.close(1001, 'going away');
    await rec.wait('ready', (r) => r.reconnect, { from });
    expect(f.logins).toBe(1);
    from = rec.mark();
    for (const ws of f.ws.sockets) ws.close(4401, 'Token expired');
    await rec.wait('ready', (r) => r.reconnect, { from });
    expect(f.logins).toBe(2);
    expect(conn.state.lastCloseCode).toBe(4401);
  });
});

describe('createConnection, more', () => {
  it('a dead socket (no pong, no frame) → reconnect with the same bearer', async () => {
    const f = await fakeLp();
    f.ws.onRequest(() => undefined);
    const first = f.ws.waitForConnection();
    const { conn, rec } = connect(f, { timing: { pingIntervalMs: 30, deadSocketMs: 90 } });
    await conn.start();
    await rec.wait('ready');
    const ws = await first;
    (ws as unknown as { _socket: { pause(): void } })._socket.pause();
    const again = await rec.wait('ready', (r) => r.reconnect);
    expect(again.reconnect).toBe(true);
    expect(f.logins).toBe(1);
    expect(conn.state.lastCloseCode).toBe(1006);
  });

  it('stop then start again: a fresh login, ready with reconnect:false', async () => {
    const f = await fakeLp();
    const { conn, rec } = connect(f);
    await conn.start();
    await rec.wait('ready');
    await conn.stop();
    expect(conn.state.phase).toBe('offline');
    const from = rec.mark();
    await conn.start();
    const r = await rec.wait('ready', () => true, { from });
    expect(r.reconnect).toBe(false);
    expect(f.logins).toBe(2);
  });
});
