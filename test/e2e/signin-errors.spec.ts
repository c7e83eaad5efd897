// Sign-in failures through the real form, main and core against a live simulator: each shows the
// words a person needs (not a code), clears the password, and leaves the app signed out and usable.
import type { Page } from '@playwright/test';
import type { Simulator } from '../../src-main/simulator/api';
import { expect, freePort, test } from './fixtures';
import { liveSimulatorPerTest, type LiveAgent } from './live-login';
import { untilOnline } from './page-helpers';
import { workspace } from './workspace-helpers';

test.use({ appEnv: { LPAD_DEMO_CONSUMERS: 'off' } });

let sim: Simulator;
let agent: LiveAgent;
liveSimulatorPerTest((live) => ({ sim, agent } = live));

async function attempt(page: Page, fields: { accountId: string; password: string; csdsUrl: string }, expected: string): Promise<void> {
  await page.getByLabel('Account id').fill(fields.accountId);
  await page.getByLabel('Username').fill(agent.username);
  await page.getByLabel('Password').fill(fields.password);
  const advanced = page.getByLabel('CSDS URL (domain service)');
  if (!(await advanced.isVisible())) await page.getByText('Advanced', { exact: true }).click();
  await advanced.fill(fields.csdsUrl);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  // The message of THIS attempt (the previous one may still show for a moment after the click).
  await expect(page.getByRole('alert').filter({ hasText: /\S/ })).toHaveText(expected);
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeEnabled();
  await expect(page.getByLabel('Password')).toHaveValue('');
}

test('wrong password, unknown account and an unreachable domain service each say what went wrong', async ({ app }) => {
  const { page } = app;
  await untilOnline(page);
  await workspace(page).signOut.click();

  await attempt(page, { accountId: agent.accountId, password: 'not-the-password', csdsUrl: sim.csdsUrl },
    'Wrong username or password. Check them and try again.');
  await attempt(page, { accountId: '99999999', password: agent.password, csdsUrl: sim.csdsUrl },
    'Account not found. Check the account id (and the CSDS URL under Advanced).');
  await attempt(page, { accountId: agent.accountId, password: agent.password, csdsUrl: `http://127.0.0.1:${await freePort()}` },
    'Cannot reach LivePerson. Check your network connection and try again.');
  // Nothing of it leaked into the page, and the form still works.
  expect(await page.evaluate(() => document.body.textContent ?? '')).not.toContain(agent.password);
  expect(await page.evaluate(() => window.lp.appState().then((s) => s.mode))).toBe('signed-out');
  await page.getByLabel('Account id').fill(agent.accountId);
  await page.getByLabel('Username').fill(agent.username);
  await page.getByLabel('Password').fill(agent.password);
  await page.getByLabel('CSDS URL (domain service)').fill(sim.csdsUrl);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(workspace(page).connection).toContainText('Connected');
});
