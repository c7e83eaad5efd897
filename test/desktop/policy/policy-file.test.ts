import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_POLICY_BYTES, POLICY_PATH_ENV, parsePolicy, policyFilePath, readPolicyFile } from '../../../src-main/desktop/policy/policy-file';
import { networkUnderPolicy, policyView } from '../../../src-main/desktop/policy/apply-policy';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lpad-policy-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const full = {
  accountId: '12345678',
  csdsUrl: 'https://adminlogin.liveperson.net',
  sso: { idpUrl: 'https://idp.example.com/sso', assertionConsumerUrl: 'https://acs.example.com/saml' },
  proxy: { mode: 'manual', url: 'http://proxy.corp:3128', bypass: ['*.corp'] },
  trustedCertificateFiles: ['/etc/ssl/corp-root.pem'],
  allowDemo: false,
  allowRememberPassword: false,
  updateFeedUrl: 'https://updates.example.com/lpad',
};

describe('where the policy file lives (issue 11.8)', () => {
  it('is machine-wide per platform, and the env variable overrides it', () => {
    expect(policyFilePath('linux', {})).toBe('/etc/lp-agent-desktop/policy.json');
    expect(policyFilePath('darwin', {})).toBe('/Library/Application Support/LP Agent Desktop/policy.json');
    expect(policyFilePath('win32', { ProgramData: 'D:\\PD' })).toMatch(/^D:\\PD[\\/]LP Agent Desktop[\\/]policy\.json$/);
    expect(policyFilePath('linux', { [POLICY_PATH_ENV]: '/tmp/p.json' })).toBe('/tmp/p.json');
  });
});

