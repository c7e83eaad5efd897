/**
 * UmsSocket against a tiny scripted ws server on loopback: request/response by id, error codes,
 * timeouts, pending requests failing on close, sends while closed, keepalive (ping + .GetClock),
 * dead-socket detection, upgrade status capture, malformed/unknown frames.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { UmsSocket, type SocketClose } from '../../../src-main/lp/connection/socket';
import { createNodeTransport } from '../../../src-main/lp/connection/node-transport';
import { realClock } from '../../../src-main/lp/base/clock';
import { LpError } from '../../../src-main/lp/base/errors';
import type { UmsNotification } from '../../../src-main/lp/connection/api';
import type { SocketListener, Transport } from '../../../src-main/lp/connection/transport';
import { startWs, type TestWsServer } from '../helpers/servers';
import { memoryLogger, until } from '../helpers/recorder';
import { manualClock } from '../helpers/manual-clock';

let server: TestWsServer | undefined;
const sockets: UmsSocket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.close(1000, 'test end');
  await server?.close();
  server = undefined;
});

async function open(extra: Partial<Parameters<typeof UmsSocket.open>[0]> = {}): Promise<{ s: UmsSocket; srv: TestWsServer; log: ReturnType<typeof memoryLogger> }> {
  const srv = server ?? (server = await startWs());
  const log = memoryLogger();
  const s = await UmsSocket.open({ url: `${srv.url}/ws_api/account/1/messaging/brand/tok-abcdef?v=2.1`, transport: createNodeTransport(), clock: realClock, logger: log, pingIntervalMs: 0, ...extra });
  sockets.push(s);
  return { s, srv, log };
}

function nextClose(s: UmsSocket): Promise<SocketClose> {
  return new Promise((r) => s.once('close', r));
}

describe('UmsSocket', () => {
  it('matches responses by unique ids and sends metadata', async () => {
    const { s, srv } = await open();
    srv.onRequest((f) => ({ kind: 'resp', reqId: f.id, code: 200, type: '.ReqBody$StringResp', body: { echo: f.type } }));
    const [a, b] = await Promise.all([s.request('ms.PublishEvent', { x: 1 }, { metadata: [{ type: 'ExternalId', id: 'l-1' }] }), s.request('.GetClock', {})]);
    expect(a.body).toEqual({ echo: '.ams.ms.PublishEvent' });
    expect(b.body).toEqual({ echo: '.GetClock' });
    expect(srv.frames[0]).toMatchObject({ kind: 'req', type: '.ams.ms.PublishEvent', metadata: [{ type: 'ExternalId', id: 'l-1' }] });
    const ids = srv.frames.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((i) => typeof i === 'string' && i.length > 0 && i.length <= 64)).toBe(true);
    expect(s.url).toContain('/brand/[REDACTED]?v=2.1');
  });

  it('code > 399 → LpError with the code and body text', async () => {
    const { s, srv } = await open();
    srv.onRequest((f) => ({ kind: 'resp', reqId: f.id, code: 400, type: '.ReqBody$StringResp', body: 'Agent does not exist in conversation' }));
    const e = await s.request('.ams.cm.UpdateConversationField', {}).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(LpError);
    expect((e as LpError).toInfo()).toEqual({ code: 400, message: 'Agent does not exist in conversation', location: 'Socket#Request' });
  });

  it('times out a request with no answer; a late answer is ignored', async () => {
    const { s, srv, log } = await open();
    let lateId: string | undefined;
    srv.onRequest((f) => { lateId = f.id; return undefined; });
    const e = await s.request('.GetClock', {}, { timeoutMs: 50 }).catch((x: unknown) => x);
    expect((e as LpError).message).toMatch(/timed out after 50 ms/);
    expect((e as LpError).code).toBe(0);
    expect(s.pendingCount).toBe(0);
    srv.broadcast(JSON.stringify({ kind: 'resp', reqId: lateId, code: 200, body: {} }));
    srv.onRequest((f) => ({ kind: 'resp', reqId: f.id, code: 200, body: 'ok' }));
    expect((await s.request('.GetClock', {})).body).toBe('ok');
    expect(log.text()).toContain('unknown request id');
  });

  it('fails every pending request at once on close, and sends after close fail at once', async () => {
    const { s, srv } = await open();
    srv.onRequest(() => undefined);
    const pending = [s.request('a.X', {}), s.request('b.Y', {})].map((p) => p.catch((x: unknown) => x));
    const closed = nextClose(s);
    for (const ws of srv.sockets) ws.close(4401, 'Token expired');
    expect(await closed).toEqual({ code: 4401, reason: 'Token expired' });
    for (const e of await Promise.all(pending)) expect((e as LpError).message).toBe('socket closed');
    const e = await s.request('.GetClock', {}).catch((x: unknown) => x);
    expect((e as LpError).message).toBe('socket not connected');
  });

  it('keepalive sends ws pings and .GetClock', async () => {
    // deadSocketMs is generous so a busy CI machine cannot make this socket look dead
    const { s, srv } = await open({ pingIntervalMs: 30, deadSocketMs: 10_000 });
    srv.onRequest((f) => ({ kind: 'resp', reqId: f.id, code: 200, body: { currentTime: 1 } }));
    await until(() => srv.frames.filter((f) => f.type === '.GetClock').length >= 3 && srv.pings >= 3);
    expect(s.isOpen).toBe(true);
  });

  it('a silent server (no pong, no frame) is detected as dead and reported as 1006', async () => {
    const srv = server = await startWs();
    srv.onRequest(() => undefined);
    const conn = srv.waitForConnection();
    const { s } = await open({ pingIntervalMs: 30, deadSocketMs: 90 });
    const ws = await conn;
    // stop answering pings: the underlying socket stops reading
    (ws as unknown as { _socket: { pause(): void } })._socket.pause();
    const c = await nextClose(s);
    expect(c.code).toBe(1006);
    expect(c.local).toMatch(/no frame or pong/);
  });

  it('frames alone keep a socket alive (no pong at all); it is dropped deadSocketMs after the last frame', async () => {
    // A transport whose far end never answers a ping (only frames say the socket is alive), on a manual clock.
    const clock = manualClock();
    let listener: SocketListener | undefined;
    let open = true;
    const transport: Transport = {
      request: () => Promise.reject(new Error('not used')),
      openSocket: (_url, _o, l) => {
        listener = l;
        queueMicrotask(() => l.open());
        return { get isOpen() { return open; }, send: (_t, done) => done(), ping: () => undefined, close: () => { open = false; }, terminate: () => { open = false; } };
      },
    };
    const s = await UmsSocket.open({ url: 'wss://example.invalid/ws', transport, clock, logger: memoryLogger(), pingIntervalMs: 20, deadSocketMs: 80, requestTimeoutMs: 1_000_000 });
    sockets.push(s);
    const closes: SocketClose[] = [];
    s.on('close', (c) => closes.push(c));
    const got: UmsNotification[] = [];
    s.setNotificationHandler((n) => got.push(n));
    const frame = JSON.stringify({ kind: 'notification', type: '.ams.ms.OnlineEventDistribution', body: {} });
    // 15 reads of 3 frames each, 20 ms apart: 300 ms, far past deadSocketMs.
    for (let i = 0; i < 15; i++) {
      for (let k = 0; k < 3; k++) listener?.text(frame);
      await Promise.resolve();
      clock.advance(20);
    }
    expect(closes).toEqual([]);
    expect(got).toHaveLength(45);
    // The last frame was 20 ms ago: dropped once 80 ms have passed since it (at the tick 80 ms after it), not before.
    clock.advance(40);
    expect(closes).toEqual([]);
    clock.advance(20);
    expect(closes).toHaveLength(1);
    expect(closes[0]?.code).toBe(1006);
    expect(closes[0]?.local).toBe('no frame or pong for 80 ms');
  });

  it('reads the clock once per burst of frames (one read), not once per frame', async () => {
    const clock = manualClock();
    let reads = 0;
    const counted = { ...clock, now: () => { reads += 1; return clock.now(); } };
    let listener: SocketListener | undefined;
    const transport: Transport = {
      request: () => Promise.reject(new Error('not used')),
      openSocket: (_url, _o, l) => {
        listener = l;
        queueMicrotask(() => l.open());
        return { isOpen: true, send: (_t, done) => done(), ping: () => undefined, close: () => undefined, terminate: () => undefined };
      },
    };
    const s = await UmsSocket.open({ url: 'wss://example.invalid/ws', transport, clock: counted, logger: memoryLogger(), pingIntervalMs: 0, requestTimeoutMs: 1_000_000 });
    sockets.push(s);
    const got: UmsNotification[] = [];
    s.setNotificationHandler((n) => got.push(n));
    const frame = JSON.stringify({ kind: 'notification', type: '.ams.ms.OnlineEventDistribution', body: {} });
    const before = reads;
    for (let k = 0; k < 100; k++) listener?.text(frame);
    expect(reads - before).toBe(1);
    await Promise.resolve(); // the burst ends (what ws does between two reads)
    for (let k = 0; k < 100; k++) listener?.text(frame);
    expect(reads - before).toBe(2);
    expect(got).toHaveLength(200);
  });

  it('notifications that come before the handler is set (with the upgrade) are kept and handed over first, in order', async () => {
    let listener: SocketListener | undefined;
    const frame = (k: number): string => JSON.stringify({ kind: 'notification', type: '.ams.ms.OnlineEventDistribution', body: { k } });
    const transport: Transport = {
      request: () => Promise.reject(new Error('not used')),
      openSocket: (_url, _o, l) => {
        listener = l;
        // As ws may do: the upgrade completes and frames that came with it are read before the opener resumes.
        queueMicrotask(() => {
          l.open();
          l.text(frame(1));
          l.text(frame(2));
        });
        return { isOpen: true, send: (_t, done) => done(), ping: () => undefined, close: () => undefined, terminate: () => undefined };
      },
    };
    const s = await UmsSocket.open({ url: 'wss://example.invalid/ws', transport, clock: manualClock(), logger: memoryLogger(), pingIntervalMs: 0, requestTimeoutMs: 1_000_000 });
    sockets.push(s);
    const got: unknown[] = [];
    s.setNotificationHandler((n) => got.push(n.body));
    listener?.text(frame(3));
    expect(got).toEqual([{ k: 1 }, { k: 2 }, { k: 3 }]);
  });

  it('captures the HTTP status of a refused upgrade', async () => {
    const srv = server = await startWs();
    srv.refuseWith(401, 1);
    const e = await UmsSocket.open({ url: `${srv.url}/ws_api/account/1/messaging/brand/x?v=2.1`, transport: createNodeTransport(), clock: realClock, logger: memoryLogger() }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(LpError);
    expect((e as LpError).toInfo()).toMatchObject({ code: 401, location: 'Socket#Upgrade' });
    srv.refuseWith(502, 1);
    const e2 = await UmsSocket.open({ url: `${srv.url}/x`, transport: createNodeTransport(), clock: realClock, logger: memoryLogger() }).catch((x: unknown) => x);
    expect((e2 as LpError).code).toBe(502);
  });

  it('connection refused → LpError code 0', async () => {
    const srv = await startWs();
    const url = srv.url;
    await srv.close();
    const e = await UmsSocket.open({ url, transport: createNodeTransport(), clock: realClock, logger: memoryLogger() }).catch((x: unknown) => x);
    expect((e as LpError).code).toBe(0);
    expect((e as LpError).network).toBe(true);
  });

  it('tolerates malformed frames (logged once, no content) and emits unknown types as notifications', async () => {
    const { s, srv, log } = await open();
    const got: UmsNotification[] = [];
    const next = new Promise<void>((r) => s.setNotificationHandler((n) => {
      got.push(n);
      if (n.type === '.ams.routing.RoutingTaskNotification') r();
    }));
    srv.broadcast('{"csrf":"secret-in-garbage"');
    srv.broadcast('not json at all');
    srv.broadcast(Buffer.from([1, 2, 3]).toString('latin1'));
    srv.broadcast(JSON.stringify({ kind: 'notification', type: 'brand.NewThing', body: 1 }));
    srv.broadcast(JSON.stringify({ kind: 'notification', type: 'routing.RoutingTaskNotification', body: { changes: [] }, extra: true }));
    await next;
    expect(got.map((n) => n.type)).toEqual(['brand.NewThing', '.ams.routing.RoutingTaskNotification']);
    expect(got[1]?.frame.extra).toBe(true);
    const warns = log.lines.filter((l) => l.level === 'warn');
    expect(warns).toHaveLength(1);
    expect(log.text()).not.toContain('secret-in-garbage');
    expect(s.isOpen).toBe(true);
  });

  it('close() reports at once with the local reason', async () => {
    const { s } = await open();
    const c = nextClose(s);
    s.close(1000, 'stopped');
    expect(await c).toMatchObject({ code: 1000, local: 'stopped' });
    expect(s.isOpen).toBe(false);
  });
});
