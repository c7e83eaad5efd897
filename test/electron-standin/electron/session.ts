/**
 * `session`: one default session that keeps the permission handlers the app sets (child.ts asks
 * them), the spellchecker's languages and custom words (recorded), and the network model of
 * proxy.ts (`setProxy`, `resolveProxy`, `fetch`; a proxy's 407 asks the app's 'login' event, wired by index.ts).
 */
import { EventEmitter } from 'node:events';
import { StandinNetwork, type LoginAsker } from './proxy';
import { changed, recorded } from './record';

type PermissionRequestHandler = Parameters<Electron.Session['setPermissionRequestHandler']>[0];
type PermissionCheckHandler = Parameters<Electron.Session['setPermissionCheckHandler']>[0];

export class StandinSession extends EventEmitter implements Pick<Electron.Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'clearCache' | 'clearStorageData' | 'setSpellCheckerEnabled'
  | 'setSpellCheckerLanguages' | 'getSpellCheckerLanguages' | 'availableSpellCheckerLanguages' | 'addWordToSpellCheckerDictionary' | 'setProxy' | 'resolveProxy' | 'fetch' | 'setCertificateVerifyProc'> {
  /** A part of Chromium's list of Hunspell dictionaries (what `availableSpellCheckerLanguages` reports on Linux/Windows). */
  readonly availableSpellCheckerLanguages = ['de-DE', 'en-AU', 'en-CA', 'en-GB', 'en-US', 'es', 'es-419', 'es-ES', 'es-MX', 'fr-FR', 'it-IT', 'nl', 'pt-BR', 'pt-PT'];
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
  /** Electron throws for a code outside availableSpellCheckerLanguages ("Invalid language code provided"). */
  setSpellCheckerLanguages(languages: string[]): void {
    for (const lang of languages) {
      if (!this.availableSpellCheckerLanguages.includes(lang)) throw new Error(`Invalid language code provided: "${lang}" is not a valid language code`);
    }
    recorded.spellchecker.languages = [...languages];
    changed();
  }
  getSpellCheckerLanguages(): string[] {
    return [...recorded.spellchecker.languages];
  }
  /** True: the default session is persistent (the docs: in-memory sessions answer false). */
  addWordToSpellCheckerDictionary(word: string): boolean {
    recorded.spellchecker.added.push(word);
    changed();
    return true;
  }
  setProxy(config: Electron.ProxyConfig): Promise<void> {
    return this.network.setProxy(config);
  }
  resolveProxy(url: string): Promise<string> {
    return this.network.resolveProxy(url);
  }
  fetch(input: string | Request, init?: RequestInit): Promise<Response> {
    return this.network.fetch(input, init);
  }
  setCertificateVerifyProc(proc: ((request: Electron.Request, callback: (verificationResult: number) => void) => void) | null): void {
    this.network.setCertificateVerifyProc(proc);
  }
}
export const defaultSession = new StandinSession();

export const session = {
  defaultSession,
  fromPartition: (): StandinSession => defaultSession,
};
