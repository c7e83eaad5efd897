/** Errors from main arrive as `code|location|message` (tolerantly parsed) and become words for people. */
import type { IpcErrorShape } from '../../src-preload/api';
import { i18n } from '../i18n';
import { inUiLanguage } from './core-words';

export function parseError(err: unknown): IpcErrorShape {
  const raw = err instanceof Error ? err.message : typeof err === 'string' ? err : String(err);
  const text = raw.replace(/^Error invoking remote method '[^']*': (?:[A-Za-z]*Error: )?/, '');
  const m = /^(-?\d+)\|([^|]*)\|([\s\S]*)$/.exec(text);
  if (m) return { code: Number(m[1]), location: m[2] ?? '', message: m[3] ?? '' };
  return { code: 0, location: '', message: text };
}

/**
 * A certificate the app will not accept, or TLS and plain HTTP mixed up, as main's core words it
 * (src-main/lp/connection/network-errors.ts): not a network problem, and retrying will not help.
 */
const CERTIFICATE = /certificate/i;
const TLS_MISMATCH = /speaks TLS|does not speak TLS|answers plain HTTP/i;

/** `Domains#CSDS 0: the server's…` → `the server's…` (a connection state's lastError carries its place). */
function withoutPlace(message: string): string {
  return message.replace(/^[A-Za-z]+#[A-Za-z]+ -?\d+: /, '');
}

const NETWORK = /ENOTFOUND|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EAI_AGAIN|network|fetch failed|timed? ?out/i;

const PROXY = /\bproxy\b/i;
const INSPECTED = /inspected with a certificate this computer does not trust/i;

/**
 * A certificate or proxy problem (main's words, src-main/lp/connection/network-errors.ts and
 * proxy-agents.ts) as the sign-in form and the connection banner say it; null for anything else.
 */
export function networkProblem(message: string | undefined): string | null {
  if (!message) return null;
  const m = withoutPlace(message).replace(/^(?:network|socket) error: /, '').replace(/[.;\s]+$/, '');
  if (INSPECTED.test(m)) return i18n.t('errors.certificateInspected', { message: m });
  if (CERTIFICATE.test(m) && !TLS_MISMATCH.test(m)) return i18n.t('errors.certificateProblem', { message: m });
  if (PROXY.test(m)) return i18n.t('errors.proxy', { message: m });
  return null;
}

/** A sign-in failure in plain words, in the UI's language. */
export function describeLoginError(err: unknown): string {
  const e = parseError(err);
  const t = i18n.t;
  if (INSPECTED.test(e.message) || (PROXY.test(e.message) && !CERTIFICATE.test(e.message))) return networkProblem(e.message) ?? e.message;
  if (e.code === 401 || e.code === 403) return t('errors.wrongPassword');
  if (e.code === 404 || /not found|unknown account/i.test(e.message)) return t('errors.accountNotFound');
  if (e.code === 400) return t('errors.badRequest', { message: e.message });
  if (e.code >= 500) return t('errors.server', { code: e.code });
  if (TLS_MISMATCH.test(e.message)) {
    return t('errors.tlsMismatch', { message: inUiLanguage(withoutPlace(e.message)) });
  }
  if (CERTIFICATE.test(e.message)) {
    return t('errors.certificate', { message: inUiLanguage(withoutPlace(e.message)) });
  }
  if (NETWORK.test(e.message) || (e.code === 0 && !e.message)) return t('errors.network');
  // E.g. a domain service answer without the login service: not the network, so say what it was.
  return e.message ? t('errors.signInFailedWith', { message: inUiLanguage(e.message) }) : t('errors.signInFailed');
}

/**
 * A single sign-on failure (src-main/desktop/sso/sso-sign-in.ts): main's location says what happened
 * and its message carries the detail (LivePerson's reason, what was wrong with the response, the
 * host); anything else (network, certificates) as for any sign-in.
 */
export function describeSsoError(err: unknown): string {
  const e = parseError(err);
  const t = i18n.t;
  switch (e.location) {
    case 'SSO#Closed': return t('sso.closed');
    case 'SSO#Refused': return t('sso.refused', { reason: e.message });
    case 'SSO#Response': return t('sso.notFinished', { reason: e.message });
    case 'SSO#Account': return t('sso.needsAccount');
    case 'SSO#NotConfigured': return t('sso.notConfigured');
    case 'SSO#DomainService': return t('sso.cancelledHost', { host: e.message });
    default: return describeLoginError(err);
  }
}

/** Any other failed action, short. */
export function describeError(err: unknown): string {
  const e = parseError(err);
  return e.message || i18n.t('errors.code', { code: e.code });
}
