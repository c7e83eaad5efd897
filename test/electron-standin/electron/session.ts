/**
 * `session`: one default session that keeps the permission handlers the app sets (child.ts asks
 * them), with the network model of proxy.ts (`setProxy`, `resolveProxy`, `fetch`; a proxy's 407
 * asks the app's 'login' event, wired by index.ts).
 */
import { EventEmitter } from 'node:events';
import { StandinNetwork, type LoginAsker } from './proxy';

type PermissionRequestHandler = Parameters<Electron.Session['setPermissionRequestHandler']>[0];
type PermissionCheckHandler = Parameters<Electron.Session['setPermissionCheckHandler']>[0];

export class StandinSession extends EventEmitter implements Pick<Electron.Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'clearCache' | 'clearStorageData' | 'setSpellCheckerEnabled' | 'setProxy' | 'resolveProxy' | 'fetch'> {
  /** Who answers a proxy's 407 (index.ts: the app's 'login' event). */
  static askLogin: LoginAsker = () => false;
  private readonly network = new StandinNetwork(process.env, (info, cb) => StandinSession.askLogin(info, cb));
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
  setProxy(config: Electron.ProxyConfig): Promise<void> {
    return this.network.setProxy(config);
  }
  resolveProxy(url: string): Promise<string> {
    return this.network.resolveProxy(url);
  }
  fetch(input: string | Request, init?: RequestInit): Promise<Response> {
    return this.network.fetch(input, init);
  }
}
export const defaultSession = new StandinSession();

export const session = {
  defaultSession,
  fromPartition: (): StandinSession => defaultSession,
};
