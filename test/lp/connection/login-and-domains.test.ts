/** Login and CSDS response parsing, the CSDS address forms, error bodies, the socket URL (connection/auth.ts, domains.ts, http.ts, socket.ts). */
import { afterEach, describe, expect, it } from 'vitest';
import { clearSecrets, redact, REDACTED } from '../../../src-main/lp/base/redact';
import { LpError } from '../../../src-main/lp/base/errors';
import { loginBody, parseLoginResponse } from '../../../src-main/lp/connection/auth';
import { csdsBase, normaliseCsdsUrl, parseCsds, schemesFor, umsHost } from '../../../src-main/lp/connection/domains';
import { CSDS_FORMS } from '../helpers/csds-forms';
import { errorMessageOf } from '../../../src-main/lp/connection/http';

afterEach(() => clearSecrets());

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
