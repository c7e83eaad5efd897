/** Redaction of secrets from log text and fields (base/redact.ts). */
import { afterEach, describe, expect, it } from 'vitest';
import { clearSecrets, redact, redactFields, registerSecret, REDACTED, unregisterSecret } from '../../../src-main/lp/base/redact';
import { LpError } from '../../../src-main/lp/base/errors';

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
