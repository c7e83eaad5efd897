/**
 * Headless networking (issue 11 item 5): the proxy from `--proxy URL` or the environment
 * (HTTPS_PROXY / HTTP_PROXY / ALL_PROXY / NO_PROXY, either case; curl's rules, so an empty NO_PROXY
 * sends loopback through the proxy too), credentials from the proxy URL (percent-decoded); extra
 * trusted certificates from `--ca FILE` and NODE_EXTRA_CA_CERTS, beside Node's roots. REST and the
 * socket go through the same agents. Bad input throws a clear error before anything connects.
 */
import { readFileSync } from 'node:fs';
import type { Agent } from 'node:http';
import {
  agentFor, choiceForUrl, createNodeTransport, matchesNoProxy, parsePemCertificates, parseProxyUrl, proxyFromEnv, proxyLabel, type Transport,
} from '../lp/index';

export interface HeadlessNetworkOptions {
  /** `--proxy URL`: every request through it (NO_PROXY still applies). */
  proxy?: string;
  /** `--ca FILE`. */
  caFile?: string;
  env: Readonly<Record<string, string | undefined>>;
}

export interface HeadlessNetwork {
  transport: Transport;
  /** Extra trusted certificates (PEM), for the log line. */
  trustedCa: string[];
  /** What was chosen, for one log line (no credentials). */
  describe(): string;
}

function readCa(file: string, what: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(`cannot read ${what} ${file} (${(err as NodeJS.ErrnoException).code ?? String(err)})`, { cause: err });
  }
  return parsePemCertificates(text, `${what} ${file}`).map((c) => c.pem);
}

export function createHeadlessNetwork(opts: HeadlessNetworkOptions): HeadlessNetwork {
  const { env } = opts;
  const fixed = opts.proxy !== undefined ? parseProxyUrl(opts.proxy) : undefined;
  // Validate the environment's proxies now, so a typo fails at start, not at the first request.
  for (const name of ['https_proxy', 'http_proxy', 'all_proxy']) {
    const v = env[name] ?? env[name.toUpperCase()];
    if (v !== undefined && v.trim() !== '') {
      try {
        parseProxyUrl(v);
      } catch (err) {
        throw new Error(`${name.toUpperCase()}: ${(err as Error).message}`, { cause: err });
      }
    }
  }
  const noProxy = env.no_proxy ?? env.NO_PROXY;
  if (noProxy !== undefined) matchesNoProxy(noProxy, 'localhost', 0);

  // With an explicit CA list Node no longer reads NODE_EXTRA_CA_CERTS itself, so add it here.
  const trustedCa = [
    ...(opts.caFile ? readCa(opts.caFile, 'CA file') : []),
    ...(opts.caFile && env.NODE_EXTRA_CA_CERTS ? readCa(env.NODE_EXTRA_CA_CERTS, 'NODE_EXTRA_CA_CERTS file') : []),
  ];

  const agents = new Map<string, Agent>();
  const proxyFor = (url: URL): URL | undefined => {
    if (!fixed) return proxyFromEnv(url.href, env);
    const secure = url.protocol === 'https:' || url.protocol === 'wss:';
    const port = url.port !== '' ? Number(url.port) : secure ? 443 : 80;
    return noProxy !== undefined && matchesNoProxy(noProxy, url.hostname, port) ? undefined : fixed;
  };
  const agentForUrl = (url: URL): Agent => {
    const proxy = proxyFor(url);
    const key = proxy?.href ?? 'DIRECT';
    let agent = agents.get(key);
    if (!agent) {
      agent = agentFor(proxy ? choiceForUrl(proxy) : { kind: 'direct' }, trustedCa.length > 0 ? { ca: trustedCa } : {});
      agents.set(key, agent);
    }
    return agent;
  };
  const transport = createNodeTransport({ ...(trustedCa.length > 0 ? { trustedCa } : {}), agentFor: agentForUrl });
  return {
    transport,
    trustedCa,
    describe: () => {
      const p = fixed ? `proxy ${proxyLabel(fixed)} (--proxy)` : 'proxy from the environment (HTTPS_PROXY/HTTP_PROXY/NO_PROXY) or direct';
      return `${p}; ${trustedCa.length} extra trusted certificate(s)`;
    },
  };
}
