/**
 * Every request of the contract, implemented against the mode manager's session, the account
 * actions, settings, logs and the shell. `Handlers` maps every RequestName to its handler, so a
 * request added to api.ts without a handler here is a compile error. Arguments arrive parsed
 * (ipc.ts); results never hold a secret.
 */
import type { Diagnostics, RequestName, Settings, UpdateRestartResult, UpdateStatus } from '../../src-preload/api';
import type { AgentSession, Skill } from '../lp/index';
import { acceptOldest } from './accept-oldest';
import { AppError, type AccountActions } from './account-actions';
import type { AppStateStore } from './app-state';
import type { DesktopAttention } from './attention/desktop-attention';
import type { EventsBridge } from './events-bridge';
import type { FilesService } from './files/files-service';
import { t } from './i18n';
import type { IpcRegistry, RequestHandler } from './ipc';
import type { ModeManager } from './modes';
import type { NetworkControls } from './network/network-controls';
import type { SettingsService } from './settings';
import type { SsoSignIn } from './sso/sso-sign-in';

export type Handlers = { [N in RequestName]: RequestHandler<N> };

export interface HandlerDeps {
  modes: ModeManager;
  accounts: AccountActions;
  appState: AppStateStore;
  settings: SettingsService;
  events: EventsBridge;
  skills: { list(session: AgentSession): Promise<Skill[]> };
  logs: { lines(): number; exportTo(path: string): { path: string; lines: number } };
  /** Where to write exported logs (a save dialog, or Downloads); null = cancelled. */
  chooseExportPath(): Promise<string | null>;
  /** Checks, asks when needed, opens (startup/ipc-phase.ts createOpenExternal). */
  openExternal(url: string): Promise<{ opened: true } | { opened: false; reason: string }>;
  /** A page took its snapshot: it is subscribed and in sync, so events now reach it (notices.ts). */
  onSnapshot?(): void;
  /** Unread counts and what is on screen (attention/). */
  attention: Pick<DesktopAttention, 'viewing'>;
  /** File messages: open, save as, send, retry (files/files-service.ts). */
  files: Pick<FilesService, 'open' | 'openRichImage' | 'saveAs' | 'send' | 'retry'>;
  /** Single sign-on (sso/sso-sign-in.ts). */
  sso: Pick<SsoSignIn, 'signIn'>;
  /** "Restart to update" (updates/updater.ts): refused while a conversation is open or a ring waits. */
  updates: { restart(): UpdateRestartResult; checkNow(): void; status(): UpdateStatus };
  /** Diagnostics: the crash folder, the zip of logs and crash reports (startup/crash-phase.ts). */
  crash: {
    openFolder(): Promise<{ path: string; error?: string }>;
    exportReport(): Promise<{ path: string; logLines: number; crashDumps: number } | null>;
  };
  /** The composer's drafts, per conversation, of the signed-in account (startup/drafts-phase.ts). */
  drafts: { get(conversationId: string): string; set(conversationId: string, text: string): boolean };
  /** Settings → Network and Diagnostics' network part (network/network-controls.ts); absent without Electron's session. */
  network?: NetworkControls | null;
  /** A new sign-in or "Retry now" may show the proxy credentials prompt again after a cancel (proxy-credentials.ts reset). */
  resetProxyPrompt?(): void;
}

export function requireSession(modes: ModeManager): AgentSession {
  const { session } = modes.current();
  if (!session) throw new AppError(409, 'App#Session', t('mainErrors.notSignedIn'));
  return session;
}

