// The app where the OS lets it down: (1) the notification daemon fails — the ring still gets the
// agent's attention (frame flashing, an in-window banner whose Accept works); (2) Linux without a
// keyring (safeStorage backend basic_text) — "remember me" asks before storing the password weakly,
// keeps it in memory only without consent, and says what it did. Both knobs exist in the stand-in only.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Simulator } from '../../src-main/simulator/api';
import { expect, test } from './fixtures';
import { liveSimulatorPerTest, type LiveAgent } from './live-login';
import { untilMode, untilOnline } from './page-helpers';
import { consumerName } from './standin-helpers';
import { workspace } from './workspace-helpers';

test.skip(({ target }) => target !== 'standin', 'a failing notification daemon and a keyring-less system are stand-in knobs');

test.describe('notifications fail', () => {
  test.use({ demoSim: true, appEnv: { STANDIN_NOTIFICATIONS_FAIL: '1' } });

  test('a ring still flashes the frame and shows an in-window banner whose Accept joins the conversation', async ({ app }) => {
    const { page } = app;
    const standin = app.standin!;
    const ws = workspace(page);
    await untilOnline(page);
    await standin.setWindowFocused(false);
    const who = consumerName('Fail');
    const { conversationId } = await app.demo!.open({ firstName: who.firstName, lastName: who.lastName, skillId: '11', text: 'Anyone there?' });
    // The daemon refused it: the window flashes and the banner says which ring.
    await standin.waitFor((s) => s.windows[0]?.flashing, { what: 'the frame to flash' });
    const banner = page.locator('.banner').filter({ hasText: /· Billing · \d+:\d\d left/ });
    await expect(banner).toHaveCount(1);
    // …and the log says why.
    const logDir = join(app.userDataDir, 'logs');
    await expect.poll(() => readdirSync(logDir).some((f) => readFileSync(join(logDir, f), 'utf8').includes('notification failed: notification daemon unavailable'))).toBe(true);

    await banner.getByRole('button', { name: 'Accept' }).click();
    await expect(banner).toHaveCount(0);
    await expect(page.getByRole('heading', { level: 2, name: who.full })).toBeVisible();
    await expect(ws.messages(who.full).filter({ hasText: 'Anyone there?' })).toHaveCount(1);
    await expect.poll(async () => (await app.demo!.conversation(conversationId)).participants.ASSIGNED_AGENT ?? []).toHaveLength(1);
  });
});

test.describe('no keyring (basic_text)', () => {
  test.use({ appEnv: { STANDIN_STORAGE_BACKEND: 'basic_text', LPAD_DEMO_CONSUMERS: 'off' } });

  let sim: Simulator;
  let agent: LiveAgent;
  liveSimulatorPerTest((live) => ({ sim, agent } = live));

  test('"remember me" asks first: without consent the password stays in memory; with it, it is stored marked weak', async ({ app }) => {
    const { page } = app;
    const ws = workspace(page);
    const credentialsFile = join(app.userDataDir, 'credentials.json');
    const signIn = async (consent: boolean): Promise<void> => {
      await page.getByLabel('Account id').fill(agent.accountId);
      await page.getByLabel('Username').fill(agent.username);
      await page.getByLabel('Password').fill(agent.password);
      await page.getByLabel('Remember me on this computer').check();
      const ask = page.getByRole('group', { name: /Your system has no keyring/ });
      await expect(ask).toBeVisible();
      if (consent) await ask.getByLabel('Store it anyway (not encrypted)').check();
      await page.getByText('Advanced', { exact: true }).click();
      await page.getByLabel('CSDS URL (domain service)').fill(sim.csdsUrl);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await untilMode(page, 'live');
    };

    await untilOnline(page);
    expect(await page.evaluate(() => window.lp.appState().then((s) => s.secretStorage))).toBe('weak');
    await ws.signOut.click();

    // No consent: signed in, nothing written, and the app says so.
    await signIn(false);
    await expect(ws.connection).toContainText('Connected');
    expect(await page.evaluate(() => window.lp.appState().then((s) => s.secretsPersisted))).toBe(false);
    expect(existsSync(credentialsFile)).toBe(false);

    // Consent: stored, marked weak, the password not in clear text in the file.
    await ws.signOut.click();
    await signIn(true);
    await expect(ws.connection).toContainText('Connected');
    expect(await page.evaluate(() => window.lp.appState().then((s) => s.secretsPersisted))).toBe(true);
    const stored = JSON.parse(readFileSync(credentialsFile, 'utf8')) as Record<string, unknown>;
    // The consent path is real: Electron lets basic_text encrypt only after setUsePlainTextEncryption(true).
    expect(stored).toMatchObject({ version: 2, username: agent.username, backend: 'basic_text', weak: true, scheme: 'safeStorage' });
    if (app.standin) expect((await app.standin.snapshot()).safeStorage.usePlainText).toBe(true);
    expect(readFileSync(credentialsFile, 'utf8')).not.toContain(agent.password);
  });
});
