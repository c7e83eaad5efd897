// The composer's draft is kept by main: a renderer that dies (render-process-gone, reloaded by main)
// and a restart of the whole app (a live account, remembered, against a simulator this test owns,
// so the conversation outlives the app) both find the half-typed text in the composer again.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchStandin, type StandinApp } from '../electron-standin/launch';
import { builtMain, expect, test } from './fixtures';
import { liveLogin, startLiveSimulator } from './live-login';
import { untilOnline } from './page-helpers';
import { consumerName } from './standin-helpers';
import { workspace } from './workspace-helpers';

test.setTimeout(120_000);
test.skip(({ target }) => target !== 'standin', 'the renderer is killed and the app restarted through stand-in hooks');

test('a draft survives a renderer crash and an app restart; sending drops it', async () => {
  const { sim, agent } = await startLiveSimulator();
  const userDataDir = mkdtempSync(join(tmpdir(), 'lp-drafts-'));
  const env = { LPAD_DEMO_CONSUMERS: 'off' };
  let app: StandinApp | null = null;
  try {
    app = await launchStandin({ main: builtMain(), userDataDir, env });
    let page = await app.firstWindow();
    await untilOnline(page).catch(() => undefined); // demo first (no saved account), then the live login
    await liveLogin(page, agent, sim.csdsUrl, true);
    const who = consumerName('Draft');
    const consumer = await sim.consumers.open({ firstName: who.firstName, lastName: who.lastName, skillId: '21', text: 'Need help' });
    let ws = workspace(page);
    await ws.accept(who.full).click();
    await ws.conversation(who.full).click();
    await ws.composer.click();
    await ws.composer.pressSequentially('Half typed before the crash');
    // Saved by main (debounced): the live account's drafts file appears.
    const draftsDir = join(userDataDir, 'drafts');
    await expect.poll(() => existsSync(draftsDir) && readdirSync(draftsDir).some((f) => f.startsWith('drafts-'))).toBe(true);

    await app.crashRenderer();
    await app.waitFor((s) => (s.windows[0]?.rendererCrashes ?? 0) === 1 && s.windows[0]?.loaded === true && !s.windows[0]?.url.startsWith('about:'), { what: 'the window reloaded' });
    await untilOnline(page);
    await ws.conversation(who.full).click();
    await expect(ws.composer).toHaveValue('Half typed before the crash');

    await ws.composer.pressSequentially(', and more');
    await expect.poll(async () => (await page.evaluate((id) => window.lp.draftGet({ conversationId: id }), consumer.conversationId)).text)
      .toBe('Half typed before the crash, and more');
    await app.close();
    app = null;

    app = await launchStandin({ main: builtMain(), userDataDir, env });
    page = await app.firstWindow();
    await untilOnline(page);
    ws = workspace(page);
    await ws.conversation(who.full).click();
    await expect(ws.composer).toHaveValue('Half typed before the crash, and more');

    const sent = consumer.nextAgentMessage((m) => (m.event as { message?: unknown }).message === 'Half typed before the crash, and more', 20_000);
    await ws.composer.press('Enter');
    await sent;
    await expect.poll(async () => (await page.evaluate((id) => window.lp.draftGet({ conversationId: id }), consumer.conversationId)).text).toBe('');
  } finally {
    await app?.close();
    await sim.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
});
