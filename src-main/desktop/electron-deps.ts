/**
 * The slice of the `electron` module the desktop shell uses. A type-only Pick of the real module,
 * so `runApp(electron)` accepts the real module, and the e2e stand-in (which replaces the module at
 * run time) is held to the same names. Adapters take narrower structural types of their own.
 */
import type * as ElectronModule from 'electron';

export type ElectronDeps = Pick<typeof ElectronModule,
  | 'app' | 'BrowserWindow' | 'ipcMain' | 'Notification' | 'Tray' | 'Menu' | 'nativeImage' | 'safeStorage'
  | 'powerMonitor' | 'net' | 'globalShortcut' | 'shell' | 'screen' | 'dialog' | 'nativeTheme' | 'protocol' | 'session' | 'crashReporter'>;
