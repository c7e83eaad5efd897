/**
 * http.ts and domains.ts against a tiny loopback HTTP server: error mapping (§2/§8), cookie jar,
 * timeouts and network errors as LpError code 0, the CSDS cache (60 s per account) and stale fallback.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CookieJar, createHttpClient } from '../../../src-main/lp/connection/http';
import { createNodeTransport } from '../../../src-main/lp/connection/node-transport';
import { createDomainResolver } from '../../../src-main/lp/connection/domains';
import { LpError } from '../../../src-main/lp/base/errors';
import { redact } from '../../../src-main/lp/base/redact';
import { json, startHttp, type TestHttpServer } from '../helpers/servers';
import { manualClock } from '../helpers/manual-clock';
import { memoryLogger } from '../helpers/recorder';

let srv: TestHttpServer | undefined;
afterEach(async () => {
  await srv?.close();
  srv = undefined;
});

describe('http client', () => {
  it('maps status > 299 to LpError with the message and internalCode of the error body', async () => {
    srv = await startHttp((c, res) => {
      if (c.url === '/401') return json(res, 401, { error: { time: 'x', message: 'CSRF token invalid!', internalCode: 10, responseStatus: 'UNAUTHORIZED' } });
      if (c.url === '/500') return json(res, 500, { error: 'LeLogin1 failed - invalid url received from app server' });
      if (c.url === '/502') { res.writeHead(502); return res.end('<html>bad gateway</html>'); }
      if (c.url === '/200err') return json(res, 200, { error: { message: 'odd', internalCode: 17 } });
      json(res, 200, { ok: true, echo: JSON.parse(c.body || 'null') as unknown });
    });
    const http = createHttpClient({ transport: createNodeTransport() });
    const err = async (path: string): Promise<LpError> => http.json({ url: srv!.base + path, location: 'T#REST' }).then(() => { throw new Error('no'); }, (e: unknown) => e as LpError);
    expect(await err('/401')).toMatchObject({ code: 401, message: 'CSRF token invalid!', internalCode: 10, location: 'T#REST' });
    expect((await err('/500')).message).toMatch(/^LeLogin1 failed/);
    expect(await err('/502')).toMatchObject({ code: 502, message: 'HTTP 502' });
    expect(await err('/200err')).toMatchObject({ code: 17, message: 'odd' });
    expect(await http.json({ method: 'POST', url: `${srv.base}/ok`, body: { a: 1 }, location: 'T' })).toEqual({ ok: true, echo: { a: 1 } });
    expect(srv.calls.at(-1)!.headers['content-type']).toBe('application/json');
  });

  it('keeps Set-Cookie values, sends them back, registers them as secrets', async () => {
    srv = await startHttp((c, res) => json(res, 200, {}, c.url === '/login' ? { 'Set-Cookie': ['Session_id=cookie-value-99; Path=/; HttpOnly', 'other=1'] } : {}));
    const http = createHttpClient({ transport: createNodeTransport() });
    await http.json({ url: `${srv.base}/login`, location: 'T' });
    await http.json({ url: `${srv.base}/next`, location: 'T' });
    await http.json({ url: `${srv.base}/nocookie`, location: 'T', cookies: false });
    expect(srv.calls[1]!.headers.cookie).toBe('Session_id=cookie-value-99; other=1');
    expect(srv.calls[2]!.headers.cookie).toBeUndefined();
    expect(redact('x cookie-value-99')).toBe('x [REDACTED]');
    const jar = new CookieJar();
    jar.store(['a=1', 'a=; Max-Age=0']);
    expect(jar.header()).toBeUndefined();
  });

  it('timeouts and network errors are LpError code 0', async () => {
    srv = await startHttp(() => undefined); // never answers
    const http = createHttpClient({ transport: createNodeTransport(), logger: memoryLogger() });
    const t = await http.json({ url: `${srv.base}/slow`, location: 'T', timeoutMs: 50 }).then(() => undefined, (e: unknown) => e as LpError);
    expect(t).toMatchObject({ code: 0, network: true });
    expect(t?.message).toMatch(/timeout after 50 ms/);
    const base = srv.base;
    await srv.close();
    srv = undefined;
    const n = await http.json({ url: `${base}/x`, location: 'T' }).then(() => undefined, (e: unknown) => e as LpError);
    expect(n).toMatchObject({ code: 0, network: true });
    expect(n?.message).toMatch(/ECONNREFUSED/);
  });
});

describe('domain resolver', () => {
  it('caches 60 s, refetches after, keeps the stale map when CSDS fails', async () => {
    let fail = false;
    srv = await startHttp((c, res) => {
      if (fail) return json(res, 503, { error: 'down' });
      json(res, 200, { baseURIs: [{ service: 'agentVep', baseURI: 'a.net' }, { service: 'asyncMessagingEnt', baseURI: 'm.net' }] });
    });
    const clock = manualClock();
    const r = createDomainResolver({ account: { accountId: '5', csdsUrl: `${srv.base}/` }, http: createHttpClient({ transport: createNodeTransport(), clock }), clock, logger: memoryLogger() });
    expect(r.current).toEqual({});
    expect(await r.resolve()).toEqual({ agentVep: 'a.net', asyncMessagingEnt: 'm.net' });
    expect(srv.calls[0]!.url).toBe('/api/account/5/service/baseURI.json?version=1.0');
    clock.advance(59_999);
    await r.resolve();
    expect(srv.calls).toHaveLength(1);
    clock.advance(1);
    await r.resolve();
    expect(srv.calls).toHaveLength(2);
    fail = true;
    clock.advance(60_000);
    expect(await r.resolve()).toEqual({ agentVep: 'a.net', asyncMessagingEnt: 'm.net' });
    expect(srv.calls).toHaveLength(3);
  });

  it('fails without agentVep or a messaging host', async () => {
    srv = await startHttp((_c, res) => json(res, 200, { baseURIs: [{ service: 'agentVep', baseURI: 'a.net' }] }));
    const r = createDomainResolver({ account: { accountId: '5', csdsUrl: srv.base }, http: createHttpClient({ transport: createNodeTransport() }) });
    await expect(r.resolve()).rejects.toThrow(/facadeMsg or asyncMessagingEnt/);
  });
});
