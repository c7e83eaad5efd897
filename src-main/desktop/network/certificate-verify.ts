/**
 * REST (Chromium's stack) trusting the certificates the user or IT added, through
 * `session.setCertificateVerifyProc` (https://www.electronjs.org/docs/latest/api/session#sessetcertificateverifyprocproc):
 * Chromium verifies first; only when it refused for an unknown authority (`errorCode` -202,
 * ERR_CERT_AUTHORITY_INVALID) is the presented chain checked here against the added certificates —
 * every link signed by the next and valid now, every issuer a CA, the leaf for the host name, the
 * top of the chain issued by (or equal to) an added certificate. Then 0 (accept); in every other
 * case -3 (Chromium's own result stands). Nothing is ever accepted that Chromium refused for any
 * other reason (expired, wrong host, revoked…): verification is never loosened beyond the trust
 * anchors the user or IT chose.
 */
import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import type { PresentedCertificate } from '../../lp';

/** The slice of Electron's `Certificate` used here. */
export interface ChainCertificate {
  data: string;
  issuerCert?: ChainCertificate | null;
  issuer?: Principal;
  subject?: Principal;
  /** Seconds since the epoch (Electron's Certificate.validExpiry). */
  validExpiry?: number;
}

interface Principal {
  commonName: string;
  organizations: string[];
}

export interface VerifyRequest {
  hostname: string;
  certificate: ChainCertificate;
  errorCode: number;
}

export const ERR_CERT_AUTHORITY_INVALID = -202;
export const VERIFY_ACCEPT = 0;
export const VERIFY_USE_CHROMIUM = -3;

function validNow(c: X509Certificate, now: number): boolean {
  return Date.parse(c.validFrom) <= now && now <= Date.parse(c.validTo);
}

/** True when `leaf`'s chain (as presented) is anchored in one of `anchors` and valid for `hostname`. */
export function chainTrustedBy(hostname: string, leaf: ChainCertificate, anchors: readonly X509Certificate[], now: number): boolean {
  const chain: X509Certificate[] = [];
  for (let c: ChainCertificate | null | undefined = leaf; c && chain.length < 10; c = c.issuerCert) {
    try {
      const x = new X509Certificate(c.data);
      if (chain.at(-1)?.fingerprint256 === x.fingerprint256) break; // a self-signed top repeats itself
      chain.push(x);
    } catch {
      return false;
    }
  }
  const first = chain[0];
  if (!first) return false;
  const host = hostname.replace(/^\[|\]$/g, '');
  if ((isIP(host) ? first.checkIP(host) : first.checkHost(host)) === undefined) return false;
  for (let i = 0; i < chain.length; i++) {
    const c = chain[i]!;
    if (!validNow(c, now)) return false;
    const issuer = chain[i + 1];
    if (issuer && (!issuer.ca || !c.checkIssued(issuer) || !c.verify(issuer.publicKey))) return false;
  }
  const top = chain.at(-1)!;
  return anchors.some((a) => validNow(a, now) && (a.fingerprint256 === top.fingerprint256 || (a.ca && top.checkIssued(a) && top.verify(a.publicKey))));
}

function principal(p: Principal | undefined): string {
  if (!p) return 'unknown';
  return [p.commonName, p.organizations[0]].filter((x): x is string => typeof x === 'string' && x !== '').join(', ').slice(0, 200) || 'unknown';
}

/**
 * The certificates Chromium refused, by host name: the REST error (net::ERR_CERT_…) carries no
 * certificate, so the desktop transport names the issuer from here (issue 11 item 4).
 */
export function createRefusedCertificates(): { record(hostname: string, cert: PresentedCertificate): void; get(hostname: string): PresentedCertificate | undefined } {
  const seen = new Map<string, PresentedCertificate>();
  return {
    record(hostname, cert) {
      seen.delete(hostname);
      seen.set(hostname, cert);
      if (seen.size > 50) seen.delete(seen.keys().next().value as string);
    },
    get: (hostname) => seen.get(hostname),
  };
}

/** The verify proc for `session.setCertificateVerifyProc`; `added()` is read on every check. */
export function createCertificateVerifyProc(deps: {
  added(): string[];
  log(message: string): void;
  now?(): number;
  /** Told every certificate Chromium refused and the added ones did not save. */
  refused?(hostname: string, cert: PresentedCertificate): void;
}): (request: VerifyRequest, callback: (result: number) => void) => void {
  const refused = (request: VerifyRequest): void => {
    const c = request.certificate;
    deps.refused?.(request.hostname, {
      issuer: principal(c.issuer), subject: principal(c.subject),
      validTo: typeof c.validExpiry === 'number' ? new Date(c.validExpiry * 1000).toISOString() : 'unknown',
    });
  };
  return (request, callback) => {
    if (request.errorCode !== ERR_CERT_AUTHORITY_INVALID) {
      if (request.errorCode !== 0) refused(request);
      callback(VERIFY_USE_CHROMIUM);
      return;
    }
    const anchors: X509Certificate[] = [];
    for (const pem of deps.added()) {
      try { anchors.push(new X509Certificate(pem)); } catch { /* parsed when added; skip anything odd */ }
    }
    const ok = anchors.length > 0 && chainTrustedBy(request.hostname, request.certificate, anchors, (deps.now ?? Date.now)());
    if (ok) deps.log(`certificates: ${request.hostname} accepted through an added certificate`);
    else refused(request);
    callback(ok ? VERIFY_ACCEPT : VERIFY_USE_CHROMIUM);
  };
}
