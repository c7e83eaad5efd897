// Proxy credentials (issue 11 item 2) through the built app on the stand-in, against real squid with
// basic authentication: the proxy comes from an IT policy file (manual, `<-loopback>` so loopback goes
// through it, as Chromium allows); signing in opens the prompt window (a window of its own: no
// preload, sandboxed); a wrong password is said and asked again; the right one → online, a ring
// taken; squid's access log proves the traffic went through it; "remember" → a restart signs in
// through the proxy with the stored (safeStorage) credentials and never opens the prompt.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { launchStandin, type StandinApp } from '../electron-standin/launch';
import { startSquid } from '../network/squid';
import { builtMain, expect, test } from './fixtures';
import { liveLogin, startLiveSimulator } from './live-login';
import { untilMode, untilOnline } from './page-helpers';

test.skip(({ target }) => target !== 'standin', 'the prompt window and restart are driven through stand-in hooks');
test.setTimeout(150_000);

const PROXY_USER = 'corp.agent';
const PROXY_PASS = 'Pr0xy pass!';

/** The newest window other than the main one, once loaded: the prompt. */
async function promptWindow(standin: StandinApp, after: number): Promise<Page> {
  const rec = await standin.waitFor((s) => s.windows.find((w) => w.id > after && !w.destroyed && w.loaded), { what: 'the proxy prompt window', timeout: 60_000 });
  expect(rec.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false });
  expect(rec.webPreferences.preload).toBeUndefined();
  return standin.window(rec.id);
}

test('wrong proxy password, then the right one with "remember": online, ring taken; a restart asks nothing', async () => {
  const { sim, agent } = await startLiveSimulator();
  const squid = await startSquid({ auth: { username: PROXY_USER, password: PROXY_PASS } });
  const dir = mkdtempSync(join(tmpdir(), 'lp-e2e-proxy-auth-'));
  const userDataDir = join(dir, 'user-data');
  const policy = join(dir, 'policy.json');
  writeFileSync(policy, JSON.stringify({ proxy: { mode: 'manual', url: squid.url, bypass: ['<-loopback>'] }, allowDemo: false }));
  const env = { LPAD_DEMO_CONSUMERS: 'off', LP_AGENT_POLICY_FILE: policy };
  try {
    const first = await launchStandin({ main: builtMain(), userDataDir, env });
    try {
      const page = await first.firstWindow();
      await untilMode(page, 'signed-out');
      const mainId = (await first.snapshot()).windows[0]!.id;
      const signedIn = liveLogin(page, agent, sim.csdsUrl, true);

      const wrong = await promptWindow(first, mainId);
      await expect(wrong.getByRole('heading')).toHaveText(`The proxy http://127.0.0.1:${squid.port} asks for a user name and password.`);
      await expect(wrong.getByRole('alert')).toHaveCount(0);
      await wrong.getByLabel('User name').fill(PROXY_USER);
      await wrong.getByLabel('Password').fill('not the password');
      await wrong.getByRole('button', { name: 'Sign in to the proxy' }).click();

      const again = await promptWindow(first, mainId + 1);
      await expect(again.getByRole('alert')).toHaveText('The proxy refused that user name and password. Check them and try again.');
      await again.getByLabel('User name').fill(PROXY_USER);
      await again.getByLabel('Password').fill(PROXY_PASS);
      await again.getByLabel('Remember on this computer (encrypted)').check();
      await again.getByRole('button', { name: 'Sign in to the proxy' }).click();

      await signedIn;
      // exactly two prompts, both closed
      const windows = (await first.snapshot()).windows;
      expect(windows.filter((w) => w.id !== mainId).map((w) => w.destroyed)).toEqual([true, true]);

      const consumer = await sim.consumers.open({ text: 'Through the corporate proxy', firstName: 'Pia' });
      const ring = await page.evaluate((conversationId) => new Promise<string>((resolve) => {
        const check = (rings: Array<{ ringId: string; conversationId: string }>): void => {
          const r = rings.find((x) => x.conversationId === conversationId);
          if (r) resolve(r.ringId);
        };
        window.lp.onRingOffered((r) => check([r]));
        void window.lp.sessionSnapshot().then((s) => check(s.session.rings));
      }), consumer.conversationId);
      await page.evaluate((ringId) => window.lp.ringAccept({ ringId }), ring);
      await page.evaluate((conversationId) => window.lp.messageSend({ conversationId, text: 'Hello Pia, via squid' }), consumer.conversationId);
      await consumer.nextAgentMessage((m) => m.event.message === 'Hello Pia, via squid');

      const log = await squid.accessLog();
      const simPort = new URL(sim.csdsUrl).port;
      expect(log).toMatch(new RegExp(`TCP_DENIED/407 .* CONNECT 127\\.0\\.0\\.1:${simPort} `));
      expect(log).toMatch(new RegExp(`TCP_TUNNEL/200 \\d+ CONNECT 127\\.0\\.0\\.1:${simPort} corp\\.agent`));
      // the proxy password never reaches the app's output
      expect(first.logs.join('\n')).not.toContain(PROXY_PASS);
    } finally {
      await first.close();
    }

    const before = (await squid.accessLog()).split('\n').length;
    const second = await launchStandin({ main: builtMain(), userDataDir, env });
    try {
      const page = await second.firstWindow();
      await untilMode(page, 'live', 60_000);
      await untilOnline(page, 60_000);
      expect((await second.snapshot()).windows).toHaveLength(1);
      const after = (await squid.accessLog()).split('\n').slice(before - 1).join('\n');
      expect(after).toMatch(/TCP_TUNNEL\/200 \d+ CONNECT 127\.0\.0\.1:\d+ corp\.agent/);
    } finally {
      await second.close();
    }
  } finally {
    await squid.close();
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
