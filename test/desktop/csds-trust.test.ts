import { describe, expect, it } from 'vitest';
import { requestSchemas } from '../../src-preload/request-schemas';
import { csdsUrlProblem } from '../../src-preload/schemas';
import { csdsHostToConfirm, isLivePersonHost, sameCsds } from '../../src-main/desktop/csds-trust';

// Pure validation: nothing here sends traffic anywhere.
const login = { accountId: '123', username: 'ann', password: 'pw', remember: false };
const accepts = (csdsUrl: string): boolean => requestSchemas['session/login'].safeParse({ ...login, csdsUrl }).success;

describe('domain-service URL rule (contract schema, issue 17.1)', () => {
  it.each([
    'http://127.0.0.1:8080', 'http://127.0.0.1:1', 'http://127.10.0.3:65535', 'http://localhost:9000', 'http://[::1]:8080',
    'https://adminlogin.liveperson.net', 'https://csds.example.org:8443/base', 'HTTPS://ADMINLOGIN.LIVEPERSON.NET',
  ])('accepts %s', (url) => {
    expect(csdsUrlProblem(url)).toBeUndefined();
    expect(accepts(url)).toBe(true);
  });

  it.each([
    ['http://csds.example.org', /http:\/\/ is allowed only/],
    ['http://10.0.0.5:8080', /http:\/\/ is allowed only/],
    ['http://127.0.0.1.nip.io:8080', /http:\/\/ is allowed only/],
    ['http://localhost.example.org', /http:\/\/ is allowed only/],
    ['http://0x7f000001:8080', /http:\/\/ is allowed only/],
    ['https://user:pw@adminlogin.liveperson.net', /no user name/],
    ['https://adminlogin.liveperson.net/?next=x', /no user name, query/],
    ['https://adminlogin.liveperson.net#x', /query or fragment/],
    ['ftp://adminlogin.liveperson.net', /expected https/],
    ['javascript:alert(1)', /expected https/],
    ['https://127.0.0.1:70000', /port out of range/],
    ['not a url', /expected https/],
  ])('refuses %s', (url, reason) => {
    expect(csdsUrlProblem(url)).toMatch(reason);
    expect(accepts(url)).toBe(false);
  });
});

describe('which hosts need the user to confirm', () => {
  it.each([
    ['https://adminlogin.liveperson.net', undefined],
    ['https://va.agentvep.liveperson.net', undefined],
    ['https://api.liveperson.com', undefined],
    ['http://127.0.0.1:8080', undefined],
    ['http://localhost:8080', undefined],
    ['https://liveperson.net.example.org', 'liveperson.net.example.org'],
    ['https://evilliveperson.net', 'evilliveperson.net'],
    ['https://csds.example.org:8443', 'csds.example.org:8443'],
  ])('%s → %s', (url, host) => {
    expect(csdsHostToConfirm(url)).toBe(host);
  });

  it('LivePerson domains are matched by label, not by suffix', () => {
    expect(isLivePersonHost('liveperson.net')).toBe(true);
    expect(isLivePersonHost('x.liveperson.net.')).toBe(true);
    expect(isLivePersonHost('notliveperson.net')).toBe(false);
  });

  it('same service: trailing slash and case do not matter, another host or port does', () => {
    expect(sameCsds(undefined, undefined)).toBe(true);
    expect(sameCsds('http://127.0.0.1:8080/', 'http://127.0.0.1:8080')).toBe(true);
    expect(sameCsds('https://A.liveperson.net', 'https://a.liveperson.net')).toBe(true);
    expect(sameCsds('http://127.0.0.1:8080', 'http://127.0.0.1:8081')).toBe(false);
    expect(sameCsds(undefined, 'https://adminlogin.liveperson.net')).toBe(false);
  });
});
