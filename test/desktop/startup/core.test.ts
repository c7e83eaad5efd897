import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeSession } from '../fakes';
import { testCore } from './fakes';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lpad-core-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('createCore', () => {
  it('starts signed out, says which secret storage it uses, and logs to userData/logs', () => {
    const core = testCore(join(dir, 'user data'));
    expect(core.appState.get()).toMatchObject({ mode: 'signed-out', secretStorage: 'os-encrypted', secretsPersisted: false, version: '9.9.9', platform: 'linux' });
    const log = readFileSync(join(dir, 'user data', 'logs', 'main.log'), 'utf8');
    expect(log).toContain('starting LP Agent Desktop 9.9.9 on linux');
    expect(log).toContain('secret storage: os-encrypted (backend gnome_libsecret)');
  });

  it('demo mode: the env overrides reach the simulator and are logged', async () => {
    const calls: unknown[] = [];
    const core = testCore(dir, { env: { LPAD_DEMO_CONSUMERS: 'off', LPAD_RING_EXPIRATION_MS: '5000' }, simulatorCalls: calls });
    await core.accounts.startDemo();
    expect(calls).toEqual([{ demoConsumers: false, randomCredentials: true, colleagues: true, ringExpirationMs: 5000 }]);
    const { mode, session } = core.modes.current();
    expect(mode).toBe('demo');
    expect(session).toBeInstanceOf(FakeSession);
    expect(core.appState.get().mode).toBe('demo');
    const log = readFileSync(join(dir, 'logs', 'main.log'), 'utf8');
    expect(log).toContain('demo simulator overrides: {"demoConsumers":false,"ringExpirationMs":5000}');
  });

  it('a live sign-in creates a session for that account, and its password never reaches the log', async () => {
    const core = testCore(dir);
    await core.accounts.login({ accountId: '123', username: 'ann', password: 'hunter2-live-pw', remember: false });
    const { mode, session, account } = core.modes.current();
    expect(mode).toBe('live');
    expect(account).toEqual({ accountId: '123', username: 'ann' });
    expect((session as FakeSession).options?.account.accountId).toBe('123');
    core.log('echo of hunter2-live-pw');
    expect(readFileSync(join(dir, 'logs', 'main.log'), 'utf8')).not.toContain('hunter2-live-pw');
  });
});