export function createHandlers(deps: HandlerDeps): Handlers {
  const session = (): AgentSession => requireSession(deps.modes);
  const network = (): NetworkControls => {
    if (!deps.network) throw new AppError(409, 'App#Network', t('network.unavailable'));
    return deps.network;
  };
  return {
    'app/state': () => deps.appState.get(),
    'session/snapshot': () => {
      const snapshot = deps.events.snapshot({ app: deps.appState.get(), session: deps.modes.current().session, settings: deps.settings.get() });
      deps.onSnapshot?.();
      return snapshot;
    },
    'session/login': (args) => {
      deps.resetProxyPrompt?.();
      return deps.accounts.login(args);
    },
    'session/resume': () => deps.accounts.resume(),
    'session/login-sso': (args) => deps.sso.signIn(args),
    'session/start-demo': async () => {
      await deps.accounts.startDemo();
      return null;
    },
    'session/logout': async (args) => {
      await deps.accounts.logout(args?.forget === true);
      return null;
    },
    'agent/set-availability': async ({ availability }) => {
      await session().setAvailability(availability);
      return null;
    },
    'ring/accept': async ({ ringId }) => {
      await session().acceptRing(ringId);
      return null;
    },
    'ring/reject': async ({ ringId }) => {
      await session().rejectRing(ringId);
      return null;
    },
    'ring/accept-oldest': () => {
      session();
      return acceptOldest(deps.modes);
    },
    'message/send': ({ conversationId, text, private: isPrivate }) =>
      session().sendText(conversationId, text, isPrivate === true ? { private: true } : undefined),
    'conversation/typing': async ({ conversationId, state }) => {
      await session().setTyping(conversationId, state);
      return null;
    },
    'conversation/read': async ({ conversationId, sequences }) => {
      await session().markRead(conversationId, sequences);
      return null;
    },
    'conversation/close': async ({ conversationId }) => {
      await session().closeConversation(conversationId);
      return null;
    },
    'conversation/back-to-queue': async ({ conversationId }) => {
      await session().backToQueue(conversationId);
      return null;
    },
    'conversation/transfer': async ({ conversationId, skillId, agentId }) => {
      if (agentId !== undefined) await session().transferToAgent(conversationId, skillId, agentId);
      else await session().transferToSkill(conversationId, skillId);
      return null;
    },
    'agents/list': ({ skillId }) => session().listAgents(skillId),
    'conversation/history': ({ conversationId }) => session().loadHistory(conversationId),
    'skills/list': () => deps.skills.list(session()),
    'consumer/profile': ({ consumerId }) => session().getConsumerProfile(consumerId),
    'connection/retry-now': () => {
      deps.resetProxyPrompt?.();
      session().reconnectNow('user asked to retry now');
      return null;
    },
    'settings/get': () => deps.settings.get(),
    'settings/set': (patch) => deps.settings.set(patch as Partial<Settings>),
    'diagnostics/get': () => {
      const current = deps.modes.current().session;
      const net = deps.network ? { network: deps.network.diagnostics() } : {};
      if (!current) return { domains: {}, connection: { phase: 'idle', reconnects: 0, since: 0 }, reconnects: 0, logLines: deps.logs.lines(), ...net } satisfies Diagnostics;
      const d = current.diagnostics();
      const diagnostics: Diagnostics = { domains: d.domains, connection: d.connection, reconnects: d.reconnects, logLines: deps.logs.lines(), ...net };
      if (d.socketUrl) diagnostics.socketUrl = d.socketUrl;
      if (d.lastError) diagnostics.lastError = d.lastError;
      return diagnostics;
    },
    'attention/viewing': ({ conversationId }) => deps.attention.viewing(conversationId),
    'diagnostics/export-logs': async () => {
      const path = await deps.chooseExportPath();
      return path === null ? null : deps.logs.exportTo(path);
    },
    'file/open': ({ conversationId, sequence }) => deps.files.open(conversationId, sequence),
    'rich/image-open': ({ conversationId, sequence, imageIndex }) => deps.files.openRichImage(conversationId, sequence, imageIndex),
    'file/save-as': ({ conversationId, sequence }) => deps.files.saveAs(conversationId, sequence),
    'file/send': ({ conversationId, bytes, caption, private: isPrivate }) => deps.files.send(conversationId, bytes, caption, isPrivate === true),
    'file/retry': ({ localId }) => deps.files.retry(localId),
    'diagnostics/open-crash-folder': () => deps.crash.openFolder(),
    'diagnostics/export-report': () => deps.crash.exportReport(),
    'draft/get': ({ conversationId }) => ({ text: deps.drafts.get(conversationId) }),
    'draft/set': ({ conversationId, text }) => {
      if (!deps.drafts.set(conversationId, text)) throw new AppError(409, 'App#Session', t('mainErrors.notSignedIn'));
      return null;
    },
    'update/check': () => {
      deps.updates.checkNow();
      return deps.updates.status();
    },
    'update/restart': () => deps.updates.restart(),
    'network/get': () => network().get(),
    'network/set-proxy': (args) => network().setProxy(args),
    'network/add-certificate': () => network().addCertificate(),
    'network/remove-certificate': ({ fingerprint }) => network().removeCertificate(fingerprint),
    // The allow-check (and, for look-alike hosts, the agent's confirmation) happen in main's opener.
    'shell/open-external': ({ url }) => deps.openExternal(url),
  };
}

export function registerHandlers(ipc: IpcRegistry, handlers: Handlers): void {
  for (const name of Object.keys(handlers) as RequestName[]) {
    ipc.handle(name, handlers[name] as RequestHandler<typeof name>);
  }
}
