import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppState } from '../../src-preload/api';
import { createAccountActions } from '../../src-main/desktop/account-actions';
import { createAppStateStore } from '../../src-main/desktop/app-state';
import { createCredentialStore } from '../../src-main/desktop/credentials';
import { createModeManager, demoOverridesFromEnv, type DemoSimulator } from '../../src-main/desktop/modes';
import { createSettings, type KeyValueStore } from '../../src-main/desktop/settings';
import type { Policy } from '../../src-main/desktop/policy/policy-schema';
import { silentLogger } from '../../src-main/lp/index';
import { memoryOutbox } from './memory-outbox';
import { FakeSession, fakeSafeStorage } from './fakes';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lpad-modes-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function harness(opts: { sessionSetup?: (s: FakeSession) => void; backend?: string; confirm?: boolean; asked?: string[]; policy?: Policy } = {}) {
  const sessions: FakeSession[] = [];
  const sims: Array<DemoSimulator & { closed: boolean }> = [];
  const outboxKeys: string[] = [];
  const modes = createModeManager({
    createSession: (o) => {
      const s = new FakeSession(o);
      opts.sessionSetup?.(s);
      sessions.push(s);
      return s;
    },
    startSimulator: async (o) => {
      // a random demo password per run (read in process), never the public seed one; colleagues to transfer to
      expect(o).toEqual({ demoConsumers: true, randomCredentials: true, colleagues: true });
      const sim = {
        accountId: '70071234', csdsUrl: 'http://127.0.0.1:40000', agents: [{ username: 'agent1', password: 'agent1-password' }], closed: false,
        async close() {
          sim.closed = true;
        },
      };
      sims.push(sim);
      return sim;
    },
    outboxStore: (a, u) => {
      outboxKeys.push(`${a}/${u}`);
      return memoryOutbox();
    },
    logger: silentLogger,
  });
  const settings = createSettings((o) => new Conf<Record<string, unknown>>({ cwd: dir, configName: o.name, schema: o.schema, defaults: o.defaults, clearInvalidConfig: true }) as KeyValueStore);
  const credentials = createCredentialStore({ safeStorage: fakeSafeStorage({ backend: opts.backend ?? 'gnome_libsecret' }), file: join(dir, 'credentials.json'), platform: 'linux' });
  const initial: AppState = { mode: 'signed-out', secretStorage: credentials.storage(), secretsPersisted: false, version: '0.1.0', platform: 'linux', language: 'en' };
  const appState = createAppStateStore(initial);
  const secrets = { registered: [] as string[], cleared: 0 };
  const accounts = createAccountActions({
    modes, settings, credentials, appState, log: () => undefined,
    registerSecret: (s) => secrets.registered.push(s), clearSecrets: () => { secrets.cleared += 1; },
    confirmCsdsHost: async (host) => {
      opts.asked?.push(host);
      return opts.confirm ?? false;
    },
    ...(opts.policy ? { policy: opts.policy } : {}),
  });
  return { secrets, modes, sessions, sims, outboxKeys, settings, credentials, appState, accounts };
}

const login = { accountId: '123', username: 'ann', password: 'pw-123456', remember: true };

