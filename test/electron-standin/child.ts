/**
 * The child process: runs the real built main (dist/main/main.js) with `electron` redirected to
 * the stand-in, and answers the test's control commands over the Node IPC channel.
 * Started by launch.ts (bundled with esbuild first); never imported by tests.
 */
import { resolve } from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import { pathToFileURL } from 'node:url';
import {
  app, cdpEndpoint, changed, closeBrowser, electron, launchBrowser, lifecycle, liveNotification, liveNotificationCount, liveTray, onChange, powerMonitor,
  ipcPayloads, osCalls, pressShortcut, stateFeed, queueDialogResponse, queueOpenDialogAnswer, recorded, setOnline, StandinBrowserWindow, StandinMenu,
} from './electron';
import type { ChildMessage, ControlCommand, ControlRequest, MainHeap } from './protocol';
import { presentPlatformToApp } from './electron/platform';
import { redirectElectron } from './redirect';

function send(message: ChildMessage): void {
  if (process.connected) process.send?.(message);
}

let exiting = false;
lifecycle.exit = (code: number): void => {
  if (exiting) return;
  exiting = true;
  void closeBrowser().finally(() => process.exit(code));
};
// The test process went away, or we are told to stop: do not linger (and take Chromium along).
process.on('disconnect', () => lifecycle.exit(0));
process.on('SIGTERM', () => lifecycle.exit(143));
process.on('SIGINT', () => lifecycle.exit(130));

function windowById(id: number | undefined): StandinBrowserWindow {
  const all = StandinBrowserWindow.getAllWindows();
  const w = id === undefined ? all[0] : all.find((x) => x.id === id);
  if (!w) throw new Error(id === undefined ? 'no open window' : `no open window #${id}`);
  return w;
}

async function handle(req: ControlCommand): Promise<unknown> {
  switch (req.cmd) {
    case 'state':
      return recorded;
    case 'ipc/payloads':
      return ipcPayloads;
    case 'cdp':
      return cdpEndpoint();
    case 'notification/click':
      liveNotification(req.id).click();
      return null;
    case 'notification/action':
      liveNotification(req.id).action(req.index);
      return null;
    case 'notification/close':
      liveNotification(req.id).closedBy(req.reason ?? 'userCanceled');
      return null;
    case 'tray/click':
      liveTray(req.trayId).clickIcon(req.button ?? 'left');
      return null;
    case 'tray/close-menu':
      liveTray(req.trayId).closeMenu();
      return null;
    case 'window/session-end':
      windowById(req.windowId).endSession(req.reasons);
      return null;
    case 'window/minimize': {
      const w = windowById(req.windowId);
      if (req.minimized) w.minimize();
      else w.restore();
      return null;
    }
    case 'tray/click-item':
      liveTray(req.trayId).clickItem(req.item);
      return null;
    case 'menu/click-item': {
      const item = StandinMenu.getApplicationMenu()?.find(req.item);
      if (!item) throw new Error(`application menu has no item "${req.item}"`);
      item.click();
      return null;
    }
    case 'app/second-instance':
      return app.secondInstance(req.argv, req.cwd ?? process.cwd());
    case 'app/activate':
      app.emit('activate', { preventDefault: () => undefined, defaultPrevented: false }, StandinBrowserWindow.getAllWindows().some((w) => w.isVisible()));
      return null;
    case 'app/quit':
      app.quit();
      return recorded.app.quitting;
    case 'window/close':
      windowById(req.windowId).close();
      return null;
    case 'window/crash-renderer':
      windowById(req.windowId).webContents.forcefullyCrashRenderer();
      return null;
    case 'window/context-menu':
      windowById(req.windowId).webContents.contextMenu(req.params);
      return null;
    case 'popup/click-item': {
      const item = StandinMenu.lastPopup()?.find(req.item);
      if (!item) throw new Error(`no popup menu item "${req.item}"`);
      item.click();
      return null;
    }
    case 'window/focus':
      windowById(req.windowId).setFocusedByOs(req.focused);
      return null;
    case 'power':
      if (req.event === 'lock-screen') powerMonitor.idleState = 'locked';
      if (req.event === 'unlock-screen') powerMonitor.idleState = 'active';
      if (req.event === 'on-battery') powerMonitor.onBatteryPower = true;
      if (req.event === 'on-ac') powerMonitor.onBatteryPower = false;
      powerMonitor.emit(req.event, { preventDefault: () => undefined, defaultPrevented: false });
      return null;
    case 'net/online':
      await setOnline(req.online);
      return null;
    case 'shortcut/press':
      pressShortcut(req.accelerator);
      return null;
    case 'safe-storage':
      if (req.available !== undefined) recorded.safeStorage.available = req.available;
      if (req.backend !== undefined) recorded.safeStorage.backend = req.backend;
      return recorded.safeStorage;
    case 'permission/request': {
      const w = windowById(req.windowId);
      const handler = w.webContents.session.permissionRequestHandler;
      const granted = await new Promise<boolean>((done) => {
        if (!handler) {
          done(true); // Electron's default: grant
          return;
        }
        handler(w.webContents as unknown as Electron.WebContents, req.permission as Parameters<NonNullable<typeof handler>>[1], done, {
          isMainFrame: true, requestingUrl: w.webContents.getURL(),
        });
      });
      recorded.permissionRequests.push({ windowId: w.id, permission: req.permission, granted });
      return granted;
    }
    case 'dialog/next-response':
      queueDialogResponse(req.response);
      return null;
    case 'dialog/next-open':
      queueOpenDialogAnswer(req.filePaths);
      return null;
    case 'ipc/invoke-frameless':
      return windowById(req.windowId).webContents.handlePageMessage(null, { kind: 'invoke', channel: req.channel, args: req.args });
    case 'ipc/invoke-as':
      return windowById(req.windowId).webContents.handlePageMessage(req.senderUrl, { kind: 'invoke', channel: req.channel, args: req.args });
    case 'debug/forget':
      forgetHistory();
      return null;
    case 'debug/heap':
      return mainHeap();
    case 'debug/heap-snapshot':
      mainHeap();
      return writeHeapSnapshot(req.file);
    case 'debug/os-calls':
      return { ...osCalls };
  }
}

