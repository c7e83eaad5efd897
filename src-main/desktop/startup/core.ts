/**
 * Phase 2, after ready: the core and the stores around it — the file logger (redacted), settings,
 * the credential store, app state, the events bridge to the renderer, the mode manager (session
 * factory, demo simulator with its env overrides, the outbox file per account) and the account
 * actions. Nothing here touches a window; the webContents to send to are asked for on each event.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AppState } from '../../../src-preload/api';
import { clearSecrets, redact, registerSecret, type AgentSession, type SessionOptions } from '../../lp';
import { createAccountActions, type AccountActions } from '../account-actions';
import { createAppStateStore, type AppStateStore } from '../app-state';
import { createCredentialStore, type CredentialStore, type SafeStorageLike } from '../credentials';
import { createEventsBridge, type EventsBridge, type WebContentsLike } from '../events-bridge';
import { createFileLogger, type FileLogger } from '../logging';
import { createModeManager, demoOverridesFromEnv, type DemoSimulator, type ModeManager } from '../modes';
import { fileOutboxStore, outboxFilePath } from '../outbox-file-store';
import { createSettings, type SettingsService, type StoreFactory } from '../settings';

export interface CoreDeps {
  userData: string;
  version: string;
  platform: string;
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
}

export interface Core {
  logger: FileLogger;
  log(message: string): void;
  settings: SettingsService;
  credentials: CredentialStore;
  appState: AppStateStore;
  events: EventsBridge;
  modes: ModeManager;
  accounts: AccountActions;
}

export function createCore(deps: CoreDeps): Core {
  mkdirSync(deps.userData, { recursive: true });
  const logger = createFileLogger({ dir: join(deps.userData, 'logs'), redact, ...(deps.echo ? { echo: deps.echo } : {}) });
  const log = (message: string): void => logger.log('info', message);
  log(`starting LP Agent Desktop ${deps.version} on ${deps.platform}`);

  const settings = createSettings(deps.storeFactory);
  const credentials = createCredentialStore({ safeStorage: deps.safeStorage, file: join(deps.userData, 'credentials.json'), platform: deps.platform });
  log(`secret storage: ${credentials.storage()} (backend ${credentials.backend()})`);
  const initialState: AppState = {
    mode: 'signed-out', secretStorage: credentials.storage(), secretsPersisted: false,
    version: deps.version, platform: deps.platform,
  };
  const appState = createAppStateStore(initialState);
  const events = createEventsBridge(deps.webContents, redact);

  // Logged once, so a run says what it changed.
  const demoOverrides = demoOverridesFromEnv(deps.env);
  if (Object.keys(demoOverrides).length > 0) log(`demo simulator overrides: ${JSON.stringify(demoOverrides)}`);
  const modes = createModeManager({
    createSession: (o) => deps.createSession(o),
    startSimulator: (o) => deps.startSimulator({ ...o, ...demoOverrides }),
    outboxStore: (accountId, username) => fileOutboxStore(outboxFilePath(join(deps.userData, 'outbox'), accountId, username)),
    logger,
  });
  const accounts = createAccountActions({ modes, settings, credentials, appState, log, registerSecret, clearSecrets });
  return { logger, log, settings, credentials, appState, events, modes, accounts };
}