describe('mode manager and account actions', () => {
  it('startup without a saved account enters demo: simulator with demo consumers, its demo agent', async () => {
    const h = harness();
    await h.accounts.startDefault();
    expect(h.modes.current().mode).toBe('demo');
    expect(h.sessions[0]?.options).toMatchObject({
      account: { accountId: '70071234', csdsUrl: 'http://127.0.0.1:40000' },
      credentials: { kind: 'password', username: 'agent1', password: 'agent1-password' },
    });
    expect(h.appState.get()).toMatchObject({ mode: 'demo', account: { accountId: '70071234', username: 'agent1' }, secretsPersisted: false });
    expect(h.outboxKeys).toEqual(['70071234/agent1']);
  });

  it('live login stops demo (session and simulator) first, remembers, then startup resumes live', async () => {
    const h = harness();
    await h.accounts.startDemo();
    const result = await h.accounts.login(login);
    expect(result).toEqual({ remembered: true });
    expect(h.sessions[0]?.calls).toContainEqual(['stop', { logout: true }]);
    expect(h.sims[0]?.closed).toBe(true);
    expect(h.appState.get()).toMatchObject({ mode: 'live', account: { accountId: '123', username: 'ann' }, savedAccount: { accountId: '123', username: 'ann', hasSecret: true }, secretsPersisted: true });
    expect(JSON.stringify(h.appState.get())).not.toContain('pw-123456');
    expect(JSON.stringify(h.settings.savedAccount())).not.toContain('pw-123456');

    // Next run: same files, a saved account with a secret → live, not demo.
    const next = harness();
    await next.accounts.startDefault();
    expect(next.modes.current().mode).toBe('live');
    expect(next.sessions[0]?.options?.credentials).toEqual({ kind: 'password', username: 'ann', password: 'pw-123456' });
    expect(next.sims).toHaveLength(0);
  });

  it('weak storage without consent: signed in, not remembered, told why', async () => {
    const h = harness({ backend: 'basic_text' });
    const result = await h.accounts.login(login);
    expect(result.remembered).toBe(false);
    expect(result.note).toMatch(/memory only/);
    expect(h.appState.get()).toMatchObject({ mode: 'live', secretStorage: 'weak', secretsPersisted: false });
    const withConsent = await h.accounts.login({ ...login, allowWeakStorage: true });
    expect(withConsent.remembered).toBe(true);
  });

  it('a refused login leaves the app signed out and rethrows', async () => {
    const h = harness({ sessionSetup: (s) => {
      s.startError = Object.assign(new Error('wrong credentials'), { code: 401, location: 'Login#REST' });
    } });
    await expect(h.accounts.login(login)).rejects.toThrow('wrong credentials');
    expect(h.modes.current()).toMatchObject({ mode: 'signed-out', session: null });
    expect(h.sessions[0]?.calls).toContainEqual(['stop', { logout: true }]);
    expect(h.settings.savedAccount()).toBeUndefined();
  });

  it('auth-failed after start counts as a refused login', async () => {
    const h = harness({ sessionSetup: (s) => {
      s.phaseAfterStart = 'auth-failed';
    } });
    await expect(h.accounts.login(login)).rejects.toMatchObject({ code: 401 });
    expect(h.modes.current().mode).toBe('signed-out');
  });

  it('auth-failed keeps the refusal\'s own code (404: unknown account at the domain service)', async () => {
    const h = harness({ sessionSetup: (s) => {
      s.phaseAfterStart = 'auth-failed';
      const start = s.start.bind(s);
      s.start = async () => {
        s.emit('error', { code: 404, message: 'Account 123 not found', location: 'Csds#REST' });
        await start();
      };
    } });
    await expect(h.accounts.login(login)).rejects.toMatchObject({ code: 404, location: 'Csds#REST' });
  });

  it('a typed-in sign-in that cannot get online fails with that error; a resumed account keeps retrying', async () => {
    const unreachable = (s: FakeSession): void => {
      s.phaseAfterStart = 'reconnecting';
      const start = s.start.bind(s);
      s.start = async () => {
        s.emit('error', { code: 0, message: 'network error: ECONNREFUSED', location: 'Csds#REST' });
        await start();
      };
    };
    const typed = harness({ sessionSetup: unreachable });
    await expect(typed.accounts.login(login)).rejects.toMatchObject({ code: 0, location: 'Csds#REST' });
    expect(typed.modes.current()).toMatchObject({ mode: 'signed-out', session: null });
    expect(typed.settings.savedAccount()).toBeUndefined(); // nothing remembered from a sign-in that did not happen

    const saved = harness();
    await saved.accounts.login(login); // remembered
    const resumed = harness({ sessionSetup: unreachable });
    resumed.settings.setSavedAccount(saved.settings.savedAccount());
    resumed.credentials.save({ accountId: login.accountId, username: login.username }, { password: login.password }, { persist: true, allowWeak: false });
    await resumed.accounts.resume();
    expect(resumed.modes.current().mode).toBe('live'); // retrying in the background
  });

  it('a typed-in sign-in whose certificate is refused (the core stops: offline) fails with those words', async () => {
    const h = harness({ sessionSetup: (s) => {
      s.phaseAfterStart = 'offline';
      const start = s.start.bind(s);
      s.start = async () => {
        s.emit('error', { code: 0, message: "the server's certificate is not trusted (DEPTH_ZERO_SELF_SIGNED_CERT)", location: 'Domains#CSDS', kind: 'cert-untrusted' });
        await start();
      };
    } });
    await expect(h.accounts.login(login)).rejects.toMatchObject({ code: 0, location: 'Domains#CSDS' });
    expect(h.modes.current()).toMatchObject({ mode: 'signed-out', session: null });
  });

  it('logout with forget removes the saved account and its secret; switches are serialised', async () => {
    const h = harness();
    await h.accounts.login(login);
    const order: string[] = [];
    h.modes.onChange((i) => order.push(i.mode));
    await Promise.all([h.accounts.startDemo(), h.accounts.logout(true)]);
    expect(order).toEqual(['signed-out', 'demo', 'signed-out']);
    expect(h.settings.savedAccount()).toBeUndefined();
    expect(h.credentials.hasStored({ accountId: '123', username: 'ann' })).toBe(false);
    expect(h.appState.get().savedAccount).toBeUndefined();
    expect(h.sims[0]?.closed).toBe(true);
  });

  it('sign-out forgets the registered secrets after the session is gone, not before', async () => {
    const h = harness();
    await h.accounts.login(login);
    expect(h.secrets.registered).toContain(login.password);
    expect(h.secrets.cleared).toBe(0);
    await h.accounts.logout(false);
    expect(h.secrets.cleared).toBe(1);
    expect(h.modes.current().mode).toBe('signed-out');
  });

  it('resume without a stored secret fails clearly', async () => {
    const h = harness();
    h.settings.setSavedAccount({ accountId: '1', username: 'x' });
    await expect(h.accounts.resume()).rejects.toMatchObject({ code: 401, location: 'Resume#Credentials' });
  });
});

