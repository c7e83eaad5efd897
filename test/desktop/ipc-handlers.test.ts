import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS, requestChannel, requests, type AppState, type RequestName, type Settings, type UnreadCounts } from '../../src-preload/api';
import type { AccountActions } from '../../src-main/desktop/account-actions';
import { createAppStateStore } from '../../src-main/desktop/app-state';
import { createEventsBridge } from '../../src-main/desktop/events-bridge';
import { createIpcRegistry, parseSerialisedError, type IpcMainLike, type InvokeEventLike } from '../../src-main/desktop/ipc';
import { createHandlers, registerHandlers } from '../../src-main/desktop/ipc-handlers';
import type { ModeInfo, ModeManager } from '../../src-main/desktop/modes';
import type { SettingsService } from '../../src-main/desktop/settings';
import { silentLogger } from '../../src-main/lp/index';
import { FakeSession, ring } from './fakes';

const pageUrl = 'app://lp/index.html';

function harness(withSession = true) {
  const session = new FakeSession();
  let info: ModeInfo = withSession ? { mode: 'demo', session, account: { accountId: '1', username: 'a' } } : { mode: 'signed-out', session: null };
  const modes: ModeManager = {
    current: () => info,
    onChange: () => () => undefined,
    startDemo: async () => undefined,
    startLive: async () => undefined,
    signOut: async () => {
      info = { mode: 'signed-out', session: null };
    },
  };
  const accounts: AccountActions = {
    login: vi.fn(async () => ({ remembered: true })),
    resume: vi.fn(async () => ({ remembered: true })),
    startDemo: vi.fn(async () => undefined),
    logout: vi.fn(async () => undefined),
    startDefault: async () => undefined,
    refreshAppState: () => undefined,
  };
  let current: Settings = { ...DEFAULT_SETTINGS };
  const settings = {
    get: () => current,
    set: (p: Partial<Settings>) => {
      current = { ...current, ...p };
      return current;
    },
  } as unknown as SettingsService;
  const app: AppState = { mode: 'demo', secretStorage: 'os-encrypted', secretsPersisted: false, version: '0.1.0', platform: 'linux', language: 'en' };
  const events = createEventsBridge(() => []);
  const opened: string[] = [];
  const ssoCalls: unknown[] = [];
  const handlers = createHandlers({
    modes, accounts, appState: createAppStateStore(app), settings, events,
    skills: { list: (s) => s.listSkills() },
    logs: { lines: () => 3, exportTo: (path) => ({ path, lines: 3 }) },
    chooseExportPath: async () => '/tmp/x.log',
    sso: { signIn: async (args) => { ssoCalls.push(args); return { remembered: false }; } },
    attention: { viewing: (id): UnreadCounts => (id === 'c-seen' ? { counts: {}, total: 0 } : { counts: { 'c-other': 2 }, total: 2 }) },
    updates: { restart: () => ({ restarting: false, reason: 'conversations-open', count: 1 }), checkNow: () => undefined, status: () => ({ state: 'off', reason: 'development' }) },
    drafts: { get: (id) => (id === 'c1' ? 'half typed' : ''), set: (id) => id !== 'signed-out' },
    crash: { openFolder: async () => ({ path: '/u/Crashpad' }), exportReport: async () => ({ path: '/tmp/r.zip', logLines: 3, crashDumps: 1 }) },
    // main's opener (startup/ipc-phase.ts) is tested on its own; here: the handler answers what it says
    openExternal: async (url) => {
      if (!url.startsWith('https:')) return { opened: false, reason: 'refused' };
      opened.push(url);
      return { opened: true };
    },
  });
  const channels = new Map<string, (e: InvokeEventLike, ...a: unknown[]) => unknown>();
  const ipcMain: IpcMainLike = { handle: (c, l) => channels.set(c, l), removeHandler: (c) => channels.delete(c) };
  registerHandlers(createIpcRegistry({ ipcMain, trusted: { appOrigin: 'app://lp' }, redact: (s) => s, logger: silentLogger }), handlers);
  const call = async (name: RequestName, arg?: unknown): Promise<unknown> => {
    const h = channels.get(requestChannel(name));
    if (!h) throw new Error(`no handler ${name}`);
    return h({ senderFrame: { url: pageUrl } }, arg);
  };
  return { session, accounts, channels, call, opened, ssoCalls };
}

