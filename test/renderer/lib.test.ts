import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeLoginError, networkProblem, parseError } from '../../src-renderer/lib/errors';
import { clampText, safeHttpUrl, tokenize, visibleBidi } from '../../src-renderer/lib/text';
import { formatAgo, formatDuration } from '../../src-renderer/lib/time';

describe('errors', () => {
  it('parses code|location|message tolerantly', () => {
    expect(parseError(new Error('401|Login#REST|bad credentials'))).toEqual({ code: 401, location: 'Login#REST', message: 'bad credentials' });
    expect(parseError(new Error("Error invoking remote method 'lp:req:session/login': Error: 500|Login#REST|oops"))).toEqual({ code: 500, location: 'Login#REST', message: 'oops' });
    expect(parseError('plain text')).toEqual({ code: 0, location: '', message: 'plain text' });
    expect(parseError(new Error('0|Csds#REST|getaddrinfo ENOTFOUND x|y'))).toMatchObject({ code: 0, message: 'getaddrinfo ENOTFOUND x|y' });
  });
  it('describes login failures in plain words', () => {
    expect(describeLoginError(new Error('401|Login#REST|Unauthorized'))).toMatch(/wrong username or password/i);
    expect(describeLoginError(new Error('404|Csds#REST|not found'))).toMatch(/account not found/i);
    expect(describeLoginError(new Error('0|Csds#REST|getaddrinfo ENOTFOUND adminlogin.liveperson.net'))).toMatch(/cannot reach/i);
    expect(describeLoginError(new Error('fetch failed'))).toMatch(/cannot reach/i);
    expect(describeLoginError(new Error('503|Login#REST|unavailable'))).toMatch(/LivePerson had a problem \(503\)/);
    // certificate and TLS failures as the core words them: said as such, never "check your network"
    const untrusted = describeLoginError(new Error("0|Domains#CSDS|Domains#CSDS 0: the server's certificate is not trusted (DEPTH_ZERO_SELF_SIGNED_CERT): it is self-signed or issued by an authority this computer does not trust"));
    expect(untrusted).toMatch(/^Cannot connect securely: the server's certificate is not trusted \(DEPTH_ZERO_SELF_SIGNED_CERT\)/);
    expect(untrusted).toMatch(/certificate authority must be trusted/);
    const plain = describeLoginError(new Error('0|Domains#CSDS|Domains#CSDS 0: the server does not speak TLS (EPROTO): it answers plain HTTP (an http:// address, or the wrong port)'));
    expect(plain).toMatch(/^Cannot connect securely: the server does not speak TLS/);
    expect(plain).toMatch(/scheme \(https:\/\/ or http:\/\/\) and port of the CSDS URL/);
    expect(describeLoginError(new Error('0|Domains#CSDS|the server speaks TLS (EPROTO): use its https:// address'))).toMatch(/^Cannot connect securely: the server speaks TLS/);
    for (const m of [untrusted, plain]) expect(m).not.toMatch(/network connection/);
  });
});

describe('text', () => {
  it('links only http(s)', () => {
    expect(tokenize('see https://example.com/a?b=1.')).toEqual([
      { kind: 'text', text: 'see ' }, { kind: 'link', text: 'https://example.com/a?b=1', url: 'https://example.com/a?b=1' }, { kind: 'text', text: '.' },
    ]);
    for (const bad of ['javascript:alert(1)', 'data:text/html,<b>x</b>', 'vbscript:msgbox', 'file:///etc/passwd']) {
      expect(tokenize(bad).every((t) => t.kind !== 'link')).toBe(true);
    }
    expect(safeHttpUrl('javascript:alert(1)')).toBeNull();
    expect(safeHttpUrl('http://x.test/')).toBe('http://x.test/');
  });
  it('splits bidi controls out as visible marks', () => {
    expect(tokenize('a\u202Egnp.exe')).toEqual([{ kind: 'text', text: 'a' }, { kind: 'bidi', char: '\u202E' }, { kind: 'text', text: 'gnp.exe' }]);
    expect(visibleBidi('x\u2066y')).toBe('x[U+2066]y');
  });
  it('shows control characters as named marks, never as tofu boxes; tab and newline stay; a link stops at one', () => {
    expect(tokenize('a\u0007b\tc\nd\u009Be')).toEqual([
      { kind: 'text', text: 'a' }, { kind: 'control', char: '\u0007' }, { kind: 'text', text: 'b\tc\nd' }, { kind: 'control', char: '\u009B' }, { kind: 'text', text: 'e' },
    ]);
    expect(visibleBidi('Ann\u0000\u001B[31m Lee\u007F')).toBe('Ann[U+0000][U+001B][31m Lee[U+007F]');
    const link = tokenize('https://example.com/a\u0008evil').find((t) => t.kind === 'link');
    expect(link).toEqual({ kind: 'link', text: 'https://example.com/a', url: 'https://example.com/a' });
  });
  it('clamps long text', () => {
    const long = 'x'.repeat(100_000);
    expect(clampText(long, false)).toEqual({ text: 'x'.repeat(2000), clamped: true });
    expect(clampText(long, true).clamped).toBe(false);
  });
  it('formats durations', () => {
    expect(formatDuration(75_000)).toBe('1:15');
    expect(formatDuration(-5)).toBe('0:00');
    expect(formatDuration(3_700_000)).toBe('1:01:40');
    expect(formatAgo(120_000)).toBe('2m');
  });
});

describe('source hygiene', () => {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const f of readdirSync(dir)) {
      const p = join(dir, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(tsx?|css|html)$/.test(f)) files.push(p);
    }
  };
  walk(join(__dirname, '../../src-renderer'));

  it('never injects HTML', () => {
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) {
      const src = readFileSync(f, 'utf8');
      expect(src, f).not.toMatch(/dangerouslySetInnerHTML|\.innerHTML\s*=|outerHTML\s*=|insertAdjacentHTML|document\.write\(|\beval\(|new Function\(/);
    }
  });
  it('imports nothing from src-main, and from src-preload only the contract (api.ts and the catalogue in i18n/)', () => {
    for (const f of files) {
      const src = readFileSync(f, 'utf8');
      for (const m of src.matchAll(/^import\s+(?:type\s+)?[^;]*from\s+'([^']*)'/gm)) {
        const from = m[1] as string;
        expect(from, f).not.toMatch(/src-main/);
        if (from.includes('src-preload')) expect(from, f).toMatch(/\/src-preload\/(api|i18n\/(index|en|languages))$/);
      }
    }
  });
  it('the contract brings no run-time dependency into the renderer or the preload (zod, the core)', () => {
    const api = readFileSync(join(__dirname, '../../src-preload/api.ts'), 'utf8');
    const imports = [...api.matchAll(/^(import|export)\s+(type\s+)?[^;]*from\s+'([^']*)'/gm)];
    expect(imports.length).toBeGreaterThan(2);
    // Run-time re-exports only of the contract's own pure modules, which import nothing at all.
    const PURE = ['./response-time'];
    for (const m of imports) {
      if (PURE.includes(m[3] as string)) {
        const src = readFileSync(join(__dirname, `../../src-preload/${m[3]}.ts`), 'utf8');
        expect(src, `${m[3]} imports nothing`).not.toMatch(/^\s*(import|export)\s[^;]*from\s/m);
        continue;
      }
      expect(m[2], `api.ts: ${m[3]}`).toBe('type ');
    }
  });
});

