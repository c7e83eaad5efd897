// Settings → Network in main (src-main/desktop/network/network-controls.ts): a bad proxy is refused
// with a clear error and nothing saved; the policy's proxy is locked; certificate files through the
// open dialog (cancel, hostile, good → reconnect); Diagnostics' network lines.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNetworkControls } from '../../../src-main/desktop/network/network-controls';
import { createTrustedCertificates } from '../../../src-main/desktop/network/trusted-certificates';
import type { Policy } from '../../../src-main/desktop/policy/policy-schema';
import { DEFAULT_SETTINGS, type Settings } from '../../../src-preload/api';
import { makeCa, type TestCa } from '../../network/pki';

let ca: TestCa;
/** Every file of this test goes under here. */
let root: string;
beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'lp-netctl-'));
  ca = await makeCa('Corp Root', root);
}, 60_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

function setUp(policy: Policy = {}, chosen: Array<string | null> = []) {
  let settings: Settings = { ...DEFAULT_SETTINGS };
  const reconnects: string[] = [];
  const dir = mkdtempSync(join(root, 'controls-'));
  const controls = createNetworkControls({
    settings: { get: () => settings, set: (patch) => { settings = { ...settings, ...patch }; return settings; } },
    policy,
    certificates: createTrustedCertificates({ file: join(dir, 't.json'), policyFiles: [], log: () => undefined }),
    phase: { socketRoute: () => 'PROXY 127.0.0.1:3128', socketIssuer: () => 'Corp Root, Test Corp', describe: () => 'manual http://127.0.0.1:3128' },
    chooseCertificateFile: async () => chosen.shift() ?? null,
    reconnect: (why) => reconnects.push(why),
    log: () => undefined,
  });
  return { controls, reconnects, dir, settings: () => settings };
}

describe('network controls', () => {
  it.each([
    [{ mode: 'manual' as const, url: 'ftp://proxy:21', bypass: '' }, 'Proxy not changed: the proxy URL scheme "ftp:" is not supported (use http, https, socks4 or socks5).'],
    [{ mode: 'manual' as const, url: '', bypass: '' }, 'Proxy not changed: the proxy URL is empty.'],
    [{ mode: 'manual' as const, url: 'http://me:pw@proxy:3128', bypass: '' }, 'Proxy not changed: leave the user name and password out of the proxy URL: the app asks for them when the proxy wants them.'],
    [{ mode: 'manual' as const, url: 'proxy:3128', bypass: 'ok.example, bad"host' }, 'Proxy not changed: the bypass entry "bad"host" is not a host, domain, IP range, <local> or <-loopback>.'],
  ])('refuses %j with a clear error and saves nothing', (input, message) => {
    const { controls, settings } = setUp();
    expect(() => controls.setProxy(input)).toThrow(message);
    expect(settings()).toEqual(DEFAULT_SETTINGS);
  });

  it('saves a valid manual proxy and shows it', () => {
    const { controls, settings } = setUp();
    const view = controls.setProxy({ mode: 'manual', url: ' proxy.corp:3128 ', bypass: '*.corp.example, <local>' });
    expect(settings()).toMatchObject({ proxyMode: 'manual', proxyUrl: 'proxy.corp:3128', proxyBypass: '*.corp.example, <local>' });
    expect(view).toMatchObject({ proxy: { mode: 'manual', url: 'proxy.corp:3128' }, proxyLocked: false });
  });

  it('shows the policy\'s proxy locked and refuses to change it', () => {
    const { controls } = setUp({ proxy: { mode: 'manual', url: 'http://proxy.corp:8080', bypass: ['*.corp'] } });
    expect(controls.get()).toMatchObject({ proxy: { mode: 'manual', url: 'http://proxy.corp:8080', bypass: '*.corp' }, proxyLocked: true });
    expect(() => controls.setProxy({ mode: 'none', url: '', bypass: '' })).toThrow('The proxy is set by your organisation and cannot be changed here.');
  });

  it('adds a certificate chosen in the open dialog and reconnects; cancel and a hostile file change nothing', async () => {
    const { controls, reconnects, dir } = setUp({}, [null, join(dir0(), 'x'), '']);
    expect(await controls.addCertificate()).toBeNull();
    await expect(controls.addCertificate()).rejects.toThrow(/^Certificate not added: x cannot be read \(ENOENT\)\.$/);
    expect(reconnects).toEqual([]);
    const good = join(dir, 'corp.pem');
    writeFileSync(good, ca.cert);
    const { controls: c2, reconnects: r2 } = setUp({}, [good]);
    const view = await c2.addCertificate();
    expect(view?.certificates).toEqual([expect.objectContaining({ subject: 'Corp Root, Test Corp', source: 'user' })]);
    expect(r2).toEqual(['trusted certificates changed']);
    expect(c2.removeCertificate(view!.certificates[0]!.fingerprint).certificates).toEqual([]);
    expect(r2).toHaveLength(2);
    expect(controls.get().certificates).toEqual([]);
  });

  it('gives Diagnostics the proxy, the socket route and the certificate issuer', () => {
    expect(setUp().controls.diagnostics()).toEqual({ proxy: 'manual http://127.0.0.1:3128', socketRoute: 'PROXY 127.0.0.1:3128', certificateIssuer: 'Corp Root, Test Corp' });
  });
});

function dir0(): string {
  return mkdtempSync(join(root, 'missing-'));
}
