/**
 * Redaction gaps (#17.7), table-driven: each input once leaked a secret. Imports through the core's
 * door (src-main/lp/index) so the test survives the move of redact.ts into lp/base/.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  clearSecrets, createConsoleLogger, isSecretKey, MAX_SECRETS, REDACTED, redact, redactFields, registerSecret, secretCount, unregisterSecret,
} from '../../../src-main/lp/index';
import { LpError } from '../../../src-main/lp/base/errors';

afterEach(() => clearSecrets());

interface Case { name: string; input: string; secrets: string[]; keep?: string[]; expected?: string }

const LEAKS: Case[] = [
  { name: 'Authorization: Basic (not only the scheme word)', input: 'Authorization: Basic dXNlcjpodW50ZXIy', secrets: ['dXNlcjpodW50ZXIy'], expected: `Authorization: Basic ${REDACTED}` },
  { name: 'Authorization with an unknown scheme', input: 'authorization: Custom k3y-material', secrets: ['Custom', 'k3y-material'], expected: `authorization: ${REDACTED}` },
  { name: 'Proxy-Authorization', input: 'Proxy-Authorization: Basic cHJveHk6cHc=', secrets: ['cHJveHk6cHc='] },
  { name: 'Authorization inside a JSON string', input: '{"line":"Authorization: Basic dXNlcjpwdw==","n":1}', secrets: ['dXNlcjpwdw'], keep: ['"n":1'] },
  { name: 'multi-cookie header: later cookies too', input: 'Cookie: Session_id=abc123; lp_sid=def456; other=ghi789', secrets: ['abc123', 'def456', 'ghi789'], expected: `Cookie: ${REDACTED}` },
  { name: 'Set-Cookie with attributes', input: 'Set-Cookie: lp_sid=s3ss10n; Path=/; HttpOnly', secrets: ['s3ss10n'] },
  { name: 'JSON-escaped quote inside a password', input: JSON.stringify({ password: 'a"b-tail', user: 'ann' }), secrets: ['tail', 'a\\"b'], keep: ['"user":"ann"'] },
  { name: 'JSON-escaped quote one level down', input: JSON.stringify({ line: JSON.stringify({ password: 'x"y-tail2', user: 'bo' }) }), secrets: ['tail2'], keep: ['user', 'bo'] },
  { name: 'escaped backslash ending a value', input: JSON.stringify({ csrf: 'end\\', next: 'visible' }), secrets: ['end'], keep: ['"next":"visible"'] },
  { name: 'csrfToken field', input: '{"csrfToken":"c5rf-v4lue"}', secrets: ['c5rf-v4lue'] },
  { name: 'X-Csrf-Token header', input: 'X-Csrf-Token: c5rf-h3ader', secrets: ['c5rf-h3ader'] },
  { name: 'pwd field', input: 'login pwd=hunter22 ok', secrets: ['hunter22'], keep: ['login', 'ok'] },
  { name: 'samlAssertion field', input: '{"samlAssertion":"PHNhbWw+"}', secrets: ['PHNhbWw+'] },
  { name: 'access_token query parameter', input: 'https://h/x?access_token=t0k3n&v=1', secrets: ['t0k3n'], keep: ['v=1'] },
  { name: 'numeric password in JSON', input: '{"password":123456,"n":2}', secrets: ['123456'], keep: ['"n":2'] },
  { name: 'numeric pin-like secret in escaped JSON', input: JSON.stringify({ line: JSON.stringify({ passcode: 987654 }) }), secrets: ['987654'] },
  { name: 'a cut line ending inside a secret value', input: '{"bearer":"eyJhbGciOiJIUzI1', secrets: ['eyJhbGciOiJIUzI1'] },
];

describe('redact: inputs that used to leak', () => {
  it.each(LEAKS)('$name', ({ input, secrets, keep, expected }) => {
    const out = redact(input);
    for (const s of secrets) expect(out).not.toContain(s);
    for (const k of keep ?? []) expect(out).toContain(k);
    expect(out).toContain(REDACTED);
    if (expected !== undefined) expect(out).toBe(expected);
  });

  it('keeps JSON lines parseable when a numeric secret is masked', () => {
    expect(JSON.parse(redact('{"password":123456,"n":2}'))).toEqual({ password: REDACTED, n: 2 });
  });

  it('handles hostile shapes in one pass: a long run of backslashes, many key-like fragments', () => {
    const backslashes = `${'\\'.repeat(100_000)}"password":"pw-after-run"`;
    expect(redact(backslashes)).not.toContain('pw-after-run');
    const keys = redact(`{${'"csrf":"v4l",'.repeat(20_000)}"n":1}`);
    expect(keys).not.toContain('v4l');
    expect(keys).toContain('"n":1');
  });

  it('leaves ordinary text alone', () => {
    for (const t of ['Hello, how can I help? The token ring is a LAN.', 'Basic plan: 3 seats', 'cookies are tasty', '{"user":"ann","n":1}']) {
      expect(redact(t)).toBe(t);
    }
  });
});

describe('secret field names', () => {
  it.each([
    ['csrfToken', true], ['X-Csrf-Token', true], ['pwd', true], ['samlAssertion', true], ['refresh_token', true],
    ['Set-Cookie', true], ['userPassword', true], ['apiKey', true], ['username', false], ['ringId', false], ['keyboard', false],
  ])('%s secret: %s', (key, secret) => {
    expect(isSecretKey(key)).toBe(secret);
  });

  it('redactFields masks by substring, numbers too', () => {
    const r = redactFields({ csrfToken: 'a', 'X-Csrf-Token': 'b', pwd: 'c', samlAssertion: 'd', pin: 1, password: 1234, user: 'ann' });
    expect(r).toEqual({ csrfToken: REDACTED, 'X-Csrf-Token': REDACTED, pwd: REDACTED, samlAssertion: REDACTED, pin: 1, password: REDACTED, user: 'ann' });
  });
});

describe('registered secrets', () => {
  it('are masked raw, URL-encoded, JSON-escaped (once and twice) and base64-encoded', () => {
    const secret = 'p@ss"w/rd\\42';
    registerSecret(secret);
    const b64 = Buffer.from(secret).toString('base64');
    const inputs = [
      `raw ${secret}`, `url ${encodeURIComponent(secret)}`, JSON.stringify({ note: secret }),
      JSON.stringify({ line: JSON.stringify({ note: secret }) }), `b64 ${b64}`, `b64url ${Buffer.from(secret).toString('base64url')}`,
    ];
    for (const input of inputs) {
      const out = redact(input);
      expect(out, input).toContain(REDACTED);
      expect(out, input).not.toContain('w/rd');
      expect(out, input).not.toContain(b64.slice(0, 12));
    }
  });

  it('server values are registered only when they look like tokens', () => {
    expect(registerSecret('hello', 'server')).toBe(false);
    expect(registerSecret('international', 'server')).toBe(false);
    expect(registerSecret('has space 12345', 'server')).toBe(false);
    expect(redact('hello international')).toBe('hello international');
    expect(registerSecret('cookie-value-99', 'server')).toBe(true);
    expect(redact('x cookie-value-99')).toBe(`x ${REDACTED}`);
    // Our own credentials: any value of 4+ characters.
    expect(registerSecret('abc', 'credential')).toBe(false);
    expect(registerSecret('pa55', 'credential')).toBe(true);
  });

  it('are forgotten by unregisterSecret and clearSecrets (sign-out)', () => {
    registerSecret('first-s3cret');
    registerSecret('second-s3cret');
    unregisterSecret('first-s3cret');
    expect(redact('first-s3cret second-s3cret')).toBe(`first-s3cret ${REDACTED}`);
    clearSecrets();
    expect(secretCount()).toBe(0);
    expect(redact('second-s3cret')).toBe('second-s3cret');
  });

  it('are capped: server values are evicted oldest first, credentials last', () => {
    registerSecret('the-password');
    for (let i = 0; i < MAX_SECRETS * 2; i += 1) registerSecret(`server-token-${i}`, 'server');
    expect(secretCount()).toBe(MAX_SECRETS);
    expect(redact('the-password')).toBe(REDACTED);
    expect(redact('server-token-0 ')).toBe('server-token-0 ');
    expect(redact(`server-token-${MAX_SECRETS * 2 - 1}`)).toBe(REDACTED);
    // Only credentials left: the oldest credential makes room.
    clearSecrets();
    for (let i = 0; i <= MAX_SECRETS; i += 1) registerSecret(`credential-${i}`);
    expect(secretCount()).toBe(MAX_SECRETS);
    expect(redact('credential-0 ')).toBe('credential-0 ');
    expect(redact(`credential-${MAX_SECRETS}`)).toBe(REDACTED);
  });
});

describe('console logger', () => {
  it('masks secret-named fields by substring and numeric values', () => {
    const out: string[] = [];
    const log = createConsoleLogger({ stream: { write: (s: string) => out.push(s) }, format: 'json', now: () => 0 });
    log.log('info', 'login', { csrfToken: 'c5rf-v4lue', pwd: 123456, nested: { samlAssertion: 'PHNhbWw+' }, n: 3 });
    expect(JSON.parse(out[0] ?? '')).toMatchObject({ csrfToken: REDACTED, pwd: REDACTED, nested: { samlAssertion: REDACTED }, n: 3 });
  });
});

describe('redact: the basics (socket URL, headers, JSON, cookies, registered secrets, fields)', () => {
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
