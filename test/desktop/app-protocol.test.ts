import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_SCHEME_PRIVILEGES, createAppProtocolHandler, registerAppScheme, resolveAppRequest } from '../../src-main/desktop/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../src-main/desktop/window';

const root = '/opt/app/dist/renderer';

describe('app:// requests: only files under the renderer folder (issue 17.5)', () => {
  it.each([
    ['app://lp/index.html', `${root}/index.html`, 'text/html; charset=utf-8'],
    ['app://lp/', `${root}/index.html`, 'text/html; charset=utf-8'],
    ['app://lp/assets/index-abc.js?v=1#x', `${root}/assets/index-abc.js`, 'text/javascript; charset=utf-8'],
    ['app://lp/assets/My%20Font.woff2', `${root}/assets/My Font.woff2`, 'font/woff2'],
  ])('%s → %s', (url, file, contentType) => {
    expect(resolveAppRequest('GET', url, root)).toEqual({ file, contentType });
  });

  it.each([
    // The URL parser already folds %2e%2e segments: this one stays inside (renderer/etc/passwd), no such type → 404.
    ['app://lp/%2e%2e/%2e%2e/etc/passwd', 404],
    ['app://lp/..%2f..%2fetc%2fpasswd', 403],
    ['app://lp/assets%2f..%2f..%2f..%2fmain%2fmain.js', 403],
    ['app://lp/..%5c..%5cmain%5cmain.js', 403],
    ['app://lp/index.html%00.png', 403],
    ['app://lp/%2fetc%2fpasswd', 404], // renderer/etc/passwd, not /etc/passwd
    ['app://lp/%2e%2e%2fmain%2fmain.js', 403],
    ['app://evil/index.html', 403],
    ['file:///etc/passwd', 403],
    ['app://lp/%E0%A4%A', 400],
    ['app://lp/secret.txt', 404],
    ['app://lp/assets', 404],
  ])('%s → %i', (url, status) => {
    expect(resolveAppRequest('GET', url, root)).toMatchObject({ status });
  });

  it('serves only GET and HEAD', () => {
    expect(resolveAppRequest('POST', 'app://lp/index.html', root)).toMatchObject({ status: 405 });
    expect(resolveAppRequest('HEAD', 'app://lp/index.html', root)).toMatchObject({ file: `${root}/index.html` });
  });

  it('registers app as a standard, secure scheme (before ready)', () => {
    const calls: unknown[] = [];
    registerAppScheme({ registerSchemesAsPrivileged: (s) => calls.push(s) });
    expect(calls).toEqual([[{ scheme: 'app', privileges: { ...APP_SCHEME_PRIVILEGES.privileges } }]]);
    expect(APP_SCHEME_PRIVILEGES.privileges).toMatchObject({ standard: true, secure: true });
  });
});

describe('the protocol.handle handler', () => {
  let dir = '';
  const logs: string[] = [];
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'lp-proto-'));
    mkdirSync(join(dir, 'renderer', 'assets'), { recursive: true });
    writeFileSync(join(dir, 'renderer', 'index.html'), '<h1>ok</h1>');
    writeFileSync(join(dir, 'renderer', 'assets', 'a.js'), 'void 0;');
    writeFileSync(join(dir, 'secret.json'), '{"password":"x"}');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('answers a file with its type, the CSP and nosniff; a way out of the folder is 403 and logged; a missing file 404', async () => {
    const handle = createAppProtocolHandler({ rootDir: join(dir, 'renderer'), log: (m) => logs.push(m) });
    const ok = await handle(new Request('app://lp/assets/a.js'));
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('void 0;');
    expect(ok.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(ok.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(ok.headers.get('x-content-type-options')).toBe('nosniff');

    const out = await handle(new Request('app://lp/..%2fsecret.json'));
    expect(out.status).toBe(403);
    expect(await out.text()).toBe('');
    expect(logs.some((l) => l.includes('403'))).toBe(true);
    expect((await handle(new Request('app://lp/missing.js'))).status).toBe(404);
  });
});
