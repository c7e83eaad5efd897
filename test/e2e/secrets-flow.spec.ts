// Secrets end to end, through the real UI: a LIVE sign-in (form, "remember me") against a simulator this
// test starts, behind the recording proxy that learns the bearer, csrf, wsuk and session cookie it
// issued; work (accept, reply, receive, a reply queued while the server is down and delivered after);
// sign out. Then the password and every issued token are searched for in EVERY IPC payload main sent
// to the renderer during the run (events and invoke results, recorded by the stand-in), the outbox
// file (also while it held a queued message), the settings file, every log line (userData/logs and
// the app's stdout/stderr): zero hits. secrets.spec.ts covers the rest of userData and the
// credentials file; this spec adds the IPC channel, the outbox and the full working session.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { outboxFilePath } from '../../src-main/desktop/outbox-file-store';
import { requestChannel } from '../../src-preload/api';
import type { Simulator } from '../../src-main/simulator/api';
import { expect, test } from './fixtures';
import { startLiveSimulator, type LiveAgent } from './live-login';
import { startLoginRecorder, type LoginRecorder } from './login-recorder';
import { untilMode, untilOnline } from './page-helpers';
import { consumerName } from './standin-helpers';
import { agentTexts, workspace } from './workspace-helpers';

test.use({ appEnv: { LPAD_DEMO_CONSUMERS: 'off' } });
test.skip(({ target }) => target !== 'standin', 'IPC payloads are recorded by the stand-in');

let sim: Simulator;
let agent: LiveAgent;
let recorder: LoginRecorder;

test.beforeEach(async () => {
  ({ sim, agent } = await startLiveSimulator());
  recorder = await startLoginRecorder(sim);
});
test.afterEach(async () => {
  await recorder.close();
  await sim.close();
});

/** Every secret, and the forms a careless writer would put it in. */
function needles(secrets: readonly string[]): string[] {
  return secrets.flatMap((s) => [s, Buffer.from(s, 'utf8').toString('base64'), encodeURIComponent(s), JSON.stringify(s).slice(1, -1)]);
}

function leaks(where: string, texts: readonly string[], secrets: readonly string[]): string[] {
  const ns = needles(secrets);
  return texts.flatMap((t, i) => ns.filter((n) => t.includes(n)).map(() => `${where} #${i} holds a secret`));
}

test('sign in, work, sign out: no secret in any IPC message to the renderer, the outbox, settings or any log line', async ({ app }) => {
  test.setTimeout(60_000);
  const { page } = app;
  const standin = app.standin!;
  const ws = workspace(page);

  // Live sign-in through the form, remembering the account (the app starts in demo: sign out first).
  await untilOnline(page);
  await ws.signOut.click();
  await page.getByLabel('Account id').fill(agent.accountId);
  await page.getByLabel('Username').fill(agent.username);
  await page.getByLabel('Password').fill(agent.password);
  await page.getByLabel('Remember me on this computer').check();
  await page.getByText('Advanced', { exact: true }).click();
  await page.getByLabel('CSDS URL (domain service)').fill(recorder.csdsUrl);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await untilMode(page, 'live');
  await recorder.loggedIn;
  await expect(ws.connection).toContainText('Connected');

  // Work: a ring, Accept, a reply, the consumer answers.
  const who = consumerName('Secret');
  const consumer = await sim.consumers.open({ firstName: who.firstName, lastName: who.lastName, skillId: '21', text: 'Hi there' });
  await ws.accept(who.full).click();
  const messages = ws.messages(who.full);
  await expect(messages.filter({ hasText: 'Hi there' })).toHaveCount(1);
  await ws.composer.fill('Hello, how can I help?');
  await ws.composer.press('Enter');
  await expect.poll(() => agentTexts(sim.inspect.messages(consumer.conversationId))).toEqual(['Hello, how can I help?']);
  await consumer.send('My order is late');
  await expect(messages.filter({ hasText: 'My order is late' })).toHaveCount(1);

  // A reply typed while the server is down is queued in the outbox file, then delivered.
  const outboxFile = outboxFilePath(join(app.userDataDir, 'outbox'), agent.accountId, agent.username);
  sim.faults.down();
  await expect(ws.connection).toContainText(/Reconnecting/);
  await ws.composer.fill('Queued while offline');
  await ws.composer.press('Enter');
  await expect(messages.filter({ hasText: 'Queued while offline' }).locator('.msg-delivery')).toHaveText('Queued — sends when back online');
  await expect.poll(() => existsSync(outboxFile) && readFileSync(outboxFile, 'utf8').includes('Queued while offline')).toBe(true);
  const outboxWhileQueued = readFileSync(outboxFile, 'utf8');
  sim.faults.up();
  await expect(ws.connection).toContainText('Connected', { timeout: 20_000 });
  await expect.poll(() => agentTexts(sim.inspect.messages(consumer.conversationId))).toEqual(['Hello, how can I help?', 'Queued while offline']);

  // Sign out through the header; the socket closes.
  const closed = sim.waitFor('socketClose', (e) => e.username === agent.username, 10_000);
  await ws.signOut.click();
  await closed;
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();

  const secrets = [agent.password, ...recorder.issued];
  expect(recorder.issued.size).toBeGreaterThanOrEqual(3); // bearer, csrf, wsuk (+ session cookie)

  // Every IPC message main sent to the renderer: events and invoke results.
  const ipc = await standin.ipcPayloads();
  expect(ipc.filter((m) => m.kind === 'event').length).toBeGreaterThan(10);
  expect(ipc.some((m) => m.kind === 'reply' && m.channel === requestChannel('session/login'))).toBe(true);
  expect(ipc.some((m) => m.json.includes('My order is late'))).toBe(true); // the recording sees content
  const ipcHits = ipc.flatMap((m, i) => leaks(`ipc ${m.kind} ${m.channel}`, [m.json], secrets).map((h) => `${h} (${i})`));
  expect(ipcHits).toEqual([]);

  // The outbox file (while it held the queued reply, and now) and the settings file.
  expect(outboxWhileQueued).toContain('Queued while offline');
  const settings = readFileSync(join(app.userDataDir, 'settings.json'), 'utf8');
  expect(settings).toContain(agent.username);
  expect(leaks('outbox', [outboxWhileQueued, readFileSync(outboxFile, 'utf8')], secrets)).toEqual([]);
  expect(leaks('settings.json', [settings], secrets)).toEqual([]);

  // Every log line: userData/logs and main's stdout/stderr.
  const logDir = join(app.userDataDir, 'logs');
  const logLines = readdirSync(logDir).flatMap((f) => readFileSync(join(logDir, f), 'utf8').split('\n'));
  expect(logLines.some((l) => l.includes('signed in (live)'))).toBe(true);
  expect(leaks('log line', [...logLines, ...app.output()], secrets)).toEqual([]);
});
