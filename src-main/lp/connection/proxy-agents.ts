/**
 * `http.Agent`s for one proxy choice (proxy.ts): DIRECT, an HTTP(S) proxy tunnelling with CONNECT
 * (https-proxy-agent) or SOCKS (socks-proxy-agent). Used for REST in headless mode and for the
 * socket everywhere. Each agent:
 * - verifies certificates as Node does, against the `ca` of the request (never switched off);
 * - turns a proxy that cannot be reached, answers 403/other to CONNECT, or wants credentials (407)
 *   into a ProxyError in plain words (network-errors.ts) instead of a fake HTTP response;
 * - when certificate verification fails, reads the certificate that was presented (before the socket
 *   is destroyed) and attaches it to the error, so the message can name its issuer.
 */
import type * as http from 'node:http';
import * as net from 'node:net';
import * as tls from 'node:tls';
import { Agent, type AgentConnectOpts } from 'agent-base';
import { HttpsProxyAgent } from 'https-proxy-agent';
import { SocksProxyAgent } from 'socks-proxy-agent';
import { PROXY_BLOCKS, ProxyError, presentedCertificate, type PresentedCertificate } from './proxy-errors';
import { proxyLabel, type ProxyChoice } from './proxy';

/** Credentials for a proxy that answered 407; undefined = none to give (the request fails). */
export type ProxyCredentialsAsker = (proxy: string, previousRefused: boolean) => Promise<{ username: string; password: string } | undefined>;

export interface AgentOptions {
  /** CA certificates (PEM) for an `https:` proxy itself; the destination's come with each request. */
  ca?: string[];
  /** Asked on a 407 when the proxy URL carries no credentials or they were refused. */
  askCredentials?: ProxyCredentialsAsker;
  /** The proxy refused the credentials `askCredentials` gave (so the asker can forget them). */
  credentialsRefused?(proxy: string): void;
  /** Told the certificate the destination presented on every TLS connection that was verified (Diagnostics). */
  onPeerCertificate?(cert: PresentedCertificate): void;
}

/** Hooks `destroy` so a verification failure carries the presented certificate. */
function watchTls<S extends tls.TLSSocket>(socket: S, onPeer?: (cert: PresentedCertificate) => void): S {
  if (onPeer) {
    socket.once('secureConnect', () => {
      const cert = socket.authorized ? presentedCertificate(socket.getPeerCertificate(false)) : undefined;
      if (cert) onPeer(cert);
    });
  }
  const destroy = socket.destroy.bind(socket);
  socket.destroy = (err?: Error): S => {
    if (err && !('presentedCertificate' in err)) {
      try {
        const cert = presentedCertificate(socket.getPeerCertificate(false));
        if (cert) Object.assign(err, { presentedCertificate: cert });
      } catch { /* the handle is gone: no certificate to name */ }
    }
    return destroy(err);
  };
  return socket;
}

function watch<T>(socket: T, onPeer?: (cert: PresentedCertificate) => void): T {
  return socket instanceof tls.TLSSocket ? watchTls(socket, onPeer) : socket;
}

/** DIRECT: plain TCP or TLS to the destination. */
class DirectAgent extends Agent {
  constructor(private readonly onPeer?: (cert: PresentedCertificate) => void) {
    super();
  }

  connect(_req: http.ClientRequest, opts: AgentConnectOpts): net.Socket {
    if (opts.secureEndpoint) {
      const { host } = opts;
      const servername = opts.servername ?? (host && !net.isIP(host) ? host : undefined);
      return watchTls(tls.connect({ ...opts, ...(servername ? { servername } : {}) }), this.onPeer);
    }
    return net.connect(opts);
  }
}

function basic(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}

/** An HTTP(S) proxy: CONNECT, then TLS to the destination when it is https/wss. */
class ConnectAgent extends HttpsProxyAgent<string> {
  private readonly label: string;
  private refusedOnce = false;
  private readonly onRefused: ((proxy: string) => void) | undefined;
  private readonly onPeer: ((cert: PresentedCertificate) => void) | undefined;

