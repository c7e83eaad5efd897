/**
 * Pure parts of the connection layer: redaction, the console logger, backoff and the retry policy,
 * frame parsing and type normalisation, the emitter, errors, login/CSDS response parsing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { clearSecrets, redact, redactFields, registerSecret, REDACTED, unregisterSecret } from '../../../src-main/lp/base/redact';
import { createConsoleLogger } from '../../../src-main/lp/base/console-logger';
import { closeAction, loginAction, nextDelay, refreshAction, upgradeAction } from '../../../src-main/lp/connection/backoff';
import { arrayOrOne, asArray, encodeRequest, normaliseType, parseFrame } from '../../../src-main/lp/protocol/frames';
import { TypedEmitter } from '../../../src-main/lp/base/emitter';
import { LpError, toLpError } from '../../../src-main/lp/base/errors';
import { loginBody, parseLoginResponse } from '../../../src-main/lp/connection/auth';
import { csdsBase, normaliseCsdsUrl, parseCsds, schemesFor, umsHost } from '../../../src-main/lp/connection/domains';
import { CSDS_FORMS } from '../helpers/csds-forms';
import { refreshDelay, resolveTiming } from '../../../src-main/lp/connection/connection';
import { errorMessageOf } from '../../../src-main/lp/connection/http';
import { umsUrl } from '../../../src-main/lp/connection/socket';
import { z } from 'zod';
import { memoryLogger } from '../helpers/recorder';

afterEach(() => clearSecrets());

describe('redact', () => {
  it('masks the bearer in socket URLs', () => {
    expect(redact('wss://h/ws_api/account/1/messaging/brand/eyJhbGc.x-y_z?v=2.1')).toBe(`wss://h/ws_api/account/1/messaging/brand/${REDACTED}?v=2.1`);
  });
  it('masks Authorization headers (Bearer and jwt)', () => {
    expect(redact('Authorization: Bearer abc.def-123')).toBe(`Authorization: Bearer ${REDACTED}`);
    expect(redact('header Bearer abc.def-123 sent')).toBe(`header Bearer ${REDACTED} sent`);
    expect(redact('jwt eyJ0eXAi.abc')).toBe(`jwt ${REDACTED}`);
  });
  it('masks JSON fields, also escaped inside JSON strings', () => {
    const s = JSON.stringify({ csrf: 'c5rf', password: 'p"w', bearer: 'b', wsuk: 'w', appKey: 'k', secret: 's', accessToken: 't', accessTokenSecret: 'ts', user: 'ann' });
    const out = redact(s);
    for (const v of ['c5rf', 'p\\"w', '"b"', '"w"', '"k"', '"s"', '"t"', '"ts"']) expect(out).not.toContain(`:${v.startsWith('"') ? v : `"${v}"`}`);
    expect(out).toContain('"user":"ann"');
    const nested = JSON.stringify({ line: s });
    expect(redact(nested)).not.toContain('c5rf');
  });
  it('masks cookies, query strings and key: value text', () => {
    expect(redact('Cookie: Session_id=abc123; other=1')).not.toContain('abc123');
    expect(redact('Set-Cookie: Session_id=zzz; Path=/')).not.toContain('zzz');
    expect(redact('https://x/y?csrf=abc&v=1')).toBe(`https://x/y?csrf=${REDACTED}&v=1`);
    expect(redact('password=hunter2 and csrf: 12345')).toBe(`password=${REDACTED} and csrf: ${REDACTED}`);
  });
  it('masks registered secrets anywhere, also URL-encoded', () => {
    registerSecret('s3cr3t/value');
    expect(redact('xx s3cr3t/value yy')).toBe(`xx ${REDACTED} yy`);
    expect(redact('a=s3cr3t%2Fvalue')).not.toContain('s3cr3t');
    unregisterSecret('s3cr3t/value');
    expect(redact('xx s3cr3t/value')).toContain('s3cr3t/value');
  });
  it('ignores too-short secrets and leaves ordinary text alone', () => {
    registerSecret('ab');
    expect(redact('ab cd')).toBe('ab cd');
    expect(redact('Hello, how can I help? The token ring is a LAN.')).toBe('Hello, how can I help? The token ring is a LAN.');
  });
  it('redactFields masks keys deeply, keeps other data, survives cycles', () => {
    registerSecret('topsecret');
    const o: Record<string, unknown> = {
      Authorization: 'Bearer x', nested: { password: 'p', list: [{ csrf: 'c' }, 'has topsecret inside'], ok: 1 },
      'set-cookie': ['Session_id=1'], access_token: 'a', note: 'fine', empty: '',
    };
    o.self = o;
    const r = redactFields(o) as Record<string, unknown>;
    expect(r.Authorization).toBe(REDACTED);
    expect(r['set-cookie']).toBe(REDACTED);
    expect(r.access_token).toBe(REDACTED);
    expect(r.note).toBe('fine');
    expect(r.empty).toBe('');
    expect(r.self).toBe('[Circular]');
    const n = r.nested as { password: string; list: [{ csrf: string }, string]; ok: number };
    expect(n.password).toBe(REDACTED);
    expect(n.list[0].csrf).toBe(REDACTED);
    expect(n.list[1]).toBe(`has ${REDACTED} inside`);
    expect(n.ok).toBe(1);
    expect(o.Authorization).toBe('Bearer x'); // the input is not modified
  });
  it('redactFields turns errors into redacted plain objects', () => {
    const r = redactFields({ err: new LpError({ code: 401, message: 'bad Bearer abcdef', location: 'Rest#x' }) }) as { err: Record<string, unknown> };
    expect(r.err).toEqual({ name: 'LpError', message: `bad Bearer ${REDACTED}`, code: 401, location: 'Rest#x' });
  });
});

describe('console logger', () => {
  it('writes redacted JSON lines and respects the level', () => {
    const out: string[] = [];
    registerSecret('the-bearer-1234');
    const log = createConsoleLogger({ stream: { write: (s: string) => out.push(s) }, level: 'info', format: 'json', now: () => 0 });
    log.log('debug', 'hidden');
    log.log('info', 'opening wss://h/messaging/brand/the-bearer-1234?v=2.1', { csrf: 'x', n: 1, url: 'a?password=p' });
    expect(out).toHaveLength(1);
    const line = JSON.parse(out[0]!) as Record<string, unknown>;
    expect(line).toMatchObject({ t: '1970-01-01T00:00:00.000Z', level: 'info', csrf: REDACTED, n: 1 });
    expect(out[0]).not.toContain('the-bearer-1234');
    expect(line.url).toBe(`a?password=${REDACTED}`);
  });
  it('writes one text line per entry, newlines folded', () => {
    const out: string[] = [];
    const log = createConsoleLogger({ stream: { write: (s: string) => out.push(s) }, level: 'debug' });
    log.log('warn', 'two\nlines password: hunter22', { k: 'v' });
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/^\S+ WARN two lines password: \[REDACTED\] \{"k":"v"\}\n$/);
  });
});

describe('backoff', () => {
  const o = { baseMs: 1_000, maxMs: 60_000 };
  it('grows exponentially and is capped', () => {
    const mid = (n: number): number => nextDelay(n, { ...o, random: () => 0.5 });
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map(mid)).toEqual([750, 1_500, 3_000, 6_000, 12_000, 24_000, 45_000, 45_000, 45_000]);
  });
  it('equal jitter stays within [cap/2, cap] and never 0', () => {
    for (let n = 1; n < 40; n++) {
      const cap = Math.min(60_000, 1_000 * 2 ** (n - 1));
      expect(nextDelay(n, { ...o, random: () => 0 })).toBe(cap / 2);
      expect(nextDelay(n, { ...o, random: () => 0.999999 })).toBeLessThanOrEqual(cap);
    }
  });
  it('full and decorrelated jitter stay within bounds', () => {
    for (let i = 0; i < 200; i++) {
      const f = nextDelay(5, { ...o, jitter: 'full' });
      expect(f).toBeGreaterThanOrEqual(0);
      expect(f).toBeLessThanOrEqual(16_000);
      const d = nextDelay(5, { ...o, jitter: 'decorrelated', previousMs: 30_000 });
      expect(d).toBeGreaterThanOrEqual(1_000);
      expect(d).toBeLessThanOrEqual(60_000);
    }
  });
  it('spreads a crowd (no synchronized storm) and tolerates bad inputs', () => {
    const set = new Set(Array.from({ length: 50 }, (_, i) => nextDelay(6, { ...o, random: () => i / 50 })));
    expect(set.size).toBe(50);
    expect(nextDelay(0, { ...o, random: () => Number.NaN })).toBe(500);
    expect(nextDelay(1e9, { ...o, random: () => 2 })).toBeLessThanOrEqual(60_000);
  });
  it('retry policy', () => {
    expect(closeAction(4401)).toBe('relogin');
    expect(closeAction(1011)).toBe('relogin');
    for (const c of [1000, 1001, 1006, 1012, 4000]) expect(closeAction(c)).toBe('retry');
    expect(closeAction(1000, 'idle timeout')).toBe('retry');
    // one session per agent user: replaced elsewhere → stop, do not fight back
    expect(closeAction(1000, 'replaced by a new session')).toBe('stop');
    expect(closeAction(4000, 'Logged in elsewhere')).toBe('stop');
    expect(closeAction(4401, 'replaced by a new session')).toBe('relogin');
    expect(upgradeAction(401)).toBe('relogin');
    expect(upgradeAction(502)).toBe('retry');
    expect(loginAction(401)).toBe('stop');
    expect(loginAction(400)).toBe('stop');
    expect(loginAction(429)).toBe('retry');
    expect(loginAction(500)).toBe('retry');
    expect(loginAction(0)).toBe('retry');
    expect(refreshAction(401)).toBe('relogin');
    expect(refreshAction(503)).toBe('retry');
  });
});

describe('frames', () => {
  it('normalises short type names', () => {
    expect(normaliseType('routing.SetAgentState')).toBe('.ams.routing.SetAgentState');
    expect(normaliseType('cqm.SubscribeExConversations')).toBe('.ams.aam.SubscribeExConversations');
    expect(normaliseType('cqm.ExConversationChangeNotification')).toBe('.ams.aam.ExConversationChangeNotification');
    expect(normaliseType('ms.PublishEvent')).toBe('.ams.ms.PublishEvent');
    expect(normaliseType('cm.UpdateConversationField')).toBe('.ams.cm.UpdateConversationField');
    expect(normaliseType('userprofile.GetUserProfile')).toBe('.ams.userprofile.GetUserProfile');
    expect(normaliseType('GetClock')).toBe('.GetClock');
    expect(normaliseType('.GetClock')).toBe('.GetClock');
    expect(normaliseType('.ams.ms.QueryMessages')).toBe('.ams.ms.QueryMessages');
    expect(normaliseType('other.Thing')).toBe('other.Thing');
  });
  it('parses resp, notification and req frames, tolerating extra fields', () => {
    const r = parseFrame('{"kind":"resp","reqId":7,"code":"202","type":".ReqBody$StringResp","body":"ok","extra":1}');
    expect(r).toMatchObject({ ok: true, frame: { kind: 'resp', reqId: '7', code: 202, body: 'ok' } });
    const n = parseFrame('{"kind":"notification","type":"ms.OnlineEventDistribution","body":{"a":1},"metadata":[]}');
    expect(n).toMatchObject({ ok: true, frame: { kind: 'notification', type: '.ams.ms.OnlineEventDistribution', body: { a: 1 } } });
    const q = parseFrame('{"kind":"req","id":"1","type":"GetClock"}');
    expect(q).toMatchObject({ ok: true, frame: { kind: 'req', type: '.GetClock' } });
  });
  it('never throws on garbage', () => {
    for (const raw of ['', '{', 'null', '[]', '"x"', '42', '{"kind":"resp"}', '{"kind":"weird","type":"x"}', '{"kind":"notification"}', '{"kind":"resp","reqId":{},"code":1}']) {
      const r = parseFrame(raw);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.reason).not.toContain(raw.length > 3 ? raw : '\u0000');
    }
  });
  it('notification frames (the fast path): short types normalised, the whole frame kept, an empty type refused', () => {
    const r = parseFrame('{"kind":"notification","type":"ms.OnlineEventDistribution","body":{"sequence":0},"extra":1}');
    expect(r).toEqual({ ok: true, frame: { kind: 'notification', type: '.ams.ms.OnlineEventDistribution', body: { sequence: 0 }, raw: { kind: 'notification', type: 'ms.OnlineEventDistribution', body: { sequence: 0 }, extra: 1 } } });
    expect(parseFrame('{"kind":"notification","type":""}').ok).toBe(false);
    expect(parseFrame('{"kind":"notification","type":7}').ok).toBe(false);
  });
  it('accepts a bare element where an array is expected', () => {
    expect(asArray({ a: 1 })).toEqual([{ a: 1 }]);
    expect(asArray([1, 2])).toEqual([1, 2]);
    expect(asArray(undefined)).toEqual([]);
    const s = arrayOrOne(z.object({ field: z.string() }));
    expect(s.parse({ field: 'x' })).toEqual([{ field: 'x' }]);
    expect(s.parse([{ field: 'x' }, { field: 'y' }])).toHaveLength(2);
  });
  it('encodes requests with the .ams. type and optional metadata', () => {
    expect(JSON.parse(encodeRequest({ id: 'a', type: 'ms.PublishEvent', body: { x: 1 }, metadata: [{ type: 'ExternalId', id: 'l-1' }] })))
      .toEqual({ kind: 'req', id: 'a', type: '.ams.ms.PublishEvent', body: { x: 1 }, metadata: [{ type: 'ExternalId', id: 'l-1' }] });
    expect(JSON.parse(encodeRequest({ id: 'b', type: '.GetClock', body: undefined }))).toEqual({ kind: 'req', id: 'b', type: '.GetClock', body: {} });
  });
});

describe('emitter', () => {
  it('unsubscribes, and a throwing listener neither breaks emit nor the others', () => {
    const log = memoryLogger();
    const e = new TypedEmitter<{ a: number; b: string }>(log);
    const seen: number[] = [];
    e.on('a', () => { throw new Error('boom Bearer abcdef'); });
    const off = e.on('a', (n) => seen.push(n));
    e.emit('a', 1);
    off();
    e.emit('a', 2);
    e.emit('b', 'nobody listens');
    expect(seen).toEqual([1]);
    expect(log.lines[0]?.message).toContain('boom Bearer [REDACTED]');
    let once = 0;
    e.once('b', () => once++);
    e.emit('b', 'x');
    e.emit('b', 'y');
    expect(once).toBe(1);
  });
});

describe('errors', () => {
  it('carries code, location, body, and redacts its message', () => {
    const e = new LpError({ code: 400, message: 'bad csrf=abc', location: 'Refresh#REST', body: { x: 1 } });
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('LpError');
    expect(e.toInfo()).toEqual({ code: 400, message: `bad csrf=${REDACTED}`, location: 'Refresh#REST' });
    expect(e.body).toEqual({ x: 1 });
    expect(toLpError(new Error('x'), 'Here')).toMatchObject({ code: 0, location: 'Here' });
    expect(toLpError(e, 'Else')).toBe(e);
  });
});

describe('login and CSDS parsing', () => {
  it('parses a login response tolerantly and registers its secrets', () => {
    const r = parseLoginResponse({
      csrf: 'csrf-value-1', wsuk: 'wsuk-value-1', bearer: 'bearer-value-1', sessionTTl: '28800000', extra: { a: 1 },
      config: { loginName: 'bot1', userId: 3705342610, userPid: '393c-…', isAdmin: true },
    }, '123', 'fallback');
    expect(r).toEqual({
      bearer: 'bearer-value-1', csrf: 'csrf-value-1', wsuk: 'wsuk-value-1', sessionTtlMs: 28_800_000,
      profile: { accountId: '123', userId: '3705342610', legacyId: '123.3705342610', pid: '393c-…', loginName: 'bot1' },
    });
    expect(redact('x bearer-value-1 csrf-value-1 wsuk-value-1')).toBe(`x ${REDACTED} ${REDACTED} ${REDACTED}`);
  });
  it('userPid and loginName are optional; userId is required', () => {
    const r = parseLoginResponse({ bearer: 'b-123456', config: { userId: '42' } }, '1', 'me');
    expect(r.profile).toEqual({ accountId: '1', userId: '42', legacyId: '1.42', loginName: 'me' });
    expect(r.sessionTtlMs).toBeUndefined();
    expect(() => parseLoginResponse({ bearer: 'b-123456', config: {} }, '1', 'me')).toThrow(/invalid login state/);
    expect(() => parseLoginResponse({ nope: 1 }, '1', 'me')).toThrow(/invalid login state/);
  });
  it('login bodies per credentials kind', () => {
    expect(loginBody({ kind: 'password', username: 'u', password: 'p' })).toEqual({ username: 'u', password: 'p' });
    expect(loginBody({ kind: 'appKey', username: 'u', appKey: 'k', secret: 's', accessToken: 't', accessTokenSecret: 'ts' }))
      .toEqual({ username: 'u', appKey: 'k', secret: 's', accessToken: 't', accessTokenSecret: 'ts' });
  });
  it('CSDS map, schemes, the UMS host', () => {
    const m = parseCsds({ baseURIs: [{ service: 'agentVep', account: '1', baseURI: 'va.agentvep.liveperson.net' }, { service: 'asyncMessagingEnt', baseURI: 'https://va.msg.net/' }], more: 1 });
    expect(m).toEqual({ agentVep: 'va.agentvep.liveperson.net', asyncMessagingEnt: 'va.msg.net' });
    expect(umsHost(m)).toBe('va.msg.net');
    expect(umsHost({ ...m, facadeMsg: 'f.net' })).toBe('f.net');
    expect(() => parseCsds({ x: 1 })).toThrow(LpError);
    expect(csdsBase({ accountId: '1' })).toBe('https://adminlogin.liveperson.net');
    expect(csdsBase({ accountId: '1', csdsUrl: 'http://127.0.0.1:9/' })).toBe('http://127.0.0.1:9');
    expect(schemesFor({ accountId: '1', csdsUrl: 'http://127.0.0.1:9' })).toEqual({ http: 'http', ws: 'ws' });
    expect(schemesFor({ accountId: '1' })).toEqual({ http: 'https', ws: 'wss' });
  });
  it('REST error bodies', () => {
    expect(errorMessageOf({ error: { message: 'CSRF token invalid!', internalCode: 10, responseStatus: 'UNAUTHORIZED' } }, '', 401)).toEqual({ message: 'CSRF token invalid!', internalCode: 10 });
    expect(errorMessageOf({ error: 'LeLogin1 failed - invalid url received from app server' }, '', 500).message).toContain('LeLogin1');
    expect(errorMessageOf(undefined, '<html>', 502).message).toBe('HTTP 502');
  });
});

describe('domain-service address forms (normaliseCsdsUrl; the sign-in form accepts the same)', () => {
  it.each(CSDS_FORMS)('$typed → $url', ({ typed, url }) => {
    const r = normaliseCsdsUrl(typed);
    if (url === undefined) {
      expect(r).toEqual({ ok: false, error: expect.stringContaining('host[:port] alone (which means https://)') });
    } else {
      expect(r).toEqual({ ok: true, url });
      expect(csdsBase({ accountId: '1', csdsUrl: url })).toBe(url);
    }
  });
});

describe('timing', () => {
  it('defaults follow lp-protocol.md; refresh is min(interval, ttl/3)', () => {
    expect(resolveTiming()).toEqual({ requestTimeoutMs: 10_000, pingIntervalMs: 30_000, deadSocketMs: 60_000, refreshIntervalMs: 600_000, backoffBaseMs: 1_000, backoffMaxMs: 60_000 });
    expect(resolveTiming({ pingIntervalMs: 100 }).deadSocketMs).toBe(200);
    expect(refreshDelay(600_000, 28_800_000)).toBe(600_000);
    expect(refreshDelay(600_000, 900_000)).toBe(300_000);
    expect(refreshDelay(600_000, undefined)).toBe(600_000);
  });
  it('socket URL', () => {
    expect(umsUrl({ scheme: 'wss', host: 'h', accountId: '1', bearer: 'b' })).toBe('wss://h/ws_api/account/1/messaging/brand/b?v=2.1');
  });
});

describe('emitter, listeners changed during emit', () => {
  it('take effect from the next emit (one listener or several)', () => {
    for (const extra of [0, 1]) {
      const e = new TypedEmitter<{ a: number }>();
      const calls: string[] = [];
      for (let i = 0; i < extra; i += 1) e.on('a', () => calls.push('other'));
      e.once('a', (n) => {
        calls.push(`first ${n}`);
        e.on('a', (m) => calls.push(`late ${m}`));
      });
      e.emit('a', 1);
      e.emit('a', 2);
      expect(calls.filter((c) => c !== 'other')).toEqual(['first 1', 'late 2']);
    }
  });
});
