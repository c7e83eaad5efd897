/**
 * The composition root of the desktop main process: `runApp(electron)` runs the start-up phases of
 * startup/ in order (before ready → core → presenters and session wiring → quick actions, shortcut,
 * settings → IPC → power watch → quit sequence → window → startup mode) and passes one phase's
 * result to the next. No `let`, no decision here: the state each phase changes lives in that phase's
 * module, each with its own tests (test/desktop/startup/). This file only supplies Electron, the
 * real timers and the order. main.ts is just `runApp(electron)`; README.md maps the folder.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserWindow } from 'electron';
import { createAgentSession, registerSecret } from '../lp';
import { createCloseAsker, openConversationCount } from './close-decision';
import { createCsdsHostConfirm } from './csds-trust';
import type { ElectronDeps } from './electron-deps';
import { createLaunchAtLogin } from './login-item';
import { emptyLiveView } from './live-view';
import { setApplicationMenu } from './menu';
import { appMenuModel } from './menu-model';
import { electronStoreFactory } from './settings-electron-store';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { guardAllWebContents, initializeBeforeAppReady, refusedDebugSwitch } from './startup/before-ready';
import { createCore } from './startup/core';
import { createCertificateFileChooser, createOpenExternal, createSavePathChooser, registerIpc } from './startup/ipc-phase';
import { createFilesService } from './files/files-service';
import { requireSession } from './ipc-handlers';
import { resolveAppPaths } from './startup/paths';
import { watchConnectivity } from './startup/power-watch';
import { createPresenters } from './startup/presenters';
import { createQuickActions } from './startup/quick-actions';
import { installQuitSequence } from './startup/quit-sequence';
import { wireAppState, wireSessions } from './startup/session-wiring';
import { reactToSettings } from './startup/settings-reactions';
import { createShortcutPhase } from './startup/shortcut';
import { createSkillsCache } from './startup/skills-cache';
import { openMainWindow } from './startup/window-phase';
import { createWindowHolder } from './startup/window-holder';
import { autoUpdaterOf, startUpdatesPhase } from './updates/updates-phase';
import { t } from './i18n';
import { startCrashReporter } from './crash-reports';
import { createCrashActions } from './startup/crash-phase';
import { waitingRings } from './ring-text';
import { createMenuActions } from './startup/menu-phase';
import { createZoom } from './zoom';
import { installProcessGuards } from './process-guards';
import { watchRenderer } from './renderer-watch';
import { createProxyCredentialStore } from './network/proxy-credentials';
import { proxyPromptText } from './network/proxy-prompt-text';
import { createProxyPromptWindow, openPromptWindow } from './network/proxy-prompt-window';
import { createRememberedProxyCredentials } from './network/remembered-proxy-credentials';
import { applyNetworkSettings } from './startup/network-reactions';
import { createMainWindow, isWaylandSession } from './window';
import { createNavigationAllowances } from './sso/login-window';
import { createSsoPhase } from './startup/sso-phase';

export { APP_USER_MODEL_ID } from './startup/before-ready';

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

const timers = {
  setInterval: (fn: () => void, ms: number): unknown => setInterval(fn, ms),
  clearInterval: (h: unknown): void => clearInterval(h as ReturnType<typeof setInterval>),
};
const timeouts = {
  setTimeout: (fn: () => void, ms: number): unknown => setTimeout(fn, ms),
  clearTimeout: (h: unknown): void => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export async function runApp(electron: ElectronDeps, opts: RunAppOptions = {}): Promise<RunningApp | null> {
  const { app } = electron;
  const refused = refusedDebugSwitch({ isPackaged: app.isPackaged, argv: process.argv, hasSwitch: (s) => app.commandLine.hasSwitch(s) });
  if (refused) {
    console.error(`LP Agent Desktop: refusing to start with --${refused} (a debugger could read your session)`);
    app.exit(1);
    return null;
  }
  const window = createWindowHolder<BrowserWindow>();
  if (!initializeBeforeAppReady(app, window.show)) return null;
  registerAppScheme(electron.protocol);
  // Local crash dumps only (no upload), started before 'ready' as Electron's docs ask (crash-reports.ts).
  startCrashReporter(electron.crashReporter, app.getName());
  // Logs before the core's logger exists go nowhere; the guard's refusals are logged once it does.
  const guardLog = { log: (_message: string): void => undefined };
  // The SSO login window's http(s) pages are the guard's one exception (sso/login-window.ts).
  const navigation = createNavigationAllowances();
  guardAllWebContents(app, (m) => guardLog.log(m), navigation.mayNavigate);
  await app.whenReady();

  const paths = resolveAppPaths({
    distDir: opts.distDir ?? join(dirname(fileURLToPath(import.meta.url)), '..'),
    isPackaged: app.isPackaged,
    ...(opts.devServerUrl ? { devServerUrl: opts.devServerUrl } : {}),
  });
  // Proxy credentials: one store for REST (app 'login', isProxy) and the socket, asked in a small
  // window of its own (no preload, no Node), remembered encrypted when the user asks (issue 11 item 2).
  const remembered = createRememberedProxyCredentials({ safeStorage: electron.safeStorage, file: join(app.getPath('userData'), 'proxy-credentials.json'), log: (m) => guardLog.log(m) });
  const proxyCredentials = createProxyCredentialStore(createProxyPromptWindow({
    open: (title) => {
      const parent = window.current();
      return openPromptWindow(electron.BrowserWindow, parent && !parent.isDestroyed() ? parent : null, title);
    },
    text: proxyPromptText,
    canRemember: remembered.canRemember,
    log: (m) => guardLog.log(m),
  }), { remembered });
  app.on('login', proxyCredentials.onLogin);
  // One of each main-process dialog, shared by everything that asks: the CSDS host confirmation (the
  // core's sign-in and SSO's) and the save dialog (log export, support zip, images).
  const confirmCsdsHost = createCsdsHostConfirm({ dialog: electron.dialog, window: window.current });
  const chooseSavePath = createSavePathChooser({ dialog: electron.dialog, downloadsDir: () => app.getPath('downloads'), window: window.current });
  const core = createCore({
    userData: app.getPath('userData'), version: app.getVersion(), platform: process.platform, env: process.env,
    osLanguages: () => [...app.getPreferredSystemLanguages(), app.getLocale()],
    safeStorage: electron.safeStorage, storeFactory: electronStoreFactory,
    createSession: createAgentSession,
    // The simulator is loaded only when demo mode starts one: live start-up never evaluates it (issue #15).
    startSimulator: async (o) => (await import('../simulator')).startSimulator(o),
    webContents: () => { const w = window.current(); return w ? [w.webContents] : []; },
    ...(opts.echoLogs ? { echo: (line: string) => console.log(line) } : {}),
    netSession: electron.session.defaultSession, proxyCredentials,
    confirmCsdsHost,
    chooseCertificateFile: createCertificateFileChooser({ dialog: electron.dialog, window: window.current }),
  });
  const { log, modes, events, settings } = core;
  installProcessGuards({ process, log: (level, message) => core.logger.log(level, message), quit: () => app.quit() });
  guardLog.log = log;
  const files = createFilesService({
    session: () => requireSession(modes),
    chooseSavePath: (name) => chooseSavePath({ kind: 'image', name }),
    log,
  });
  serveRenderer(electron.protocol, { rootDir: paths.rendererDir, log, files });

  const skills = createSkillsCache({ log });
  const view = emptyLiveView();
  const actions = createQuickActions({ modes, events, window, quit: () => app.quit(), log });
  const { notifier, tray, attention, renderTray } = createPresenters({
    electron, platform: process.platform, assetsDir: paths.assetsDir, settings, modes, events, skills, view,
    window: window.current, showWindow: window.show, windowVisible: window.visible, onTrayAction: actions.onTrayAction, log,
    defer: (fn) => setImmediate(fn), ...timers, ...timeouts,
  });
  skills.onLoaded(renderTray);
  wireSessions({ modes, notifier, attention, events, skills, view, renderTray, refreshAppState: core.accounts.refreshAppState, defer: (fn) => setTimeout(fn, 0) });
  wireAppState(core.appState, events, renderTray);

  const shortcut = createShortcutPhase({ globalShortcut: electron.globalShortcut, onAcceptOldest: actions.acceptOldestFromShortcut, events, log });
  shortcut.apply(settings.get().acceptOldestShortcut);
  reactToSettings({
    settings, events, applyShortcut: shortcut.apply, app,
    setLaunchAtLogin: createLaunchAtLogin({
      platform: process.platform, env: process.env, home: app.getPath('home'), execPath: app.getPath('exe'), name: app.getName(),
      setLoginItemSettings: (s) => app.setLoginItemSettings(s), log,
    }),
  });

  // Updates (updates/): the IT policy's feed, else the build's; electron-updater loaded only when there is a feed.
  const updates = startUpdatesPhase({
    isPackaged: app.isPackaged, policyUrl: core.policy.policy.updateFeedUrl, env: process.env,
    loadUpdater: async () => autoUpdaterOf(await import('electron-updater')),
    publish: (status) => core.appState.update({ update: status }),
    busy: () => {
      const { session } = modes.current();
      return { openConversations: openConversationCount(session), waitingRings: session ? waitingRings(session.snapshot().rings).length : 0 };
    },
    log, now: Date.now, ...timeouts,
  });

  const openExternal = createOpenExternal({ shell: electron.shell, dialog: electron.dialog, window: window.current, log });
  const chooseExportPath = (): Promise<string | null> => chooseSavePath({ kind: 'logs' });
  const crash = createCrashActions({
    crashDir: () => app.getPath('crashDumps'), openPath: (p) => electron.shell.openPath(p),
    chooseReportPath: () => chooseSavePath({ kind: 'report' }),
    logLines: () => core.logger.redactedLines(), crashReporter: electron.crashReporter,
    about: { name: app.getName(), version: app.getVersion(), platform: process.platform, versions: process.versions }, log,
  });
  const sso = createSsoPhase({
    electron, core, policy: core.policy.policy, navigation, registerSecret, showWindow: window.show, confirmCsdsHost,
  });
  const ipc = registerIpc({ ipcMain: electron.ipcMain, paths, core, skills, openExternal, attention, chooseExportPath, sso, updates, crash, files, resetProxyPrompt: proxyCredentials.reset });

  const zoom = createZoom({ get: settings.zoomLevel, set: settings.setZoomLevel, target: () => window.current()?.webContents ?? null });
  // The application menu, rebuilt in the new language when it changes (its labels are main's text)
  // and when an update is ready ("Restart to update" joins it; an Electron menu is set whole).
  const installMenu = (): void => {
    const update = updates.status();
    const menuModel = appMenuModel({
      appName: app.getName(), platform: process.platform, development: !app.isPackaged,
      ...(update.state === 'ready' ? { restartToUpdateLabel: t('updates.menuRestart', { version: update.version }) } : {}),
    });
    setApplicationMenu(electron.Menu, menuModel, createMenuActions({
      model: menuModel, platform: process.platform, log,
      about: { name: app.getName(), version: app.getVersion(), versions: process.versions },
      exePath: () => app.getPath('exe'),
      showMessageBox: (o) => { const w = window.current(); return w ? electron.dialog.showMessageBox(w, o) : electron.dialog.showMessageBox(o); },
      openPath: (p) => electron.shell.openPath(p),
      showWindow: window.show,
      openPanel: (panel) => events.emit('ui/open', { panel }),
      exportLogs: async () => { const path = await chooseExportPath(); return path === null ? null : core.logger.exportTo(path); },
      zoom: zoom.change,
      acceptOldestShortcut: () => settings.get().acceptOldestShortcut ?? '',
      reload: () => window.current()?.webContents.reload(),
      toggleDevTools: () => window.current()?.webContents.toggleDevTools(),
      restartToUpdate: () => updates.restart(),
      quit: () => app.quit(),
    }));
  };
  installMenu();
  updates.onReady(installMenu);
  // The language setting (or the OS) changed: main's text (tray, menu) and the window follow at once.
  settings.onChange((next) => {
    if (core.i18n.apply(next.language)) {
      core.appState.update({ language: core.i18n.language() });
      renderTray();
      installMenu();
    }
  });

  if (core.network) await applyNetworkSettings({ network: core.network, settings, modes, log });
  const stopWatching = watchConnectivity({ powerMonitor: electron.powerMonitor, net: electron.net, modes, log, ...timers });
  const quit = installQuitSequence({
    app, platform: process.platform, log,
    stopAdapters: () => {
      stopWatching();
      sso.dispose();
      updates.dispose();
      core.drafts.dispose();
      shortcut.dispose();
      notifier.closeAll();
      attention.clear();
      tray.destroy();
    },
    signOut: () => modes.signOut(),
    releaseIpc: () => ipc.dispose(),
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  });

  openMainWindow({
    holder: window, renderTray, onPageLoaded: () => { shortcut.replayError(); zoom.apply(); }, onSessionEnd: quit.endSession,
    canRecreate: () => !quit.isQuitting(), onFocusChange: attention.focusChanged,
    create: () => {
      const win = createMainWindow({
        electron, preloadPath: paths.preloadPath, settings, log, icon: paths.icon, isQuitting: quit.isQuitting,
        wayland: isWaylandSession(process.platform, process.env), systemDark: () => electron.nativeTheme.shouldUseDarkColors,
        openConversations: () => openConversationCount(modes.current().session), askOnClose: createCloseAsker<BrowserWindow>(electron.dialog), quitApp: () => app.quit(),
        load: { url: paths.devServerUrl ?? paths.rendererUrl }, devTools: !app.isPackaged,
        openExternal: (url) => void openExternal(url).catch((err: unknown) => log(`openExternal failed: ${String(err)}`)),
      });
      // A renderer that dies or hangs is reloaded; the page takes its state back from main's snapshot.
      watchRenderer(win, { log, onGone: core.notices.pageGone });
      return win;
    },
  });
  renderTray();
  app.on('activate', window.show);

  const started = core.accounts.startDefault().catch((err: unknown) => {
    log(`startup mode failed: ${err instanceof Error ? err.message : String(err)}`);
    core.accounts.refreshAppState();
  });
  return { started };
}
