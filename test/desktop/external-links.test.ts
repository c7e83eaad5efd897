import { describe, expect, it } from 'vitest';
import { confirmLinkDialog, decideExternalLink, openExternalLink } from '../../src-main/desktop/external-links';
import { REFUSED_DIRECT } from '../e2e/xss-payloads';

describe('decideExternalLink', () => {
  it.each([
    ['https://example.com/a?b=1', 'https://example.com/a?b=1'],
    ['http://example.com', 'http://example.com/'],
    ['https://www.liveperson.com/help?a=1&b=2', 'https://www.liveperson.com/help?a=1&b=2'],
    ['https://example.com.:8443/x', 'https://example.com.:8443/x'],
    ['https://1.2.3.4.example.com/', 'https://1.2.3.4.example.com/'],
  ])('opens %s', (raw, url) => {
    expect(decideExternalLink(raw)).toEqual({ status: 'open', url, reason: 'allowed' });
  });

  it.each([
    // already refused: schemes, credentials, junk, length
    ['javascript:alert(1)', /scheme javascript:/], ['data:text/html,<b>x</b>', /scheme data:/], ['file:///etc/passwd', /scheme file:/],
    ['ftp://example.com', /scheme ftp:/], ['vbscript:x', /scheme vbscript:/], ['https://user:pw@example.com/', /credentials/],
    ['https://user@example.com/', /credentials/], ['not a url', /not a valid URL/], [`https://example.com/${'a'.repeat(3000)}`, /too long/],
    // IP literals in every notation
    ['http://127.0.0.1:9222/json', /IP address/], ['http://0x7f000001/', /IP address/], ['http://2130706433/', /IP address/],
    ['http://0177.0.0.1/', /IP address/], ['http://127.1/', /IP address/], ['http://0x7f.1/', /IP address/],
    ['http://10.0.0.5/admin', /IP address/], ['http://192.168.1.1/', /IP address/], ['http://169.254.169.254/latest/meta-data', /IP address/],
    ['http://8.8.8.8/', /IP address/], ['http://[::1]:9222/', /IP address/], ['http://[::ffff:127.0.0.1]/', /IP address/],
    ['http://[::ffff:7f00:1]/', /IP address/], ['http://[fe80::1]/', /IP address/], ['http://[fd00::1]/', /IP address/],
    // loopback, private-use names, single labels
    ['http://localhost:9222/json', /local or private/], ['http://LOCALHOST./', /local or private/], ['http://app.localhost/', /local or private/],
    ['http://printer.local/', /local or private/], ['https://wiki.corp.internal/', /local or private/], ['http://router.home.arpa/', /local or private/],
    ['http://wiki/', /single-label/], ['http://intranet/', /local or private/], ['http://nas/', /single-label/],
  ])('refuses %s', (raw, reason) => {
    const d = decideExternalLink(raw);
    expect(d.status).toBe('refuse');
    expect(d.reason).toMatch(reason);
  });

  it.each([
    ['https://\u0430pple.com', 'xn--pple-43d.com', '\u0430pple.com'],
    ['https://l\u0456veperson.com/login', new URL('https://l\u0456veperson.com').hostname, 'l\u0456veperson.com'],
    ['https://xn--pple-43d.com/', 'xn--pple-43d.com', '\u0430pple.com'],
    ['https://m\u00fcnchen.de/', 'xn--mnchen-3ya.de', 'm\u00fcnchen.de'],
  ])('asks for %s, showing the punycode host', (raw, host, unicodeHost) => {
    const d = decideExternalLink(raw);
    expect(d).toMatchObject({ status: 'ask', host, unicodeHost });
    expect(d.reason).toContain(host);
  });

  it('refuses every direct request the e2e spec makes', () => {
    for (const url of REFUSED_DIRECT) expect(decideExternalLink(url).status).toBe('refuse');
  });
});

describe('openExternalLink', () => {
  const run = async (raw: string, answer: boolean) => {
    const asked: string[] = [];
    const opened: string[] = [];
    const result = await openExternalLink(raw, {
      confirm: async (d) => {
        asked.push(d.host);
        return answer;
      },
      openExternal: async (u) => {
        opened.push(u);
      },
    });
    return { result, asked, opened };
  };

  it('opens allowed links without asking', async () => {
    expect(await run('https://example.com/x', false)).toEqual({ result: { opened: true }, asked: [], opened: ['https://example.com/x'] });
  });
  it('asks for look-alike hosts and opens only when confirmed', async () => {
    expect(await run('https://\u0430pple.com/', true)).toEqual({ result: { opened: true }, asked: ['xn--pple-43d.com'], opened: ['https://xn--pple-43d.com/'] });
    const no = await run('https://\u0430pple.com/', false);
    expect(no.opened).toEqual([]);
    expect(no.result).toMatchObject({ opened: false });
  });
  it('never asks about nor opens refused links', async () => {
    expect(await run('http://0x7f000001/', true)).toEqual({ result: { opened: false, reason: 'links to an IP address are not opened' }, asked: [], opened: [] });
  });
  it('words the question with the punycode host; the default button does not open', () => {
    const d = decideExternalLink('https://\u0430pple.com/');
    if (d.status !== 'ask') throw new Error(`expected ask, got ${d.status}`);
    const box = confirmLinkDialog(d);
    expect(box.message).toContain('xn--pple-43d.com');
    expect(box.buttons[box.defaultId]).toBe("Don't open");
    expect(box.cancelId).toBe(box.defaultId);
  });
});
