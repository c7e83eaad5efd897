/**
 * The composition root of the desktop main process: `runApp(electron)` wires window, settings,
 * credentials, mode manager, IPC, notifications, tray, global shortcut, power monitor and logging
 * around the agent core. main.ts is just `runApp(electron)`. No decisions live here: each piece
 * is a module of its own; this file only connects them and owns startup and a clean quit.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BrowserWindow, NativeImage } from 'electron';
import type { AppState } from '../../src-preload/api';
import { createAgentSession, redact, registerSecret, type Skill, type AgentSession } from '../lp/index';
import { startSimulator } from '../simulator';
import { createAccountActions } from './account-actions';
import { createAppStateStore } from './app-state';
import { createCredentialStore } from './credentials';
import type { ElectronDeps } from './electron-deps';
import { createEventsBridge } from './events-bridge';
import { checkExternalUrl } from './external-links';
import { createIpcRegistry } from './ipc';
import { acceptOldest, createHandlers, registerHandlers } from './ipc-handlers';
import { emptyLiveView, trackSession } from './live-view';
import { createFileLogger } from './logging';
import { createModeManager, demoOverridesFromEnv } from './modes';
import { createRingNotifier } from './notifications';
import { fileOutboxStore, outboxFilePath } from './outbox-file-store';
import { watchPowerAndNetwork } from './power';
import { createSettings } from './settings';
import { electronStoreFactory } from './settings-electron-store';
import { createShortcutController } from './shortcuts';
import { createTrayController, trayIconFile } from './tray';
import type { TrayAction } from './tray-model';
import { createMainWindow } from './window';

/** Equals electron-builder's appId (Windows toasts need it). */
export const APP_USER_MODEL_ID = 'com.lpagentdesktop.app';

export interface RunAppOptions {
  /** Development only (ignored when packaged): load the renderer from this dev server. */
  devServerUrl?: string;
  /** dist/ root; default: the parent of the directory holding the main bundle. */
  distDir?: string;
  /** Also print log lines to stdout. */
  echoLogs?: boolean;
}

export interface RunningApp {
  /** Resolves after the window exists and the startup mode was entered (or failed). */
  readonly started: Promise<void>;
}

const QUIT_CLEANUP_TIMEOUT_MS = 5_000;