  constructor(url: URL, opts: AgentOptions) {
    const ask = opts.askCredentials;
    super(url, {
      ...(opts.ca ? { ca: opts.ca } : {}),
      ...(ask ? {
        onProxyAuth: async () => {
          const given = await ask(proxyLabel(url), this.refusedOnce || url.username !== '');
          return { headers: given ? { 'Proxy-Authorization': basic(given.username, given.password) } : {} };
        },
      } : {}),
    });
    this.label = proxyLabel(url);
    this.onRefused = opts.credentialsRefused;
    this.onPeer = opts.onPeerCertificate;
  }

  override async connect(req: http.ClientRequest, opts: AgentConnectOpts): Promise<net.Socket> {
    let status = 0;
    req.on('proxyConnect', (c: { statusCode: number }) => { status = c.statusCode; });
    let socket: net.Socket;
    try {
      socket = await super.connect(req, opts);
    } catch (err) {
      if (status === 407) {
        this.refusedOnce = true;
        this.onRefused?.(this.label);
        throw new ProxyError(`the proxy ${this.label} refused the user name and password (407); check them`, 'proxy-auth', this.label, 407);
      }
      if (status !== 0) throw new ProxyError(`the proxy ${this.label} refused the connection (${status})`, 'proxy-blocked', this.label, status);
      const code = (err as { code?: string }).code ?? (err as Error).message;
      throw new ProxyError(`the proxy ${this.label} cannot be reached (${code}); check the proxy setting, or ask IT`, 'proxy-unreachable', this.label);
    }
    if (status === 200) {
      this.refusedOnce = false;
      return watch(socket, this.onPeer);
    }
    socket.destroy();
    if (status === 407) {
      this.refusedOnce = true;
      const msg = this.proxy.username !== ''
        ? `the proxy ${this.label} refused the user name and password (407); check them`
        : `the proxy ${this.label} asks for a user name and password (407)`;
      throw new ProxyError(msg, 'proxy-auth', this.label, 407);
    }
    if (status === 403) throw new ProxyError(`${PROXY_BLOCKS} (the proxy ${this.label} answered 403 to CONNECT ${opts.host ?? ''}:${opts.port})`, 'proxy-blocked', this.label, 403);
    throw new ProxyError(`the proxy ${this.label} refused the connection to ${opts.host ?? ''}:${opts.port} (${status})`, 'proxy-blocked', this.label, status);
  }
}

class SocksAgent extends SocksProxyAgent {
  private readonly label: string;

  constructor(url: URL, private readonly onPeer?: (cert: PresentedCertificate) => void) {
    super(url);
    this.label = proxyLabel(url);
  }

  override async connect(req: http.ClientRequest, opts: AgentConnectOpts): Promise<net.Socket> {
    try {
      return watch(await super.connect(req, opts), this.onPeer);
    } catch (err) {
      const text = err instanceof Error ? err.message : String(err);
      if (/ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ETIMEDOUT|timed out/i.test(text)) {
        throw new ProxyError(`the proxy ${this.label} cannot be reached (${text.slice(0, 120)}); check the proxy setting, or ask IT`, 'proxy-unreachable', this.label);
      }
      throw new ProxyError(`${PROXY_BLOCKS} (the SOCKS proxy ${this.label} refused: ${text.slice(0, 120)})`, 'proxy-blocked', this.label);
    }
  }
}

/** The agent for one choice. Agents keep no connections alive (one per request/socket). */
export function agentFor(choice: ProxyChoice, opts: AgentOptions = {}): http.Agent {
  switch (choice.kind) {
    case 'direct': return new DirectAgent(opts.onPeerCertificate);
    case 'http': return new ConnectAgent(choice.url, opts);
    case 'socks': return new SocksAgent(choice.url, opts.onPeerCertificate);
  }
}
