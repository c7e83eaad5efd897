// Settings → Network and the network errors through the built app on the stand-in (issue 11 items
// 3–4): a bad manual proxy refused in words; trusted certificates added through main's open dialog
// (stand-in dialog.showOpenDialog), listed with subject, issuer and expiry (expired marked), a hostile
// file refused with nothing changed, removed; the IT policy's proxy and certificate files shown
// locked; and, against real squid and real TLS, the untrusted inspecting certificate (issuer named)
// and the proxy's 403 on the sign-in form, the proxy gone in the connection banner.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { startSimulator } from '../../src-main/simulator';
import { launchStandin, type StandinApp } from '../electron-standin/launch';
import { makeCa, makeLeaf } from '../network/pki';
import { startSquid } from '../network/squid';
import { builtMain, expect, specTempDir, test } from './fixtures';
import { liveLogin, startLiveSimulator } from './live-login';
import { untilMode, untilOnline } from './page-helpers';

test.skip(({ target }) => target !== 'standin', 'the open dialog and the policy file are driven through stand-in hooks');
test.setTimeout(150_000);

const dir = specTempDir('lp-e2e-network-');

async function openNetwork(standin: StandinApp, page: Page) {
  await standin.clickMenuItem('settings');
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await expect(dialog).toBeVisible();
  return dialog.getByRole('group', { name: 'Network' });
}

async function withApp(env: Record<string, string>, body: (standin: StandinApp, page: Page) => Promise<void>): Promise<void> {
  const standin = await launchStandin({ main: builtMain(), userDataDir: mkdtempSync(join(dir, 'ud-')), env: { LPAD_DEMO_CONSUMERS: 'off', ...env } });
  try {
    await body(standin, await standin.firstWindow());
  } finally {
    await standin.close();
  }
}

test('manual proxy validated; certificates added, listed, refused when hostile, removed', async () => {
  const ca = await makeCa('Corp Root', dir);
  const good = join(dir, 'corp-root.pem');
  writeFileSync(good, ca.cert);
  const expired = join(dir, 'old-leaf.pem');
  writeFileSync(expired, (await makeLeaf(ca, 'old.corp.example', -1)).cert);
  const huge = join(dir, 'huge.pem');
  writeFileSync(huge, Buffer.alloc(2 * 1024 * 1024, 65));
  const key = join(dir, 'key.pem');
  writeFileSync(key, `-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n${ca.cert}`);

  await withApp({}, async (standin, page) => {
    await untilOnline(page);
    const network = await openNetwork(standin, page);
    const proxy = network.getByRole('group', { name: 'Proxy' });
    await expect(proxy.getByLabel('Use the system proxy settings (default)')).toBeChecked();
    await proxy.getByLabel('Manual proxy').check();
    await proxy.getByLabel('Proxy URL').fill('ftp://proxy.corp.example:21');
    await proxy.getByRole('button', { name: 'Apply proxy' }).click();
    await expect(proxy.getByRole('alert')).toHaveText('Proxy not changed: the proxy URL scheme "ftp:" is not supported (use http, https, socks4 or socks5).');
    expect(await page.evaluate(() => window.lp.settingsGet().then((s) => s.proxyMode))).toBe('system');

    const certs = network.getByRole('group', { name: 'Trusted certificates' });
    await standin.nextOpenDialog([good]);
    await certs.getByRole('button', { name: 'Add a certificate file…' }).click();
    const list = certs.getByRole('list', { name: 'Trusted certificates' });
    await expect(list.getByRole('listitem')).toHaveCount(1);
    await expect(list.getByRole('listitem').first()).toContainText(/Corp Root, Test Corp issued by Corp Root, Test Corp; expires \d{4}-\d{2}-\d{2}/);
    await standin.nextOpenDialog([expired]);
    await certs.getByRole('button', { name: 'Add a certificate file…' }).click();
    await expect(list.getByRole('listitem').nth(1)).toContainText(/old\.corp\.example issued by Corp Root, Test Corp; expired \d{4}-\d{2}-\d{2}/);
    const opened = (await standin.snapshot()).dialogs.filter((d) => d.fn === 'showOpenDialog');
    expect(opened.map((d) => d.title)).toEqual(['Add a trusted certificate', 'Add a trusted certificate']);

    for (const [file, words] of [[huge, 'Certificate not added: huge.pem is too large for a certificate file (over 1024 KiB).'],
      [key, 'Certificate not added: key.pem holds a private key: give only the certificate (never share the key).']] as const) {
      await standin.nextOpenDialog([file]);
      await certs.getByRole('button', { name: 'Add a certificate file…' }).click();
      await expect(certs.getByRole('alert')).toHaveText(words);
      await expect(list.getByRole('listitem')).toHaveCount(2);
    }
    await standin.nextOpenDialog(null);
    await certs.getByRole('button', { name: 'Add a certificate file…' }).click();
    await expect(certs.getByRole('alert')).toHaveCount(0);

    await certs.getByRole('button', { name: 'Remove Corp Root, Test Corp' }).click();
    await expect(list.getByRole('listitem')).toHaveCount(1);
    await expect(list.getByRole('listitem')).toContainText('old.corp.example');
  });
});

