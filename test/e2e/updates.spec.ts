// Updates in the built app (stand-in): a real generic feed on loopback, electron-updater inside the
// app (AppImageUpdater + ElectronHttpExecutor over the stand-in's net.request), a newer version
// downloaded and verified, offered as "Restart to update" — and NOT restarted while a conversation
// is open, neither from the banner nor from the menu. A development build reads its feed from the
// file LP_AGENT_DEV_UPDATE_CONFIG names (update-feed.ts); electron-updater reads it at the first check,
// so the test writes it once the feed is up. Then the agent quits: electron-updater installs on quit
// (autoInstallOnAppQuit) — the downloaded AppImage moved over the running one and run once with
// APPIMAGE_SILENT_INSTALL / APPIMAGE_EXIT_AFTER_INSTALL, as AppImageUpdater does. The release is an
// inert script that records how it was run (feed-server.ts `release`). Not exercised: the Windows
// and macOS installers, and OS code-signature checks.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { release, startFeedServer, type FeedServer } from '../desktop/updates/feed-server';
import { expect, specTempDir, test } from './fixtures';
import { untilOnline } from './page-helpers';
import { consumerName } from './standin-helpers';
import { workspace } from './workspace-helpers';

const dir = specTempDir('lpad-e2e-updates-');
const configPath = join(dir, 'dev-app-update.yml');
const appImage = join(dir, 'old.AppImage');
test.beforeAll(() => {
  writeFileSync(appImage, 'the running AppImage (a placeholder: the differential download falls back to a full one)');
});

test.use({
  demoSim: true,
  appEnv: { LP_AGENT_DEV_UPDATE_CONFIG: configPath, APPIMAGE: appImage, XDG_CACHE_HOME: join(dir, 'cache') },
});
test.setTimeout(120_000);
test.skip(({ target }) => target !== 'standin', 'the feed is reached through the stand-in\'s net.request and the menu clicked through its hooks');

let feed: FeedServer | null = null;
test.afterEach(async () => {
  await feed?.close();
  feed = null;
});

test('a newer version on the feed is downloaded, verified and offered; no restart while a conversation is open; installed when the agent quits', async ({ app }) => {
  const { page } = app;
  const standin = app.standin!;
  const ws = workspace(page);
  await untilOnline(page);
  feed = await startFeedServer();
  const r2 = release('0.2.0');
  feed.serve(r2);
  writeFileSync(configPath, `provider: generic\nurl: ${feed.url}\nupdaterCacheDirName: lp-agent-desktop-updater\n`);

  // A conversation the agent holds.
  const who = consumerName('Update');
  await app.demo!.open({ firstName: who.firstName, lastName: who.lastName, skillId: '11', text: 'Still here' });
  await ws.accept(who.full).click();
  await expect(ws.messages(who.full).filter({ hasText: 'Still here' })).toHaveCount(1);

  // Diagnostics → Check for updates.
  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await dialog.getByLabel('Updates').getByRole('button', { name: 'Check for updates' }).click();
  const banner = page.getByRole('status', { name: 'Update ready' });
  await expect(banner).toContainText('Version 0.2.0 is ready', { timeout: 30_000 });
  await expect(dialog.getByLabel('Updates')).toContainText('Version 0.2.0 is downloaded and verified');
  // Through Electron's net (the stand-in's ClientRequest) in electron-updater's own session partition.
  const state = await standin.snapshot();
  expect(state.netRequests).toEqual(expect.arrayContaining([
    { method: 'GET', url: expect.stringContaining(`${feed.url}/latest-linux.yml`), partition: 'electron-updater' },
    { method: 'GET', url: `${feed.url}/${r2.file}`, partition: 'electron-updater' },
  ]));
  expect(feed.requests).toContain(`GET /feed/${r2.file}`);

  // Restart refused from the banner …
  await dialog.getByRole('button', { name: 'Close dialog' }).click();
  await banner.getByRole('button', { name: 'Restart to update' }).click();
  await expect(banner.getByRole('alert')).toContainText('1 conversation is open');
  // … and from the menu, which now offers it.
  await standin.waitFor((s) => JSON.stringify(s.app.applicationMenu).includes('Restart to update (0.2.0)'), { what: 'the menu item' });
  await standin.clickMenuItem('restart-to-update');
  const box = await standin.waitFor((s) => s.dialogs.find((d) => d.title === 'Restart to update'), { what: 'the refusal box' });
  expect(box.detail).toMatch(/1 conversation is open/);
  await expect.poll(() => readFileSync(join(app.userDataDir, 'logs', 'main.log'), 'utf8')).toMatch(/restart to update refused: conversations-open/);
  // Still running, still online, the conversation still there.
  expect((await standin.snapshot()).app.quitting).toBe(false);
  await expect(ws.messages(who.full).filter({ hasText: 'Still here' })).toHaveCount(1);

  // The agent quits (their choice, conversation or not): the update installs on the way out.
  expect(existsSync(`${appImage}.ran`)).toBe(false);
  const end = await standin.quit();
  expect(end.code).toBe(0);
  expect(readFileSync(appImage).equals(r2.bytes)).toBe(true);
  expect(readFileSync(`${appImage}.ran`, 'utf8')).toBe('0.2.0 true true\n');
});
