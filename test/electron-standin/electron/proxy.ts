/**
 * The stand-in's model of an Electron session's network: `setProxy`, `resolveProxy` and `fetch`,
 * faithful to Electron's documentation where this machine cannot run Chromium's network stack:
 * - setProxy(ProxyConfig) — https://www.electronjs.org/docs/latest/api/session#sessetproxyconfig and
 *   https://www.electronjs.org/docs/latest/api/structures/proxy-config: modes `direct`,
 *   `fixed_servers` (`proxyRules` "[scheme=]proxy-uri;…", proxy-uri "[scheme://]host[:port]";
 *   `proxyBypassRules` comma-separated, `<local>`, and `<-loopback>` which removes Chromium's
 *   implicit loopback bypass), `pac_script` (the PAC at `pacScript`, data: or http(s) URL, run by
 *   pac-resolver in a QuickJS sandbox), `system` (modelled by the proxy environment, as Chromium
 *   reads it on Linux without a desktop proxy setting); the mode defaults as documented.
 * - resolveProxy(url) — https://www.electronjs.org/docs/latest/api/session#sesresolveproxyurl: a
 *   Chromium proxy list ("PROXY h:p", "SOCKS5 h:p", "HTTPS h:p", "DIRECT").
 * - fetch — https://www.electronjs.org/docs/latest/api/net#netfetchinput-init: through the resolved
 *   proxy (the core's agents); a 407 asks `app`'s 'login' event (authInfo.isProxy = true,
 *   webContents null: https://www.electronjs.org/docs/latest/api/app#event-login); credentials the
 *   proxy refuses bring the challenge back on the same request, as in Chromium (at most 10 rounds here);
 *   failures reject with Chromium's `net::ERR_*` names. Trust: Node's roots plus the PEM file in
 *   STANDIN_SYSTEM_CA (the "OS store" of this model).
 * - setCertificateVerifyProc — https://www.electronjs.org/docs/latest/api/session#sessetcertificateverifyprocproc:
 *   when verification fails, the proc gets `{hostname, certificate (the presented chain as Electron's
 *   Certificate, issuerCert linked), verificationResult, errorCode}` (-202 authority, -201 date, -200
 *   name); 0 accepts — the request is made again and goes on only if the server presents exactly that
 *   leaf —, -2 / -3 keep the failure. Not modelled: the proc's calls for certificates Chromium accepted.
 * Certificate verification is never disabled: the only unverified connection reads the presented
 * chain to hand it to the proc, and carries no request.
 */
import { readFileSync } from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import { createRequire } from 'node:module';
import { createHash, X509Certificate } from 'node:crypto';
import { rootCertificates, type DetailedPeerCertificate, type TLSSocket } from 'node:tls';
import { createPacResolver } from 'pac-resolver';
import { QuickJS } from 'quickjs-wasi';
import { ProxyError, agentFor, explainNetworkError, matchesNoProxy, parseProxyList, proxyFromEnv, type ProxyChoice } from '../../../src-main/lp/index';

type LoginCallback = (username?: string, password?: string) => void;
type VerifyProc = (request: Electron.Request, callback: (verificationResult: number) => void) => void;
/** What the session asks the app for (app.ts emits 'login'). */
export type LoginAsker = (authInfo: Electron.AuthInfo, callback: LoginCallback) => boolean;

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

interface FixedRules { rules: Map<string, string[]>; any: string[]; bypass: string[]; loopbackProxied: boolean }

/** "[scheme=]proxy-uri" → a Chromium proxy-list entry. */
function entryOf(uri: string): string {
  const m = /^(?:([a-z0-9]+):\/\/)?([^/:]+|\[[^\]]+\])(?::(\d+))?$/i.exec(uri.trim());
  if (!m) throw new Error(`invalid proxy rule "${uri}"`);
  const scheme = (m[1] ?? 'http').toLowerCase();
  const type = scheme === 'http' ? 'PROXY' : scheme === 'https' ? 'HTTPS' : scheme === 'socks4' ? 'SOCKS' : scheme.startsWith('socks') ? 'SOCKS5' : null;
  if (!type) throw new Error(`invalid proxy scheme "${scheme}"`);
  const port = m[3] ?? (scheme === 'https' ? '443' : scheme.startsWith('socks') ? '1080' : '80');
  return `${type} ${m[2]}:${port}`;
}

