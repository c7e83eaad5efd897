/**
 * Proxy refusals, and network failures of Chromium's stack (net.fetch), in plain words (issue 11
 * item 4; the core's own classifier of Node failures is network-errors.ts): the proxy cannot be reached, refuses the
 * destination (403 on CONNECT) or wants credentials (407); the certificate is untrusted (naming its
 * issuer, as in TLS inspection), expired, or for another host. Knows Node's codes and Chromium's
 * `net::ERR_*` names. Pure. The agents (proxy-agents.ts) attach the proxy and the presented
 * certificate to the errors they raise, which is where the issuer name comes from.
 */

export type NetworkProblemKind =
  | 'proxy-unreachable' | 'proxy-blocked' | 'proxy-auth' | 'cert-untrusted' | 'cert-expired' | 'cert-hostname' | 'network';

/** What an agent knows about the certificate the server (or an inspecting proxy) presented. */
export interface PresentedCertificate {
  issuer: string;
  subject: string;
  validTo: string;
}

/** An error raised by the proxy agents, with what they know. */
export class ProxyError extends Error {
  override readonly name = 'ProxyError';
  constructor(
    message: string,
    readonly kind: 'proxy-unreachable' | 'proxy-blocked' | 'proxy-auth',
    /** `http://host:port` of the proxy, never its credentials. */
    readonly proxy: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

export interface NetworkProblem {
  kind: NetworkProblemKind;
  message: string;
}

const UNTRUSTED = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'CERT_UNTRUSTED', 'CERT_SIGNATURE_FAILURE', 'CERT_REJECTED',
  'ERR_CERT_AUTHORITY_INVALID', 'ERR_CERT_INVALID',
]);
const EXPIRED = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'ERR_CERT_DATE_INVALID']);
const HOSTNAME = new Set(['ERR_TLS_CERT_ALTNAME_INVALID', 'ERR_CERT_COMMON_NAME_INVALID', 'HOSTNAME_MISMATCH']);

const UNTRUSTED_PREFIX = 'the connection is inspected with a certificate this computer does not trust';
export const PROXY_BLOCKS = "your network's proxy blocks LivePerson";

function codeOf(err: unknown): string {
  if (!err || typeof err !== 'object') return '';
  const o = err as { code?: unknown; errno?: unknown; message?: unknown };
  if (typeof o.code === 'string') return o.code;
  if (typeof o.errno === 'string') return o.errno;
  // Chromium (net.fetch) reports "net::ERR_CERT_DATE_INVALID" in the message.
  const m = typeof o.message === 'string' ? /net::(ERR_[A-Z_]+)/.exec(o.message) : null;
  return m?.[1] ?? '';
}

function certOf(err: unknown): PresentedCertificate | undefined {
  const c = (err as { presentedCertificate?: PresentedCertificate } | null)?.presentedCertificate;
  return c && typeof c.issuer === 'string' ? c : undefined;
}

/** The plain-words explanation of a network failure; `kind: 'network'` keeps the original text. */
export function explainNetworkError(err: unknown): NetworkProblem {
  if (err instanceof ProxyError) return { kind: err.kind, message: err.message };
  const cause = (err as { cause?: unknown } | null)?.cause;
  if (cause instanceof ProxyError) return { kind: cause.kind, message: cause.message };
  const code = codeOf(err);
  const cert = certOf(err);
  if (UNTRUSTED.has(code)) {
    return { kind: 'cert-untrusted', message: `${UNTRUSTED_PREFIX}: ${cert?.issuer ?? 'issuer unknown'}; ask IT, or add it in Settings` };
  }
  if (EXPIRED.has(code)) {
    const who = cert ? ` (${cert.subject}, issued by ${cert.issuer}, valid until ${cert.validTo})` : '';
    return { kind: 'cert-expired', message: `the server's certificate has expired or is not valid yet${who}; check the computer's clock, or ask IT` };
  }
  if (HOSTNAME.has(code)) {
    const who = cert ? ` (it was issued to ${cert.subject} by ${cert.issuer})` : '';
    return { kind: 'cert-hostname', message: `the server's certificate is for another host name${who}; the connection may be intercepted` };
  }
  if (code === 'ERR_PROXY_CONNECTION_FAILED') return { kind: 'proxy-unreachable', message: 'the proxy cannot be reached; check the proxy setting, or ask IT' };
  if (code === 'ERR_TUNNEL_CONNECTION_FAILED') return { kind: 'proxy-blocked', message: `${PROXY_BLOCKS} (the proxy refused the connection)` };
  if (code === 'ERR_PROXY_AUTH_UNSUPPORTED' || code === 'ERR_PROXY_AUTH_REQUESTED') {
    return { kind: 'proxy-auth', message: 'the proxy asks for a user name and password that were not given' };
  }
  return { kind: 'network', message: err instanceof Error ? err.message : String(err) };
}

function issuerText(name: unknown): string {
  if (!name || typeof name !== 'object') return 'unknown';
  const n = name as Record<string, unknown>;
  const parts = ['CN', 'O', 'OU'].map((k) => n[k]).filter((v): v is string => typeof v === 'string');
  return parts.length > 0 ? parts.join(', ').slice(0, 200) : 'unknown';
}

/** From a Node `getPeerCertificate()` result. */
export function presentedCertificate(peer: { issuer?: unknown; subject?: unknown; valid_to?: unknown } | null | undefined): PresentedCertificate | undefined {
  if (!peer || typeof peer !== 'object' || !('issuer' in peer)) return undefined;
  return { issuer: issuerText(peer.issuer), subject: issuerText(peer.subject), validTo: typeof peer.valid_to === 'string' ? peer.valid_to : 'unknown' };
}
