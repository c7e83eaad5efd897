// Files on disk that went bad, by hand, before the app starts: the settings file and the credentials
// file are moved aside with a timestamp, the app starts with defaults, and the user is told once (a
// reload of the window does not repeat it).
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchStandin } from '../electron-standin/launch';
import { builtMain, expect, test } from './fixtures';
import { untilOnline } from './page-helpers';

test.skip(({ target }) => target !== 'standin', 'the user-data dir is prepared before launch through the stand-in launcher');

test('a damaged settings file and credentials file: moved aside, defaults used, the user told once', async () => {
  const userDataDir = mkdtempSync(join(tmpdir(), 'lp-damaged-'));
  writeFileSync(join(userDataDir, 'settings.json'), '{"schemaVersion":1,"settings":{"sound":fa');
  writeFileSync(join(userDataDir, 'credentials.json'), '\u0000\u0000\u0000');
  const app = await launchStandin({ main: builtMain(), userDataDir, env: { LPAD_DEMO_CONSUMERS: 'off' } });
  try {
    const page = await app.firstWindow();
    await untilOnline(page);
    await expect(page.getByRole('alert').filter({ hasText: 'Your settings file was damaged' })).toBeVisible();
    await expect(page.getByRole('alert').filter({ hasText: 'The saved sign-in (credentials file) was damaged' })).toBeVisible();
    const files = readdirSync(userDataDir);
    const settingsAside = files.find((f) => /^settings\.json\.corrupt-\d{8}T\d{6}Z$/.test(f));
    expect(settingsAside).toBeDefined();
    expect(readFileSync(join(userDataDir, settingsAside!), 'utf8')).toBe('{"schemaVersion":1,"settings":{"sound":fa');
    expect(files.some((f) => /^credentials\.json\.corrupt-\d{8}T\d{6}Z$/.test(f))).toBe(true);
    // Defaults in use, and a fresh, valid settings file.
    expect(await page.evaluate(() => window.lp.settingsGet().then((s) => s.sound))).toBe(true);
    expect(() => JSON.parse(readFileSync(join(userDataDir, 'settings.json'), 'utf8')) as unknown).not.toThrow();

    // Told once: after a reload of the window (View → Reload: webContents.reload(), as in Electron;
    // a Playwright page.reload() would be a navigation the app's guard refuses) the notice is not repeated.
    const reloaded = page.waitForEvent('load');
    await app.clickMenuItem('reload');
    await reloaded;
    await untilOnline(page);
    await expect(page.locator('.workspace')).toBeVisible();
    await expect(page.getByText('was damaged')).toHaveCount(0);
  } finally {
    await app.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
});
