// The application menu on the built app (stand-in): our menu instead of Electron's default, About,
// Settings / Diagnostics opened in the window, the shortcut list, and zoom kept across a restart.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RecordedMenuItem } from '../electron-standin/protocol';
import { launchStandin } from '../electron-standin/launch';
import { builtMain, expect, test } from './fixtures';
import { untilOnline } from './page-helpers';

test.use({ appEnv: { LPAD_DEMO_CONSUMERS: 'off' } });
test.skip(({ target }) => target !== 'standin', 'the application menu is clicked through stand-in hooks');

const labels = (items: RecordedMenuItem[] | null | undefined): string[] =>
  (items ?? []).flatMap((i) => [i.label ?? i.role ?? i.type, ...labels(i.submenu)]);

test('the app sets its own menu: About, Settings, Diagnostics, Export logs, zoom, shortcuts, Quit', async ({ app }) => {
  const standin = app.standin!;
  const menu = await standin.waitFor((s) => s.app.applicationMenu, { what: 'the application menu' });
  expect(menu.map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Window', 'Help']);
  expect(labels(menu)).toEqual(expect.arrayContaining(['About LP Agent Desktop', 'Settings…', 'Diagnostics…', 'Export logs…', 'Zoom in', 'Zoom out', 'Actual size', 'Keyboard shortcuts', 'Quit', 'Copy', 'Paste', 'Select all']));

  await standin.clickMenuItem('about');
  const about = await standin.waitFor((s) => s.dialogs.find((d) => d.title === 'About LP Agent Desktop'), { what: 'the About box' });
  expect(about.message).toMatch(/^LP Agent Desktop \d+\.\d+\.\d+/);
  expect(about.detail).toMatch(/Electron .*\nChromium .*\nNode\.js /);

  await standin.clickMenuItem('shortcuts');
  const keys = await standin.waitFor((s) => s.dialogs.find((d) => d.title === 'Keyboard shortcuts'), { what: 'the shortcut list' });
  expect(keys.detail).toContain('F1 — Keyboard shortcuts');
  // No global accept-oldest shortcut unless the agent sets one (#16.3), so the list does not claim one.
  expect(keys.detail).not.toContain('Accept the oldest request');
});

test('Settings… and Diagnostics… open in the window', async ({ app }) => {
  await untilOnline(app.page);
  await app.standin!.clickMenuItem('settings');
  const dialog = app.page.getByRole('dialog', { name: 'Settings' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Close dialog' }).click();
  await expect(dialog).toBeHidden();
  await app.standin!.clickMenuItem('diagnostics');
  await expect(app.page.getByRole('heading', { name: 'Diagnostics' })).toBeInViewport();
});

test('zoom from the View menu is applied and kept for the next start', async () => {
  const userDataDir = mkdtempSync(join(tmpdir(), 'lp-menu-zoom-'));
  const env = { LPAD_DEMO_CONSUMERS: 'off' };
  try {
    const first = await launchStandin({ main: builtMain(), userDataDir, env });
    try {
      await first.firstWindow();
      await first.clickMenuItem('zoom-in');
      await first.clickMenuItem('zoom-in');
      await first.waitFor((s) => s.windows[0]?.zoomLevel === 1, { what: 'zoom level 1' });
    } finally {
      await first.close();
    }
    const second = await launchStandin({ main: builtMain(), userDataDir, env });
    try {
      await second.firstWindow();
      await second.waitFor((s) => s.windows[0]?.loaded && s.windows[0].zoomLevel === 1, { what: 'the remembered zoom level' });
      await second.clickMenuItem('zoom-reset');
      await second.waitFor((s) => s.windows[0]?.zoomLevel === 0, { what: 'zoom reset' });
    } finally {
      await second.close();
    }
  } finally {
    rmSync(userDataDir, { recursive: true, force: true });
  }
});
