/**
 * Single sign-on wired to Electron (issue 11.6): the login window from `BrowserWindow` and
 * `session.fromPartition` (sso/login-window.ts), the "sign in again" OS notification (kept referenced
 * until it closes; a click brings the main window up), `app.sso` kept in step with the settings and
 * the IT policy, and the sign-in flow itself (sso/sso-sign-in.ts).
 */
import type { BrowserWindow, BrowserWindowConstructorOptions, Notification } from 'electron';
import type { Policy } from '../policy/policy-schema';
import type { Core } from './core';
import { openLoginWindow, type LoginWindowLike, type NavigationAllowances } from '../sso/login-window';
import { ssoConfig } from '../sso/sso-config';
import { createSsoSignIn, type SsoSignIn } from '../sso/sso-sign-in';
import { t } from '../i18n';
import type { ElectronDeps } from '../electron-deps';

export interface SsoPhaseDeps {
  electron: Pick<ElectronDeps, 'BrowserWindow' | 'session' | 'Notification'>;
  core: Pick<Core, 'settings' | 'modes' | 'appState' | 'accounts' | 'log'>;
  policy: Policy;
  navigation: NavigationAllowances;
  confirmCsdsHost(host: string): Promise<boolean>;
  registerSecret(secret: string): void;
  showWindow(): void;
}

export function createSsoPhase(deps: SsoPhaseDeps): SsoSignIn {
  const { core } = deps;
  let shown: Notification | null = null;
  const sso = createSsoSignIn({
    config: () => ssoConfig(core.settings.get(), deps.policy),
    policy: deps.policy,
    openWindow: (opts) => openLoginWindow({
      createWindow: (o: BrowserWindowConstructorOptions): LoginWindowLike => new deps.electron.BrowserWindow(o) as BrowserWindow,
      fromPartition: (p) => deps.electron.session.fromPartition(p),
      navigation: deps.navigation,
      log: core.log,
    }, { ...opts, title: t('sso.windowTitle') }),
    modes: core.modes,
    appState: core.appState,
    refreshAppState: core.accounts.refreshAppState,
    confirmCsdsHost: deps.confirmCsdsHost,
    registerSecret: deps.registerSecret,
    log: core.log,
    notifySignInAgain: () => {
      const n = new deps.electron.Notification({ title: t('sso.notificationTitle'), body: t('sso.ended') });
      shown = n;
      n.on('click', () => deps.showWindow());
      n.on('close', () => { if (shown === n) shown = null; });
      try {
        n.show();
      } catch (err) {
        core.log(`the sign-in-again notification could not be shown: ${err instanceof Error ? err.message : String(err)}`);
      }
    },
  });
  sso.refreshView();
  core.settings.onChange((next, previous) => {
    if (next.ssoIdpUrl !== previous.ssoIdpUrl || next.ssoAcsUrl !== previous.ssoAcsUrl) sso.refreshView();
  });
  return sso;
}
