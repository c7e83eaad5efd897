/**
 * Phase 2, after ready: the core and the stores around it — the file logger (redacted), settings,
 * the credential store, app state, the events bridge to the renderer, the mode manager (session
 * factory, demo simulator with its env overrides, the outbox file per account) and the account
 * actions; sessions get the desktop transport when one is given. Nothing here touches a window; the webContents to send to are asked for on each event.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AppState } from '../../../src-preload/api';
import { clearSecrets, redact, registerSecret, type AgentSession, type SessionOptions } from '../../lp';
import { createAccountActions, type AccountActions } from '../account-actions';
import { createAppStateStore, type AppStateStore } from '../app-state';
import { createMainI18n, t, type MainI18n } from '../i18n';
import { DAMAGE, readJsonOrMoveAside } from '../corrupt-file';
import { createCredentialStore, type CredentialStore, type SafeStorageLike } from '../credentials';
import { createEventsBridge, type EventsBridge, type WebContentsLike } from '../events-bridge';
import { createFileLogger, type FileLogger } from '../logging';
import { createNotices, type Notices } from '../notices';
import { createModeManager, demoOverridesFromEnv, type DemoSimulator, type ModeManager } from '../modes';
import { createNetworkPhase, type NetworkPhase, type NetworkSessionLike } from '../network/network-phase';
import { createNetworkControls, type NetworkControls } from '../network/network-controls';
import type { ProxyCredentialStore } from '../network/proxy-credentials';
import { createTrustedCertificates } from '../network/trusted-certificates';
import { fileOutboxStore, outboxFilePath } from '../outbox-file-store';
import { networkUnderPolicy, policyView } from '../policy/apply-policy';
import { policyFilePath, readPolicyFile, type PolicyState } from '../policy/policy-file';
import { createSettings, type SettingsService, type StoreFactory } from '../settings';
import { createDrafts, type Drafts } from './drafts-phase';

export interface CoreDeps {
  userData: string;
  version: string;
  platform: string;
  /** The OS's preferred languages, most preferred first (app.getPreferredSystemLanguages()). */
  osLanguages(): readonly string[];
  /** Read for the demo simulator's test/dev knobs (modes.ts header). */
  env: Readonly<Record<string, string | undefined>>;
  safeStorage: SafeStorageLike;
  storeFactory: StoreFactory;
  createSession(opts: SessionOptions): AgentSession;
  startSimulator(opts: { demoConsumers: boolean; port?: number; ringExpirationMs?: number }): Promise<DemoSimulator>;
  /** The renderer(s) events go to, asked for on every event. */
  webContents(): WebContentsLike[];
  /** Also print each (redacted) log line here. */
  echo?(line: string): void;
  /**
   * The app's Electron session: sessions then reach LivePerson through it (network/network-phase.ts:
   * REST over its fetch, the socket through the proxy it resolves). Absent = the core's Node transport.
   */
  netSession?: NetworkSessionLike;
  /** Proxy credentials shared by REST (`app.on('login')`) and the socket. */
  proxyCredentials?: ProxyCredentialStore;
  /** Asks the user before a password goes to a domain service outside LivePerson's domains. */
  confirmCsdsHost(host: string): Promise<boolean>;
  /** Main's open dialog for a PEM certificate file (Settings → Network); null when cancelled. */
  chooseCertificateFile?(): Promise<string | null>;
}

export interface Core {
  logger: FileLogger;
  log(message: string): void;
  /** The machine-wide IT policy; other layers ask `policy.locked(key)` / `policy.effective(key, value)`. */
  policy: PolicyState;
  settings: SettingsService;
  credentials: CredentialStore;
  appState: AppStateStore;
  i18n: MainI18n;
  events: EventsBridge;
  modes: ModeManager;
  accounts: AccountActions;
  /** Told once to the user (notices.ts): damaged files moved aside, a full disk. */
  notices: Notices;
  /** The desktop network (proxy settings, transport), when `netSession` was given. */
  network: NetworkPhase | null;
  /** The composer's drafts of the signed-in account, kept in main (drafts-phase.ts). */
  drafts: Drafts;
  /** Settings → Network and the network part of Diagnostics, when `netSession` was given. */
  networkControls: NetworkControls | null;
}

