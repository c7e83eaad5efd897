/** `session`: one default session that keeps the permission handlers the app sets (child.ts asks them). */
import { EventEmitter } from 'node:events';

type PermissionRequestHandler = Parameters<Electron.Session['setPermissionRequestHandler']>[0];
type PermissionCheckHandler = Parameters<Electron.Session['setPermissionCheckHandler']>[0];

export class StandinSession extends EventEmitter implements Pick<Electron.Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'clearCache' | 'clearStorageData' | 'setSpellCheckerEnabled'> {
  permissionRequestHandler: PermissionRequestHandler = null;
  permissionCheckHandler: PermissionCheckHandler = null;
  readonly webRequest = {
    onHeadersReceived: (): void => undefined,
    onBeforeRequest: (): void => undefined,
  };

  setPermissionRequestHandler(handler: PermissionRequestHandler): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: PermissionCheckHandler): void {
    this.permissionCheckHandler = handler;
  }
  async clearCache(): Promise<void> {}
  async clearStorageData(): Promise<void> {}
  setSpellCheckerEnabled(): void {}
}
export const defaultSession = new StandinSession();

export const session = {
  defaultSession,
  fromPartition: (): StandinSession => defaultSession,
};
