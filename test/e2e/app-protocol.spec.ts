// The renderer is served from app://lp/ (src-main/desktop/app-protocol.ts), not file:// — issue 17.5:
// a page from file:// gets Chromium's extra file privileges. The page cannot read local files, the
// app:// handler serves only the built renderer folder, and IPC trusts that origin wherever the app
// is installed (issue 16.8: the file:// URL comparison failed on `%` and drive-letter paths).
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { launchStandin } from '../electron-standin/launch';
import { builtMain, expect, test } from './fixtures';

test('the renderer cannot fetch file:///etc/hostname, and its page is not a file:// page', async ({ app }) => {
  const outcome = await app.page.evaluate(async () => {
    try {
      const res = await fetch('file:///etc/hostname');
      return `read ${(await res.text()).length} bytes`;
    } catch (err) {
      return `refused: ${err instanceof Error ? err.name : String(err)}`;
    }
  });
  expect(outcome).toMatch(/^refused/);
  expect(await app.page.evaluate(() => location.protocol)).not.toBe('file:');
});

test('stand-in: app is registered standard + secure before ready, handled after it, and served the page', async ({ app, target }) => {
  test.skip(target !== 'standin', 'reads what main passed to the protocol module: stand-in only');
  const state = await app.standin!.snapshot();
  expect(state.protocols.privileged).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
  expect(state.protocols.handled).toEqual(['app']);
  expect(state.windows[0]?.url).toBe('app://lp/index.html');
  expect(state.protocolRequests.map((r) => r.url)).toEqual(expect.arrayContaining(['app://lp/index.html']));
  expect(state.protocolRequests.some((r) => /^app:\/\/lp\/assets\/.+\.js$/.test(r.url))).toBe(true);
});

test('stand-in: installed under a folder with % and spaces, every IPC call is still trusted (issue 16.8)', async ({ target }) => {
  test.skip(target !== 'standin', 'relaunches the built app from another folder: stand-in only');
  const base = mkdtempSync(join(tmpdir(), 'lp-%25 install-'));
  const install = join(base, '100% agents', 'LP Agent Desktop');
  cpSync(dirname(dirname(builtMain())), join(install, 'dist'), { recursive: true });
  const moved = await launchStandin({ main: join(install, 'dist', 'main', 'main.js'), env: { LPAD_DEMO_CONSUMERS: 'off' } });
  try {
    const page = await moved.firstWindow();
    const state = await page.evaluate(() => window.lp.appState());
    expect(state.version).toBeTruthy();
    const refused = (await moved.snapshot()).ipc.filter((c) => c.kind === 'invoke' && !c.ok && /403/.test(c.error ?? ''));
    expect(refused).toEqual([]);
  } finally {
    await moved.close();
    rmSync(base, { recursive: true, force: true });
  }
});