describe('demo simulator knobs from the environment (tests and development only)', () => {
  it('reads LPAD_DEMO_CONSUMERS=off, LPAD_DEMO_PORT and LPAD_RING_EXPIRATION_MS', () => {
    expect(demoOverridesFromEnv({})).toEqual({});
    expect(demoOverridesFromEnv({ LPAD_DEMO_CONSUMERS: 'off', LPAD_DEMO_PORT: '41234', LPAD_RING_EXPIRATION_MS: '3000' }))
      .toEqual({ demoConsumers: false, port: 41234, ringExpirationMs: 3000 });
    expect(demoOverridesFromEnv({ LPAD_DEMO_CONSUMERS: ' OFF ' })).toEqual({ demoConsumers: false });
  });

  it('ignores anything else: other words, out-of-range or malformed numbers', () => {
    expect(demoOverridesFromEnv({ LPAD_DEMO_CONSUMERS: 'on', LPAD_DEMO_PORT: '0', LPAD_RING_EXPIRATION_MS: '999' })).toEqual({});
    expect(demoOverridesFromEnv({ LPAD_DEMO_PORT: '65536', LPAD_RING_EXPIRATION_MS: '600001' })).toEqual({});
    expect(demoOverridesFromEnv({ LPAD_DEMO_PORT: '80.5', LPAD_RING_EXPIRATION_MS: '1e4' })).toEqual({});
    expect(demoOverridesFromEnv({ LPAD_DEMO_PORT: '-1', LPAD_RING_EXPIRATION_MS: '' })).toEqual({});
  });

  it('LPAD_DEMO_SIM_TOKEN turns on the simulator HTTP API behind that token, which never shows in JSON (app.ts logs the overrides)', () => {
    const token = 'e2e-token-0123456789abcdef';
    const o = demoOverridesFromEnv({ LPAD_DEMO_SIM_TOKEN: token });
    expect(o.httpApi?.token).toBe(token);
    expect(JSON.stringify(o)).not.toContain(token);
    for (const bad of ['short', 'has spaces in it 0123456789', 'x'.repeat(257), '']) expect(demoOverridesFromEnv({ LPAD_DEMO_SIM_TOKEN: bad })).toEqual({});
  });
});

