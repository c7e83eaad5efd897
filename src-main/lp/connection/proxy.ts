/**
 * Proxy settings as data: a proxy URL typed by a user or IT (`parseProxyUrl`), Chromium's
 * `session.resolveProxy()` / PAC result string (`parseProxyList`, "PROXY h:p; SOCKS5 h:p; DIRECT"),
 * and the curl-style environment (`proxyFromEnv`: HTTPS_PROXY / HTTP_PROXY / ALL_PROXY / NO_PROXY,
 * either case). Pure: no sockets here (proxy-agents.ts builds the agents). Bad input throws
 * ProxyConfigError with a sentence a user can act on, and never echoes a password.
 */

export type ProxyChoice =
  | { kind: 'direct' }
  /** An HTTP proxy reached over plain TCP (`http:`) or TLS (`https:`), tunnelling with CONNECT. */
  | { kind: 'http'; url: URL }
  /** A SOCKS proxy (`socks4:`, `socks4a:`, `socks5:`, `socks5h:`). */
  | { kind: 'socks'; url: URL };

export class ProxyConfigError extends Error {
  override readonly name = 'ProxyConfigError';
}

/** Longest proxy URL / PAC result / NO_PROXY list accepted (anything longer is refused, not cut). */
export const MAX_PROXY_TEXT = 4096;

const SCHEMES: Record<string, 'http' | 'socks'> = {
  'http:': 'http', 'https:': 'http', 'socks:': 'socks', 'socks4:': 'socks', 'socks4a:': 'socks', 'socks5:': 'socks', 'socks5h:': 'socks',
};

function checkText(text: string, what: string): string {
  if (text.length > MAX_PROXY_TEXT) throw new ProxyConfigError(`the ${what} is too long (${text.length} characters, at most ${MAX_PROXY_TEXT})`);
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\u0000-\u001f\u007f]/.test(text)) throw new ProxyConfigError(`the ${what} contains control characters`);
  return text.trim();
}

/** A URL without its credentials, for messages and logs. */
export function proxyLabel(url: URL): string {
  return `${url.protocol}//${url.host}`;
}

/**
 * A proxy URL as typed: `http://proxy:3128`, `socks5://user:pa%40ss@10.0.0.1:1080`, or a bare
 * `proxy:3128` (taken as http). Credentials stay percent-encoded in the URL (the agents decode them).
 */
export function parseProxyUrl(input: string): URL {
  const text = checkText(input, 'proxy URL');
  if (text === '') throw new ProxyConfigError('the proxy URL is empty');
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new ProxyConfigError('the proxy URL is not a valid URL (expected e.g. http://proxy.example.com:3128)');
  }
  const kind = SCHEMES[url.protocol];
  if (!kind) throw new ProxyConfigError(`the proxy URL scheme "${url.protocol.slice(0, 20)}" is not supported (use http, https, socks4 or socks5)`);
  if (url.hostname === '') throw new ProxyConfigError('the proxy URL has no host');
  if ((url.pathname !== '/' && url.pathname !== '') || url.search !== '' || url.hash !== '') {
    throw new ProxyConfigError('the proxy URL must be only scheme, host and port (no path, query or fragment)');
  }
  try {
    decodeURIComponent(url.username);
    decodeURIComponent(url.password);
  } catch {
    throw new ProxyConfigError('the proxy URL has badly percent-encoded credentials');
  }
  if (url.port === '') url.port = url.protocol === 'https:' ? '443' : kind === 'socks' ? '1080' : '80';
  return url;
}

export function choiceForUrl(url: URL): ProxyChoice {
  const kind = SCHEMES[url.protocol];
  if (!kind) throw new ProxyConfigError(`unsupported proxy scheme ${url.protocol}`);
  return { kind, url };
}

const PAC_TYPES: Record<string, string> = { PROXY: 'http:', HTTP: 'http:', HTTPS: 'https:', SOCKS: 'socks4:', SOCKS4: 'socks4:', SOCKS5: 'socks5:' };

