// Which SSO URLs apply (src-main/desktop/sso/sso-config.ts) and how the assertion-consumer pattern matches.
import { describe, expect, it } from 'vitest';
import { DEFAULT_ACS_PATTERN, acsMatcher, ssoConfig } from '../../../src-main/desktop/sso/sso-config';

describe('ssoConfig', () => {
  it('is off without an IdP URL, and uses the default ACS pattern when none is set', () => {
    expect(ssoConfig({ ssoIdpUrl: '', ssoAcsUrl: '' }, {})).toEqual({ acsPattern: DEFAULT_ACS_PATTERN, locked: false });
    expect(ssoConfig({ ssoIdpUrl: 'https://idp.example.com/sso', ssoAcsUrl: '' }, {})).toEqual({ idpUrl: 'https://idp.example.com/sso', acsPattern: DEFAULT_ACS_PATTERN, locked: false });
  });

  it('takes both URLs from the IT policy over the settings, locked', () => {
    const settings = { ssoIdpUrl: 'https://user.example.com', ssoAcsUrl: 'https://user.example.com/acs' };
    expect(ssoConfig(settings, { sso: { idpUrl: 'https://idp.corp.example/lp', assertionConsumerUrl: 'https://acs.corp.example/*' } }))
      .toEqual({ idpUrl: 'https://idp.corp.example/lp', acsPattern: 'https://acs.corp.example/*', locked: true });
    expect(ssoConfig(settings, { sso: { idpUrl: 'https://idp.corp.example/lp' } }))
      .toEqual({ idpUrl: 'https://idp.corp.example/lp', acsPattern: DEFAULT_ACS_PATTERN, locked: true });
  });
});

describe('acsMatcher', () => {
  it('matches the default pattern on any LivePerson host for this account only', () => {
    const is = acsMatcher(DEFAULT_ACS_PATTERN, '12345678');
    expect(is('https://va.agentvep.liveperson.net/api/account/12345678/login')).toBe(true);
    expect(is('https://VA.AgentVep.LivePerson.net/api/account/12345678/login?v=1.3')).toBe(true);
    expect(is('https://va.agentvep.liveperson.net/api/account/999/login')).toBe(false);
    expect(is('http://va.agentvep.liveperson.net/api/account/12345678/login')).toBe(false);
    // A wildcard host stays in the host: another site whose path mentions liveperson.net does not match.
    expect(is('https://evil.example/x.liveperson.net/api/account/12345678/login')).toBe(false);
    expect(is('https://liveperson.net.evil.example/api/account/12345678/login')).toBe(false);
  });

  it('substitutes an encoded account id, wildcards a port, and treats a bare origin and "/" alike', () => {
    expect(acsMatcher('http://127.0.0.1:*/api/account/{accountId}/login', 'a b')('http://127.0.0.1:5123/api/account/a%20b/login')).toBe(true);
    expect(acsMatcher('https://acs.example.com', 'x')('https://acs.example.com/')).toBe(true);
    expect(acsMatcher('https://acs.example.com/', 'x')('https://acs.example.com')).toBe(true);
    expect(acsMatcher('https://acs.example.com/saml', 'x')('https://acs.example.com/saml/other')).toBe(false);
    expect(acsMatcher('https://acs.example.com/saml', 'x')('https://acs.example.com/saml#frag')).toBe(true);
    expect(acsMatcher('https://acs.example.com/saml', 'x')('not a url')).toBe(false);
  });
});