describe('ipc handlers', () => {
  it('registers a handler for every request of the contract', () => {
    const h = harness();
    expect([...h.channels.keys()].sort()).toEqual(Object.keys(requests).map((n) => requestChannel(n as RequestName)).sort());
  });

  it('update/restart answers the updater\'s decision (refused while a conversation is open); update/check answers the status', async () => {
    const h = harness();
    expect(await h.call('update/restart')).toEqual({ restarting: false, reason: 'conversations-open', count: 1 });
    expect(await h.call('update/check', {})).toEqual({ state: 'off', reason: 'development' });
    await expect(h.call('update/restart', { now: true })).rejects.toThrow(/^400\|IPC#update\/restart\|/);
  });

  it('draft/get answers the kept draft; draft/set keeps it (\'\' allowed), refused when signed out', async () => {
    const h = harness();
    expect(await h.call('draft/get', { conversationId: 'c1' })).toEqual({ text: 'half typed' });
    expect(await h.call('draft/set', { conversationId: 'c1', text: '' })).toBeNull();
    await expect(h.call('draft/set', { conversationId: 'signed-out', text: 'x' })).rejects.toThrow(/^409\|/);
    await expect(h.call('draft/set', { conversationId: 'c1' })).rejects.toThrow(/^400\|IPC#draft\/set\|/);
  });

  it('attention/viewing passes what is on screen (or null) and answers the unread counts', async () => {
    const h = harness();
    expect(await h.call('attention/viewing', { conversationId: 'c-seen' })).toEqual({ counts: {}, total: 0 });
    expect(await h.call('attention/viewing', { conversationId: null })).toEqual({ counts: { 'c-other': 2 }, total: 2 });
    await expect(h.call('attention/viewing', {})).rejects.toThrow(/^400\|IPC#attention\/viewing\|/);
  });

  it('routes requests to the session', async () => {
    const h = harness();
    await h.call('ring/accept', { ringId: 'r9' });
    await h.call('agent/set-availability', { availability: 'AWAY' });
    await h.call('connection/retry-now');
    expect(await h.call('message/send', { conversationId: 'c1', text: 'hi' })).toMatchObject({ text: 'hi', delivery: 'queued' });
    expect(h.session.calls).toEqual([['acceptRing', 'r9'], ['setAvailability', 'AWAY'], ['reconnectNow', 'user asked to retry now'], ['sendText', 'c1', 'hi']]);
    expect(await h.call('message/send', { conversationId: 'c1', text: 'note', private: true })).toMatchObject({ private: true });
    expect(h.session.calls.at(-1)).toEqual(['sendText', 'c1', 'note', { private: true }]);
  });

  it('accept-oldest accepts the oldest waiting ring, or answers null', async () => {
    const h = harness();
    expect(await h.call('ring/accept-oldest')).toBeNull();
    h.session.rings = [ring({ ringId: 'new', offeredAt: 9 }), ring({ ringId: 'old', offeredAt: 1 })];
    expect(await h.call('ring/accept-oldest')).toEqual({ ringId: 'old' });
    expect(h.session.calls).toContainEqual(['acceptRing', 'old']);
  });

  it('session requests without a session fail with a clear, serialised error', async () => {
    const h = harness(false);
    const err = (await h.call('ring/accept', { ringId: 'r1' }).catch((e: unknown) => e)) as Error;
    expect(parseSerialisedError(err.message)).toEqual({ code: 409, location: 'App#Session', message: 'Not signed in: start the demo or sign in first.' });
  });

  it('login passes the parsed arguments on; the result carries no secret', async () => {
    const h = harness();
    const result = await h.call('session/login', { accountId: '123', username: 'ann', password: 'pw', remember: false });
    expect(h.accounts.login).toHaveBeenCalledWith({ accountId: '123', username: 'ann', password: 'pw', remember: false });
    expect(JSON.stringify(result)).not.toContain('pw');
  });

  it('single sign-on passes the account (or nothing: "sign in again") to the SSO flow; a bad account id never reaches it', async () => {
    const h = harness();
    expect(await h.call('session/login-sso', { accountId: '123', csdsUrl: 'http://127.0.0.1:8080' })).toEqual({ remembered: false });
    expect(await h.call('session/login-sso')).toEqual({ remembered: false });
    await expect(h.call('session/login-sso', { accountId: '../x' })).rejects.toThrow(/^400\|IPC#session\/login-sso\|/);
    await expect(h.call('session/login-sso', { accountId: '1', csdsUrl: 'http://csds.example.com' })).rejects.toThrow(/^400\|/);
    expect(h.ssoCalls).toEqual([{ accountId: '123', csdsUrl: 'http://127.0.0.1:8080' }, undefined]);
  });

  it('snapshot, settings, diagnostics, export, open-external', async () => {
    const h = harness();
    expect(await h.call('session/snapshot')).toMatchObject({ seq: 0, app: { mode: 'demo' }, settings: DEFAULT_SETTINGS, session: { rings: [] } });
    expect(await h.call('settings/set', { sound: false })).toMatchObject({ sound: false });
    await expect(h.call('settings/set', { sound: 'loud' })).rejects.toThrow(/^400\|IPC#settings\/set\|/);
    // the fake session reports its domains and the socket URL (bearer already redacted by the core)
    expect(await h.call('diagnostics/get')).toMatchObject({
      connection: { phase: 'idle' }, logLines: 3, domains: { agentVep: '127.0.0.1:1' },
      socketUrl: expect.stringContaining('/brand/[REDACTED]'),
    });
    expect(await h.call('diagnostics/export-logs')).toEqual({ path: '/tmp/x.log', lines: 3 });
    expect(await h.call('shell/open-external', { url: 'https://liveperson.com/' })).toEqual({ opened: true });
    expect(await h.call('shell/open-external', { url: 'javascript:alert(1)' })).toMatchObject({ opened: false });
    expect(h.opened).toEqual(['https://liveperson.com/']);
  });
});
