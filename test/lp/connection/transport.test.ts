/**
 * The transport seam (connection/transport.ts): given a Transport, the connection reaches
 * LivePerson only through it — node:http, node:https and ws are never touched — and the core keeps
 * its own timeouts, error classification and cookies on top of whatever transport it is given.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';

const used = vi.hoisted(() => ({ http: 0, https: 0, ws: 0 }));

vi.mock('node:http', async (importOriginal) => {
  const orig = await importOriginal<typeof import('node:http')>();
  const request = (...args: Parameters<typeof orig.request>) => {
    used.http += 1;
    return orig.request(...args);
  };
  return { ...orig, request, default: { ...orig, request } };
});
vi.mock('node:https', async (importOriginal) => {
  const orig = await importOriginal<typeof import('node:https')>();
  const request = (...args: Parameters<typeof orig.request>) => {
    used.https += 1;
    return orig.request(...args);
  };
  return { ...orig, request, default: { ...orig, request } };
});
vi.mock('ws', async (importOriginal) => {
  const orig = await importOriginal<typeof import('ws')>();
  class CountedWebSocket extends orig.WebSocket {
    constructor(...args: ConstructorParameters<typeof orig.WebSocket>) {
      used.ws += 1;
      super(...args);
    }
  }
  return { ...orig, default: CountedWebSocket, WebSocket: CountedWebSocket };
});

import { createConnection } from '../../../src-main/lp/connection/connection';
import { createHttpClient } from '../../../src-main/lp/connection/http';
import {
  TransportError, type SocketListener, type Transport, type TransportRequest, type TransportResponse, type WebSocketLike,
} from '../../../src-main/lp/connection/transport';
import { LpError } from '../../../src-main/lp/base/errors';
import { manualClock } from '../helpers/manual-clock';

const CSDS = {
  baseURIs: [
    { service: 'agentVep', baseURI: 'vep.example.test' },
    { service: 'facadeMsg', baseURI: 'msg.example.test' },
    { service: 'accountConfigReadOnly', baseURI: 'acr.example.test' },
  ],
};
const LOGIN = { bearer: 'bearer-from-fake', csrf: 'csrf-from-fake', sessionTTl: '3600000', config: { userId: '42', loginName: 'agent1' } };

/** A LivePerson in memory behind the Transport interface: REST by path, a socket that answers every request 200. */
function fakeTransport(): Transport & { requests: TransportRequest[]; sockets: string[]; frames: string[] } {
  const requests: TransportRequest[] = [];
  const sockets: string[] = [];
  const frames: string[] = [];
  const respond = (status: number, body: unknown, headers: TransportResponse['headers'] = {}): TransportResponse =>
    ({ status, headers, text: body === undefined ? '' : JSON.stringify(body) });
  return {
    requests, sockets, frames,
    async request(req) {
      requests.push(req);
      const path = new URL(req.url).pathname;
      if (path.endsWith('/service/baseURI.json')) return respond(200, CSDS);
      if (path.endsWith('/login')) return respond(200, LOGIN, { 'set-cookie': ['Session_id=cookie-from-fake; Path=/'] });
      if (path.endsWith('/logout')) return respond(200, undefined);
      if (path.includes('/skills')) return respond(200, [{ id: '7', name: 'Billing' }]);
      return respond(404, { error: { message: 'not here' } });
    },
    openSocket(url: string, _opts, l: SocketListener): WebSocketLike {
      sockets.push(url);
      let open = false;
      queueMicrotask(() => {
        open = true;
        l.open();
      });
      return {
        get isOpen() {
          return open;
        },
        send(text, done) {
          frames.push(text);
          done();
          const req = JSON.parse(text) as { id: string };
          queueMicrotask(() => l.text(JSON.stringify({ kind: 'resp', reqId: req.id, code: 200, body: { ok: true } })));
        },
        ping() {},
        close(code, reason) {
          open = false;
          queueMicrotask(() => l.close(code, reason));
        },
        terminate() {
          open = false;
          queueMicrotask(() => l.close(1006, ''));
        },
      };
    },
  };
}

afterEach(() => {
  used.http = 0;
  used.https = 0;
  used.ws = 0;
});

