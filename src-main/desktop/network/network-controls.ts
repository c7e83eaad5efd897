/**
 * What Settings → Network and Diagnostics ask of main (the `network/*` requests): the proxy in
 * effect (the IT policy's, locked, over the user's), setting it (validated by proxy-config.ts before
 * anything is saved: a bad URL or bypass list is a clear error and changes nothing; the settings
 * reaction then applies it at once with a reconnect), the trusted certificates (added from a PEM file
 * picked in main's open dialog, listed, removed; a change reconnects so the socket uses it at once),
 * and the network lines of Diagnostics.
 */
import type { Diagnostics, NetworkView, ProxyMode, Settings } from '../../../src-preload/api';
import { CertificateFileError, ProxyConfigError } from '../../lp';
import { AppError } from '../account-actions';
import { t } from '../i18n';
import type { Policy } from '../policy/policy-schema';
import { networkUnderPolicy } from '../policy/apply-policy';
import type { NetworkPhase } from './network-phase';
import { networkSettingsOf, proxyConfigOf } from './proxy-config';
import type { TrustedCertificates } from './trusted-certificates';

export interface NetworkControls {
  get(): NetworkView;
  setProxy(p: { mode: ProxyMode; url: string; bypass: string }): NetworkView;
  addCertificate(): Promise<NetworkView | null>;
  removeCertificate(fingerprint: string): NetworkView;
  diagnostics(): NonNullable<Diagnostics['network']>;
}

export function createNetworkControls(deps: {
  settings: { get(): Settings; set(patch: Partial<Settings>): Settings };
  policy: Policy;
  certificates: TrustedCertificates;
  phase: Pick<NetworkPhase, 'socketRoute' | 'socketIssuer' | 'describe'>;
  /** Main's open dialog for one PEM file; null when cancelled. */
  chooseCertificateFile(): Promise<string | null>;
  /** The current session reconnects (a certificate change applies to the next socket). */
  reconnect(why: string): void;
  log(message: string): void;
}): NetworkControls {
  const view = (): NetworkView => {
    const n = networkUnderPolicy(deps.policy, networkSettingsOf(deps.settings.get()));
    return {
      proxy: { mode: n.proxyMode, url: n.proxyUrl, bypass: n.proxyBypass },
      proxyLocked: deps.policy.proxy !== undefined,
      certificates: deps.certificates.list(),
      certificateErrors: deps.certificates.policyErrors(),
    };
  };
  return {
    get: view,
    setProxy({ mode, url, bypass }) {
      if (deps.policy.proxy !== undefined) throw new AppError(403, 'Network#Proxy', t('network.proxyLocked'));
      const next = { proxyMode: mode, proxyUrl: url.trim(), proxyBypass: bypass.trim() };
      try {
        proxyConfigOf(next);
      } catch (err) {
        if (err instanceof ProxyConfigError) throw new AppError(400, 'Network#Proxy', t('network.proxyNotChanged', { reason: err.message }));
        throw err;
      }
      deps.settings.set(next);
      return view();
    },
    async addCertificate() {
      const path = await deps.chooseCertificateFile();
      if (path === null) return null;
      try {
        deps.certificates.addFile(path);
      } catch (err) {
        if (err instanceof CertificateFileError) {
          deps.log(`certificates: file refused: ${err.message}`);
          throw new AppError(400, 'Network#Certificate', t('network.certificateNotAdded', { reason: err.message }));
        }
        throw err;
      }
      deps.reconnect('trusted certificates changed');
      return view();
    },
    removeCertificate(fingerprint) {
      if (deps.certificates.list().some((c) => c.fingerprint === fingerprint && c.source === 'organisation')) {
        throw new AppError(403, 'Network#Certificate', t('network.certificateLocked'));
      }
      if (deps.certificates.remove(fingerprint)) deps.reconnect('trusted certificates changed');
      return view();
    },
    diagnostics() {
      const route = deps.phase.socketRoute();
      const issuer = deps.phase.socketIssuer();
      return {
        proxy: deps.phase.describe(deps.settings.get()),
        ...(route !== null ? { socketRoute: route } : {}),
        ...(issuer !== null ? { certificateIssuer: issuer } : {}),
      };
    },
  };
}