describe('network problems in words (sign-in form and connection banner)', () => {
  it('names the inspecting issuer and says what to do', () => {
    const raw = "0|Domains#CSDS|Domains#CSDS 0: the server's certificate is not trusted (ERR_CERT_AUTHORITY_INVALID): the connection is inspected with a certificate this computer does not trust: Corp Root, Corp";
    const words = "Cannot connect securely: the server's certificate is not trusted (ERR_CERT_AUTHORITY_INVALID): the connection is inspected with a certificate this computer does not trust: Corp Root, Corp; ask IT, or add it in Settings → Network.";
    expect(describeLoginError(new Error(raw))).toBe(words);
    expect(networkProblem("Socket#Connect 0: the server's certificate is not trusted (SELF_SIGNED_CERT_IN_CHAIN): the connection is inspected with a certificate this computer does not trust: Corp Root, Corp"))
      .toBe("Cannot connect securely: the server's certificate is not trusted (SELF_SIGNED_CERT_IN_CHAIN): the connection is inspected with a certificate this computer does not trust: Corp Root, Corp; ask IT, or add it in Settings → Network.");
  });

  it('says proxy refusals as they are, not as "cannot reach LivePerson"', () => {
    expect(describeLoginError(new Error("0|Domains#CSDS|Domains#CSDS 0: network error: your network's proxy blocks LivePerson (the proxy refused the connection)")))
      .toBe("Cannot connect through the proxy: your network's proxy blocks LivePerson (the proxy refused the connection).");
    expect(networkProblem('Socket#Connect 0: socket error: the proxy http://127.0.0.1:3128 cannot be reached (ECONNREFUSED); check the proxy setting, or ask IT'))
      .toBe('Cannot connect through the proxy: the proxy http://127.0.0.1:3128 cannot be reached (ECONNREFUSED); check the proxy setting, or ask IT.');
  });

  it('stays quiet for other errors', () => {
    expect(networkProblem(undefined)).toBeNull();
    expect(networkProblem('socket closed before open (1006)')).toBeNull();
    expect(networkProblem('signed in elsewhere')).toBeNull();
  });
});
