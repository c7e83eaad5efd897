// Secrets stay in main: after a LIVE login with "remember" (against a simulator this test starts,
// behind a recording proxy that learns the bearer, csrf, wsuk and session cookie it issued), the
// password and every issued token appear nowhere on disk in plaintext and in no log line — the
// credentials file holds them encrypted, the settings file holds none.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Simulator } from '../../src-main/simulator/api';
import { expect, test, type AppUnderTest } from './fixtures';
import { liveLogin, startLiveSimulator, type LiveAgent } from './live-login';
import { startLoginRecorder, type LoginRecorder } from './login-recorder';
import { untilOnline } from './page-helpers';

test.use({ appEnv: { LPAD_DEMO_CONSUMERS: 'off' } });

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

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return filesUnder(path);
    return e.isFile() ? [path] : [];
  });
}

/** Every secret, and the forms a careless writer would put it in. */
function needles(secrets: readonly string[]): string[] {
  return secrets.flatMap((s) => [s, Buffer.from(s, 'utf8').toString('base64'), encodeURIComponent(s)]);
}

/**
 * Where the OS offers encryption (the stand-in's safeStorage; Electron with a keyring) "remember"
 * stores the password encrypted; where it does not (Electron on Linux with basic_text) the app keeps
 * it in memory and says so. Either way no plaintext reaches the disk.
 */
async function signInLive(app: AppUnderTest): Promise<string[]> {
  await untilOnline(app.page); // the demo first: the login replaces it
  const storage = (await app.page.evaluate(() => window.lp.appState())).secretStorage;
  if (app.target === 'standin') expect(storage).toBe('os-encrypted');
  const result = await liveLogin(app.page, agent, recorder.csdsUrl, true);
  expect(result.remembered).toBe(storage === 'os-encrypted');
  if (!result.remembered) expect(result.note).toBeTruthy();
  await recorder.loggedIn;
  const issued = [...recorder.issued];
  expect(issued.length).toBeGreaterThanOrEqual(3); // bearer, csrf, wsuk (+ session cookie)
  return [agent.password, ...issued];
}

test('credentials on disk are encrypted; the settings file holds no secret', async ({ app }) => {
  const secrets = await signInLive(app);
  const state = await app.page.evaluate(() => window.lp.appState());
  const encrypted = state.secretStorage === 'os-encrypted';
  expect(state).toMatchObject({ mode: 'live', secretsPersisted: encrypted, savedAccount: { accountId: agent.accountId, username: agent.username, hasSecret: encrypted } });

  const files = filesUnder(app.userDataDir).filter((f) => statSync(f).size < 64 * 1024 * 1024);
  const hits: string[] = [];
  for (const file of files) {
    const text = readFileSync(file).toString('latin1');
    for (const needle of needles(secrets)) if (text.includes(needle)) hits.push(`${relative(app.userDataDir, file)} holds a secret`);
  }
  expect(hits).toEqual([]);

  const credentialsFile = join(app.userDataDir, 'credentials.json');
  if (encrypted) {
    const credentials = JSON.parse(readFileSync(credentialsFile, 'utf8')) as Record<string, unknown>;
    expect(credentials).toMatchObject({ version: 2, accountId: agent.accountId, username: agent.username, scheme: 'safeStorage', weak: false });
    expect(typeof credentials.data).toBe('string');
    if (process.platform !== 'win32') expect(statSync(credentialsFile).mode & 0o077).toBe(0);
  } else {
    expect(existsSync(credentialsFile)).toBe(false);
  }

  const settingsText = readFileSync(join(app.userDataDir, 'settings.json'), 'utf8');
  const settings = JSON.parse(settingsText) as { savedAccount?: Record<string, unknown> };
  expect(settings.savedAccount).toEqual({ accountId: agent.accountId, username: agent.username, csdsUrl: recorder.csdsUrl });
  const keys = JSON.stringify(settings).match(/"[^"]+":/g) ?? [];
  // `passw`/`pwd`, not `pass`: `proxyBypass` is a setting, not a secret.
  expect(keys.filter((k) => /passw|pwd|secret|token|bearer|csrf|cookie|wsuk/i.test(k))).toEqual([]);
});

test('nothing secret appears in any log line (log files and main output)', async ({ app }) => {
  const secrets = await signInLive(app);
  // More to log: a reconnect (new socket URL with the bearer), a refused call, a sign-out with logout.
  const opened = sim.waitFor('socketOpen', (e) => e.username === agent.username, 10_000);
  await app.power('resume');
  await opened;
  await untilOnline(app.page);
  await app.page.evaluate(() => window.lp.ringAccept({ ringId: 'no-such-ring' }).catch(() => undefined));
  const loggedOut = sim.waitFor('socketClose', (e) => e.username === agent.username, 10_000);
  await app.page.evaluate(() => window.lp.sessionLogout());
  await loggedOut;

  const logDir = join(app.userDataDir, 'logs');
  const logFiles = filesUnder(logDir);
  expect(logFiles.length).toBeGreaterThan(0);
  const lines = [...logFiles.flatMap((f) => readFileSync(f, 'utf8').split('\n')), ...app.output()];
  expect(lines.some((l) => l.includes('signed in (live)'))).toBe(true);
  expect(lines.some((l) => l.includes('reconnecting: system resumed'))).toBe(true);
  const hits = lines.filter((l) => needles(secrets).some((n) => l.includes(n)));
  expect(hits).toEqual([]);
});
