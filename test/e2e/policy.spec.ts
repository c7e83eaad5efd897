// The IT policy file (issue 11.8) through the built app: LP_AGENT_POLICY_FILE points main at a file
// written here; a valid one locks sign-in fields and switches demo off, a malformed one is rejected
// whole with its path and first error in a banner and in the log.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, specTempDir, test } from './fixtures';

const dir = specTempDir('lp-e2e-policy-');
const goodPolicy = join(dir, 'good.json');
const badPolicy = join(dir, 'bad.json');
test.beforeAll(() => {
  writeFileSync(goodPolicy, JSON.stringify({ accountId: '12345678', csdsUrl: 'https://adminlogin.liveperson.net', allowDemo: false, allowRememberPassword: false }));
  writeFileSync(badPolicy, '{"accountId": "12345678", "allowDemo": "no"}');
});

test.describe('a valid policy', () => {
  test.use({ appEnv: { LPAD_DEMO_CONSUMERS: 'off', LP_AGENT_POLICY_FILE: goodPolicy } });
  test('locks the account id and domain service, and keeps the app out of demo', async ({ app }) => {
    const { page } = app;
    const account = page.getByLabel('Account id');
    await expect(account).toHaveValue('12345678');
    await expect(account).toHaveAttribute('readonly', '');
    await expect(page.getByText('Set by your organisation').first()).toBeVisible();
    await expect(page.getByRole('button', { name: 'Try the demo' })).toHaveCount(0);
    await expect(page.getByLabel('Remember me on this computer')).toHaveCount(0);
    expect(await page.evaluate(() => window.lp.appState().then((s) => ({ mode: s.mode, locked: s.policy?.locked })))).toEqual({
      mode: 'signed-out', locked: ['accountId', 'allowDemo', 'allowRememberPassword', 'csdsUrl'],
    });
  });
});

test.describe('a malformed policy', () => {
  test.use({ appEnv: { LPAD_DEMO_CONSUMERS: 'off', LP_AGENT_POLICY_FILE: badPolicy } });
  test('is rejected whole: banner and log name the file and its first error; nothing locked', async ({ app }) => {
    const { page } = app;
    const expected = `IT policy file ${badPolicy} was ignored: allowDemo: Invalid input: expected boolean, received string`;
    await expect(page.getByRole('alert').filter({ hasText: 'IT policy file' })).toHaveText(expected);
    // rejected whole: the valid accountId in the same file is not applied, demo starts as usual
    await expect.poll(() => page.evaluate(() => window.lp.appState().then((s) => ({ mode: s.mode, locked: s.policy?.locked })))).toEqual({ mode: 'demo', locked: [] });
    const logs = join(app.userDataDir, 'logs');
    const text = readdirSync(logs).map((f) => readFileSync(join(logs, f), 'utf8')).join('\n');
    expect(text).toContain(expected);
  });
});
