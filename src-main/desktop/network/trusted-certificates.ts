/**
 * Trusted certificates beside the OS store (issue 11 item 3): the user's, added from PEM files in
 * Settings and kept in `trusted-certificates.json` under userData, and the IT policy's
 * (`trustedCertificateFiles`, read at start, shown locked, not removable). Every file goes through
 * the core's `parsePemCertificates` (not PEM, a private key, over 1 MiB, too many certificates →
 * a clear error and nothing changes); a file over the size limit is refused before it is read.
 * `pems()` is what the socket trusts beside Node's roots and the OS store, and what REST's
 * certificate verifier (certificate-verify.ts) anchors chains in.
 */
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { TrustedCertificateView } from '../../../src-preload/api';
import { CertificateFileError, MAX_PEM_BYTES, parsePemCertificates, type TrustedCertificate } from '../../lp';
import { readJsonFile, writeFileAtomic } from '../atomic-file';

/** More than any agent needs; the file stays small. */
export const MAX_USER_CERTIFICATES = 100;

export interface TrustedCertificates {
  list(): TrustedCertificateView[];
  /** Every trusted certificate as PEM (the policy's and the user's). */
  pems(): string[];
  /** Reads and adds every certificate of a PEM file; throws CertificateFileError (nothing added). Returns how many were new. */
  addFile(path: string): number;
  /** Removes a user certificate; the policy's cannot be removed. */
  remove(fingerprint: string): boolean;
  /** Why a policy certificate file was not loaded (path and error), one line each. */
  policyErrors(): string[];
}

/** Reads a PEM file with the size checked first (a huge file is never read into memory). */
export function readPemFile(path: string): TrustedCertificate[] {
  const name = basename(path);
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new CertificateFileError(`${name} is not a file`);
    size = st.size;
  } catch (err) {
    if (err instanceof CertificateFileError) throw err;
    throw new CertificateFileError(`${name} cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  if (size > MAX_PEM_BYTES) throw new CertificateFileError(`${name} is too large for a certificate file (over ${MAX_PEM_BYTES / 1024} KiB)`);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new CertificateFileError(`${name} cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  return parsePemCertificates(text, name);
}

function view(c: TrustedCertificate, source: TrustedCertificateView['source'], now: number, file?: string): TrustedCertificateView {
  return {
    fingerprint: c.fingerprint256, subject: c.subject, issuer: c.issuer, validTo: c.validTo,
    expired: Date.parse(c.validTo) < now, source, ...(file !== undefined ? { file } : {}),
  };
}

export function createTrustedCertificates(deps: { file: string; policyFiles: readonly string[]; log(message: string): void; now?(): number }): TrustedCertificates {
  const now = deps.now ?? Date.now;
  const policy: Array<{ cert: TrustedCertificate; file: string }> = [];
  const errors: string[] = [];
  for (const file of deps.policyFiles) {
    try {
      for (const cert of readPemFile(file)) policy.push({ cert, file });
    } catch (err) {
      const line = `IT policy certificate file ${file} was not loaded: ${err instanceof Error ? err.message : String(err)}`;
      errors.push(line);
      deps.log(line);
    }
  }
  if (policy.length > 0) deps.log(`certificates: ${policy.length} from the IT policy`);

  let user: TrustedCertificate[] = [];
  const stored = readJsonFile(deps.file) as { version?: unknown; certificates?: unknown } | undefined;
  if (stored && stored.version === 1 && Array.isArray(stored.certificates)) {
    for (const pem of stored.certificates) {
      if (typeof pem !== 'string') continue;
      try {
        user.push(...parsePemCertificates(pem, 'a stored certificate'));
      } catch (err) {
        deps.log(`certificates: a stored certificate was dropped: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }
  const save = (next: TrustedCertificate[]): void => {
    writeFileAtomic(deps.file, JSON.stringify({ version: 1, certificates: next.map((c) => c.pem) }), 0o644);
    user = next;
  };
  const known = (fp: string): boolean => policy.some((p) => p.cert.fingerprint256 === fp) || user.some((c) => c.fingerprint256 === fp);

  return {
    list: () => [
      ...policy.map((p) => view(p.cert, 'organisation', now(), basename(p.file))),
      ...user.map((c) => view(c, 'user', now())),
    ],
    pems: () => [...policy.map((p) => p.cert.pem), ...user.map((c) => c.pem)],
    addFile(path) {
      const certs = readPemFile(path);
      const fresh = certs.filter((c, i) => !known(c.fingerprint256) && certs.findIndex((d) => d.fingerprint256 === c.fingerprint256) === i);
      if (user.length + fresh.length > MAX_USER_CERTIFICATES) {
        throw new CertificateFileError(`at most ${MAX_USER_CERTIFICATES} certificates can be added; remove some first`);
      }
      if (fresh.length > 0) save([...user, ...fresh]);
      deps.log(`certificates: ${fresh.length} added from ${basename(path)} (${certs.length - fresh.length} already trusted)`);
      return fresh.length;
    },
    remove(fingerprint) {
      const next = user.filter((c) => c.fingerprint256 !== fingerprint);
      if (next.length === user.length) return false;
      save(next);
      deps.log('certificates: one removed');
      return true;
    },
    policyErrors: () => [...errors],
  };
}