/** Bench: the recorded history goes (protocol.ts 'debug/forget'); what is still live stays. */
function forgetHistory(): void {
  recorded.ipc.length = 0;
  ipcPayloads.length = 0;
  recorded.console.length = 0;
  recorded.sounds.length = 0;
  recorded.protocolRequests.length = 0;
  const open = recorded.notifications.filter((n) => !n.closed);
  recorded.notifications.splice(0, recorded.notifications.length, ...open);
  for (const key of ['ipc', 'console', 'sounds', 'protocolRequests', 'notifications'] as const) stateFeed.rewritten(key);
  changed(); // the test's copy forgets too, now rather than at the next unrelated change
}

/** Bench: main's heap after GC (protocol.ts 'debug/heap'). */
function mainHeap(): MainHeap {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    gc();
  }
  return { heapUsed: process.memoryUsage().heapUsed, gc: gc !== undefined, liveNotifications: liveNotificationCount() };
}

process.on('message', ({ requestId, command }: ControlRequest) => {
  handle(command).then(
    (result) => send({ type: 'reply', requestId, ok: true, result: result ?? null }),
    (err: unknown) => send({ type: 'reply', requestId, ok: false, error: err instanceof Error ? err.message : String(err) }),
  );
});
onChange(() => send({ type: 'state', delta: stateFeed.next() }));

const mainPath = resolve(process.env.STANDIN_MAIN ?? 'dist/main/main.js');
redirectElectron(electron);
// The app's bundle sees STANDIN_PLATFORM as process.platform (platform.ts).
presentPlatformToApp(mainPath);
// Chromium starts while main loads (most of the ~1.5 s of a launch).
void launchBrowser().then(async () => {
  // Run by hand (npm run dev:standin): say where DevTools is.
  if (!process.connected) console.log(`[standin] Chromium DevTools: ${await cdpEndpoint()}`);
}, (err: unknown) => {
  console.error('[standin] chromium failed to launch:', err);
  lifecycle.exit(70);
});
try {
  await import(pathToFileURL(mainPath).href);
} catch (err) {
  console.error(`[standin] ${mainPath} failed to load:`, err);
  lifecycle.exit(1);
}
// Like Electron: 'ready' comes after the main script's synchronous part.
if (!exiting && !recorded.app.quitting) setImmediate(() => app.start());
