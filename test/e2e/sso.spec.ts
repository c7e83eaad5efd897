// Single sign-on (issue 11.6) through the built app on the stand-in: the IT policy names the simulator's
// identity provider and its assertion-consumer URL; "Sign in with single sign-on" opens the login window
// (own in-memory partition, sandboxed, no preload, no Node) on the IdP's page; the agent signs in there;
// main captures the SAMLResponse the page posts, cancels that request, closes the window and signs in
// with the assertion body. Refusals (forged, expired), the window closed by the agent, and the end of
// the session (asked to sign in again exactly once) are each shown in plain words.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { startSimulator } from '../../src-main/simulator';
import type { Simulator } from '../../src-main/simulator/api';
import type { StandinApp } from '../electron-standin/launch';
import { expect, specTempDir, test } from './fixtures';
import { untilMode, untilOnline } from './page-helpers';
import { consumerName } from './standin-helpers';
import { workspace } from './workspace-helpers';

// Room for an app start plus IdP round trips on a machine shared by many runs (not a speed claim).
test.describe.configure({ timeout: 90_000 });
test.skip(({ target }) => target !== 'standin', 'the login window is found through the stand-in\'s recorded windows (real Electron: not wired here)');

const dir = specTempDir('lp-e2e-sso-');
const policyFile = join(dir, 'policy.json');
const username = `sso.agent.${Math.random().toString(36).slice(2, 8)}`;
let sim: Simulator;

// One simulator for the file (workers: 1): beforeAll starts it and writes its URLs into the policy
// file, which each test's app reads at start (test-scoped fixtures are set up after beforeAll).
async function startSsoSimulator(): Promise<void> {
  sim = await startSimulator({
    accountId: '81234567',
    agents: [{ username, password: `unused-${Math.random().toString(36).slice(2)}`, userId: '3000001' }],
    skills: [{ id: '21', name: 'Billing' }],
  });
  writeFileSync(policyFile, JSON.stringify({
    accountId: sim.accountId,
    csdsUrl: sim.csdsUrl,
    allowDemo: false,
    sso: { idpUrl: sim.idp.signInUrl, assertionConsumerUrl: `${sim.baseUrl}/api/account/{accountId}/login*` },
  }));
}

test.use({ appEnv: { LP_AGENT_POLICY_FILE: policyFile, LPAD_DEMO_CONSUMERS: 'off' } });
test.beforeAll(startSsoSimulator);
test.afterAll(async () => { await sim.close(); });
test.beforeEach(() => { sim.idp.issueAs('valid'); });

/** Clicks "Sign in with single sign-on" and returns the login window's id and page once it has loaded the IdP. */
async function openSso(page: Page, standin: StandinApp, before: number): Promise<{ id: number; idp: Page }> {
  await page.getByRole('button', { name: 'Sign in with single sign-on' }).click();
  const rec = await standin.waitFor((s) => s.windows.find((w) => w.id > before && w.webPreferences.partition === 'lp-sso' && w.loaded), { what: 'the SSO login window', timeout: 60_000 });
  return { id: rec.id, idp: await standin.window(rec.id) };
}

async function signInAtIdp(idp: Page): Promise<void> {
  await expect(idp.getByRole('heading', { name: "Your organisation's sign-in" })).toBeVisible();
  await idp.getByLabel('User').fill(username);
  await idp.getByRole('button', { name: 'Sign in' }).click();
}

test('happy path: the IdP\'s SAML response is captured and cancelled, the window closes, the agent is online and takes a ring', async ({ app }) => {
  const standin = app.standin!;
  const { page } = app;
  const logins = sim.inspect.loginCount(username);
  await expect(page.getByText('Opens your organisation\'s sign-in page in its own window (set by your organisation).')).toBeVisible();
  const { id, idp } = await openSso(page, standin, 1);
  const rec = standin.state!.windows.find((w) => w.id === id)!;
  expect(rec.webPreferences).toEqual({
    preload: undefined, contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, spellcheck: false, partition: 'lp-sso',
  });
  expect(rec.url).toBe(sim.idp.signInUrl);
  await signInAtIdp(idp);
  await standin.waitFor((s) => s.windows.find((w) => w.id === id)?.destroyed, { what: 'the login window to close' });
  const acs = `${sim.baseUrl}/api/account/${sim.accountId}/login`;
  expect(standin.state!.webRequests.filter((r) => r.url === acs)).toEqual([{ partition: 'lp-sso', url: acs, method: 'POST', action: 'cancel' }]);
  await untilMode(page, 'live');
  await untilOnline(page);
  expect(sim.inspect.loginCount(username)).toBe(logins + 1);

  const ws = workspace(page);
  const who = consumerName('Sso');
  await sim.consumers.open({ firstName: who.firstName, lastName: who.lastName, skillId: '21', text: 'Hello from SSO' });
  await ws.accept(who.full).click();
  await expect(ws.messages(who.full).filter({ hasText: 'Hello from SSO' })).toHaveCount(1);
  expect(sim.inspect.agentState(username)).toBe('ONLINE');
});

