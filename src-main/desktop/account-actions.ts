/**
 * Sign-in flows shared by IPC handlers and startup: live login (with remember / weak-storage
 * consent), resume of the saved live account, demo, sign-out (optionally forgetting the account),
 * and the startup default (saved account with a stored secret → live; else demo). Keeps AppState
 * (mode, account, savedAccount, secretStorage, secretsPersisted) in step.
 * A domain service outside LivePerson's domains (and not on this machine) is confirmed by the user
 * before the password goes there; a resume uses the URL stored with the encrypted secret and refuses
 * when the settings file names another one (the settings file is plain text anyone can edit).
 */
import type { LoginResult, RequestArgs } from '../../src-preload/api';
import type { AppStateStore } from './app-state';
import { csdsUrlProblem } from '../../src-preload/schemas';
import { demoAllowed, loginUnderPolicy } from './policy/apply-policy';
import type { Policy } from './policy/policy-schema';
import type { CredentialStore } from './credentials';
import { csdsHostToConfirm, sameCsds } from './csds-trust';
import { t } from './i18n';
import type { ModeManager } from './modes';
import type { SettingsService } from './settings';

export class AppError extends Error {
  constructor(readonly code: number, readonly location: string, message: string) {
    super(message);
    this.name = 'AppError';
  }
}

export interface AccountActions {
  login(args: RequestArgs<'session/login'>): Promise<LoginResult>;
  resume(): Promise<LoginResult>;
  startDemo(): Promise<void>;
  logout(forget: boolean): Promise<void>;
  /** Startup: resume a saved live account with a stored secret, else demo. */
  startDefault(): Promise<void>;
  refreshAppState(): void;
}

export function createAccountActions(deps: {
  modes: ModeManager;
  settings: SettingsService;
  credentials: CredentialStore;
  appState: AppStateStore;
  log(message: string): void;
  /** Told every password main gets hold of, so the log redactor masks it wherever it appears. */
  registerSecret?(secret: string): void;
  /** Forgets every registered secret (sign-out): the redactor's list does not outlive the session. */
  clearSecrets?(): void;
  /** Asks the user (main-process dialog) whether to send the password to this non-LivePerson host. */
  confirmCsdsHost(host: string): Promise<boolean>;
  /** The machine-wide IT policy (policy/policy-file.ts); none = nothing locked. */
  policy?: Policy;
}): AccountActions {
  const { modes, settings, credentials, appState } = deps;
  const policy: Policy = deps.policy ?? {};

  const refreshAppState = (): void => {
    const info = modes.current();
    const saved = settings.savedAccount();
    const live = info.mode === 'live' && info.account;
    appState.update({
      mode: info.mode,
      account: info.account,
      savedAccount: saved ? { accountId: saved.accountId, username: saved.username, hasSecret: credentials.hasStored(saved) } : undefined,
      secretStorage: credentials.storage(),
      secretsPersisted: live ? credentials.hasStored(info.account as { accountId: string; username: string }) : false,
    });
  };

  const resume = async (): Promise<LoginResult> => {
    const saved = settings.savedAccount();
    if (!saved) throw new AppError(404, 'Resume#Account', t('mainErrors.noSavedAccount'));
    const secret = credentials.load(saved);
    if (secret === undefined) throw new AppError(401, 'Resume#Credentials', t('mainErrors.noSavedPassword'));
    const { password, csdsUrl } = secret;
    deps.registerSecret?.(password);
    if (!sameCsds(csdsUrl, saved.csdsUrl) || (csdsUrl !== undefined && csdsUrlProblem(csdsUrl) !== undefined)) {
      deps.log('resume refused: the saved domain-service URL differs from the one the password was stored for');
      throw new AppError(409, 'Resume#DomainService', t('mainErrors.csdsChanged'));
    }
    try {
      await modes.startLive({ accountId: saved.accountId, ...(csdsUrl ? { csdsUrl } : {}) }, { kind: 'password', username: saved.username, password });
    } finally {
      refreshAppState();
    }
    return { remembered: credentials.hasStored(saved) };
  };

  return {
    refreshAppState,
    async login(formArgs) {
      const args = loginUnderPolicy(policy, formArgs);
      const key = { accountId: args.accountId, username: args.username };
      deps.registerSecret?.(args.password);
      const host = csdsHostToConfirm(args.csdsUrl);
      if (host !== undefined && !(await deps.confirmCsdsHost(host))) {
        throw new AppError(403, 'Login#DomainService', t('mainErrors.csdsCancelled', { host }));
      }
      try {
        await modes.startLive(
          { accountId: args.accountId, ...(args.csdsUrl ? { csdsUrl: args.csdsUrl } : {}) },
          { kind: 'password', username: args.username, password: args.password },
          { interactive: true },
        );
      } catch (err) {
        refreshAppState();
        throw err;
      }
      const outcome = credentials.save(key, { password: args.password, ...(args.csdsUrl ? { csdsUrl: args.csdsUrl } : {}) }, { persist: args.remember, allowWeak: args.allowWeakStorage === true });
      if (args.remember) {
        settings.setSavedAccount({ accountId: args.accountId, username: args.username, ...(args.csdsUrl ? { csdsUrl: args.csdsUrl } : {}) });
      } else {
        const saved = settings.savedAccount();
        if (saved && saved.accountId === key.accountId && saved.username === key.username) settings.setSavedAccount(undefined);
      }
      refreshAppState();
      deps.log(`signed in (live) as account ${args.accountId}; secret ${outcome.persisted ? `stored (${credentials.backend()})` : 'kept in memory'}`);
      const result: LoginResult = { remembered: outcome.persisted };
      if (outcome.note) result.note = outcome.note;
      return result;
    },
    resume,
    async startDemo() {
      if (!demoAllowed(policy)) throw new AppError(403, 'Demo#Policy', t('mainErrors.demoOff'));
      try {
        await modes.startDemo();
      } finally {
        refreshAppState();
      }
    },
    async logout(forget) {
      const saved = settings.savedAccount();
      await modes.signOut();
      // After the session is gone, not in modes.stopCurrent: a sign-in's new password must stay registered.
      deps.clearSecrets?.();
      if (forget) {
        credentials.forget(saved);
        settings.setSavedAccount(undefined);
      }
      refreshAppState();
    },
    async startDefault() {
      const saved = settings.savedAccount();
      if (saved && credentials.hasStored(saved)) {
        try {
          await resume();
          return;
        } catch (err) {
          deps.log(`resuming the saved account failed: ${err instanceof Error ? err.message : String(err)}`);
          // A live account exists: do not silently switch to demo; the window offers sign-in.
          refreshAppState();
          return;
        }
      }
      if (!demoAllowed(policy)) {
        // Demo switched off by IT: stay signed out, the window offers sign-in.
        refreshAppState();
        return;
      }
      await this.startDemo();
    },
  };
}