function parseFixed(proxyRules: string, bypassRules: string): FixedRules {
  const rules = new Map<string, string[]>();
  const any: string[] = [];
  for (const part of proxyRules.split(';').map((p) => p.trim()).filter(Boolean)) {
    const eq = part.indexOf('=');
    if (eq > 0 && !part.slice(0, eq).includes('/')) {
      const scheme = part.slice(0, eq).toLowerCase();
      rules.set(scheme, [...(rules.get(scheme) ?? []), ...part.slice(eq + 1).split(',').map(entryOf)]);
    } else {
      any.push(...part.split(',').map(entryOf));
    }
  }
  const items = bypassRules.split(/[,;]/).map((b) => b.trim()).filter(Boolean);
  return { rules, any, bypass: items.filter((b) => b !== '<-loopback>'), loopbackProxied: items.includes('<-loopback>') };
}

export class StandinNetwork {
  private config: Electron.ProxyConfig = { mode: 'system' };
  private fixed: FixedRules | null = null;
  private pac: ((url: string) => Promise<string>) | null = null;
  private readonly extraCa: string[];
  /** Chromium's proxy auth cache: credentials the proxy accepted are sent again without asking. */
  private readonly authCache = new Map<string, { username: string; password: string }>();
  private verifyProc: VerifyProc | null = null;

  constructor(private readonly env: NodeJS.ProcessEnv, private readonly askLogin: LoginAsker) {
    const file = env.STANDIN_SYSTEM_CA;
    this.extraCa = file ? [readFileSync(file, 'utf8')] : [];
  }

  async setProxy(config: Electron.ProxyConfig): Promise<void> {
    const mode = config.mode ?? (config.pacScript ? 'pac_script' : 'fixed_servers');
    if (mode === 'auto_detect') throw new Error('auto_detect (WPAD) is not modelled by the stand-in');
    const fixed = mode === 'fixed_servers' ? parseFixed(config.proxyRules ?? '', config.proxyBypassRules ?? '') : null;
    let pac: ((url: string) => Promise<string>) | null = null;
    if (mode === 'pac_script') {
      const src = config.pacScript ?? '';
      const text = await (await fetch(src)).text(); // data: or http(s) URL, as Chromium takes it
      const find = createPacResolver(await QuickJS.create({ wasm: readFileSync(createRequire(import.meta.url).resolve('quickjs-wasi/quickjs.wasm')) }), text);
      pac = (url) => find(url);
    }
    this.config = { ...config, mode };
    this.fixed = fixed;
    this.pac = pac;
  }

  async resolveProxy(url: string): Promise<string> {
    const u = new URL(url);
    const mode = this.config.mode;
    if (mode === 'direct') return 'DIRECT';
    if (mode === 'pac_script' && this.pac) return this.pac(u.href);
    if (mode === 'fixed_servers' && this.fixed) {
      const f = this.fixed;
      if (!f.loopbackProxied && LOOPBACK.has(u.hostname)) return 'DIRECT';
      const port = Number(u.port || (u.protocol === 'https:' ? 443 : 80));
      if (f.bypass.some((b) => (b === '<local>' ? !u.hostname.includes('.') : matchesNoProxy(b, u.hostname, port)))) return 'DIRECT';
      const list = f.rules.get(u.protocol.replace(':', '')) ?? f.any;
      return list.length > 0 ? list.join(';') : 'DIRECT';
    }
    // system: the proxy environment; Chromium bypasses loopback unless NO_PROXY says <-loopback>
    const noProxy = this.env.no_proxy ?? this.env.NO_PROXY ?? '';
    if (LOOPBACK.has(u.hostname) && !noProxy.includes('<-loopback>')) return 'DIRECT';
    const p = proxyFromEnv(u.href, { ...this.env, NO_PROXY: noProxy.replace('<-loopback>', ''), no_proxy: undefined });
    return p ? entryOf(`${p.protocol}//${p.host}`) : 'DIRECT';
  }

  /** session.setCertificateVerifyProc: null restores Chromium's own verification. */
  setCertificateVerifyProc(proc: VerifyProc | null): void {
    this.verifyProc = proc;
  }

