/**
 * Which single sign-on applies (issue 11.6), as pure functions: the identity-provider URL and the
 * assertion-consumer URL pattern come from the IT policy when it sets them (then locked), else from
 * the settings; the pattern defaults to the login service of lp-protocol.md §2 on LivePerson's hosts.
 *
 * The pattern: a URL in which `*` matches any run of characters and `{accountId}` stands for the
 * account signing in; it matches a request URL whole (query included), case-insensitively in scheme
 * and host. README "Single sign-on" states why the default is what it is.
 */
import type { Policy } from '../policy/policy-schema';

/**
 * The assumed assertion-consumer URL: the IdP posts its response to LivePerson's login service
 * (agentVep, whose host CSDS names per account), the one endpoint §2 says takes a SAML assertion.
 */
export const DEFAULT_ACS_PATTERN = 'https://*.liveperson.net/api/account/{accountId}/login*';

export interface SsoConfig {
  /** Undefined: no SSO (the sign-in form offers none). */
  idpUrl?: string;
  acsPattern: string;
  /** The IT policy set the SSO URLs (shown "set by your organisation"). */
  locked: boolean;
}

export function ssoConfig(settings: { ssoIdpUrl: string; ssoAcsUrl: string }, policy: Policy): SsoConfig {
  const p = policy.sso;
  if (p !== undefined) return { idpUrl: p.idpUrl, acsPattern: p.assertionConsumerUrl ?? DEFAULT_ACS_PATTERN, locked: true };
  return {
    ...(settings.ssoIdpUrl !== '' ? { idpUrl: settings.ssoIdpUrl } : {}),
    acsPattern: settings.ssoAcsUrl !== '' ? settings.ssoAcsUrl : DEFAULT_ACS_PATTERN,
    locked: false,
  };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}

/** A test for request URLs: does this one match the pattern for this account? */
export function acsMatcher(pattern: string, accountId: string): (url: string) => boolean {
  const concrete = pattern.split('{accountId}').join(encodeURIComponent(accountId));
  const split = (url: string): [string, string] | undefined => {
    const m = /^([a-z][a-z0-9+.-]*:\/\/[^/?#]*)([^#]*)/i.exec(url);
    return m ? [(m[1] ?? '').toLowerCase(), m[2] ?? ''] : undefined;
  };
  const [origin = concrete.toLowerCase(), rest = ''] = split(concrete) ?? [];
  // In the origin a `*` stays inside the host (or port); in path and query it matches anything.
  const originRe = new RegExp(`^${origin.split('*').map(escapeRegExp).join('[^/?#]*')}$`);
  const restRe = new RegExp(`^${rest.split('*').map(escapeRegExp).join('.*')}$`);
  return (url: string): boolean => {
    const parts = split(url);
    if (!parts) return false;
    const [o, r] = parts;
    // "https://host" and "https://host/" are one URL.
    return originRe.test(o) && (restRe.test(r) || (r === '/' && restRe.test('')) || (r === '' && restRe.test('/')));
  };
}
