// Local crash reports in the built app (stand-in): the crashReporter starts before 'ready' with
// uploads off; Diagnostics opens the crash folder (app.getPath('crashDumps')) and exports one zip of
// the logs and the dumps — with no password in it (a live login with a random password, against a
// simulator this test owns).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type { Simulator } from '../../src-main/simulator/api';
import { expect, test } from './fixtures';
import { liveLogin, liveSimulatorPerTest, type LiveAgent } from './live-login';

test.setTimeout(90_000);
test.skip(({ target }) => target !== 'standin', 'crash dumps are placed where the stand-in\'s Crashpad keeps them');

let live: { sim: Simulator; agent: LiveAgent };
liveSimulatorPerTest((l) => { live = l; });

test('crash reporter local only; Diagnostics opens the crash folder and exports logs + dumps without secrets', async ({ app }) => {
  const { page } = app;
  const standin = app.standin!;
  const state = await standin.snapshot();
  expect(state.crashReporter).toMatchObject({ started: true, beforeReady: true, uploadToServer: false });
  expect(state.crashReporter).not.toHaveProperty('submitURL');

  await liveLogin(page, live.agent, live.sim.csdsUrl, false);
  // A dump where Crashpad writes one (no process really crashes under the stand-in).
  const crashDir = join(app.userDataDir, 'Crashpad');
  mkdirSync(join(crashDir, 'completed'), { recursive: true });
  writeFileSync(join(crashDir, 'completed', '5f1e2d3c.dmp'), Buffer.from('MDMP fake minidump'));

  await page.getByRole('button', { name: 'Settings' }).click();
  const crash = page.getByRole('dialog', { name: 'Settings' }).getByRole('group', { name: 'Crash reports' });
  await crash.getByRole('button', { name: 'Open crash folder' }).click();
  await standin.waitFor((s) => s.shell.find((c) => c.fn === 'openPath' && c.arg === crashDir), { what: 'the crash folder opened' });

  await crash.getByRole('button', { name: 'Export logs and crash reports…' }).click();
  const status = crash.getByRole('status');
  await expect(status).toContainText(/Saved \d+ log lines and 1 crash report to /);
  const path = (await status.textContent())?.replace(/^.* to /, '') ?? '';
  expect(path).toMatch(/lp-agent-desktop-report-\d{4}-\d{2}-\d{2}\.zip$/);
  const files = unzipSync(new Uint8Array(readFileSync(path)));
  expect(Object.keys(files).sort()).toEqual(['crash-dumps/5f1e2d3c.dmp', 'logs/main.log', 'report.json']);
  const log = strFromU8(files['logs/main.log'] ?? new Uint8Array());
  expect(log).toMatch(/starting LP Agent Desktop/);
  for (const bytes of Object.values(files)) expect(Buffer.from(bytes).includes(live.agent.password)).toBe(false);
  expect(readFileSync(path).includes(live.agent.password)).toBe(false);
  expect(JSON.parse(strFromU8(files['report.json'] ?? new Uint8Array()))).toMatchObject({ crashDumps: ['5f1e2d3c.dmp'], crashReports: [{ uploaded: false }] });
});