describe('reading the policy file', () => {
  it('no file: no policy, no error, nothing locked', () => {
    const state = readPolicyFile(join(dir, 'absent.json'));
    expect(state.error).toBeUndefined();
    expect(state.policy).toEqual({});
    expect(state.locked('accountId')).toBe(false);
    expect(state.effective('allowDemo', true)).toBe(true);
  });

  it('every key applies: locked, and its value wins over the user\'s', () => {
    const path = join(dir, 'policy.json');
    writeFileSync(path, JSON.stringify(full));
    const state = readPolicyFile(path);
    expect(state.error).toBeUndefined();
    expect(state.locked('proxy')).toBe(true);
    expect(state.effective('proxy', { mode: 'system' })).toEqual(full.proxy);
    expect(state.effective('trustedCertificateFiles', [])).toEqual(['/etc/ssl/corp-root.pem']);
    expect(state.effective('allowRememberPassword', true)).toBe(false);
    expect(policyView(state)).toEqual({
      path, accountId: '12345678', csdsUrl: 'https://adminlogin.liveperson.net', allowDemo: false, allowRememberPassword: false,
      locked: ['accountId', 'allowDemo', 'allowRememberPassword', 'csdsUrl', 'proxy', 'sso', 'trustedCertificateFiles', 'updateFeedUrl'],
    });
  });

  it('a partial policy locks only its keys', () => {
    const state = parsePolicy('/p.json', JSON.stringify({ allowDemo: false }));
    expect(state.locked('allowDemo')).toBe(true);
    expect(state.locked('csdsUrl')).toBe(false);
    expect(state.effective('csdsUrl', 'https://mine.liveperson.net')).toBe('https://mine.liveperson.net');
  });

  it.each([
    ['not JSON', '{ "allowDemo": fals', /not valid JSON/],
    ['an array', '[1,2]', /must be a JSON object/],
    ['null', 'null', /must be a JSON object/],
    ['an unknown key (a typo)', '{"alowDemo": false}', /alowDemo/],
    ['a wrong type', '{"allowDemo": "no"}', /^.*allowDemo: /],
    ['a plain-http domain service', '{"csdsUrl": "http://csds.example.org"}', /csdsUrl: .*http:\/\//],
    ['a non-https IdP', '{"sso": {"idpUrl": "javascript:alert(1)", "assertionConsumerUrl": "https://a.example"}}', /sso\.idpUrl: identity-provider URL: expected https:\/\/host/],
    ['a plain-http IdP off this machine', '{"sso": {"idpUrl": "http://idp.example.com/sso"}}', /sso\.idpUrl: identity-provider URL: http:\/\/ is allowed only for 127\.0\.0\.1/],
    ['an ACS pattern with a user name', '{"sso": {"idpUrl": "https://idp.example.com", "assertionConsumerUrl": "https://u@acs.example.com/*"}}', /sso\.assertionConsumerUrl: assertion-consumer URL: expected/],
    ['a relative certificate path', '{"trustedCertificateFiles": ["corp.pem"]}', /trustedCertificateFiles\.0: must be an absolute path/],
    ['a proxy with a file: URL', '{"proxy": {"mode": "manual", "url": "file:///etc/passwd"}}', /proxy\.url: /],
    ['a hostile account id', '{"accountId": "../../etc"}', /accountId: /],
    ['a __proto__ key', '{"__proto__": {"allowDemo": false}, "allowDemo": true}', /__proto__/],
  ])('%s is rejected whole, with the file path and first error', (_name, text, why) => {
    const state = parsePolicy('/etc/lp-agent-desktop/policy.json', text);
    expect(state.error).toMatch(/^IT policy file \/etc\/lp-agent-desktop\/policy\.json was ignored: /);
    expect(state.error?.replace(/^IT policy file \S+ was ignored: /, '')).toMatch(why);
    expect(state.policy).toEqual({});
    expect(state.locked('allowDemo')).toBe(false);
  });

  it('one bad key rejects the good ones too', () => {
    const state = parsePolicy('/p.json', JSON.stringify({ ...full, allowDemo: 'no' }));
    expect(state.error).toMatch(/allowDemo/);
    expect(state.locked('accountId')).toBe(false);
  });

  it('a huge file is refused before it is read; deep nesting gets a clear error', () => {
    const path = join(dir, 'huge.json');
    writeFileSync(path, `{"accountId": "1", "pad": "${'x'.repeat(MAX_POLICY_BYTES)}"}`);
    expect(readPolicyFile(path).error).toBe(`IT policy file ${path} was ignored: larger than ${MAX_POLICY_BYTES} bytes`);
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    expect(parsePolicy('/p.json', deep).error).toMatch(/must be a JSON object/);
  });

  it('a directory or unreadable path is rejected with its path', () => {
    const sub = join(dir, 'policy.json');
    mkdirSync(sub);
    expect(readPolicyFile(sub).error).toBe(`IT policy file ${sub} was ignored: not a regular file`);
  });

  it('a byte-order mark (Windows Notepad) is accepted', () => {
    expect(parsePolicy('/p.json', `\uFEFF${JSON.stringify({ allowDemo: false })}`).policy).toEqual({ allowDemo: false });
  });
});

describe('the policy\'s proxy over the user\'s (issue 11.8 with 11.3)', () => {
  const user = { proxyMode: 'system' as const, proxyUrl: '', proxyBypass: '' };
  it('manual: URL and bypass list replace the user\'s; none/system replace the mode; no policy proxy leaves it', () => {
    expect(networkUnderPolicy({ proxy: { mode: 'manual', url: 'http://proxy.corp:3128', bypass: ['*.corp', '<-loopback>'] } }, user))
      .toEqual({ proxyMode: 'manual', proxyUrl: 'http://proxy.corp:3128', proxyBypass: '*.corp,<-loopback>' });
    expect(networkUnderPolicy({ proxy: { mode: 'none' } }, { proxyMode: 'manual', proxyUrl: 'http://mine:1', proxyBypass: 'x' }))
      .toEqual({ proxyMode: 'none', proxyUrl: '', proxyBypass: '' });
    expect(networkUnderPolicy({ allowDemo: false }, { ...user, proxyMode: 'manual', proxyUrl: 'http://mine:1' })).toEqual({ ...user, proxyMode: 'manual', proxyUrl: 'http://mine:1' });
  });
});