test('the IT policy\'s proxy and certificate files are shown locked', async () => {
  const ca = await makeCa('Policy Root', dir);
  const file = join(dir, 'policy-root.pem');
  writeFileSync(file, ca.cert);
  const policy = join(dir, 'locked-policy.json');
  writeFileSync(policy, JSON.stringify({ proxy: { mode: 'manual', url: 'http://proxy.corp.example:3128', bypass: ['*.corp.example'] }, trustedCertificateFiles: [file, join(dir, 'missing.pem')] }));
  await withApp({ LP_AGENT_POLICY_FILE: policy }, async (standin, page) => {
    await untilOnline(page);
    const network = await openNetwork(standin, page);
    const proxy = network.getByRole('group', { name: 'Proxy' });
    await expect(proxy.getByText('Set by your organisation')).toBeVisible();
    await expect(proxy.getByLabel('Manual proxy')).toBeChecked();
    await expect(proxy.getByLabel('Manual proxy')).toBeDisabled();
    await expect(proxy.getByLabel('No proxy')).toBeDisabled();
    await expect(proxy.getByLabel('Proxy URL')).toHaveValue('http://proxy.corp.example:3128');
    await expect(proxy.getByLabel('Proxy URL')).toBeDisabled();
    await expect(proxy.getByRole('button', { name: 'Apply proxy' })).toHaveCount(0);
    const certs = network.getByRole('group', { name: 'Trusted certificates' });
    await expect(certs.getByRole('listitem')).toHaveText(/Policy Root, Test Corp issued by Policy Root, Test Corp; expires .* — Set by your organisation \(policy-root\.pem\)/);
    await expect(certs.getByRole('button', { name: /^Remove/ })).toHaveCount(0);
    await expect(certs.getByRole('alert')).toContainText(`IT policy certificate file ${join(dir, 'missing.pem')} was not loaded: missing.pem cannot be read (ENOENT)`);
    const diag = await page.evaluate(() => window.lp.diagnosticsGet().then((d) => d.network));
    expect(diag?.proxy).toBe('manual http://proxy.corp.example:3128, bypass *.corp.example (set by your organisation)');
  });
});

async function signIn(page: Page, f: { accountId: string; username: string; password: string; csdsUrl: string }): Promise<void> {
  await page.getByLabel('Account id').fill(f.accountId);
  await page.getByLabel('Username').fill(f.username);
  await page.getByLabel('Password').fill(f.password);
  const advanced = page.getByLabel('CSDS URL (domain service)');
  if (!(await advanced.isVisible())) await page.getByText('Advanced', { exact: true }).click();
  await advanced.fill(f.csdsUrl);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

test('sign-in form: TLS inspection by an untrusted root names its issuer; the proxy\'s 403 says it blocks LivePerson', async () => {
  const corp = await makeCa('Test Corp Inspection Root', dir);
  const sim = await startSimulator({ tls: true });
  const simCa = join(dir, 'sim.pem');
  await writeFile(simCa, sim.tls!.cert);
  const bump = await startSquid({ bump: { ca: corp, upstreamCaFile: simCa } });
  const deny = await startSquid({ denyPorts: [Number(new URL(sim.csdsUrl).port)] });
  const a = sim.agents[0]!;
  try {
    for (const [squid, words] of [
      [bump, 'Cannot connect securely: the server\'s certificate is not trusted (ERR_CERT_AUTHORITY_INVALID): the connection is inspected with a certificate this computer does not trust: Test Corp Inspection Root, Test Corp; ask IT, or add it in Settings → Network.'],
      [deny, 'Cannot connect through the proxy: your network\'s proxy blocks LivePerson (the proxy refused the connection).'],
    ] as const) {
      const policy = join(dir, `policy-${squid.port}.json`);
      writeFileSync(policy, JSON.stringify({ proxy: { mode: 'manual', url: squid.url, bypass: ['<-loopback>'] }, allowDemo: false }));
      await withApp({ LP_AGENT_POLICY_FILE: policy }, async (_standin, page) => {
        await untilMode(page, 'signed-out');
        await signIn(page, { accountId: sim.accountId, username: a.username, password: a.password, csdsUrl: sim.csdsUrl });
        await expect(page.getByRole('alert').filter({ hasText: /\S/ })).toHaveText(words);
      });
    }
    expect(await deny.accessLog()).toContain('TCP_DENIED/403');
  } finally {
    await bump.close();
    await deny.close();
    await sim.close();
  }
});

test('connection banner: the proxy gone mid-session is said in words; back → online again', async () => {
  const { sim, agent } = await startLiveSimulator();
  const squid = await startSquid({});
  const policy = join(dir, 'banner-policy.json');
  writeFileSync(policy, JSON.stringify({ proxy: { mode: 'manual', url: squid.url, bypass: ['<-loopback>'] }, allowDemo: false }));
  try {
    await withApp({ LP_AGENT_POLICY_FILE: policy }, async (_standin, page) => {
      await untilMode(page, 'signed-out');
      await liveLogin(page, agent, sim.csdsUrl, false);
      // squid killed: the tunnels it carried are cut, the reconnect finds no proxy
      await squid.stop();
      const banner = page.locator('.connection');
      await expect(banner.getByRole('alert')).toContainText('Cannot connect through the proxy: the proxy', { timeout: 30_000 });
      await expect(banner.getByRole('alert')).toContainText('cannot be reached');
      await expect(banner.getByRole('alert')).toContainText('check the proxy setting, or ask IT.');
      await squid.start();
      // the reconnect backoff (1 s, doubling) finds it again
      await untilOnline(page, 60_000);
      await expect(banner.getByRole('alert')).toHaveCount(0);
    });
  } finally {
    await squid.close();
    await sim.close();
  }
});
