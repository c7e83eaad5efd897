// Placeholder until the desktop-shell work: the smallest secure window that loads the renderer.
// The real main (core + adapters + IPC handlers, DESIGN.md) replaces this file; keep the
// security baseline below when it does.
import { app, BrowserWindow, ipcMain } from 'electron';
import type { IpcMainInvokeEvent } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { requestChannel, type AppState } from '../src-preload/api';

const here = dirname(fileURLToPath(import.meta.url)); // dist/main
const preloadPath = join(here, '..', 'preload', 'preload.cjs');
const indexHtml = join(here, '..', 'renderer', 'index.html');
const rendererUrl = pathToFileURL(indexHtml).href;

let win: BrowserWindow | null = null;

function ownFrame(event: IpcMainInvokeEvent): boolean {
  const url = event.senderFrame?.url ?? '';
  return url.split('#')[0] === rendererUrl;
}

function createWindow(): void {
  const w = new BrowserWindow({
    width: 1100,
    height: 760,
    show: false,
    title: 'LP Agent Desktop',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  win = w;
  w.webContents.on('will-navigate', (event) => {
    if (event.url.split('#')[0] !== rendererUrl) {
      event.preventDefault();
      console.log(`main: navigation blocked: ${event.url}`);
    }
  });
  w.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  w.webContents.session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  w.once('ready-to-show', () => w.show());
  w.on('closed', () => {
    win = null;
  });
  void w.loadFile(indexHtml);
}

app.enableSandbox();
if (!app.requestSingleInstanceLock()) {
  console.log('main: another instance is running; quitting');
  app.quit();
} else {
  app.setAppUserModelId('com.lpagentdesktop.app');
  app.on('second-instance', () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  });
  ipcMain.handle(requestChannel('app/state'), (event): AppState => {
    if (!ownFrame(event)) throw new Error('rejected: sender is not the app window');
    return {
      mode: 'signed-out',
      secretStorage: 'unavailable',
      secretsPersisted: false,
      version: app.getVersion(),
      platform: process.platform,
    };
  });
  app.on('window-all-closed', () => app.quit());
  void app.whenReady().then(() => {
    createWindow();
    console.log('main: ready');
  });
}