export function createCore(deps: CoreDeps): Core {
  mkdirSync(deps.userData, { recursive: true });
  const logger = createFileLogger({ dir: join(deps.userData, 'logs'), redact, ...(deps.echo ? { echo: deps.echo } : {}) });
  const log = (message: string): void => logger.log('info', message);
  log(`starting LP Agent Desktop ${deps.version} on ${deps.platform}`);

  // IT policy (issue 11.8): read once; a rejected file is said in the log here and in the banner (app state).
  const policy = readPolicyFile(policyFilePath(deps.platform, deps.env));
  if (policy.error !== undefined) logger.log('error', policy.error);
  else if (Object.keys(policy.policy).length > 0) log(`IT policy ${policy.path} sets: ${Object.keys(policy.policy).sort().join(', ')}`);

  const events = createEventsBridge(deps.webContents, redact);
  const notices = createNotices({ deliver: (n) => events.emit('app/notice', n), log });
  // Worded when shown, in the language chosen by then (notices.ts); the reason is corrupt-file.ts's.
  const movedAside = (key: 'settingsDamaged' | 'credentialsDamaged' | 'outboxDamaged' | 'draftsDamaged', id: string) => (movedTo: string, reason: string): void => notices.tell({
    id, level: 'warning',
    text: () => t(`notices.${key}`, { reason: reason === DAMAGE.notJson ? t('notices.notJson') : t('notices.unexpectedContent'), path: movedTo }),
  });

  const settings = createSettings(deps.storeFactory, { file: join(deps.userData, 'settings.json'), onMovedAside: movedAside('settingsDamaged', 'settings-corrupt') });
  // Checked at start (the store reads it only when an account needs it): damaged → moved aside, told now.
  const credentialsFile = join(deps.userData, 'credentials.json');
  const credentialsDamaged = movedAside('credentialsDamaged', 'credentials-corrupt');
  const checked = readJsonOrMoveAside(credentialsFile, (v) => typeof v === 'object' && v !== null && !Array.isArray(v));
  if (checked.state === 'moved-aside') credentialsDamaged(checked.movedTo, checked.reason);
  const credentials = createCredentialStore({ safeStorage: deps.safeStorage, file: credentialsFile, platform: deps.platform, onMovedAside: credentialsDamaged });
  log(`secret storage: ${credentials.storage()} (backend ${credentials.backend()})`);
  const i18n = createMainI18n(deps.osLanguages, settings.get().language);
  const initialState: AppState = {
    mode: 'signed-out', secretStorage: credentials.storage(), secretsPersisted: false,
    version: deps.version, platform: deps.platform, language: i18n.language(),
    policy: policyView(policy),
  };
  const appState = createAppStateStore(initialState);

  // Logged once, so a run says what it changed.
  const demoOverrides = demoOverridesFromEnv(deps.env);
  if (Object.keys(demoOverrides).length > 0) log(`demo simulator overrides: ${JSON.stringify(demoOverrides)}`);
  // Certificates trusted beside the OS store: the IT policy's files (locked) and the user's (Settings → Network).
  const certificates = createTrustedCertificates({ file: join(deps.userData, 'trusted-certificates.json'), policyFiles: policy.policy.trustedCertificateFiles ?? [], log });
  const network = deps.netSession
    ? createNetworkPhase({ session: deps.netSession, addedCertificates: certificates.pems, override: (n) => networkUnderPolicy(policy.policy, n), ...(deps.proxyCredentials ? { credentials: deps.proxyCredentials } : {}), log })
    : null;
  const transport = network?.transport;
  const modes = createModeManager({
    createSession: (o) => deps.createSession(transport ? { ...o, transport } : o),
    startSimulator: (o) => deps.startSimulator({ ...o, ...demoOverrides }),
    outboxStore: (accountId, username) => fileOutboxStore(outboxFilePath(join(deps.userData, 'outbox'), accountId, username), {
      onMovedAside: movedAside('outboxDamaged', 'outbox-corrupt'),
      onWriteFailed: (err) => notices.tell({ id: 'outbox-disk', level: 'warning', text: () => t('notices.diskFull', { reason: err.code ?? err.message }) }),
      onWriteRecovered: () => notices.tell({ id: 'outbox-disk-ok', level: 'info', text: () => t('notices.diskOk') }),
    }),
    logger,
  });
  const accounts = createAccountActions({ modes, settings, credentials, appState, log, registerSecret, clearSecrets, confirmCsdsHost: deps.confirmCsdsHost, policy: policy.policy });
  const drafts = createDrafts({ modes, dir: join(deps.userData, 'drafts'), log, onMovedAside: movedAside('draftsDamaged', 'drafts-corrupt') });
  const networkControls = network
    ? createNetworkControls({
      settings, policy: policy.policy, certificates, phase: network, log,
      chooseCertificateFile: deps.chooseCertificateFile ?? (async () => null),
      reconnect: (why) => modes.current().session?.reconnectNow(why),
    })
    : null;
  certificates.policyErrors().forEach((text, i) => notices.tell({ id: `policy-certificates-${i}`, level: 'warning', text }));
  return { logger, log, policy, settings, credentials, appState, i18n, events, modes, accounts, notices, network, networkControls, drafts };
}