  async fetch(input: string | Request, init?: RequestInit): Promise<Response> {
    const url = new URL(typeof input === 'string' ? input : input.url);
    const choice: ProxyChoice = parseProxyList(await this.resolveProxy(url.href))[0] ?? { kind: 'direct' };
    try {
      // A proxy refusing credentials it was given challenges again, and Chromium asks 'login' again for
      // the same request (until the app cancels); bounded here so a broken test cannot spin.
      for (let attempt = 1; ; attempt++) {
        try {
          return await this.fetchOnce(url, choice, init, null);
        } catch (err) {
          if (!(err as { proxyAuthSent?: boolean }).proxyAuthSent || attempt >= 10) throw err;
        }
      }
    } catch (err) {
      const kind = (err as { chromiumCode?: number }).chromiumCode;
      const proc = this.verifyProc;
      if (kind === undefined || !proc || url.protocol !== 'https:') throw err;
      // Chromium refused the certificate: the app's verify proc decides (0 accept, -2 fail, -3 Chromium's result).
      const chain = await this.presentedChain(url, choice);
      if (!chain) throw err;
      const verdict = await new Promise<number>((resolve) => {
        proc({
          hostname: url.hostname, certificate: chain, validatedCertificate: chain, isIssuedByKnownRoot: false,
          verificationResult: (err as Error).message, errorCode: kind,
        }, resolve);
      });
      if (verdict !== 0) throw err;
      return this.fetchOnce(url, choice, init, chain.fingerprint);
    }
  }

  /** The chain the server presents (read without verifying, only to show it to the verify proc). */
  private presentedChain(url: URL, choice: ProxyChoice): Promise<Electron.Certificate | null> {
    const agent = agentFor(choice, { ca: [...rootCertificates, ...this.extraCa] });
    return new Promise((resolve) => {
      const req = https.request(url, { method: 'HEAD', agent, rejectUnauthorized: false }, (res) => { res.resume(); });
      req.on('socket', (socket) => {
        socket.once('secureConnect', () => {
          resolve(electronCertificate((socket as TLSSocket).getPeerCertificate(true)));
          req.destroy();
        });
      });
      req.on('error', () => resolve(null));
      req.end();
    });
  }

  /**
   * One request through the proxy. `acceptedLeaf`: the verify proc accepted this leaf (SHA-256,
   * Chromium's `sha256/…` fingerprint form) — the connection goes on only when the server presents exactly it.
   */
  private fetchOnce(url: URL, choice: ProxyChoice, init: RequestInit | undefined, acceptedLeaf: string | null): Promise<Response> {
    const ca = [...rootCertificates, ...this.extraCa];
    let authSent = false;
    const askCredentials = (proxy: string): Promise<{ username: string; password: string } | undefined> => new Promise((resolve) => {
      const cached = this.authCache.get(proxy);
      if (cached) {
        authSent = true;
        resolve(cached);
        return;
      }
      const p = new URL(proxy);
      const handled = this.askLogin({ isProxy: true, scheme: 'basic', host: p.hostname, port: Number(p.port), realm: '' }, (username, password) => {
        const given = username !== undefined && password !== undefined ? { username, password } : undefined;
        if (given) {
          this.authCache.set(proxy, given);
          authSent = true;
        }
        resolve(given);
      });
      if (!handled) resolve(undefined);
    });
    const agent = agentFor(choice, { ca, askCredentials, credentialsRefused: (proxy) => this.authCache.delete(proxy) });
    const headers = new Headers(init?.headers);
    const body = bodyBytes(init?.body);
    return new Promise<Response>((resolve, reject) => {
      const mod = url.protocol === 'https:' ? https : http;
      const req = mod.request(url, {
        method: init?.method ?? 'GET', agent, ca, signal: init?.signal ?? undefined,
        ...(acceptedLeaf !== null ? { rejectUnauthorized: false } : {}),
        headers: { ...Object.fromEntries(headers), ...(body !== undefined ? { 'content-length': String(body.length) } : {}) },
      }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const h = new Headers();
          for (const [k, v] of Object.entries(res.headers)) for (const one of Array.isArray(v) ? v : v === undefined ? [] : [v]) h.append(k, one);
          resolve(new Response(res.statusCode === 204 ? null : Buffer.concat(chunks), { status: res.statusCode ?? 0, headers: h }));
        });
      });
      if (acceptedLeaf !== null) {
        req.on('socket', (socket) => {
          socket.once('secureConnect', () => {
            if (electronCertificate((socket as TLSSocket).getPeerCertificate(true))?.fingerprint !== acceptedLeaf) req.destroy(new Error('net::ERR_CERT_AUTHORITY_INVALID'));
          });
        });
      }
      req.on('error', (err) => reject(Object.assign(chromiumError(err), err instanceof ProxyError && err.kind === 'proxy-auth' && authSent ? { proxyAuthSent: true } : {})));
      if (body !== undefined) req.write(body);
      req.end();
    });
  }
}

