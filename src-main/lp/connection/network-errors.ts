/**
 * What a failed exchange with no answer was, as a pure function of the error code (and message) the
 * transport reported: a certificate the client will not accept, a TLS/plain mismatch, or the network.
 * Certificate and TLS failures are not blips: retrying cannot help until something changes (a CA
 * trusted, the address corrected), so the connection stops retrying on them (connection.ts).
 *
 * Codes: Node's (OpenSSL's `DEPTH_ZERO_SELF_SIGNED_CERT`, `CERT_HAS_EXPIRED`,
 * `ERR_TLS_CERT_ALTNAME_INVALID`, `EPROTO`…) and Chromium's net errors as Electron reports them
 * (`ERR_CERT_AUTHORITY_INVALID`, `net::ERR_CERT_DATE_INVALID`, `ERR_SSL_PROTOCOL_ERROR`…), so a
 * transport on either stack gets the same `kind`. The `kind` values are stable: adapters build
 * their own words on them.
 */
import type { NetworkFailureKind } from '../base/errors';
import type { PresentedCertificate } from './proxy-errors';

export type { NetworkFailureKind } from '../base/errors';

export interface NetworkFailure {
  kind: NetworkFailureKind;
  /** The code it was classified from (`DEPTH_ZERO_SELF_SIGNED_CERT`…), when there was one. */
  code?: string;
  /** One plain sentence: what it is (no advice that only one front end can give, such as a flag). */
  words: string;
}

const UNTRUSTED = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'CERT_UNTRUSTED', 'CERT_REJECTED',
  'CERT_SIGNATURE_FAILURE', 'CERT_CHAIN_TOO_LONG', 'INVALID_CA', 'CERT_REVOKED',
  'ERR_CERT_AUTHORITY_INVALID', 'ERR_CERT_INVALID', 'ERR_CERT_REVOKED', 'ERR_CERT_WEAK_SIGNATURE_ALGORITHM',
  'ERR_CERT_SYMANTEC_LEGACY', 'ERR_CERT_CONTAINS_ERRORS', 'ERR_CERT_NON_UNIQUE_NAME', 'ERR_CERT_WEAK_KEY',
  'ERR_CERT_NAME_CONSTRAINT_VIOLATION', 'ERR_CERT_VALIDITY_TOO_LONG', 'ERR_CERTIFICATE_TRANSPARENCY_REQUIRED',
  'ERR_CERT_UNABLE_TO_CHECK_REVOCATION', 'ERR_CERT_NO_REVOCATION_MECHANISM', 'ERR_CERT_KNOWN_INTERCEPTION_BLOCKED',
]);
const EXPIRED = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'ERR_CERT_DATE_INVALID']);
const HOSTNAME = new Set(['ERR_TLS_CERT_ALTNAME_INVALID', 'HOSTNAME_MISMATCH', 'ERR_CERT_COMMON_NAME_INVALID']);
/** TLS spoken to a server that does not (or, on an http:// address, plain HTTP to one that does). */
const MISMATCH = new Set(['EPROTO', 'ERR_SSL_PROTOCOL_ERROR', 'ERR_SSL_VERSION_OR_CIPHER_MISMATCH', 'ERR_SSL_WRONG_VERSION_NUMBER']);

/** `net::ERR_CERT_DATE_INVALID` → `ERR_CERT_DATE_INVALID`; anything not code-like → undefined. */
function normaliseCode(code: string | undefined): string | undefined {
  const c = code?.trim().replace(/^net::/, '');
  return c && /^[A-Z0-9_]{3,64}$/.test(c) ? c : undefined;
}

/** A code inside a message, for transports that only give text ("… net::ERR_CERT_AUTHORITY_INVALID"). */
function codeInMessage(message: string | undefined): string | undefined {
  if (!message) return undefined;
  for (const m of message.matchAll(/(?:net::)?([A-Z][A-Z0-9_]{2,63})/g)) {
    const c = m[1];
    if (c && (UNTRUSTED.has(c) || EXPIRED.has(c) || HOSTNAME.has(c) || MISMATCH.has(c))) return c;
  }
  if (/wrong version number|packet length too long|unknown protocol/i.test(message)) return 'EPROTO';
  return undefined;
}

/**
 * Classifies a failure that produced no answer. `scheme` is the scheme of the address that was
 * tried: it tells "does not speak TLS" (https:// to plain HTTP) from "speaks TLS" (http:// to TLS).
 */
export function classifyNetworkError(failure: {
  code?: string | undefined; message?: string | undefined; scheme?: 'http' | 'https' | undefined;
  /** The certificate that was presented, when the transport could read it (proxy-agents.ts): its issuer is named. */
  presented?: PresentedCertificate | undefined;
}): NetworkFailure {
  const code = normaliseCode(failure.code);
  const known = code && (UNTRUSTED.has(code) || EXPIRED.has(code) || HOSTNAME.has(code) || MISMATCH.has(code)) ? code : codeInMessage(failure.message) ?? code;
  const tag = known ? ` (${known})` : '';
  const cert = failure.presented;
  if (known && UNTRUSTED.has(known)) {
    return {
      kind: 'cert-untrusted', code: known,
      words: cert
        ? `the server's certificate is not trusted${tag}: the connection is inspected with a certificate this computer does not trust: ${cert.issuer}`
        : `the server's certificate is not trusted${tag}: it is self-signed or issued by an authority this computer does not trust`,
    };
  }
  if (known && EXPIRED.has(known)) {
    return { kind: 'cert-expired', code: known, words: `the server's certificate has expired or is not valid yet${tag}${cert ? ` (${cert.subject}, issued by ${cert.issuer}, valid until ${cert.validTo})` : ''}` };
  }
  if (known && HOSTNAME.has(known)) {
    return { kind: 'cert-hostname', code: known, words: `the server's certificate is for another host name${tag}${cert ? ` (it was issued to ${cert.subject} by ${cert.issuer})` : ''}` };
  }
  if (known && MISMATCH.has(known)) {
    return failure.scheme === 'http'
      ? { kind: 'tls-mismatch', code: known, words: `the server speaks TLS${tag}: use its https:// address` }
      : { kind: 'tls-mismatch', code: known, words: `the server does not speak TLS${tag}: it answers plain HTTP (an http:// address, or the wrong port)` };
  }
  const detail = known ?? (failure.message?.trim() || 'no answer');
  return { kind: 'network', ...(known ? { code: known } : {}), words: `network error: ${detail}` };
}

/** True for the kinds that retrying cannot fix (a certificate or a TLS/plain mismatch). */
/** The certificate a failed handshake presented, as the agents attach it (on the error or its cause). */
export function presentedOf(err: unknown): PresentedCertificate | undefined {
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const c = (e as { presentedCertificate?: PresentedCertificate }).presentedCertificate;
    if (c && typeof c.issuer === 'string') return c;
  }
  return undefined;
}

export function isTlsFailure(kind: NetworkFailureKind | undefined): boolean {
  return kind !== undefined && kind !== 'network';
}
