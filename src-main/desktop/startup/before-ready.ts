/**
 * Phase 1, before `app.whenReady()`: the sandbox for every renderer, the single-instance lock (a
 * second instance hands over to the first and quits), and the Windows toast identity.
 */

/** Equals electron-builder's appId (Windows toasts need it). */
export const APP_USER_MODEL_ID = 'com.lpagentdesktop.app';

export interface InstanceApp {
  enableSandbox(): void;
  requestSingleInstanceLock(): boolean;
  setAppUserModelId(id: string): void;
  quit(): void;
  on(event: 'second-instance', listener: () => void): unknown;
}

/**
 * False when another instance holds the lock: this one quits (and the other is told by Electron's
 * 'second-instance'). True for the first instance, which then shows itself on `onSecondInstance`.
 */
export function initializeBeforeAppReady(app: InstanceApp, onSecondInstance: () => void): boolean {
  app.enableSandbox();
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.setAppUserModelId(APP_USER_MODEL_ID);
  app.on('second-instance', onSecondInstance);
  return true;
}
