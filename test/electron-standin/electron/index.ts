/**
 * A typed stand-in for the `electron` module as the MAIN process sees it, for running the real
 * built app (dist/main/main.js) where no Electron binary exists. Each piece (a file in this folder)
 * implements a `Pick` of Electron's own type (node_modules/electron/electron.d.ts), so a drift from
 * the real API is a type error. BrowserWindow is a Playwright page in Debian's Chromium; the rest
 * records what the app did (see StandinState) and can be driven by the test through child.ts's
 * control channel. This file assembles the module; redirect.ts makes `electron` resolve to it.
 */
import type * as ElectronModule from 'electron';
import { app } from './app';
import { StandinBrowserWindow } from './browser-window';
import { crashReporter } from './crash-reporter';
import { dialog } from './dialog';
import { globalShortcut } from './global-shortcut';
import { ipcMain } from './ipc-main';
import { StandinMenu, StandinMenuItem } from './menu';
import { nativeImage } from './native-image';
import { nativeTheme } from './native-theme';
import { net } from './net';
import { protocol } from './protocol';
import { StandinNotification } from './notification';
import { safeStorage } from './safe-storage';
import { StandinSession, session } from './session';
import { shell } from './shell';
import { powerMonitor, screen } from './system';
import { StandinTray } from './tray';

type ElectronExports = typeof ElectronModule;

// A proxy's 407 on the session's fetch is asked through app 'login' (isProxy), as Electron documents:
// a listener that calls preventDefault() answers with callback(username, password).
StandinSession.askLogin = (authInfo, callback) => {
  let handled = false;
  const event = { preventDefault: () => { handled = true; } };
  app.emit('login', event, null, { method: 'CONNECT', url: `http://${authInfo.host}:${authInfo.port}` }, authInfo, callback);
  return handled;
};

export const electron = {
  app,
  BrowserWindow: StandinBrowserWindow,
  ipcMain,
  Notification: StandinNotification,
  Tray: StandinTray,
  Menu: StandinMenu,
  MenuItem: StandinMenuItem,
  nativeImage,
  nativeTheme,
  safeStorage,
  powerMonitor,
  net,
  globalShortcut,
  shell,
  screen,
  dialog,
  session,
  protocol,
  crashReporter,
};

// Every name the stand-in exports must exist in the real module (a typo or a removed API fails here).
type Unknown = Exclude<keyof typeof electron, keyof ElectronExports>;
const _namesExist: [Unknown] extends [never] ? true : Unknown = true;
void _namesExist;

// What child.ts drives: the pieces, the test hooks and the recording.
export { app, lifecycle } from './app';
export { cdpEndpoint, closeBrowser, launchBrowser } from './browser';
export { StandinBrowserWindow } from './browser-window';
export { queueDialogResponse, queueOpenDialogAnswer } from './dialog';
export { pressShortcut } from './global-shortcut';
export { StandinMenu } from './menu';
export { setOnline } from './net';
export { liveNotification, liveNotificationCount } from './notification';
export { changed, ipcPayloads, onChange, osCalls, recorded, stateFeed } from './record';
export { powerMonitor } from './system';
export { liveTray } from './tray';