for (const [mode, reason] of [['forged', 'forged (its signature does not verify)'], ['expired', 'expired']] as const) {
  test(`a ${mode} assertion is refused and the form says why`, async ({ app }) => {
    const standin = app.standin!;
    const { page } = app;
    sim.idp.issueAs(mode);
    const { id, idp } = await openSso(page, standin, 1);
    await signInAtIdp(idp);
    await standin.waitFor((s) => s.windows.find((w) => w.id === id)?.destroyed, { what: 'the login window to close' });
    await expect(page.getByRole('alert').filter({ hasText: 'sign-in was refused' })).toHaveText(`Your organisation's sign-in was refused: ${reason}`);
    expect(await page.evaluate(() => window.lp.appState().then((s) => s.mode))).toBe('signed-out');
  });
}

test('the login window closed by the agent: the form says so and nothing changes', async ({ app }) => {
  const standin = app.standin!;
  const { page } = app;
  const logins = sim.inspect.loginCount();
  const { id, idp } = await openSso(page, standin, 1);
  await idp.close();
  await standin.waitFor((s) => s.windows.find((w) => w.id === id)?.destroyed, { what: 'the login window to close' });
  await expect(page.getByRole('alert').filter({ hasText: 'window was closed' })).toHaveText('The single sign-on window was closed before the sign-in finished. Nothing was changed.');
  expect(await page.evaluate(() => window.lp.appState().then((s) => s.mode))).toBe('signed-out');
  expect(sim.inspect.loginCount()).toBe(logins);
  await expect(page.getByRole('button', { name: 'Sign in with single sign-on' })).toBeEnabled();
});

test('the session ends (token expired, the assertion cannot be used again): asked once — one notification, one banner — then signed in again', async ({ app }) => {
  const standin = app.standin!;
  const { page } = app;
  const first = await openSso(page, standin, 1);
  await signInAtIdp(first.idp);
  await untilOnline(page);
  const loginsBefore = sim.inspect.loginCount();

  // LivePerson ends the bearer: the core logs in again with the same assertion, which is refused (used).
  const refused = sim.waitFor('login', (e) => !e.ok, 20_000);
  sim.faults.expireTokens();
  await refused;
  const banner = page.getByRole('alert').filter({ hasText: 'single sign-on session has ended' });
  await expect(banner).toHaveCount(1);
  const notice = await standin.waitFor((s) => s.notifications.find((n) => n.title === 'Sign in again' && n.shown > 0), { what: 'the sign-in-again notification' });
  expect(notice.body).toBe('Your single sign-on session has ended. Sign in again through your organisation to keep receiving conversations.');
  // No loop: exactly the one refused re-login, one notification, one banner.
  expect(sim.inspect.loginCount()).toBe(loginsBefore + 1);
  expect(standin.state!.notifications.filter((n) => n.title === 'Sign in again')).toHaveLength(1);
  await expect(banner).toHaveCount(1);

  // "Sign in again" opens the login window for the same account; signed in, the banner goes.
  await banner.getByRole('button', { name: 'Sign in again' }).click();
  const rec = await standin.waitFor((s) => s.windows.find((w) => w.id > first.id && w.webPreferences.partition === 'lp-sso' && w.loaded), { what: 'a second login window' });
  await signInAtIdp(await standin.window(rec.id));
  await untilOnline(page);
  await expect(banner).toHaveCount(0);
  expect(standin.state!.notifications.filter((n) => n.title === 'Sign in again')).toHaveLength(1);
  expect(sim.inspect.loginCount()).toBe(loginsBefore + 2);
});
