/**
 * PEM certificate files a user or IT adds (headless `--ca`, NODE_EXTRA_CA_CERTS, Settings → trusted
 * certificates): each certificate parsed with Node's X509Certificate, so a file that is not PEM,
 * holds a private key, is huge or holds no certificate is refused whole with a clear error.
 */
import { X509Certificate } from 'node:crypto';

export interface TrustedCertificate {
  pem: string;
  subject: string;
  issuer: string;
  /** ISO 8601. */
  validTo: string;
  fingerprint256: string;
}

export class CertificateFileError extends Error {
  override readonly name = 'CertificateFileError';
}

/** Bigger than any real bundle of a few CAs; the OS store is read separately. */
export const MAX_PEM_BYTES = 1024 * 1024;
const MAX_CERTIFICATES = 200;

function firstLine(dn: string): string {
  const cn = /(?:^|\n)CN=([^\n]+)/.exec(dn)?.[1];
  const o = /(?:^|\n)O=([^\n]+)/.exec(dn)?.[1];
  return [cn, o].filter(Boolean).join(', ').slice(0, 200) || dn.replace(/\n/g, ', ').slice(0, 200);
}

/** Every certificate in a PEM text; `source` names it in errors (a file name, never its content). */
export function parsePemCertificates(text: string, source: string): TrustedCertificate[] {
  if (Buffer.byteLength(text) > MAX_PEM_BYTES) throw new CertificateFileError(`${source} is too large for a certificate file (over ${MAX_PEM_BYTES / 1024} KiB)`);
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text)) throw new CertificateFileError(`${source} holds a private key: give only the certificate (never share the key)`);
  const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) throw new CertificateFileError(`${source} holds no PEM certificate (expected "-----BEGIN CERTIFICATE-----")`);
  if (blocks.length > MAX_CERTIFICATES) throw new CertificateFileError(`${source} holds more than ${MAX_CERTIFICATES} certificates`);
  return blocks.map((pem, i) => {
    let x: X509Certificate;
    try {
      x = new X509Certificate(pem);
    } catch {
      throw new CertificateFileError(`${source}: certificate ${i + 1} is not a valid X.509 certificate`);
    }
    return {
      pem: `${pem}\n`, subject: firstLine(x.subject), issuer: firstLine(x.issuer),
      validTo: new Date(x.validTo).toISOString(), fingerprint256: x.fingerprint256,
    };
  });
}
