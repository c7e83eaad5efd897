import { describe, expect, it } from 'vitest';
import { ProxyConfigError, matchesNoProxy, parseProxyList, parseProxyUrl, proxyFromEnv } from '../../../src-main/lp/index';

describe('parseProxyUrl', () => {
  it('takes a bare host:port as http, keeps percent-encoded credentials, fills the default port', () => {
    expect(parseProxyUrl('proxy.corp:3128').href).toBe('http://proxy.corp:3128/');
    const u = parseProxyUrl('socks5://us%40er:p%3Ass@10.0.0.1');
    expect([u.protocol, u.port, decodeURIComponent(u.username), decodeURIComponent(u.password)]).toEqual(['socks5:', '1080', 'us@er', 'p:ss']);
    expect(parseProxyUrl('https://proxy.corp').href).toBe('https://proxy.corp/');
  });

  it.each([
    ['', /empty/], ['ftp://p:21', /not supported/], ['javascript://alert(1)', /not supported/], ['http://p:1/x', /only scheme, host and port/],
    ['http://p:1?a', /only scheme/], ['http://p:99999', /not a valid URL/], [`http://p\n:1`, /control characters/], ['x'.repeat(5000), /too long/],
  ])('refuses %j', (input, pattern) => {
    expect(() => parseProxyUrl(input)).toThrow(ProxyConfigError);
    expect(() => parseProxyUrl(input)).toThrow(pattern);
  });
});

describe('parseProxyList (Chromium resolveProxy / PAC results)', () => {
  it('reads every entry type, skipping unknown ones as Chromium does', () => {
    const list = parseProxyList('QUIC q:443; PROXY proxy.corp:3128; HTTPS sec.corp:443;SOCKS5 [::1]:1080; SOCKS s4:1080; DIRECT');
    expect(list.map((c) => (c.kind === 'direct' ? 'DIRECT' : c.url.href))).toEqual([
      'http://proxy.corp:3128/', 'https://sec.corp/', 'socks5://[::1]:1080', 'socks4://s4:1080', 'DIRECT',
    ]);
    expect(parseProxyList('')).toEqual([{ kind: 'direct' }]);
  });

  it.each([
    ['PROXY', /malformed/], ['PROXY a b:1', /malformed/], ['PROXY evil.com:1/path', /malformed/], ['PROXY user:pw@h:1', /malformed/],
    ['QUIC only:443', /no usable entry/], ['PROXY ' + 'a'.repeat(5000) + ':1', /too long/], ['PROXY h:1\u0000', /control/],
  ])('refuses the hostile or malformed result %j', (input, pattern) => {
    expect(() => parseProxyList(input)).toThrow(pattern);
  });
});

describe('NO_PROXY and the proxy environment (curl rules)', () => {
  it('matches exact names, suffixes, wildcards and ports; IPv6 in brackets', () => {
    expect(matchesNoProxy('example.com', 'api.example.com', 443)).toBe(true);
    expect(matchesNoProxy('.example.com', 'example.com', 443)).toBe(true);
    expect(matchesNoProxy('example.com', 'badexample.com', 443)).toBe(false);
    expect(matchesNoProxy('example.com:8443', 'example.com', 443)).toBe(false);
    expect(matchesNoProxy('*', 'anything', 1)).toBe(true);
    expect(matchesNoProxy('[::1]', '[::1]', 80)).toBe(true);
    expect(matchesNoProxy('::1', '[::1]', 80)).toBe(true);
    expect(matchesNoProxy('[::1]:81', '[::1]', 80)).toBe(false);
  });

  it('proxies loopback unless NO_PROXY names it (no hidden localhost bypass); wss follows HTTPS_PROXY, ws HTTP_PROXY', () => {
    expect(proxyFromEnv('http://127.0.0.1:8080/x', { HTTP_PROXY: 'http://p:1' })?.host).toBe('p:1');
    expect(proxyFromEnv('http://127.0.0.1:8080/x', { http_proxy: 'http://p:1', NO_PROXY: '' })?.host).toBe('p:1');
    expect(proxyFromEnv('http://127.0.0.1:8080/x', { http_proxy: 'http://p:1', no_proxy: '127.0.0.1' })).toBeUndefined();
    expect(proxyFromEnv('wss://lp.example/ws', { HTTPS_PROXY: 'http://s:2', HTTP_PROXY: 'http://p:1' })?.host).toBe('s:2');
    expect(proxyFromEnv('ws://lp.example/ws', { HTTPS_PROXY: 'http://s:2', HTTP_PROXY: 'http://p:1' })?.host).toBe('p:1');
    expect(proxyFromEnv('https://lp.example/', { ALL_PROXY: 'socks5://k:3' })?.protocol).toBe('socks5:');
    expect(proxyFromEnv('https://lp.example/', {})).toBeUndefined();
  });
});