describe('Transport seam', () => {
  it('a connection given a transport logs in, opens its socket, sends requests and logs out through it alone', async () => {
    const t = fakeTransport();
    const conn = createConnection({
      account: { accountId: '1234', csdsUrl: 'https://csds.example.test' },
      credentials: { kind: 'password', username: 'agent1', password: 'pw-secret' },
      transport: t,
      timing: { pingIntervalMs: 0 },
    });
    await conn.start();
    expect(conn.state.phase).toBe('online');
    expect(conn.profile?.legacyId).toBe('1234.42');
    expect(t.sockets).toEqual(['wss://msg.example.test/ws_api/account/1234/messaging/brand/bearer-from-fake?v=2.1']);

    const resp = await conn.request('.ams.routing.SetAgentState', { availability: 'ONLINE' });
    expect(resp.code).toBe(200);
    expect(JSON.parse(t.frames.at(-1) ?? '{}')).toMatchObject({ kind: 'req', type: '.ams.routing.SetAgentState' });

    const skills = await conn.rest('accountConfigReadOnly', '/api/account/1234/configuration/le-users/skills?v=2.0');
    expect(skills).toEqual([{ id: '7', name: 'Billing' }]);
    const skillsReq = t.requests.find((r) => r.url.includes('/skills'));
    expect(skillsReq?.headers.Authorization).toBe('Bearer bearer-from-fake');

    await conn.stop();
    const logoutReq = t.requests.find((r) => r.url.includes('/logout'));
    expect(logoutReq?.headers.Cookie).toBe('Session_id=cookie-from-fake');
    expect(JSON.parse(typeof logoutReq?.body === 'string' ? logoutReq.body : '{}')).toEqual({ csrf: 'csrf-from-fake' });

    expect(used).toEqual({ http: 0, https: 0, ws: 0 });
  });

  it('without a transport the Node one is used (so the counters above do see node:http)', async () => {
    const conn = createConnection({
      account: { accountId: '1234', csdsUrl: 'http://127.0.0.1:1' },
      credentials: { kind: 'password', username: 'agent1', password: 'pw-secret' },
      timing: { pingIntervalMs: 0, backoffBaseMs: 60_000 },
    });
    await conn.start();
    expect(conn.state.phase).toBe('reconnecting');
    await conn.stop({ logout: false });
    expect(used.http).toBe(1);
  });

  it('a transport network failure is an LpError code 0, network, named by the system code', async () => {
    const http = createHttpClient({
      transport: { request: () => Promise.reject(new TransportError('connect ECONNREFUSED', 'network', 'ECONNREFUSED')), openSocket: () => { throw new Error('unused'); } },
    });
    const e = await http.json({ url: 'https://x.example.test/a', location: 'Domains#CSDS' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(LpError);
    expect(e).toMatchObject({ code: 0, network: true, location: 'Domains#CSDS', message: 'network error: ECONNREFUSED' });
  });

  it('a too-large body is refused as such', async () => {
    const http = createHttpClient({
      transport: { request: () => Promise.reject(new TransportError('too big', 'too-large')), openSocket: () => { throw new Error('unused'); } },
    });
    const e = await http.json({ url: 'https://x.example.test/a', location: 'Login#REST' }).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 0, network: true, message: 'response too large' });
  });

  it('the core times a request out on its own clock and aborts the transport', async () => {
    const clock = manualClock();
    let seen: AbortSignal | undefined;
    const http = createHttpClient({
      clock,
      transport: {
        request: (req) => {
          seen = req.signal;
          return new Promise<TransportResponse>(() => {});
        },
        openSocket: () => { throw new Error('unused'); },
      },
    });
    const p = http.json({ url: 'https://x.example.test/a', location: 'Refresh#REST', timeoutMs: 5_000 }).catch((x: unknown) => x);
    expect(seen?.aborted).toBe(false);
    clock.advance(5_000);
    expect(await p).toMatchObject({ code: 0, network: true, message: 'timeout after 5000 ms', location: 'Refresh#REST' });
    expect(seen?.aborted).toBe(true);
  });

  it('status and body errors are mapped by the core (§2), whatever the transport', async () => {
    const http = createHttpClient({
      transport: {
        request: () => Promise.resolve({ status: 401, headers: {}, text: JSON.stringify({ error: { message: 'bad credentials' } }) }),
        openSocket: () => { throw new Error('unused'); },
      },
    });
    const e = await http.json({ method: 'POST', url: 'https://x.example.test/login', body: {}, location: 'Login#REST' }).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 401, message: 'bad credentials', location: 'Login#REST' });
  });
});