/**
 * Chromium's proxy list, as `session.resolveProxy()` and PAC `FindProxyForURL` return it:
 * entries separated by `;`, each `DIRECT` or `<TYPE> host:port` (PROXY, HTTPS, SOCKS, SOCKS4,
 * SOCKS5). Unknown types (QUIC…) are skipped as Chromium does; a list with no usable entry, or a
 * malformed entry, throws. An empty string means DIRECT (what resolveProxy returns for no proxy).
 */
export function parseProxyList(result: string): ProxyChoice[] {
  const text = checkText(result, 'proxy list');
  if (text === '') return [{ kind: 'direct' }];
  const out: ProxyChoice[] = [];
  for (const raw of text.split(';')) {
    const entry = raw.trim();
    if (entry === '') continue;
    const [type = '', hostPort, ...rest] = entry.split(/\s+/);
    const upper = type.toUpperCase();
    if (upper === 'DIRECT' && hostPort === undefined) {
      out.push({ kind: 'direct' });
      continue;
    }
    const scheme = PAC_TYPES[upper];
    if (!scheme) continue;
    if (hostPort === undefined || rest.length > 0 || !/^(\[[0-9a-f:.]+\]|[a-z0-9.-]+):\d{1,5}$/i.test(hostPort)) {
      throw new ProxyConfigError(`the proxy list entry "${entry.slice(0, 80)}" is malformed (expected e.g. "PROXY proxy.example.com:3128")`);
    }
    out.push(choiceForUrl(parseProxyUrl(`${scheme}//${hostPort}`)));
  }
  if (out.length === 0) throw new ProxyConfigError(`the proxy list "${text.slice(0, 80)}" has no usable entry`);
  return out;
}

function env(vars: Readonly<Record<string, string | undefined>>, name: string): string | undefined {
  const v = vars[name.toLowerCase()] ?? vars[name.toUpperCase()];
  return v === undefined || v.trim() === '' ? undefined : v;
}

/** True when `host:port` matches a NO_PROXY list (curl rules: `*`, exact, `.suffix`/suffix, optional `:port`). */
export function matchesNoProxy(noProxy: string, hostname: string, port: number): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  for (const raw of checkText(noProxy, 'NO_PROXY list').split(/[,\s]+/)) {
    const item = raw.trim().toLowerCase();
    if (item === '') continue;
    if (item === '*') return true;
    // [v6]:port, [v6], bare v6 (two or more colons: no port), name:port, name
    const bracket = /^\[([^\]]*)\](?::(\d+))?$/.exec(item);
    const plainPort = bracket || (item.match(/:/g)?.length ?? 0) > 1 ? null : /^(.*):(\d+)$/.exec(item);
    const name = (bracket?.[1] ?? plainPort?.[1] ?? item).replace(/^\*?\./, '');
    const p = bracket?.[2] ?? plainPort?.[2];
    if (p !== undefined && Number(p) !== port) continue;
    if (host === name || host.endsWith(`.${name}`)) return true;
  }
  return false;
}

/**
 * The proxy the environment names for `target` (http/https/ws/wss), or undefined for direct.
 * HTTPS_PROXY for https/wss, HTTP_PROXY for http/ws, ALL_PROXY for both; NO_PROXY as curl: no
 * hidden localhost bypass, so an unset or empty NO_PROXY sends loopback through the proxy too.
 */
export function proxyFromEnv(target: string, vars: Readonly<Record<string, string | undefined>>): URL | undefined {
  const url = new URL(target);
  const secure = url.protocol === 'https:' || url.protocol === 'wss:';
  const port = url.port !== '' ? Number(url.port) : secure ? 443 : 80;
  const noProxy = env(vars, 'no_proxy');
  if (noProxy !== undefined && matchesNoProxy(noProxy, url.hostname, port)) return undefined;
  const raw = env(vars, secure ? 'https_proxy' : 'http_proxy') ?? env(vars, 'all_proxy');
  return raw === undefined ? undefined : parseProxyUrl(raw);
}
