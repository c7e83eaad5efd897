// "Sign in with single sign-on" (src-main/desktop/sso/sso-sign-in.ts) over the real mode manager with
// fake sessions and a fake login window: the assertion login, the refusals in plain words, the window
// closed by the agent (nothing changes), and "sign in again" asked exactly once when the session ends.
import { describe, expect, it } from 'vitest';
import type { AppState } from '../../../src-preload/api';
import { createAppStateStore } from '../../../src-main/desktop/app-state';
import { LoginFailedError, createModeManager } from '../../../src-main/desktop/modes';
import type { LoginWindow, LoginWindowOutcome } from '../../../src-main/desktop/sso/login-window';
import { createSsoSignIn } from '../../../src-main/desktop/sso/sso-sign-in';
import type { Policy } from '../../../src-main/desktop/policy/policy-schema';
import { silentLogger, type Credentials } from '../../../src-main/lp/index';
import { createIdpState, issueResponse } from '../../../src-main/simulator/idp';
import { FakeSession } from '../fakes';
import { memoryOutbox } from '../memory-outbox';

const idp = createIdpState({ accountId: '123' });
idp.issuer = 'https://idp.example.com';
const saml = issueResponse(idp, 'ann@example.com', Date.now());

function harness(opts: { idpUrl?: string; policy?: Policy; setup?: (s: FakeSession) => void; confirm?: boolean } = {}) {
  const sessions: FakeSession[] = [];
  const modes = createModeManager({
    createSession: (o) => {
      const s = new FakeSession(o);
      opts.setup?.(s);
      sessions.push(s);
      return s;
    },
    startSimulator: () => Promise.reject(new Error('no demo here')),
    outboxStore: () => memoryOutbox(),
    logger: silentLogger,
  });
  const appState = createAppStateStore({ mode: 'signed-out', secretStorage: 'os-encrypted', secretsPersisted: false, version: '1', platform: 'linux', language: 'en' } satisfies AppState);
  const windows: Array<{ opts: { idpUrl: string; isAcs(url: string): boolean }; settle(o: LoginWindowOutcome): void; focused: number }> = [];
  const notified: number[] = [];
  const secrets: string[] = [];
  const asked: string[] = [];
  const sso = createSsoSignIn({
    config: () => ({ ...(opts.idpUrl === '' ? {} : { idpUrl: opts.idpUrl ?? 'https://idp.example.com/sso' }), acsPattern: 'https://*.liveperson.net/api/account/{accountId}/login*', locked: false }),
    policy: opts.policy ?? {},
    openWindow: (o) => {
      let settle: (x: LoginWindowOutcome) => void = () => undefined;
      const outcome = new Promise<LoginWindowOutcome>((r) => { settle = r; });
      const entry = { opts: o, settle: (x: LoginWindowOutcome) => settle(x), focused: 0 };
      windows.push(entry);
      const w: LoginWindow = { outcome, focus: () => { entry.focused++; } };
      return w;
    },
    modes,
    appState,
    refreshAppState: () => appState.update({ mode: modes.current().mode }),
    confirmCsdsHost: async (host) => { asked.push(host); return opts.confirm ?? true; },
    notifySignInAgain: () => notified.push(Date.now()),
    registerSecret: (s) => secrets.push(s),
    log: () => undefined,
  });
  const window = (i = 0) => {
    const w = windows[i];
    if (!w) throw new Error(`no login window #${i}`);
    return w;
  };
  return { sso, modes, appState, sessions, windows, window, notified, secrets, asked };
}

/** Lets the awaited steps between the window's outcome and the mode switch run. */
const settled = () => new Promise<void>((r) => setImmediate(r));

