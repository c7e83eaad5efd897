/**
 * "Sign in with single sign-on" (issue 11.6), from the request to a live session: the login window on
 * the identity provider (login-window.ts), the SAML response it posts (saml-response.ts), then a live
 * session signed in with the assertion login body (lp-protocol.md §2). Refresh is the core's, as for
 * a password. When that session ends for good (the core stops in 'auth-failed': the bearer could not
 * be refreshed and LivePerson refused the assertion again) the agent is asked once to sign in again —
 * an OS notification and `app.sso.signInAgain` (the window's banner with its button) — and nothing
 * retries by itself (reauth.ts).
 *
 * A window closed by the agent, a response that is not a SAML response, or LivePerson refusing the
 * assertion end the attempt with an AppError whose location says which (`SSO#Closed`, `SSO#Response`,
 * `SSO#Refused`, …) and whose message is the detail (the reason, the host): the window words the
 * sentence in the agent's language (src-renderer/lib/errors.ts describeSsoError). The current mode is
 * not touched until an assertion is in hand. One attempt at a time: asking again while the window is
 * open brings it up.
 */
import { t } from '../i18n';
import type { AppState, LoginResult } from '../../../src-preload/api';
import type { AgentSession } from '../../lp';
import { AppError } from '../account-actions';
import type { AppStateStore } from '../app-state';
import { csdsHostToConfirm } from '../csds-trust';
import { LoginFailedError, type ModeManager } from '../modes';
import { loginUnderPolicy } from '../policy/apply-policy';
import type { Policy } from '../policy/policy-schema';
import type { LoginWindow } from './login-window';
import { createReauthTracker } from './reauth';
import { SamlResponseError } from './saml-form';
import { acsMatcher, type SsoConfig } from './sso-config';

export interface SsoSignInDeps {
  /** The SSO URLs in effect now (sso-config.ts: policy, else settings). */
  config(): SsoConfig;
  policy: Policy;
  openWindow(opts: { idpUrl: string; isAcs(url: string): boolean }): LoginWindow;
  modes: Pick<ModeManager, 'startLive' | 'current' | 'onChange'>;
  appState: Pick<AppStateStore, 'get' | 'update'>;
  refreshAppState(): void;
  /** Asks before the assertion goes to a domain service outside LivePerson's domains (csds-trust.ts). */
  confirmCsdsHost(host: string): Promise<boolean>;
  /** The one OS notification of an SSO session that ended. */
  notifySignInAgain(): void;
  registerSecret?(secret: string): void;
  log(message: string): void;
}

export interface SsoSignIn {
  signIn(args?: { accountId?: string | undefined; csdsUrl?: string | undefined }): Promise<LoginResult>;
  /** `app.sso` as it is now (for app state). */
  view(): NonNullable<AppState['sso']>;
  /** Settings or policy changed: `available` may have. */
  refreshView(): void;
  dispose(): void;
}

