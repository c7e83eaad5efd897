// The SSO URL rules of the contract (src-preload/schemas.ts ssoUrlProblem and the settings keys that use it).
import { describe, expect, it } from 'vitest';
import { settingsSchema, ssoUrlProblem } from '../../src-preload/schemas';

describe('ssoUrlProblem', () => {
  it('accepts https anywhere, http on loopback only, queries on the IdP URL', () => {
    expect(ssoUrlProblem('https://idp.example.com/app/sso?RelayState=lp', 'idp')).toBeUndefined();
    expect(ssoUrlProblem('http://127.0.0.1:8080/idp/sso', 'idp')).toBeUndefined();
    expect(ssoUrlProblem('http://idp.example.com/sso', 'idp')).toMatch(/http:\/\/ is allowed only for 127\.0\.0\.1/);
    expect(ssoUrlProblem('https://idp.example.com/#x', 'idp')).toMatch(/expected https:\/\/host/);
    expect(ssoUrlProblem('https://user:pw@idp.example.com/', 'idp')).toMatch(/expected/);
    expect(ssoUrlProblem('javascript:alert(1)', 'idp')).toMatch(/expected/);
    expect(ssoUrlProblem('https://idp.example.com:70000/', 'idp')).toBe('identity-provider URL: port out of range');
  });

  it('lets the ACS pattern use a host or port wildcard and {accountId}, still https off loopback', () => {
    expect(ssoUrlProblem('https://*.liveperson.net/api/account/{accountId}/login*', 'acs')).toBeUndefined();
    expect(ssoUrlProblem('http://127.0.0.1:*/api/account/{accountId}/login*', 'acs')).toBeUndefined();
    expect(ssoUrlProblem('http://*.example.com/acs', 'acs')).toMatch(/http:\/\/ is allowed only/);
    expect(ssoUrlProblem('https://*.liveperson.net/x', 'idp')).toMatch(/expected/);
  });

  it('the settings take "" (none) or a valid URL', () => {
    const base = settingsSchema.shape;
    expect(base.ssoIdpUrl.safeParse('').success).toBe(true);
    expect(base.ssoIdpUrl.safeParse('https://idp.example.com').success).toBe(true);
    expect(base.ssoIdpUrl.safeParse('ftp://idp.example.com').success).toBe(false);
    expect(base.ssoAcsUrl.safeParse('https://acs.example.com/*').success).toBe(true);
    expect(base.ssoAcsUrl.safeParse('http://acs.example.com/').success).toBe(false);
  });
});
