/** Errors from main arrive as `code|location|message` (tolerantly parsed) and become words for people. */
import type { IpcErrorShape } from '../../src-preload/api';

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

/** A sign-in failure in plain words. */
export function describeLoginError(err: unknown): string {
  const e = parseError(err);
  if (e.code === 401 || e.code === 403) return 'Wrong username or password. Check them and try again.';
  if (e.code === 404 || /not found|unknown account/i.test(e.message)) return 'Account not found. Check the account id (and the CSDS URL under Advanced).';
  if (e.code === 400) return `The server refused the request: ${e.message}`;
  if (e.code >= 500) return `LivePerson had a problem (${e.code}). Try again in a moment.`;
  if (TLS_MISMATCH.test(e.message)) {
    return `Cannot connect securely: ${withoutPlace(e.message)}. Check the scheme (https:// or http://) and port of the CSDS URL under Advanced.`;
  }
  if (CERTIFICATE.test(e.message)) {
    return `Cannot connect securely: ${withoutPlace(e.message)}. Your network may inspect secure traffic: its certificate authority must be trusted by this computer.`;
  }
  if (NETWORK.test(e.message) || (e.code === 0 && !e.message)) return 'Cannot reach LivePerson. Check your network connection and try again.';
  // E.g. a domain service answer without the login service: not the network, so say what it was.
  return e.message ? `Sign in failed: ${e.message}` : 'Sign in failed.';
}

/**
 * A single sign-on failure (src-main/desktop/sso/sso-sign-in.ts): main's location says what happened
 * and its message carries the detail (LivePerson's reason, what was wrong with the response, the
 * host); anything else (network, certificates) as for any sign-in.
 */
export function describeSsoError(err: unknown): string {
  const e = parseError(err);
  switch (e.location) {
    case 'SSO#Closed': return 'The single sign-on window was closed before the sign-in finished. Nothing was changed.';
    case 'SSO#Refused': return `Your organisation's sign-in was refused: ${e.message}`;
    case 'SSO#Response': return `Your organisation's sign-in did not finish: ${e.message}.`;
    case 'SSO#Account': return 'Enter your account id first: single sign-on needs it.';
    case 'SSO#NotConfigured': return 'Single sign-on is not set up on this computer.';
    case 'SSO#DomainService': return `Sign-in cancelled: nothing was sent to ${e.message}.`;
    default: return describeLoginError(err);
  }
}

/** Any other failed action, short. */
export function describeError(err: unknown): string {
  const e = parseError(err);
  return e.message || `Error ${e.code}`;
}