export async function runApp(electron: ElectronDeps, opts: RunAppOptions = {}): Promise<RunningApp | null> {
  const { app } = electron;
  app.enableSandbox();
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }
  app.setAppUserModelId(APP_USER_MODEL_ID);

  let win: BrowserWindow | null = null;
  const showWindow = (): void => {
    if (!win || win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  };
  app.on('second-instance', showWindow);

  await app.whenReady();

  const distDir = opts.distDir ?? join(dirname(fileURLToPath(import.meta.url)), '..');
  const assetsDir = join(distDir, 'main', 'assets');
  const indexHtml = join(distDir, 'renderer', 'index.html');
  const devServerUrl = app.isPackaged ? undefined : opts.devServerUrl;
  const userData = app.getPath('userData');
  mkdirSync(userData, { recursive: true });

  const logger = createFileLogger({ dir: join(userData, 'logs'), redact, ...(opts.echoLogs ? { echo: (l: string) => console.log(l) } : {}) });
  const log = (message: string): void => logger.log('info', message);
  log(`starting LP Agent Desktop ${app.getVersion()} on ${process.platform}`);

  const settings = createSettings(electronStoreFactory);
  const credentials = createCredentialStore({ safeStorage: electron.safeStorage, file: join(userData, 'credentials.json'), platform: process.platform });
  log(`secret storage: ${credentials.storage()} (backend ${credentials.backend()})`);
  const initialState: AppState = {
    mode: 'signed-out', secretStorage: credentials.storage(), secretsPersisted: false,
    version: app.getVersion(), platform: process.platform,
  };
  const appState = createAppStateStore(initialState);
  const events = createEventsBridge(() => (win && !win.isDestroyed() ? [win.webContents] : []), redact);

  // Test/dev knobs for the demo simulator (modes.ts): logged once, so a run says what it changed.
  const demoOverrides = demoOverridesFromEnv(process.env);
  if (Object.keys(demoOverrides).length > 0) log(`demo simulator overrides: ${JSON.stringify(demoOverrides)}`);
  const modes = createModeManager({
    createSession: (o) => createAgentSession(o),
    startSimulator: (o) => startSimulator({ ...o, ...demoOverrides }),
    outboxStore: (accountId, username) => fileOutboxStore(outboxFilePath(join(userData, 'outbox'), accountId, username)),
    logger,
  });
  const accounts = createAccountActions({ modes, settings, credentials, appState, log, registerSecret });

  // Skills per session (names for notifications and the tray).
  let skillsFor: { session: AgentSession; skills: Promise<Skill[]> } | null = null;
  let knownSkills: Skill[] = [];
  const listSkills = (session: AgentSession): Promise<Skill[]> => {
    if (skillsFor?.session !== session) {
      const skills = session.listSkills();
      skillsFor = { session, skills };
      skills.then((list) => {
        if (skillsFor?.session !== session) return;
        knownSkills = list;
        renderTray();
      }, (err: unknown) => {
        log(`skills list failed: ${err instanceof Error ? err.message : String(err)}`);
        if (skillsFor?.session === session) skillsFor = null;
      });
    }
    return skillsFor.skills;
  };

  const notifier = createRingNotifier({
    Notification: electron.Notification,
    platform: process.platform,
    settings: () => settings.get(),
    window: () => win,
    skills: () => knownSkills,
    emit: (name, data) => events.emit(name, data),
    acceptRing: (ringId) => modes.current().session?.acceptRing(ringId) ?? Promise.resolve(),
    bounceDock: () => app.dock?.bounce('critical'),
    icon: join(assetsDir, 'icon.png'),
    log,
  });

  const view = emptyLiveView();
  /** After a quick accept (tray, shortcut) the agent's next step is to chat: bring the window up on it. */
  const showAccepted = (ringId: string): void => {
    showWindow();
    events.emit('ui/focus', { ringId });
  };
  const onTrayAction = (action: TrayAction): void => {
    const session = modes.current().session;
    const report = (err: unknown): void => log(`tray action ${action.kind} failed: ${err instanceof Error ? err.message : String(err)}`);
    switch (action.kind) {
      case 'accept':
        session?.acceptRing(action.ringId).then(() => showAccepted(action.ringId), report);
        break;
      case 'accept-oldest':
        acceptOldest(modes).then((r) => r && showAccepted(r.ringId), report);
        break;
      case 'availability':
        session?.setAvailability(action.availability).catch(report);
        break;
      case 'toggle-window':
        if (win && !win.isDestroyed() && win.isVisible()) win.hide();
        else showWindow();
        break;
      case 'quit':
        app.quit();
        break;
    }
  };
  const { nativeImage } = electron;
  const tray = createTrayController<NativeImage>({
    createTray: (image) => new electron.Tray(image),
    buildMenu: (template) => electron.Menu.buildFromTemplate(template),
    image: (key) => {
      const img = nativeImage.createFromPath(join(assetsDir, 'tray', trayIconFile(key)));
      return img.isEmpty() ? nativeImage.createEmpty() : img;
    },
    setBadgeCount: (n) => {
      app.setBadgeCount(n);
    },
    onAction: onTrayAction,
    state: () => ({
      mode: modes.current().mode, phase: view.phase, availability: view.availability, rings: [...view.rings.values()],
      skills: knownSkills, windowVisible: !!win && !win.isDestroyed() && win.isVisible(), now: Date.now(),
    }),
    setInterval: (fn, ms) => setInterval(fn, ms),
    clearInterval: (h) => clearInterval(h as ReturnType<typeof setInterval>),
  });
  /** The tray is a render of state: every change asks for one, and the changes of a tick share it. */
  let trayQueued = false;
  const renderTray = (): void => {
    if (trayQueued) return;
    trayQueued = true;
    setImmediate(() => {
      trayQueued = false;
      try {
        tray.render();
      } catch (err) {
        log(`tray render failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    });
  };

  // Session wiring: events to the renderer, rings to notifications, state to the tray.
  let detachSession: Array<() => void> = [];
  modes.onChange((info) => {
    for (const off of detachSession) off();
    detachSession = [];
    notifier.closeAll();
    knownSkills = [];
    const view0 = emptyLiveView();
    Object.assign(view, view0);
    const { session } = info;
    if (session) {
      detachSession = [
        // First the OS alert, at once, with what is known (notifications.ts); then the renderer;
        // then the tray (coalesced), which shows the consumer's name as soon as it arrives.
        session.on('ring/offered', (ring) => {
          notifier.offered(ring);
          if (knownSkills.length === 0) void listSkills(session).catch(() => undefined);
        }),
        session.on('ring/ended', ({ ring }) => notifier.ended(ring.ringId)),
        events.attachSession(session),
        trackSession(session, view, renderTray),
        session.on('connection', (c) => {
          // Deferred: the core is not ready for REST calls inside its own 'online' emit.
          if (c.phase === 'online') setTimeout(() => void listSkills(session).catch(() => undefined), 0);
        }),
      ];
    }
    accounts.refreshAppState();
    renderTray();
  });
  appState.onChange((state) => {
    events.emit('app/state', state);
    renderTray();
  });

  // Global shortcut, re-applied on settings change; a clash is reported, not fatal.
  let shortcutError: string | undefined;
  const shortcut = createShortcutController({
    globalShortcut: electron.globalShortcut,
    onAcceptOldest: () => {
      acceptOldest(modes).then((r) => r && showAccepted(r.ringId), (err: unknown) => log(`shortcut accept failed: ${err instanceof Error ? err.message : String(err)}`));
    },
  });
  const applyShortcut = (accelerator: string | null): void => {
    const status = shortcut.apply(accelerator);
    shortcutError = 'error' in status ? status.error : undefined;
    if (shortcutError) {
      log(shortcutError);
      events.emit('app/error', { code: 0, location: 'Shortcut#Register', message: shortcutError });
    }
  };
  applyShortcut(settings.get().acceptOldestShortcut);
  const applyLoginItem = (openAtLogin: boolean): void => {
    if (app.isPackaged) app.setLoginItemSettings({ openAtLogin });
  };
  settings.onChange((next, previous) => {
    events.emit('settings/changed', next);
    if (next.acceptOldestShortcut !== previous.acceptOldestShortcut) applyShortcut(next.acceptOldestShortcut);
    if (next.launchAtLogin !== previous.launchAtLogin) applyLoginItem(next.launchAtLogin);
  });

  // IPC before the window: the renderer's first call finds its handler.
  const rendererFileUrl = pathToFileURL(indexHtml).href;
  const ipc = createIpcRegistry({
    ipcMain: electron.ipcMain,
    trusted: { fileUrl: rendererFileUrl, ...(devServerUrl ? { devOrigin: devServerUrl } : {}) },
    redact,
    logger,
  });
  const openExternal = async (url: string): Promise<void> => {
    const check = checkExternalUrl(url);
    if (!check.ok) {
      log(`external link refused (${check.reason})`);
      return;
    }
    await electron.shell.openExternal(check.url);
  };
  registerHandlers(ipc, createHandlers({
    modes, accounts, appState, settings, events,
    skills: { list: listSkills },
    logs: logger,
    chooseExportPath: async () => {
      const defaultPath = join(app.getPath('downloads'), `lp-agent-desktop-${new Date().toISOString().slice(0, 10)}.log`);
      const result = win && !win.isDestroyed()
        ? await electron.dialog.showSaveDialog(win, { title: 'Export logs', defaultPath })
        : await electron.dialog.showSaveDialog({ title: 'Export logs', defaultPath });
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    openExternal,
  }));

  let quitting = false;
  win = createMainWindow({
    electron,
    preloadPath: join(distDir, 'preload', 'preload.cjs'),
    load: devServerUrl ? { url: devServerUrl } : { file: indexHtml },
    settings,
    openExternal: (url) => void openExternal(url).catch((err: unknown) => log(`openExternal failed: ${String(err)}`)),
    isQuitting: () => quitting,
    log,
    icon: join(assetsDir, 'icon.png'),
  });
  win.on('show', renderTray);
  win.on('hide', renderTray);
  win.on('focus', () => win?.flashFrame(false));
  win.on('closed', () => {
    win = null;
  });
  win.webContents.on('did-finish-load', () => {
    // Reported before the page listened: say it again now.
    if (shortcutError) events.emit('app/error', { code: 0, location: 'Shortcut#Register', message: shortcutError });
  });
  renderTray();

  const stopWatching = watchPowerAndNetwork({
    powerMonitor: electron.powerMonitor,
    isOnline: () => electron.net.isOnline(),
    reconnect: (reason) => {
      log(`reconnecting: ${reason}`);
      modes.current().session?.reconnectNow(reason);
    },
    setInterval: (fn, ms) => setInterval(fn, ms),
    clearInterval: (h) => clearInterval(h as ReturnType<typeof setInterval>),
  });

  // Quit: stop the session (logout) and the simulator, then tray, shortcuts, IPC; then really quit.
  let cleanedUp = false;
  app.on('before-quit', (event) => {
    quitting = true;
    if (cleanedUp) return;
    event.preventDefault();
    const cleanup = async (): Promise<void> => {
      stopWatching();
      shortcut.dispose();
      electron.globalShortcut.unregisterAll();
      notifier.closeAll();
      tray.destroy();
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([
        modes.signOut(),
        new Promise<void>((resolve) => {
          timer = setTimeout(resolve, QUIT_CLEANUP_TIMEOUT_MS);
        }),
      ]).catch((err: unknown) => log(`sign-out on quit failed: ${String(err)}`));
      if (timer) clearTimeout(timer);
      ipc.dispose();
      log('quit');
    };
    void cleanup().finally(() => {
      cleanedUp = true;
      app.quit();
    });
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', showWindow);

  const started = accounts.startDefault().catch((err: unknown) => {
    log(`startup mode failed: ${err instanceof Error ? err.message : String(err)}`);
    accounts.refreshAppState();
  });
  return { started };
}