/**
 * A fetch body as bytes: text, an ArrayBuffer or a view of one (a file upload) — BodyInit as the Fetch
 * standard that net.fetch follows takes them. Streams, Blobs and forms are not modelled: refused loudly.
 */
function bodyBytes(body: RequestInit['body']): Buffer | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  throw new Error('stand-in net.fetch: only string and byte bodies are modelled');
}


/** Chromium's net error numbers for the certificate failures (net/base/net_error_list.h). */
const CERT_ERRORS: Record<string, [string, number]> = {
  'cert-untrusted': ['ERR_CERT_AUTHORITY_INVALID', -202], 'cert-expired': ['ERR_CERT_DATE_INVALID', -201], 'cert-hostname': ['ERR_CERT_COMMON_NAME_INVALID', -200],
};

/** Node's failure as Chromium's net::ERR_* (what net.fetch rejects with); a certificate failure also carries its number for the verify proc. */
function chromiumError(err: Error): Error {
  if (err.name === 'AbortError') return err;
  if (/^net::ERR_/.test(err.message)) return new Error(err.message);
  const p = explainNetworkError(err);
  if (err instanceof ProxyError) {
    return new Error(`net::${{ 'proxy-unreachable': 'ERR_PROXY_CONNECTION_FAILED', 'proxy-blocked': 'ERR_TUNNEL_CONNECTION_FAILED', 'proxy-auth': 'ERR_PROXY_AUTH_REQUESTED' }[err.kind]}`);
  }
  const cert = CERT_ERRORS[p.kind];
  if (cert) return Object.assign(new Error(`net::${cert[0]}`), { chromiumCode: cert[1] });
  return new Error('net::ERR_CONNECTION_REFUSED');
}

function principal(p: Record<string, string | string[] | undefined> | undefined): Electron.CertificatePrincipal {
  const one = (k: string): string => { const v = p?.[k]; return Array.isArray(v) ? v[0] ?? '' : v ?? ''; };
  const all = (k: string): string[] => { const v = p?.[k]; return Array.isArray(v) ? v : v ? [v] : []; };
  return { commonName: one('CN'), organizations: all('O'), organizationUnits: all('OU'), locality: one('L'), state: one('ST'), country: one('C') };
}

/** Node's peer certificate chain as Electron's `Certificate` (docs api/structures/certificate). */
function electronCertificate(peer: DetailedPeerCertificate | undefined, depth = 0): Electron.Certificate | null {
  if (!peer?.raw || depth > 10) return null;
  const data = `-----BEGIN CERTIFICATE-----\n${peer.raw.toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`;
  const x = new X509Certificate(peer.raw);
  const next = peer.issuerCertificate && peer.issuerCertificate !== peer && peer.issuerCertificate.raw && !peer.issuerCertificate.raw.equals(peer.raw)
    ? electronCertificate(peer.issuerCertificate, depth + 1) : null;
  const subject = principal(peer.subject as unknown as Record<string, string>);
  const issuer = principal(peer.issuer as unknown as Record<string, string>);
  return {
    data, subject, issuer, subjectName: subject.commonName, issuerName: issuer.commonName,
    serialNumber: peer.serialNumber, validStart: Date.parse(x.validFrom) / 1000, validExpiry: Date.parse(x.validTo) / 1000,
    fingerprint: `sha256/${createHash('sha256').update(peer.raw).digest('base64')}`,
    // Electron gives the issuer chain; at the top it is absent in practice (typed as always present).
    issuerCert: next as Electron.Certificate,
  };
}
