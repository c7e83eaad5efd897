/**
 * What the socket trusts (REST uses Chromium's verifier and the OS store): Node's roots, the OS
 * store through `tls.getCACertificates('system')` (Node ≥ 22.15, so Electron ≥ 37; older Node has
 * no such call and the OS store is then not read for the socket — said in the log once), and the
 * certificates the user or IT added. Never replaces the roots, never disables verification.
 */
import * as tls from 'node:tls';

type GetCa = (type: 'default' | 'system' | 'bundled' | 'extra') => string[];

/** The OS store, or null where this Node cannot read it. */
export function systemCertificates(): string[] | null {
  const get = (tls as unknown as { getCACertificates?: GetCa }).getCACertificates;
  if (typeof get !== 'function') return null;
  try {
    return get('system');
  } catch {
    return null;
  }
}

export function socketTrust(added: () => string[], log: (m: string) => void): () => string[] {
  const system = systemCertificates();
  log(system === null
    ? 'certificates: this Node cannot read the OS store (tls.getCACertificates); the socket trusts Node\'s roots and added certificates'
    : `certificates: the socket trusts Node's roots, ${system.length} from the OS store and the added ones`);
  return () => [...tls.rootCertificates, ...(system ?? []), ...added()];
}