/** `Login#REST 401: expired` → `expired` (a connection error's place and code are not for people). */
function withoutPlace(message: string): string {
  return message.replace(/^[A-Za-z]+#[A-Za-z]+ -?\d+: /, '');
}

export function createSsoSignIn(deps: SsoSignInDeps): SsoSignIn {
  let last: { accountId: string; csdsUrl?: string } | undefined;
  let pending: { window: LoginWindow; result: Promise<LoginResult> } | undefined;
  let signInAgain = false;
  let watched: { session: AgentSession; off: () => void } | undefined;

  const view = (): NonNullable<AppState['sso']> => {
    const cfg = deps.config();
    return { available: cfg.idpUrl !== undefined, locked: cfg.locked, ...(signInAgain ? { signInAgain: true } : {}) };
  };
  const refreshView = (): void => deps.appState.update({ sso: view() });

  const unwatch = (): void => {
    watched?.off();
    watched = undefined;
  };
  /** Ask once when this SSO session ends for good. */
  const watch = (session: AgentSession): void => {
    unwatch();
    const tracker = createReauthTracker(true);
    const off = session.on('connection', (c) => {
      const d = tracker.phase(c.phase);
      if (!d.ask) return;
      deps.log('single sign-on session ended and cannot be renewed without the agent: asking to sign in again (once)');
      signInAgain = true;
      refreshView();
      deps.notifySignInAgain();
    });
    watched = { session, off };
  };
  // Another mode or session (sign-out, demo, a password sign-in): the question is no longer asked.
  const offModes = deps.modes.onChange((info) => {
    if (watched && info.session === watched.session) return;
    unwatch();
    if (signInAgain) {
      signInAgain = false;
      refreshView();
    }
  });

  const attempt = async (account: { accountId: string; csdsUrl?: string }, idpUrl: string, acsPattern: string): Promise<LoginResult> => {
    const window = deps.openWindow({ idpUrl, isAcs: acsMatcher(acsPattern, account.accountId) });
    pending = { window, result: Promise.resolve({ remembered: false }) };
    const outcome = await window.outcome;
    if (outcome.kind === 'closed') {
      throw new AppError(0, 'SSO#Closed', t('mainErrors.ssoClosed'));
    }
    if (outcome.kind === 'refused') throw new AppError(502, 'SSO#Response', outcome.reason);
    let nameId: string;
    try {
      // The XML reader (and its parser) is loaded only now: start-up and every other sign-in skip it.
      const { readSamlResponse } = await import('./saml-response');
      nameId = readSamlResponse(outcome.samlResponse).nameId;
    } catch (err) {
      throw new AppError(502, 'SSO#Response', err instanceof SamlResponseError ? err.message : String(err));
    }
    deps.registerSecret?.(outcome.samlResponse);
    try {
      await deps.modes.startLive(account, { kind: 'assertion', username: nameId, assertion: outcome.samlResponse }, { interactive: true });
    } catch (err) {
      deps.refreshAppState();
      if (err instanceof LoginFailedError && (err.code === 401 || err.code === 403)) {
        deps.log(`single sign-on refused by LivePerson: ${withoutPlace(err.message)}`);
        throw new AppError(err.code, 'SSO#Refused', withoutPlace(err.message));
      }
      throw err;
    }
    last = account;
    signInAgain = false;
    const { session } = deps.modes.current();
    if (session) watch(session);
    deps.refreshAppState();
    refreshView();
    deps.log(`signed in (live, single sign-on) as account ${account.accountId}`);
    return { remembered: false };
  };

  return {
    view,
    refreshView,
    async signIn(args) {
      if (pending) {
        pending.window.focus();
        return pending.result;
      }
      const cfg = deps.config();
      if (cfg.idpUrl === undefined) throw new AppError(409, 'SSO#NotConfigured', t('mainErrors.ssoNotConfigured'));
      const typed = args?.accountId !== undefined ? { accountId: args.accountId, ...(args.csdsUrl !== undefined ? { csdsUrl: args.csdsUrl } : {}) } : last;
      const fields = loginUnderPolicy(deps.policy, { accountId: typed?.accountId ?? '', csdsUrl: typed?.csdsUrl, remember: false });
      if (fields.accountId === '') throw new AppError(400, 'SSO#Account', t('mainErrors.ssoNeedsAccount'));
      const account = { accountId: fields.accountId, ...(fields.csdsUrl !== undefined ? { csdsUrl: fields.csdsUrl } : {}) };
      const host = csdsHostToConfirm(account.csdsUrl);
      if (host !== undefined && !(await deps.confirmCsdsHost(host))) {
        throw new AppError(403, 'SSO#DomainService', host);
      }
      const result = attempt(account, cfg.idpUrl, cfg.acsPattern);
      // The window exists now (attempt opened it synchronously): a second ask waits for this one.
      const opened = pending as { window: LoginWindow; result: Promise<LoginResult> } | undefined;
      if (opened) opened.result = result;
      try {
        return await result;
      } finally {
        pending = undefined;
      }
    },
    dispose() {
      unwatch();
      offModes();
    },
  };
}