describe('single sign-on', () => {
  it('signs in with the captured assertion as the §2 assertion body credentials, for the account typed', async () => {
    const h = harness();
    const done = h.sso.signIn({ accountId: '123' });
    await settled();
    expect(h.window().opts.idpUrl).toBe('https://idp.example.com/sso');
    expect(h.window().opts.isAcs('https://va.agentvep.liveperson.net/api/account/123/login')).toBe(true);
    h.window().settle({ kind: 'captured', samlResponse: saml });
    await expect(done).resolves.toEqual({ remembered: false });
    const creds = h.sessions[0]?.options?.credentials as Credentials;
    expect(creds).toEqual({ kind: 'assertion', username: 'ann@example.com', assertion: saml });
    expect(h.sessions[0]?.options?.account).toEqual({ accountId: '123' });
    expect(h.secrets).toEqual([saml]);
    expect(h.modes.current().mode).toBe('live');
    expect(h.appState.get().sso).toEqual({ available: true, locked: false });
  });

  it('a window closed by the agent rejects saying so and changes nothing (the current session stays)', async () => {
    const h = harness();
    await h.modes.startLive({ accountId: '999' }, { kind: 'password', username: 'bob', password: 'pw' });
    const before = h.modes.current().session;
    const done = h.sso.signIn({ accountId: '123' });
    await settled();
    h.window().settle({ kind: 'closed' });
    await expect(done).rejects.toMatchObject({ code: 0, location: 'SSO#Closed' });
    expect(h.modes.current().session).toBe(before);
    expect(h.sessions).toHaveLength(1);
  });

  it('LivePerson refusing the assertion is said as "your organisation\'s sign-in was refused: <reason>"', async () => {
    const h = harness({ setup: (s) => { s.startError = new LoginFailedError(401, 'Login#REST 401: expired'); } });
    const done = h.sso.signIn({ accountId: '123' });
    await settled();
    h.window().settle({ kind: 'captured', samlResponse: saml });
    await expect(done).rejects.toMatchObject({ code: 401, location: 'SSO#Refused', message: 'expired' });
    expect(h.modes.current().mode).toBe('signed-out');
  });

  it('a response that is not a usable SAML response, or none, is refused before anything is sent', async () => {
    const h = harness();
    const a = h.sso.signIn({ accountId: '123' });
    await settled();
    h.window(0).settle({ kind: 'captured', samlResponse: Buffer.from('<html/>').toString('base64') });
    await expect(a).rejects.toMatchObject({ location: 'SSO#Response', message: 'the identity provider did not answer with a SAML response' });
    const b = h.sso.signIn({ accountId: '123' });
    await settled();
    h.window(1).settle({ kind: 'refused', reason: 'the identity provider posted no SAMLResponse' });
    await expect(b).rejects.toMatchObject({ location: 'SSO#Response', message: 'the identity provider posted no SAMLResponse' });
    expect(h.sessions).toHaveLength(0);
  });

  it('refuses without an IdP URL or an account id; a second ask while the window is open brings it up', async () => {
    await expect(harness({ idpUrl: '' }).sso.signIn({ accountId: '123' })).rejects.toMatchObject({ code: 409, location: 'SSO#NotConfigured' });
    await expect(harness().sso.signIn({})).rejects.toMatchObject({ code: 400, location: 'SSO#Account' });
    const h = harness();
    const first = h.sso.signIn({ accountId: '123' });
    await settled();
    const second = h.sso.signIn({ accountId: '123' });
    await settled();
    expect(h.windows).toHaveLength(1);
    expect(h.window().focused).toBe(1);
    h.window().settle({ kind: 'captured', samlResponse: saml });
    await expect(first).resolves.toMatchObject({ remembered: false });
    await expect(second).resolves.toMatchObject({ remembered: false });
  });

  it('the IT policy\'s account id replaces the typed one; a non-LivePerson domain service is confirmed first', async () => {
    const h = harness({ policy: { accountId: '555', csdsUrl: 'https://csds.corp.example' }, confirm: false });
    await expect(h.sso.signIn({ accountId: '123' })).rejects.toMatchObject({ code: 403, location: 'SSO#DomainService', message: 'csds.corp.example' });
    expect(h.asked).toEqual(['csds.corp.example']);
    expect(h.windows).toHaveLength(0);
    const ok = harness({ policy: { accountId: '555' } });
    const done = ok.sso.signIn({ accountId: '123' });
    await settled();
    expect(ok.window().opts.isAcs('https://x.liveperson.net/api/account/555/login')).toBe(true);
    ok.window().settle({ kind: 'captured', samlResponse: saml });
    await done;
    expect(ok.sessions[0]?.options?.account).toEqual({ accountId: '555' });
  });

  it('when the SSO session ends for good: one notification and signInAgain, however often it fails; a new sign-in clears it', async () => {
    const h = harness();
    const done = h.sso.signIn({ accountId: '123' });
    await settled();
    h.window().settle({ kind: 'captured', samlResponse: saml });
    await done;
    const session = h.sessions[0];
    if (!session) throw new Error('no session');
    session.emit('connection', { phase: 'reconnecting', reconnects: 0, since: 1 });
    expect(h.notified).toHaveLength(0);
    session.emit('connection', { phase: 'auth-failed', reconnects: 0, since: 2, lastError: 'Login#REST 401: already used' });
    session.emit('connection', { phase: 'offline', reconnects: 0, since: 3 });
    session.emit('connection', { phase: 'auth-failed', reconnects: 0, since: 4 });
    expect(h.notified).toHaveLength(1);
    expect(h.appState.get().sso).toEqual({ available: true, locked: false, signInAgain: true });

    // "Sign in again": no account given = the last SSO account; the new session clears the question.
    const again = h.sso.signIn();
    await settled();
    h.window(1).settle({ kind: 'captured', samlResponse: saml });
    await again;
    expect(h.sessions[1]?.options?.account).toEqual({ accountId: '123' });
    expect(h.appState.get().sso).toEqual({ available: true, locked: false });
    // The old session's late events ask nothing.
    session.emit('connection', { phase: 'auth-failed', reconnects: 0, since: 5 });
    expect(h.notified).toHaveLength(1);
  });

  it('a password session that fails asks nothing (not SSO)', async () => {
    const h = harness();
    await h.modes.startLive({ accountId: '999' }, { kind: 'password', username: 'bob', password: 'pw' });
    h.sessions[0]?.emit('connection', { phase: 'auth-failed', reconnects: 0, since: 1 });
    expect(h.notified).toHaveLength(0);
    expect(h.appState.get().sso?.signInAgain).toBeUndefined();
  });
});
