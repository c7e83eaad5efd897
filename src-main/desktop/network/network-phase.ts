/**
 * The desktop's networking, set up once after ready: the proxy settings applied to the app's
 * session (`setProxy`, so REST through `session.fetch` and the socket's `resolveProxy` follow them)
 * and re-applied at once on a change, with a reconnect; the Transport the core uses
 * (desktop-transport.ts) trusting the added certificates on the socket and, through the session's
 * certificate verify proc, on REST (certificate-verify.ts); the route and certificate issuer of the
 * last socket for Diagnostics.
 */
import type { ProxyConfig } from 'electron';
import type { Settings } from '../../../src-preload/api';
import type { Transport } from '../../lp';
import { createCertificateVerifyProc, createRefusedCertificates, type VerifyRequest } from './certificate-verify';
import { createDesktopTransport, type NetSessionLike } from './desktop-transport';
import type { ProxyCredentialStore } from './proxy-credentials';
import { networkSettingsOf, proxyConfigOf, type NetworkSettings } from './proxy-config';
import { socketTrust } from './trust';

export interface NetworkSessionLike extends NetSessionLike {
  setProxy(config: ProxyConfig): Promise<void>;
  /** REST trusting the added certificates (certificate-verify.ts); absent in tests that do not need it. */
  setCertificateVerifyProc?(proc: ((request: VerifyRequest, callback: (result: number) => void) => void) | null): void;
}

export interface NetworkPhase {
  transport: Transport;
  /** Applies the settings' proxy (validated first: a bad one is refused and changes nothing). */
  apply(settings: Settings): Promise<void>;
  /** "DIRECT", "PROXY host:port"… of the last socket, for Diagnostics; null before the first. */
  socketRoute(): string | null;
  /** The issuer of the certificate the last socket was shown (CN, O), for Diagnostics; null before a TLS socket. */
  socketIssuer(): string | null;
  /** The proxy settings in effect (the policy's over the user's), in words for Diagnostics. */
  describe(settings: Settings): string;
}

export function createNetworkPhase(deps: {
  session: NetworkSessionLike;
  /** Certificates the user or IT added (PEM). */
  addedCertificates(): string[];
  /** Proxy credentials shared with REST's `app.on('login')` (proxy-credentials.ts). */
  credentials?: ProxyCredentialStore;
  /** Forces values over the user's (the IT policy: policy/apply-policy.ts networkUnderPolicy). */
  override?(n: NetworkSettings): NetworkSettings;
  log(message: string): void;
}): NetworkPhase {
  let route: string | null = null;
  let issuer: string | null = null;
  let applied: string | null = null;
  const refusedCertificates = createRefusedCertificates();
  deps.session.setCertificateVerifyProc?.(createCertificateVerifyProc({ added: deps.addedCertificates, log: deps.log, refused: refusedCertificates.record }));
  const transport = createDesktopTransport({
    session: deps.session,
    trustedCa: socketTrust(deps.addedCertificates, deps.log),
    ...(deps.credentials ? { askCredentials: deps.credentials.ask, credentialsRefused: deps.credentials.refused } : {}),
    refusedCertificate: refusedCertificates.get,
    onSocketRoute: (r) => { route = r; },
    onSocketCertificate: (c) => { issuer = c.issuer; },
    log: deps.log,
  });
  return {
    transport,
    async apply(settings) {
      const user: NetworkSettings = networkSettingsOf(settings);
      const n = deps.override ? deps.override(user) : user;
      const config = proxyConfigOf(n);
      const key = JSON.stringify(config);
      if (key === applied) return;
      await deps.session.setProxy(config);
      applied = key;
      deps.log(`proxy: ${config.mode}${config.proxyRules ? ` ${config.proxyRules}` : ''}${config.proxyBypassRules ? ` (bypass ${config.proxyBypassRules})` : ''}`);
    },
    socketRoute: () => route,
    socketIssuer: () => issuer,
    describe(settings) {
      const user = networkSettingsOf(settings);
      const n = deps.override ? deps.override(user) : user;
      const locked = deps.override !== undefined && JSON.stringify(n) !== JSON.stringify(user) ? ' (set by your organisation)' : '';
      if (n.proxyMode === 'system') return `system settings${locked}`;
      if (n.proxyMode === 'none') return `none (direct)${locked}`;
      return `manual ${n.proxyUrl}${n.proxyBypass ? `, bypass ${n.proxyBypass}` : ''}${locked}`;
    },
  };
}

/** True when a settings change touches the network (then apply + reconnect). */
export function networkChanged(next: Settings, previous: Settings): boolean {
  const a = networkSettingsOf(next);
  const b = networkSettingsOf(previous);
  return a.proxyMode !== b.proxyMode || a.proxyUrl !== b.proxyUrl || a.proxyBypass !== b.proxyBypass;
}