describe('the domain service a stored password goes to (issue 17.1)', () => {
  /** Edits settings.json as another process could: the file is plain text. */
  const editSavedAccount = (path: string, change: (account: Record<string, unknown>) => void): void => {
    const data = JSON.parse(readFileSync(path, 'utf8')) as { savedAccount: Record<string, unknown> };
    change(data.savedAccount);
    writeFileSync(path, JSON.stringify(data));
  };
  const sentTo = (sessions: FakeSession[]): Array<string | undefined> => sessions.map((s) => s.options?.account.csdsUrl);

  it('a settings file naming a foreign https host: the stored password is never sent there', async () => {
    const first = harness();
    await first.accounts.login(login);
    editSavedAccount(first.settings.path, (a) => {
      a.csdsUrl = 'https://collector.example.org';
    });
    const next = harness();
    await next.accounts.startDefault();
    expect(sentTo(next.sessions)).not.toContain('https://collector.example.org');
    expect(next.sessions.some((s) => JSON.stringify(s.options).includes(login.password))).toBe(false);
    expect(next.modes.current().mode).toBe('signed-out');
    await expect(next.accounts.resume()).rejects.toMatchObject({ code: 409, location: 'Resume#DomainService' });
    expect(next.sessions).toHaveLength(0);
  });

  it('a settings file naming an http:// host off this machine loses the saved account (nothing resumed, nothing sent)', async () => {
    const first = harness();
    await first.accounts.login({ ...login, csdsUrl: 'http://127.0.0.1:8080' });
    editSavedAccount(first.settings.path, (a) => {
      a.csdsUrl = 'http://csds.example.org';
    });
    const next = harness();
    expect(next.settings.savedAccount()).toBeUndefined();
    await next.accounts.startDefault();
    expect(sentTo(next.sessions)).not.toContain('http://csds.example.org');
    expect(next.sessions.every((s) => s.options?.credentials.kind === 'password' && s.options.credentials.password !== login.password)).toBe(true);
  });

  it('the URL stored with the secret is the one resumed, and an unchanged file resumes', async () => {
    const first = harness();
    await first.accounts.login({ ...login, csdsUrl: 'http://127.0.0.1:8080' });
    const next = harness();
    await next.accounts.startDefault();
    expect(next.modes.current().mode).toBe('live');
    expect(sentTo(next.sessions)).toEqual(['http://127.0.0.1:8080']);
  });

  it('a host outside LivePerson asks first: refused → nothing sent; agreed → signed in; LivePerson and loopback never ask', async () => {
    const asked: string[] = [];
    const refused = harness({ asked, confirm: false });
    await expect(refused.accounts.login({ ...login, csdsUrl: 'https://csds.example.org:8443' })).rejects.toMatchObject({ code: 403, location: 'Login#DomainService' });
    expect(refused.sessions).toHaveLength(0);
    expect(asked).toEqual(['csds.example.org:8443']);

    const agreed = harness({ asked, confirm: true });
    await agreed.accounts.login({ ...login, csdsUrl: 'https://csds.example.org:8443' });
    expect(sentTo(agreed.sessions)).toEqual(['https://csds.example.org:8443']);

    asked.length = 0;
    const quiet = harness({ asked });
    await quiet.accounts.login({ ...login, csdsUrl: 'https://adminlogin.liveperson.net' });
    await quiet.accounts.login({ ...login, csdsUrl: 'http://127.0.0.1:9000' });
    await quiet.accounts.login(login);
    expect(asked).toEqual([]);
  });
});

describe('IT policy in sign-in (issue 11.8)', () => {
  it('the account id and domain service the policy sets replace the form\'s; remember is off when forbidden', async () => {
    const h = harness({ policy: { accountId: '999', csdsUrl: 'https://adminlogin.liveperson.net', allowRememberPassword: false } });
    const result = await h.accounts.login({ ...login, csdsUrl: 'https://other.liveperson.net' });
    expect(h.sessions[0]?.options?.account).toEqual({ accountId: '999', csdsUrl: 'https://adminlogin.liveperson.net' });
    expect(result.remembered).toBe(false);
    expect(h.settings.savedAccount()).toBeUndefined();
    expect(h.credentials.hasStored({ accountId: '999', username: 'ann' })).toBe(false);
  });

  it('demo switched off: startup stays signed out, demo is refused with a clear error, no simulator starts', async () => {
    const h = harness({ policy: { allowDemo: false } });
    await h.accounts.startDefault();
    expect(h.modes.current().mode).toBe('signed-out');
    await expect(h.accounts.startDemo()).rejects.toThrow('Demo mode is switched off by your organisation.');
    expect(h.sims).toHaveLength(0);
  });
});
